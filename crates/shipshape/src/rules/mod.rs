//! The rule engine's building blocks: rule metadata, diagnostics, the per-instruction
//! context, and the registry of every rule. Each rule lives in its own file
//! (`rules/dl3008.rs` …) with its metadata, its docs, its check and its tests.
//!
//! A rule never knows about suppression: pragmas and configuration are applied by the
//! linter after all rules have run.

pub(crate) mod apt;
pub mod doc;
pub(crate) mod prelude;
#[cfg(test)]
pub(crate) mod testing;

mod registry;

#[cfg(test)]
pub(crate) use registry::all_cases;
pub(crate) use registry::buildkit_common;
pub use registry::{all_metas, find_meta, new_rules};

use crate::config::Config;
pub use crate::fix::{Applicability, Edit, Fix};
use crate::shell::Script;
use crate::syntax::{Dockerfile, Instruction, Span};

/// How bad a finding is. Ordered: `Error` is the most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "style" => Some(Severity::Style),
            _ => None,
        }
    }
}

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// The build fails or does something other than intended.
    Correctness,
    /// Builds that differ from run to run (unpinned versions, moving tags).
    Reproducibility,
    /// Bigger images than needed (caches, recommends, lists).
    Size,
    /// Slower builds (cache busting, layers).
    Performance,
    /// Privileges, secrets, trust.
    Security,
    /// Habits that make a Dockerfile harder to maintain.
    Maintainability,
    /// Casing and formatting.
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Reproducibility => "reproducibility",
            Category::Size => "size",
            Category::Performance => "performance",
            Category::Security => "security",
            Category::Maintainability => "maintainability",
            Category::Style => "style",
        }
    }
}

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Hadolint,
    BuildKit,
    /// Our own rule; for the ShellCheck equivalents, the SC code is in the aliases.
    Shipshape,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Hadolint => "hadolint",
            Origin::BuildKit => "buildkit",
            Origin::Shipshape => "shipshape",
        }
    }
}

/// Whether a rule can offer a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// A rule's documentation: why it matters, and a bad and a good example (both are run as
/// tests: the bad one must fire, the good one must not).
#[derive(Debug)]
pub struct Docs {
    pub why: &'static str,
    pub bad: &'static str,
    pub good: &'static str,
}

/// Everything about a rule except its check.
#[derive(Debug)]
pub struct RuleMeta {
    /// `DL3008`, or a BuildKit name for BuildKit checks.
    pub code: &'static str,
    /// kebab-case name for configuration and docs.
    pub name: &'static str,
    /// Other codes that name this rule (a BuildKit name, an SC code …); pragmas and
    /// configuration accept them too.
    pub aliases: &'static [&'static str],
    /// `None` means off unless configuration turns it on.
    pub severity: Option<Severity>,
    pub category: Category,
    pub fix: FixAvailability,
    pub origin: Origin,
    /// Also check the trigger of `ONBUILD` instructions, as hadolint does for most rules.
    pub onbuild: bool,
    /// One line: what the rule reports.
    pub summary: &'static str,
    pub docs: Docs,
}

impl RuleMeta {
    /// The BuildKit check name of this rule: its code for a BuildKit check, or a
    /// CamelCase alias of a hadolint rule that BuildKit also checks (DL3025 is
    /// JSONArgsRecommended).
    pub fn buildkit_name(&self) -> Option<&'static str> {
        if self.origin == Origin::BuildKit {
            return Some(self.code);
        }
        self.aliases.iter().copied().find(|a| {
            let mut cs = a.chars();
            cs.next().is_some_and(|c| c.is_ascii_uppercase())
                && a.chars().any(|c| c.is_ascii_lowercase())
                && a.chars().all(|c| c.is_ascii_alphanumeric())
        })
    }

    /// Whether `code` names this rule (its code or an alias, any case).
    pub fn answers_to(&self, code: &str) -> bool {
        self.code.eq_ignore_ascii_case(code)
            || self.name.eq_ignore_ascii_case(code)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

/// A secondary span with a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Exactly the offending token.
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The change that would resolve it, if the rule can offer one.
    pub fix: Option<Fix>,
}

/// A rule: made fresh for every file, called once per instruction (in file order) and
/// once at the end. Rules keep their own cross-instruction facts and decide at the end
/// when they need the whole file; they never look ahead.
pub trait Rule {
    fn meta(&self) -> &'static RuleMeta;

    fn check(&mut self, _cx: &mut Cx, _instr: &Instruction) {}

    fn finish(&mut self, _cx: &mut Cx) {}
}

/// State of the build at the current instruction, kept by the linter.
#[derive(Clone, Debug, Default)]
pub struct StageState {
    /// Index into `Dockerfile::stages`, None before the first FROM.
    pub stage: Option<usize>,
    /// The SHELL in force, e.g. `["/bin/sh", "-c"]`.
    pub shell: Vec<String>,
    /// Names of ARGs declared in the stage (and global ARGs redeclared in it).
    pub args: Vec<String>,
    /// Names of ENV variables set in the stage (inherited from a parent stage).
    pub envs: Vec<String>,
    /// The last USER of the stage, as written.
    pub user: Option<String>,
    /// Whether a WORKDIR was set in the stage (or its parent stage).
    pub workdir: bool,
}

impl StageState {
    /// Whether the shell in force is a POSIX one (so shell rules apply).
    pub fn posix_shell(&self) -> bool {
        let Some(exe) = self.shell.first() else { return true };
        let base = exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase();
        let base = base.trim_end_matches(".exe");
        !matches!(base, "pwsh" | "powershell" | "cmd")
    }
}

/// What a rule sees while it checks one instruction.
pub struct Cx<'a> {
    pub source: &'a str,
    pub file: &'a Dockerfile,
    pub config: &'a Config,
    /// Index of the current instruction in `file.instructions`.
    pub index: usize,
    /// True while checking the trigger of an ONBUILD.
    pub onbuild: bool,
    pub state: &'a StageState,
    /// Global ARGs (before the first FROM), by name.
    pub global_args: &'a [String],
    /// Stage names seen so far (lower case), with their stage index.
    pub stage_names: &'a [(String, usize)],
    /// The parsed shell of the current RUN (shell form, POSIX shell), if any.
    pub script: Option<&'a Script>,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Reports a finding of the current rule at `span`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let severity = self.rule.severity.unwrap_or(Severity::Info);
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        span.text(self.source)
    }

    /// The current instruction (the ONBUILD itself while a trigger is checked).
    pub fn instruction(&self) -> &Instruction {
        &self.file.instructions[self.index]
    }

    /// Whether `name` is a stage defined before the current instruction.
    pub fn is_stage_name(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        self.stage_names.iter().any(|(n, _)| *n == lower)
    }
}

impl Diagnostic {
    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }
}
