//! Source spans of pieces of shell words: a word's raw text maps back to the Dockerfile
//! through its span, past line continuations and escapes.

use std::ops::Range;

use super::{Part, ShWord};
use crate::syntax::Span;

/// The source span of bytes `from..to` of a word's raw text. A word written across a line
/// continuation has the continuation (and any comment line) in its source text but not in
/// its raw text: the two are aligned to find the offsets; when that fails, the whole word.
pub(crate) fn raw_span(source: &str, word: &ShWord, from: usize, to: usize) -> Span {
    if to < from || to > word.raw.len() {
        return word.span;
    }
    if word.span.len() as usize == word.raw.len() {
        return Span::new(word.span.start + from as u32, word.span.start + to as u32);
    }
    let (raw, src) = (word.raw.as_bytes(), word.span.text(source).as_bytes());
    // Source offset of each raw byte, matched greedily (the source only adds bytes).
    let mut at = Vec::with_capacity(raw.len());
    let mut j = 0;
    for &r in raw {
        while j < src.len() && src[j] != r {
            j += 1;
        }
        if j == src.len() {
            return word.span;
        }
        at.push(j);
        j += 1;
    }
    let start = if from < at.len() { at[from] } else { src.len() };
    let end = if to == 0 { start } else { at[to - 1] + 1 };
    Span::new(word.span.start + start as u32, word.span.start + end.max(start) as u32)
}

/// The source span of one part of a word.
pub(crate) fn part_span(source: &str, word: &ShWord, part: &Part) -> Span {
    let from = part.start.saturating_sub(word.start) as usize;
    let to = part.end.saturating_sub(word.start) as usize;
    raw_span(source, word, from, to)
}

/// The raw text of one part of a word.
pub(crate) fn part_text<'a>(word: &'a ShWord, part: &Part) -> &'a str {
    let s = part.start.saturating_sub(word.start) as usize;
    let e = (part.end.saturating_sub(word.start) as usize).min(word.raw.len());
    word.raw.get(s..e).unwrap_or("")
}

/// The source span of the first `len` bytes of a word (e.g. the name of `NAME=value`).
pub(crate) fn word_prefix_span(source: &str, word: &ShWord, len: usize) -> Span {
    raw_span(source, word, 0, len)
}

/// The source span of bytes `range` of `text`, a value read from `span` of the source
/// with quotes, escapes or continuations possibly removed: each byte of `text` is matched
/// in order in the source text (which only adds bytes). The whole span when that fails.
pub(crate) fn text_span(source: &str, span: Span, text: &str, range: Range<usize>) -> Span {
    let src = span.text(source).as_bytes();
    if src.len() == text.len() {
        return Span::new(span.start + range.start as u32, span.start + range.end as u32);
    }
    let mut at = Vec::with_capacity(text.len());
    let mut j = 0;
    for &b in text.as_bytes() {
        while j < src.len() && src[j] != b {
            j += 1;
        }
        if j == src.len() {
            return span;
        }
        at.push(j);
        j += 1;
    }
    if range.start >= range.end || range.end > at.len() {
        return span;
    }
    Span::new(span.start + at[range.start] as u32, span.start + at[range.end - 1] as u32 + 1)
}
