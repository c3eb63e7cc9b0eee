//! DL3038: `dnf install` without `-y`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3038",
    name: "dnf-missing-yes",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`dnf install` without `-y` waits for an answer nobody gives",
    docs: Docs {
        why: "A build has no one to answer prompts. Without `-y`, `dnf install` (and \
              `microdnf install`) asks for confirmation, reads end-of-file and gives up, so \
              the build fails.",
        bad: "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
        good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
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
        let spans: Vec<(Span, String, String)> = cmds
            .iter()
            .filter(|c| pkg::is_any(c, &["dnf", "microdnf"]) && !pkg::has_flag(c, &["y", "assumeyes"]))
            .filter_map(|c| {
                let w = pkg::first_arg(c, &["install", "groupinstall", "localinstall"])?;
                Some((w.span, pkg::name(c)?.to_string(), pkg::text(w).into_owned()))
            })
            .collect();
        for (span, program, sub) in spans {
            cx.report(span, format!("Use `-y` so that `{program} {sub}` does not wait for an answer"))
                .with_help(format!("Write `{program} {sub} -y …`."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM fedora\nRUN dnf install httpd-2.4.62 && dnf clean all", &["install"]),
    Case::fires(
        "FROM fedora\nRUN microdnf install git-2.45.2 && dnf groupinstall 'Dev Tools'",
        &["install", "groupinstall"],
    ),
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf --assumeyes install httpd-2.4.62 && microdnf -y install git-2.45.2"),
    Case::quiet("FROM fedora\nRUN dnf upgrade && dnf clean all"),
    // `-y` inside a group of short flags.
    Case::quiet("FROM fedora\nRUN dnf -qy install httpd-2.4.62 && dnf clean all"),
    // `installed` is not the `install` subcommand.
    Case::quiet("FROM fedora\nRUN dnf list installed httpd"),
];
