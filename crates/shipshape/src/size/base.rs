//! `FROM image:tag`: which row of `base-images.tsv` it is, and the figures with their range.

use super::data::{tables, BaseRow};
use super::{mb, Figure};
use crate::syntax::image::ImageRef;

/// The Linux distribution under an image, as far as its name and tag tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distro {
    /// Debian; the suite when the tag names one.
    Debian(Option<&'static str>),
    Ubuntu,
    Alpine,
    /// Fedora, CentOS, Rocky, Alma, Oracle, Amazon Linux, UBI.
    Rhel,
    Suse,
    Windows,
    Scratch,
    Unknown,
}

impl Distro {
    pub fn uses_apt(self) -> bool {
        matches!(self, Distro::Debian(_) | Distro::Ubuntu)
    }
}

/// What an official image already installs on top of the Debian minimal set, so that
/// `apt-get install` counts only what is new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kit {
    /// Debian's required and essential packages with apt (`debian:*`, `ubuntu:*`).
    Minimal,
    /// `buildpack-deps:*-curl`.
    Curl,
    /// `buildpack-deps:*-scm`.
    Scm,
    /// `buildpack-deps:*`: what the full language images (`python:3.12`, `node:22` …) build on.
    Full,
    /// `golang:*` (buildpack-deps scm plus a C toolchain).
    Golang,
    /// `python:*-slim`, `ruby:*-slim`: runtime libraries and certificates.
    LangSlim,
    /// `php:*` on Debian.
    Php,
}

const CURL: &[&str] = &["ca-certificates", "curl", "gnupg", "netbase", "wget"];
const SCM: &[&str] = &["git", "mercurial", "openssh-client", "subversion", "procps"];
const FULL: &[&str] = &[
    "autoconf",
    "automake",
    "bzip2",
    "default-libmysqlclient-dev",
    "dpkg-dev",
    "file",
    "g++",
    "gcc",
    "imagemagick",
    "libbz2-dev",
    "libc6-dev",
    "libcurl4-openssl-dev",
    "libdb-dev",
    "libevent-dev",
    "libffi-dev",
    "libgdbm-dev",
    "libglib2.0-dev",
    "libgmp-dev",
    "libjpeg-dev",
    "libkrb5-dev",
    "liblzma-dev",
    "libmagickcore-dev",
    "libmagickwand-dev",
    "libmaxminddb-dev",
    "libncurses5-dev",
    "libncursesw5-dev",
    "libpng-dev",
    "libpq-dev",
    "libreadline-dev",
    "libsqlite3-dev",
    "libssl-dev",
    "libtool",
    "libwebp-dev",
    "libxml2-dev",
    "libxslt1-dev",
    "libyaml-dev",
    "make",
    "patch",
    "unzip",
    "xz-utils",
    "zlib1g-dev",
];
const GOLANG: &[&str] = &["g++", "gcc", "libc6-dev", "make", "pkg-config"];
const LANG_SLIM: &[&str] = &[
    "ca-certificates",
    "netbase",
    "tzdata",
    "libexpat1",
    "libffi8",
    "libgdbm6",
    "libncursesw6",
    "libreadline8",
    "libsqlite3-0",
    "libssl3",
    "libyaml-0-2",
    "libgmp10",
];
const PHP: &[&str] = &[
    "ca-certificates",
    "curl",
    "xz-utils",
    "libargon2-1",
    "libcurl4",
    "libonig5",
    "libreadline8",
    "libsodium23",
    "libsqlite3-0",
    "libssl3",
    "libxml2",
];

impl Kit {
    /// The package names the kit adds to the minimal set, and a cache key.
    pub fn packages(self) -> (&'static str, Vec<&'static str>) {
        let cat = |parts: &[&[&'static str]]| parts.concat();
        match self {
            Kit::Minimal => ("minimal", vec![]),
            Kit::Curl => ("curl", CURL.to_vec()),
            Kit::Scm => ("scm", cat(&[CURL, SCM])),
            Kit::Full => ("full", cat(&[CURL, SCM, FULL])),
            Kit::Golang => ("golang", cat(&[CURL, SCM, GOLANG])),
            Kit::LangSlim => ("lang-slim", LANG_SLIM.to_vec()),
            Kit::Php => ("php", PHP.to_vec()),
        }
    }
}

/// A resolved base image.
#[derive(Clone, Debug)]
pub struct Base {
    pub disk: Figure,
    pub compressed: Figure,
    /// `ratios.tsv` family used for the compressed ↔ on-disk factor of its layers.
    pub family: &'static str,
    pub distro: Distro,
    pub kit: Kit,
    pub reasons: Vec<String>,
    /// How the figure was found: `exact`, `other-platform`, `nearest-tag`,
    /// `sibling-image`, `unknown`, `scratch`.
    pub matched: &'static str,
}

impl Base {
    /// Whether the data has a figure for the image (or a tag or sibling of it).
    pub fn known(&self) -> bool {
        self.matched != "unknown"
    }
}

const SUITES: &[(&str, &str)] = &[
    ("trixie", "trixie"),
    ("bookworm", "bookworm"),
    ("bullseye", "bullseye"),
    ("buster", "buster"),
    ("stretch", "stretch"),
    ("jessie", "jessie"),
    ("sid", "sid"),
];
const UBUNTU_NAMES: &[&str] =
    &["xenial", "bionic", "focal", "jammy", "noble", "oracular", "plucky", "questing", "resolute"];
const RHEL: &[&str] =
    &["fedora", "centos", "rockylinux", "almalinux", "oraclelinux", "amazonlinux", "amazoncorretto"];

/// The family, distribution and kit an image name and tag suggest.
pub fn classify(image: &str, tag: &str) -> (&'static str, Distro, Kit) {
    let short = image.rsplit('/').next().unwrap_or(image);
    let tokens: Vec<&str> = tag.split(['-', '_', '.']).collect();
    let has = |t: &str| tokens.iter().any(|x| x.starts_with(t));
    if image == "scratch" {
        return ("default", Distro::Scratch, Kit::Minimal);
    }
    if short == "alpine" || tag.contains("alpine") {
        return ("alpine", Distro::Alpine, Kit::Minimal);
    }
    if image.contains("windows") || tag.contains("windowsservercore") || tag.contains("nanoserver") {
        return ("default", Distro::Windows, Kit::Minimal);
    }
    if short == "ubuntu" || UBUNTU_NAMES.iter().any(|u| has(u)) {
        return ("ubuntu", Distro::Ubuntu, Kit::Minimal);
    }
    if RHEL.contains(&short) || image.contains("ubi") || has("ubi") || has("oraclelinux") || has("al2") {
        return ("rhel-like", Distro::Rhel, Kit::Minimal);
    }
    if image.contains("opensuse") || image.contains("suse") {
        return ("default", Distro::Suse, Kit::Minimal);
    }
    if image.contains("distroless") || short == "busybox" {
        return ("default", Distro::Unknown, Kit::Minimal);
    }
    let mut suite = SUITES.iter().find(|(t, _)| has(t)).map(|(_, s)| *s);
    if short == "debian" {
        suite = suite.or(match tokens.first().copied() {
            Some("12") => Some("bookworm"),
            Some("13") => Some("trixie"),
            Some("11") => Some("bullseye"),
            Some("10") => Some("buster"),
            _ => None,
        });
    }
    let slim = has("slim");
    let family = if slim { "debian-slim" } else { "debian-full" };
    let kit = match short {
        "debian" => Kit::Minimal,
        "buildpack-deps" if has("curl") => Kit::Curl,
        "buildpack-deps" if has("scm") => Kit::Scm,
        "buildpack-deps" => Kit::Full,
        "python" | "ruby" | "perl" | "pypy" if slim => Kit::LangSlim,
        "python" | "node" | "ruby" | "perl" | "rust" | "pypy" if !slim => Kit::Full,
        "golang" => Kit::Golang,
        "php" | "wordpress" | "drupal" => Kit::Php,
        _ => Kit::Minimal,
    };
    let debianish = short == "debian"
        || suite.is_some()
        || matches!(
            short,
            "buildpack-deps"
                | "python"
                | "node"
                | "ruby"
                | "perl"
                | "rust"
                | "golang"
                | "php"
                | "pypy"
                | "julia"
        );
    if debianish {
        (family, Distro::Debian(suite), kit)
    } else {
        ("default", Distro::Unknown, Kit::Minimal)
    }
}

/// `linux/arm64` → `arm64/v8` (the arch column of the table).
pub fn arch_of(platform: Option<&str>) -> String {
    let Some(p) = platform else { return "amd64".into() };
    let parts: Vec<&str> = p.split('/').collect();
    let (arch, variant) = match parts.as_slice() {
        [_, a] => (*a, None),
        [_, a, v, ..] => (*a, Some(*v)),
        [a] => (*a, None),
        _ => ("amd64", None),
    };
    match (arch, variant) {
        ("arm64" | "aarch64", _) => "arm64/v8".into(),
        ("arm", Some(v)) => format!("arm/{v}"),
        ("arm", None) => "arm/v7".into(),
        ("x86_64", _) => "amd64".into(),
        ("i386", _) => "386".into(),
        (a, _) => a.to_string(),
    }
}

const HUB_PREFIXES: &[&str] = &[
    "docker.io/library/",
    "index.docker.io/library/",
    "registry-1.docker.io/library/",
    "registry.hub.docker.com/library/",
    "public.ecr.aws/docker/library/",
    "mirror.gcr.io/library/",
    "docker.io/",
    "index.docker.io/",
    "registry-1.docker.io/",
    "library/",
];

/// Splits a reference into (image without registry prefix for Docker Hub, tag, digest).
pub fn split_reference(reference: &str) -> (String, Option<String>, Option<String>) {
    let r = ImageRef::parse(reference);
    let mut name = reference[..r.name.end].to_ascii_lowercase();
    for p in HUB_PREFIXES {
        if let Some(n) = name.strip_prefix(p) {
            if !n.is_empty() {
                name = n.to_string();
                break;
            }
        }
    }
    (name, r.tag().map(str::to_string), r.digest().map(str::to_string))
}

fn figures(row: &BaseRow) -> Option<(u64, Option<u64>)> {
    match (row.compressed, row.disk) {
        (Some(c), d) => Some((c, d)),
        (None, Some(d)) => Some((0, Some(d))),
        _ => None,
    }
}

/// A source id of `data/sources.tsv`, in words: `ri/python/remote/3.9` is the repo-info
/// report `docker-library/repo-info repos/python/remote/3.9.md`.
fn source_of(row: &BaseRow) -> String {
    row.source
        .split(',')
        .map(|id| match id.trim().strip_prefix("ri/") {
            Some(path) => format!("docker-library/repo-info repos/{path}.md"),
            None => format!("source `{}`", id.trim()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_of(row: &BaseRow) -> String {
    if row.date.is_empty() {
        "undated".into()
    } else {
        format!("build of {}", row.date)
    }
}

/// Base-image figures from a row, with the reasons for the range.
fn from_row(row: &BaseRow, family: &'static str, widen: f64, reasons: &mut Vec<String>) -> (Figure, Figure) {
    let t = tables();
    let (c, d) = figures(row).unwrap_or((0, None));
    let ratio = t.ratio(family);
    let (factor, rmin, rmax) = (ratio.factor(), ratio.min(), ratio.max());
    let mut spread = 0.03f64;
    let (disk, compressed) = match d {
        Some(d) => {
            let c = if c == 0 { (d as f64 / factor) as u64 } else { c };
            reasons.push(format!(
                "{}:{} is {} on disk and {} pulled ({}, {})",
                row.image,
                row.tag,
                mb(d),
                mb(c),
                date_of(row),
                source_of(row)
            ));
            (Figure::exact(d), Figure::exact(c))
        }
        None => {
            let e = (c as f64 * factor) as u64;
            let lo = (c as f64 * rmin.min(factor) * 0.95) as u64;
            let hi = (c as f64 * rmax.max(factor) * 1.05) as u64;
            reasons.push(format!(
                "{}:{} is {} pulled ({}, {}); on disk ≈ ×{} ({} images: measured {}–{}) = {}",
                row.image,
                row.tag,
                mb(c),
                date_of(row),
                source_of(row),
                super::milli(ratio.factor_m),
                if family == "default" { "all" } else { family },
                super::milli(ratio.min_m),
                super::milli(ratio.max_m),
                mb(e)
            ));
            (Figure::new(lo, e, hi), Figure::exact(c))
        }
    };
    if row.kind == "alias" && !row.same_as.is_empty() {
        reasons.push(format!("{}:{} is the same image as {}", row.image, row.tag, row.same_as));
    }
    if row.has("moving") {
        spread += 0.10;
        reasons.push(format!("`{}` moves to new releases: the figure is the {}", row.tag, date_of(row)));
    }
    if row.has("old") {
        spread += 0.10;
        reasons.push("measured on an older build: today's build may differ by ±10 %".into());
    }
    if row.kind == "approx" || row.has("unclear") {
        spread += 0.25;
        reasons.push("vendor or third-party figure (±25 % or worse)".into());
    }
    let mut disk = disk.widen(spread + widen);
    let compressed = compressed.widen(spread + widen);
    if row.has("upper") || row.has("app") {
        disk.low = (disk.low as f64 * 0.7) as u64;
        reasons.push("the figure includes a sample app: an upper bound".into());
    }
    (disk, compressed)
}

/// Tokens of a tag that say which variant it is (not which version).
fn variant_tokens(tag: &str) -> (Vec<String>, Vec<String>) {
    let mut version = Vec::new();
    let mut variant = Vec::new();
    for (i, part) in tag.split('-').enumerate() {
        if i == 0 && part.starts_with(|c: char| c.is_ascii_digit()) {
            version = part.split('.').map(str::to_string).collect();
            continue;
        }
        // alpine3.20 → alpine; 21-jdk stays; numbers kept as variant.
        let p = part.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        let p = if p.is_empty() { part } else { p };
        variant.push(p.to_string());
    }
    (version, variant)
}

/// The closest tag of the same image that has a figure for `arch`.
fn nearest<'t>(image: &str, tag: &str, arch: &str) -> Option<&'t BaseRow> {
    let t = tables();
    let (qv, qvar) = variant_tokens(tag);
    let mut best: Option<(i64, &BaseRow)> = None;
    for row in t.rows_of(image) {
        if row.arch != arch || figures(row).is_none() || row.has("nofigure") {
            continue;
        }
        let (v, var) = variant_tokens(&row.tag);
        let diff = qvar.iter().filter(|x| !var.contains(x)).count()
            + var.iter().filter(|x| !qvar.contains(x)).count();
        let common = qv.iter().zip(&v).take_while(|(a, b)| a == b).count();
        let mut score = -(diff as i64) * 10 + common as i64 * 4;
        if !qv.is_empty() && v.is_empty() {
            score -= 3; // `latest`, `slim`: another line
        }
        if let (Some(a), Some(b)) = (qv.first(), v.first()) {
            if a != b {
                score -= 6;
            }
        }
        if row.has("old") {
            score -= 1;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, row));
        }
    }
    best.map(|(_, r)| r)
}

/// The sizes of known images, on disk, for the range of an unknown one: (5th percentile,
/// median, 95th percentile, count), computed once.
fn spread_of_known() -> (u64, u64, u64, usize) {
    let t = tables();
    *t.spread.get_or_init(|| {
        let mut sizes: Vec<u64> = t
            .bases
            .iter()
            .filter(|r| r.arch == "amd64" && matches!(r.kind.as_str(), "measured" | "derived"))
            .filter_map(|r| {
                let (c, d) = figures(r)?;
                let (family, _, _) = classify(&r.image, &r.tag);
                Some(d.unwrap_or((c as f64 * t.ratio(family).factor()) as u64))
            })
            .filter(|&s| s > 0)
            .collect();
        crate::sort::plain(&mut sizes);
        let at = |q: f64| sizes.get(((sizes.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(0);
        (at(0.05), at(0.5), at(0.95), sizes.len())
    })
}

/// The wide range of an image the data does not have: 90 % of the images we know.
fn unknown_figures(shown: &str, family: &'static str) -> (Figure, Figure, String) {
    let (lo, mid, hi, n) = spread_of_known();
    let why = format!(
        "`{shown}` is not in the data: the range spans 90 % of the {n} images we know ({}–{}, median {})",
        mb(lo),
        mb(hi),
        mb(mid)
    );
    let disk = Figure::new(lo, mid, hi);
    (disk, disk.scale(1.0 / tables().ratio(family).factor()), why)
}

/// A FROM whose image is a variable without a value: unknown, and said so.
pub fn unset(written: &str, unset: &[String]) -> Base {
    let (disk, compressed, why) = unknown_figures(written, "default");
    Base {
        disk,
        compressed,
        family: "default",
        distro: Distro::Unknown,
        kit: Kit::Minimal,
        reasons: vec![
            format!(
                "`{written}` names the image with {} which has no default: the image is not known",
                unset.join(", ")
            ),
            why,
        ],
        matched: "unknown",
    }
}

/// Resolves a base image reference (already expanded) for a platform.
pub fn resolve(reference: &str, platform: Option<&str>) -> Base {
    let t = tables();
    let (image, tag, digest) = split_reference(reference);
    let mut reasons = Vec::new();
    if image == "scratch" {
        reasons.push("`scratch` is the empty image: 0 B".into());
        return Base {
            disk: Figure::exact(0),
            compressed: Figure::exact(0),
            family: "default",
            distro: Distro::Scratch,
            kit: Kit::Minimal,
            reasons,
            matched: "scratch",
        };
    }
    let tag_given = tag.is_some();
    let tag = tag.unwrap_or_else(|| if digest.is_some() { String::new() } else { "latest".into() });
    let (family, distro, kit) = classify(&image, &tag);
    let arch = arch_of(platform);
    if digest.is_some() {
        reasons.push("pinned by digest: sized by its tag (the digest itself is not in the data)".into());
    }
    if !tag_given && digest.is_none() {
        reasons.push("no tag: Docker uses `latest`".into());
    }
    let shown = if tag.is_empty() { image.clone() } else { format!("{image}:{tag}") };
    let usable = |r: &&BaseRow| figures(r).is_some() && !r.has("nofigure");
    // The row to use, how much wider its range gets, and how it was found.
    let found: Option<(&BaseRow, f64, &'static str)> = if let Some(row) =
        t.row(&image, &tag, &arch).filter(usable)
    {
        Some((row, 0.0, "exact"))
    } else if let Some(row) = (arch != "amd64").then(|| t.row(&image, &tag, "amd64")).flatten().filter(usable)
    {
        reasons.push(format!("no figure for {arch}: the amd64 image is used, ±20 %"));
        Some((row, 0.20, "other-platform"))
    } else if let Some(row) = nearest(&image, &tag, &arch).or_else(|| nearest(&image, &tag, "amd64")) {
        let (qv, _) = variant_tokens(&tag);
        let (v, _) = variant_tokens(&row.tag);
        let same_line = !qv.is_empty() && v.first() == qv.first();
        let widen = if same_line { 0.20 } else { 0.40 };
        reasons.push(format!(
            "`{shown}` is not in the data: the nearest known tag `{}:{}` is used, range widened ±{} %",
            row.image,
            row.tag,
            (widen * 100.0) as u32
        ));
        Some((row, widen, "nearest-tag"))
    } else if let Some((sibling, row)) = t.siblings(&image).into_iter().find_map(|sib| {
        t.row(sib, &tag, &arch)
            .or_else(|| t.row(sib, &tag, "amd64"))
            .filter(usable)
            .or_else(|| nearest(sib, &tag, "amd64"))
            .map(|r| (sib, r))
    }) {
        reasons.push(format!(
            "`{shown}` has no figure in the data: `{}:{}` of its sibling image `{sibling}` is used, range widened ±40 %",
            row.image, row.tag
        ));
        Some((row, 0.40, "sibling-image"))
    } else {
        None
    };
    let ((disk, compressed), matched) = match found {
        Some((row, widen, matched)) => (from_row(row, family, widen, &mut reasons), matched),
        None => {
            let (disk, compressed, why) = unknown_figures(&shown, family);
            reasons.push(why);
            ((disk, compressed), "unknown")
        }
    };
    Base { disk, compressed, family, distro, kit, reasons, matched }
}

/// The compressed → on-disk factor of a family (`ratios.tsv`).
pub fn compress_factor(family: &str) -> f64 {
    tables().ratio(family).factor()
}
