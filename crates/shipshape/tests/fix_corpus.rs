//! Fix-all over the 446 real-world Dockerfiles of ../shared/corpus/real, with the safe
//! fixes and with the unsafe ones too. For every file: no panic; the fixed text has no
//! syntax error the original did not have; no fix was refused for breaking the parse or
//! for malformed edits; nothing fixable is left (no fixed finding came back, and fix-all
//! reached its fixed point within the round limit); a second fix-all changes nothing.
//! Prints the files changed, the fixes applied per rule and the rounds.

mod common;

use std::collections::BTreeMap;

use shipshape::fix_all::{fix_all, FixOptions, SkipReason};
use shipshape::Config;

/// Syntax errors as (kind, text at the error), sorted: an error that only moved is the same.
fn errors(text: &str) -> Vec<String> {
    let mut e: Vec<String> = shipshape::parse(text)
        .errors
        .iter()
        .map(|e| format!("{:?} {:?}", e.code, e.span.text(text)))
        .collect();
    e.sort();
    e
}

struct Outcome {
    name: String,
    changed: bool,
    rounds: usize,
    applied: Vec<&'static str>,
    problems: Vec<String>,
    /// Findings of error severity before and after fix-all (syntax errors aside).
    errors: (usize, usize),
    /// Of those, the build-breaking rules' (SS6001–SS6004).
    build_errors: (usize, usize),
    /// Fixes refused because they would break the build.
    refused: usize,
}

fn check_file(name: &str, source: &str, opts: &FixOptions) -> Outcome {
    let config = Config::default();
    let fa = fix_all(source, &config, opts);
    let mut problems = Vec::new();
    let before = errors(source);
    let mut remaining = before.clone();
    for e in errors(&fa.text) {
        match remaining.iter().position(|b| *b == e) {
            Some(i) => {
                remaining.swap_remove(i);
            }
            None => problems.push(format!("new syntax error {e}")),
        }
    }
    for s in &fa.skipped {
        if matches!(s.reason, SkipReason::BreaksParse | SkipReason::Malformed | SkipReason::RoundLimit) {
            problems.push(format!("{} `{}`: {}", s.code, s.title, s.reason.as_str()));
        }
    }
    // Fixes refused because they would break the build stay on their findings.
    let refused: Vec<(&str, &str)> = fa
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::BreaksBuild)
        .map(|s| (s.code, s.title.as_str()))
        .collect();
    for d in &fa.result.diagnostics {
        let Some(fix) = d.fix.as_ref().filter(|f| opts.allows(f.applicability)) else { continue };
        if !refused.contains(&(d.code, fix.title.as_str())) {
            problems.push(format!("{} still fixable after fix-all: {}", d.code, d.message));
        }
    }
    // Fix-all adds no finding of error severity (build-model violations included).
    let errors_of = |r: &shipshape::LintResult, text: &str| -> Vec<String> {
        let mut v: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == shipshape::Severity::Error && d.code != "DL1000")
            .map(|d| format!("{} {}", d.code, d.span.text(text)))
            .collect();
        v.sort();
        v
    };
    let first_errors = errors_of(&shipshape::lint(source, &config), source);
    let after_errors = errors_of(&fa.result, &fa.text);
    let mut left = first_errors.clone();
    for e in &after_errors {
        match left.iter().position(|b| b == e) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => problems.push(format!("fix-all adds the error finding {e}")),
        }
    }
    let build = |v: &[String]| v.iter().filter(|e| e.starts_with("SS600")).count();
    // No fixed finding fires again: per rule, the findings left plus the fixes applied are
    // at most the findings there were.
    let count = |diags: &[shipshape::Diagnostic], code: &str| diags.iter().filter(|d| d.code == code).count();
    let first = shipshape::lint(source, &config);
    let mut fixed_codes: Vec<&str> = fa.applied.iter().map(|a| a.code).collect();
    fixed_codes.sort();
    fixed_codes.dedup();
    for code in fixed_codes {
        let applied = fa.applied.iter().filter(|a| a.code == code).count();
        let (before, after) = (count(&first.diagnostics, code), count(&fa.result.diagnostics, code));
        // (A fix of another rule may create findings that are fixed in a later round, so
        // only findings still there count.)
        if after > 0 && after + applied > before {
            problems.push(format!("{code}: {before} findings, {applied} fixed, {after} left"));
        }
    }
    let again = fix_all(&fa.text, &config, opts);
    if again.text != fa.text {
        let applied: Vec<_> = again.applied.iter().map(|a| a.code).collect();
        problems.push(format!("a second fix-all changes the text (applies {applied:?})"));
    }
    Outcome {
        name: name.to_string(),
        changed: fa.text != source,
        rounds: fa.rounds,
        applied: fa.applied.iter().map(|a| a.code).collect(),
        problems,
        errors: (first_errors.len(), after_errors.len()),
        build_errors: (build(&first_errors), build(&after_errors)),
        refused: refused.len(),
    }
}

fn run(label: &str, opts: FixOptions) {
    let Some(dir) = common::corpus_or_skip("fix-all over the real corpus") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let raw = std::fs::read(p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&raw).into_owned(),
            )
        })
        .collect();
    // Two workers: the files are independent.
    let mut outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let halves = sources.split_at(sources.len() / 2);
        let a = s.spawn(|| halves.0.iter().map(|(n, t)| check_file(n, t, &opts)).collect::<Vec<_>>());
        let b = s.spawn(|| halves.1.iter().map(|(n, t)| check_file(n, t, &opts)).collect::<Vec<_>>());
        let mut v = a.join().expect("no panic");
        v.extend(b.join().expect("no panic"));
        v
    });
    outcomes.sort_by(|a, b| a.name.cmp(&b.name));

    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &outcomes {
        for code in &o.applied {
            *per_rule.entry(code).or_default() += 1;
        }
    }
    let mut rounds: Vec<usize> = outcomes.iter().map(|o| o.rounds).collect();
    rounds.sort();
    let changed = outcomes.iter().filter(|o| o.changed).count();
    let applied: usize = per_rule.values().sum();
    println!(
        "fix-all ({label}): {} files, {changed} changed, {applied} fixes applied; rounds max {} median {}",
        outcomes.len(),
        rounds.last().copied().unwrap_or(0),
        rounds[rounds.len() / 2]
    );
    let mut by_count: Vec<_> = per_rule.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let list: Vec<String> = by_count.iter().map(|(c, n)| format!("{c} {n}")).collect();
    println!("fix-all ({label}) per rule: {}", list.join(", "));

    let sum = |f: fn(&Outcome) -> usize| outcomes.iter().map(f).sum::<usize>();
    println!(
        "fix-all ({label}) errors: {} findings of error severity before, {} after; build-breaking rules {} before, {} after; {} fixes refused as breaking the build",
        sum(|o| o.errors.0),
        sum(|o| o.errors.1),
        sum(|o| o.build_errors.0),
        sum(|o| o.build_errors.1),
        sum(|o| o.refused)
    );
    let problems: Vec<String> =
        outcomes.iter().flat_map(|o| o.problems.iter().map(move |p| format!("{}: {p}", o.name))).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn fix_all_safe_over_the_corpus() {
    run("safe", FixOptions::default());
}

#[test]
fn fix_all_unsafe_over_the_corpus() {
    run("with unsafe", FixOptions { unsafe_fixes: true, ..FixOptions::default() });
}
