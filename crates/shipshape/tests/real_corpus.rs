//! The 446 real-world Dockerfiles of ../shared/corpus/real: each parses without a panic
//! and quickly, the files BuildKit accepts give no syntax error, and the one file BuildKit
//! rejects (a Jinja template) gives errors on its template lines only while every real
//! instruction is still read.

mod common;

use std::time::{Duration, Instant};

use shipshape::syntax::{ErrorCode, Keyword};

/// Files of the corpus that BuildKit rejects, and why. Every other file must parse clean.
const REJECTED_BY_BUILDKIT: &[(&str, &str)] = &[(
    "cookiecutter__cookiecutter-django____cookiecutter.project_slug____compose__production__django__Dockerfile.Dockerfile",
    "a Jinja template: its `{% … %}` lines are not instructions",
)];

#[test]
fn real_corpus() {
    let Some(dir) = common::corpus_or_skip("real corpus") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();

    let (mut clean, mut instructions, mut bytes) = (0, 0, 0);
    let mut slowest = (Duration::ZERO, String::new());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let raw = std::fs::read(path).unwrap();
        let source = String::from_utf8_lossy(&raw);
        bytes += source.len();
        let start = Instant::now();
        let parse = shipshape::parse(&source);
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
        instructions += parse.file.instructions.len();
        let rejected = REJECTED_BY_BUILDKIT.iter().find(|(f, _)| *f == name);
        match rejected {
            None if parse.errors.is_empty() => clean += 1,
            None => failures.push(format!(
                "{name}: {}",
                parse
                    .errors
                    .iter()
                    .map(|e| format!("{:?} {}", e.span, e.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
            Some(_) => {}
        }
        // Not a benchmark (`make bench` measures speed): a bound that only a runaway parse
        // breaks, with room for a debug build on a busy machine (the slowest file takes
        // 10–30 ms there).
        if took > Duration::from_secs(2) {
            failures.push(format!("{name}: parsing took {took:?} (a runaway parse: limit 2 s)"));
        }
    }

    // The Jinja template: errors only on `{%` lines, every FROM/RUN/... still read.
    let (template, _) = REJECTED_BY_BUILDKIT[0];
    let source = std::fs::read_to_string(dir.join("real").join(template)).unwrap();
    let parse = shipshape::parse(&source);
    let template_lines = source.lines().filter(|l| l.trim_start().starts_with("{%")).count();
    let from_lines = source.lines().filter(|l| l.starts_with("FROM ")).count();
    let froms = parse.file.instructions.iter().filter(|i| i.keyword == Keyword::From).count();
    assert_eq!(parse.errors.len(), template_lines, "one error per template line: {:#?}", parse.errors);
    assert!(parse
        .errors
        .iter()
        .all(|e| e.code == ErrorCode::UnknownInstruction && e.span.text(&source).starts_with("{%")));
    assert_eq!(froms, from_lines);
    assert_eq!(parse.file.stages.len(), from_lines);
    let known = parse.file.instructions.iter().filter(|i| i.keyword != Keyword::Unknown).count();

    println!(
        "real corpus: {} files, {clean} parse clean, {} rejected as BuildKit does; {instructions} instructions, {:.1} KiB; slowest {:?} ({})",
        files.len(),
        REJECTED_BY_BUILDKIT.len(),
        bytes as f64 / 1024.0,
        slowest.0,
        slowest.1
    );
    println!(
        "real corpus: the Jinja template gives {} errors (one per template line) and still yields {known} instructions in {} stages",
        parse.errors.len(),
        parse.file.stages.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(clean + REJECTED_BY_BUILDKIT.len(), files.len());
    assert!(files.len() >= 440, "the corpus looks incomplete: {} files", files.len());
}
