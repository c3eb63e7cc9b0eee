//! DL3034: `zypper install` without a non-interactive switch.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3034",
    name: "zypper-missing-yes",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Non-interactive switch missing from `zypper` command: `zypper install -y`",
    docs: Docs {
        why: "zypper asks for confirmation before it installs, removes or patches anything. \
              A build has no one to answer, so without `-y` (or `--non-interactive`) the \
              command stops and the build fails.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let spans: Vec<(Span, String)> = cmds
            .iter()
            .filter(|c| {
                pkg::is(c, "zypper") && !pkg::has_flag(c, &["no-confirm", "y", "non-interactive", "n"])
            })
            .filter_map(|c| {
                pkg::first_arg(c, &["install", "in", "remove", "rm", "source-install", "si", "patch"])
            })
            .map(|w| (w.span, pkg::text(w).into_owned()))
            .collect();
        for (span, sub) in spans {
            cx.report(span, format!("Use `-y` so that `zypper {sub}` does not wait for an answer"))
                .with_help(format!("Write `zypper {sub} -y …` or `zypper --non-interactive {sub} …`."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper install curl=8.6.0 && zypper clean", &["install"]),
    Case::fires("FROM opensuse/leap\nRUN zypper rm vim && zypper patch", &["rm", "patch"]),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper --non-interactive in curl=8.6.0 && zypper -n remove vim"),
    Case::quiet("FROM opensuse/leap\nRUN zypper install --no-confirm curl=8.6.0 && zypper refresh"),
    // `-n` inside a group of short flags.
    Case::quiet("FROM opensuse/leap\nRUN zypper -qn install curl=8.6.0"),
    // Read-only subcommands that only look like `patch`.
    Case::quiet("FROM opensuse/leap\nRUN zypper list-patches && zypper lu"),
];
