//! DL3063: a stage named with a reserved word (`scratch`, `context`).

use crate::rules::prelude::*;

declare_rule! {
    ReservedStageName {
        code: "DL3063",
        name: "reserved-stage-name",
        aliases: ["ReservedStageName"],
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "Stage name should not be a reserved word",
        why: "`scratch` is the empty base image and `context` names the build context in \
              `COPY --from` and `RUN --mount=from=`. A stage called by one of these names \
              makes later references ambiguous: BuildKit warns about it, and a reader cannot \
              tell which one a `FROM scratch` or `--from=context` means. Stage names are \
              compared without regard to case. BuildKit calls this check ReservedStageName.",
        bad: "FROM golang:1.22 AS scratch\nRUN go build -o /app .\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /app .\n",
    }
}

#[derive(Default)]
pub struct ReservedStageName;

impl Rule for ReservedStageName {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(name) = cx.state.stage.and_then(|i| cx.file.stages[i].name.as_ref()) else { return };
        let lower = name.text.to_ascii_lowercase();
        if lower == "scratch" || lower == "context" {
            let span = name.span;
            cx.report(span, format!("`{}` is a reserved word and should not name a stage", name.text))
                .with_help("Choose another stage name, e.g. `build` or `base`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20 AS scratch", &["scratch"]),
    Case::fires("FROM alpine:3.20 AS base\nFROM base as context\nRUN echo hi", &["context"]),
    Case::fires("FROM alpine:3.20 AS Scratch", &["Scratch"]),
    Case::quiet("FROM scratch\nCOPY app /app"),
    Case::quiet("FROM alpine:3.20 AS build-context\nFROM scratch AS final"),
    Case::quiet("FROM alpine:3.20"),
    // Names that only contain a reserved word.
    Case::quiet("FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS contexts"),
    // The reserved word in a comment and as a `--from` reference, not as a stage name.
    Case::quiet("# FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS build\nCOPY --from=context . /src"),
    // `scratch` as the base image of a stage with another name, `context` as a mount source.
    Case::quiet(
        "FROM scratch AS base\nCOPY app /app\nFROM base\nRUN --mount=from=context,target=/ctx ls /ctx",
    ),
];
