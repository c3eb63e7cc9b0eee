//! DL3065: `FROM --platform=$TARGETPLATFORM`, which is the default anyway.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3065",
    name: "redundant-target-platform",
    aliases: &["RedundantTargetPlatform"],
    severity: Some(Severity::Warning),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "FROM --platform=$TARGETPLATFORM is redundant",
    docs: Docs {
        why: "A stage is built for the target platform unless told otherwise, so \
              `--platform=$TARGETPLATFORM` changes nothing. It only adds noise, and it \
              suggests the author meant `$BUILDPLATFORM` (run the stage natively on the \
              build machine and cross-compile), which does change the build. BuildKit calls this \
              check RedundantTargetPlatform.",
        bad: "FROM --platform=$TARGETPLATFORM alpine:3.20\nRUN echo hi\n",
        good: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN echo hi\nFROM alpine:3.20\n",
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
        let Some(value) = &flag.value else { return };
        if value.text == "$TARGETPLATFORM" || value.text == "${TARGETPLATFORM}" {
            let span = flag.span;
            cx.report(span, "`--platform=$TARGETPLATFORM` is redundant: stages are built for the target platform by default")
                .with_help("Remove the flag, or use `$BUILDPLATFORM` if the stage should run on the build machine.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM --platform=$TARGETPLATFORM alpine:3.20", &["--platform=$TARGETPLATFORM"]),
    Case::fires("FROM --platform=${TARGETPLATFORM} golang:1.22 AS build", &["--platform=${TARGETPLATFORM}"]),
    // BuildKit unquotes flag values, so the quoted form is just as redundant.
    Case::fires("FROM --platform=\"$TARGETPLATFORM\" alpine:3.20", &["--platform=\"$TARGETPLATFORM\""]),
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
];
