//! Fixes: what a rule proposes to change, and fix-all.
//!
//! A fix is a title, a list of non-overlapping byte edits on the source the finding was
//! made on, and an applicability. Fix-all applies every applicable fix whose edits do not
//! overlap another's, re-parses and re-lints, and repeats until nothing changes (at most
//! [`MAX_ROUNDS`] rounds). A fix is never kept when it would add a syntax error: such a
//! round is retried fix by fix, and the fixes that break the parse are reported as skipped.

use crate::config::Config;
use crate::lint::{lint_with, LintResult, Options};
use crate::rules::Diagnostic;
use crate::syntax::Span;

/// How far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the build's meaning: fix-all applies it.
    Safe,
    /// Changes behaviour, layering or the cache: applied only when asked for, after review.
    Unsafe,
    /// A suggestion shown as a diff; fix-all never applies it.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the bytes of `span` with `text` (an insertion when the span is empty, a
/// deletion when the text is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit { span, text: text.into() }
    }

    pub fn insert(at: u32, text: impl Into<String>) -> Edit {
        Edit { span: Span::empty(at), text: text.into() }
    }

    pub fn delete(span: Span) -> Edit {
        Edit { span, text: String::new() }
    }

    /// Whether two edits touch the same bytes (or insert at the same place, where their
    /// order would be a guess).
    pub fn overlaps(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        if a.is_empty() && b.is_empty() {
            return a.start == b.start;
        }
        if a.is_empty() {
            return b.start < a.start && a.start < b.end;
        }
        if b.is_empty() {
            return a.start < b.start && b.start < a.end;
        }
        a.start < b.end && b.start < a.end
    }
}

/// A proposed change for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a command: "Add `--no-install-recommends`".
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by position, none overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Fix {
        crate::sort::by_key(&mut edits, |e| (e.span.start, e.span.end));
        Fix { title: title.into(), applicability, edits }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    pub fn display_only(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::DisplayOnly, edits)
    }

    /// Whether the fix's own edits are in bounds, on character boundaries and disjoint.
    pub fn is_well_formed(&self, source: &str) -> bool {
        let in_bounds = self.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && (e.span.end as usize) <= source.len()
                && source.is_char_boundary(e.span.start as usize)
                && source.is_char_boundary(e.span.end as usize)
        });
        let disjoint = self.edits.windows(2).all(|w| !w[0].overlaps(&w[1]));
        !self.edits.is_empty() && in_bounds && disjoint
    }

    fn overlaps(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| other.edits.iter().any(|b| a.overlaps(b)))
    }
}

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

/// Applies edits to `source`. The edits must be well formed and disjoint (see
/// [`Fix::is_well_formed`]); they are applied from the end so offsets stay valid.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::sort::by_key(&mut sorted, |e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0usize;
    for e in sorted {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        if start < at {
            continue; // overlapping: the caller broke the contract; keep the earlier edit
        }
        out.push_str(&source[at..start]);
        out.push_str(&e.text);
        at = end;
    }
    out.push_str(&source[at..]);
    out
}

/// The most rounds fix-all runs (each round applies every fix that does not overlap an
/// earlier one; fixes that overlap wait for the next round).
pub const MAX_ROUNDS: usize = 10;

/// What fix-all may apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply unsafe fixes.
    pub unsafe_fixes: bool,
    /// Also apply display-only fixes (tests of a rule's fix; never for users).
    pub display_only: bool,
    /// Only the fixes of this rule (tests).
    pub only: Option<&'static str>,
    /// Only the fixes of rules in these categories (the size estimate's "after").
    pub categories: Option<&'static [crate::rules::Category]>,
}

impl FixOptions {
    /// Whether the finding's rule is in the chosen categories (all when none are chosen).
    pub fn in_categories(&self, d: &Diagnostic) -> bool {
        match self.categories {
            None => true,
            Some(cats) => crate::lint::meta_of(d).is_some_and(|m| cats.contains(&m.category)),
        }
    }

    pub fn allows(&self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => self.display_only,
        }
    }
}

/// A fix fix-all applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub code: &'static str,
    pub title: String,
    pub applicability: Applicability,
    /// 1-based round it was applied in.
    pub round: usize,
}

/// Why a fix was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// Unsafe, and unsafe fixes were not asked for.
    Unsafe,
    /// Display-only: shown, never applied.
    DisplayOnly,
    /// Applying it would have added a syntax error.
    BreaksParse,
    /// Its edits were malformed (a bug in the rule; reported rather than applied).
    Malformed,
    /// Still pending when the round limit was reached.
    RoundLimit,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Unsafe => "unsafe: needs --unsafe-fixes",
            SkipReason::DisplayOnly => "display only: a suggestion to review",
            SkipReason::BreaksParse => "not applied: the result would not parse",
            SkipReason::Malformed => "not applied: the fix's edits are invalid",
            SkipReason::RoundLimit => "not applied: fix-all stopped after its round limit",
        }
    }
}

/// A fix fix-all did not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub code: &'static str,
    pub title: String,
    pub applicability: Applicability,
    pub reason: SkipReason,
}

/// The outcome of fix-all.
#[derive(Clone, Debug)]
pub struct FixAll {
    /// The fixed text (the source itself when nothing applied).
    pub text: String,
    pub applied: Vec<Applied>,
    /// The fixes left on the final text, and those refused along the way.
    pub skipped: Vec<Skipped>,
    /// Rounds that applied something.
    pub rounds: usize,
    /// The lint of the final text.
    pub result: LintResult,
}

impl FixAll {
    pub fn changed(&self, source: &str) -> bool {
        self.text != source
    }
}

fn lint_for(source: &str, config: &Config, opts: &FixOptions) -> LintResult {
    lint_with(source, config, &Options { only: opts.only })
}

/// Syntax errors as comparable keys (message and the text at the error), so that an error
/// that only moved is not counted as new.
fn error_keys(parse: &crate::syntax::Parse, source: &str) -> Vec<String> {
    let mut keys: Vec<String> =
        parse.errors.iter().map(|e| format!("{:?} {}", e.code, e.span.text(source))).collect();
    crate::sort::plain(&mut keys);
    keys
}

/// Whether `after` has a syntax error that `before` did not.
fn adds_errors(before: &[String], after: &[String]) -> bool {
    let mut remaining = before.to_vec();
    for k in after {
        match remaining.iter().position(|b| b == k) {
            Some(i) => {
                remaining.swap_remove(i);
            }
            None => return true,
        }
    }
    false
}

/// Applies every fix allowed by `opts`, round after round, until nothing changes.
pub fn fix_all(source: &str, config: &Config, opts: &FixOptions) -> FixAll {
    fix_all_from(source, config, opts, lint_for(source, config, opts))
}

/// [`fix_all`] from the lint of `source` the caller already has (made with the same
/// configuration, and with only `opts.only` when that is set), so it is not linted twice.
pub fn fix_all_from(source: &str, config: &Config, opts: &FixOptions, first: LintResult) -> FixAll {
    let mut text = source.to_string();
    let mut applied = Vec::new();
    let mut refused: Vec<Skipped> = Vec::new();
    // Fixes refused as breaking the parse (or malformed), by finding: not retried.
    let mut broken: Vec<(&'static str, String, String)> = Vec::new();
    let key = |d: &Diagnostic, text: &str| {
        (d.code, d.fix.as_ref().map_or(String::new(), |f| f.title.clone()), d.span.text(text).to_string())
    };
    let mut result = first;
    let mut rounds = 0;
    for round in 1..=MAX_ROUNDS {
        let errors_before = error_keys(&result.parse, &text);
        let candidates: Vec<&Diagnostic> = result
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| opts.allows(f.applicability)))
            .filter(|d| opts.in_categories(d))
            .filter(|d| !broken.contains(&key(d, &text)))
            .collect();
        let mut chosen: Vec<&Diagnostic> = Vec::new();
        for d in candidates {
            let fix = d.fix.as_ref().expect("filtered");
            if !fix.is_well_formed(&text) {
                refused.push(skipped(d, SkipReason::Malformed));
                broken.push(key(d, &text));
                continue;
            }
            if chosen.iter().any(|c| c.fix.as_ref().expect("chosen have fixes").overlaps(fix)) {
                continue; // next round
            }
            chosen.push(d);
        }
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<_> =
            chosen.iter().flat_map(|d| d.fix.as_ref().expect("chosen").edits.clone()).collect();
        let next = apply_edits(&text, &edits);
        let next_result = lint_for(&next, config, opts);
        let (next, next_result, kept) = if adds_errors(&errors_before, &error_keys(&next_result.parse, &next))
        {
            // Find the culprits one fix at a time, keeping the ones that parse.
            let mut keep: Vec<&Diagnostic> = Vec::new();
            for d in &chosen {
                let mut trial: Vec<_> =
                    keep.iter().flat_map(|k| k.fix.as_ref().expect("").edits.clone()).collect();
                trial.extend(d.fix.as_ref().expect("chosen").edits.clone());
                let t = apply_edits(&text, &trial);
                if adds_errors(&errors_before, &error_keys(&crate::syntax::parse(&t), &t)) {
                    refused.push(skipped(d, SkipReason::BreaksParse));
                    broken.push(key(d, &text));
                } else {
                    keep.push(d);
                }
            }
            if keep.is_empty() {
                continue;
            }
            let edits: Vec<_> =
                keep.iter().flat_map(|d| d.fix.as_ref().expect("kept").edits.clone()).collect();
            let t = apply_edits(&text, &edits);
            let r = lint_for(&t, config, opts);
            (t, r, keep)
        } else {
            (next, next_result, chosen)
        };
        for d in kept {
            let fix = d.fix.as_ref().expect("kept");
            applied.push(Applied {
                code: d.code,
                title: fix.title.clone(),
                applicability: fix.applicability,
                round,
            });
        }
        rounds = round;
        if next == text {
            break;
        }
        text = next;
        result = next_result;
    }
    // What is left: fixes not allowed, or still pending at the round limit.
    let mut skipped_list = refused;
    for d in &result.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if !opts.in_categories(d) {
            continue;
        }
        let reason = match fix.applicability {
            Applicability::Unsafe if !opts.unsafe_fixes => SkipReason::Unsafe,
            Applicability::DisplayOnly if !opts.display_only => SkipReason::DisplayOnly,
            _ if broken.contains(&key(d, &text)) => continue,
            _ => SkipReason::RoundLimit,
        };
        skipped_list.push(skipped(d, reason));
    }
    FixAll { text, applied, skipped: skipped_list, rounds, result }
}

fn skipped(d: &Diagnostic, reason: SkipReason) -> Skipped {
    let fix = d.fix.as_ref().expect("only findings with fixes are skipped");
    Skipped { code: d.code, title: fix.title.clone(), applicability: fix.applicability, reason }
}

/// The line break a new line should end with: the file's own (CRLF files exist).
pub fn line_break(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Applies the fix of one finding (the playground's Fix button): the new text, or `None`
/// when the finding has no fix, its edits are invalid, or the result would add a syntax
/// error.
pub fn apply_one(source: &str, diagnostic: &Diagnostic) -> Option<String> {
    apply_fix(source, diagnostic.fix.as_ref()?)
}

/// Applies one fix to the text it was computed on: `None` when its edits are invalid there
/// or the result would add a syntax error.
pub fn apply_fix(source: &str, fix: &Fix) -> Option<String> {
    if !fix.is_well_formed(source) {
        return None;
    }
    let text = apply_edits(source, &fix.edits);
    let before = error_keys(&crate::syntax::parse(source), source);
    (!adds_errors(&before, &error_keys(&crate::syntax::parse(&text), &text))).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
