//! SS6003: `COPY --from=stage path` of a path that stage never made.

use crate::analysis::build::Violation;
use crate::rules::prelude::*;

declare_rule! {
    CopyFromMissingPath {
        code: "SS6003",
        name: "copy-from-missing-path",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        summary: "`COPY --from` takes a path that the stage it names never made",
        why: "`COPY --from=stage` copies from that stage's file system, and the build fails \
              when the path is not there. This rule checks only stages whose files are all \
              known: stages built FROM scratch that only copy files in and set a WORKDIR. A \
              stage that runs commands may make any file, so it is never judged. The usual \
              cause is a path that was renamed in one stage and not in the other.",
        bad: "FROM scratch AS assets\nCOPY static/ /srv/static/\nFROM nginx:1.27\nCOPY --from=assets /srv/public /usr/share/nginx/html\n",
        good: "FROM scratch AS assets\nCOPY static/ /srv/static/\nFROM nginx:1.27\nCOPY --from=assets /srv/static /usr/share/nginx/html\n",
    }
}

#[derive(Default)]
pub struct CopyFromMissingPath;

impl Rule for CopyFromMissingPath {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        if cx.onbuild {
            return;
        }
        let found: Vec<(Span, String, usize)> = cx
            .analysis
            .build
            .at(cx.index)
            .filter_map(|v| match v {
                Violation::MissingPath { span, path, stage } => Some((*span, path.clone(), *stage)),
                _ => None,
            })
            .collect();
        for (span, path, stage) in found {
            let name = cx
                .file
                .stages
                .get(stage)
                .and_then(|s| s.name.as_ref())
                .map_or(stage.to_string(), |n| n.text.clone());
            cx.report(span, format!("The stage `{name}` never makes `{path}`: this COPY fails")).with_help(
                "Copy a path the stage makes (its COPY destinations and WORKDIR), or make it there.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM scratch AS assets\nCOPY static/ /srv/static/\nWORKDIR /srv\nFROM nginx:1.27\nCOPY --from=assets /srv/dist /usr/share/nginx/html",
        &["/srv/dist"],
    ),
    Case::fires("FROM scratch AS a\nCOPY x /x\nFROM scratch\nCOPY --from=0 /y /y", &["/y"]),
    Case::quiet("FROM scratch AS a\nCOPY dist/ /srv/dist/\nFROM nginx:1.27\nCOPY --from=a /srv/dist/index.html /usr/share/nginx/html/"),
    Case::quiet("FROM scratch AS a\nCOPY dist/ /srv/dist/\nFROM nginx:1.27\nCOPY --from=a /srv /usr/share/nginx/html/"),
    Case::quiet("FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /nowhere /x"),
    Case::quiet("FROM scratch AS a\nCOPY x /x\nFROM scratch\nCOPY --from=a /x* /y"),
];
