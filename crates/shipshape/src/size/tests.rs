//! The estimator's semantics, on small Dockerfiles, with the real tables.

use std::sync::OnceLock;

use super::*;

fn debian() -> &'static Debian {
    static D: OnceLock<Debian> = OnceLock::new();
    D.get_or_init(|| Debian::parse(include_str!("../../data/debian-bookworm.tsv")))
}

fn est(src: &str) -> ImageSize {
    estimate(src, Some(debian()), &SizeOptions::default())
}

fn layer(e: &ImageSize, line: usize) -> &Layer {
    e.final_stage().and_then(|s| s.layers.iter().find(|l| l.line == line)).expect("a layer on that line")
}

fn reasons(l: &Layer) -> String {
    l.reasons.join("\n")
}

const MB: f64 = 1e6;

fn within(value: u64, target_mb: f64, tolerance: f64) -> bool {
    let v = value as f64 / MB;
    (v - target_mb).abs() <= target_mb * tolerance
}

// ─── The seed's figures: python 3.9.6 is 886 MB, 115 MB slim, 45.1 MB alpine on disk ───

#[test]
fn seed_python_396_full_slim_alpine_within_20_percent() {
    for (tag, mb_) in [("3.9.6", 886.0), ("3.9.6-slim", 115.0), ("3.9.6-alpine", 45.1)] {
        let e = est(&format!("FROM python:{tag}\n"));
        assert!(within(e.disk.expected, mb_, 0.20), "python:{tag}: {} vs {mb_} MB", e.disk.expected);
        assert!(e.disk.low <= (mb_ * MB) as u64 && (mb_ * MB) as u64 <= e.disk.high, "python:{tag}: range");
        let why = e.stages[0].base_reasons.join("\n");
        assert!(why.contains("not in the data") && why.contains("nearest known tag"), "{why}");
    }
}

/// The seed's data-science example: 357 MB as a multi-stage build (its Dockerfile), 969 MB
/// in one stage (the seed does not print that Dockerfile; this is the same install in
/// python:3.9).
#[test]
fn seed_multi_stage_data_science_example() {
    let multi = est("FROM python:3.9 as builder\nRUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels jupyter pandas\nFROM python:3.9-slim\nWORKDIR /notebooks\nCOPY --from=builder /wheels /wheels\nRUN pip install --no-cache /wheels/*\n");
    assert!(within(multi.disk.expected, 357.0, 0.20), "multi-stage: {:?}", multi.disk);
    let r = reasons(layer(&multi, 6));
    assert!(r.contains("the wheels in `/wheels`"), "{r}");
    let single = est("FROM python:3.9\nWORKDIR /notebooks\nRUN pip install --no-cache-dir jupyter pandas\n");
    assert!(within(single.disk.expected, 969.0, 0.20), "single stage: {:?}", single.disk);
}

// ─── Base images ─────────────────────────────────────────────────────────────────────────

#[test]
fn scratch_is_zero_and_unknown_image_is_wide() {
    let e = est("FROM scratch\nCOPY app /app\n");
    assert_eq!(e.stages[0].base_disk, Figure::exact(0));
    let e = est("FROM example.com/team/thing:1.2\n");
    let b = e.stages[0].base_disk;
    assert!(b.high > b.low * 20, "{b:?}");
    assert!(e.stages[0].base_reasons.join(" ").contains("not in the data"));
    assert_eq!(e.stages[0].base_match, "unknown");
    // A sibling with another version number stands in, and says so.
    let e = est("FROM gcr.io/distroless/static-debian13:nonroot\n");
    assert_eq!(e.stages[0].base_match, "sibling-image");
    assert!(e.stages[0].base_reasons.join(" ").contains("static-debian12"));
}

#[test]
fn arg_defaults_are_substituted_in_from() {
    let direct = est("FROM python:3.12-slim\n");
    let via_arg = est("ARG PY=3.12\nARG VARIANT=slim\nFROM python:${PY}-$VARIANT\n");
    assert_eq!(via_arg.stages[0].base_ref, "python:3.12-slim");
    assert_eq!(via_arg.disk, direct.disk);
    let unset = est("ARG PY\nFROM python:${PY}-slim\n");
    assert!(unset.stages[0].base_reasons.join(" ").contains("variable without a default"));
    let whole = est("ARG BASE\nFROM $BASE\n");
    assert_eq!(whole.stages[0].base_ref, "$BASE");
    assert_eq!(whole.stages[0].base_match, "unknown");
    assert!(whole.stages[0].base_reasons[0].contains("has no default"));
}

#[test]
fn registry_prefix_digest_and_platform() {
    let plain = est("FROM alpine:3.23\n");
    let hub = est("FROM docker.io/library/alpine:3.23@sha256:0000000000000000000000000000000000000000000000000000000000000000\n");
    assert_eq!(plain.disk, hub.disk);
    assert!(hub.stages[0].base_reasons.join(" ").contains("digest"));
    let amd = est("FROM --platform=linux/amd64 alpine:3.24\n");
    let arm = est("FROM --platform=linux/arm64 alpine:3.24\n");
    assert_eq!(arm.stages[0].base_compressed.expected, 4_187_659, "arm64 has its own row");
    assert_ne!(amd.stages[0].base_compressed.expected, arm.stages[0].base_compressed.expected);
    // No arm64 row: the amd64 figure, wider, and said so.
    let only_amd = est("FROM --platform=linux/arm64 alpine:3.23\n");
    assert!(only_amd.stages[0].base_reasons.join(" ").contains("no figure for arm64/v8"));
}

#[test]
fn from_stage_inherits_its_estimate() {
    let e = est(
        "FROM python:3.12-slim AS base\nRUN pip install --no-cache-dir flask\nFROM base\nCOPY app.py .\n",
    );
    assert_eq!(e.stages[1].from_stage, Some(0));
    assert_eq!(e.stages[1].base_disk, e.stages[0].disk);
    assert!(e.disk.expected > e.stages[0].disk.expected);
}

#[test]
fn only_the_final_stage_counts() {
    let e = est("FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n");
    assert!(!e.stages[0].is_final && e.stages[1].is_final);
    assert_eq!(e.disk, e.stages[1].disk);
    assert!(e.disk.expected < 100_000_000, "the Go toolchain is not in the image: {:?}", e.disk);
    let copy = layer(&e, 4);
    assert!(reasons(copy).contains("a Go binary"), "{}", reasons(copy));
    assert!(e.assumptions.iter().any(|a| a.contains("only the last stage")));
    // `--target build`: the build stage is the image.
    let src = "FROM golang:1.26 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n";
    let t = estimate(
        src,
        Some(debian()),
        &SizeOptions { target: Some("BUILD".into()), ..SizeOptions::default() },
    );
    assert!(t.stages[0].is_final && !t.stages[1].is_final);
    assert_eq!(t.disk, t.stages[0].disk);
    let missing =
        estimate(src, Some(debian()), &SizeOptions { target: Some("nope".into()), ..SizeOptions::default() });
    assert!(missing.stages[1].is_final && missing.assumptions.iter().any(|a| a.contains("no stage `nope`")));
}

// ─── apt-get ─────────────────────────────────────────────────────────────────────────────

#[test]
fn apt_counts_the_closure_minus_the_base() {
    let d = debian();
    let e = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n");
    let base = d.base_set("minimal", &[]);
    let closure = d.closure(&["curl".to_string()], false, &base);
    assert!(closure.added.len() > 5, "curl pulls libraries not in the base");
    assert!(closure.added.iter().all(|i| !base.contains(i)));
    let l = layer(&e, 2);
    assert_eq!(l.disk.expected, (closure.bytes as f64 * 0.9) as u64, "slim image: docs excluded (×0.9)");
    assert!(reasons(l).contains("curl + ") && reasons(l).contains("dependencies"), "{}", reasons(l));
    // The same install on buildpack-deps (which has curl) adds nothing.
    let e = est("FROM buildpack-deps:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n");
    let l = layer(&e, 2);
    assert!(l.disk.expected < 100_000, "{:?}", l.disk);
    assert!(reasons(l).contains("already in the base image"));
}

#[test]
fn recommends_on_and_off() {
    let with = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*\n");
    let without = est(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n",
    );
    let (w, wo) = (layer(&with, 2), layer(&without, 2));
    assert!(w.disk.expected > wo.disk.expected, "{:?} vs {:?}", w.disk, wo.disk);
    assert!(reasons(w).contains("recommended packages included"));
    assert!(!reasons(wo).contains("recommended"));
    let opt = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y -o APT::Install-Recommends=false python3 && rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(layer(&opt, 2).disk, wo.disk);
}

#[test]
fn cleanup_in_the_same_layer_against_a_later_layer() {
    let same = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n");
    let later = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n");
    assert!(later.disk.expected > same.disk.expected + 5_000_000, "{:?} vs {:?}", later.disk, same.disk);
    assert!(reasons(layer(&same, 2)).contains("apt lists removed in the same RUN"));
    assert!(reasons(layer(&later, 2)).contains("apt lists not removed"));
    let rm = reasons(layer(&later, 3));
    assert!(rm.contains("does not shrink"), "{rm}");
    assert!(layer(&later, 3).disk.expected < 100_000);
    // A cache mount keeps the lists out of the layer too; `apt-get dist-clean` removes them.
    let mount = est("FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends curl\n");
    assert_eq!(layer(&mount, 2).disk, layer(&same, 2).disk);
}

#[test]
fn purged_build_dependencies_mostly_go() {
    let kept = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*\n");
    let purged = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make && apt-get purge -y --auto-remove gcc make && rm -rf /var/lib/apt/lists/*\n");
    assert!(layer(&purged, 2).disk.expected * 5 < layer(&kept, 2).disk.expected);
}

#[test]
fn versioned_package_names_use_a_stand_in_and_env_expands() {
    let e = est("FROM debian:bookworm-slim\nENV PG_MAJOR=17\nRUN apt-get update && apt-get install -y --no-install-recommends postgresql-$PG_MAJOR && rm -rf /var/lib/apt/lists/*\n");
    let r = reasons(layer(&e, 3));
    assert!(r.contains("`postgresql-17` is not in bookworm: `postgresql-15` stands in"), "{r}");
    assert!(layer(&e, 3).disk.expected > 20_000_000);
}

#[test]
fn without_the_debian_table_apt_is_a_wide_assumption() {
    let e = estimate(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
        None,
        &SizeOptions::default(),
    );
    assert!(e.needs_debian);
    assert!(reasons(layer(&e, 2)).contains("not loaded"));
    assert!(
        needs_debian("RUN apt-get install x")
            && needs_debian("RUN apk add x")
            && !needs_debian("RUN pip install x")
    );
}

// ─── Other package managers and caches ───────────────────────────────────────────────────

#[test]
fn pip_table_and_cache() {
    let cached = est("FROM python:3.12-slim\nRUN pip install numpy\n");
    let clean = est("FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy\n");
    let (c, n) = (layer(&cached, 2), layer(&clean, 2));
    assert!(reasons(n).contains("numpy"), "{}", reasons(n));
    assert!(n.disk.expected > 20_000_000, "numpy installs tens of MB: {:?}", n.disk);
    assert!(c.disk.expected > n.disk.expected + 5_000_000, "the wheel stays in the cache");
    assert!(reasons(c).contains("pip cache not disabled"));
    let env = est("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install numpy\n");
    assert_eq!(layer(&env, 3).disk, n.disk);
    let mount =
        est("FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install numpy\n");
    assert_eq!(layer(&mount, 2).disk, n.disk);
    let req = est("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n");
    let r = reasons(layer(&req, 3));
    assert!(r.contains("not visible") && r.contains("60.0 MB"), "{r}");
    let bigger = estimate(
        "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
        Some(debian()),
        &SizeOptions { requirements_bytes: 300_000_000, ..SizeOptions::default() },
    );
    assert!(bigger.disk.expected > req.disk.expected + 200_000_000);
}

#[test]
fn apk_cache_and_virtual_groups() {
    let cache = est("FROM alpine:3.23\nRUN apk update && apk add curl\n");
    let no_cache = est("FROM alpine:3.23\nRUN apk add --no-cache curl\n");
    assert!(reasons(layer(&cache, 2)).contains("apk index cache not removed"));
    assert!(layer(&cache, 2).disk.expected > layer(&no_cache, 2).disk.expected);
    let virt = est("FROM alpine:3.23\nRUN apk add --no-cache --virtual .b gcc musl-dev && apk del .b\n");
    let kept = est("FROM alpine:3.23\nRUN apk add --no-cache gcc musl-dev\n");
    assert!(layer(&virt, 2).disk.expected * 5 < layer(&kept, 2).disk.expected);
}

#[test]
fn yum_cache_and_npm_and_go_caches() {
    let dirty = est("FROM rockylinux:9\nRUN yum install -y git\n");
    let clean = est("FROM rockylinux:9\nRUN yum install -y git && yum clean all\n");
    assert!(reasons(layer(&dirty, 2)).contains("cache not cleaned"));
    assert!(layer(&dirty, 2).disk.expected > layer(&clean, 2).disk.expected);
    let npm = est("FROM node:22-slim\nRUN npm ci\n");
    let npm_clean = est("FROM node:22-slim\nRUN npm ci && npm cache clean --force\n");
    assert!(reasons(layer(&npm, 2)).contains("cannot see"));
    assert!(layer(&npm, 2).disk.expected > layer(&npm_clean, 2).disk.expected);
    let go = est("FROM golang:1.26\nRUN go build -o /app .\n");
    let go_mount = est("FROM golang:1.26\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app .\n");
    assert!(layer(&go, 2).disk.expected > layer(&go_mount, 2).disk.expected + 100_000_000);
}

/// The estimator reads each command as the command model does (the rules read the same).
#[test]
fn commands_are_read_through_the_command_model() {
    let run = |src: &str| {
        let e = est(src);
        let l = e.final_stage().and_then(|s| s.layers.last()).expect("a layer").clone();
        (l.disk, reasons(&l))
    };
    // Options before the subcommand, and the packages a variable holds.
    let (flag_first, _) =
        run("FROM debian:bookworm\nRUN apt --yes --no-install-recommends install chromium\n");
    let (canonical, _) =
        run("FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends chromium\n");
    assert_eq!(flag_first, canonical);
    let (var, _) =
        run("FROM debian:bookworm\nARG PKGS=\"curl wget\"\nRUN apt-get install -y --no-install-recommends $PKGS\n");
    let (named, _) = run("FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends curl wget\n");
    assert_eq!(var, named);
    // `--download-only` installs nothing: the .deb files stay, about a third of the size.
    let (dl, why) = run("FROM debian:bookworm\nRUN apt-get install -y --download-only gcc\n");
    let (installed, _) = run("FROM debian:bookworm\nRUN apt-get install -y gcc\n");
    assert!(why.contains("--download-only") && dl.expected * 2 < installed.expected, "{why}");
    // Only a clean after the (last) install empties the yum cache.
    let (_, why) = run("FROM rockylinux:9\nRUN yum clean all && yum install -y git\n");
    assert!(why.contains("cache not cleaned"), "{why}");
    // `yarn --version` installs nothing; `yarn global add` installs.
    let (_, why) = run("FROM node:22-slim\nRUN yarn --version\n");
    assert!(why.contains("writes little"), "{why}");
    let (_, why) = run("FROM node:22-slim\nRUN yarn global add serve\n");
    assert!(why.contains("`yarn add`") && why.contains("yarn cache left"), "{why}");
    // pip run from a virtual environment named by a variable.
    let (venv, _) = run("FROM python:3.12-slim\nENV VENV=/opt/venv\nRUN \"$VENV/bin/pip\" install numpy\n");
    let (plain, _) = run("FROM python:3.12-slim\nRUN pip install numpy\n");
    assert_eq!(venv, plain);
    // Upgrading pip downloads its wheel into the cache too.
    let (_, why) = run("FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools wheel\n");
    assert!(why.contains("pip cache not disabled") && !why.contains("pip wheel"), "{why}");
    // uv keeps its own cache: pip's variable does not turn it off, a mount on it does.
    let (_, why) = run("FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN uv pip install --system numpy\n");
    assert!(why.contains("uv cache not disabled"), "{why}");
    let (_, why) = run(
        "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install --system numpy\n",
    );
    assert!(why.contains("uv cache disabled"), "{why}");
}

#[test]
fn context_copies_follow_the_assumption_and_chown_duplicates() {
    let small = estimate(
        "FROM alpine:3.23\nCOPY . /app\n",
        None,
        &SizeOptions { context_bytes: 1_000_000, ..Default::default() },
    );
    let big = estimate(
        "FROM alpine:3.23\nCOPY . /app\n",
        None,
        &SizeOptions { context_bytes: 200_000_000, ..Default::default() },
    );
    assert_eq!(big.disk.expected - small.disk.expected, 199_000_000);
    assert!(big.assumptions.iter().any(|a| a.contains("build context")));
    let huge = estimate(
        "FROM alpine:3.23\nCOPY . /app\nCOPY src/ /src\nRUN pip install -r r.txt\n",
        None,
        &SizeOptions { context_bytes: u64::MAX, requirements_bytes: u64::MAX, ..Default::default() },
    );
    assert!(huge.disk.high >= MAX_ASSUMPTION_BYTES, "capped, not overflowed: {:?}", huge.disk);
    let file = est("FROM alpine:3.23\nCOPY app.py /app/\n");
    assert!(layer(&file, 2).disk.expected < 100_000);
    let chown = est("FROM alpine:3.23\nCOPY . /app\nRUN chown -R 1000:1000 /app\n");
    assert!(reasons(layer(&chown, 3)).contains("copies those files"));
    assert_eq!(layer(&chown, 3).disk.expected, layer(&chown, 2).disk.expected);
}

// ─── Before / after ──────────────────────────────────────────────────────────────────────

#[test]
fn report_after_fixes_and_savings() {
    let src = "FROM python:3.9\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n";
    let r = report(src, &Config::default(), Some(debian()), &SizeOptions::default());
    assert!(r.after.disk.expected * 3 < r.before.disk.expected, "{:?} → {:?}", r.before.disk, r.after.disk);
    assert!(r.after_text.contains("python:3.9-slim"));
    let codes: Vec<&str> = r.savings.iter().map(|s| s.code).collect();
    assert_eq!(codes[0], "SS4003", "{codes:?}");
    assert!(codes.contains(&"DL3009") && codes.contains(&"DL3042"), "{codes:?}");
    let lists = r.savings.iter().find(|s| s.code == "DL3009").expect("DL3009");
    assert_eq!(lists.line, 2);
    assert!(lists.saving.expected > 10_000_000);
    // A file with nothing to fix: after = before.
    let fine = "FROM python:3.12-slim\nCMD [\"python\"]\n";
    let r = report(fine, &Config::default(), Some(debian()), &SizeOptions::default());
    assert_eq!(r.before.disk, r.after.disk);
    assert!(r.savings.is_empty());
}

#[test]
fn figures_keep_low_expected_high_in_order() {
    for src in [
        "FROM python:3.9\nRUN apt-get update && apt-get install -y curl\n",
        "FROM node:22-alpine\nRUN npm ci\nCOPY . .\n",
        "FROM nothing/known\nRUN make\n",
        "FROM scratch\n",
    ] {
        let e = est(src);
        for s in &e.stages {
            for f in std::iter::once(s.disk).chain(s.layers.iter().map(|l| l.disk)) {
                assert!(f.low <= f.expected && f.expected <= f.high, "{src}: {f:?}");
            }
            assert!(s.layers.iter().all(|l| !l.reasons.is_empty()), "every layer says why");
            assert!(!s.base_reasons.is_empty());
        }
    }
}

#[test]
fn sizes_read_like_docker_prints_them() {
    assert_eq!(mb(0), "0 B");
    assert_eq!(mb(999), "999 B");
    assert_eq!(mb(420_400), "420 kB");
    assert_eq!(mb(999_499), "999 kB");
    assert_eq!(mb(999_500), "1.0 MB");
    assert_eq!(mb(9_849_999), "9.8 MB");
    assert_eq!(mb(99_949_999), "99.9 MB");
    assert_eq!(mb(99_950_000), "100 MB");
    assert_eq!(mb(886_000_000), "886 MB");
    assert_eq!(mb(1_234_567_890), "1.2 GB");
    assert_eq!(milli(2650), "2.65");
    assert_eq!(milli(2500), "2.5");
    assert_eq!(milli(3000), "3");
    assert_eq!(range_text(Figure::new(9_000_000, 18_000_000, 50_000_000)), "9.0 MB – 50.0 MB");
}

/// `data/size-tables.tsv` is what the playground fetches: it must be the text the engine
/// compiles in (`make data` rewrites it with SHIPSHAPE_WRITE_TABLES=1).
#[test]
fn size_tables_asset_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/size-tables.tsv");
    if std::env::var_os("SHIPSHAPE_WRITE_TABLES").is_some() {
        std::fs::write(path, super::data::TABLES_TEXT).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == super::data::TABLES_TEXT, "data/size-tables.tsv is stale: run `make data`");
    let t = super::data::Tables::parse(&committed);
    assert!(
        t.bases.len() > 500 && t.ratios.len() > 3 && !t.pypi.is_empty() && !t.npm.is_empty(),
        "{}",
        t.bases.len()
    );
    // Empty tables (the playground before the fetch) are a valid state, not a panic.
    let empty = super::data::Tables::parse("");
    assert_eq!(empty.bases.len(), 0);
    assert!(empty.ratio("debian").factor() > 1.0);
}

/// A pasted file with hundreds of size fixes: the per-fix savings stay within their budget
/// (the rest are counted, not estimated), and "after" still applies every fix.
#[test]
fn savings_are_bounded_on_huge_files() {
    let block = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\n";
    let src = block.repeat(80);
    let r = report(&src, &Config::default(), Some(debian()), &SizeOptions::default());
    let fixes = crate::lint(&src, &Config::default())
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix.is_some()
                && crate::rules::find_meta(d.code).is_some_and(|m| m.category == crate::rules::Category::Size)
        })
        .count();
    let instructions = 240;
    assert!(r.savings.len() <= SAVINGS_BUDGET / instructions, "{} savings", r.savings.len());
    assert!(
        r.savings_left_out > 0 && r.savings_left_out + SAVINGS_BUDGET / instructions >= fixes,
        "{} left out of {fixes}",
        r.savings_left_out
    );
    assert!(r.after.disk.expected < r.before.disk.expected);
    // A small file gets every saving.
    let small = report(block, &Config::default(), Some(debian()), &SizeOptions::default());
    assert_eq!(small.savings_left_out, 0);
    assert!(!small.savings.is_empty());
}

#[test]
fn build_arguments_reach_the_estimate() {
    let src = "ARG PY=3.12\nFROM python:${PY}-slim\nARG PKGS=\"\"\nRUN apt-get update && apt-get install -y --no-install-recommends $PKGS && rm -rf /var/lib/apt/lists/*\n";
    let plain = estimate(src, Some(debian()), &SizeOptions::default());
    let args = SizeOptions {
        build_args: vec![("PY".into(), "3.11".into()), ("PKGS".into(), "gcc".into())],
        ..SizeOptions::default()
    };
    let given = estimate(src, Some(debian()), &args);
    let base = |s: &ImageSize| s.stages.last().map(|st| st.base_ref.clone()).unwrap_or_default();
    assert!(base(&plain).contains("3.12"), "{}", base(&plain));
    assert!(base(&given).contains("3.11"), "{}", base(&given));
    // gcc and its dependencies are tens of MB more.
    let total = |s: &ImageSize| s.disk.expected;
    assert!(total(&given) > total(&plain) + 20_000_000, "{} vs {}", total(&given), total(&plain));
    // report() takes the configuration's build arguments.
    let config = Config { build_args: vec![("PKGS".into(), "gcc".into())], ..Config::default() };
    let r = report(src, &config, Some(debian()), &SizeOptions::default());
    assert_eq!(
        total(&r.before),
        total(&estimate(
            src,
            Some(debian()),
            &SizeOptions { build_args: config.build_args.clone(), ..SizeOptions::default() }
        ))
    );
}
