//! What the playground shows about fixes: the preview of fix-all (or of one suggestion) as
//! a line diff with its list of applied and left fixes, each of which can be left out.
//! Plain data, like `summary`.

use shipshape::diff::{diff_lines, DiffLine};
use shipshape::fix_all::{apply_fix, fix_all_where, FixOptions, Refused, SkipReason};
use shipshape::{Applicability, Config, Diagnostic, Fix};

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
    /// For a fix that would break the build: the finding it would add.
    pub detail: Option<String>,
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
    /// The fixes that can be ticked or not: those fix-all applies when all are ticked, by
    /// rule and title (one box leaves out the same fix wherever it applies); empty for one
    /// suggestion.
    pub choices: Vec<FixItem>,
    /// Whether each choice is left out (empty: none is).
    pub unticked: Vec<bool>,
}

/// A fix as the review names it: its rule and title.
pub type Choice = (&'static str, String);

/// The preview of fix-all on `source`, with or without the unsafe fixes, and without the
/// fixes of `unticked`: fix-all is run again with only the other fixes it applies (the
/// boxes, and the fixes refused as breaking the build, stay in the list).
pub fn fix_all_preview(source: &str, config: &Config, unsafe_fixes: bool, unticked: &[Choice]) -> Preview {
    let full = fix_all_only(source, config, unsafe_fixes, None);
    if unticked.is_empty() {
        return full;
    }
    let off: Vec<bool> =
        full.choices.iter().map(|c| unticked.iter().any(|u| u.0 == c.code && u.1 == c.title)).collect();
    let only: Vec<&FixItem> =
        full.choices.iter().zip(&off).filter(|(_, off)| !**off).map(|(c, _)| c).collect();
    let mut p = fix_all_only(source, config, unsafe_fixes, Some(&only));
    // The refusals are those of all the fixes.
    p.left.retain(|l| l.detail.is_none());
    p.left.extend(full.left.into_iter().filter(|l| l.detail.is_some()));
    Preview { choices: full.choices, unticked: off, ..p }
}

/// The preview of fix-all with all its fixes, or (`only`) just these.
fn fix_all_only(source: &str, config: &Config, unsafe_fixes: bool, only: Option<&[&FixItem]>) -> Preview {
    let keep = |d: &Diagnostic| {
        only.is_none_or(|o| {
            d.fix.as_ref().is_some_and(|f| o.iter().any(|c| c.code == d.code && c.title == f.title))
        })
    };
    let opts = FixOptions { unsafe_fixes, ..FixOptions::default() };
    let fa = fix_all_where(source, config, &opts, shipshape::lint(source, config), &keep);
    let applied: Vec<FixItem> = fa
        .applied
        .iter()
        .map(|a| FixItem {
            code: a.code,
            title: a.title.clone(),
            applicability: a.applicability.as_str(),
            reason: "",
            detail: None,
        })
        .collect();
    let mut left: Vec<FixItem> = fa
        .skipped
        .iter()
        .map(|s| FixItem {
            code: s.code,
            title: s.title.clone(),
            applicability: s.applicability.as_str(),
            reason: reason(s.reason),
            detail: s.detail.clone(),
        })
        .collect();
    // A fix refused again in the next round (its instruction changed) is said once.
    left.dedup();
    let mut choices: Vec<FixItem> = Vec::new();
    for a in &applied {
        if !choices.iter().any(|c| c.code == a.code && c.title == a.title) {
            choices.push(a.clone());
        }
    }
    let (rows, added, removed) = rows(source, &fa.text);
    Preview {
        rows,
        added,
        removed,
        applied,
        left,
        can_apply: fa.text != source,
        text: fa.text,
        choices,
        unticked: Vec::new(),
    }
}

/// What the page says when one fix is refused: the fix, why, and the finding it would add.
pub fn refusal(code: &str, title: &str, r: &Refused) -> String {
    let detail = r.detail.as_ref().map_or(String::new(), |d| format!(": {d}"));
    format!("{code} {title} — {}{detail}", reason(r.reason))
}

/// The preview of one finding's fix (the display-only suggestions are shown this way).
pub fn one_fix_preview(source: &str, code: &'static str, fix: &Fix) -> Preview {
    let text = apply_fix(source, fix).unwrap_or_else(|| source.to_string());
    let (rows, added, removed) = rows(source, &text);
    let item = FixItem {
        code,
        title: fix.title.clone(),
        applicability: fix.applicability.as_str(),
        reason: "",
        detail: None,
    };
    Preview {
        rows,
        added,
        removed,
        applied: vec![item],
        left: Vec::new(),
        can_apply: fix.applicability != Applicability::DisplayOnly && text != source,
        text,
        choices: Vec::new(),
        unticked: Vec::new(),
    }
}

fn reason(r: SkipReason) -> &'static str {
    use SkipReason::*;
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
        let p = fix_all_preview(src, &Config::default(), false, &[]);
        assert_eq!(
            p.text,
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY app.py /app/\n"
        );
        let codes: Vec<_> = p.applied.iter().map(|a| a.code).collect();
        assert_eq!(codes, ["DL3014", "DL3020"]);
        assert!(p.left.iter().any(|l| l.code == "DL3015" && l.applicability == "unsafe"));
        assert_eq!((p.added, p.removed), (2, 2));
        assert!(p.can_apply);
        let all = fix_all_preview(src, &Config::default(), true, &[]);
        assert!(all.text.contains("-y --no-install-recommends curl"), "{}", all.text);
        assert!(all.applied.iter().any(|a| a.code == "DL3015" && a.applicability == "unsafe"));
    }

    const SEED: &str = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n";

    #[test]
    fn unticked_fixes_are_left_out_and_the_others_kept() {
        let config = Config::default();
        let full = fix_all_preview(SEED, &config, true, &[]);
        assert_eq!(
            full.text,
            "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n"
        );
        let codes: Vec<_> = full.choices.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["SS4008", "DL3015", "DL3009"]);
        assert_eq!(full.choices[1].title, "Add `--no-install-recommends`");
        let dl3015 = ("DL3015", full.choices[1].title.clone());
        let some = fix_all_preview(SEED, &config, true, std::slice::from_ref(&dl3015));
        assert_eq!(
            some.text,
            "FROM debian:12\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\n"
        );
        assert!(some.applied.iter().all(|a| a.code != "DL3015"));
        assert_eq!(some.choices, full.choices, "the boxes stay, ticked or not");
        assert!(some
            .rows
            .iter()
            .any(|r| matches!(r, Row::Line { kind: "added", text, .. } if text.contains("rm -rf"))));
        // Without the merge, the lists of the lone update cannot be removed: that fix is
        // not made, and nothing else is.
        let no_merge = fix_all_preview(SEED, &config, true, &[("SS4008", full.choices[0].title.clone())]);
        assert_eq!(
            no_merge.text,
            "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends gcc\n"
        );
        // All unticked: nothing to apply.
        let all: Vec<Choice> = full.choices.iter().map(|c| (c.code, c.title.clone())).collect();
        assert!(!fix_all_preview(SEED, &config, true, &all).can_apply);
        assert_eq!(fix_all_preview(SEED, &config, true, &[]), full);
    }

    #[test]
    fn fixes_that_would_break_the_build_say_what_they_would_add() {
        let src =
            "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n";
        let p = fix_all_preview(src, &Config::default(), true, &[]);
        // Refused in two rounds (its RUN changed in between): said once.
        assert_eq!(p.left.iter().filter(|l| l.code == "DL3009").count(), 1, "{:?}", p.left);
        let refused = p.left.iter().find(|l| l.code == "DL3009").expect("DL3009 refused");
        assert_eq!(refused.reason, "not applied: it would break the build");
        assert!(refused.detail.as_deref().is_some_and(|d| d.starts_with("SS6001 on line 3")), "{refused:?}");
        assert!(p.choices.iter().all(|c| c.code != "DL3009"), "a refused fix has no box");
        // One fix at a time: the same refusal, in words.
        let lint = shipshape::lint(src, &Config::default());
        let d =
            lint.diagnostics.iter().find(|d| d.code == "DL3009" && d.fix.is_some()).expect("a DL3009 fix");
        let fix = d.fix.as_ref().expect("fix");
        let r = shipshape::fix_all::apply_checked(src, fix, &Config::default()).expect_err("refused");
        let said = refusal(d.code, &fix.title, &r);
        assert!(
            said.starts_with("DL3009 ") && said.contains("would break the build: SS6001 on line"),
            "{said}"
        );
        // Leaving a fix out keeps the refusal said.
        let some = fix_all_preview(
            src,
            &Config::default(),
            true,
            &[("DL3015", "Add `--no-install-recommends`".into())],
        );
        assert!(some.left.iter().any(|l| l.code == "DL3009" && l.detail.is_some()), "{:?}", some.left);
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
        let p = fix_all_preview("FROM scratch\n", &Config::default(), true, &[]);
        assert!(!p.can_apply);
        assert!(p.rows.iter().all(|r| matches!(r, Row::Line { kind: "same", .. } | Row::Fold(_))));
    }
}
