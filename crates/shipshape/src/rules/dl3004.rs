//! DL3004: `sudo` inside RUN.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3004",
    name: "sudo-in-run",
    aliases: &[],
    severity: Some(Severity::Error),
    category: Category::Security,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Do not use sudo: switch users with USER, or use gosu at run time",
    docs: Docs {
        why: "`sudo` is built for interactive logins: it may ask for a password, needs a TTY or \
              a sudoers entry, changes the environment, and leaves a setuid binary in the image \
              that widens the attack surface. A build runs as root unless USER says otherwise, \
              so switch with USER, and use a tool like `gosu` in the entrypoint to drop \
              privileges when the container starts.",
        bad: "FROM debian:bookworm\nUSER 1000\nRUN sudo mkdir -p /srv/app\n",
        good: "FROM debian:bookworm\nUSER root\nRUN apt-get update\nUSER app\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let spans: Vec<Span> = script
            .commands
            .iter()
            .filter(|c| c.is("sudo"))
            .filter_map(|c| c.program())
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "Do not use `sudo` in a build").with_help(
                "Switch users with `USER root` … `USER app`, or use `gosu` when the container starts.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN sudo apt-get install -y curl", &["sudo"]),
    Case::fires("FROM debian\nRUN echo a && X=$(sudo id -u) && sudo -u app make", &["sudo", "sudo"]),
    Case::quiet("FROM debian\nRUN apt-get install -y sudo"),
    Case::quiet("FROM debian\nRUN echo sudo"),
    Case::quiet("FROM debian\nUSER root\nRUN make install"),
    Case::quiet("FROM debian\nRUN gosu app make"),
    Case::quiet(
        "FROM debian\nRUN echo \"app ALL=(ALL) NOPASSWD:ALL\" > /etc/sudoers.d/app && usermod -aG sudo app",
    ),
    Case::quiet("FROM debian\nCMD sudo -u app ./run"),
];
