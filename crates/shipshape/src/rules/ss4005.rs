//! SS4005: the final stage exposes a port but has no HEALTHCHECK.

use super::practice::{last_stage, lineage};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4005",
    name: "expose-without-healthcheck",
    aliases: &[],
    severity: None,
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "The image serves a port but has no HEALTHCHECK",
    docs: Docs {
        why: "A container whose process is running is not necessarily serving: it may still be \
              starting, or stuck. A HEALTHCHECK lets Docker probe the service (for example \
              `curl --fail http://localhost:8000/`) and report the container as healthy or \
              unhealthy in `docker ps`. Unlike hadolint's DL3057, which asks every stage for a \
              HEALTHCHECK, this rule only asks it of an image that EXPOSEs a port, i.e. a \
              service. It is off by default: Kubernetes, ECS and other orchestrators ignore \
              HEALTHCHECK and use their own probes.",
        bad: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nEXPOSE 80\n",
        good: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nEXPOSE 80\nHEALTHCHECK CMD [\"wget\", \"-q\", \"--spider\", \"http://localhost/\"]\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        let mut port = None;
        for instr in lineage(cx.file, stage) {
            match (&instr.keyword, &instr.args) {
                (Keyword::Healthcheck, _) => return,
                (Keyword::Expose, Args::Words(words)) if port.is_none() => {
                    port = words.first().map(|w| w.span)
                }
                _ => {}
            }
        }
        let Some(span) = port else { return };
        cx.report(span, format!("The image serves port `{}` but has no `HEALTHCHECK`", cx.text(span)))
            .with_help("Add `HEALTHCHECK CMD …` with a command that fails when the service does not answer.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM nginx:1.27\nEXPOSE 80 443", &["80"]),
    Case::fires("FROM node:20 AS base\nEXPOSE 3000\nFROM base\nCMD [\"node\", \"server.js\"]", &["3000"]),
    Case::quiet("FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1"),
    Case::quiet("FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE"),
    Case::quiet("FROM node:20 AS build\nEXPOSE 3000\nFROM node:20-slim\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM debian:bookworm\nCMD [\"bash\"]"),
];
