//! `make data`: turn the raw size tables in `../shared/corpus/image-sizes/` into the compact,
//! committed data files of `crates/shipshape/data/` (see the README written there).
//!
//! Every figure keeps the source it came from (a short id, resolved in `sources.tsv`) and its
//! date. Output is sorted and deterministic: running it twice gives identical bytes.
//! `SHIPSHAPE_CORPUS` overrides the corpus root (default `../shared/corpus`).
//!
//! `official-layers.tsv` and `from-usage.tsv` are benchmark inputs and are read in place by
//! the tests, never copied; nor are any corpus Dockerfiles.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Res<T> = Result<T, String>;
type Rows = Vec<Vec<String>>;

fn main() -> ExitCode {
    let corpus = std::env::var_os("SHIPSHAPE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let src = corpus.join("image-sizes");
    if !src.is_dir() {
        eprintln!(
            "gen_size_data: the size tables ({}) are not here; set SHIPSHAPE_CORPUS to the corpus root \
             (the folder holding image-sizes/)",
            src.display()
        );
        return ExitCode::FAILURE;
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shipshape/data");
    match run(&src, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_size_data: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the raw tables

/// A tab-separated table with one header line.
struct Table {
    name: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(dir: &Path, name: &str) -> Res<Table> {
        let path = dir.join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut lines = text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l));
        let header: Vec<String> = lines.next().unwrap_or("").split('\t').map(str::to_string).collect();
        let mut rows = Vec::new();
        for (i, line) in lines.enumerate() {
            if line.is_empty() {
                continue;
            }
            let row: Vec<String> = line.split('\t').map(unquote).collect();
            if row.len() != header.len() {
                return Err(format!(
                    "{name}:{}: {} fields, the header has {}",
                    i + 2,
                    row.len(),
                    header.len()
                ));
            }
            rows.push(row);
        }
        Ok(Table { name: name.to_string(), header, rows })
    }

    /// Index of a column, or an error naming the file.
    fn col(&self, name: &str) -> Res<usize> {
        self.header.iter().position(|h| h == name).ok_or_else(|| format!("{}: no column `{name}`", self.name))
    }
}

/// Spreadsheet-style quoting (`"a ""b"""`) seen in a few note fields.
fn unquote(field: &str) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\"").trim().to_string(),
        None => field.trim().to_string(),
    }
}

fn check_uint(table: &str, what: &str, v: &str) -> Res<()> {
    if v.is_empty() || v.parse::<u64>().is_ok() {
        Ok(())
    } else {
        Err(format!("{table}: `{what}` is not a whole number: {v:?}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Sources

/// Fixed short ids for the non-repo-info sources: (prefix of the source text, id, date).
const KNOWN_SOURCES: &[(&str, &str, &str)] = &[
    ("GoogleContainerTools/distroless README", "distroless-readme", ""),
    (
        "PyPI simple index, PEP 691 JSON (file sizes), via pip's session, 2026-11-27; wheel downloaded",
        "pypi-wheel",
        "2026-11-27",
    ),
    ("PyPI simple index", "pypi-index", "2026-11-27"),
    ("docs.redhat.com RHEL 10", "redhat-ubi-docs", ""),
    (
        "dotnet/dotnet-docker documentation/sample-image-size-report.md (.NET 8",
        "dotnet-size-report-8",
        "2023-11",
    ),
    ("dotnet/dotnet-docker@", "dotnet-size-report-10", "2025-11"),
    ("felixd/docker-harbour-example", "felixd-harbour-readme", ""),
    ("kubeflow/kubeflow issue #1783", "kubeflow-1783", "2018-10"),
    ("llm-d/llm-d pull request #606", "llm-d-606", "2026-01"),
    ("npm pack --dry-run", "npm-pack", "2026-11-27"),
    ("pages: base-image-comparison.md", "base-image-comparison", "2025-06"),
];

const DEBIAN_SOURCE: &str =
    "APT package lists of Debian bookworm main, amd64 and all: bookworm 12.15 (Release \
                             dated 2026-07-11), bookworm-updates and bookworm-security fetched 2026-11-27; \
                             newest version kept per package";
const RATIO_SOURCE: &str =
    "suggested compressed-to-on-disk factors per family, chosen from the measured pairs \
                            in ../shared/corpus/image-sizes/README.md (section \"Uncompressed (on-disk) size \
                            and the compressed -> uncompressed factor\"); 2.5 is the stated default";

#[derive(Default)]
struct Sources {
    /// id -> (full text, fixed date, dates of the rows citing it)
    by_id: BTreeMap<String, (String, String, BTreeSet<String>)>,
}

impl Sources {
    /// The id of one source text, registering it with the date of the citing row.
    fn id(&mut self, text: &str, row_date: &str) -> Res<String> {
        let (id, fixed) =
            if let Some(path) = text.split_once(":repos/").filter(|_| text.contains("repo-info")) {
                let p = path.1.strip_suffix(".md").unwrap_or(path.1);
                (format!("ri/{p}"), String::new())
            } else if let Some((_, id, date)) = KNOWN_SOURCES.iter().find(|(p, _, _)| text.starts_with(p)) {
                (id.to_string(), date.to_string())
            } else {
                (format!("src/{:08x}", fnv1a(text)), String::new())
            };
        let entry =
            self.by_id.entry(id.clone()).or_insert_with(|| (text.to_string(), fixed, BTreeSet::new()));
        if entry.0 != text {
            return Err(format!("source id {id} stands for two texts:\n  {}\n  {text}", entry.0));
        }
        if !row_date.is_empty() {
            entry.2.insert(row_date.to_string());
        }
        Ok(id)
    }

    /// Ids for a ` ; `-separated list of sources, comma-joined.
    fn ids(&mut self, text: &str, row_date: &str) -> Res<String> {
        let mut ids = Vec::new();
        for part in text.split(" ; ").map(str::trim).filter(|p| !p.is_empty()) {
            ids.push(self.id(part, row_date)?);
        }
        Ok(ids.join(","))
    }

    fn fixed(&mut self, id: &str, text: &str, date: &str) {
        self.by_id.insert(id.to_string(), (text.to_string(), date.to_string(), BTreeSet::new()));
    }
}

fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

// ---------------------------------------------------------------------------------------------
// Output helpers

struct Out {
    dir: PathBuf,
    /// (file, data rows, what)
    written: Vec<(String, usize, &'static str)>,
}

impl Out {
    fn write_tsv(
        &mut self,
        name: &str,
        what: &'static str,
        header: &[&str],
        rows: &[Vec<String>],
    ) -> Res<()> {
        let mut text = header.join("\t");
        text.push('\n');
        for row in rows {
            debug_assert_eq!(row.len(), header.len());
            for (i, f) in row.iter().enumerate() {
                if f.contains(['\t', '\n', '\r']) {
                    return Err(format!(
                        "{name}: field {} of {:?} holds a tab or newline",
                        header[i], row[0]
                    ));
                }
                if i > 0 {
                    text.push('\t');
                }
                text.push_str(f);
            }
            text.push('\n');
        }
        self.write(name, &text)?;
        self.written.push((name.to_string(), rows.len(), what));
        Ok(())
    }

    fn write(&self, name: &str, text: &str) -> Res<()> {
        let path = self.dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// Size of `gzip -9 -n` of a file (gzip from PATH), or None when gzip is missing.
fn gzip9_size(path: &Path) -> Option<u64> {
    let out = Command::new("gzip").args(["-9", "-n", "-c"]).arg(path).output().ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

fn sort_rows(rows: &mut [Vec<String>], key_cols: usize) {
    rows.sort_by(|a, b| a[..key_cols].cmp(&b[..key_cols]).then_with(|| a.cmp(b)));
}

// ---------------------------------------------------------------------------------------------

fn run(src: &Path, out_dir: &Path) -> Res<()> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut out = Out { dir: out_dir.to_path_buf(), written: Vec::new() };
    let mut sources = Sources::default();

    let base = Table::read(src, "base-images.tsv")?;
    let (base_rows, ratio_rows) = base_images(&base, &mut sources)?;
    out.write_tsv(
        "base-images.tsv",
        "base image sizes per image, tag and platform",
        &[
            "image",
            "tag",
            "arch",
            "kind",
            "same_as",
            "compressed_bytes",
            "disk_bytes",
            "layers",
            "flags",
            "date",
            "source",
            "note",
        ],
        &base_rows,
    )?;
    sources.fixed("corpus-readme-factors", RATIO_SOURCE, "2026-11-27");
    out.write_tsv(
        "ratios.tsv",
        "compressed -> on-disk factors per base family",
        &["family", "factor", "median", "min", "max", "n", "pairs", "source"],
        &ratio_rows,
    )?;

    let deb = Table::read(src, "debian-bookworm-packages.tsv")?;
    sources.fixed("debian-bookworm-apt", DEBIAN_SOURCE, "2026-11-27");
    let deb_rows = debian(&deb)?;
    out.write_tsv(
        "debian-bookworm.tsv",
        "Debian 12 packages: installed size and dependencies",
        &["package", "installed_kib", "depends", "recommends", "provides", "priority", "essential"],
        &deb_rows,
    )?;

    let pypi = Table::read(src, "pypi-packages.tsv")?;
    let rows = pypi_rows(&pypi, &mut sources)?;
    out.write_tsv(
        "pypi.tsv",
        "PyPI wheels: download and installed size, dependencies",
        &["package", "version", "wheel_bytes", "installed_bytes", "deps_known", "depends", "source", "note"],
        &rows,
    )?;

    let npm = Table::read(src, "npm-packages.tsv")?;
    let rows = npm_rows(&npm, &mut sources)?;
    out.write_tsv(
        "npm.tsv",
        "npm packages: tarball and unpacked size, dependencies",
        &[
            "package",
            "version",
            "tarball_bytes",
            "unpacked_bytes",
            "depends",
            "optional_deps",
            "source",
            "note",
        ],
        &rows,
    )?;

    let alpine = Table::read(src, "alpine-packages.tsv")?;
    let rows = alpine_rows(&alpine, &mut sources)?;
    out.write_tsv(
        "alpine.tsv",
        "Alpine packages of the alpine:3.23 base: installed size",
        &["package", "version", "installed_bytes", "release", "in_base", "source"],
        &rows,
    )?;

    // sources.tsv last: it holds every id the tables above used.
    let rows: Vec<Vec<String>> = sources
        .by_id
        .iter()
        .map(|(id, (text, fixed, dates))| {
            let date = if fixed.is_empty() {
                dates.iter().cloned().collect::<Vec<_>>().join(",")
            } else {
                fixed.clone()
            };
            vec![id.clone(), date, text.clone()]
        })
        .collect();
    out.write_tsv("sources.tsv", "source id -> full source text and date", &["id", "date", "source"], &rows)?;

    let readme = readme(&out, &sources, &base_rows)?;
    out.write("README.md", &readme)?;
    for (name, n, _) in &out.written {
        println!("{name}: {n} rows");
    }
    println!("wrote {}", out_dir.canonicalize().unwrap_or_else(|_| out_dir.to_path_buf()).display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// base-images.tsv and ratios.tsv

/// Tags that move by definition (also with a `-variant` suffix, e.g. `lts-alpine`).
const MOVING_TAGS: &[&str] = &["latest", "lts", "current", "stable", "oldstable", "edge", "rolling"];

/// Flags the estimator can use to widen a range, read from the raw notes, tags and dates.
fn flags(kind: &str, tag: &str, note: &str, date: &str, compressed: &str, disk: &str) -> String {
    let n = note.to_ascii_lowercase();
    let mut f = Vec::new();
    let moving_tag =
        MOVING_TAGS.iter().any(|m| tag == *m || tag.strip_prefix(m).is_some_and(|r| r.starts_with('-')));
    if moving_tag
        || n.contains("version-dependent")
        || n.contains("same tag group at the")
        || n.contains("re-check when the line moves")
    {
        f.push("moving");
    }
    if n.contains("older snapshot")
        || n.contains("2023 snapshot")
        || n.contains("2023-era")
        || date == "older"
        || (date.len() >= 4 && &date[..4] < "2024")
    {
        f.push("old");
    }
    if n.contains("upper bound") {
        f.push("upper");
    }
    if n.contains("sample app") || n.contains("same sample") || n.contains("releasesapi sample") {
        f.push("app");
    }
    if n.contains("not stated") || n.contains("looks like an on-disk size") {
        f.push("unclear");
    }
    if kind != "definition" && compressed.is_empty() && disk.is_empty() {
        f.push("nofigure");
    }
    f.join(",")
}

fn base_images(t: &Table, sources: &mut Sources) -> Res<(Rows, Rows)> {
    let [image, tag, arch, comp, unc, date, kind, same_as, layers, source, note] = [
        "image",
        "tag",
        "arch",
        "compressed_bytes",
        "uncompressed_bytes_if_known",
        "source_date",
        "kind",
        "same_as",
        "layer_compressed_bytes",
        "source",
        "note",
    ]
    .map(|c| t.col(c));
    let (image, tag, arch, comp, unc, date, kind, same_as, layers, source, note) =
        (image?, tag?, arch?, comp?, unc?, date?, kind?, same_as?, layers?, source?, note?);

    let mut by_key: HashMap<(&str, &str, &str), &Vec<String>> = HashMap::new();
    for r in &t.rows {
        check_uint(&t.name, "compressed_bytes", &r[comp])?;
        check_uint(&t.name, "uncompressed_bytes_if_known", &r[unc])?;
        for l in r[layers].split(',').filter(|l| !l.is_empty()) {
            check_uint(&t.name, "layer_compressed_bytes", l)?;
        }
        if by_key.insert((&r[image], &r[tag], &r[arch]), r).is_some() {
            return Err(format!("base-images.tsv: {}:{} {} twice", r[image], r[tag], r[arch]));
        }
    }

    let mut rows = Vec::new();
    for r in &t.rows {
        let k = match r[kind].as_str() {
            "derived_layer_prefix" => "derived",
            k => k,
        };
        // An alias takes its figures, date and source from the row it duplicates (followed to
        // the end of the chain); the alias row's own on-disk figure is kept when the target has none.
        let (fig, target) = if k == "alias" {
            let mut cur = r;
            let mut seen = 0;
            while cur[kind] == "alias" {
                let (img, tg) = cur[same_as]
                    .rsplit_once(':')
                    .ok_or_else(|| format!("base-images.tsv: alias target {:?} has no tag", cur[same_as]))?;
                cur = by_key.get(&(img, tg, r[arch].as_str())).copied().ok_or_else(|| {
                    format!(
                        "base-images.tsv: alias {}:{} {} -> missing {}",
                        r[image], r[tag], r[arch], cur[same_as]
                    )
                })?;
                seen += 1;
                if seen > 10 {
                    return Err(format!("base-images.tsv: alias loop at {}:{}", r[image], r[tag]));
                }
            }
            if !r[comp].is_empty() && r[comp] != cur[comp] {
                return Err(format!(
                    "base-images.tsv: alias {}:{} says {} bytes, its target {}",
                    r[image], r[tag], r[comp], cur[comp]
                ));
            }
            (cur, format!("{}:{}", cur[image], cur[tag]))
        } else {
            (r, String::new())
        };
        let disk = if fig[unc].is_empty() { r[unc].clone() } else { fig[unc].clone() };
        let src_ids = sources.ids(&fig[source], &fig[date])?;
        let mut note_text = r[note].clone();
        if k == "derived" && !r[same_as].is_empty() {
            note_text = if note_text.is_empty() {
                r[same_as].clone()
            } else {
                format!("{}; {note_text}", r[same_as])
            };
        }
        let fl = flags(k, &r[tag], &format!("{} {}", r[note], fig[note]), &fig[date], &fig[comp], &disk);
        rows.push(vec![
            r[image].clone(),
            r[tag].clone(),
            r[arch].clone(),
            k.to_string(),
            target,
            fig[comp].clone(),
            disk,
            if k == "alias" { String::new() } else { r[layers].clone() },
            fl,
            fig[date].clone(),
            src_ids,
            note_text,
        ]);
    }
    sort_rows(&mut rows, 3);

    // Pairs: non-alias rows with both a compressed and an on-disk figure (scratch excluded).
    let mut fam: BTreeMap<&str, Vec<(String, f64, String)>> = BTreeMap::new();
    for r in &rows {
        if r[3] == "alias" || r[3] == "definition" || r[5].is_empty() || r[6].is_empty() {
            continue;
        }
        let (c, d): (f64, f64) = (r[5].parse().unwrap_or(0.0), r[6].parse().unwrap_or(0.0));
        if c <= 0.0 {
            continue;
        }
        let f = family_of(&r[0], &r[1])
            .ok_or_else(|| format!("ratios: no family for {}:{}: add it to family_of()", r[0], r[1]))?;
        fam.entry(f).or_default().push((format!("{}:{}", r[0], r[1]), d / c, r[10].clone()));
    }
    let suggested: BTreeMap<&str, &str> = SUGGESTED_FACTORS.iter().copied().collect();
    let mut ratio_rows = Vec::new();
    let mut all: Vec<(String, f64, String)> = Vec::new();
    for (f, pairs) in &fam {
        all.extend(pairs.iter().cloned());
        let sugg = suggested.get(f).ok_or_else(|| format!("ratios: no suggested factor for family {f}"))?;
        ratio_rows.push(ratio_row(f, sugg, pairs));
    }
    ratio_rows.push(ratio_row("default", suggested["default"], &all));
    Ok((rows, ratio_rows))
}

/// The factors the corpus README suggests per family (rounded from the measured pairs).
const SUGGESTED_FACTORS: &[(&str, &str)] = &[
    ("alpine", "2.2"),
    ("debian-full", "2.6"),
    ("debian-slim", "2.7"),
    ("rhel-like", "2.9"),
    ("ubuntu", "2.5"),
    ("default", "2.5"),
];

/// Family of an image that has a measured compressed/on-disk pair.
fn family_of(image: &str, tag: &str) -> Option<&'static str> {
    let img = image.rsplit('/').next().unwrap_or(image);
    Some(if img == "alpine" || tag.contains("alpine") {
        "alpine"
    } else if image.contains("ubi") || image.contains("redhat") {
        "rhel-like"
    } else if img == "ubuntu" || ["jammy", "noble", "focal"].iter().any(|s| tag.contains(s)) {
        "ubuntu"
    } else if tag.contains("slim") {
        "debian-slim"
    } else if img == "debian" || tag.contains("bookworm") || tag.contains("trixie") {
        "debian-full"
    } else {
        return None;
    })
}

fn ratio_row(family: &str, suggested: &str, pairs: &[(String, f64, String)]) -> Vec<String> {
    let mut v: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    v.sort_by(f64::total_cmp);
    let median = if v.len() % 2 == 1 { v[v.len() / 2] } else { (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0 };
    let mut listed: Vec<String> = pairs.iter().map(|(k, f, _)| format!("{k}={f:.2}")).collect();
    listed.sort();
    let mut srcs: BTreeSet<&str> = pairs.iter().flat_map(|p| p.2.split(',')).collect();
    srcs.insert("corpus-readme-factors");
    vec![
        family.to_string(),
        suggested.to_string(),
        format!("{median:.2}"),
        format!("{:.2}", v[0]),
        format!("{:.2}", v[v.len() - 1]),
        v.len().to_string(),
        listed.join(","),
        srcs.into_iter().collect::<Vec<_>>().join(","),
    ]
}

// ---------------------------------------------------------------------------------------------
// debian-bookworm.tsv

fn debian(t: &Table) -> Res<Vec<Vec<String>>> {
    let [pkg, size, dep, rec, pre, prov, prio, ess] = [
        "package",
        "installed_kib",
        "depends",
        "recommends",
        "pre_depends",
        "provides",
        "priority",
        "essential",
    ]
    .map(|c| t.col(c));
    let (pkg, size, dep, rec, pre, prov, prio, ess) = (pkg?, size?, dep?, rec?, pre?, prov?, prio?, ess?);
    let names: HashSet<&str> = t.rows.iter().map(|r| r[pkg].as_str()).collect();
    if names.len() != t.rows.len() {
        return Err("debian-bookworm-packages.tsv: a package appears twice".into());
    }
    let list = |s: &str| -> Vec<String> {
        s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
    };
    // Names some package depends on, pre-depends on or recommends.
    let referenced: HashSet<String> =
        t.rows.iter().flat_map(|r| [&r[dep], &r[rec], &r[pre]]).flat_map(|s| list(s)).collect();
    let mut rows = Vec::new();
    for r in &t.rows {
        check_uint(&t.name, "installed_kib", &r[size])?;
        let mut d: BTreeSet<String> = list(&r[dep]).into_iter().collect();
        d.extend(list(&r[pre]));
        let recs: BTreeSet<String> = list(&r[rec]).into_iter().collect();
        // Provides only matter for names that are not real packages and that something asks for.
        let provides: BTreeSet<String> = list(&r[prov])
            .into_iter()
            .filter(|p| !names.contains(p.as_str()) && referenced.contains(p))
            .collect();
        let p = match r[prio].as_str() {
            p @ ("required" | "important" | "standard") => p.to_string(),
            _ => String::new(),
        };
        let join = |s: BTreeSet<String>| s.into_iter().collect::<Vec<_>>().join(",");
        rows.push(vec![
            r[pkg].clone(),
            r[size].clone(),
            join(d),
            join(recs),
            join(provides),
            p,
            if r[ess] == "yes" { "yes".to_string() } else { String::new() },
        ]);
    }
    sort_rows(&mut rows, 1);
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// pypi.tsv, npm.tsv, alpine.tsv

const NO_DEPS_NOTE: &str =
    "dependency metadata not fetched (index offers no separate metadata file for this wheel)";

fn pypi_rows(t: &Table, sources: &mut Sources) -> Res<Vec<Vec<String>>> {
    let [pkg, ver, wheel, inst, deps, source, note] = [
        "package",
        "version",
        "wheel_bytes",
        "installed_bytes_if_known",
        "main_dependencies",
        "source",
        "note",
    ]
    .map(|c| t.col(c));
    let (pkg, ver, wheel, inst, deps, source, note) = (pkg?, ver?, wheel?, inst?, deps?, source?, note?);
    let mut rows = Vec::new();
    for r in &t.rows {
        check_uint(&t.name, "wheel_bytes", &r[wheel])?;
        check_uint(&t.name, "installed_bytes_if_known", &r[inst])?;
        let known = !r[note].contains(NO_DEPS_NOTE);
        let n = r[note].replace(NO_DEPS_NOTE, "");
        let n = n.trim_start_matches([';', ' ']).to_string();
        rows.push(vec![
            r[pkg].clone(),
            r[ver].clone(),
            r[wheel].clone(),
            r[inst].clone(),
            if known { "1" } else { "0" }.to_string(),
            r[deps].clone(),
            sources.ids(&r[source], "2026-11-27")?,
            n,
        ]);
    }
    sort_rows(&mut rows, 1);
    Ok(rows)
}

fn npm_rows(t: &Table, sources: &mut Sources) -> Res<Vec<Vec<String>>> {
    let [pkg, ver, tar, unp, deps, opt, source, note] = [
        "package",
        "version",
        "tarball_bytes",
        "unpacked_bytes",
        "main_dependencies",
        "optional_dependency_count",
        "source",
        "note",
    ]
    .map(|c| t.col(c));
    let (pkg, ver, tar, unp, deps, opt, source, note) = (pkg?, ver?, tar?, unp?, deps?, opt?, source?, note?);
    let mut rows = Vec::new();
    for r in &t.rows {
        for (c, n) in [(tar, "tarball_bytes"), (unp, "unpacked_bytes"), (opt, "optional_dependency_count")] {
            check_uint(&t.name, n, &r[c])?;
        }
        rows.push(vec![
            r[pkg].clone(),
            r[ver].clone(),
            r[tar].clone(),
            r[unp].clone(),
            r[deps].clone(),
            r[opt].clone(),
            sources.ids(&r[source], "2026-11-27")?,
            r[note].clone(),
        ]);
    }
    sort_rows(&mut rows, 1);
    Ok(rows)
}

fn alpine_rows(t: &Table, sources: &mut Sources) -> Res<Vec<Vec<String>>> {
    let [pkg, ver, inst, rel, base, source] =
        ["package", "version", "installed_bytes", "alpine_release", "in_base_image", "source"]
            .map(|c| t.col(c));
    let (pkg, ver, inst, rel, base, source) = (pkg?, ver?, inst?, rel?, base?, source?);
    let mut rows = Vec::new();
    for r in &t.rows {
        check_uint(&t.name, "installed_bytes", &r[inst])?;
        rows.push(vec![
            r[pkg].clone(),
            r[ver].clone(),
            r[inst].clone(),
            r[rel].clone(),
            r[base].clone(),
            sources.ids(&r[source], "2026-09-17")?,
        ]);
    }
    sort_rows(&mut rows, 1);
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// README.md

fn readme(out: &Out, sources: &Sources, base_rows: &[Vec<String>]) -> Res<String> {
    let mut s = String::new();
    s.push_str(README_HEAD);
    s.push_str("\n## Files and sizes\n\n");
    s.push_str("| file | rows | raw bytes | gzip -9 bytes | what |\n| --- | ---: | ---: | ---: | --- |\n");
    let (mut raw_total, mut gz_total) = (0u64, 0u64);
    for (name, n, what) in &out.written {
        let path = out.dir.join(name);
        let raw = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?.len();
        let gz = gzip9_size(&path);
        raw_total += raw;
        gz_total += gz.unwrap_or(0);
        let gz = gz.map_or("n/a".to_string(), |g| g.to_string());
        let _ = writeln!(s, "| `{name}` | {n} | {raw} | {gz} | {what} |");
    }
    let _ = writeln!(s, "| total | | {raw_total} | {gz_total} | |");
    s.push_str(
        "\nRows exclude the header line. gzip sizes are `gzip -9 -n` of each file alone (n/a when gzip \
         was not on PATH at generation time).\n",
    );

    s.push_str("\n## Base image rows by kind\n\n| kind | rows | amd64 rows |\n| --- | ---: | ---: |\n");
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in base_rows {
        let e = kinds.entry(&r[3]).or_default();
        e.0 += 1;
        if r[2] == "amd64" {
            e.1 += 1;
        }
    }
    for (k, (n, a)) in &kinds {
        let _ = writeln!(s, "| {k} | {n} | {a} |");
    }

    s.push_str("\n## Sources (summary; the full list is `sources.tsv`)\n\n");
    s.push_str("| sources | ids | dates |\n| --- | ---: | --- |\n");
    let mut groups: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for (id, (_, fixed, dates)) in &sources.by_id {
        let g = match id.split_once('/') {
            Some(("ri", _)) => "docker-library/repo-info per-tag reports (`ri/...`)".to_string(),
            _ => format!("`{id}`"),
        };
        let e = groups.entry(g).or_default();
        e.0 += 1;
        if fixed.is_empty() {
            e.1.extend(dates.iter().cloned());
        } else {
            e.1.insert(fixed.clone());
        }
    }
    for (g, (n, dates)) in &groups {
        let d: Vec<&String> = dates.iter().collect();
        let range = match (d.first(), d.last()) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} .. {b}"),
            _ => "undated".to_string(),
        };
        let _ = writeln!(s, "| {g} | {n} | {range} |");
    }
    s.push_str(README_TAIL);
    Ok(s)
}

const README_HEAD: &str = r#"# Size data for the image-size estimator

Generated by `make data` (`crates/shipshape-cli/examples/gen_size_data.rs`) from the raw tables in
`../shared/corpus/image-sizes/` (or `$SHIPSHAPE_CORPUS/image-sizes/`). Do not edit these files by hand:
change the generator and run `make data` again; the output is sorted and byte-for-byte deterministic.

All files are UTF-8, tab-separated, with one header line. Lists inside a field are comma-separated.
Every figure carries a `source` id (resolved in `sources.tsv`) and, for base images, the build date of the
measured image. These are facts from public sources (registry metadata, repo-info reports, the Debian
package index, vendor documentation); no corpus Dockerfile is copied. The benchmark inputs
`official-layers.tsv` and `from-usage.tsv` stay in `../shared/corpus/image-sizes/` and are read in place.

## `base-images.tsv`

One row per image, tag and platform, sorted by image, tag, arch.

| column | meaning |
| --- | --- |
| `image` | name as written after `FROM`: Docker Hub official images without `library/`, other registries with their host |
| `tag` | tag; empty for `scratch` |
| `arch` | `amd64`, `arm64/v8`, `arm/v7`, `arm/v6`, `arm/v5`, `386`, `ppc64le`, `riscv64`, `s390x`; `any` for `scratch`. Windows images use `amd64` |
| `kind` | `measured` (repo-info report), `derived` (first *n* layers of a measured image built on it), `alias` (another tag of the same image), `approx` (vendor or third-party figure, ±20 % or worse), `definition` (`scratch` = 0) |
| `same_as` | for `alias` rows: the `image:tag` (same arch) whose figures were copied, chains already followed |
| `compressed_bytes` | registry transfer size (sum of the compressed layer blobs); empty when only an on-disk figure exists |
| `disk_bytes` | on-disk size as `docker images` shows it, when a source gives one for the same build; else empty (use `ratios.tsv`) |
| `layers` | compressed layer sizes, bottom layer first (measured/derived amd64 rows mostly); empty for aliases: read the `same_as` row |
| `flags` | `moving` (a tag that follows a release line: `latest`, `lts`, `current`, `stable`, `oldstable`, `edge`, `rolling` (also with a `-variant` suffix) or an alias the raw note calls version-dependent; true at the snapshot date only), `old` (build before 2024 or an older repo-info snapshot), `upper` (figure includes an app: upper bound), `app` (vendor figure includes a sample app), `unclear` (compressed vs on-disk basis not stated), `nofigure` (row known but no size at all) |
| `date` | build/publish date of the measured image (`YYYY-MM-DD`, `YYYY-MM` for vendor figures, `older`, or empty when undated) |
| `source` | source id(s), comma-separated |
| `note` | version actually measured and caveats (for aliases: why it is an alias; for derived rows: which image it was cut from) |

Aliases are resolved at generation time: an alias row carries the compressed and on-disk figures,
the date and the source of its target, so one lookup gives the totals. When an alias row of the raw
table had no on-disk figure but its target has one (`debian:12` → `debian:bookworm`), the target's
is used.

## `ratios.tsv`

Compressed → on-disk factors, for rows without `disk_bytes`. One row per family plus `default`
(all pairs). The pairs are the non-alias rows of `base-images.tsv` that have both figures;
`factor` is the value suggested in the corpus README (rounded, with judgement: images with compiled
runtimes on top reach 2.7–2.9, bare rootfs layers 2.2–2.65), `median`/`min`/`max`/`n` are computed
from the pairs, listed in `pairs` as `image:tag=factor`.

Suggested family mapping for the estimator: `alpine` for `alpine` and `*-alpine*` tags; `debian-slim`
for `*-slim*` tags and distroless; `debian-full` for `debian`, `buildpack-deps` and the full official
language images (python, node, golang, ruby, rust, php…); `ubuntu` for `ubuntu`, `*-jammy`/`*-noble`
tags, eclipse-temurin and .NET noble images; `rhel-like` for ubi, almalinux, rockylinux, fedora,
centos, oraclelinux, amazonlinux; `default` otherwise (Windows has no pair: use `default` with a wide
range). Use `min`..`max` of all pairs (2.19..2.93) for the range.

| column | meaning |
| --- | --- |
| `family` | family name, or `default` |
| `factor` | suggested on-disk / compressed factor |
| `median`, `min`, `max`, `n` | over the measured pairs of the family |
| `pairs` | `image:tag=factor`, comma-separated |
| `source` | source ids of the pairs and of the suggestion |

## `sources.tsv`

`id`, `date`, `source` (full text). Ids: `ri/<image>/remote/<tag>` and `ri/<image>/local/<tag>` for
github.com/docker-library/repo-info reports (the full text gives the commit); named ids for the other
sources; `src/<hash>` for sources the generator does not know by name. `date` is the look-up or
publication date where one applies to the whole source, else the build dates of the rows citing it.

## `debian-bookworm.tsv`

Every binary package of Debian 12 bookworm `main` (amd64 + all; newest of bookworm,
bookworm-updates, bookworm-security), sorted by name. Source id `debian-bookworm-apt`.

| column | meaning |
| --- | --- |
| `package` | binary package name |
| `installed_kib` | `Installed-Size` (KiB, as declared by the package; empty if absent) |
| `depends` | `Depends` + `Pre-Depends` names, sorted, version constraints and `:any` removed. Only the first alternative of each `a \| b` clause is in the raw table, so no `a\|b` appear |
| `recommends` | `Recommends` names, same rules |
| `provides` | virtual names this package provides, kept only when the name is not a real package and some package depends on / recommends it |
| `priority` | `required`, `important` or `standard`; empty for `optional`/`extra` |
| `essential` | `yes` for `Essential: yes` |

Dropped from the raw table: `version`, `suite`, `section`, `deb_bytes` (the .deb download size; the
Docker Debian images delete downloaded .debs after install), `optional`/`extra` priorities, and the
unreferenced provides (mostly `librust-*` crate-feature names: 32,247 names, about 1 MB). The base set
of `debian:bookworm(-slim)` is not the `required` priority alone (libc6 is `optional` in bookworm): take
the dependency closure of `required` + `essential` packages.

## `pypi.tsv`

| column | meaning |
| --- | --- |
| `package`, `version` | newest non-prerelease release on PyPI (2026-11-27) |
| `wheel_bytes` | size of the CPython 3.12 manylinux x86_64 wheel (else abi3 / pure) |
| `installed_bytes` | sum of the unpacked wheel entries (15 packages); else empty: use wheel × 1.3–4.0 (compiled 2.2–3.6) |
| `deps_known` | `1` when `depends` comes from the wheel metadata, `0` when it was not fetched (then `depends` is empty but not "none") |
| `depends` | unconditional `Requires-Dist` names |
| `source`, `note` | source id; caveats (CUDA builds, source-only packages, post-install downloads) |

## `npm.tsv`

| column | meaning |
| --- | --- |
| `package`, `version` | `latest` dist-tag on 2026-11-27 |
| `tarball_bytes`, `unpacked_bytes` | `npm pack --dry-run --json` sizes; unpacked = what lands in `node_modules/<pkg>` without dependencies |
| `depends` | first dependency names from `npm view` |
| `optional_deps` | number of optional dependencies (platform binaries, listed as their own rows for linux-x64) |
| `source`, `note` | source id; install-script downloads not included (browsers, Electron) |

## `alpine.tsv`

The 16 packages of `alpine:3.23` only (apk "installed size", KiB × 1024). For other `apk add` layers
use the observed layers in `official-layers.tsv` and a documented heuristic.

| column | meaning |
| --- | --- |
| `package`, `version` | apk package |
| `installed_bytes` | installed size in bytes |
| `release`, `in_base` | Alpine release; `yes` when `alpine:<release>` contains it |
| `source` | source id |
"#;

const README_TAIL: &str = r#"
## Known gaps (see the corpus README for the full list)

* Common `FROM` tags with no row: `mcr.microsoft.com/dotnet/sdk:*`, `redhat/ubi9-minimal`,
  `opensuse/*`, `mambaorg/micromamba`, `tonistiigi/xx`, `oven/bun`, `python:3.4`, `openjdk:17-jdk-alpine`,
  `golang:1.21-alpine`, `node:20.20.2-alpine`, `nginx:1.31.3-alpine` (the estimator falls back to the
  nearest known tag of a known image).
* On-disk sizes are known for few rows; the rest use `ratios.tsv`.
* Alpine package sizes beyond the base image, and per-layer on-disk sizes.
"#;
