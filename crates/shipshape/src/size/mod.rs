//! Image-size estimates: the base image from `base-images.tsv`, a layer per RUN, COPY and
//! ADD from the package tables and stated assumptions, per stage, with a low / expected /
//! high range and the reasons for every figure. [`report`] compares the file as written with
//! the file after the size fixes, and says what each fix saves.
//!
//! Sizes are bytes. "On disk" is what `docker images` shows (uncompressed); "compressed" is
//! what a pull transfers.

pub mod base;
pub mod data;
mod run;

use std::collections::HashSet;

use crate::analysis::vars::platform_args;
use crate::analysis::{absolute, Analysis};
use crate::config::Config;
use crate::diagnostic::Applicability;
use crate::fix_all::{apply_one, fix_all_from, FixOptions};
use crate::lint::lint;
use crate::rules::Category;
use crate::syntax::lex::Lexer;
use crate::syntax::{parse, Args, Instruction, Keyword, LineIndex, Span};

pub use base::{Base, Distro, Kit};
pub use data::{load_tables, tables_loaded, Debian};

/// A size with its range: `low <= expected <= high`, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figure {
    pub low: u64,
    pub expected: u64,
    pub high: u64,
}

impl Figure {
    pub fn new(low: u64, expected: u64, high: u64) -> Figure {
        let low = low.min(expected);
        Figure { low, expected, high: high.max(expected) }
    }

    pub fn exact(n: u64) -> Figure {
        Figure { low: n, expected: n, high: n }
    }

    /// A figure in MB (decimal), for assumptions.
    pub fn mb(low: f64, expected: f64, high: f64) -> Figure {
        Figure::new((low * 1e6) as u64, (expected * 1e6) as u64, (high * 1e6) as u64)
    }

    pub fn scale(self, f: f64) -> Figure {
        let s = |n: u64| (n as f64 * f).round() as u64;
        Figure::new(s(self.low), s(self.expected), s(self.high))
    }

    /// Widens the range by ±`f` of the expected value (at least).
    pub fn widen(self, f: f64) -> Figure {
        let lo = (self.expected as f64 * (1.0 - f)).max(0.0) as u64;
        let hi = (self.expected as f64 * (1.0 + f)) as u64;
        Figure::new(self.low.min(lo), self.expected, self.high.max(hi))
    }

    /// Multiplies by factors: `low × lo`, `expected × mid`, `high × hi`.
    pub fn spread(self, lo: f64, mid: f64, hi: f64) -> Figure {
        Figure::new(
            (self.low as f64 * lo) as u64,
            (self.expected as f64 * mid) as u64,
            (self.high as f64 * hi) as u64,
        )
    }
}

impl std::ops::Add for Figure {
    type Output = Figure;
    fn add(self, o: Figure) -> Figure {
        Figure {
            low: self.low.saturating_add(o.low),
            expected: self.expected.saturating_add(o.expected),
            high: self.high.saturating_add(o.high),
        }
    }
}

impl std::ops::AddAssign for Figure {
    fn add_assign(&mut self, o: Figure) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Figure {
    fn sum<I: Iterator<Item = Figure>>(iter: I) -> Figure {
        iter.fold(Figure::default(), |a, b| a + b)
    }
}

/// Decimal megabytes for reasons: `9.8 MB`, `886 MB`, `1.2 GB`, `420 kB`. Integer
/// arithmetic only: float formatting would add kilobytes to the browser bundle.
pub fn mb(bytes: u64) -> String {
    let tenths = |unit: u64| {
        let t = bytes.saturating_add(unit / 2) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if bytes >= 999_950_000 {
        format!("{} GB", tenths(100_000_000))
    } else if bytes >= 99_950_000 {
        format!("{} MB", bytes.saturating_add(500_000) / 1_000_000)
    } else if bytes >= 999_500 {
        format!("{} MB", tenths(100_000))
    } else if bytes >= 1_000 {
        format!("{} kB", bytes.saturating_add(500) / 1_000)
    } else {
        format!("{bytes} B")
    }
}

/// A factor kept in thousandths, as text: `2650` → `2.65`, `2500` → `2.5`.
pub fn milli(m: u32) -> String {
    let frac = format!("{:03}", m % 1000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        (m / 1000).to_string()
    } else {
        format!("{}.{frac}", m / 1000)
    }
}

/// A range for display: `40–60 MB`, or `about 12 MB` when it is exact.
pub fn range_text(f: Figure) -> String {
    if f.low == f.high {
        mb(f.expected)
    } else {
        format!("{} – {}", mb(f.low), mb(f.high))
    }
}

/// What the estimator cannot see, and the platform.
#[derive(Clone, Debug)]
pub struct SizeOptions {
    /// `linux/amd64` unless set (a FROM `--platform` wins).
    pub platform: Option<String>,
    /// Bytes a `COPY . .` brings from the build context.
    pub context_bytes: u64,
    /// What `pip install -r requirements.txt` installs when the file is not visible.
    pub requirements_bytes: u64,
    /// The stage to build (`docker build --target`); the last stage when unset.
    pub target: Option<String>,
    /// Build arguments (`--build-arg NAME=VALUE`); `report` takes the configuration's when
    /// none are given here.
    pub build_args: Vec<(String, String)>,
}

/// The largest context or requirements assumption taken (1 PB).
pub const MAX_ASSUMPTION_BYTES: u64 = 1_000_000_000_000_000;

/// The default context size assumption: a small project.
pub const DEFAULT_CONTEXT_BYTES: u64 = 5_000_000;
/// The default assumption for a requirements file we cannot see.
pub const DEFAULT_REQUIREMENTS_BYTES: u64 = 60_000_000;

impl Default for SizeOptions {
    fn default() -> Self {
        SizeOptions {
            platform: None,
            context_bytes: DEFAULT_CONTEXT_BYTES,
            requirements_bytes: DEFAULT_REQUIREMENTS_BYTES,
            target: None,
            build_args: Vec::new(),
        }
    }
}

/// One layer: a RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// 1-based line of the instruction.
    pub line: usize,
    pub span: Span,
    pub instruction: &'static str,
    /// The instruction's text, shortened.
    pub summary: String,
    pub disk: Figure,
    /// The pulled (gzip) size: on disk ÷ the family factor, ranged over ×1.5–×4.
    pub compressed: Figure,
    pub compressed_expected: u64,
    pub reasons: Vec<String>,
}

/// A stage: its base and its layers.
#[derive(Clone, Debug, PartialEq)]
pub struct StageSize {
    pub index: usize,
    /// The stage name, or `stage N` (0-based like `COPY --from=N`).
    pub name: String,
    pub line: usize,
    /// The base as written after FROM (ARGs substituted).
    pub base_ref: String,
    /// The stage it builds on, when FROM names a stage.
    pub from_stage: Option<usize>,
    /// How the base was found in the data: `exact`, `other-platform`, `nearest-tag`,
    /// `sibling-image`, `unknown`, `scratch`, or `stage`.
    pub base_match: &'static str,
    pub base_disk: Figure,
    pub base_compressed: Figure,
    pub base_reasons: Vec<String>,
    pub layers: Vec<Layer>,
    /// Base plus layers.
    pub disk: Figure,
    pub compressed: Figure,
    pub compressed_expected: u64,
    /// The stage that becomes the image.
    pub is_final: bool,
}

/// The estimate of one Dockerfile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImageSize {
    /// The final stage's size on disk.
    pub disk: Figure,
    pub compressed: Figure,
    pub compressed_expected: u64,
    pub stages: Vec<StageSize>,
    /// Assumptions that apply to the whole file (context size …).
    pub assumptions: Vec<String>,
    /// An apt-get install was sized without the Debian table (pass it for real figures).
    pub needs_debian: bool,
    /// A `COPY` of the build context used the context-size assumption.
    pub uses_context: bool,
    /// A `pip install -r` used the requirements-size assumption.
    pub uses_requirements: bool,
}

impl ImageSize {
    pub fn final_stage(&self) -> Option<&StageSize> {
        self.stages.iter().find(|s| s.is_final)
    }
}

/// What one fix saves.
#[derive(Clone, Debug, PartialEq)]
pub struct Saving {
    pub code: &'static str,
    /// 1-based line of the finding.
    pub line: usize,
    pub span: Span,
    pub title: String,
    pub saving: Figure,
}

/// Before and after the size fixes.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeReport {
    pub before: ImageSize,
    pub after: ImageSize,
    /// The file after the size fixes.
    pub after_text: String,
    /// The fixes applied for "after" (code, title).
    pub applied: Vec<(&'static str, String)>,
    /// What each fixable finding saves on its own, largest first (only savings > 0).
    pub savings: Vec<Saving>,
    /// Size fixes whose saving was not estimated, because the file is too large for one
    /// estimate per fix (see `SAVINGS_BUDGET`). "After" still includes them.
    pub savings_left_out: usize,
}

/// How much work the per-fix savings may take, in instructions estimated: each saving is
/// a whole estimate of the file with that fix alone. A 200-line file with 25 size fixes
/// takes about 4,500; a pasted 5,000-line file with 600 of them would take 2.7 million
/// (30 s natively, minutes in a browser), so its first few fixes get a saving and the
/// rest are counted in `savings_left_out`. (In the browser each 1,000 instructions
/// estimated cost about 50 ms of the page's thread.)
pub const SAVINGS_BUDGET: usize = 6_000;

/// Whether the file installs Debian/Ubuntu packages, so that the Debian table is worth
/// loading before estimating.
/// (The table also stands in for Alpine and RPM package sizes.)
pub fn needs_debian(source: &str) -> bool {
    ["apt-get", "apt ", "aptitude", "apk ", "yum ", "dnf ", "zypper ", "microdnf "]
        .iter()
        .any(|k| source.contains(k))
}

/// A stage's facts while its instructions are read.
#[derive(Clone, Debug)]
pub(crate) struct StageCx {
    pub family: &'static str,
    pub distro: Distro,
    /// Debian packages present (indices into the Debian table).
    pub installed: HashSet<usize>,
    /// Leftovers of earlier layers that a later `rm` cannot take back: (path, what).
    pub leftovers: Vec<(String, String)>,
    /// Files the stage made that a later `COPY --from` may take: (path, size, what).
    pub artifacts: Vec<(String, Figure, String)>,
    /// The working directory (the analysis's, `/` when no WORKDIR set one).
    pub workdir: String,
    /// A requirements file was assumed.
    pub requirements: bool,
}

impl StageCx {
    fn new(base: &Base, debian: Option<&Debian>) -> StageCx {
        let installed = match (debian, base.distro.uses_apt()) {
            (Some(d), true) => {
                let (key, extra) = base.kit.packages();
                (*d.base_set(key, &extra)).clone()
            }
            _ => HashSet::new(),
        };
        StageCx {
            family: base.family,
            distro: base.distro,
            installed,
            leftovers: Vec::new(),
            artifacts: Vec::new(),
            workdir: "/".into(),
            requirements: false,
        }
    }

    pub fn abs(&self, path: &str) -> String {
        if path.starts_with('/') {
            path.to_string()
        } else {
            let p = path.trim_start_matches("./");
            format!("{}/{}", self.workdir.trim_end_matches('/'), p)
        }
    }
}

/// The working directory after the instruction at `index` has run: the analysis gives it
/// before each instruction, and a WORKDIR changes it.
fn workdir_after(analysis: &Analysis, instr: &Instruction, index: usize) -> String {
    let before = analysis.at(index).and_then(|f| f.workdir.as_deref());
    match (&instr.keyword, &instr.args) {
        (Keyword::Workdir, Args::Text(w)) => {
            let path = analysis.resolve(index, &w.text).map_or_else(|| w.text.clone(), |r| r.value);
            absolute(before, &path)
        }
        _ => before.unwrap_or("/").to_string(),
    }
}

fn shorten(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > n {
        let cut: String = one.chars().take(n - 1).collect();
        format!("{cut}…")
    } else {
        one
    }
}

/// Estimates the image a Dockerfile builds (its last stage), with every stage shown.
/// `debian` is the Debian bookworm table (`None`: apt installs get a wide assumption and
/// `needs_debian` is set).
pub fn estimate(source: &str, debian: Option<&Debian>, opts: &SizeOptions) -> ImageSize {
    // Assumptions beyond a petabyte are typos; capping them keeps every sum far from overflow.
    let opts = &SizeOptions {
        context_bytes: opts.context_bytes.min(MAX_ASSUMPTION_BYTES),
        requirements_bytes: opts.requirements_bytes.min(MAX_ASSUMPTION_BYTES),
        ..opts.clone()
    };
    let parsed = parse(source);
    let file = &parsed.file;
    let lines = LineIndex::new(source);
    let line_of = |s: Span| lines.line_of(s.start) as usize + 1;
    // The variables, scripts and package-manager calls as the rules see them. A platform
    // other than BuildKit's default sets the platform arguments as a build would.
    let mut build_args = match opts.platform.as_deref() {
        Some(p) if p != "linux/amd64" => platform_args(p),
        _ => Vec::new(),
    };
    build_args.extend(opts.build_args.iter().cloned());
    let analysis = Analysis::new(source, file, &build_args);
    let global = analysis.global_scope();
    let lexer = Lexer::new(file.escape);
    let mut out = ImageSize::default();
    let mut contexts: Vec<StageCx> = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut uses_context = false;
    for stage in &file.stages {
        let instrs = file.stage_instructions(stage);
        let from = &instrs[0];
        let written = stage.base.as_ref().map(|w| w.text.clone()).unwrap_or_default();
        let processed = lexer.process_word(&written, global).ok();
        let unset: Vec<String> = processed.as_ref().map(|p| p.unmatched.clone()).unwrap_or_default();
        let expanded = processed.map(|p| p.result).unwrap_or(written.clone());
        let platform = stage
            .platform
            .as_ref()
            .and_then(|p| lexer.process_word(&p.text, global).ok().map(|p| p.result))
            .or(opts.platform.clone());
        let parent = match analysis.stages.get(stage.index).map(|f| &f.base) {
            Some(crate::analysis::Base::Stage(p)) => Some(*p),
            _ => None,
        };
        let (mut cx, base_disk, base_compressed, base_reasons, base_match) = match parent {
            Some(p) => {
                let ps: &StageSize = &out.stages[p];
                let reasons = vec![format!("builds on stage `{}`: {}", ps.name, range_text(ps.disk))];
                (contexts[p].clone(), ps.disk, ps.compressed, reasons, "stage")
            }
            None if expanded.trim().is_empty() || expanded.starts_with(':') || expanded.starts_with('@') => {
                let b = base::unset(&written, &unset);
                let cx = StageCx::new(&b, debian);
                (cx, b.disk, b.compressed, b.reasons, b.matched)
            }
            None => {
                let mut b = base::resolve(&expanded, platform.as_deref());
                if !unset.is_empty() {
                    b.reasons.insert(
                        0,
                        format!(
                            "`{written}` has a variable without a default ({}): sized as `{expanded}`",
                            unset.join(", ")
                        ),
                    );
                }
                let cx = StageCx::new(&b, debian);
                (cx, b.disk, b.compressed, b.reasons, b.matched)
            }
        };
        let name =
            stage.name.as_ref().map(|n| n.text.clone()).unwrap_or_else(|| format!("stage {}", stage.index));
        let mut layers = Vec::new();
        for (k, instr) in instrs.iter().enumerate().skip(1) {
            let index = stage.instructions.start + k;
            cx.workdir = analysis.at(index).and_then(|f| f.workdir.clone()).unwrap_or_else(|| "/".into());
            let est = match instr.keyword {
                Keyword::Run => {
                    run::estimate_run(&mut cx, instr, &analysis, index, debian, opts, &mut out.needs_debian)
                }
                Keyword::Copy | Keyword::Add => {
                    let (e, ctx) = copy_layer(&mut cx, instr, source, &out.stages, &contexts, &names, opts);
                    uses_context |= ctx;
                    e
                }
                _ => continue,
            };
            let Some((disk, reasons)) = est else { continue };
            let factor = if instr.keyword == Keyword::Run { base::compress_factor(cx.family) } else { 2.5 };
            let compressed = Figure::new(
                (disk.low as f64 / factor.max(4.0)) as u64,
                (disk.expected as f64 / factor) as u64,
                (disk.high as f64 / factor.min(1.5)) as u64,
            );
            layers.push(Layer {
                line: line_of(instr.span),
                span: instr.span,
                instruction: instr.keyword.as_str(),
                summary: shorten(instr.span.text(source), 80),
                disk,
                compressed,
                compressed_expected: compressed.expected,
                reasons,
            });
        }
        // Where the stage ends: a later `COPY --from` of it reads relative paths there.
        if let Some(last) = instrs.len().checked_sub(1) {
            cx.workdir = workdir_after(&analysis, &instrs[last], stage.instructions.start + last);
        }
        let layer_sum: Figure = layers.iter().map(|l| l.disk).sum();
        let compressed: Figure = base_compressed + layers.iter().map(|l| l.compressed).sum::<Figure>();
        if let Some(n) = &stage.name {
            names.push((n.text.to_ascii_lowercase(), stage.index));
        }
        out.uses_requirements |= cx.requirements;
        out.stages.push(StageSize {
            index: stage.index,
            name,
            line: line_of(from.span),
            base_ref: if parent.is_some() {
                expanded.clone()
            } else if expanded.trim().is_empty() || expanded.starts_with(':') || expanded.starts_with('@') {
                written.clone()
            } else {
                base_display(&expanded)
            },
            from_stage: parent,
            base_match,
            base_disk,
            base_compressed,
            base_reasons,
            layers,
            disk: base_disk + layer_sum,
            compressed,
            compressed_expected: compressed.expected,
            is_final: false,
        });
        contexts.push(cx);
    }
    let chosen =
        opts.target.as_ref().and_then(|t| out.stages.iter().position(|s| s.name.eq_ignore_ascii_case(t)));
    if let (Some(t), None) = (&opts.target, chosen) {
        out.assumptions.push(format!("there is no stage `{t}`: the last stage is the image"));
    }
    let image = chosen.or(out.stages.len().checked_sub(1));
    if let Some(i) = image {
        let s = &mut out.stages[i];
        s.is_final = true;
        out.disk = s.disk;
        out.compressed = s.compressed;
        out.compressed_expected = s.compressed_expected;
        if out.stages.len() > 1 {
            let how = if chosen.is_some() { "the target stage" } else { "the last stage" };
            out.assumptions.push(format!(
                "only {how} (`{}`) becomes the image; the other stages are shown but not counted",
                out.stages[i].name
            ));
        }
    }
    out.uses_context = uses_context;
    if out.uses_requirements {
        out.assumptions.push(format!(
            "a requirements file the estimator cannot see is assumed to install {} (change it)",
            mb(opts.requirements_bytes)
        ));
    }
    if uses_context {
        out.assumptions.push(format!(
            "the build context is assumed to hold {} (change it: the estimator cannot see your files; a .dockerignore makes it smaller)",
            mb(opts.context_bytes)
        ));
    }
    out
}

fn base_display(expanded: &str) -> String {
    let (image, tag, _) = base::split_reference(expanded);
    match tag {
        Some(t) => format!("{image}:{t}"),
        None => image,
    }
}

/// A small file by its name (`requirements.txt`, `app.py`, `nginx.conf` …).
fn small_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    let ext = base.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some(
            "txt"
                | "json"
                | "toml"
                | "lock"
                | "py"
                | "js"
                | "mjs"
                | "cjs"
                | "ts"
                | "sh"
                | "conf"
                | "yaml"
                | "yml"
                | "ini"
                | "cfg"
                | "xml"
                | "md"
                | "rb"
                | "go"
                | "mod"
                | "sum"
                | "env"
                | "properties"
                | "html"
                | "css"
                | "sql"
                | "pem"
                | "crt"
                | "key"
                | "service"
                | "gemspec"
                | "csproj"
                | "sln"
                | "php"
        )
    ) || matches!(base, "Gemfile" | "Pipfile" | "Makefile" | "Procfile" | "Cargo.lock" | "go.sum")
}

/// A file without an extension copied into a `bin` directory: a script.
fn script_into_bin(name: &str, dest: &str) -> bool {
    !name.ends_with('/')
        && !name.rsplit('/').next().unwrap_or(name).contains('.')
        && dest.trim_end_matches('/').ends_with("/bin")
}

fn archive(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip", ".jar", ".war", ".whl"]
        .iter()
        .any(|e| n.ends_with(e))
}

/// A COPY or ADD layer. The bool says whether it reads the build context as a whole.
fn copy_layer(
    cx: &mut StageCx,
    instr: &Instruction,
    source: &str,
    stages: &[StageSize],
    contexts: &[StageCx],
    names: &[(String, usize)],
    opts: &SizeOptions,
) -> (Option<(Figure, Vec<String>)>, bool) {
    let Args::List { items, .. } = &instr.args else { return (None, false) };
    if items.len() < 2 && instr.heredocs.is_empty() {
        return (None, false);
    }
    let (sources, dest) = items.split_at(items.len().saturating_sub(1));
    let dest = dest.first().map(|d| cx.abs(&d.text)).unwrap_or_default();
    let mut total = Figure::default();
    let mut reasons = Vec::new();
    let mut whole_context = false;
    if !instr.heredocs.is_empty() {
        let bytes: u64 = instr.heredocs.iter().map(|h| h.body.text(source).len() as u64).sum();
        total += Figure::exact(bytes);
        reasons.push(format!("inline file (heredoc): {}", mb(bytes)));
    }
    let from = instr.flag("from").and_then(|f| f.value.as_ref()).map(|v| v.text.clone());
    if let Some(from) = from {
        let stage = names
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&from))
            .map(|(_, i)| *i)
            .or_else(|| from.parse::<usize>().ok().filter(|i| *i < stages.len()));
        for s in sources.iter().filter(|s| !s.text.starts_with("<<")) {
            let (f, r) = match stage {
                Some(i) => from_stage(&contexts[i], &stages[i], &s.text),
                None => from_image(&from, &s.text),
            };
            total += f;
            reasons.push(r);
        }
        cx.artifacts.push((dest, total, format!("files copied from `{from}`")));
        return (Some((total, reasons)), false);
    }
    let is_add = instr.keyword == Keyword::Add;
    for s in sources.iter().filter(|s| !s.text.starts_with("<<")) {
        let t = s.text.as_str();
        if is_add && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("git@")) {
            let f = Figure::mb(0.1, 20.0, 300.0);
            total += f;
            reasons.push(format!(
                "download `{}`: size unknown, assumed {} (assumption)",
                shorten(t, 50),
                range_text(f)
            ));
            continue;
        }
        let clean = t.trim_start_matches("./");
        if clean.is_empty() || clean == "." || clean == "*" || clean == "/" {
            whole_context = true;
            let f = Figure::new(opts.context_bytes / 20, opts.context_bytes, opts.context_bytes * 3);
            total += f;
            reasons.push(format!("the whole build context: assumed {} (adjustable)", mb(opts.context_bytes)));
        } else if archive(clean) {
            let f = Figure::mb(0.5, 20.0, 300.0);
            total += f;
            let what =
                if is_add && !clean.ends_with(".jar") && !clean.ends_with(".war") && !clean.ends_with(".whl")
                {
                    "archive (ADD unpacks it)"
                } else {
                    "archive"
                };
            reasons.push(format!(
                "`{}`: {what}, size unknown, assumed {} (assumption)",
                shorten(t, 40),
                range_text(f)
            ));
        } else if (small_file(clean) || script_into_bin(clean, &dest)) && !clean.contains('*') {
            let f = Figure::new(100, 4_000, 1_000_000);
            total += f;
            reasons.push(format!("`{}`: a small file, assumed under 1 MB", shorten(t, 40)));
        } else if clean.contains('*') && !clean.starts_with('*') && !clean.contains('/') {
            let f = Figure::new(100, 20_000, 5_000_000);
            total += f;
            reasons.push(format!("`{}`: a few named files, assumed under 5 MB", shorten(t, 40)));
        } else {
            // A directory or a pattern: part of the context.
            let f = Figure::new(1_000, opts.context_bytes / 2, opts.context_bytes * 2);
            total += f;
            reasons.push(format!(
                "`{}`: part of the build context, assumed half of its {} (adjustable)",
                shorten(t, 40),
                mb(opts.context_bytes)
            ));
            whole_context = true;
        }
    }
    cx.artifacts.push((dest, total, "files from the build context".into()));
    (Some((total, reasons)), whole_context)
}

/// What `COPY --from=<stage> path` brings: an artifact the stage is known to have made
/// there, else an assumption.
fn from_stage(cx: &StageCx, stage: &StageSize, path: &str) -> (Figure, String) {
    let p = cx.abs(path);
    let p = p.trim_end_matches('/');
    let p = if p.is_empty() { "/" } else { p };
    if p == "/" {
        return (stage.disk, format!("the whole of stage `{}`: {}", stage.name, range_text(stage.disk)));
    }
    let hits: Vec<&(String, Figure, String)> = cx
        .artifacts
        .iter()
        .filter(|(a, _, _)| {
            let a = a.trim_end_matches('/');
            a == p || a.starts_with(&format!("{p}/")) || p.starts_with(&format!("{a}/"))
        })
        .collect();
    if !hits.is_empty() {
        let f: Figure = hits.iter().map(|(_, f, _)| *f).sum();
        let what: Vec<&str> = hits.iter().map(|(_, _, w)| w.as_str()).collect();
        return (f, format!("`{path}` from stage `{}`: {} ({})", stage.name, range_text(f), what.join(", ")));
    }
    let f = Figure::mb(0.01, 10.0, 200.0);
    (
        f,
        format!(
            "`{path}` from stage `{}`: what it holds there is not known, assumed {} (assumption)",
            stage.name,
            range_text(f)
        ),
    )
}

fn from_image(image: &str, path: &str) -> (Figure, String) {
    let b = base::resolve(image, None);
    let high = if b.known() { b.disk.high } else { 200_000_000 };
    let f = Figure::new(10_000, (high / 10).min(20_000_000), high);
    (
        f,
        format!(
            "`{path}` from image `{image}`: assumed {} (a part of that image, assumption)",
            range_text(f)
        ),
    )
}

/// Before and after the size fixes, and each fix's own saving.
pub fn report(source: &str, config: &Config, debian: Option<&Debian>, opts: &SizeOptions) -> SizeReport {
    let with_args;
    let opts = if opts.build_args.is_empty() && !config.build_args.is_empty() {
        with_args = SizeOptions { build_args: config.build_args.clone(), ..opts.clone() };
        &with_args
    } else {
        opts
    };
    let before = estimate(source, debian, opts);
    let lines = LineIndex::new(source);
    let result = lint(source, config);
    // Only the size rules' fixes, for "after" and for the savings: the others do not change
    // what the image holds (and estimating each of them would cost an estimate per fix).
    let size_fixes =
        FixOptions { unsafe_fixes: true, categories: Some(&[Category::Size]), ..FixOptions::default() };
    let mut savings = Vec::new();
    let cost = result.parse.file.instructions.len().max(1);
    let mut spent = 0;
    let mut savings_left_out = 0;
    for d in &result.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::DisplayOnly || !size_fixes.in_categories(d) {
            continue;
        }
        if spent + cost > SAVINGS_BUDGET {
            savings_left_out += 1;
            continue;
        }
        spent += cost;
        let Some(text) = apply_one(source, d) else { continue };
        let e = estimate(&text, debian, opts);
        let mid = before.disk.expected.saturating_sub(e.disk.expected);
        let saving = Figure::new(
            before.disk.low.saturating_sub(e.disk.low).min(mid),
            mid,
            before.disk.high.saturating_sub(e.disk.high).max(mid),
        );
        if saving.expected > 0 {
            savings.push(Saving {
                code: d.code,
                line: lines.line_of(d.span.start) as usize + 1,
                span: d.span,
                title: fix.title.clone(),
                saving,
            });
        }
    }
    let fa = fix_all_from(source, config, &size_fixes, result);
    let after = estimate(&fa.text, debian, opts);
    crate::sort::by(&mut savings, |a, b| b.saving.expected.cmp(&a.saving.expected).then(a.line.cmp(&b.line)));
    SizeReport {
        before,
        after,
        after_text: fa.text,
        applied: fa.applied.iter().map(|a| (a.code, a.title.clone())).collect(),
        savings,
        savings_left_out,
    }
}

// The tests size real Dockerfiles: they need the compiled-in tables.
#[cfg(all(test, feature = "embedded-tables"))]
mod tests;
