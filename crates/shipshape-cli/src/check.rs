//! `shipshape check` and `shipshape rules`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use shipshape::config::{Config, LabelType, Threshold};
use shipshape::rules::{all_metas, Severity};

use crate::output::{self, Format, Report};

struct Options {
    files: Vec<String>,
    config_file: Option<String>,
    /// What the command line sets, including `format` and `no_color` (the strongest source).
    cli: Config,
    /// `--color` forces colours on (`--no-color` is `cli.no_color`).
    color: bool,
    /// How many files are linted at once (default: one per core).
    jobs: Option<usize>,
    mode: Mode,
    unsafe_fixes: bool,
    /// `-o FILE`: what would go to standard output goes into FILE.
    output: Option<String>,
    /// `-V`: the configuration in force, on standard error.
    verbose: bool,
    /// `--file-path-in-report PATH`: the path every finding names.
    path_in_report: Option<String>,
    /// `-t`: set apart, because the default level cannot tell "not given" in a `Config`.
    threshold: Option<Threshold>,
    /// No path was given: standard input is read.
    no_paths: bool,
}

/// What `check` does with the fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Report findings.
    Check,
    /// Apply the fixes, write the files, report what is left.
    Fix,
    /// Print what the fixes would change, as a unified diff.
    Diff,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("shipshape: {msg} (see shipshape --help)");
    ExitCode::from(2)
}

/// `--require-label name:type` (hadolint's form).
fn label(spec: &str) -> Result<(String, LabelType), String> {
    let (name, ty) = spec
        .rsplit_once(':')
        .filter(|(n, _)| !n.is_empty())
        .ok_or_else(|| format!("a label schema is NAME:TYPE, not `{spec}`"))?;
    let ty = LabelType::parse(ty).ok_or_else(|| {
        format!("unknown label type `{ty}` in `{spec}` (text, url, semver, hash, rfc3339, spdx, email)")
    })?;
    Ok((name.to_string(), ty))
}

/// `--build-arg NAME=VALUE`, or `--build-arg NAME` for the value of the environment
/// variable NAME, as `docker build` takes them: `None` when that variable is not set (the
/// ARG keeps its default). A spec without a name is an error that says how to write one.
pub(crate) fn build_arg(
    spec: &str,
    var: impl Fn(&str) -> Option<String>,
) -> Result<Option<(String, String)>, String> {
    let (name, value) = match spec.split_once('=') {
        Some((name, value)) => (name, Some(value.to_string())),
        None => (spec, None),
    };
    if name.trim().is_empty() {
        return Err(format!("--build-arg `{spec}` has no name: write --build-arg NAME=VALUE"));
    }
    Ok(value.or_else(|| var(name)).map(|v| (name.to_string(), v)))
}

fn check_format(v: &str) -> Result<String, String> {
    Format::parse(v).map(|_| v.to_string()).ok_or_else(|| format!("unknown format `{v}` ({})", Format::NAMES))
}

/// The options of a command line; `None` for `--help`.
fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut o = Options {
        files: Vec::new(),
        config_file: None,
        cli: Config::default(),
        color: false,
        jobs: None,
        mode: Mode::Check,
        unsafe_fixes: false,
        output: None,
        verbose: false,
        path_in_report: None,
        threshold: None,
        no_paths: false,
    };
    let mut i = 0;
    let value = |i: &mut usize, flag: &str| -> Result<String, String> {
        *i += 1;
        args.get(*i).cloned().ok_or_else(|| format!("{flag} needs a value"))
    };
    while i < args.len() {
        let a = args[i].as_str();
        // `--flag=value` is accepted as well as `--flag value`.
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let take = |i: &mut usize| match &inline {
            Some(v) => Ok(v.clone()),
            None => value(i, flag),
        };
        match flag {
            "--format" | "-f" => o.cli.format = Some(check_format(&take(&mut i)?)?),
            "--config" | "-c" => o.config_file = Some(take(&mut i)?),
            "--ignore" => o.cli.ignored.push(take(&mut i)?),
            "--error" | "--warning" | "--info" | "--style" => {
                let sev = Severity::parse(&flag[2..]).expect("listed above");
                o.cli.overrides.push((take(&mut i)?, sev));
            }
            "--trusted-registry" => o.cli.trusted_registries.push(take(&mut i)?),
            "--require-label" => o.cli.label_schema.push(label(&take(&mut i)?)?),
            "--strict-labels" => o.cli.strict_labels = true,
            "--build-arg" => {
                let arg = build_arg(&take(&mut i)?, |name| std::env::var(name).ok())?;
                o.cli.build_args.extend(arg);
            }
            "--failure-threshold" | "-t" => {
                let v = take(&mut i)?;
                o.threshold =
                    Some(Config::parse_threshold(&v).ok_or_else(|| format!("unknown threshold `{v}`"))?);
            }
            "--no-fail" => o.cli.no_fail = true,
            "--no-color" => o.cli.no_color = true,
            "--color" => o.color = true,
            "--disable-ignore-pragma" => o.cli.disable_ignore_pragma = true,
            "--output" | "-o" => o.output = Some(take(&mut i)?),
            "--verbose" | "-V" => o.verbose = true,
            "--file-path-in-report" => o.path_in_report = Some(take(&mut i)?),
            "--jobs" | "-j" => {
                let v = take(&mut i)?;
                o.jobs = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("--jobs needs a number above 0, not `{v}`"))?,
                );
            }
            "--fix" => o.mode = Mode::Fix,
            "--diff" => o.mode = Mode::Diff,
            "--unsafe-fixes" => o.unsafe_fixes = true,
            "--help" | "-h" => return Ok(None),
            "-" => o.files.push("-".into()),
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`")),
            _ => o.files.push(a.to_string()),
        }
        i += 1;
    }
    if o.unsafe_fixes && o.mode == Mode::Check {
        return Err("--unsafe-fixes goes with --fix or --diff".into());
    }
    if o.files.is_empty() {
        o.no_paths = true;
        o.files.push("-".into());
    }
    Ok(Some(o))
}

/// hadolint's environment variables (`HADOLINT_IGNORE=DL3008,DL3009`, `HADOLINT_NOFAIL=1`
/// …), as a configuration that the configuration file lies under and the command line over.
/// Lists are comma-separated; a flag is on for `1`, `true` or `yes`, as in hadolint.
/// Returns the configuration, `HADOLINT_FAILURE_THRESHOLD` and whether `HADOLINT_VERBOSE`
/// is on.
pub(crate) fn env_config(var: impl Fn(&str) -> Option<String>) -> Result<EnvConfig, String> {
    let mut c = Config::default();
    let list = |name: &str| -> Vec<String> {
        var(name)
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    };
    let flag = |name: &str| {
        var(name).is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
    };
    let bad = |name: &str, e: String| format!("${name}: {e}");
    c.ignored = list("HADOLINT_IGNORE");
    for (name, sev) in [
        ("HADOLINT_OVERRIDE_ERROR", Severity::Error),
        ("HADOLINT_OVERRIDE_WARNING", Severity::Warning),
        ("HADOLINT_OVERRIDE_INFO", Severity::Info),
        ("HADOLINT_OVERRIDE_STYLE", Severity::Style),
    ] {
        c.overrides.extend(list(name).into_iter().map(|code| (code, sev)));
    }
    c.trusted_registries = list("HADOLINT_TRUSTED_REGISTRIES");
    for spec in list("HADOLINT_REQUIRE_LABELS") {
        c.label_schema.push(label(&spec).map_err(|e| bad("HADOLINT_REQUIRE_LABELS", e))?);
    }
    c.strict_labels = flag("HADOLINT_STRICT_LABELS");
    c.no_fail = flag("HADOLINT_NOFAIL");
    c.disable_ignore_pragma = flag("HADOLINT_DISABLE_IGNORE_PRAGMA");
    c.no_color = var("NO_COLOR").is_some_and(|v| !v.is_empty());
    if let Some(v) = var("HADOLINT_FORMAT").filter(|v| !v.is_empty()) {
        c.format = Some(check_format(&v).map_err(|e| bad("HADOLINT_FORMAT", e))?);
    }
    let threshold = match var("HADOLINT_FAILURE_THRESHOLD").filter(|v| !v.is_empty()) {
        Some(v) => Some(
            Config::parse_threshold(&v)
                .ok_or_else(|| bad("HADOLINT_FAILURE_THRESHOLD", format!("unknown threshold `{v}`")))?,
        ),
        None => None,
    };
    Ok(EnvConfig { config: c, threshold, verbose: flag("HADOLINT_VERBOSE") })
}

pub(crate) struct EnvConfig {
    pub config: Config,
    pub threshold: Option<Threshold>,
    pub verbose: bool,
}

impl EnvConfig {
    /// Lays the variables over `config` (the configuration file's): lists add up, and what
    /// a variable sets wins, the threshold too (kept apart because a `Config` cannot tell
    /// a threshold set to the default from none).
    pub(crate) fn lay_on(self, config: &mut Config) {
        config.merge(self.config);
        if let Some(t) = self.threshold {
            config.failure_threshold = t;
        }
    }
}

/// The configuration file hadolint would read, in its order (`dir` stands for the current
/// directory: the language server passes its workspace).
pub(crate) fn find_config(dir: &Path) -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let mut candidates: Vec<PathBuf> = vec![dir.join(".hadolint.yaml"), dir.join(".hadolint.yml")];
    if let Some(x) = &xdg {
        candidates.push(x.join("hadolint.yaml"));
        candidates.push(x.join("hadolint.yml"));
    }
    if let Some(h) = &home {
        for p in [
            ".hadolint/hadolint.yaml",
            ".hadolint/hadolint.yml",
            "hadolint/config.yaml",
            "hadolint/config.yml",
            ".hadolint.yaml",
            ".hadolint.yml",
        ] {
            candidates.push(h.join(p));
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

pub(crate) fn load_config(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let c = Config::from_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(f) = &c.format {
        check_format(f).map_err(|e| format!("{}: `format`: {e}", path.display()))?;
    }
    Ok(c)
}

/// `-V`: the configuration in force and where it came from, on standard error.
fn describe(config: &Config, file: Option<&Path>) -> String {
    let list = |items: &[String]| if items.is_empty() { "none".to_string() } else { items.join(", ") };
    let mut out = format!(
        "shipshape: configuration file: {}\n",
        file.map_or("none found".to_string(), |p| p.display().to_string())
    );
    out.push_str(&format!("shipshape: ignored: {}\n", list(&config.ignored)));
    for sev in [Severity::Error, Severity::Warning, Severity::Info, Severity::Style] {
        let codes: Vec<String> =
            config.overrides.iter().filter(|(_, s)| *s == sev).map(|(c, _)| c.clone()).collect();
        out.push_str(&format!("shipshape: override {}: {}\n", sev.as_str(), list(&codes)));
    }
    out.push_str(&format!("shipshape: trusted registries: {}\n", list(&config.trusted_registries)));
    let labels: Vec<String> =
        config.label_schema.iter().map(|(n, t)| format!("{n}:{}", t.as_str())).collect();
    out.push_str(&format!(
        "shipshape: label schema: {}{}\n",
        list(&labels),
        if config.strict_labels { " (strict)" } else { "" }
    ));
    // Names only: a value may be a token taken from the environment, and this goes to CI logs.
    let args: Vec<String> = config.build_args.iter().map(|(n, _)| n.clone()).collect();
    out.push_str(&format!("shipshape: build arguments: {}\n", list(&args)));
    let threshold = config.failure_threshold.as_str();
    out.push_str(&format!(
        "shipshape: failure threshold: {threshold}{}; ignore pragmas {}; format {}\n",
        if config.no_fail { " (no-fail: always exit 0)" } else { "" },
        if config.disable_ignore_pragma { "off" } else { "on" },
        config.format.as_deref().unwrap_or("tty"),
    ));
    out
}

pub fn run(args: &[String]) -> ExitCode {
    let opts = match parse_args(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            print!("{}", crate::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => return usage_error(&e),
    };
    let config_path = opts.config_file.as_deref().map(PathBuf::from).or_else(|| find_config(Path::new("")));
    let mut config = match &config_path {
        Some(path) => match load_config(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("shipshape: {e}");
                return ExitCode::from(2);
            }
        },
        None => Config::default(),
    };
    // The sources in hadolint's order: the file, then the environment, then the command line.
    let env = match env_config(|name| std::env::var(name).ok()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("shipshape: {e}");
            return ExitCode::from(2);
        }
    };
    let env_verbose = env.verbose;
    env.lay_on(&mut config);
    config.merge(opts.cli.clone());
    if let Some(t) = opts.threshold {
        config.failure_threshold = t;
    }
    let format = config.format.as_deref().and_then(Format::parse).unwrap_or(Format::Tty);
    if opts.verbose || env_verbose {
        eprint!("{}", describe(&config, config_path.as_deref()));
    }

    let mut inputs = Vec::new();
    let mut unreadable = false;
    if opts.mode == Mode::Fix && opts.files.iter().filter(|f| *f == "-").count() > 0 && opts.files.len() > 1 {
        return usage_error("--fix with standard input takes no other file");
    }
    if opts.no_paths {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            // No file given, at a terminal: say why nothing happens yet.
            eprintln!("shipshape: reading a Dockerfile from standard input (end it with Ctrl+D; shipshape --help for more)");
        }
    }
    let (files, empty) = crate::input::expand(&opts.files);
    for dir in &empty {
        eprintln!("shipshape: {dir}: no Dockerfile found in this directory");
    }
    for file in &files {
        match crate::input::read(file) {
            Ok(source) => inputs.push((file.clone(), source)),
            Err(e) => {
                eprintln!("shipshape: {e}");
                unreadable = true;
            }
        }
    }
    let fixing = (opts.mode != Mode::Check)
        .then_some(shipshape::FixOptions { unsafe_fixes: opts.unsafe_fixes, ..Default::default() });
    let mut reports = lint_all(inputs, &config, opts.jobs, fixing);
    if let Some(shown) = &opts.path_in_report {
        for r in &mut reports {
            r.shown = Some(shown.clone());
        }
    }
    let color = opts.output.is_none()
        && (opts.color
            || (!config.no_color && {
                use std::io::IsTerminal;
                std::io::stdout().is_terminal()
            }));
    // What goes to standard output, or into the -o file.
    let mut out = String::new();
    let mut status = None;
    match opts.mode {
        Mode::Check => out.push_str(&output::render(format, &reports, color)),
        Mode::Diff => {
            for r in &reports {
                let original = r.fixed.as_ref().map_or(r.source.as_str(), |f| f.original.as_str());
                // git's a/ and b/ prefixes for relative paths, the path itself otherwise.
                let (old, new) = if r.file.starts_with('/') || r.file == "-" {
                    (r.file.clone(), r.file.clone())
                } else {
                    (format!("a/{}", r.file), format!("b/{}", r.file))
                };
                out.push_str(&shipshape::diff::unified(original, &r.source, &old, &new, 3));
            }
            eprint!("{}", fix_notes(&reports, false));
            let changes = reports.iter().any(|r| r.fixed.as_ref().is_some_and(|f| f.original != r.source));
            status = Some(if changes { 1 } else { 0 });
        }
        Mode::Fix => {
            for r in &reports {
                let Some(f) = &r.fixed else { continue };
                if f.original == r.source {
                    continue;
                }
                if r.file == "-" {
                    out.push_str(&r.source);
                } else if let Err(e) = write_fixed(&r.file, &f.original, &r.source) {
                    eprintln!("shipshape: {e}");
                    unreadable = true;
                }
            }
            if !reports.iter().any(|r| r.file == "-") {
                out.push_str(&output::render(format, &reports, color));
            }
            eprint!("{}", fix_notes(&reports, true));
        }
    }
    match &opts.output {
        None => print!("{out}"),
        Some(path) => {
            if let Err(e) = std::fs::write(path, &out) {
                eprintln!("shipshape: {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }

    if unreadable {
        return ExitCode::from(2);
    }
    if let Some(code) = status {
        return ExitCode::from(code);
    }
    let failing = config.fails(reports.iter().flat_map(|r| &r.result.diagnostics).map(|d| d.severity));
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Lints the files on every core (files are independent; the engine keeps no shared
/// state), keeping the reports in the order of the files.
fn lint_all(
    inputs: Vec<(String, String)>,
    config: &Config,
    jobs: Option<usize>,
    fixing: Option<shipshape::FixOptions>,
) -> Vec<Report> {
    let lint_one = |(file, source): (String, String)| {
        let mut config = config.clone();
        config.dockerignore = dockerignore_for(&file);
        match fixing {
            None => {
                let result = shipshape::lint(&source, &config);
                Report { file, shown: None, source, result, fixed: None }
            }
            Some(opts) => {
                let fa = shipshape::fix_all(&source, &config, &opts);
                let fixed = output::Fixed { original: source, applied: fa.applied, skipped: fa.skipped };
                Report { file, shown: None, source: fa.text, result: fa.result, fixed: Some(fixed) }
            }
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = jobs.unwrap_or(cores).min(inputs.len());
    if workers <= 1 {
        return inputs.into_iter().map(lint_one).collect();
    }
    let n = inputs.len();
    let queue = std::sync::Mutex::new(inputs.into_iter().enumerate());
    let mut done: Vec<(usize, Report)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                        let Some((i, input)) = next else { break };
                        out.push((i, lint_one(input)));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    debug_assert_eq!(done.len(), n);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Writes the fixed text, unless the file changed on disk since it was read or was not
/// valid UTF-8 (the fixes were made on a lossy reading, so writing would lose bytes).
fn write_fixed(path: &str, original: &str, fixed: &str) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    match std::str::from_utf8(&now) {
        Ok(text) if text == original => {}
        Ok(_) => return Err(format!("{path}: changed while being fixed; not written")),
        Err(_) => return Err(format!("{path}: not valid UTF-8; fixes not written")),
    }
    std::fs::write(path, fixed).map_err(|e| format!("{path}: {e}"))
}

/// What goes to standard error after `--fix` or `--diff`: the summary line, then one line
/// per fix refused because it would break the build, naming the finding it would add.
fn fix_notes(reports: &[Report], done: bool) -> String {
    let mut out = format!("shipshape: {}\n", fix_summary(reports, done));
    for line in build_refusals(reports) {
        out.push_str(&format!("shipshape: {line}\n"));
    }
    out
}

/// The fixes refused because they would break the build, one line each (`Dockerfile:
/// DL3009 "…" not applied: it would break the build (SS6001 on line 4: …)`), without
/// repeats (a fix is tried again when its instruction changes, and may be refused again).
fn build_refusals(reports: &[Report]) -> Vec<String> {
    use shipshape::fix_all::SkipReason;
    let mut lines = Vec::new();
    for r in reports {
        let Some(f) = &r.fixed else { continue };
        let mut seen: Vec<&shipshape::fix_all::Skipped> = Vec::new();
        for s in f.skipped.iter().filter(|s| s.reason == SkipReason::BreaksBuild) {
            if seen.iter().any(|o| o.code == s.code && o.title == s.title && o.detail == s.detail) {
                continue;
            }
            seen.push(s);
            let what = s.detail.as_deref().map_or(String::new(), |d| format!(" ({d})"));
            lines.push(format!(
                "{}: {} \"{}\" {}{what}",
                r.shown.as_deref().unwrap_or(&r.file),
                s.code,
                s.title,
                s.reason.as_str()
            ));
        }
    }
    lines
}

/// One line on what the fixes did (or would do), and what was left out.
fn fix_summary(reports: &[Report], done: bool) -> String {
    use shipshape::fix_all::SkipReason;
    let fixed: Vec<&output::Fixed> = reports.iter().filter_map(|r| r.fixed.as_ref()).collect();
    let applied: usize = fixed.iter().map(|f| f.applied.len()).sum();
    let files = reports.iter().filter(|r| r.fixed.as_ref().is_some_and(|f| f.original != r.source)).count();
    let count = |reason: SkipReason| -> usize {
        fixed.iter().flat_map(|f| &f.skipped).filter(|s| s.reason == reason).count()
    };
    let plural =
        |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let mut line = format!(
        "{} {} in {}",
        if done { "fixed" } else { "would fix" },
        plural(applied, "finding", "findings"),
        plural(files, "file", "files")
    );
    let mut notes = Vec::new();
    let unsafe_left = count(SkipReason::Unsafe);
    if unsafe_left > 0 {
        notes.push(format!("{} with --unsafe-fixes", plural(unsafe_left, "more", "more")));
    }
    let display = count(SkipReason::DisplayOnly);
    if display > 0 {
        notes.push(format!("{} to review by hand", plural(display, "suggestion", "suggestions")));
    }
    let broken = count(SkipReason::BreaksParse) + count(SkipReason::Malformed);
    if broken > 0 {
        notes.push(format!(
            "{} not applied because the result would not parse",
            plural(broken, "fix", "fixes")
        ));
    }
    let breaking = build_refusals(reports).len();
    if breaking > 0 {
        let they = if breaking == 1 { "it" } else { "they" };
        notes.push(format!(
            "{} not applied because {they} would break the build",
            plural(breaking, "fix", "fixes")
        ));
    }
    if count(SkipReason::RoundLimit) > 0 {
        notes.push("some fixes left after the round limit: run again".into());
    }
    if !notes.is_empty() {
        line.push_str(" (");
        line.push_str(&notes.join("; "));
        line.push(')');
    }
    line
}

/// The build context's ignore patterns for a Dockerfile, as BuildKit finds them:
/// `<Dockerfile>.dockerignore` next to it, else `.dockerignore` in its directory (taken as
/// the context). Comments and blank lines are dropped.
pub(crate) fn dockerignore_for(file: &str) -> Option<Vec<String>> {
    if file == "-" {
        return None;
    }
    let path = Path::new(file);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let own = path.file_name().map(|n| dir.join(format!("{}.dockerignore", n.to_string_lossy())));
    let text = own
        .iter()
        .chain(std::iter::once(&dir.join(".dockerignore")))
        .find_map(|p| std::fs::read_to_string(p).ok())?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

/// `shipshape explain CODE`: a rule's documentation.
pub fn explain(args: &[String]) -> ExitCode {
    let [code] = args else { return usage_error("usage: shipshape explain CODE") };
    match shipshape::rules::find_meta(code) {
        Some(meta) => {
            print!("{}", shipshape::rules::doc::markdown(meta));
            ExitCode::SUCCESS
        }
        None => match shipshape::lessons::lesson(code) {
            Some(l) => {
                let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let try_it = l.try_it.split_whitespace().collect::<Vec<_>>().join(" ");
                print!(
                    "# Lesson: {}\n\n{text}\n\n## Start from\n\n```dockerfile\n{}```\n\n## Try it\n\n{try_it}\n\n```dockerfile\n{}```\n",
                    l.title, l.start, l.done
                );
                if !l.done_when_quiet.is_empty() {
                    println!("\nDone when these rules no longer fire: {}", l.done_when_quiet.join(", "));
                }
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = shipshape::lessons::LESSONS.iter().map(|l| l.id).collect();
                eprintln!(
                    "shipshape: no rule or lesson is called `{code}` (shipshape rules lists the rules; lessons: {})",
                    ids.join(", ")
                );
                ExitCode::from(2)
            }
        },
    }
}

/// Writes `README.md`, one page per rule and `rule-docs.json` (for the playground) into `dir`.
fn write_docs(dir: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let metas = all_metas();
    let write = |name: String, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("README.md".into(), shipshape::rules::doc::index(metas))?;
    for m in metas {
        write(format!("{}.md", m.code), shipshape::rules::doc::markdown(m))?;
    }
    // The playground's copy of the texts (its wasm leaves them out): code → summary, why, bad, good.
    let docs: serde_json::Map<String, serde_json::Value> = metas
        .iter()
        .map(|m| {
            let why = m.docs.why.split_whitespace().collect::<Vec<_>>().join(" ");
            let doc = serde_json::json!({ "summary": m.summary, "why": why, "bad": m.docs.bad, "good": m.docs.good });
            (m.code.to_string(), doc)
        })
        .collect();
    // The lessons' texts too (the learning mode reads them from here).
    let lessons: serde_json::Map<String, serde_json::Value> = shipshape::lessons::LESSONS
        .iter()
        .map(|l| {
            let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let try_it = l.try_it.split_whitespace().collect::<Vec<_>>().join(" ");
            let lesson =
                serde_json::json!({ "text": text, "try_it": try_it, "start": l.start, "done": l.done });
            (l.id.to_string(), lesson)
        })
        .collect();
    let all = serde_json::json!({ "rules": docs, "lessons": lessons });
    write("rule-docs.json".into(), serde_json::to_string(&all).expect("plain values") + "\n")?;
    Ok(metas.len())
}

pub fn rules(args: &[String]) -> ExitCode {
    if let [flag, dir] = args {
        if flag == "--write-docs" {
            return match write_docs(Path::new(dir)) {
                Ok(n) => {
                    println!("wrote {n} rule pages and an index into {dir}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("shipshape: {e}");
                    ExitCode::from(2)
                }
            };
        }
    }
    let json = match args {
        [] => false,
        [f, v] if f == "--format" && v == "json" => true,
        [f, v] if f == "--format" && v == "text" => false,
        [f] if f == "--format=json" => true,
        [f] if f == "--format=text" => false,
        _ => return usage_error("usage: shipshape rules [--format text|json] | --write-docs DIR"),
    };
    let metas = all_metas();
    if json {
        let list = shipshape::report::rules();
        println!("{}", serde_json::to_string_pretty(&list).expect("plain values"));
    } else {
        let width = metas.iter().map(|m| m.code.len()).max().unwrap_or(8);
        println!(
            "{:<width$}  {:<8} {:<9} {:<9} {:<34} SUMMARY (ALSO KNOWN AS)",
            "CODE", "SEVERITY", "ORIGIN", "FIX", "NAME"
        );
        for m in metas {
            let also =
                if m.aliases.is_empty() { String::new() } else { format!(" ({})", m.aliases.join(", ")) };
            println!(
                "{:<width$}  {:<8} {:<9} {:<9} {:<34} {}{also}",
                m.code,
                m.severity.map_or("off", |s| s.as_str()),
                m.origin.as_str(),
                shipshape::report::fix_word(m.fix),
                m.name,
                m.summary
            );
        }
        let with = |f| metas.iter().filter(|m| m.fix == f).count();
        let (always, sometimes) = (
            with(shipshape::rules::FixAvailability::Always),
            with(shipshape::rules::FixAvailability::Sometimes),
        );
        println!(
            "{} rules, {} with a fix ({always} always, {sometimes} in some cases)",
            metas.len(),
            always + sometimes
        );
    }
    ExitCode::SUCCESS
}
