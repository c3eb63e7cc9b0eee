//! Shared pieces of batch b's shell rules: spans of word parts, the ShellCheck dialect of
//! the SHELL in force, and the small structural questions (is this command a condition,
//! is `set -e` on, what precedes a token) that the flat command list does not answer.

use crate::rules::prelude::*;
use crate::shell::Part;

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

/// The shell that ShellCheck would assume for the SHELL in force (hadolint hands it
/// `#!<first word of SHELL>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// `sh`: POSIX sh, where `echo -e` and friends are not portable.
    Sh,
    /// bash, ksh, dash, ash …: declaration builtins take assignments.
    Extended,
    /// zsh, fish …: ShellCheck does not analyse these.
    Unsupported,
}

pub(crate) fn dialect(cx: &Cx) -> Dialect {
    let Some(exe) = cx.state.shell.first() else { return Dialect::Sh };
    let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
    match base.as_str() {
        "sh" => Dialect::Sh,
        "bash" | "ksh" | "dash" | "ash" | "mksh" | "busybox" => Dialect::Extended,
        _ => Dialect::Unsupported,
    }
}

/// The parsed script of the current RUN when a ShellCheck-like analysis applies: the
/// script was read completely (ShellCheck stops at a syntax error) under a shell that
/// ShellCheck knows.
pub(crate) fn analysable<'a>(cx: &Cx<'a>) -> Option<(&'a Script, Dialect)> {
    let script = cx.script?;
    if script.too_complex || !script.unreadable.is_empty() {
        return None;
    }
    match dialect(cx) {
        Dialect::Unsupported => None,
        d => Some((script, d)),
    }
}

/// Whether the script turns on errexit anywhere (`set -e`, `set -eux`, `set -o errexit`).
pub(crate) fn has_errexit(script: &Script) -> bool {
    script.commands.iter().filter(|c| c.is("set")).any(|c| {
        let args = c.args();
        args.iter().enumerate().any(|(i, w)| {
            let t = w.text();
            (t.starts_with('-') && !t.starts_with("--") && t[1..].contains('e'))
                || (t == "-o" && args.get(i + 1).is_some_and(|n| n.text() == "errexit"))
        })
    })
}

/// The declaration builtins, whose `NAME=value` arguments are assignments.
pub(crate) const DECLARATIONS: &[&str] = &["export", "local", "declare", "readonly", "typeset"];

/// For `NAME=value` (or `NAME+=value`) written plainly at the start of a word: the length
/// of `NAME` and the offset where the value starts.
pub(crate) fn assignment_word(word: &ShWord) -> Option<(usize, usize)> {
    let raw = word.raw.as_bytes();
    if !raw.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
        return None;
    }
    let name_len = raw.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
    match &raw[name_len..] {
        [b'=', ..] => Some((name_len, name_len + 1)),
        [b'+', b'=', ..] => Some((name_len, name_len + 2)),
        _ => None,
    }
}

/// The words of a command where an unquoted expansion is split and globbed: its
/// arguments and the targets of its redirections (heredoc delimiters excluded). In bash
/// and its kin the `NAME=value` arguments of declaration builtins are assignments and are
/// left out; POSIX sh reads them as ordinary words.
pub(crate) fn split_words(cmd: &ShCommand, dialect: Dialect) -> Vec<&ShWord> {
    let declaration = cmd.is_any(DECLARATIONS);
    let mut out: Vec<&ShWord> = cmd
        .args()
        .iter()
        .filter(|w| !(declaration && dialect != Dialect::Sh && assignment_word(w).is_some()))
        .collect();
    out.extend(
        cmd.redirects
            .iter()
            .filter(|r| !r.op.starts_with("<<") || r.op == "<<<")
            .filter_map(|r| r.target.as_ref()),
    );
    out
}

/// The offset of the last non-blank byte before `offset` (line continuations skipped).
pub(crate) fn prev_nonblank(source: &str, offset: u32) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = (offset as usize).min(b.len());
    while i > 0 {
        match b[i - 1] {
            b' ' | b'\t' | b'\r' => i -= 1,
            b'\n' => {
                i -= 1;
                if i > 0 && (b[i - 1] == b'\\' || b[i - 1] == b'`') {
                    i -= 1;
                }
            }
            _ => return Some(i - 1),
        }
    }
    None
}

/// The word that ends right before `offset` (after blanks), e.g. `if` before a condition.
pub(crate) fn prev_word(source: &str, offset: u32) -> &str {
    let Some(end) = prev_nonblank(source, offset) else { return "" };
    let b = source.as_bytes();
    let mut start = end + 1;
    while start > 0
        && !matches!(b[start - 1], b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')')
    {
        start -= 1;
    }
    &source[start..=end]
}

/// Whether a command sits inside `[[ … ]]` or `(( … ))`, where words are not split.
pub(crate) fn unsplit_context(cmd: &ShCommand, source: &str) -> bool {
    if cmd.is("[[") {
        return true;
    }
    // `(( … ))` reads as two nested subshells around a "command".
    let Some(i) = prev_nonblank(source, cmd.span.start) else { return false };
    let b = source.as_bytes();
    b[i] == b'(' && prev_nonblank(source, i as u32).is_some_and(|j| b[j] == b'(')
}

/// The commands after `cmd` in the script that are not nested inside it (its own
/// command substitutions), and not inside a substitution unless `cmd` is.
pub(crate) fn following<'s>(
    script: &'s Script,
    cmd: &'s ShCommand,
) -> impl Iterator<Item = &'s ShCommand> + 's {
    let idx = script.commands.iter().position(|c| std::ptr::eq(c, cmd)).unwrap_or(script.commands.len());
    script.commands[idx + 1..]
        .iter()
        .filter(move |c| c.span.start >= cmd.span.end && (cmd.in_substitution || !c.in_substitution))
}

/// Whether `cmd` is used as a condition: the left side of `&&` or `||` (directly or as
/// part of a group, subshell or compound command that is), or right after `if`, `elif`,
/// `while`, `until`.
pub(crate) fn is_condition(script: &Script, cmd: &ShCommand, source: &str) -> bool {
    if matches!(prev_word(source, cmd.span.start), "if" | "elif" | "while" | "until") {
        return true;
    }
    let mut rest = following(script, cmd);
    let Some(next) = rest.next() else { return false };
    match next.joiner {
        Joiner::And | Joiner::Or => return true,
        Joiner::Pipe => return false,
        Joiner::Start | Joiner::Seq => {}
    }
    // `cmd` ends its list; the construct around it may still be a condition.
    let mut level = cmd.depth;
    for c in std::iter::once(next).chain(rest) {
        if level == 0 {
            break;
        }
        if c.depth < level {
            if matches!(c.joiner, Joiner::And | Joiner::Or) {
                return true;
            }
            level = c.depth;
        }
    }
    false
}

/// The span of the `|` operator that joins `cmd` (whose joiner is `Pipe`) to the command
/// before it, when it can be found in the source between the two.
pub(crate) fn pipe_span(script: &Script, cmd: &ShCommand, source: &str) -> Option<Span> {
    let before = script.commands.iter().filter(|c| c.span.end <= cmd.span.start).map(|c| c.span.end).max()?;
    let text = source.get(before as usize..cmd.span.start as usize)?;
    let b = text.as_bytes();
    let i = (0..b.len())
        .rev()
        .find(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'|') && b.get(i + 1).is_none_or(|n| *n != b'|'))?;
    let len = if b.get(i + 1) == Some(&b'&') { 2 } else { 1 };
    Some(Span::new(before + i as u32, before + (i + len) as u32))
}

/// What a `$…` reference is, read from its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ParamRef {
    /// The variable: a name, a digit string, or a special character (`@`, `*`, `#` …).
    pub name: String,
    /// `${#x}`: a length, always a number.
    pub length: bool,
    /// `${x:+…}` / `${x+…}`: the alternative text.
    pub alternative: bool,
    /// `${!x}`: indirection.
    pub indirect: bool,
    /// `${x[@]}` / `${x[*]}`.
    pub array_all: Option<char>,
}

pub(crate) fn param_ref(text: &str) -> ParamRef {
    let body = text.strip_prefix('$').unwrap_or(text);
    let Some(inner) = body.strip_prefix('{') else {
        return ParamRef { name: body.to_string(), ..ParamRef::default() };
    };
    let inner = inner.strip_suffix('}').unwrap_or(inner);
    let mut r = ParamRef::default();
    let mut rest = inner;
    if let Some(x) = rest.strip_prefix('#').filter(|x| !x.is_empty()) {
        r.length = true;
        rest = x;
    } else if let Some(x) = rest.strip_prefix('!').filter(|x| !x.is_empty()) {
        r.indirect = true;
        rest = x;
    }
    let name_len = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rest.bytes().take_while(u8::is_ascii_digit).count()
    } else if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count()
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    r.name = rest[..name_len].to_string();
    let after = &rest[name_len..];
    if after.starts_with("[@]") {
        r.array_all = Some('@');
    } else if after.starts_with("[*]") {
        r.array_all = Some('*');
    }
    let op = after.strip_prefix("[@]").or_else(|| after.strip_prefix("[*]")).unwrap_or(after);
    r.alternative = op.starts_with(":+") || op.starts_with('+');
    r
}
