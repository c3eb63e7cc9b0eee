//! What describes a rule apart from its check: its code and names, default severity,
//! category, origin, whether it can fix, and its documentation.

use crate::diagnostic::Severity;

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
