//! DL3029: FROM with a `--platform` flag.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3029",
    name: "from-platform-flag",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Reproducibility,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Do not use the `--platform` flag with FROM",
    docs: Docs {
        why: "A fixed `--platform` ties the stage to one architecture: on other machines the \
              build runs under emulation, slowly, or produces an image for the wrong \
              platform. Let the builder choose, or use `$BUILDPLATFORM` / `$TARGETPLATFORM` \
              for cross-compilation stages.",
        bad: "FROM --platform=linux/amd64 debian:bookworm-slim\n",
        good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM debian:bookworm-slim\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(flag) = instr.flag("platform") else { return };
        // The builder's own platform variables keep the stage portable.
        let value = flag.value.as_ref().map_or("", |v| v.text.as_str());
        if value.contains("BUILDPLATFORM") || value.contains("TARGETPLATFORM") {
            return;
        }
        cx.report(flag.span, format!("Do not pin the platform of FROM: `{value}` is fixed"))
            .with_help("Drop `--platform`, or use `--platform=$BUILDPLATFORM` for a cross-compiling stage.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM --platform=linux debian:jessie", &["--platform=linux"]),
    Case::fires(
        "FROM --platform=$TARGETOS/$TARGETARCH golang:1.22 AS build",
        &["--platform=$TARGETOS/$TARGETARCH"],
    ),
    Case::fires("FROM --platform=\"linux/arm64\" alpine:3", &["--platform=\"linux/arm64\""]),
    Case::quiet("FROM debian:jessie"),
    Case::quiet(
        "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=${TARGETPLATFORM} alpine:3",
    ),
    Case::quiet("FROM --platform=\"${BUILDPLATFORM:-linux/amd64}\" golang:1.22"),
    // A platform named outside FROM's flag.
    Case::quiet("FROM debian:12\n# FROM --platform=linux/amd64 debian\nLABEL platform=linux/amd64"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022-amd64\nRUN echo --platform=linux/amd64"),
    // The builder sets TARGETPLATFORM, whatever the ARG's default says.
    Case::quiet("ARG TARGETPLATFORM=linux/amd64\nFROM --platform=$TARGETPLATFORM debian:12"),
];
