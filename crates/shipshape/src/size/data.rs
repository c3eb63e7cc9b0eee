//! The size tables of `crates/shipshape/data/` (made by `make data`), read into lookups.
//!
//! The small tables are compiled in. The Debian bookworm package table (6.6 MB) is not:
//! the caller hands its text to [`Debian::parse`] when a Dockerfile first needs it (the CLI
//! embeds it, the playground fetches it as a separate asset).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The small tables (`data/*.tsv` with only the columns read here, see build.rs) as one
/// text, each under a `## name` line.
#[cfg(feature = "embedded-tables")]
pub const TABLES_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/size-tables.tsv"));

/// One row of `base-images.tsv` (aliases already carry their target's figures).
#[derive(Clone, Debug)]
pub struct BaseRow {
    pub image: String,
    pub tag: String,
    pub arch: String,
    pub kind: String,
    pub same_as: String,
    pub compressed: Option<u64>,
    pub disk: Option<u64>,
    pub flags: Vec<String>,
    pub date: String,
    /// Source id (resolved in `data/sources.tsv`).
    pub source: String,
}

impl BaseRow {
    pub fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// A compressed → on-disk factor of `ratios.tsv` (values in thousandths: 2.65 = 2650).
#[derive(Clone, Debug)]
pub struct Ratio {
    pub family: String,
    pub factor_m: u32,
    pub min_m: u32,
    pub max_m: u32,
}

impl Ratio {
    pub fn factor(&self) -> f64 {
        self.factor_m as f64 / 1000.0
    }
    pub fn min(&self) -> f64 {
        self.min_m as f64 / 1000.0
    }
    pub fn max(&self) -> f64 {
        self.max_m as f64 / 1000.0
    }
}

/// `2.65` → 2650 (no float parsing, which would add to the browser bundle).
fn parse_milli(s: &str) -> Option<u32> {
    let (whole, frac) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
    let mut f = frac.chars().take(3).collect::<String>();
    while f.len() < 3 {
        f.push('0');
    }
    Some(whole.parse::<u32>().ok()? * 1000 + f.parse::<u32>().ok()?)
}

#[derive(Clone, Debug)]
pub struct PyPkg {
    pub name: String,
    pub wheel: u64,
    pub installed: Option<u64>,
    pub depends: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct NpmPkg {
    pub name: String,
    pub tarball: u64,
    pub unpacked: u64,
    pub depends: Vec<String>,
}

/// The small tables.
pub struct Tables {
    pub bases: Vec<BaseRow>,
    by_key: HashMap<(String, String, String), usize>,
    by_image: HashMap<String, Vec<usize>>,
    pub ratios: Vec<Ratio>,
    pub pypi: HashMap<String, PyPkg>,
    pub npm: HashMap<String, NpmPkg>,
    /// Installed bytes of the packages of the Alpine base image.
    pub alpine: Vec<(String, u64)>,
    /// The spread of the known images' sizes (see `base::spread_of_known`), computed once.
    pub spread: OnceLock<(u64, u64, u64, usize)>,
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').collect())
}

fn num(s: &str) -> Option<u64> {
    s.trim().parse().ok()
}

fn list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// PyPI names compare case-insensitively with `-`, `_` and `.` the same.
pub fn py_name(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// The section `## name` of the combined tables text (without its heading).
fn section<'t>(text: &'t str, name: &str) -> &'t str {
    let heading = format!("## {name}\n");
    let Some(at) = text.find(&heading) else { return "" };
    let body = &text[at + heading.len()..];
    &body[..body.find("\n## ").map_or(body.len(), |e| e + 1)]
}

impl Tables {
    /// Reads the combined text (`TABLES_TEXT`, or the playground's copy of it).
    pub fn parse(text: &str) -> Tables {
        let field = |r: &Vec<&str>, i: usize| r.get(i).copied().unwrap_or("").to_string();
        let mut bases = Vec::new();
        for r in rows(section(text, "base-images")) {
            bases.push(BaseRow {
                image: field(&r, 0),
                tag: field(&r, 1),
                arch: field(&r, 2),
                kind: field(&r, 3),
                same_as: field(&r, 4),
                compressed: num(&field(&r, 5)),
                disk: num(&field(&r, 6)),
                flags: list(&field(&r, 7)),
                date: field(&r, 8),
                source: field(&r, 9),
            });
        }
        let mut by_key = HashMap::new();
        let mut by_image: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, b) in bases.iter().enumerate() {
            by_key.insert((b.image.clone(), b.tag.clone(), b.arch.clone()), i);
            by_image.entry(b.image.clone()).or_default().push(i);
        }
        let ratios = rows(section(text, "ratios"))
            .map(|r| Ratio {
                family: field(&r, 0),
                factor_m: parse_milli(&field(&r, 1)).unwrap_or(2500),
                min_m: parse_milli(&field(&r, 3)).unwrap_or(2200),
                max_m: parse_milli(&field(&r, 4)).unwrap_or(2900),
            })
            .collect();
        let pypi = rows(section(text, "pypi"))
            .map(|r| {
                let p = PyPkg {
                    name: py_name(&field(&r, 0)),
                    wheel: num(&field(&r, 2)).unwrap_or(0),
                    installed: num(&field(&r, 3)),
                    depends: list(&field(&r, 5)).iter().map(|d| py_name(d)).collect(),
                };
                (p.name.clone(), p)
            })
            .collect();
        let npm = rows(section(text, "npm"))
            .map(|r| {
                let p = NpmPkg {
                    name: field(&r, 0),
                    tarball: num(&field(&r, 2)).unwrap_or(0),
                    unpacked: num(&field(&r, 3)).unwrap_or(0),
                    depends: list(&field(&r, 4)),
                };
                (p.name.clone(), p)
            })
            .collect();
        let alpine =
            rows(section(text, "alpine")).map(|r| (field(&r, 0), num(&field(&r, 2)).unwrap_or(0))).collect();
        Tables { bases, by_key, by_image, ratios, pypi, npm, alpine, spread: OnceLock::new() }
    }

    pub fn row(&self, image: &str, tag: &str, arch: &str) -> Option<&BaseRow> {
        self.by_key.get(&(image.to_string(), tag.to_string(), arch.to_string())).map(|&i| &self.bases[i])
    }

    /// Every row of an image (all tags and platforms).
    pub fn rows_of(&self, image: &str) -> impl Iterator<Item = &BaseRow> {
        self.by_image.get(image).into_iter().flatten().map(|&i| &self.bases[i])
    }

    /// Images whose names differ from `image` only in version numbers
    /// (`…/static-debian13` → `…/static-debian12`), newest name first.
    pub fn siblings(&self, image: &str) -> Vec<&str> {
        let key = blank_versions(image);
        if !key.contains('#') {
            return Vec::new();
        }
        let mut out: Vec<&str> = self
            .by_image
            .keys()
            .map(String::as_str)
            .filter(|k| *k != image && blank_versions(k) == key)
            .collect();
        crate::sort::by(&mut out, |a, b| b.cmp(a));
        out
    }

    pub fn ratio(&self, family: &str) -> &Ratio {
        self.ratios
            .iter()
            .find(|r| r.family == family)
            .or_else(|| self.ratios.iter().find(|r| r.family == "default"))
            .or(self.ratios.first())
            .unwrap_or(&FALLBACK_RATIO)
    }
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// The small tables, parsed once. With `embedded-tables` (the default) they are compiled
/// in. Without it (the playground) they are empty until [`load_tables`] is given their
/// text: images are then unknown and packages unsized, with ranges that say so.
pub fn tables() -> &'static Tables {
    #[cfg(feature = "embedded-tables")]
    return TABLES.get_or_init(|| Tables::parse(TABLES_TEXT));
    #[cfg(not(feature = "embedded-tables"))]
    {
        static EMPTY: OnceLock<Tables> = OnceLock::new();
        TABLES.get().unwrap_or_else(|| EMPTY.get_or_init(|| Tables::parse("")))
    }
}

/// Hands the tables' text to the engine (the playground fetches it). The first text that
/// has base images wins; later calls change nothing.
pub fn load_tables(text: &str) -> Result<(), String> {
    if TABLES.get().is_some() {
        return Ok(());
    }
    let t = Tables::parse(text);
    if t.bases.is_empty() || t.ratios.is_empty() {
        return Err("the size tables are empty or damaged".into());
    }
    let _ = TABLES.set(t);
    Ok(())
}

/// Whether the tables are there (always, with `embedded-tables`).
pub fn tables_loaded() -> bool {
    cfg!(feature = "embedded-tables") || TABLES.get().is_some()
}

/// Before the tables are loaded: the middle of the measured factors, widely spread.
static FALLBACK_RATIO: Ratio = Ratio { family: String::new(), factor_m: 2500, min_m: 1500, max_m: 4000 };

/// One package of the Debian bookworm table: byte ranges into the table's text, read when
/// asked (parsing every dependency list up front cost about half a second in the browser).
#[derive(Clone, Copy, Debug)]
struct Entry {
    name: (u32, u32),
    depends: (u32, u32),
    recommends: (u32, u32),
    kib: u32,
    required: bool,
}

/// A package of the table, as the estimator shows it.
#[derive(Clone, Copy, Debug)]
pub struct DebPkg<'d> {
    pub name: &'d str,
    pub installed_kib: u64,
    pub required: bool,
}

/// The Debian bookworm package table: Installed-Size and dependencies of 63,666 packages.
pub struct Debian {
    text: String,
    /// Sorted by name (the table is written sorted): found by binary search.
    pkgs: Vec<Entry>,
    /// (provided name, providing package's name) ranges, sorted by provided name.
    provides: Vec<((u32, u32), (u32, u32))>,
    base_cache: std::sync::Mutex<HashMap<&'static str, std::sync::Arc<HashSet<usize>>>>,
    /// Names with their version numbers blanked (`postgresql-#`), for stand-ins.
    versionless: OnceLock<HashMap<String, usize>>,
}

/// `postgresql-17` → `postgresql-#`, `libssl3` → `libssl#`.
pub fn blank_versions(name: &str) -> String {
    let mut out = String::new();
    let mut in_num = false;
    for c in name.chars() {
        if c.is_ascii_digit() || (in_num && c == '.') {
            if !in_num {
                out.push('#');
            }
            in_num = true;
        } else {
            in_num = false;
            out.push(c);
        }
    }
    out
}

/// The packages a closure adds.
#[derive(Clone, Debug, Default)]
pub struct Closure {
    /// Newly installed packages (the requested ones first).
    pub added: Vec<usize>,
    pub bytes: u64,
    /// Requested names the table does not know.
    pub unknown: Vec<String>,
}

impl Debian {
    /// Reads `debian-bookworm.tsv` (package, installed_kib, depends, recommends, provides,
    /// priority, essential; sorted by package). Malformed lines are skipped.
    pub fn parse(text: &str) -> Debian {
        Debian::from_text(text.to_string())
    }

    /// [`Debian::parse`], keeping the text it is given (no copy of the 6.6 MB).
    pub fn from_text(text: String) -> Debian {
        let mut pkgs = Vec::with_capacity(64_000);
        let mut provides = Vec::with_capacity(8_000);
        let mut at = 0usize;
        let bytes = text.as_bytes();
        let mut first = true;
        while at < bytes.len() {
            let end = memchr_nl(bytes, at);
            let line = (at, end);
            at = end + 1;
            if first {
                first = false;
                continue;
            }
            let mut fields = [(0u32, 0u32); 7];
            let mut n = 0;
            let mut s = line.0;
            let tabs = bytes[line.0..line.1]
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\t')
                .map(|(k, _)| line.0 + k);
            for end in tabs.chain(std::iter::once(line.1)) {
                if n < 7 {
                    fields[n] = (s as u32, end as u32);
                }
                n += 1;
                s = end + 1;
            }
            if n < 2 || fields[0].0 == fields[0].1 {
                continue;
            }
            let field = |k: usize| &text[fields[k].0 as usize..fields[k].1 as usize];
            if n > 4 && fields[4].1 > fields[4].0 {
                let mut p = fields[4].0;
                for part in field(4).split(',') {
                    let len = part.len() as u32;
                    let lead = (part.len() - part.trim_start().len()) as u32;
                    let name = part.trim();
                    if !name.is_empty() {
                        provides.push(((p + lead, p + lead + name.len() as u32), fields[0]));
                    }
                    p += len + 1;
                }
            }
            pkgs.push(Entry {
                name: fields[0],
                kib: field(1).trim().parse().unwrap_or(0),
                depends: if n > 2 { fields[2] } else { (0, 0) },
                recommends: if n > 3 { fields[3] } else { (0, 0) },
                required: (n > 5 && field(5) == "required") || (n > 6 && field(6) == "yes"),
            });
        }
        let slice = |r: (u32, u32)| &text[r.0 as usize..r.1 as usize];
        // The first provider of a name wins, as before.
        crate::sort::by(&mut provides, |a, b| slice(a.0).cmp(slice(b.0)).then(a.1 .0.cmp(&b.1 .0)));
        let sorted = pkgs.windows(2).all(|w| slice(w[0].name) < slice(w[1].name));
        if !sorted {
            crate::sort::by(&mut pkgs, |a, b| slice(a.name).cmp(slice(b.name)));
        }
        Debian { text, pkgs, provides, base_cache: Default::default(), versionless: OnceLock::new() }
    }

    fn str_of(&self, r: (u32, u32)) -> &str {
        &self.text[r.0 as usize..r.1 as usize]
    }

    pub fn len(&self) -> usize {
        self.pkgs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pkgs.is_empty()
    }

    pub fn pkg(&self, i: usize) -> DebPkg<'_> {
        let e = &self.pkgs[i];
        DebPkg { name: self.str_of(e.name), installed_kib: e.kib as u64, required: e.required }
    }

    fn names(&self, r: (u32, u32)) -> impl Iterator<Item = &str> {
        self.str_of(r).split(',').map(str::trim).filter(|x| !x.is_empty())
    }

    /// A package by name, or the first package that provides the name.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.split(':').next().unwrap_or(name);
        if let Ok(i) = self.pkgs.binary_search_by(|e| self.str_of(e.name).cmp(name)) {
            return Some(i);
        }
        let at = self.provides.partition_point(|(r, _)| self.str_of(*r) < name);
        let (r, provider) = self.provides.get(at)?;
        if self.str_of(*r) != name {
            return None;
        }
        let provider = self.str_of(*provider);
        self.pkgs.binary_search_by(|e| self.str_of(e.name).cmp(provider)).ok()
    }

    /// Another version of a package the table lacks (`postgresql-17` → `postgresql-15`).
    pub fn stand_in(&self, name: &str) -> Option<usize> {
        let key = blank_versions(name);
        if !key.contains('#') {
            return None;
        }
        let map = self.versionless.get_or_init(|| {
            let mut m: HashMap<String, usize> = HashMap::new();
            for (i, p) in self.pkgs.iter().enumerate() {
                let k = blank_versions(self.str_of(p.name));
                if k.contains('#') {
                    m.entry(k).or_insert(i);
                }
            }
            m
        });
        map.get(&key).copied()
    }

    /// What installing `names` adds to a system that has `base`.
    pub fn closure(&self, names: &[String], recommends: bool, base: &HashSet<usize>) -> Closure {
        let mut out = Closure::default();
        let mut seen: HashSet<usize> = HashSet::new();
        let mut queue: std::collections::VecDeque<usize> = Default::default();
        for n in names {
            match self.find(n) {
                Some(i) => {
                    if !base.contains(&i) && seen.insert(i) {
                        queue.push_back(i);
                    }
                }
                None => out.unknown.push(n.clone()),
            }
        }
        while let Some(i) = queue.pop_front() {
            out.added.push(i);
            let p = self.pkgs[i];
            out.bytes += p.kib as u64 * 1024;
            let recs = if recommends { p.recommends } else { (0, 0) };
            for d in self.names(p.depends).chain(self.names(recs)) {
                if let Some(j) = self.find(d) {
                    if !base.contains(&j) && seen.insert(j) {
                        queue.push_back(j);
                    }
                }
            }
        }
        out
    }

    /// The packages of a base image: the required and essential set plus apt, and `extra`
    /// (with their dependencies, without recommends, as the official images install them).
    pub fn base_set(&self, key: &'static str, extra: &[&str]) -> std::sync::Arc<HashSet<usize>> {
        if let Some(s) = self.base_cache.lock().ok().and_then(|c| c.get(key).cloned()) {
            return s;
        }
        let mut names: Vec<String> =
            self.pkgs.iter().filter(|p| p.required).map(|p| self.str_of(p.name).to_string()).collect();
        names.push("apt".into());
        names.extend(extra.iter().map(|s| s.to_string()));
        let c = self.closure(&names, false, &HashSet::new());
        let set: std::sync::Arc<HashSet<usize>> = std::sync::Arc::new(c.added.into_iter().collect());
        if let Ok(mut cache) = self.base_cache.lock() {
            cache.insert(key, set.clone());
        }
        set
    }
}

fn memchr_nl(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| from + p)
}
