//! One implementation for the rules "X installs a package without a version" (DL3008
//! apt-get, DL3013 pip, DL3016 npm, DL3018 apk, DL3028 gem, DL3033 yum, DL3037 zypper,
//! DL3041 dnf). They differ only in which calls they read, what counts as a pin, and the
//! example they give. They read the command model, so a variable's packages are judged by
//! the value it holds here (and the finding says where it comes from), and a word only
//! known at build time is judged as written.

use crate::analysis::command_words::{rpm_version_fixed, Declared};
use crate::analysis::commands::{Manager, PackageCall};
use crate::rules::prelude::*;

/// What one of these rules reads and says.
pub(crate) struct Unpinned {
    pub manager: Manager,
    /// Whether the call's program (by base name) is one the rule reads.
    pub program: fn(&str) -> bool,
    /// The subcommands that install.
    pub verbs: &'static [&'static str],
    /// Whether a package word (as written, or a name a variable holds) names a version.
    pub pinned: fn(&str) -> bool,
    /// Calls that pin their packages some other way (a requirements file, `-v`).
    pub skip: fn(&PackageCall) -> bool,
    /// `dnf module install x:stream`: module streams count (`x:14` is pinned).
    pub modules: bool,
    /// How to pin, with `{}` for the package and `{p}` for the program: `apk add {}=<version>`.
    pub example: &'static str,
    pub help: &'static str,
}

/// A call that pins nothing some other way.
pub(crate) fn no_skip(_: &PackageCall) -> bool {
    false
}

/// Reports the packages of the current RUN's calls that name no version. `declared`: the
/// rpm rules' variables declared so far (hadolint takes `pkg-$VERSION` as pinned).
pub(crate) fn check(cx: &mut Cx, spec: &Unpinned, declared: Option<&Declared>) {
    let Some((script, calls, _)) = cx.package_calls() else { return };
    let script: &Script = script;
    let mut found: Vec<(Span, &str, String, Option<String>, bool)> = Vec::new();
    for call in calls.iter().filter(|c| c.manager == spec.manager && (spec.program)(&c.program)) {
        let program = call.program.as_str();
        if (spec.skip)(call) {
            continue;
        }
        let verb = call.verb_text.as_deref().unwrap_or("");
        // `yum module install nodejs:14 php`: the operands after `install`.
        let module = spec.modules && verb == "module" && call.operand(script, 0) == Some("install");
        if module {
            for &w in &call.operands[1..] {
                let word = call.word(script, w);
                if !word.text().contains(':') {
                    found.push((word.span, program, word.text().to_string(), None, true));
                }
            }
            continue;
        }
        if !spec.verbs.contains(&verb) {
            continue;
        }
        for p in &call.packages {
            let word = call.word(script, p.word);
            if p.unknown() {
                // Only known at build time: the word as written.
                let fixed = (spec.pinned)(word.text()) || declared.is_some_and(|d| rpm_version_fixed(word, d));
                if !fixed {
                    found.push((word.span, program, word.text().to_string(), None, false));
                }
                continue;
            }
            let from = p.resolved.as_ref().map(|r| cx.provenance(r));
            for n in p.names.iter().filter(|n| !(spec.pinned)(&n.text)) {
                found.push((word.span, program, n.text.clone(), from.clone(), false));
            }
        }
    }
    for (span, program, name, from, module) in found {
        let from = from.map(|f| format!(" ({f})")).unwrap_or_default();
        let message = if module {
            format!("Pin the stream of module `{name}`: `{program} module install {name}:<stream>`")
        } else {
            let example = spec.example.replace("{p}", program).replace("{}", &name);
            format!("Pin the version of `{name}`{from}: `{example}`")
        };
        cx.report(span, message).with_help(spec.help);
    }
}
