//! DL3037: `zypper install` of a package without a version.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

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
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let mut unpinned = Vec::new();
        for cmd in cmds.iter().filter(|c| pkg::is(c, "zypper") && pkg::has_arg(c, &["install", "in"])) {
            for w in pkg::positionals(cmd, &[]) {
                for (t, from) in pkg::values(w, cx.analysis.scope(cx.index)) {
                    if t != "install" && t != "in" && !pinned(&t) {
                        unpinned.push((w.span, t.into_owned(), from));
                    }
                }
            }
        }
        for (span, name, from) in unpinned {
            let from = from.map(|r| format!(" ({})", cx.provenance(&r))).unwrap_or_default();
            cx.report(span, format!("Pin the version of `{name}`{from}: `zypper install {name}=<version>`"))
                .with_help("Find the versions with `zypper search -s <package>`.");
        }
    }
}

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
