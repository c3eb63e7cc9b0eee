//! DL3008: `apt-get install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
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
        unpinned::check(cx, &SPEC, None);
    }
}

static SPEC: Unpinned = Unpinned {
    manager: Manager::Apt,
    program: |p| p == "apt-get",
    verbs: &["install"],
    pinned,
    skip: unpinned::no_skip,
    modules: false,
    example: "apt-get install {}=<version>",
    help: "Find the version with `apt-cache policy <package>` in the base image.",
};

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
    // A local package whose name is only known at build time.
    Case::quiet("FROM debian\nRUN for m in $MODS; do apt-get install -y /tmp/nginx-module-${m}_${NGINX_VERSION}*.deb; done"),
    // Through `env` and `sudo`, as the shell runs it (hadolint stops at the wrapper).
    Case::fires("FROM debian\nRUN env DEBIAN_FRONTEND=noninteractive apt-get install -yqq curl", &["curl"]),
];

#[cfg(test)]
mod tests {
    use crate::{lint, Config};

    fn messages(src: &str, config: &Config) -> Vec<(String, String)> {
        lint(src, config)
            .diagnostics
            .iter()
            .filter(|d| d.code == "DL3008")
            .map(|d| (d.span.text(src).to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn judges_the_values_of_variables() {
        let src = "FROM debian:12\nARG VERSION=1.2\nARG PKGS=\"curl wget=1.21.3-1\"\nRUN apt-get install -y $PKGS\n";
        assert_eq!(
            messages(src, &Config::default()),
            [(
                "$PKGS".to_string(),
                "Pin the version of `curl` (from ARG PKGS on line 3, which a build argument can change): `apt-get install curl=<version>`"
                    .to_string()
            )]
        );
        // A build argument decides: all pinned, nothing to say.
        let config = Config { build_args: vec![("PKGS".into(), "curl=7.88.1-10".into())], ..Config::default() };
        assert_eq!(messages(src, &config), []);
        let config = Config { build_args: vec![("PKGS".into(), "git".into())], ..Config::default() };
        assert_eq!(messages(src, &config)[0].1, "Pin the version of `git` (from the build argument PKGS): `apt-get install git=<version>`");
        // An ENV value is fixed.
        let src = "FROM debian:12\nENV TOOLS=\"make\"\nRUN apt-get install -y ${TOOLS} gcc=4:12.2.0-3\n";
        assert_eq!(
            messages(src, &Config::default()),
            [("${TOOLS}".to_string(), "Pin the version of `make` (from ENV TOOLS on line 2): `apt-get install make=<version>`".to_string())]
        );
        // Unknown here (the base image's environment): the word as written.
        let src = "FROM debian:12\nRUN apt-get install -y $FROM_BASE\n";
        assert_eq!(messages(src, &Config::default())[0].0, "$FROM_BASE");
    }
}
