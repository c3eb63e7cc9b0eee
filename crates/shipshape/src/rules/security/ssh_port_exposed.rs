//! SS5003: `EXPOSE 22`, the SSH port.

use crate::rules::prelude::*;

declare_rule! {
    SshPortExposed {
        code: "SS5003",
        name: "ssh-port-exposed",
        aliases: ["DS-0004", "CKV_DOCKER_1"],
        severity: Info,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not expose the SSH port 22",
        why: "Exposing port 22 means the container runs an SSH server: one more daemon to patch, \
              keys or passwords to manage, and a way in that bypasses the container runtime. \
              `docker exec` (or `kubectl exec`) gives a shell without any of that. Trivy \
              calls this check DS-0004 and Checkov CKV_DOCKER_1.",
        bad: "FROM debian:bookworm\nEXPOSE 22\n",
        good: "FROM debian:bookworm\nEXPOSE 8080\n",
    }
}

/// Whether a port word (`22`, `22/tcp`, `20-25`) includes port 22.
fn includes_ssh(word: &str) -> bool {
    let ports = word.split_once('/').map_or(word, |(p, _)| p);
    let (low, high) = ports.split_once('-').unwrap_or((ports, ports));
    match (low.parse::<u32>(), high.parse::<u32>()) {
        (Ok(l), Ok(h)) => l <= 22 && 22 <= h,
        _ => false,
    }
}

#[derive(Default)]
pub struct SshPortExposed;

impl Rule for SshPortExposed {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Expose {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        for w in words.iter().filter(|w| includes_ssh(&w.text)) {
            cx.report(w.span, format!("`EXPOSE {}` opens the SSH port", w.text))
                .with_help("Do not run an SSH server in the container; use `docker exec` to get a shell.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nEXPOSE 22", &["22"]),
    Case::fires("FROM debian:12\nEXPOSE 80 22/tcp 443", &["22/tcp"]),
    Case::fires("FROM debian:12\nEXPOSE 20-25", &["20-25"]),
    Case::fires("FROM debian:12\nONBUILD EXPOSE 22", &["22"]),
    Case::quiet("FROM debian:12\nEXPOSE 2222 8022 220"),
    Case::quiet("FROM debian:12\nEXPOSE ${SSH_PORT} 80/tcp"),
    Case::quiet("FROM debian:12\nRUN echo 'Port 22' >> /etc/ssh/sshd_config"),
    Case::quiet("FROM debian:12\nEXPOSE 22000-22100/tcp"),
    Case::quiet("FROM debian:12\nEXPOSE 21 23 25"),
    Case::quiet("FROM debian:12\n# EXPOSE 22\nEXPOSE 8080"),
    Case::quiet("FROM debian:12\nRUN ssh-keyscan -p 22 github.com >> /root/.ssh/known_hosts"),
    Case::quiet("FROM debian:12\nONBUILD EXPOSE 8022"),
    Case::quiet("FROM gitea/gitea:1.22\nENV GITEA__server__SSH_PORT=22\nEXPOSE 3000"),
];
