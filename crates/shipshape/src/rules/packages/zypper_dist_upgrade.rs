//! DL3035: `zypper dist-upgrade` in a RUN.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

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
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, cx.analysis.exec_command(cx.index), instr);
        let spans: Vec<(Span, String)> = cmds
            .iter()
            .filter(|c| pkg::is(c, "zypper"))
            .filter_map(|c| pkg::first_arg(c, &["dist-upgrade", "dup"]))
            .map(|w| (w.span, pkg::text(w).into_owned()))
            .collect();
        for (span, sub) in spans {
            cx.report(
                span,
                format!("Do not use `zypper {sub}`: it upgrades the whole distribution at build time"),
            )
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
