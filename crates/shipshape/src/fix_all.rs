//! Fix-all: applies every applicable fix whose edits do not overlap another's, re-parses
//! and re-lints, and repeats until nothing changes (at most [`MAX_ROUNDS`] rounds). A fix
//! is never kept when it would add a syntax error or a finding of error severity (a build
//! that breaks, as the build model sees it): such a round is retried fix by fix, and the
//! fixes that do harm are reported as skipped, with the finding they would add.
//! [`apply_checked`] does the same for one fix.

use crate::config::Config;
use crate::diagnostic::{apply_edits, Applicability, Diagnostic, Fix, Severity};
use crate::lint::{lint_with, LintResult, Options};

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
    /// Applying it would have made the build fail: it adds a finding of error severity
    /// (a build-model violation such as an install with no package lists). `Skipped::detail`
    /// names the finding.
    BreaksBuild,
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
            SkipReason::BreaksBuild => "not applied: it would break the build",
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
    /// For `BreaksBuild`: the finding the fix would add (`SS6001 on line 3: …`).
    pub detail: Option<String>,
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

/// The findings of error severity of a lint (syntax errors aside) as comparable keys (code
/// and the text at the finding), with each finding's description for a report.
fn breakage(result: &LintResult, source: &str) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.code != crate::lint::SYNTAX_CODE)
        .map(|d| {
            let line = crate::syntax::text::line_of(source, d.span.start);
            (
                format!("{} {}", d.code, d.span.text(source)),
                format!("{} on line {line}: {}", d.code, d.message),
            )
        })
        .collect();
    crate::sort::by(&mut keys, |a, b| a.0.cmp(&b.0));
    keys
}

/// The first finding of `after` that `before` does not have (by key), if any.
fn added<'a>(before: &[(String, String)], after: &'a [(String, String)]) -> Option<&'a str> {
    let mut remaining: Vec<&str> = before.iter().map(|(k, _)| k.as_str()).collect();
    for (k, what) in after {
        match remaining.iter().position(|b| b == k) {
            Some(i) => {
                remaining.swap_remove(i);
            }
            None => return Some(what),
        }
    }
    None
}

/// The error findings of `text` with every rule on, whatever `opts.only` says: a fix is
/// checked against the whole linter.
fn full_breakage(
    text: &str,
    config: &Config,
    opts: &FixOptions,
    linted: &LintResult,
) -> Vec<(String, String)> {
    if opts.only.is_none() {
        breakage(linted, text)
    } else {
        breakage(&crate::lint::lint(text, config), text)
    }
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
    fix_all_where(source, config, opts, first, &|_| true)
}

/// [`fix_all_from`] with only the fixes `keep` accepts (the playground's review, where each
/// fix can be unticked). The others are neither applied nor listed as skipped.
pub fn fix_all_where(
    source: &str,
    config: &Config,
    opts: &FixOptions,
    first: LintResult,
    keep: &dyn Fn(&Diagnostic) -> bool,
) -> FixAll {
    let mut text = source.to_string();
    let mut applied = Vec::new();
    let mut refused: Vec<Skipped> = Vec::new();
    // Fixes refused as breaking the parse (or malformed), by finding: not retried.
    let mut broken: Vec<(&'static str, String, String, String)> = Vec::new();
    // A refused fix is known by its finding, what it writes and the instruction it is in:
    // when a later round changes that instruction (another fix merged a RUN into it) or what
    // the fix writes (another fix changed the base image, so DL4006's SHELL names its
    // shell), it is tried again.
    let key = |d: &Diagnostic, text: &str, file: &crate::syntax::Dockerfile| {
        let around = file
            .instructions
            .iter()
            .find(|i| i.span.start <= d.span.start && d.span.end <= i.span.end)
            .map_or(String::new(), |i| i.span.text(text).to_string());
        let fix = d.fix.as_ref().map_or(String::new(), |f| {
            let mut k = f.title.clone();
            for e in &f.edits {
                k.push('\0');
                k.push_str(&e.text);
            }
            k
        });
        (d.code, fix, d.span.text(text).to_string(), around)
    };
    let mut result = first;
    let mut rounds = 0;
    for round in 1..=MAX_ROUNDS {
        let errors_before = error_keys(&result.parse, &text);
        let broken_before = full_breakage(&text, config, opts, &result);
        let candidates: Vec<&Diagnostic> = result
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| opts.allows(f.applicability)))
            .filter(|d| opts.in_categories(d) && keep(d))
            .filter(|d| !broken.contains(&key(d, &text, &result.parse.file)))
            .collect();
        let mut chosen: Vec<&Diagnostic> = Vec::new();
        for d in candidates {
            let fix = d.fix.as_ref().expect("filtered");
            if !fix.is_well_formed(&text) {
                refused.push(skipped(d, SkipReason::Malformed));
                broken.push(key(d, &text, &result.parse.file));
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
        let edits_of = |ds: &[&Diagnostic]| -> Vec<crate::diagnostic::Edit> {
            ds.iter().flat_map(|d| d.fix.as_ref().expect("chosen").edits.clone()).collect()
        };
        // Why a text made by fixes may not be kept: a new syntax error, or a new finding of
        // error severity (the build would break).
        let refusal = |t: &str, r: &LintResult| -> Option<(SkipReason, Option<String>)> {
            if adds_errors(&errors_before, &error_keys(&r.parse, t)) {
                return Some((SkipReason::BreaksParse, None));
            }
            added(&broken_before, &full_breakage(t, config, opts, r))
                .map(|what| (SkipReason::BreaksBuild, Some(what.to_string())))
        };
        let next = apply_edits(&text, &edits_of(&chosen));
        let next_result = lint_for(&next, config, opts);
        let (next, next_result, kept) = if refusal(&next, &next_result).is_some() {
            // Find the culprits one fix at a time, keeping the ones that do no harm.
            let mut keep: Vec<&Diagnostic> = Vec::new();
            for d in &chosen {
                let mut trial = keep.clone();
                trial.push(d);
                let t = apply_edits(&text, &edits_of(&trial));
                let r = lint_for(&t, config, opts);
                match refusal(&t, &r) {
                    Some((reason, detail)) => {
                        refused.push(Skipped { detail, ..skipped(d, reason) });
                        broken.push(key(d, &text, &result.parse.file));
                    }
                    None => keep.push(d),
                }
            }
            if keep.is_empty() {
                continue;
            }
            let t = apply_edits(&text, &edits_of(&keep));
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
        if !opts.in_categories(d) || !keep(d) {
            continue;
        }
        let reason = match fix.applicability {
            Applicability::Unsafe if !opts.unsafe_fixes => SkipReason::Unsafe,
            Applicability::DisplayOnly if !opts.display_only => SkipReason::DisplayOnly,
            _ if broken.contains(&key(d, &text, &result.parse.file)) => continue,
            _ => SkipReason::RoundLimit,
        };
        skipped_list.push(skipped(d, reason));
    }
    FixAll { text, applied, skipped: skipped_list, rounds, result }
}

fn skipped(d: &Diagnostic, reason: SkipReason) -> Skipped {
    let fix = d.fix.as_ref().expect("only findings with fixes are skipped");
    Skipped { code: d.code, title: fix.title.clone(), applicability: fix.applicability, reason, detail: None }
}

/// Why one fix was not applied, and the finding it would have added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub reason: SkipReason,
    pub detail: Option<String>,
}

/// Applies one fix to the text it was computed on and checks the result as fix-all does:
/// refused when its edits are invalid there, when the result would not parse, or when it
/// would add a finding of error severity (the build would break).
pub fn apply_checked(source: &str, fix: &Fix, config: &Config) -> Result<String, Refused> {
    if !fix.is_well_formed(source) {
        return Err(Refused { reason: SkipReason::Malformed, detail: None });
    }
    let text = apply_edits(source, &fix.edits);
    let before = crate::lint::lint(source, config);
    let after = crate::lint::lint(&text, config);
    if adds_errors(&error_keys(&before.parse, source), &error_keys(&after.parse, &text)) {
        return Err(Refused { reason: SkipReason::BreaksParse, detail: None });
    }
    if let Some(what) = added(&breakage(&before, source), &breakage(&after, &text)) {
        return Err(Refused { reason: SkipReason::BreaksBuild, detail: Some(what.to_string()) });
    }
    Ok(text)
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
    fn fix_all_where_leaves_out_the_fixes_it_is_told_to() {
        let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n";
        let (config, opts) = (Config::default(), FixOptions { unsafe_fixes: true, ..FixOptions::default() });
        let first = || lint_for(src, &config, &opts);
        let all = fix_all_where(src, &config, &opts, first(), &|_| true);
        assert_eq!(all.text, fix_all(src, &config, &opts).text);
        assert!(all.applied.iter().any(|a| a.code == "DL3015"));
        // Without DL3015's fix: the others still apply, and DL3015 is neither applied nor
        // listed as skipped.
        let some = fix_all_where(src, &config, &opts, first(), &|d| d.code != "DL3015");
        assert_eq!(
            some.text,
            "FROM debian:12\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\n"
        );
        assert!(some.applied.iter().all(|a| a.code != "DL3015"));
        assert!(some.skipped.iter().all(|s| s.code != "DL3015"));
        assert!(some.result.diagnostics.iter().any(|d| d.code == "DL3015"));
        // Nothing kept: nothing changes.
        assert_eq!(fix_all_where(src, &config, &opts, first(), &|_| false).text, src);
    }
}
