//! DL3029: FROM with a `--platform` flag.

use crate::rules::prelude::*;

declare_rule! {
    FromPlatformFlag {
        code: "DL3029",
        name: "from-platform-flag",
        severity: Warning,
        category: Reproducibility,
        fix: Always,
        origin: Hadolint,
        summary: "Do not use the `--platform` flag with FROM",
        why: "A fixed `--platform` ties the stage to one architecture: on other machines the \
              build runs under emulation, slowly, or produces an image for the wrong \
              platform. Let the builder choose, or use `$BUILDPLATFORM` / `$TARGETPLATFORM` \
              for cross-compilation stages. The fix (unsafe: the builder then pulls the image \
              for its own platform) removes the flag.",
        bad: "FROM --platform=linux/amd64 debian:bookworm-slim\n",
        good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM debian:bookworm-slim\n",
    }
}

#[derive(Default)]
pub struct FromPlatformFlag;

impl Rule for FromPlatformFlag {
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
        // The flag and the blanks after it on its line (a continuation after it stays).
        let rest = &cx.source[flag.span.end as usize..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let gone = Span::new(flag.span.start, flag.span.end + blanks as u32);
        // Unsafe: without the flag the builder pulls the image for the target platform,
        // which may be another image (or another architecture) than the pinned one.
        let fix = Fix::unsafe_("Remove `--platform`", vec![Edit::delete(gone)]);
        cx.report(flag.span, format!("Do not pin the platform of FROM: `{value}` is fixed"))
            .with_help("Drop `--platform`, or use `--platform=$BUILDPLATFORM` for a cross-compiling stage.")
            .with_fix(fix);
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM --platform=linux debian:jessie", &["--platform=linux"]).fixed("FROM debian:jessie"),
    Case::fires(
        "FROM --platform=$TARGETOS/$TARGETARCH golang:1.22 AS build",
        &["--platform=$TARGETOS/$TARGETARCH"],
    )
    .fixed("FROM golang:1.22 AS build"),
    Case::fires("FROM --platform=\"linux/arm64\" alpine:3", &["--platform=\"linux/arm64\""])
        .fixed("FROM alpine:3"),
    // A continuation after the flag, and a comment line inside it, are kept.
    Case::fires(
        "# the base\nFROM --platform=linux/amd64 \\\n  # pinned\n  debian:12 AS base\nRUN true",
        &["--platform=linux/amd64"],
    )
    .fixed("# the base\nFROM \\\n  # pinned\n  debian:12 AS base\nRUN true"),
    Case::fires(
        "# escape=`\nfrom --platform=linux/arm64\t`\n  alpine:3 as base\nFROM base",
        &["--platform=linux/arm64"],
    )
    .fixed("# escape=`\nfrom `\n  alpine:3 as base\nFROM base"),
    // Another flag after it; two stages with a pinned platform.
    Case::fires(
        "FROM --platform=linux/amd64 --other=x debian:12\r\nFROM   --platform=linux/arm64   alpine:3\r\n",
        &["--platform=linux/amd64", "--platform=linux/arm64"],
    )
    .fixed("FROM --other=x debian:12\r\nFROM   alpine:3\r\n"),
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
    Case::quiet("# escape=`\nFROM --platform=$BUILDPLATFORM `\n  golang:1.22 AS build\nFROM alpine:3"),
    Case::quiet("FROM debian:12 AS platform\nFROM platform"),
    // `--platform` on other instructions is not FROM's.
    Case::quiet(
        "FROM golang:1.22 AS build\nFROM alpine:3\nCOPY --from=build --platform=linux/amd64 /app /app",
    ),
    Case::quiet("FROM --platform=$TARGETPLATFORM alpine:3 AS a\n# --platform=linux/amd64\nFROM a"),
    Case::quiet("from --platform=$BUILDPLATFORM node:20 as deps\nfrom node:20-slim"),
    Case::quiet("FROM --platform=${BUILDPLATFORM} golang:1.22 AS build\r\nFROM scratch\r\n"),
];
