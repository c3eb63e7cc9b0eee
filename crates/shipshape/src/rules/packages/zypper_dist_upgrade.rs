//! DL3035: `zypper dist-upgrade` in a RUN.

use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    ZypperDistUpgrade {
        code: "DL3035",
        name: "zypper-dist-upgrade",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Do not use `zypper dist-upgrade`",
        why: "`zypper dist-upgrade` moves the whole system to whatever the repositories offer \
              today, possibly a new distribution release. The image then depends on the day \
              of the build more than on its base image; pick a newer base image instead.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper -n patch && zypper clean\n",
    }
}

#[derive(Default)]
pub struct ZypperDistUpgrade;

impl Rule for ZypperDistUpgrade {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, calls, _)) = cx.package_calls() else { return };
        let found: Vec<&ShWord> = calls
            .iter()
            .filter(|c| c.manager == Manager::Zypper && matches!(c.verb_text.as_deref(), Some("dist-upgrade" | "dup")))
            .filter_map(|c| Some(c.word(script, c.verb?)))
            .collect();
        for w in found {
            cx.report(w.span, format!("Do not use `zypper {}`: it upgrades the whole distribution at build time", w.text()))
                .with_help("Use a newer base image, or `zypper patch` / `zypper update` for specific fixes.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper dist-upgrade -y", &["dist-upgrade"]),
    Case::fires("FROM opensuse/leap\nRUN zypper -n dup && zypper clean", &["dup"]),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n patch && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n update && zypper clean"),
    Case::quiet("FROM debian\nRUN apt-get dist-upgrade -y"),
    // A package whose name starts with `dup` is not the subcommand.
    Case::quiet("FROM opensuse/leap\nRUN zypper -n install --no-recommends dupeguru-4.3.1"),
    // The subcommand only appears in an echoed string.
    Case::quiet("FROM opensuse/leap\nRUN echo \"never run zypper dup here\" > /README"),
];
