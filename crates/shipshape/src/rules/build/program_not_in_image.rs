//! SS6004: a program that the stage's base image cannot have.

use crate::analysis::build::Violation;
use crate::rules::prelude::*;

declare_rule! {
    ProgramNotInImage {
        code: "SS6004",
        name: "program-not-in-image",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        summary: "A RUN uses a program that the stage's base image does not have",
        why: "Each base image brings its own tools. Alpine installs packages with `apk`, not \
              `apt-get`, and its BusyBox has `adduser`, not `useradd`, and no `bash`. Debian \
              and Ubuntu have no `apk`. Images built FROM scratch or distroless images have \
              no shell at all, so a shell-form RUN cannot start. A command the image does not \
              have fails the build with \"not found\". This rule judges only official images \
              whose contents are well known, and it takes into account the packages that \
              earlier steps install (`apk add bash` brings bash).",
        bad: "FROM debian:bookworm-slim\nRUN apk add --no-cache curl=8.9.1-r2\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    }
}

#[derive(Default)]
pub struct ProgramNotInImage;

impl Rule for ProgramNotInImage {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        if cx.onbuild {
            return;
        }
        let found: Vec<(Span, String, &'static str, &'static str)> = cx
            .analysis
            .build
            .at(cx.index)
            .filter_map(|v| match v {
                Violation::MissingProgram { span, program, os, hint } => {
                    Some((*span, program.clone(), os.as_str(), *hint))
                }
                _ => None,
            })
            .collect();
        for (span, program, os, hint) in found {
            cx.report(span, format!("`{program}` is not in this stage's image ({os}): this step fails"))
                .with_help(format!("{hint}."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nRUN apt-get update", &["apt-get"]),
    Case::fires("FROM debian:12\nRUN apk add --no-cache curl", &["apk"]),
    Case::fires("FROM alpine:3.20\nRUN useradd app", &["useradd"]),
    Case::fires("FROM alpine:3.20\nRUN bash -c 'echo hi'", &["bash"]),
    Case::fires("FROM scratch\nRUN echo hi", &["RUN"]),
    Case::fires("FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi", &["RUN"]),
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache bash && bash -c 'echo hi'"),
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache shadow && useradd app"),
    Case::quiet("FROM acme/alpine\nRUN apt-get update"),
    Case::quiet("FROM debian:12\nRUN if command -v apk; then apk add curl; fi"),
    Case::quiet("FROM scratch\nCOPY app /app\nRUN [\"/app\", \"--selftest\"]"),
];
