//! DL3037: `zypper install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    ZypperUnpinned {
        code: "DL3037",
        name: "zypper-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "`zypper install` of a package without a version",
        why: "Without a version, `zypper install` takes the newest package in the repositories \
              when the image is built, so rebuilding an unchanged Dockerfile can change the \
              image. `package=version` (or a `>=`/`<` bound) keeps the build repeatable.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
    }
}

#[derive(Default)]
pub struct ZypperUnpinned;

fn pinned(package: &str) -> bool {
    package.contains(['=', '>', '<']) || package.ends_with(".rpm")
}

impl Rule for ZypperUnpinned {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        unpinned::check(cx, &SPEC, None);
    }
}

static SPEC: Unpinned = Unpinned {
    manager: Manager::Zypper,
    program: |p| p == "zypper",
    verbs: &["install", "in"],
    pinned,
    skip: unpinned::no_skip,
    modules: false,
    example: "zypper install {}=<version>",
    help: "Find the versions with `zypper search -s <package>`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper install -y curl && zypper clean", &["curl"]),
    Case::fires("FROM opensuse/leap\nRUN zypper -n in curl=8.6.0 git-2.43", &["git-2.43"]),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 'git>=2.40' 'vim<10' && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y /tmp/local-1.0.rpm"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n remove vim && zypper refresh"),
    // A comparison escaped with a backslash or in double quotes is still a pin.
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y tomcat\\>=9.0 \"curl<9\" && zypper clean"),
    // `search` takes package names without versions.
    Case::quiet("FROM opensuse/leap\nRUN zypper search -s curl"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM opensuse/leap:15.6\nARG PKG=curl\nRUN zypper install -y $PKG", &["$PKG"]),
    Case::quiet("FROM opensuse/leap:15.6\nARG PKG=curl=8.6.0\nRUN zypper install -y $PKG"),
];
