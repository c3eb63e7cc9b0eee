//! Helpers shared by fstruct's fixes (SS2086, SS2046 and the RUN/WORKDIR rules of batch b).

use super::shellcheck_common::part_span;
use crate::rules::prelude::*;
use crate::shell::Part;

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
    let raw = super::shellcheck_common::part_text(word, part);
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

/// Whether the current stage is built on a Windows image (through the stages it builds
/// on). Its RUNs go to `cmd` unless SHELL says otherwise, so shell fixes (quotes, `&&`
/// chains that rely on each RUN starting a fresh environment) are not offered there.
pub(crate) fn windows_stage(cx: &Cx) -> bool {
    let Some(mut stage) = cx.state.stage.and_then(|i| cx.file.stages.get(i)) else { return false };
    for _ in 0..cx.file.stages.len() {
        let Some(base) = stage.base.as_ref().map(|b| b.text.to_ascii_lowercase()) else { return false };
        match cx.stage_names.iter().find(|(n, j)| *n == base && *j < stage.index) {
            Some((_, j)) => match cx.file.stages.get(*j) {
                Some(s) => stage = s,
                None => return false,
            },
            None => {
                return ["windows", "servercore", "nanoserver", "dotnet/framework"]
                    .iter()
                    .any(|w| base.contains(w))
            }
        }
    }
    false
}
