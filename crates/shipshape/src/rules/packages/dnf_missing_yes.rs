//! DL3038: `dnf install` without `-y`.

use super::confirm::{self, After, Confirm};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    DnfMissingYes {
        code: "DL3038",
        name: "dnf-missing-yes",
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "`dnf install` without `-y` waits for an answer nobody gives",
        why: "A build has no one to answer prompts. Without `-y`, `dnf install` (and \
              `microdnf install`) asks for confirmation, reads end-of-file and gives up, so \
              the build fails. The fix adds `-y`.",
        bad: "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
        good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    }
}

#[derive(Default)]
pub struct DnfMissingYes;

impl Rule for DnfMissingYes {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        confirm::check(cx, &SPEC);
    }
}

static SPEC: Confirm = Confirm {
    manager: Manager::Dnf,
    program: |p| p == "dnf" || p == "microdnf",
    verbs: &["install", "groupinstall", "localinstall"],
    yes: &["y", "assumeyes"],
    fix: ("-y", After::Verb),
    help: "Write `{p} {v} -y …`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM fedora\nRUN dnf install httpd-2.4.62 && dnf clean all", &["install"])
        .fixed("FROM fedora\nRUN dnf install -y httpd-2.4.62 && dnf clean all"),
    Case::fires(
        "FROM fedora\nRUN microdnf install git-2.45.2 && dnf groupinstall 'Dev Tools'",
        &["install", "groupinstall"],
    )
    .fixed("FROM fedora\nRUN microdnf install -y git-2.45.2 && dnf groupinstall -y 'Dev Tools'"),
    Case::fires(
        "FROM fedora\nRUN dnf makecache \\\n# the web server\n && dnf --setopt=tsflags=nodocs install \\\n    httpd-2.4.62",
        &["install"],
    )
    .fixed("FROM fedora\nRUN dnf makecache \\\n# the web server\n && dnf --setopt=tsflags=nodocs install -y \\\n    httpd-2.4.62"),
    Case::fires("# escape=`\nFROM fedora\nRUN dnf install `\n    httpd-2.4.62 `\n && dnf clean all", &["install"])
        .fixed("# escape=`\nFROM fedora\nRUN dnf install -y `\n    httpd-2.4.62 `\n && dnf clean all"),
    // Exec form: the flag becomes an item of its own.
    Case::fires("FROM fedora\nRUN [\"microdnf\", \"install\", \"git-2.45.2\"]", &["install"])
        .fixed("FROM fedora\nRUN [\"microdnf\", \"install\", \"-y\", \"git-2.45.2\"]"),
    // A trigger.
    Case::fires("FROM fedora\nONBUILD RUN dnf localinstall /tmp/x-1.rpm", &["localinstall"])
        .fixed("FROM fedora\nONBUILD RUN dnf localinstall -y /tmp/x-1.rpm"),
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf --assumeyes install httpd-2.4.62 && microdnf -y install git-2.45.2"),
    Case::quiet("FROM fedora\nRUN dnf upgrade && dnf clean all"),
    // `-y` inside a group of short flags.
    Case::quiet("FROM fedora\nRUN dnf -qy install httpd-2.4.62 && dnf clean all"),
    // `installed` is not the `install` subcommand.
    Case::quiet("FROM fedora\nRUN dnf list installed httpd"),
    Case::quiet("FROM fedora\nRUN [\"microdnf\", \"install\", \"-y\", \"git-2.45.2\"]"),
    Case::quiet("# escape=`\nFROM fedora\nRUN dnf install -y `\n    httpd-2.4.62 `\n && dnf clean all"),
    Case::quiet("FROM fedora\nONBUILD RUN dnf localinstall -y /tmp/x-1.rpm"),
    Case::quiet(
        "FROM fedora\nRUN dnf makecache \\\n# the web server\n && dnf --setopt=tsflags=nodocs install -y \\\n    httpd-2.4.62",
    ),
    Case::quiet("FROM fedora\nRUN microdnf --assumeyes install git-2.45.2 && microdnf clean all"),
    Case::quiet("FROM fedora\nRUN echo dnf install httpd-2.4.62"),
    Case::quiet("FROM fedora\nRUN dnf -y groupinstall 'Dev Tools' && dnf remove httpd"),
];
