//! DL3018: `apk add` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    ApkUnpinned {
        code: "DL3018",
        name: "apk-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Pin versions in apk add",
        why: "Without a version, `apk add` installs whatever the Alpine mirror carries on the \
              day of the build, so rebuilding the same Dockerfile can change the image and \
              break it. `package=version` (or `package~version` for a version prefix) makes \
              the build repeatable.",
        bad: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    }
}

#[derive(Default)]
pub struct ApkUnpinned;

impl Rule for ApkUnpinned {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        unpinned::check(cx, &SPEC, None);
    }
}

/// A package is pinned by `=` or `~` (`curl=8.9.1-r2`, `git~2.45`), or is a local `.apk`.
static SPEC: Unpinned = Unpinned {
    manager: Manager::Apk,
    program: |p| p == "apk",
    verbs: &["add"],
    pinned: |p| p.contains(['=', '~']) || p.ends_with(".apk"),
    skip: unpinned::no_skip,
    modules: false,
    example: "apk add {}=<version>",
    help: "Find the version with `apk policy <package>` in the base image.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine\nRUN apk add --no-cache curl", &["curl"]),
    Case::fires("FROM alpine\nRUN apk add --virtual .build-deps gcc=13.2.1-r0 musl-dev", &["musl-dev"]),
    Case::fires("FROM alpine\nRUN apk update && apk add $PACKAGES", &["$PACKAGES"]),
    Case::quiet("FROM alpine\nRUN apk add --no-cache curl=8.9.1-r2 git~2.45"),
    Case::quiet("FROM alpine\nRUN apk add -t .deps -X http://mirror/alpine gcc=13.2.1-r0"),
    Case::quiet("FROM alpine\nRUN apk add --allow-untrusted /tmp/local.apk"),
    Case::quiet("FROM alpine\nRUN apk update && apk upgrade && apk del curl"),
    // Options before `add`, and a repository URL that is an option's value.
    Case::quiet("FROM alpine\nRUN apk --no-cache add curl=8.9.1-r2"),
    Case::quiet(
        "FROM alpine\nRUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo=1.0-r0",
    ),
    // Other subcommands name packages too.
    Case::quiet("FROM alpine\nRUN apk search curl && apk fetch curl && echo \"apk add curl\""),
    // Variables are judged by the value they hold here.
    Case::fires("FROM alpine:3.20\nENV TOOLS=\"curl jq=1.7.1-r0\"\nRUN apk add --no-cache $TOOLS", &["$TOOLS"]),
    Case::quiet("FROM alpine:3.20\nENV TOOLS=\"curl=8.9.1-r0 jq=1.7.1-r0\"\nRUN apk add --no-cache $TOOLS"),
];
