//! Byte spans over the source, and the line index that turns them into line/column
//! positions at the edges (UTF-8 columns for the CLI, UTF-16 columns for the browser).

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into the original source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub const fn empty(offset: u32) -> Self {
        Span { start: offset, end: offset }
    }

    pub fn from_range(range: Range<usize>) -> Self {
        Span::new(range.start as u32, range.end as u32)
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text of this span in `source`.
    pub fn text(self, source: &str) -> &str {
        &source[self.range()]
    }

    pub fn shift(self, by: u32) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column. Which unit the column counts depends on the call that made
/// it: UTF-8 bytes, Unicode scalar values or UTF-16 code units.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Start offsets of every line. Lines end at `\n`, as BuildKit reads them (a `\r` before
/// it belongs to the line).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = Vec::with_capacity(source.len() / 32 + 1);
        starts.push(0);
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts, len: source.len() as u32 }
    }

    /// Number of lines (a final line break does not start a new line).
    pub fn line_count(&self) -> u32 {
        let n = self.starts.len() as u32;
        if n > 1 && *self.starts.last().unwrap() == self.len {
            n - 1
        } else {
            n
        }
    }

    /// 0-based line number of `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32,
            Err(i) => i as u32 - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: u32) -> u32 {
        self.starts.get(line as usize).copied().unwrap_or(self.len)
    }

    /// 1-based line and 1-based column in UTF-8 bytes.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        LineCol { line: line + 1, col: offset - self.starts[line as usize] + 1 }
    }

    /// 1-based line and 1-based column in Unicode scalar values (what a terminal shows).
    pub fn line_col_chars(&self, source: &str, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line as usize] as usize;
        let col = source[start..floor_char_boundary(source, offset as usize)].chars().count();
        LineCol { line: line + 1, col: col as u32 + 1 }
    }

    /// 1-based line and 1-based column in UTF-16 code units (what a browser's text APIs use).
    pub fn line_col_utf16(&self, source: &str, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line as usize] as usize;
        let col: usize =
            source[start..floor_char_boundary(source, offset as usize)].chars().map(char::len_utf16).sum();
        LineCol { line: line + 1, col: col as u32 + 1 }
    }

    /// The byte offset of a 1-based line and 1-based UTF-16 column (clamped to the line).
    pub fn offset_utf16(&self, source: &str, pos: LineCol) -> u32 {
        let line = pos.line.saturating_sub(1).min(self.starts.len() as u32 - 1);
        let start = self.starts[line as usize] as usize;
        let end = self.starts.get(line as usize + 1).map_or(source.len(), |&e| e as usize);
        let mut units = pos.col.saturating_sub(1) as usize;
        let mut offset = start;
        for ch in source[start..end].chars() {
            if units == 0 || ch == '\n' {
                break;
            }
            units = units.saturating_sub(ch.len_utf16());
            offset += ch.len_utf8();
        }
        offset as u32
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_in_three_units() {
        let src = "FROM a\nRUN echo \"héllo 😀\" x\r\nCMD y";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 3);
        let x = src.find(" x").unwrap() as u32 + 1;
        assert_eq!(idx.line_col(x), LineCol { line: 2, col: 24 });
        assert_eq!(idx.line_col_chars(src, x), LineCol { line: 2, col: 20 });
        assert_eq!(idx.line_col_utf16(src, x), LineCol { line: 2, col: 21 });
        assert_eq!(idx.offset_utf16(src, LineCol { line: 2, col: 21 }), x);
        let cmd = src.find("CMD").unwrap() as u32;
        assert_eq!(idx.line_col(cmd), LineCol { line: 3, col: 1 });
    }

    #[test]
    fn final_newline_does_not_add_a_line() {
        assert_eq!(LineIndex::new("a\nb\n").line_count(), 2);
        assert_eq!(LineIndex::new("a\nb").line_count(), 2);
        assert_eq!(LineIndex::new("").line_count(), 1);
    }
}
