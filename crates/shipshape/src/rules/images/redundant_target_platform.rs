//! DL3065: `FROM --platform=$TARGETPLATFORM`, which is the default anyway.

use crate::rules::prelude::*;

declare_rule! {
    RedundantTargetPlatform {
        code: "DL3065",
        name: "redundant-target-platform",
        aliases: ["RedundantTargetPlatform"],
        severity: Warning,
        category: Maintainability,
        fix: Sometimes,
        origin: Hadolint,
        summary: "FROM --platform=$TARGETPLATFORM is redundant",
        why: "A stage is built for the target platform unless told otherwise, so \
              `--platform=$TARGETPLATFORM` changes nothing. It only adds noise, and it \
              suggests the author meant `$BUILDPLATFORM` (run the stage natively on the \
              build machine and cross-compile), which does change the build. BuildKit calls this \
              check RedundantTargetPlatform. The fix removes the flag.",
        bad: "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hi\n",
        good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN echo hi\nFROM alpine:3.20\n",
    }
}

#[derive(Default)]
pub struct RedundantTargetPlatform;

impl Rule for RedundantTargetPlatform {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(flag) = instr.flag("platform") else { return };
        let Some(value) = &flag.value else { return };
        if value.text == "$TARGETPLATFORM" || value.text == "${TARGETPLATFORM}" {
            let span = flag.span;
            // The flag goes with the blanks after it on its line; a continuation after it
            // stays. With a second `--platform` the earlier one would take over: no fix.
            let fix = (instr.flags.iter().filter(|f| f.name.text == "platform").count() == 1).then(|| {
                let rest = &cx.source[span.end as usize..];
                let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                Fix::safe(
                    "Remove `--platform=$TARGETPLATFORM`",
                    vec![Edit::delete(Span::new(span.start, span.end + blanks as u32))],
                )
            });
            let d = cx.report(span, "`--platform=$TARGETPLATFORM` is redundant: stages are built for the target platform by default");
            d.with_help(
                "Remove the flag, or use `$BUILDPLATFORM` if the stage should run on the build machine.",
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM --platform=$TARGETPLATFORM alpine:3.20", &["--platform=$TARGETPLATFORM"])
        .fixed("FROM alpine:3.20"),
    Case::fires("FROM --platform=${TARGETPLATFORM} golang:1.22 AS build", &["--platform=${TARGETPLATFORM}"])
        .fixed("FROM golang:1.22 AS build"),
    // BuildKit unquotes flag values, so the quoted form is just as redundant.
    Case::fires("FROM --platform=\"$TARGETPLATFORM\" alpine:3.20", &["--platform=\"$TARGETPLATFORM\""])
        .fixed("FROM alpine:3.20"),
    // On a line of its own in a continuation, with comments: the continuation stays.
    Case::fires(
        "# the runtime\nFROM \\\n    # for the target\n    --platform=$TARGETPLATFORM \\\n    alpine:3.20 AS run",
        &["--platform=$TARGETPLATFORM"],
    )
    .fixed("# the runtime\nFROM \\\n    # for the target\n    \\\n    alpine:3.20 AS run"),
    Case::fires("# escape=`\nFROM --platform=$TARGETPLATFORM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022", &["--platform=$TARGETPLATFORM"])
        .fixed("# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    Case::fires("from  --platform=$TARGETPLATFORM\talpine:3.20\r\nRUN echo hi\r\n", &["--platform=$TARGETPLATFORM"])
        .fixed("from  alpine:3.20\r\nRUN echo hi\r\n"),
    // Two flags: removing the last would bring back the first, so no fix.
    Case::fires(
        "FROM --platform=linux/arm64 --platform=$TARGETPLATFORM alpine:3.20",
        &["--platform=$TARGETPLATFORM"],
    ),
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
    Case::quiet("FROM --platform=linux/amd64 alpine:3.20"),
    Case::quiet("FROM alpine:3.20"),
    // A default makes the value more than `$TARGETPLATFORM`.
    Case::quiet("FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20"),
    // Built from its parts, or another variable whose name only starts the same.
    Case::quiet("FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20 AS a\nFROM --platform=$TARGETPLATFORM_OVERRIDE a"),
    // The flag text in a comment and in an echo, not on FROM.
    Case::quiet(
        "# FROM --platform=$TARGETPLATFORM alpine:3.20\nFROM alpine:3.20\nARG TARGETPLATFORM\nRUN echo \"for --platform=$TARGETPLATFORM\"",
    ),
    // Near misses: the fixed forms, other flags and instructions with the value.
    Case::quiet("# the runtime\nFROM \\\n    # for the target\n    \\\n    alpine:3.20 AS run"),
    Case::quiet("# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    Case::quiet("from  alpine:3.20\r\nRUN echo hi\r\n"),
    Case::quiet("FROM alpine:3.20\nARG TARGETPLATFORM\nENV PLATFORM=$TARGETPLATFORM"),
    Case::quiet("FROM alpine:3.20\nCOPY --platform=$TARGETPLATFORM a /a"),
    Case::quiet("FROM --platform=$BUILDPLATFORM alpine AS build\nFROM --platform=linux/arm64 alpine"),
    Case::quiet("FROM alpine:3.20\nONBUILD RUN echo --platform=$TARGETPLATFORM"),
    Case::quiet("FROM --platform=${BUILDPLATFORM} alpine:3.20 AS tools"),
];
