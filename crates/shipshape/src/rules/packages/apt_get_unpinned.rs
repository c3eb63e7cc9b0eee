//! DL3008: `apt-get install` of a package without a version.

use crate::analysis::command_words::apt_get_installs;
use crate::rules::prelude::*;

declare_rule! {
    AptGetUnpinned {
        code: "DL3008",
        name: "apt-get-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "`apt-get install` of a package without a version",
        why: "Without a version, `apt-get install` takes whatever the mirror has today, so two \
              builds of the same Dockerfile can differ, and a new release of a package can \
              break the image. `package=version` makes the build repeatable; it also makes \
              the layer's cache key change when you mean it to.",
        bad: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
    }
}

#[derive(Default)]
pub struct AptGetUnpinned;

/// A package argument counts as pinned when it holds `=` (`curl=7.8*`), names a release
/// with `/` (`curl/bookworm-backports`) or is a local `.deb` file.
fn pinned(package: &str) -> bool {
    package.contains('=') || package.contains('/') || package.ends_with(".deb")
}

impl Rule for AptGetUnpinned {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let mut unpinned = Vec::new();
        for cmd in apt_get_installs(script) {
            // `-t release` takes a value that is not a package.
            let mut skip_next = false;
            for w in cmd.args() {
                let t = w.text();
                if skip_next {
                    skip_next = false;
                    continue;
                }
                if matches!(t, "-t" | "--target-release") {
                    skip_next = true;
                    continue;
                }
                if t.starts_with('-') || t == "install" || pinned(t) {
                    continue;
                }
                unpinned.push((w.span, t.to_string()));
            }
        }
        for (span, name) in unpinned {
            cx.report(span, format!("Pin the version of `{name}`: `apt-get install {name}=<version>`"))
                .with_help("Find the version with `apt-cache policy <package>` in the base image.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt-get install -y curl", &["curl"]),
    Case::fires(
        "FROM debian\nRUN apt-get update && apt-get install -y \\\n    python3=3.11.2-1 \\\n    git \\\n    ca-certificates",
        &["git", "ca-certificates"],
    ),
    Case::fires("FROM debian\nRUN apt-get -t bookworm-backports install -y --no-install-recommends golang", &["golang"]),
    Case::quiet("FROM debian\nRUN apt-get install -y curl=7.88.1-10"),
    Case::quiet("FROM debian\nRUN apt-get install -y ./local.deb curl/bookworm-backports"),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get upgrade -y"),
    Case::quiet("FROM debian\nRUN apt install curl"),
    // The release after `-t` is not a package; flags before `install`.
    Case::quiet("FROM debian\nRUN apt-get install -y -t bookworm-backports golang=2:1.19~1"),
    Case::quiet("FROM debian\nRUN apt-get -y --no-install-recommends install nodejs=0.10"),
    // Other subcommands take package names too.
    Case::quiet("FROM debian\nRUN apt-get remove -y curl && apt-get purge -y git"),
];
