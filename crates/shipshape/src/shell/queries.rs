//! Questions rules ask of a parsed script: the program behind wrappers (`sudo bash`),
//! what is piped into a command, how a shell reads its script, conditions, `set -e`,
//! assignments and parameter references.

use super::{Command as ShCommand, Joiner, Script, ShWord};
use crate::syntax::Span;

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

/// Shells that run a script read from standard input or given with `-c`.
pub(crate) const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"];

/// The base name of a program word (`/usr/bin/curl` → `curl`).
pub(crate) fn base_name(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or(text)
}

/// The index in `cmd.words` of the program that really runs, past `sudo`, `env`, `exec`
/// and the like with their options (`sudo -E bash -` → `bash`).
pub(crate) fn program_index(cmd: &ShCommand) -> Option<usize> {
    let mut i = 0;
    loop {
        let w = cmd.words.get(i)?;
        match base_name(w.text()) {
            "sudo" | "doas" => {
                i += 1;
                while let Some(w) = cmd.words.get(i) {
                    let t = w.text();
                    if !t.starts_with('-') {
                        break;
                    }
                    if matches!(t, "-u" | "-g" | "-h" | "-p" | "-C" | "-D" | "-r" | "-t" | "-U") {
                        i += 1;
                    }
                    i += 1;
                }
            }
            "env" => {
                i += 1;
                while let Some(w) = cmd.words.get(i) {
                    let t = w.text();
                    if t.starts_with('-') || t.contains('=') {
                        if matches!(t, "-u" | "-C" | "-S") {
                            i += 1;
                        }
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            "exec" | "command" | "nohup" | "time" | "nice" => i += 1,
            _ => return Some(i),
        }
    }
}

/// The program that really runs (base name) and its arguments.
pub(crate) fn program(cmd: &ShCommand) -> Option<(&str, &[ShWord])> {
    let i = program_index(cmd)?;
    Some((base_name(cmd.words[i].text()), &cmd.words[i + 1..]))
}

/// The commands that feed the command at `i` through a pipe (`a | b | c`: for `c`, `b`
/// then `a`), compound commands in the pipeline included.
pub(crate) fn piped_into(script: &Script, i: usize) -> Vec<&ShCommand> {
    let cmds = &script.commands;
    let mut out = Vec::new();
    let Some(me) = cmds.get(i) else { return out };
    if me.joiner != Joiner::Pipe {
        return out;
    }
    for c in cmds[..i].iter().rev() {
        if c.depth > me.depth {
            if !c.in_substitution {
                out.push(c);
            }
            continue;
        }
        if c.depth < me.depth {
            break;
        }
        out.push(c);
        if c.joiner != Joiner::Pipe {
            break;
        }
    }
    out
}

/// How a shell invocation gets its script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShellInput {
    /// From standard input (`sh`, `bash -`, `sh -s -- -y`, `bash /dev/stdin`).
    Stdin,
    /// From the argument at this index (`sh -c '…'`), if there is one.
    Command(Option<usize>),
    /// From a script file.
    File,
    /// Read but not run: `-n` (noexec) only checks the syntax.
    NoExec,
}

/// How a shell called with `args` reads its script.
pub(crate) fn shell_input(args: &[ShWord]) -> ShellInput {
    let (mut i, mut c, mut s, mut n) = (0, false, false, false);
    while let Some(w) = args.get(i) {
        let t = w.text();
        if t == "--" || t == "-" {
            i += 1;
            break;
        }
        if let Some(long) = t.strip_prefix("--") {
            i += if matches!(long, "rcfile" | "init-file") { 2 } else { 1 };
            continue;
        }
        if t.len() > 1 && (t.starts_with('-') || t.starts_with('+')) {
            let letters = &t[1..];
            c |= letters.contains('c');
            s |= letters.contains('s');
            n = if t.starts_with('-') { n || letters.contains('n') } else { n && !letters.contains('n') };
            i += if letters.ends_with('o') || letters.ends_with('O') { 2 } else { 1 };
            continue;
        }
        break;
    }
    if n {
        return ShellInput::NoExec;
    }
    if c {
        return ShellInput::Command((i < args.len()).then_some(i));
    }
    if s || i >= args.len() || args[i].text() == "/dev/stdin" {
        ShellInput::Stdin
    } else {
        ShellInput::File
    }
}

/// The commands run inside the command substitutions of `word` (`"$(curl …)"`).
pub(crate) fn substituted<'s>(script: &'s Script, word: &ShWord) -> impl Iterator<Item = &'s ShCommand> {
    let span = word.span;
    script
        .commands
        .iter()
        .filter(move |c| c.in_substitution && span.start <= c.span.start && c.span.end <= span.end)
}

/// A Dockerfile value without one pair of matching surrounding quotes (`"a"`, `'a'`), and
/// where the rest starts in `text` (1 when quotes were removed), for spans inside the value.
/// Unlike `drop_quotes` of the analysis (every leading and trailing quote, as hadolint
/// reads paths), a lone or unmatched quote stays.
pub(crate) fn unquote(text: &str) -> (&str, usize) {
    let b = text.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        (&text[1..text.len() - 1], 1)
    } else {
        (text, 0)
    }
}
