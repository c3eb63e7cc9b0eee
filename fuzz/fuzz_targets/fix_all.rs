//! parse → lint → fix-all (safe fixes, then safe and unsafe) → re-parse, and the size
//! estimate of the texts, on any text.
//! Checks: no panic; a fixed text has no syntax error the input did not have, and no
//! finding of error severity the input did not have (the fix would break the build;
//! compared as multisets of (code, text at the span), syntax errors aside); a second
//! fix-all changes nothing; every size figure has low ≤ expected ≤ high and reasons.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape::fix_all::{fix_all, FixAll, FixOptions};
use shipshape::size::{Debian, SizeOptions};
use shipshape::{Config, LintResult, Severity};
use std::sync::OnceLock;

fn debian() -> &'static Debian {
    static D: OnceLock<Debian> = OnceLock::new();
    D.get_or_init(|| Debian::parse(include_str!("../../crates/shipshape/data/debian-bookworm.tsv")))
}

fn check_size(text: &str) {
    let e = shipshape::size::estimate(text, Some(debian()), &SizeOptions::default());
    for s in &e.stages {
        for f in std::iter::once(s.disk).chain(s.layers.iter().map(|l| l.disk)) {
            assert!(f.low <= f.expected && f.expected <= f.high, "size range out of order {f:?}\n{text}");
        }
        assert!(s.layers.iter().all(|l| !l.reasons.is_empty()), "a layer without reasons\n{text}");
    }
}

fn errors(text: &str) -> Vec<String> {
    let mut e: Vec<String> =
        shipshape::parse(text).errors.iter().map(|e| format!("{:?} {:?}", e.code, e.span.text(text))).collect();
    e.sort();
    e
}

/// The findings of error severity, syntax errors aside, as (code, text at the span), with
/// the finding's line and message for the report.
fn breakage(result: &LintResult, text: &str) -> Vec<((&'static str, String), String)> {
    result
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.code != shipshape::lint::SYNTAX_CODE)
        .map(|d| {
            let line = text[..d.span.start as usize].matches('\n').count() + 1;
            ((d.code, d.span.text(text).to_string()), format!("{} on line {line}: {}", d.code, d.message))
        })
        .collect()
}

/// The first item of `after` that `before` does not have, as multisets.
fn added<'a, K: PartialEq, V>(before: &[(K, V)], after: &'a [(K, V)]) -> Option<&'a (K, V)> {
    let mut remaining: Vec<&K> = before.iter().map(|(k, _)| k).collect();
    after.iter().find(|(k, _)| match remaining.iter().position(|b| *b == k) {
        Some(i) => {
            remaining.swap_remove(i);
            false
        }
        None => true,
    })
}

/// The invariants of one fix-all of `source` (linted as `first`): no new syntax error, no
/// new finding of error severity (`result` is the lint of the fixed text).
fn check_fixed(what: &str, source: &str, first: &LintResult, fa: &FixAll, result: &LintResult) {
    let before: Vec<(String, ())> = errors(source).into_iter().map(|e| (e, ())).collect();
    let after: Vec<(String, ())> = errors(&fa.text).into_iter().map(|e| (e, ())).collect();
    if let Some((e, ())) = added(&before, &after) {
        panic!("{what} fix-all added a syntax error {e}\n--- input\n{source}\n--- output\n{}", fa.text);
    }
    if let Some((_, finding)) = added(&breakage(first, source), &breakage(result, &fa.text)) {
        let applied: Vec<String> = fa.applied.iter().map(|a| format!("{} ({})", a.code, a.title)).collect();
        panic!(
            "{what} fix-all added a finding of error severity: {finding}\napplied: {}\n--- input\n{source}\n--- output\n{}",
            applied.join("; "),
            fa.text
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let first = shipshape::lint(source, &config);

    let safe = fix_all(source, &config, &FixOptions::default());
    check_fixed("safe", source, &first, &safe, &shipshape::lint(&safe.text, &config));

    let opts = FixOptions { unsafe_fixes: true, ..FixOptions::default() };
    let fa = fix_all(source, &config, &opts);
    let again = fix_all(&fa.text, &config, &opts);
    assert_eq!(again.text, fa.text, "a second fix-all changed the text");
    // Nothing applied the second time: its lint is the lint of the fixed text.
    check_fixed("unsafe", source, &first, &fa, &again.result);

    check_size(source);
    check_size(&fa.text);
});
