//! The npm package `shipshape`: the engine as a JavaScript API.
//!
//! `lint`, `fix`, `estimate`, `rules` and `explain` take plain values and return plain,
//! serialisable objects (through serde-wasm-bindgen), with the fields of the CLI's JSON
//! (`shipshape::report`). Positions are 1-based lines and columns (characters, as
//! hadolint counts them), columns in UTF-16 code units (`column_utf16`,
//! `end_column_utf16`: what JavaScript strings index by), and byte offsets (`start`, `end`).
//!
//! Bad options are an `Error` that says which option and why (an unknown option name
//! included, so a typo does not pass silently). A Dockerfile never is: a line that does
//! not parse is one finding and the rest is still linted.
//!
//! The TypeScript types below are written by hand and checked against the results by the
//! package's test (`tests/npm/run.mjs`).

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use shipshape::config::Config;
use shipshape::report::{self, Finding};
use shipshape::size::{self, Debian, SizeOptions};
use shipshape::{FixOptions, Severity};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A severity, from the most to the least serious. */
export type Level = "error" | "warning" | "info" | "style";

/** Options shared by `lint`, `fix` and `estimate`. Every field is optional. */
export interface Options {
  /** The name findings are reported under (`file`); default "Dockerfile". */
  file?: string;
  /** A `.hadolint.yaml`, as text: `ignored`, `override`, `trustedRegistries`,
   *  `label-schema`, `strict-labels`, `failure-threshold`, `no-fail`. */
  config?: string;
  /** Rules to turn off: codes (DL3008), BuildKit names or rule names. */
  ignore?: string[];
  /** A severity per rule, or "off"; this also turns on rules that are off by default. */
  rules?: Record<string, Level | "off">;
  /** Registries images may come from (DL3026); globs such as `*.gcr.io` are allowed. */
  trustedRegistries?: string[];
  /** The least serious level that makes `fails` true: a level, or "none"; default "info". */
  failureThreshold?: Level | "none";
  /** Build arguments, as `docker build --build-arg NAME=VALUE` gives them: the values of
   *  declared ARGs (`{ PKGS: "git" }`). An ARG without one keeps its default. */
  buildArgs?: Record<string, string>;
}

/** Options of `fix`. */
export interface FixOptions extends Options {
  /** Also apply the unsafe fixes (those that can change what the image does). */
  unsafe?: boolean;
}

/** Options of `estimate`. */
export interface EstimateOptions extends Options {
  /** "linux/amd64" (default) or "linux/arm64"; a FROM --platform wins. */
  platform?: string;
  /** Bytes a `COPY . .` brings from the build context (default 5 MB). */
  contextBytes?: number;
  /** Bytes `pip install -r requirements.txt` installs when the file is not known (default 60 MB). */
  requirementsBytes?: number;
  /** The stage to build (`docker build --target`); default the last one. */
  target?: string;
}

/** One edit of a fix: replace the bytes `start..end` (lines and columns as for findings) with `text`. */
export interface Edit {
  column: number; end: number; end_column: number; end_line: number; line: number; start: number; text: string;
}

/** The fix a finding offers. */
export interface Fix {
  applicability: "safe" | "unsafe" | "display-only";
  edits: Edit[];
  title: string;
}

/** One finding, with hadolint's JSON fields and exact positions. */
export interface Finding {
  code: string;
  /** 1-based, in characters. */
  column: number;
  /** 1-based, in UTF-16 code units. */
  column_utf16: number;
  /** Byte offset just past the finding (UTF-8). */
  end: number;
  end_column: number;
  end_column_utf16: number;
  end_line: number;
  file: string;
  fix: Fix | null;
  /** The first line of the instruction the finding is in. */
  instruction_line: number;
  level: Level;
  line: number;
  message: string;
  name: string;
  /** Byte offset of the first character (UTF-8). */
  start: number;
}

/** What `lint` returns. */
export interface LintResult {
  findings: Finding[];
  /** Whether `shipshape check` would fail with these options (the failure threshold). */
  fails: boolean;
  instructions: number;
  stages: number;
  /** Findings hidden by pragmas (`# hadolint ignore=`) and options. */
  suppressed: number;
}

/** A fix `fix` did not apply, and why. */
export interface SkippedFix {
  applicability: "safe" | "unsafe" | "display-only";
  code: string;
  /** For a fix refused because it would break the build: the finding it would add, as
   *  "SS6001 on line 4: `apt-get install` finds no package: …" (the line in the text the
   *  fix was tried on); otherwise null. */
  detail: string | null;
  /** Why, in words: "unsafe: needs --unsafe-fixes", "display only: a suggestion to review",
   *  "not applied: it would break the build", "not applied: the result would not parse",
   *  "not applied: the fix's edits are invalid" or "not applied: fix-all stopped after its
   *  round limit". */
  reason: string;
  title: string;
}

/** What `fix` returns: the fixed text, what was applied and what was not, and the findings left. */
export interface FixResult {
  applied: { applicability: string; code: string; round: number; title: string }[];
  changed: boolean;
  findings: Finding[];
  output: string;
  skipped: SkippedFix[];
}

/** Sizes in bytes: a range and its expected value. */
export interface Range { low_bytes: number; expected_bytes: number; high_bytes: number }

export interface Layer extends Range {
  compressed_expected_bytes: number; instruction: string; line: number; reasons: string[]; summary: string;
}

export interface Stage extends Range {
  base: Range & { compressed_expected_bytes: number; from_stage: number | null; image: string; match: string; reasons: string[] };
  compressed_expected_bytes: number;
  final: boolean;
  layers: Layer[];
  line: number;
  name: string;
}

export interface Image extends Range {
  /** What the estimate had to assume, in words. */
  assumptions: string[];
  compressed_expected_bytes: number;
  stages: Stage[];
}

/** What `estimate` returns: the image before and after the size fixes, and what each fix saves. */
export interface Estimate {
  after: Image;
  applied_fixes: { code: string; title: string }[];
  before: Image;
  savings: (Range & { code: string; column: number; line: number; title: string })[];
  savings_left_out: number;
}

/** A highlighted piece of the source: a byte range (UTF-8) and its class. */
export interface Token {
  start: number;
  end: number;
  class: "keyword" | "unknown" | "flag" | "string" | "variable" | "comment" | "directive" | "heredoc" | "heredoc-marker" | "continuation";
}

/** A rule and its documentation. */
export interface Rule {
  aliases: string[];
  category: string;
  code: string;
  docs: { bad: string; good: string; why: string };
  fixable: "always" | "sometimes" | "never";
  name: string;
  onbuild: boolean;
  origin: string;
  severity: Level | "off";
  summary: string;
  upstream: string;
}
"#;

// The options as their TypeScript types (an optional last argument in the signatures).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Options")]
    pub type LintOptionsArg;
    #[wasm_bindgen(typescript_type = "FixOptions")]
    pub type FixOptionsArg;
    #[wasm_bindgen(typescript_type = "EstimateOptions")]
    pub type EstimateOptionsArg;
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Options {
    file: Option<String>,
    config: Option<String>,
    ignore: Vec<String>,
    rules: BTreeMap<String, String>,
    trusted_registries: Vec<String>,
    failure_threshold: Option<String>,
    /// Optional so that `buildArgs: undefined` (or null) reads as none.
    build_args: Option<BTreeMap<String, String>>,
    #[serde(rename = "unsafe")]
    unsafe_fixes: bool,
    platform: Option<String>,
    context_bytes: Option<u64>,
    requirements_bytes: Option<u64>,
    target: Option<String>,
}

/// The option names, for the error on an unknown one (serde-wasm-bindgen only looks up
/// the fields it knows, so `deny_unknown_fields` alone would let a typo pass).
const OPTION_NAMES: &[&str] = &[
    "file",
    "config",
    "ignore",
    "rules",
    "trustedRegistries",
    "failureThreshold",
    "buildArgs",
    "unsafe",
    "platform",
    "contextBytes",
    "requirementsBytes",
    "target",
];

fn options(value: Option<JsValue>) -> Result<Options, JsError> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Options::default());
    };
    let bad = |what: String| JsError::new(&format!("shipshape: bad options: {what}"));
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Err(bad("expected an object".into()));
    };
    for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(bad(format!("unknown option `{key}` (the options are {})", OPTION_NAMES.join(", "))));
        }
    }
    // `buildArgs` checked here, to name the entry that is wrong.
    let args = js_sys::Reflect::get(object, &JsValue::from_str("buildArgs")).unwrap_or(JsValue::UNDEFINED);
    if !args.is_undefined() && !args.is_null() {
        let entries = args
            .dyn_ref::<js_sys::Object>()
            .filter(|_| !js_sys::Array::is_array(&args))
            .map(js_sys::Object::entries)
            .ok_or_else(|| bad("buildArgs: expected an object such as { PKGS: \"git\" }".into()))?;
        for entry in entries.iter() {
            let entry = js_sys::Array::from(&entry);
            let name = entry.get(0).as_string().unwrap_or_default();
            if name.trim().is_empty() {
                return Err(bad("buildArgs: a build argument needs a name, as in { PKGS: \"git\" }".into()));
            }
            if !entry.get(1).is_string() {
                return Err(bad(format!("buildArgs.{name}: expected a string")));
            }
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| bad(e.to_string()))
}

impl Options {
    fn file(&self) -> &str {
        self.file.as_deref().unwrap_or("Dockerfile")
    }

    fn config(&self) -> Result<Config, JsError> {
        let bad = |what: String| JsError::new(&format!("shipshape: bad options: {what}"));
        let mut config = match &self.config {
            Some(yaml) => Config::from_yaml(yaml).map_err(|e| bad(format!("config: {e}")))?,
            None => Config::default(),
        };
        config.ignored.extend(self.ignore.iter().cloned());
        for (rule, level) in &self.rules {
            if level == "off" {
                config.ignored.push(rule.clone());
            } else {
                let severity = Severity::parse(level).ok_or_else(|| {
                    bad(format!("rules.{rule}: `{level}` is not error, warning, info, style or off"))
                })?;
                config.overrides.push((rule.clone(), severity));
            }
        }
        config.trusted_registries.extend(self.trusted_registries.iter().cloned());
        config.build_args.extend(self.build_args.iter().flatten().map(|(n, v)| (n.clone(), v.clone())));
        if let Some(t) = &self.failure_threshold {
            config.failure_threshold = Config::parse_threshold(t).ok_or_else(|| {
                bad(format!("failureThreshold: `{t}` is not error, warning, info, style or none"))
            })?;
        }
        Ok(config)
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("shipshape: {e}")))
}

#[derive(Serialize)]
struct LintOut {
    findings: Vec<Finding>,
    fails: bool,
    instructions: usize,
    stages: usize,
    suppressed: usize,
}

/// Lints a Dockerfile: every finding, with its position and its fix when it has one.
#[wasm_bindgen(unchecked_return_type = "LintResult")]
pub fn lint(source: &str, options: Option<LintOptionsArg>) -> Result<JsValue, JsError> {
    let options = self::options(options.map(JsValue::from))?;
    let config = options.config()?;
    let result = shipshape::lint(source, &config);
    let findings = report::findings(options.file(), source, &result);
    let fails = config.fails(result.diagnostics.iter().map(|d| d.severity));
    let file = &result.parse.file;
    to_js(&LintOut {
        fails,
        instructions: file.instructions.len(),
        stages: file.stages.len(),
        suppressed: result.suppressed,
        findings,
    })
}

/// A fix fix-all did not apply: the CLI's fields, and `detail`, the finding a fix refused
/// as breaking the build would add.
#[derive(Serialize)]
struct SkippedOut {
    applicability: &'static str,
    code: &'static str,
    detail: Option<String>,
    reason: &'static str,
    title: String,
}

#[derive(Serialize)]
struct FixOut {
    applied: Vec<report::AppliedOut>,
    changed: bool,
    findings: Vec<Finding>,
    output: String,
    skipped: Vec<SkippedOut>,
}

/// Applies the fixes, round after round until nothing changes: the safe ones, and the
/// unsafe ones too with `{ unsafe: true }`. A fix that would break the parse or the build
/// (a new finding of error severity) is skipped, with the reason and the finding.
#[wasm_bindgen(unchecked_return_type = "FixResult")]
pub fn fix(source: &str, options: Option<FixOptionsArg>) -> Result<JsValue, JsError> {
    let options = self::options(options.map(JsValue::from))?;
    let config = options.config()?;
    let fixed = shipshape::fix_all(
        source,
        &config,
        &FixOptions { unsafe_fixes: options.unsafe_fixes, ..Default::default() },
    );
    // The CLI's fields, with `detail` added to each skipped fix.
    let report::FixOutcome { applied, changed, findings, output, skipped: _ } =
        report::fix_outcome(options.file(), source, &fixed);
    let skipped = fixed
        .skipped
        .iter()
        .map(|s| SkippedOut {
            applicability: s.applicability.as_str(),
            code: s.code,
            detail: s.detail.clone(),
            reason: s.reason.as_str(),
            title: s.title.clone(),
        })
        .collect();
    to_js(&FixOut { applied, changed, findings, output, skipped })
}

thread_local! {
    static DEBIAN: RefCell<Option<Debian>> = const { RefCell::new(None) };
}

/// Gives `estimate` the Debian bookworm package table (the text of
/// `debian-bookworm.tsv.gz` in this package, unzipped), for the sizes of `apt-get install`.
/// Without it those packages are sized by a rough rule, and the estimate says so.
#[wasm_bindgen(js_name = setDebianTable)]
pub fn set_debian_table(text: String) {
    DEBIAN.with(|d| *d.borrow_mut() = Some(Debian::from_text(text)));
}

/// Estimates the image size before and after the size fixes, as ranges with their reasons.
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn estimate(source: &str, options: Option<EstimateOptionsArg>) -> Result<JsValue, JsError> {
    let options = self::options(options.map(JsValue::from))?;
    let config = options.config()?;
    let mut opts = SizeOptions {
        platform: options.platform.clone(),
        target: options.target.clone(),
        ..Default::default()
    };
    if let Some(n) = options.context_bytes {
        opts.context_bytes = n.min(size::MAX_ASSUMPTION_BYTES);
    }
    if let Some(n) = options.requirements_bytes {
        opts.requirements_bytes = n.min(size::MAX_ASSUMPTION_BYTES);
    }
    let out = DEBIAN.with(|d| {
        let table = d.borrow();
        let report = size::report(source, &config, table.as_ref(), &opts);
        report::size(&report, source)
    });
    to_js(&out)
}

#[derive(Serialize)]
struct TokenOut {
    start: u32,
    end: u32,
    class: &'static str,
}

/// The syntax highlighting of a Dockerfile: byte ranges with their class, sorted and not
/// overlapping (what the playground colours its editor with).
#[wasm_bindgen(unchecked_return_type = "Token[]")]
pub fn tokens(source: &str) -> Result<JsValue, JsError> {
    let parse = shipshape::parse(source);
    let list: Vec<TokenOut> = shipshape::syntax::highlight::tokens(source, &parse.file)
        .into_iter()
        .map(|t| TokenOut { start: t.start, end: t.end, class: t.kind.class() })
        .collect();
    to_js(&list)
}

/// Every rule with its metadata and documentation.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&report::rules())
}

/// A rule's documentation as Markdown (by code, BuildKit name or rule name), or a
/// lesson's; `undefined` when nothing has that name.
#[wasm_bindgen(unchecked_return_type = "string | undefined")]
pub fn explain(code: &str) -> JsValue {
    match shipshape::rules::find_meta(code) {
        Some(meta) => JsValue::from_str(&shipshape::rules::doc::markdown(meta)),
        None => JsValue::UNDEFINED,
    }
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
