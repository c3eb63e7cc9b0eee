//! Syntax highlighting from our own parser: keywords, flags, strings, variables, comments,
//! parser directives and heredocs, as classed byte ranges of the source. The playground
//! and the docs embed (through the npm package's `tokens`) colour the editor with them.
//! The structure (keywords, flags, heredocs, comments) comes from the syntax tree; strings
//! and variables are found by a small scan of what is left of each instruction.

use super::{Args, Dockerfile, Instruction, Keyword, Span};

/// A highlighted piece of the source: a byte range and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
}

/// What a highlighted piece of the source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A parser directive (`# syntax=…`, `# escape=…`).
    Directive,
    Comment,
    /// An instruction's keyword, and `AS` of FROM.
    Keyword,
    /// A keyword BuildKit does not know.
    Unknown,
    Flag,
    /// `<<EOF` and the line that ends a heredoc.
    HeredocMarker,
    /// A heredoc's body.
    Heredoc,
    String,
    Variable,
    /// The escape character that continues a line.
    Continuation,
}

impl TokenKind {
    /// Every kind, in the order of their discriminants (`kind as usize` indexes it).
    pub const ALL: [TokenKind; 10] = [
        TokenKind::Directive,
        TokenKind::Comment,
        TokenKind::Keyword,
        TokenKind::Unknown,
        TokenKind::Flag,
        TokenKind::HeredocMarker,
        TokenKind::Heredoc,
        TokenKind::String,
        TokenKind::Variable,
        TokenKind::Continuation,
    ];

    /// Its CSS class suffix (`tok-…` in the playground and the docs embed), and its
    /// `class` in the npm package's `tokens`.
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Directive => "directive",
            TokenKind::Comment => "comment",
            TokenKind::Keyword => "keyword",
            TokenKind::Unknown => "unknown",
            TokenKind::Flag => "flag",
            TokenKind::HeredocMarker => "heredoc-marker",
            TokenKind::Heredoc => "heredoc",
            TokenKind::String => "string",
            TokenKind::Variable => "variable",
            TokenKind::Continuation => "continuation",
        }
    }
}

/// The tokens of `source`, sorted and not overlapping.
pub fn tokens(source: &str, file: &Dockerfile) -> Vec<Token> {
    let mut out = Vec::new();
    let mut push = |span: Span, kind: TokenKind| {
        if span.end > span.start {
            out.push(Token { start: span.start, end: span.end, kind });
        }
    };
    for d in &file.directives {
        push(d.span, TokenKind::Directive);
    }
    for c in &file.comments {
        push(c.span, TokenKind::Comment);
    }
    for instr in &file.instructions {
        structure(instr, &mut push);
    }
    crate::sort::by_key(&mut out, |t| (t.start, t.end));
    // Strings, variables and continuations in the gaps the structure leaves.
    let mut scanned = Vec::new();
    let bytes = source.as_bytes();
    let escape = file.escape as u8;
    for instr in &file.instructions {
        let (s, e) = (instr.span.start, instr.span.end.min(source.len() as u32));
        let first = out.partition_point(|t| t.end <= s);
        let mut at = s;
        for t in out[first..].iter().take_while(|t| t.start < e) {
            if t.start > at {
                scan(bytes, at as usize, t.start as usize, escape, instr.keyword, &mut scanned);
            }
            at = at.max(t.end);
        }
        if at < e {
            scan(bytes, at as usize, e as usize, escape, instr.keyword, &mut scanned);
        }
    }
    out.extend(scanned);
    crate::sort::by_key(&mut out, |t| (t.start, t.end));
    // Keep them apart even if the tree ever hands over overlapping spans.
    let mut end = 0;
    out.retain(|t| {
        let keep = t.start >= end && source.is_char_boundary(t.start as usize);
        if keep {
            end = t.end;
        }
        keep
    });
    out
}

/// The keyword, flags and heredocs of an instruction (and of an ONBUILD trigger).
fn structure(instr: &Instruction, push: &mut impl FnMut(Span, TokenKind)) {
    let kind = if instr.keyword == Keyword::Unknown { TokenKind::Unknown } else { TokenKind::Keyword };
    push(instr.keyword_word.span, kind);
    for f in &instr.flags {
        push(f.span, TokenKind::Flag);
    }
    for h in &instr.heredocs {
        push(h.marker, TokenKind::HeredocMarker);
        push(h.body, TokenKind::Heredoc);
        push(h.terminator, TokenKind::HeredocMarker);
    }
    if let Args::Onbuild(Some(inner)) = &instr.args {
        structure(inner, push);
    }
}

/// Strings, variables, `AS` of FROM and line continuations in `bytes[from..to]`.
fn scan(bytes: &[u8], from: usize, to: usize, escape: u8, keyword: Keyword, out: &mut Vec<Token>) {
    let token = |s: usize, e: usize, kind| Token { start: s as u32, end: e as u32, kind };
    let mut i = from;
    while i < to {
        let b = bytes[i];
        match b {
            b'"' | b'\'' => {
                let mut j = i + 1;
                while j < to && bytes[j] != b {
                    // A backslash escapes inside double quotes (and JSON strings).
                    j += if b == b'"' && bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(to);
                out.push(token(i, end, TokenKind::String));
                i = end;
            }
            b'$' if i + 1 < to && bytes[i + 1] == b'{' => {
                let end = bytes[i..to].iter().position(|&c| c == b'}').map_or(to, |p| i + p + 1);
                out.push(token(i, end, TokenKind::Variable));
                i = end;
            }
            b'$' if i + 1 < to && (bytes[i + 1].is_ascii_alphabetic() || bytes[i + 1] == b'_') => {
                let mut j = i + 1;
                while j < to && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                out.push(token(i, j, TokenKind::Variable));
                i = j;
            }
            _ if b == escape && continues(bytes, i + 1, to) => {
                out.push(token(i, i + 1, TokenKind::Continuation));
                i += 1;
            }
            b'A' | b'a'
                if keyword == Keyword::From
                    && bytes.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b's'))
                    && i > from
                    && bytes[i - 1].is_ascii_whitespace()
                    && (i + 2 >= to || bytes[i + 2].is_ascii_whitespace()) =>
            {
                out.push(token(i, i + 2, TokenKind::Keyword));
                i += 2;
            }
            _ => i += 1,
        }
    }
}

/// Only blanks until the end of the line: the escape character before it continues the line.
fn continues(bytes: &[u8], from: usize, to: usize) -> bool {
    let rest = &bytes[from..to.max(from)];
    let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
    end < rest.len() && rest[..end].iter().all(|&c| c == b' ' || c == b'\t' || c == b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(src: &str) -> Vec<(&str, &'static str)> {
        let parse = crate::syntax::parse(src);
        tokens(src, &parse.file)
            .iter()
            .map(|t| (&src[t.start as usize..t.end as usize], t.kind.class()))
            .collect()
    }

    #[test]
    fn kinds_and_classes() {
        for (i, kind) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
        let classes: Vec<&str> = TokenKind::ALL.iter().map(|k| k.class()).collect();
        let mut unique = classes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), classes.len(), "{classes:?}");
    }

    #[test]
    fn tokens_of_every_kind() {
        let src = "# syntax=docker/dockerfile:1\n# a comment\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\n\
                   ENV GREETING=\"hello world\" NAME=${USER:-me}\nRUN echo $GREETING 'single' \\\n    && true\n\
                   COPY <<EOF /app/conf\nkey=value\nEOF\nRUNN oops\n";
        assert_eq!(
            classes(src),
            [
                ("# syntax=docker/dockerfile:1", "directive"),
                ("# a comment", "comment"),
                ("FROM", "keyword"),
                ("--platform=$BUILDPLATFORM", "flag"),
                ("AS", "keyword"),
                ("ENV", "keyword"),
                ("\"hello world\"", "string"),
                ("${USER:-me}", "variable"),
                ("RUN", "keyword"),
                ("$GREETING", "variable"),
                ("'single'", "string"),
                ("\\", "continuation"),
                ("COPY", "keyword"),
                ("<<EOF", "heredoc-marker"),
                ("key=value\n", "heredoc"),
                ("EOF", "heredoc-marker"),
                ("RUNN", "unknown"),
            ]
        );
    }

    #[test]
    fn backtick_escape_and_json() {
        let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo \"done\"\nCMD [\"cmd\", \"/c\"]\n";
        let got = classes(src);
        assert!(got.contains(&("`", "continuation")), "{got:?}");
        // With the backtick escape a backslash is a plain character.
        assert!(!got.iter().any(|(t, _)| *t == "\\"), "{got:?}");
        assert!(got.contains(&("\"cmd\"", "string")) && got.contains(&("\"/c\"", "string")), "{got:?}");
        // An image name with "as" inside is not a keyword.
        assert_eq!(classes("FROM alias/asdf as x\n")[1], ("as", "keyword"));
    }

    #[test]
    fn tokens_never_overlap_over_odd_input() {
        for src in
            ["RUN \"unterminated\nFROM x\n", "RUN ${\n", "ONBUILD RUN --mount=type=cache echo $A\n", "é\"\n"]
        {
            let parse = crate::syntax::parse(src);
            let t = tokens(src, &parse.file);
            assert!(t.windows(2).all(|w| w[0].end <= w[1].start), "{src:?}: {t:?}");
            assert!(t
                .iter()
                .all(|t| src.is_char_boundary(t.start as usize) && src.is_char_boundary(t.end as usize)));
        }
    }
}
