//! What a Dockerfile takes from its build context: COPY/ADD sources, the whole context, URLs,
//! and the paths of COPY and ADD as hadolint reads them.

use super::Analysis;
use crate::syntax::{Args, Dockerfile, Instruction, Keyword, Word};

/// Whether a COPY/ADD source is the whole build context (`.`, `./`, `*`, `./*`).
pub(crate) fn whole_context(source: &str) -> bool {
    matches!(drop_quotes(source), "." | "./" | "*" | "./*" | "./.")
}

/// A COPY or ADD from the build context (not `--from`): its sources.
pub(crate) fn context_sources(instr: &Instruction) -> &[Word] {
    if !matches!(instr.keyword, Keyword::Copy | Keyword::Add) || instr.flag("from").is_some() {
        return &[];
    }
    let Args::List { items, .. } = &instr.args else { return &[] };
    match items.split_last() {
        Some((_, sources)) => sources,
        None => &[],
    }
}

/// Whether a COPY/ADD source is a URL (ADD downloads it; it is not in the context).
pub(crate) fn is_url(source: &str) -> bool {
    let s = drop_quotes(source).to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@")
}

/// Whether a stage (with the stages it is built on) adds files of its own (COPY, ADD).
pub(crate) fn adds_files(analysis: &Analysis, file: &Dockerfile, stage: usize) -> bool {
    analysis.lineage(file, stage).any(|i| matches!(i.keyword, Keyword::Copy | Keyword::Add))
}

/// The text without the quotes around it, as hadolint reads a path: every leading and
/// trailing `"` and `'` goes, matched or not (`"'a` is `a`). [`crate::shell::queries::unquote`]
/// removes one matching pair only, where the value itself matters.
pub(crate) fn drop_quotes(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '\'')
}

/// The sources and the destination of a COPY or ADD (None with fewer than two arguments).
pub(crate) fn copy_parts(instr: &Instruction) -> Option<(&[Word], &Word)> {
    let Args::List { items, .. } = &instr.args else { return None };
    let (dest, sources) = items.split_last()?;
    if sources.is_empty() {
        return None;
    }
    Some((sources, dest))
}

/// Whether a COPY destination is absolute (or a variable, which may hold an absolute path):
/// `/…`, `$…`, or a Windows drive path `c:…`.
pub(crate) fn absolute_destination(dest: &str) -> bool {
    let d = drop_quotes(dest);
    d.starts_with('/') || d.starts_with('$') || windows_drive(d)
}

/// A drive letter and a colon: `C:`, `c:\app`, `d:/data`.
pub(crate) fn windows_drive(path: &str) -> bool {
    let mut chars = path.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some(':')) if c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        assert!(absolute_destination("/app"));
        assert!(absolute_destination("\"/app\""));
        assert!(absolute_destination("${DEST}"));
        assert!(absolute_destination("c:\\app"));
        assert!(absolute_destination("d:/app"));
        assert!(!absolute_destination("app/"));
        assert!(!absolute_destination("."));
        assert!(!absolute_destination("a"));
        assert!(absolute_destination("C:"));
        assert!(!absolute_destination("1:/x"));
    }
}
