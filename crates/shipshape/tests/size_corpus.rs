//! Every real-world Dockerfile of the corpus gets a size estimate (and a before/after report)
//! without a panic, with ordered ranges and reasons on every layer; the estimates are
//! printed as a distribution.

mod common;

use shipshape::size::{self, Debian, SizeOptions};
use shipshape::Config;

#[test]
fn every_corpus_file_gets_an_estimate() {
    let Some(dir) = common::corpus_or_skip("size corpus") else { return };
    let debian = Debian::parse(include_str!("../data/debian-bookworm.tsv"));
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .expect("real/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".Dockerfile"))
        .collect();
    files.sort();
    assert!(files.len() >= 400, "the corpus has 446 files, found {}", files.len());
    let opts = SizeOptions::default();
    let mut totals = Vec::new();
    let mut matches: std::collections::BTreeMap<&str, usize> = Default::default();
    let (mut layers, mut stages, mut saved, mut with_savings) = (0usize, 0usize, 0u64, 0usize);
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let source = String::from_utf8_lossy(&bytes);
        let r = size::report(&source, &Config::default(), Some(&debian), &opts);
        for e in [&r.before, &r.after] {
            for s in &e.stages {
                for f in std::iter::once(s.disk).chain(s.layers.iter().map(|l| l.disk)) {
                    assert!(f.low <= f.expected && f.expected <= f.high, "{}: {f:?}", path.display());
                }
                assert!(
                    s.layers.iter().all(|l| !l.reasons.is_empty()),
                    "{}: a layer without reasons",
                    path.display()
                );
                assert!(!s.base_reasons.is_empty(), "{}", path.display());
            }
        }
        stages += r.before.stages.len();
        layers += r.before.stages.iter().map(|s| s.layers.len()).sum::<usize>();
        for s in &r.before.stages {
            *matches.entry(s.base_match).or_insert(0usize) += 1;
        }
        if !r.savings.is_empty() {
            with_savings += 1;
        }
        saved += r.before.disk.expected.saturating_sub(r.after.disk.expected);
        if !r.before.stages.is_empty() {
            totals.push(r.before.disk.expected);
        }
    }
    totals.sort_unstable();
    let q = |p: f64| size::mb(totals[((totals.len() - 1) as f64 * p) as usize]);
    println!("size corpus: {} files estimated ({} stages, {} layers)", files.len(), stages, layers);
    println!(
        "size corpus: how each stage's base was found: {}",
        matches.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    );
    println!(
        "size corpus: on-disk estimate of the image: min {}, p10 {}, p25 {}, median {}, p75 {}, p90 {}, max {}",
        q(0.0),
        q(0.1),
        q(0.25),
        q(0.5),
        q(0.75),
        q(0.9),
        q(1.0)
    );
    println!(
        "size corpus: {with_savings} files have a fix that saves space; the size fixes save {} in all (expected)",
        size::mb(saved)
    );
}
