//! DL3057: a stage without a HEALTHCHECK.

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    HealthcheckMissing {
        code: "DL3057",
        name: "healthcheck-missing",
        severity: Off,
        category: Maintainability,
        fix: Sometimes,
        origin: Hadolint,
        summary: "HEALTHCHECK instruction missing",
        why: "Without a HEALTHCHECK, Docker and Swarm only know whether the main process is \
              running, not whether it still answers; a hung server keeps receiving traffic. \
              A stage built FROM a stage that has a HEALTHCHECK inherits it (and, as in \
              hadolint, a `FROM base` stage with a HEALTHCHECK also covers the `base` stage \
              itself). The rule is off by default because many images run under an orchestrator with its own probes. \
              The fix (display only) inserts a HEALTHCHECK template in the final stage, to \
              adapt to the service (none when no probe is known to exist in the image).",
        bad: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
        good: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD curl -fs http://localhost/ || exit 1\n",
    }
}

/// SS4005's template, probing the first port the stage exposes (or port 80).
fn template(cx: &Cx, stage: usize) -> Option<Fix> {
    let exposed = cx.analysis.lineage(cx.file, stage).find_map(|i| match (&i.keyword, &i.args) {
        (Keyword::Expose, Args::Words(words)) => words.first().map(|w| w.span.text(cx.source)),
        _ => None,
    });
    crate::rules::instructions::expose_without_healthcheck::template(cx, stage, exposed)
}

struct StageInfo {
    /// Index in the file's stages.
    index: usize,
    /// The FROM image word (or the FROM keyword).
    span: Span,
    /// The stage's name: its alias, or else its image name (lower case).
    name: String,
    good: bool,
}

#[derive(Default)]
pub struct HealthcheckMissing {
    stages: Vec<StageInfo>,
}

impl Rule for HealthcheckMissing {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => {
                let Some(stage) = cx.state.stage.map(|i| &cx.file.stages[i]) else { return };
                let span = stage.base.as_ref().map_or(instr.keyword_word.span, |b| b.span);
                let image = stage
                    .base
                    .as_ref()
                    .map(|b| ImageRef::parse(&b.text).name().to_ascii_lowercase())
                    .unwrap_or_default();
                // Built FROM a stage (or an image) already known to have a HEALTHCHECK.
                let good = self.stages.iter().any(|s| s.good && s.name == image);
                let name = stage.name.as_ref().map_or(image, |n| n.text.to_ascii_lowercase());
                let index = cx.state.stage.expect("checked above");
                self.stages.push(StageInfo { index, span, name, good });
            }
            Keyword::Healthcheck => {
                // As hadolint does, every stage of the same name counts as covered: a
                // `FROM base` with a HEALTHCHECK covers the `base` stage it is built on.
                let Some(name) = self.stages.last().map(|s| s.name.clone()) else { return };
                for s in self.stages.iter_mut().filter(|s| s.name == name) {
                    s.good = true;
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        let last = cx.file.stages.len().checked_sub(1);
        for stage in self.stages.iter().filter(|s| !s.good) {
            // A template only for the final stage: the image the build produces.
            let fix = if Some(stage.index) == last { template(cx, stage.index) } else { None };
            let d = cx.report(stage.span, "This stage has no `HEALTHCHECK`");
            d.with_help("Add `HEALTHCHECK CMD …` with a command that fails when the service is unhealthy.");
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM nginx:1.27\nRUN echo hi", &["nginx:1.27"])
        .fixed("FROM nginx:1.27\nRUN echo hi\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost/\"]"),
    // Above the comment lines of the CMD; curl installed by the stage.
    Case::fires(
        "FROM alpine:3.20\nRUN apk add --no-cache curl \\\n  # the probe\n  && true\n# start\ncmd [\"server\"]\n",
        &["alpine:3.20"],
    )
    .fixed("FROM alpine:3.20\nRUN apk add --no-cache curl \\\n  # the probe\n  && true\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nhealthcheck cmd [\"curl\", \"-fsS\", \"http://localhost/\"]\n# start\ncmd [\"server\"]\n"),
    // A slim Python image has neither curl nor wget: Python itself probes the exposed port.
    Case::fires(
        "# escape=`\nFROM python:3.12-slim\nEXPOSE 8000\nENTRYPOINT [\"python\", `\n  \"app.py\"]",
        &["python:3.12-slim"],
    )
    .fixed("# escape=`\nFROM python:3.12-slim\nEXPOSE 8000\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"]\nENTRYPOINT [\"python\", `\n  \"app.py\"]"),
    // CRLF line breaks, an indented CMD, a port range, a slim Node image.
    Case::fires("FROM node:20-slim\r\nEXPOSE 3000-3002\r\n  CMD [\"node\", \"server.js\"]\r\n", &["node:20-slim"])
        .fixed("FROM node:20-slim\r\nEXPOSE 3000-3002\r\n  # Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\r\n  HEALTHCHECK CMD [\"node\", \"-e\", \"fetch('http://localhost:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]\r\n  CMD [\"node\", \"server.js\"]\r\n"),
    // Only the final stage gets a template; a variable port needs a shell; Alpine has wget.
    Case::fires(
        "FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nEXPOSE $PORT\nCOPY --from=build /app /app\n",
        &["golang:1.22", "alpine:3.20"],
    )
    .fixed("FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nEXPOSE $PORT\nCOPY --from=build /app /app\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"sh\", \"-c\", \"wget -q --spider http://localhost:$PORT/\"]\n"),
    // No probe is known to exist in the image: no template.
    Case::fires("FROM gcr.io/distroless/static\nCOPY app /\nENTRYPOINT [\"/app\"]", &["gcr.io/distroless/static"]),
    Case::fires(
        "FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nHEALTHCHECK CMD true",
        &["golang:1.22"],
    ),
    Case::fires(
        "FROM alpine:3.20 AS a\nFROM a AS b\nHEALTHCHECK NONE\nFROM debian:12",
        &["alpine:3.20", "debian:12"],
    ),
    Case::quiet("FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1"),
    // A stage built from a stage with a HEALTHCHECK inherits it.
    Case::quiet("FROM alpine:3.20 AS base\nHEALTHCHECK CMD true\nFROM base AS app\nRUN echo hi\nFROM app"),
    Case::quiet("FROM alpine:3.20\nHEALTHCHECK NONE"),
    Case::quiet("FROM alpine:3.20 AS base\nRUN true\nFROM base\nHEALTHCHECK CMD true"),
    // The exec form of the check command.
    Case::quiet("FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]"),
    // Lower-case keywords, with the command on a continuation line.
    Case::quiet(
        "FROM nginx:1.27\nhealthcheck --interval=30s --timeout=3s \\\n  cmd curl -f http://localhost/ || exit 1",
    ),
    // Two independent stages, each with its own check.
    Case::quiet(
        "FROM alpine:3.20 AS api\nHEALTHCHECK CMD wget -q -O- http://localhost:8080/\nFROM alpine:3.20 AS worker\nHEALTHCHECK CMD pgrep worker",
    ),
    // `HEALTHCHECK NONE` in the base stage is inherited like any other.
    Case::quiet("FROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base\nRUN echo hi"),
    Case::quiet("# escape=`\nFROM alpine:3.20\nHEALTHCHECK --interval=5s `\n  CMD wget -q --spider http://localhost/"),
    Case::quiet("FROM nginx:1.27\r\nHEALTHCHECK CMD curl -f http://localhost/\r\nCMD [\"nginx\"]\r\n"),
    Case::quiet("FROM nginx:1.27\nCMD [\"nginx\"]\nHEALTHCHECK CMD curl -f http://localhost/"),
    Case::quiet("FROM node:20\nEXPOSE 3000\nHEALTHCHECK CMD node healthcheck.js\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM python:3.12 AS base\nHEALTHCHECK CMD python -c 'print(1)'\nFROM base AS test\nFROM base"),
    Case::quiet("FROM alpine:3.20\n# HEALTHCHECK is set below\nHEALTHCHECK CMD true"),
    Case::quiet("FROM alpine:3.20\nONBUILD RUN true\nhealthcheck none"),
    Case::quiet("FROM scratch\nCOPY app /\nHEALTHCHECK CMD [\"/app\", \"health\"]\nENTRYPOINT [\"/app\"]"),
    Case::quiet("FROM alpine:3.20 AS a\nHEALTHCHECK CMD true\nFROM a AS b\nFROM b"),
    Case::quiet("FROM alpine:3.20\nEXPOSE 80\nHEALTHCHECK CMD wget -q --spider http://localhost/\nCMD [\"httpd\"]"),
    Case::fires(
        "FROM alpine:3.20 AS base\nRUN true\nFROM base AS builder\nRUN true\nFROM base\nHEALTHCHECK CMD true",
        &["base"],
    ),
];
