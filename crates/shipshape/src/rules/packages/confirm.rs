//! One implementation for the rules "X installs without answering yes" (DL3014 apt-get,
//! DL3030 yum, DL3034 zypper, DL3038 dnf): a call that asks a question the build cannot
//! answer. They differ only in the calls they read, the options that answer, and where the
//! fix writes its option. They read the command model, so options count wherever they are
//! written.

use crate::analysis::commands::{Manager, PackageCall};
use crate::rules::prelude::*;

/// Where the fix writes the option.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// After the subcommand: `yum install -y`.
    Verb,
    /// After the program, valid for every subcommand: `zypper --non-interactive install`.
    Program,
}

/// What one of these rules reads and says.
pub(crate) struct Confirm {
    pub manager: Manager,
    /// Whether the call's program (by base name) is one the rule reads.
    pub program: fn(&str) -> bool,
    /// The subcommands that ask.
    pub verbs: &'static [&'static str],
    /// The options that answer yes (without dashes).
    pub yes: &'static [&'static str],
    /// The option the fix writes, and where.
    pub fix: (&'static str, After),
    /// The help, with `{p}` for the program and `{v}` for the subcommand.
    pub help: &'static str,
}

/// Reports the calls of the current RUN that would wait for an answer.
pub(crate) fn check(cx: &mut Cx, spec: &Confirm) {
    let Some((script, calls, exec)) = cx.package_calls() else { return };
    let found: Vec<(&ShWord, &PackageCall)> = calls
        .iter()
        .filter(|c| c.manager == spec.manager && (spec.program)(&c.program) && !c.has_flag(spec.yes))
        .filter(|c| c.verb_text.as_deref().is_some_and(|v| spec.verbs.contains(&v)))
        .filter_map(|c| Some((c.word(script, c.verb?), c)))
        .collect();
    for (verb, call) in found {
        let (option, after) = spec.fix;
        let at = match after {
            After::Verb => verb,
            After::Program => call.word(script, call.program_word),
        };
        let edit = crate::edits::add_arg_after(cx.source, exec, at, option);
        let (program, sub) = (call.program.as_str(), verb.text());
        cx.report(verb.span, format!("Use `-y` so that `{program} {sub}` does not wait for an answer"))
            .with_help(spec.help.replace("{p}", program).replace("{v}", sub))
            .with_fix(Fix::safe(format!("Add `{option}`"), vec![edit]));
    }
}
