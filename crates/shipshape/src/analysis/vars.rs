//! Build variables: the platform ARGs BuildKit defines, the global ARG defaults, and
//! expansion of variable references.

use crate::syntax::lex::{Env, Lexer, NoEnv, VarRef};
use crate::syntax::{Args, Dockerfile, Span};

/// The platform arguments BuildKit defines in the global scope, with the values they take on
/// a plain `linux/amd64` build (the variants are empty there).
pub(crate) const PLATFORM_ARGS: &[(&str, &str)] = &[
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", ""),
];

/// Whether `name` is one of BuildKit's predefined platform arguments.
pub(crate) fn is_platform_arg(name: &str) -> bool {
    PLATFORM_ARGS.iter().any(|(n, _)| *n == name)
}

/// Names that are not variables but shell parameters (`$1`, `$@`, `$?` …): BuildKit looks
/// them up like any name, but no Dockerfile means them as build variables.
pub(crate) fn is_special_name(name: &str) -> bool {
    name.chars().next().is_none_or(|c| c.is_ascii_digit() || "@*#?-$!".contains(c))
}

/// BuildKit's platform arguments for a build on `platform` (`os/arch[/variant]`); with
/// `linux/amd64` these are [`PLATFORM_ARGS`].
pub(crate) fn platform_args(platform: &str) -> Vec<(String, String)> {
    let mut parts = platform.split('/');
    let (os, arch, variant) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    PLATFORM_ARGS
        .iter()
        .map(|(name, _)| {
            let value = match name.trim_start_matches("BUILD").trim_start_matches("TARGET") {
                "PLATFORM" => platform,
                "OS" => os,
                "ARCH" => arch,
                "VARIANT" => variant,
                _ => "",
            };
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// The global scope as the FROM lines see it without any `--build-arg`: the platform
/// arguments, then each global ARG that has a default, expanded in order. `None` when a
/// default cannot be expanded (BuildKit then gives up on these checks too).
pub(crate) fn global_defaults_of(file: &Dockerfile, platform: &str) -> Option<Vec<(String, String)>> {
    let mut env = platform_args(platform);
    let lexer = Lexer::new(file.escape);
    for instr in file.global_instructions() {
        let Args::ArgDecls(decls) = &instr.args else { continue };
        for d in decls {
            if let Some(default) = &d.default {
                let value = lexer.process_word(&default.text, &env).ok()?.result;
                env.push((d.name.text.clone(), value));
            }
        }
    }
    Some(env)
}

/// The variable references BuildKit finds when it expands a heredoc body of COPY or ADD: it
/// reads the body with `\` as the escape character and without quote processing. Spans
/// point into the source.
pub(crate) fn raw_refs(body: Span, source: &str) -> Vec<(Span, VarRef)> {
    let mut lexer = Lexer::new('\\');
    lexer.skip_process_quotes = true;
    lexer.skip_unset_env = true;
    let text = body.text(source);
    let Ok(processed) = lexer.process_word(text, &NoEnv) else { return Vec::new() };
    processed
        .refs
        .into_iter()
        .map(|r| (Span::new(body.start + r.range.start as u32, body.start + r.range.end as u32), r))
        .collect()
}

/// Expands variable references in `text` with `env` (None when the text does not lex).
pub(crate) fn expand(escape: char, text: &str, env: &Vec<(String, String)>) -> Option<String> {
    Lexer::new(escape).process_word(text, env).ok().map(|p| p.result)
}

// ─── Variables in scope ─────────────────────────────────────────────────────────────────

/// How far a variable's value (or a text expanded with it) can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    /// Fixed by the Dockerfile (an ENV, an undeclared name) or given as a build argument.
    Known,
    /// An ARG default (or a platform argument) that a build argument can change.
    Overridable,
    /// Not known here: set by the base image, or made by a command.
    Unknown,
}

/// Where a variable's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `ARG NAME[=default]`: the instruction's index and the declaration's span.
    Arg { instruction: usize, span: Span },
    /// `ENV NAME=value`.
    Env { instruction: usize, span: Span },
    /// A build argument given to the build (`--build-arg NAME=VALUE`).
    BuildArg,
    /// One of BuildKit's platform arguments (TARGETARCH …), for a `linux/amd64` build
    /// unless the build says otherwise.
    Platform,
}

/// A variable in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub name: String,
    /// `None`: declared (an ARG without default or build argument) but unset.
    pub value: Option<String>,
    pub certainty: Certainty,
    pub origin: Origin,
}

/// The variables in scope at one instruction (later bindings win).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    pub bindings: Vec<Binding>,
    /// Whether a name nobody declared may still have a value (the base image's
    /// environment, which is not known here). False in the global scope and in stages
    /// built FROM scratch.
    pub open: bool,
}

impl Scope {
    /// The binding a name has here.
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().rev().find(|b| b.name == name)
    }

    pub(crate) fn set(&mut self, binding: Binding) {
        self.bindings.retain(|b| b.name != binding.name);
        self.bindings.push(binding);
    }

    /// Expands the variable references of `text` as BuildKit does (`$X`, `${X:-d}` …), and
    /// says where the result comes from. None when the text does not lex.
    pub fn resolve(&self, text: &str, escape: char) -> Option<Resolved> {
        let lexer = Lexer::new(escape);
        let p = lexer.process_word(text, self).ok()?;
        let mut used = Vec::new();
        let mut certainty = Certainty::Known;
        for r in &p.refs {
            match self.get(&r.name) {
                Some(b) => {
                    certainty = certainty.max(b.certainty);
                    if !used.iter().any(|u: &Binding| u.name == b.name) {
                        used.push(b.clone());
                    }
                }
                None if self.open && !is_special_name(&r.name) => certainty = Certainty::Unknown,
                None => {}
            }
        }
        if text.contains(['`']) || p.refs.iter().any(|r| r.name.is_empty()) {
            certainty = Certainty::Unknown;
        }
        Some(Resolved { value: p.result, certainty, used })
    }
}

impl Env for Scope {
    fn get(&self, name: &str) -> Option<&str> {
        Scope::get(self, name).and_then(|b| b.value.as_deref())
    }
}

/// A text with its variables expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub value: String,
    /// The least certain of the variables it used.
    pub certainty: Certainty,
    /// The variables it used, in order of first use.
    pub used: Vec<Binding>,
}

impl Resolved {
    /// Whether every variable it used has a value here (an ARG without default and without
    /// build argument has none: the build must give one).
    pub fn complete(&self) -> bool {
        self.certainty != Certainty::Unknown && self.used.iter().all(|b| b.value.is_some())
    }

    /// Whether the text used any variable.
    pub fn uses_variables(&self) -> bool {
        !self.used.is_empty()
    }

    /// "from ARG PKGS on line 3, which a build argument can change": where the value
    /// comes from, for messages. `line` gives an instruction's 1-based line. Empty when no
    /// variable was used.
    pub fn provenance(&self, line: impl Fn(usize) -> usize) -> String {
        let parts: Vec<String> = self
            .used
            .iter()
            .map(|b| match &b.origin {
                Origin::Arg { instruction, .. } => format!("ARG {} on line {}", b.name, line(*instruction)),
                Origin::Env { instruction, .. } => format!("ENV {} on line {}", b.name, line(*instruction)),
                Origin::BuildArg => format!("the build argument {}", b.name),
                Origin::Platform => format!("the platform argument {}", b.name),
            })
            .collect();
        if parts.is_empty() {
            return String::new();
        }
        let mut s = format!("from {}", parts.join(" and "));
        match self.certainty {
            Certainty::Overridable => s.push_str(", which a build argument can change"),
            Certainty::Unknown => s.push_str(", partly unknown here"),
            Certainty::Known => {}
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_args_follow_the_platform() {
        let amd64 = platform_args("linux/amd64");
        let table: Vec<(String, String)> =
            PLATFORM_ARGS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(amd64, table);
        let arm = platform_args("linux/arm64/v8");
        assert!(arm.contains(&("TARGETARCH".into(), "arm64".into())));
        assert!(arm.contains(&("BUILDVARIANT".into(), "v8".into())));
        assert!(arm.contains(&("TARGETPLATFORM".into(), "linux/arm64/v8".into())));
    }
}
