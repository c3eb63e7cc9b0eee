//! DL3014: `apt-get install` without `-y`.

use super::confirm::{self, After, Confirm};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;

declare_rule! {
    AptGetMissingYes {
        code: "DL3014",
        name: "apt-get-missing-yes",
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "`apt-get install` without `-y` waits for an answer nobody gives",
        why: "A build has no one at the keyboard. Without `-y`, `apt-get install` stops to ask \
              for confirmation whenever it would install extra packages, reads end-of-file, \
              and fails the build.",
        bad: "FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    }
}

#[derive(Default)]
pub struct AptGetMissingYes;

impl Rule for AptGetMissingYes {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        confirm::check(cx, &SPEC);
    }
}

static SPEC: Confirm = Confirm {
    manager: Manager::Apt,
    program: |p| p == "apt-get",
    verbs: &["install"],
    yes: &["y", "yes", "q", "assume-yes"],
    fix: ("-y", After::Verb),
    help: "Write `{p} {v} -y …`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt-get install curl", &["install"])
        .fixed("FROM debian\nRUN apt-get install -y curl"),
    Case::fires(
        "FROM debian\nRUN apt-get update \\\n # the tools\n && apt-get install \\\n    curl",
        &["install"],
    )
    .fixed("FROM debian\nRUN apt-get update \\\n # the tools\n && apt-get install -y \\\n    curl"),
    Case::fires(
        "# escape=`\nFROM debian\nRUN apt-get update `\n && apt-get install `\n    curl",
        &["install"],
    )
    .fixed("# escape=`\nFROM debian\nRUN apt-get update `\n && apt-get install -y `\n    curl"),
    Case::fires(
        "FROM debian\nRUN apt-get update && apt-get --no-install-recommends install git",
        &["install"],
    ),
    Case::quiet("FROM debian\nRUN apt-get install -y curl"),
    Case::quiet("FROM debian\nRUN apt-get -yq install curl"),
    Case::quiet("FROM debian\nRUN apt-get install --assume-yes curl && apt-get install --yes git"),
    Case::quiet("FROM debian\nRUN apt-get update"),
];
