//! FromPlatformFlagConstDisallowed: `FROM --platform=` with a fixed platform.

use crate::syntax::reference::parse_platform;
use crate::rules::prelude::*;

declare_rule! {
    FromPlatformFlagConstDisallowed {
        code: "FromPlatformFlagConstDisallowed",
        name: "from-platform-flag-const-disallowed",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: BuildKit,
        summary: "FROM --platform should not be a constant",
        why: "A fixed `--platform` pins the stage to one platform: the Dockerfile can no \
              longer build a multi-platform image, and on another machine the stage runs \
              under emulation. Leave the platform to `docker build --platform`, or use \
              `$BUILDPLATFORM`/`$TARGETPLATFORM`. A stage meant for one platform is accepted \
              when its name says so (`AS build-arm64`). Unlike DL3029, this check allows any \
              variable and platform-named stages. BuildKit calls this check \
              FromPlatformFlagConstDisallowed.",
        bad: "FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN echo hi\n",
        good: "FROM alpine:3.20 AS base\nRUN echo hi\n",
    }
}

#[derive(Default)]
pub struct FromPlatformFlagConstDisallowed;

impl Rule for FromPlatformFlagConstDisallowed {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(value) = instr.flag("platform").and_then(|f| f.value.as_ref()) else { return };
        // Any variable makes the platform a choice, not a constant.
        if !value.var_refs(cx.file.escape).is_empty() {
            return;
        }
        let Some((os, arch)) = parse_platform(&value.text) else { return };
        let stage = cx.state.stage.and_then(|s| cx.file.stages[s].name.as_ref());
        let stage = stage.map(|n| n.text.to_ascii_lowercase()).unwrap_or_default();
        if stage.contains(&os) || stage.contains(&arch) {
            return;
        }
        cx.report(value.span, format!("`--platform={}` pins this stage to one platform", value.text))
            .with_help("Drop the flag and pass `--platform` to `docker build`, use `$BUILDPLATFORM`, or name the stage after its platform.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed
    Case::fires("FROM --platform=linux/amd64 alpine AS base\nRUN apk add --no-cache git", &["linux/amd64"]),
    Case::quiet("FROM alpine AS base\nRUN apk add --no-cache git"),
    Case::quiet("FROM --platform=${BUILDPLATFORM} alpine AS base\nRUN apk add --no-cache git"),
    Case::quiet(
        "FROM --platform=linux/amd64 alpine AS build_amd64\nFROM --platform=linux/arm64 alpine AS build_arm64\nFROM build_${TARGETARCH} AS build",
    ),
    Case::fires("FROM --platform=linux/arm64/v8 alpine", &["linux/arm64/v8"]),
    Case::quiet("FROM --platform=linux/arm64 alpine AS linux-tools"),
    Case::quiet("FROM --platform=$TARGETOS/amd64 alpine"),
    Case::quiet("FROM --platform=not/a/valid/platform alpine"),
];
