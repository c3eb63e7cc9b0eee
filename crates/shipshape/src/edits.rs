//! Building edits on Dockerfile text: keyword case, quoting, whole lines and indentation,
//! an argument added after a word, a command appended to a RUN, a shell word quoted, a
//! relative path made absolute, an instruction deleted.

use crate::diagnostic::{Edit, Fix};
use crate::shell::spans::part_span;
use crate::shell::{Command as ShCommand, Part, PartKind, Script, ShWord};
use crate::syntax::{Instruction, Span};

/// `word` written in the case of `like`: `same_case("add", "COPY")` is `copy`,
/// `same_case("Add", "copy")` is `Copy`. Fixes keep the user's keyword case.
pub fn same_case(like: &str, word: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.iter().all(|c| c.is_uppercase()) {
        word.to_ascii_uppercase()
    } else if letters.iter().all(|c| c.is_lowercase()) {
        word.to_ascii_lowercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase())
        && letters[1..].iter().all(|c| c.is_lowercase())
    {
        let lower = word.to_ascii_lowercase();
        let mut cs = lower.chars();
        cs.next().map(|c| std::iter::once(c.to_ascii_uppercase()).chain(cs).collect()).unwrap_or_default()
    } else {
        word.to_ascii_uppercase()
    }
}

/// `text` as a double-quoted Dockerfile value that BuildKit reads back as `text`: quotes,
/// the escape character and `$` are escaped with the file's escape character.
pub fn quote_value(text: &str, escape: char) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '$' || c == escape {
            out.push(escape);
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The span of the whole lines `span` touches, with the line break after them: deleting
/// it removes an instruction (or a comment) and its line.
pub fn whole_lines(source: &str, span: Span) -> Span {
    let start = source[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = source[span.end as usize..].find('\n').map_or(source.len(), |i| span.end as usize + i + 1);
    Span::new(start as u32, end as u32)
}

/// The indentation (spaces and tabs) of the line `offset` is on.
pub fn indentation(source: &str, offset: u32) -> &str {
    let start = source[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let line = &source[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// An edit that inserts `line` (without its line break) on a line of its own just above
/// the line `offset` is on, with that line's indentation.
pub fn insert_line_above(source: &str, offset: u32, line: &str) -> Edit {
    let start = source[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    Edit::insert(start as u32, format!("{}{line}\n", indentation(source, offset)))
}

/// The line break a new line should end with: the file's own (CRLF files exist).
pub fn line_break(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The source text of `span` with its letters in upper or lower case. A word split by a
/// line continuation keeps its line breaks, escapes and the comment lines inside it (which
/// are left as they are), so only the word's own letters change.
pub(crate) fn recase(source: &str, span: Span, upper: bool) -> String {
    let mut out = String::with_capacity(span.len() as usize);
    for (i, line) in span.text(source).split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_start().starts_with('#') {
            out.push_str(line);
        } else if upper {
            out.push_str(&line.to_ascii_uppercase());
        } else {
            out.push_str(&line.to_ascii_lowercase());
        }
    }
    out
}

/// An edit that deletes an instruction with its whole lines (heredoc bodies and comment
/// lines inside its continuation included), keeping the lines around it.
pub(crate) fn delete_instruction(source: &str, instr: &Instruction) -> Edit {
    Edit::delete(crate::edits::whole_lines(source, instr.span))
}

/// An edit that adds `arg` as an argument right after `word`: ` arg` in a shell script,
/// `, "arg"` after the item of an exec-form array (`exec`: the RUN has no shell script, its
/// words come from `pkg::commands`). `arg` must need no JSON escaping.
pub(crate) fn add_arg_after(source: &str, exec: bool, word: &ShWord, arg: &str) -> Edit {
    let end = word.span.end;
    if !exec {
        return Edit::insert(end, format!(" {arg}"));
    }
    // The item's span is its text without the quotes when it has no escapes.
    let at = if source[end as usize..].starts_with('"') { end + 1 } else { end };
    Edit::insert(at, format!(", \"{arg}\""))
}

/// An edit that appends ` && command` to a RUN's script: right after the end of its last
/// simple command (its last word or redirection, before any trailing comment). None when
/// there is no shell script (exec form), the script was not fully read, or it does not end
/// with a top-level simple command (a compound command, group or subshell ends it, or the
/// last command is `exit` or `exec`, after which nothing runs).
pub(crate) fn append_command(script: Option<&Script>, command: &str) -> Option<Edit> {
    let script = script?;
    if script.too_complex || !script.unreadable.is_empty() {
        return None;
    }
    let end = |c: &ShCommand| {
        let words = c.words.iter().map(|w| w.span.end);
        let redirects = c.redirects.iter().map(|r| r.span.end);
        let assignments = c.assignments.iter().map(|a| a.span.end);
        words.chain(redirects).chain(assignments).max()
    };
    let last = script.commands.iter().filter_map(|c| Some((c, end(c)?))).max_by_key(|(c, e)| {
        // The outermost command when a substitution ends at the same place.
        (*e, std::cmp::Reverse(c.depth))
    });
    let (last, at) = last?;
    let program = last.words.first().and_then(|w| w.value.as_deref());
    if last.depth != 0 || last.in_substitution || matches!(program, Some("exit" | "exec")) {
        return None;
    }
    Some(Edit::insert(at, format!(" && {command}")))
}

/// The source spans of every backtick substitution in the script: quotes added inside
/// one would need escaping, so no fix quotes anything there.
pub(crate) fn backtick_spans(source: &str, script: &Script) -> Vec<Span> {
    let mut out = Vec::new();
    for cmd in &script.commands {
        let words = cmd.words.iter().chain(cmd.assignments.iter().filter_map(|a| a.value.as_ref()));
        let words = words.chain(cmd.redirects.iter().filter_map(|r| r.target.as_ref()));
        for w in words {
            out.extend(
                w.parts.iter().filter(|p| p.kind == PartKind::Backtick).map(|p| part_span(source, w, p)),
            );
        }
    }
    out
}

/// Wraps one unquoted part of a word in double quotes: `$x` → `"$x"`. None when the part's
/// source span could not be told apart from its word's, when a `$…` or backticks hold
/// quotes or backslashes (their meaning changes inside double quotes: a `$(…)` keeps its
/// own), when it sits inside backticks, or when a `:` follows (PowerShell's `$env:X`).
pub(crate) fn quote_part(
    source: &str,
    word: &ShWord,
    part: &Part,
    backticks: &[Span],
    title: &str,
) -> Option<Fix> {
    let span = part_span(source, word, part);
    let text = span.text(source);
    let raw = crate::shell::spans::part_text(word, part);
    let whole = part.start <= word.start && part.end >= word.end;
    if raw.is_empty() || (span == word.span && !whole) {
        return None;
    }
    if !(text.starts_with(&raw[..1]) && text.ends_with(&raw[raw.len() - 1..])) {
        return None;
    }
    if part.kind != PartKind::CommandSub && raw.contains(['"', '\'', '\\']) {
        return None;
    }
    // `$env:PATH` is PowerShell (a Windows image without SHELL): not ours to quote.
    if source[span.end as usize..].starts_with(':') {
        return None;
    }
    if backticks.iter().any(|b| b.start <= span.start && span.end <= b.end && *b != span) {
        return None;
    }
    // Unsafe: the value is no longer split into words or expanded as a glob, which a
    // script may rely on (`$FLAGS` holding several options).
    Some(Fix::unsafe_(title, vec![Edit::insert(span.start, "\""), Edit::insert(span.end, "\"")]))
}

/// The edit that makes a relative WORKDIR path absolute by putting `base` (an absolute
/// directory, `/` when there is none) in front of it: inside its quotes, in place of a
/// leading `./`. None for paths that say something else: `~/…` (WORKDIR does not expand
/// `~`), `.`, `..`, `../…`, and paths starting with a variable or an escape.
pub(crate) fn absolute_workdir(source: &str, path: Span, base: &str) -> Option<Edit> {
    let text = path.text(source);
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'');
    let at = path.start + quote.map_or(0, |q| q.len_utf8() as u32);
    let inner = &text[(at - path.start) as usize..];
    let inner = quote.map_or(inner, |q| inner.strip_suffix(q).unwrap_or(inner));
    let rest = inner.trim_start_matches("./");
    let first = rest.chars().next()?;
    if !(first.is_alphanumeric() || "_-@+".contains(first)) || rest.starts_with("..") {
        return None;
    }
    let prefix = if base.ends_with('/') { base.to_string() } else { format!("{base}/") };
    let dots = (inner.len() - rest.len()) as u32;
    Some(Edit::replace(Span::new(at, at + dots), prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{apply_edits, Fix};

    #[test]
    fn edits_apply_from_any_order() {
        let src = "RUN apt-get install curl";
        let edits =
            vec![Edit::insert(24, " wget"), Edit::replace(Span::new(0, 3), "run"), Edit::insert(19, " -y")];
        assert_eq!(apply_edits(src, &edits), "run apt-get install -y curl wget");
        assert_eq!(apply_edits(src, &[Edit::delete(Span::new(3, 11))]), "RUN install curl");
    }

    #[test]
    fn cases_and_quotes() {
        assert_eq!(same_case("add", "COPY"), "copy");
        assert_eq!(same_case("ADD", "copy"), "COPY");
        assert_eq!(same_case("Add", "COPY"), "Copy");
        assert_eq!(same_case("aDd", "copy"), "COPY");
        assert_eq!(quote_value(r#"Jane "JD" <j@x> $HOME \ok"#, '\\'), r#""Jane \"JD\" <j@x> \$HOME \\ok""#);
        assert_eq!(quote_value("a\"b", '`'), "\"a`\"b\"");
    }

    #[test]
    fn lines() {
        let src = "FROM a\n  RUN b \\\n  c\nCMD d";
        let run = Span::new(9, 10);
        assert_eq!(whole_lines(src, Span::new(9, 18)).text(src), "  RUN b \\\n  c\n");
        assert_eq!(whole_lines(src, Span::new(21, 22)).text(src), "CMD d");
        assert_eq!(indentation(src, run.start), "  ");
        assert_eq!(
            apply_edits(src, &[insert_line_above(src, run.start, "SHELL [\"sh\"]")]),
            "FROM a\n  SHELL [\"sh\"]\n  RUN b \\\n  c\nCMD d"
        );
    }

    #[test]
    fn overlap() {
        let a = Edit::replace(Span::new(0, 5), "x");
        assert!(a.overlaps(&Edit::replace(Span::new(4, 6), "y")));
        assert!(!a.overlaps(&Edit::replace(Span::new(5, 6), "y")));
        assert!(a.overlaps(&Edit::insert(2, "y")));
        assert!(!a.overlaps(&Edit::insert(5, "y")));
        assert!(!a.overlaps(&Edit::insert(0, "y")));
        assert!(Edit::insert(3, "a").overlaps(&Edit::insert(3, "b")));
        let f = Fix::safe("t", vec![Edit::insert(3, "a"), Edit::insert(3, "b")]);
        assert!(!f.is_well_formed("abcdef"));
        assert!(!Fix::safe("t", vec![Edit::insert(30, "a")]).is_well_formed("abc"));
        assert!(!Fix::safe("t", vec![Edit::insert(1, "a")]).is_well_formed("é"));
    }
}
