//! DL3057: a stage without a HEALTHCHECK.

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

pub static META: RuleMeta = RuleMeta {
    code: "DL3057",
    name: "healthcheck-missing",
    aliases: &[],
    severity: None,
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "HEALTHCHECK instruction missing",
    docs: Docs {
        why: "Without a HEALTHCHECK, Docker and Swarm only know whether the main process is \
              running, not whether it still answers; a hung server keeps receiving traffic. \
              A stage built FROM a stage that has a HEALTHCHECK inherits it (and, as in \
              hadolint, a `FROM base` stage with a HEALTHCHECK also covers the `base` stage \
              itself). The rule is off by default because many images run under an orchestrator with its own probes.",
        bad: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
        good: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD curl -fs http://localhost/ || exit 1\n",
    },
};

struct StageInfo {
    /// The FROM image word (or the FROM keyword).
    span: Span,
    /// The stage's name: its alias, or else its image name (lower case).
    name: String,
    good: bool,
}

#[derive(Default)]
pub struct Check {
    stages: Vec<StageInfo>,
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => {
                let Some(stage) = cx.state.stage.map(|i| &cx.file.stages[i]) else { return };
                let span = stage.base.as_ref().map_or(instr.keyword_word.span, |b| b.span);
                let image = stage
                    .base
                    .as_ref()
                    .map(|b| ImageRef::parse(&b.text).name().to_lowercase())
                    .unwrap_or_default();
                // Built FROM a stage (or an image) already known to have a HEALTHCHECK.
                let good = self.stages.iter().any(|s| s.good && s.name == image);
                let name = stage.name.as_ref().map_or(image, |n| n.text.to_lowercase());
                self.stages.push(StageInfo { span, name, good });
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
        for stage in self.stages.iter().filter(|s| !s.good) {
            cx.report(stage.span, "This stage has no `HEALTHCHECK`").with_help(
                "Add `HEALTHCHECK CMD …` with a command that fails when the service is unhealthy.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM nginx:1.27\nRUN echo hi", &["nginx:1.27"]),
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
    Case::fires(
        "FROM alpine:3.20 AS base\nRUN true\nFROM base AS builder\nRUN true\nFROM base\nHEALTHCHECK CMD true",
        &["base"],
    ),
];
