//! DL3001: commands that make no sense in an image build (`ssh`, `vim`, `top` …).

use crate::rules::prelude::*;

declare_rule! {
    PointlessCommand {
        code: "DL3001",
        name: "pointless-command",
        severity: Info,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Interactive and system-management commands make no sense in a RUN",
        why: "A RUN executes once, without a terminal, in a container that has no init system \
              and no other processes. Editors (`vim`), process viewers (`ps`, `top`, `free`), \
              service managers (`service`, `shutdown`), `kill`, `mount` and remote logins \
              (`ssh`) either hang the build, fail, or do nothing useful there.",
        bad: "FROM debian:bookworm\nRUN service nginx start\n",
        good: "FROM debian:bookworm\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
    }
}

/// The programs hadolint lists.
const POINTLESS: &[&str] = &["free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"];

#[derive(Default)]
pub struct PointlessCommand;

impl Rule for PointlessCommand {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let found: Vec<(Span, String)> = script
            .commands
            .iter()
            .filter(|c| c.is_any(POINTLESS))
            .filter_map(|c| c.program().map(|w| (w.span, c.name().unwrap_or("").to_string())))
            .collect();
        for (span, name) in found {
            cx.report(span, format!("`{name}` makes no sense in an image build"))
                .with_help("Remove it; start services from CMD or ENTRYPOINT when the container runs.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN top", &["top"]),
    Case::fires("FROM debian\nRUN apt-get update && service ssh start && ps aux", &["service", "ps"]),
    Case::fires("FROM debian\nRUN echo $(free -m)", &["free"]),
    Case::quiet("FROM debian\nRUN apt-get install -y ssh vim"),
    Case::quiet("FROM debian\nRUN echo top"),
    Case::quiet("FROM debian\nCMD [\"top\"]"),
    // Programs whose names only start like the listed ones, and the names as arguments.
    Case::quiet("FROM debian\nRUN ssh-keygen -A && mkdir -p /root/.ssh"),
    Case::quiet("FROM debian\nRUN killall -q nginx; pkill -f gunicorn || true"),
    Case::quiet("FROM debian\nRUN command -v ssh || which top"),
    Case::quiet("FROM debian\nRUN --mount=type=ssh GIT_SSH_COMMAND=\"ssh -o StrictHostKeyChecking=no\" git clone git@github.com:o/r.git"),
    // Only RUN is checked: CMD runs when the container starts.
    Case::quiet("FROM debian\nCMD service nginx start && tail -f /dev/null"),
];
