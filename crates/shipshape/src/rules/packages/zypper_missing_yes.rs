//! DL3034: `zypper install` without a non-interactive switch.

use super::confirm::{self, After, Confirm};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    ZypperMissingYes {
        code: "DL3034",
        name: "zypper-missing-yes",
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "Non-interactive switch missing from `zypper` command: `zypper install -y`",
        why: "zypper asks for confirmation before it installs, removes or patches anything. \
              A build has no one to answer, so without `-y` (or `--non-interactive`) the \
              command stops and the build fails. The fix adds the global switch \
              `--non-interactive` after `zypper`, which every subcommand accepts.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
    }
}

#[derive(Default)]
pub struct ZypperMissingYes;

impl Rule for ZypperMissingYes {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        confirm::check(cx, &SPEC);
    }
}

static SPEC: Confirm = Confirm {
    manager: Manager::Zypper,
    program: |p| p == "zypper",
    verbs: &["install", "in", "remove", "rm", "source-install", "si", "patch"],
    yes: &["no-confirm", "y", "non-interactive", "n"],
    fix: ("--non-interactive", After::Program),
    help: "Write `{p} {v} -y …` or `{p} --non-interactive {v} …`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper install curl=8.6.0 && zypper clean", &["install"])
        .fixed("FROM opensuse/leap\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean"),
    Case::fires("FROM opensuse/leap\nRUN zypper rm vim && zypper patch", &["rm", "patch"])
        .fixed("FROM opensuse/leap\nRUN zypper --non-interactive rm vim && zypper --non-interactive patch"),
    Case::fires(
        "FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper \\\n    in \\\n    curl=8.6.0",
        &["in"],
    )
    .fixed("FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper --non-interactive \\\n    in \\\n    curl=8.6.0"),
    Case::fires("# escape=`\nFROM opensuse/leap\nRUN zypper `\n    install curl=8.6.0 `\n && zypper clean", &["install"])
        .fixed("# escape=`\nFROM opensuse/leap\nRUN zypper --non-interactive `\n    install curl=8.6.0 `\n && zypper clean"),
    // Exec form: the switch becomes an item of its own.
    Case::fires("FROM opensuse/leap\nRUN [\"zypper\", \"si\", \"curl\"]", &["si"])
        .fixed("FROM opensuse/leap\nRUN [\"zypper\", \"--non-interactive\", \"si\", \"curl\"]"),
    // A flag before the subcommand, a wrapper, and a trigger.
    Case::fires("FROM opensuse/leap\nONBUILD RUN command zypper -q install curl=8.6.0", &["install"])
        .fixed("FROM opensuse/leap\nONBUILD RUN command zypper --non-interactive -q install curl=8.6.0"),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper --non-interactive in curl=8.6.0 && zypper -n remove vim"),
    Case::quiet("FROM opensuse/leap\nRUN zypper install --no-confirm curl=8.6.0 && zypper refresh"),
    // `-n` inside a group of short flags.
    Case::quiet("FROM opensuse/leap\nRUN zypper -qn install curl=8.6.0"),
    // Read-only subcommands that only look like `patch`.
    Case::quiet("FROM opensuse/leap\nRUN zypper list-patches && zypper lu"),
    Case::quiet("FROM opensuse/leap\nRUN [\"zypper\", \"--non-interactive\", \"si\", \"curl\"]"),
    Case::quiet("# escape=`\nFROM opensuse/leap\nRUN zypper -n `\n    install curl=8.6.0 `\n && zypper clean"),
    Case::quiet("FROM opensuse/leap\nONBUILD RUN command zypper --non-interactive -q install curl=8.6.0"),
    Case::quiet(
        "FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper \\\n    in -y \\\n    curl=8.6.0",
    ),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n rm vim && zypper --non-interactive patch"),
    Case::quiet("FROM opensuse/leap\nRUN echo zypper install curl=8.6.0"),
    Case::quiet("FROM opensuse/leap\nRUN zypper search curl && zypper info curl"),
];
