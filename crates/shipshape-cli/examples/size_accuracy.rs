//! `make size-accuracy`: the size estimator against measured images.
//!
//! 1. Whole images: official-image Dockerfiles of `../shared/corpus/real` whose built image is
//!    measured in `base-images.tsv` (the pairs are listed below, with how close the Dockerfile
//!    is to the measured build). The measured figure is the pulled (compressed) size, so it is
//!    compared with `compressed` (expected and range); the on-disk estimate is printed beside.
//! 2. Layers: every row of `official-layers.tsv`. Rows whose image has a Dockerfile in the
//!    corpus are aligned from the last layer backwards with the final stage's RUN / COPY / ADD
//!    / WORKDIR instructions; a row is compared only when the instruction kinds agree.
//!    Rows that cannot be estimated are counted and the reason given (no Dockerfile in the
//!    corpus, layers of the base image, WORKDIR's empty layer, a template that differs).
//!
//! Prints the median absolute error in % and how often the truth falls in the low–high range.
//! `SHIPSHAPE_CORPUS` overrides the corpus root (default `../shared/corpus`).

use std::path::PathBuf;
use std::process::ExitCode;

use shipshape::size::{self, Debian, SizeOptions};
use shipshape::syntax::{parse, Keyword};

/// (corpus file, measured image:tag, how the file relates to the measured build).
const WHOLE: &[(&str, &str, &str)] = &[
    ("docker-library__python__3.14__bookworm__Dockerfile.Dockerfile", "python:3.14-bookworm", "same_version"),
    ("docker-library__httpd__2.4__Dockerfile.Dockerfile", "httpd:2.4", "same_version"),
    ("docker-library__golang__1.27__alpine3.24__Dockerfile.Dockerfile", "golang:alpine", "same_tag"),
    ("nodejs__docker-node__26__trixie__Dockerfile.Dockerfile", "node:26-trixie", "same_tag"),
    (
        "docker-library__python__3.15-rc__slim-trixie__Dockerfile.Dockerfile",
        "python:3.15-rc-slim-trixie",
        "same_tag",
    ),
    ("nodejs__docker-node__22__alpine3.24__Dockerfile.Dockerfile", "node:22-alpine", "same_tag"),
    ("docker-library__golang__1.27__bookworm__Dockerfile.Dockerfile", "golang:latest", "template"),
    ("nodejs__docker-node__22__bullseye-slim__Dockerfile.Dockerfile", "node:22-bookworm-slim", "template"),
    (
        "docker-library__php__8.4__alpine3.23__fpm__Dockerfile.Dockerfile",
        "php:8.3-fpm-alpine3.24",
        "template",
    ),
    ("docker-library__postgres__17__alpine3.22__Dockerfile.Dockerfile", "postgres:17-alpine", "template"),
    ("docker-library__postgres__17__bookworm__Dockerfile.Dockerfile", "postgres:17", "template"),
    ("rust-lang__docker-rust__stable__alpine3.21__Dockerfile.Dockerfile", "rust:alpine", "template"),
    ("docker-library__redis__7.4-rc__debian__Dockerfile.Dockerfile", "redis:7.4", "template"),
    ("nodejs__docker-node__26__bookworm__Dockerfile.Dockerfile", "node:26-trixie", "template"),
    ("rust-lang__docker-rust__nightly__alpine3.22__Dockerfile.Dockerfile", "rust:alpine", "template"),
    ("docker-library__php__8.4__bookworm__fpm__Dockerfile.Dockerfile", "php:fpm", "template"),
    ("docker-library__ruby__3.3__alpine3.22__Dockerfile.Dockerfile", "ruby:3-alpine", "template"),
    ("docker-library__ruby__4.0__bookworm__Dockerfile.Dockerfile", "ruby:3-trixie", "template"),
    ("docker-library__mysql__9.7__Dockerfile.oracle.Dockerfile", "mysql:8.4", "template"),
    (
        "docker-library__golang__1.26__windows__windowsservercore-ltsc2025__Dockerfile.Dockerfile",
        "golang:windowsservercore-ltsc2025",
        "template",
    ),
    (
        "docker-library__golang__1.27__windows__nanoserver-ltsc2022__Dockerfile.Dockerfile",
        "golang:nanoserver-ltsc2022",
        "template",
    ),
];

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> ExitCode {
    let corpus = std::env::var_os("SHIPSHAPE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    if !corpus.join("image-sizes").is_dir() || !corpus.join("real").is_dir() {
        eprintln!(
            "size-accuracy: skipped: the corpus ({}) is not here; set SHIPSHAPE_CORPUS to the folder holding real/ and image-sizes/",
            corpus.display()
        );
        return ExitCode::SUCCESS;
    }
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shipshape/data/debian-bookworm.tsv");
    let debian = Debian::parse(&std::fs::read_to_string(&data).expect("debian-bookworm.tsv (run make data)"));
    let opts = SizeOptions::default();
    let t = size::data::tables();

    println!("Whole images (pulled size; the measured figure is compressed)");
    println!(
        "{:<30} {:<12} {:>9} {:>9} {:>8} {:>19} {:>6} {:>10}",
        "image", "match", "measured", "estimate", "error", "range", "inside", "on disk"
    );
    let (mut errors, mut inside, mut n) = (Vec::new(), 0, 0);
    let (mut errors_close, mut inside_close, mut n_close) = (Vec::new(), 0, 0);
    for (file, image, relation) in WHOLE {
        let path = corpus.join("real").join(file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            println!("{image:<30} missing corpus file {file}");
            continue;
        };
        let (name, tag) = image.split_once(':').unwrap_or((image, "latest"));
        let Some(truth) = t.row(name, tag, "amd64").and_then(|r| r.compressed) else {
            println!("{image:<30} not measured in base-images.tsv");
            continue;
        };
        let e = size::estimate(&source, Some(&debian), &opts);
        let c = e.compressed;
        let err = (c.expected as f64 - truth as f64) / truth as f64 * 100.0;
        let ok = c.low <= truth && truth <= c.high;
        n += 1;
        inside += ok as usize;
        errors.push(err.abs());
        if *relation != "template" {
            n_close += 1;
            inside_close += ok as usize;
            errors_close.push(err.abs());
        }
        println!(
            "{image:<30} {relation:<12} {:>9} {:>9} {:>+7.0}% {:>19} {:>6} {:>10}",
            size::mb(truth),
            size::mb(c.expected),
            err,
            size::range_text(c),
            if ok { "yes" } else { "no" },
            size::mb(e.disk.expected)
        );
    }
    println!(
        "whole images: {n}; median absolute error {:.1} %; range contains the truth {inside}/{n} ({:.0} %)",
        median(&mut errors),
        inside as f64 * 100.0 / n.max(1) as f64
    );
    println!(
        "  of which same version or same tag: {n_close}; median absolute error {:.1} %; in range {inside_close}/{n_close}",
        median(&mut errors_close)
    );

    // Layers.
    let layers_tsv =
        std::fs::read_to_string(corpus.join("image-sizes/official-layers.tsv")).expect("official-layers.tsv");
    let rows: Vec<Vec<&str>> = layers_tsv.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    let mut images: Vec<(String, String, String)> = Vec::new();
    for r in &rows {
        let key = (r[0].to_string(), r[1].to_string(), r.get(9).unwrap_or(&"").to_string());
        if !images.contains(&key) {
            images.push(key);
        }
    }
    println!("\nLayers of official images (compressed, per Dockerfile step)");
    let (mut lerr, mut lin, mut ln) = (Vec::new(), 0usize, 0usize);
    let (mut big_err, mut big_in) = (Vec::new(), 0usize);
    let (mut no_file, mut base_rows, mut workdir_rows, mut mismatch) = (0usize, 0usize, 0usize, 0usize);
    let mut lines_out = Vec::new();
    for (image, tag, file) in &images {
        let mine: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == image && r[1] == tag).collect();
        if file.is_empty() {
            no_file += mine.len();
            continue;
        }
        let Ok(source) = std::fs::read_to_string(corpus.join("real").join(file)) else {
            no_file += mine.len();
            continue;
        };
        let parsed = parse(&source);
        let est = size::estimate(&source, Some(&debian), &opts);
        let Some(stage) = est.final_stage() else { continue };
        let Some(ast_stage) = parsed.file.stages.last() else { continue };
        let kinds: Vec<(Keyword, usize)> = parsed
            .file
            .stage_instructions(ast_stage)
            .iter()
            .filter(|i| matches!(i.keyword, Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Workdir))
            .map(|i| (i.keyword, parsed.line_index.line_of(i.span.start) as usize + 1))
            .collect();
        if kinds.len() > mine.len() {
            mismatch += mine.len();
            continue;
        }
        let base_n = mine.len() - kinds.len();
        base_rows += base_n;
        for (row, (kw, line)) in mine[base_n..].iter().zip(&kinds) {
            let summary = row[3];
            let row_kw = summary.split_whitespace().next().unwrap_or("");
            if *kw == Keyword::Workdir {
                workdir_rows += 1;
                continue;
            }
            // Same instruction and the same first words (the template may differ).
            let words = |t: &str| -> Vec<String> {
                t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
                    .filter(|w| !w.is_empty() && *w != "set" && *w != "eux" && *w != "ex")
                    .take(3)
                    .map(|w| w.to_ascii_lowercase())
                    .collect()
            };
            let mine_text =
                stage.layers.iter().find(|l| l.line == *line).map(|l| l.summary.clone()).unwrap_or_default();
            if !row_kw.eq_ignore_ascii_case(kw.as_str()) || words(summary) != words(&mine_text) {
                mismatch += 1;
                continue;
            }
            let Some(layer) = stage.layers.iter().find(|l| l.line == *line) else {
                mismatch += 1;
                continue;
            };
            let truth: u64 = row[4].parse().unwrap_or(0);
            if truth == 0 {
                continue;
            }
            let c = layer.compressed;
            let err = (c.expected as f64 - truth as f64) / truth as f64 * 100.0;
            let ok = c.low <= truth && truth <= c.high;
            ln += 1;
            lin += ok as usize;
            lerr.push(err.abs());
            if truth >= 1_000_000 {
                big_err.push(err.abs());
                big_in += ok as usize;
            }
            lines_out.push(format!(
                "{:<28} {:>3} {:<46} {:>9} {:>9} {:>+8.0}% {:>6}",
                format!("{image}:{tag}"),
                line,
                summary.chars().take(46).collect::<String>(),
                size::mb(truth),
                size::mb(c.expected),
                err,
                if ok { "yes" } else { "no" }
            ));
        }
    }
    println!(
        "{:<28} {:>3} {:<46} {:>9} {:>9} {:>9} {:>6}",
        "image", "ln", "step", "measured", "estimate", "error", "inside"
    );
    for l in &lines_out {
        println!("{l}");
    }
    println!(
        "layers: {} rows; estimated {ln}; median absolute error {:.1} %; range contains the truth {lin}/{ln} ({:.0} %)",
        rows.len(),
        median(&mut lerr),
        lin as f64 * 100.0 / ln.max(1) as f64
    );
    println!(
        "  layers of 1 MB or more: {}; median absolute error {:.1} %; in range {big_in}/{}",
        big_err.len(),
        median(&mut big_err.clone()),
        big_err.len()
    );
    println!(
        "  not estimated: {no_file} rows of images with no Dockerfile in the corpus, {base_rows} rows of base-image layers (looked up, not estimated), {workdir_rows} WORKDIR rows (empty layers), {mismatch} rows whose Dockerfile differs from the measured build"
    );
    ExitCode::SUCCESS
}
