//! What the playground shows about fixes: the preview of fix-all (or of one suggestion) as
//! a line diff with its list of applied and left fixes. Plain data, like `summary`.

use shipshape::diff::{diff_lines, DiffLine};
use shipshape::fix_all::{apply_fix, fix_all, FixOptions};
use shipshape::{Applicability, Config, Fix};

/// Unchanged lines shown around each change; longer unchanged runs fold into one row.
const CONTEXT: usize = 2;

/// One row of the diff view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// (kind: "same", "removed" or "added", old line number, new line number, text without
    /// its line break).
    Line { kind: &'static str, old: Option<u32>, new: Option<u32>, text: String },
    /// This many unchanged lines, not shown.
    Fold(usize),
}

/// A fix the preview applies or leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixItem {
    pub code: &'static str,
    pub title: String,
    pub applicability: &'static str,
    /// Why it is left (empty for applied fixes).
    pub reason: &'static str,
}

/// What pressing "Apply" in the preview would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The text after the fixes.
    pub text: String,
    pub rows: Vec<Row>,
    pub added: usize,
    pub removed: usize,
    pub applied: Vec<FixItem>,
    pub left: Vec<FixItem>,
    /// False for a display-only suggestion: it is shown, never applied.
    pub can_apply: bool,
}

/// The preview of fix-all on `source`, with or without the unsafe fixes.
pub fn fix_all_preview(source: &str, config: &Config, unsafe_fixes: bool) -> Preview {
    let fa = fix_all(source, config, &FixOptions { unsafe_fixes, ..FixOptions::default() });
    let applied = fa
        .applied
        .iter()
        .map(|a| FixItem {
            code: a.code,
            title: a.title.clone(),
            applicability: a.applicability.as_str(),
            reason: "",
        })
        .collect();
    let left = fa
        .skipped
        .iter()
        .map(|s| FixItem {
            code: s.code,
            title: s.title.clone(),
            applicability: s.applicability.as_str(),
            reason: reason(s.reason),
        })
        .collect();
    let (rows, added, removed) = rows(source, &fa.text);
    Preview { rows, added, removed, applied, left, can_apply: fa.text != source, text: fa.text }
}

/// The preview of one finding's fix (the display-only suggestions are shown this way).
pub fn one_fix_preview(source: &str, code: &'static str, fix: &Fix) -> Preview {
    let text = apply_fix(source, fix).unwrap_or_else(|| source.to_string());
    let (rows, added, removed) = rows(source, &text);
    let item =
        FixItem { code, title: fix.title.clone(), applicability: fix.applicability.as_str(), reason: "" };
    Preview {
        rows,
        added,
        removed,
        applied: vec![item],
        left: Vec::new(),
        can_apply: fix.applicability != Applicability::DisplayOnly && text != source,
        text,
    }
}

fn reason(r: shipshape::fix_all::SkipReason) -> &'static str {
    use shipshape::fix_all::SkipReason::*;
    match r {
        Unsafe => "unsafe: review it with “Review all fixes”",
        DisplayOnly => "a suggestion: open it from its finding",
        BreaksParse => "not applied: the result would not parse",
        BreaksBuild => "not applied: it would break the build",
        Malformed => "not applied: its edits are invalid",
        RoundLimit => "not applied: fix-all stopped after its round limit",
    }
}

/// The diff rows (changes with `CONTEXT` lines around them), lines added and removed.
fn rows(before: &str, after: &str) -> (Vec<Row>, usize, usize) {
    let lines = diff_lines(before, after);
    let changed: Vec<bool> = lines.iter().map(|l| !matches!(l, DiffLine::Same(..))).collect();
    let near = |i: usize| {
        let lo = i.saturating_sub(CONTEXT);
        let hi = (i + CONTEXT + 1).min(lines.len());
        changed[lo..hi].iter().any(|&c| c)
    };
    let strip =
        |t: &str| t.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(t).to_string();
    let (mut out, mut added, mut removed, mut folded) = (Vec::new(), 0, 0, 0);
    for (i, line) in lines.iter().enumerate() {
        if !near(i) {
            folded += 1;
            continue;
        }
        if folded > 0 {
            out.push(Row::Fold(folded));
            folded = 0;
        }
        out.push(match line {
            DiffLine::Same(o, n, t) => {
                Row::Line { kind: "same", old: Some(*o), new: Some(*n), text: strip(t) }
            }
            DiffLine::Removed(o, t) => {
                removed += 1;
                Row::Line { kind: "removed", old: Some(*o), new: None, text: strip(t) }
            }
            DiffLine::Added(n, t) => {
                added += 1;
                Row::Line { kind: "added", old: None, new: Some(*n), text: strip(t) }
            }
        });
    }
    if folded > 0 {
        out.push(Row::Fold(folded));
    }
    (out, added, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_preview_applies_safe_fixes_only() {
        let src = "FROM debian:12\nRUN apt-get update && apt-get install curl\nADD app.py /app/\n";
        let p = fix_all_preview(src, &Config::default(), false);
        assert_eq!(
            p.text,
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY app.py /app/\n"
        );
        let codes: Vec<_> = p.applied.iter().map(|a| a.code).collect();
        assert_eq!(codes, ["DL3014", "DL3020"]);
        assert!(p.left.iter().any(|l| l.code == "DL3015" && l.applicability == "unsafe"));
        assert_eq!((p.added, p.removed), (2, 2));
        assert!(p.can_apply);
        let all = fix_all_preview(src, &Config::default(), true);
        assert!(all.text.contains("-y --no-install-recommends curl"), "{}", all.text);
        assert!(all.applied.iter().any(|a| a.code == "DL3015" && a.applicability == "unsafe"));
    }

    #[test]
    fn rows_fold_unchanged_runs() {
        let before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let (rows, added, removed) = rows(before, after);
        assert_eq!((added, removed), (1, 1));
        assert_eq!(rows[0], Row::Fold(2));
        assert_eq!(rows[1], Row::Line { kind: "same", old: Some(3), new: Some(3), text: "c".into() });
        assert_eq!(rows[3], Row::Line { kind: "removed", old: Some(5), new: None, text: "e".into() });
        assert_eq!(rows[4], Row::Line { kind: "added", old: None, new: Some(5), text: "E".into() });
        assert_eq!(rows.last(), Some(&Row::Fold(1)));
    }

    #[test]
    fn nothing_to_fix() {
        let p = fix_all_preview("FROM scratch\n", &Config::default(), true);
        assert!(!p.can_apply);
        assert!(p.rows.iter().all(|r| matches!(r, Row::Line { kind: "same", .. } | Row::Fold(_))));
    }
}
