//! The size tables of `crates/shipshape/data/` (made by `make data`), read into lookups.
//!
//! The small tables are compiled in. The Debian bookworm package table (6.6 MB) is not:
//! the caller hands its text to [`Debian::parse`] when a Dockerfile first needs it (the CLI
//! embeds it, the playground fetches it as a separate asset).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const BASE_IMAGES: &str = include_str!("../../data/base-images.tsv");
const RATIOS: &str = include_str!("../../data/ratios.tsv");
const PYPI: &str = include_str!("../../data/pypi.tsv");
const NPM: &str = include_str!("../../data/npm.tsv");
const ALPINE: &str = include_str!("../../data/alpine.tsv");
const SOURCES: &str = include_str!("../../data/sources.tsv");

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
    pub layers: Vec<u64>,
    pub flags: Vec<String>,
    pub date: String,
    pub source: String,
    pub note: String,
}

impl BaseRow {
    pub fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// A compressed → on-disk factor of `ratios.tsv`.
#[derive(Clone, Debug)]
pub struct Ratio {
    pub family: String,
    pub factor: f64,
    pub min: f64,
    pub max: f64,
    pub n: u32,
}

#[derive(Clone, Debug)]
pub struct PyPkg {
    pub name: String,
    pub version: String,
    pub wheel: u64,
    pub installed: Option<u64>,
    pub depends: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct NpmPkg {
    pub name: String,
    pub version: String,
    pub tarball: u64,
    pub unpacked: u64,
    pub depends: Vec<String>,
}

/// The compiled-in tables.
pub struct Tables {
    pub bases: Vec<BaseRow>,
    by_key: HashMap<(String, String, String), usize>,
    by_image: HashMap<String, Vec<usize>>,
    pub ratios: Vec<Ratio>,
    pub pypi: HashMap<String, PyPkg>,
    pub npm: HashMap<String, NpmPkg>,
    /// Installed bytes of the packages of the Alpine base image.
    pub alpine: Vec<(String, u64)>,
    pub sources: HashMap<String, (String, String)>,
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

impl Tables {
    fn parse() -> Tables {
        let field = |r: &Vec<&str>, i: usize| r.get(i).copied().unwrap_or("").to_string();
        let mut bases = Vec::new();
        for r in rows(BASE_IMAGES) {
            bases.push(BaseRow {
                image: field(&r, 0),
                tag: field(&r, 1),
                arch: field(&r, 2),
                kind: field(&r, 3),
                same_as: field(&r, 4),
                compressed: num(&field(&r, 5)),
                disk: num(&field(&r, 6)),
                layers: field(&r, 7).split(',').filter_map(num).collect(),
                flags: list(&field(&r, 8)),
                date: field(&r, 9),
                source: field(&r, 10),
                note: field(&r, 11),
            });
        }
        let mut by_key = HashMap::new();
        let mut by_image: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, b) in bases.iter().enumerate() {
            by_key.insert((b.image.clone(), b.tag.clone(), b.arch.clone()), i);
            by_image.entry(b.image.clone()).or_default().push(i);
        }
        let ratios = rows(RATIOS)
            .map(|r| Ratio {
                family: field(&r, 0),
                factor: field(&r, 1).parse().unwrap_or(2.5),
                min: field(&r, 3).parse().unwrap_or(2.2),
                max: field(&r, 4).parse().unwrap_or(2.9),
                n: field(&r, 5).parse().unwrap_or(0),
            })
            .collect();
        let pypi = rows(PYPI)
            .map(|r| {
                let p = PyPkg {
                    name: py_name(&field(&r, 0)),
                    version: field(&r, 1),
                    wheel: num(&field(&r, 2)).unwrap_or(0),
                    installed: num(&field(&r, 3)),
                    depends: list(&field(&r, 5)).iter().map(|d| py_name(d)).collect(),
                };
                (p.name.clone(), p)
            })
            .collect();
        let npm = rows(NPM)
            .map(|r| {
                let p = NpmPkg {
                    name: field(&r, 0),
                    version: field(&r, 1),
                    tarball: num(&field(&r, 2)).unwrap_or(0),
                    unpacked: num(&field(&r, 3)).unwrap_or(0),
                    depends: list(&field(&r, 4)),
                };
                (p.name.clone(), p)
            })
            .collect();
        let alpine = rows(ALPINE).map(|r| (field(&r, 0), num(&field(&r, 2)).unwrap_or(0))).collect();
        let sources = rows(SOURCES).map(|r| (field(&r, 0), (field(&r, 1), field(&r, 2)))).collect();
        Tables { bases, by_key, by_image, ratios, pypi, npm, alpine, sources }
    }

    pub fn row(&self, image: &str, tag: &str, arch: &str) -> Option<&BaseRow> {
        self.by_key.get(&(image.to_string(), tag.to_string(), arch.to_string())).map(|&i| &self.bases[i])
    }

    /// Every row of an image (all tags and platforms).
    pub fn rows_of(&self, image: &str) -> impl Iterator<Item = &BaseRow> {
        self.by_image.get(image).into_iter().flatten().map(|&i| &self.bases[i])
    }

    pub fn knows_image(&self, image: &str) -> bool {
        self.by_image.contains_key(image)
    }

    pub fn ratio(&self, family: &str) -> &Ratio {
        self.ratios
            .iter()
            .find(|r| r.family == family)
            .or_else(|| self.ratios.iter().find(|r| r.family == "default"))
            .unwrap_or(&self.ratios[0])
    }
}

/// The compiled-in tables, parsed once.
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(Tables::parse)
}

/// One package of the Debian bookworm table.
#[derive(Clone, Debug)]
pub struct DebPkg {
    pub name: String,
    pub installed_kib: u64,
    depends: Vec<String>,
    recommends: Vec<String>,
    pub required: bool,
}

/// The Debian bookworm package table: Installed-Size and dependencies of 63,666 packages.
pub struct Debian {
    pkgs: Vec<DebPkg>,
    index: HashMap<String, usize>,
    provided_by: HashMap<String, usize>,
    base_cache: std::sync::Mutex<HashMap<&'static str, std::sync::Arc<HashSet<usize>>>>,
    /// Names with their version numbers blanked (`postgresql-#`), for stand-ins.
    versionless: OnceLock<HashMap<String, usize>>,
}

/// `postgresql-17` → `postgresql-#`, `libssl3` → `libssl#`.
fn blank_versions(name: &str) -> String {
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
    /// priority, essential). Malformed lines are skipped.
    pub fn parse(text: &str) -> Debian {
        let mut pkgs = Vec::with_capacity(64_000);
        let mut index = HashMap::with_capacity(64_000);
        let mut provided_by = HashMap::new();
        for line in text.lines().skip(1) {
            let mut f = line.split('\t');
            let (Some(name), Some(kib)) = (f.next(), f.next()) else { continue };
            let depends = f.next().map(list).unwrap_or_default();
            let recommends = f.next().map(list).unwrap_or_default();
            let provides = f.next().map(list).unwrap_or_default();
            let priority = f.next().unwrap_or("");
            let essential = f.next().unwrap_or("") == "yes";
            let i = pkgs.len();
            for p in provides {
                provided_by.entry(p).or_insert(i);
            }
            index.insert(name.to_string(), i);
            pkgs.push(DebPkg {
                name: name.to_string(),
                installed_kib: kib.parse().unwrap_or(0),
                depends,
                recommends,
                required: essential || priority == "required",
            });
        }
        Debian { pkgs, index, provided_by, base_cache: Default::default(), versionless: OnceLock::new() }
    }

    pub fn len(&self) -> usize {
        self.pkgs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pkgs.is_empty()
    }

    pub fn pkg(&self, i: usize) -> &DebPkg {
        &self.pkgs[i]
    }

    /// A package by name, or the first package that provides the name.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.split(':').next().unwrap_or(name);
        self.index.get(name).or_else(|| self.provided_by.get(name)).copied()
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
                let k = blank_versions(&p.name);
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
            out.bytes += self.pkgs[i].installed_kib * 1024;
            let p = &self.pkgs[i];
            let next = p.depends.iter().chain(recommends.then_some(&p.recommends).into_iter().flatten());
            for d in next {
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
            self.pkgs.iter().filter(|p| p.required).map(|p| p.name.clone()).collect();
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
