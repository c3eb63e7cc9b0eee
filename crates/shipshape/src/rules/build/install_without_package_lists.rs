//! SS6001: `apt-get install` with no package lists, which cannot find any package.

use crate::analysis::build::Violation;
use crate::rules::prelude::*;

declare_rule! {
    InstallWithoutPackageLists {
        code: "SS6001",
        name: "install-without-package-lists",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        summary: "`apt-get install` runs when there are no package lists, so the build fails",
        why: "apt installs only what its package lists know. The official Debian and Ubuntu \
              images, and the images built on them, ship without lists, and \
              `rm -rf /var/lib/apt/lists/*` deletes them. An install that runs with no lists \
              fails with \"Unable to locate package\". Fetch the lists in the same RUN, just \
              before the install, and delete them at the end of that RUN: \
              `apt-get update && apt-get install … && rm -rf /var/lib/apt/lists/*`.",
        bad: "FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
    }
}

#[derive(Default)]
pub struct InstallWithoutPackageLists;

impl Rule for InstallWithoutPackageLists {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        if cx.onbuild {
            return;
        }
        let found: Vec<(Span, Option<(usize, Span)>)> = cx
            .analysis
            .build
            .at(cx.index)
            .filter_map(|v| match v {
                Violation::NoPackageLists { span, removed } => Some((*span, *removed)),
                _ => None,
            })
            .collect();
        for (span, removed) in found {
            let d = match removed {
                Some((_, at)) => {
                    let line = crate::syntax::text::line_of(cx.source, at.start);
                    cx.report(
                        span,
                        format!("`apt-get install` finds no package: the lists were removed on line {line}"),
                    )
                    .with_label(at, "the package lists are removed here")
                }
                None => cx.report(
                    span,
                    "`apt-get install` finds no package: this stage never fetched the package lists",
                ),
            };
            d.with_help("Run `apt-get update &&` before the install in the same RUN, and remove the lists at the end of that RUN.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y gcc", &["install"]),
    Case::fires("FROM python:3.12-slim\nRUN apt-get install -y gcc", &["install"]),
    Case::fires("FROM ubuntu:24.04\nRUN apt-get update \\\n  && rm -rf /var/lib/apt/lists/* \\\n  && apt-get install -y gcc", &["install"]),
    Case::quiet("FROM debian:12\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*"),
    Case::quiet("FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y gcc"),
    Case::quiet("FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y gcc"),
    Case::quiet("FROM registry.example.com/debian:12\nRUN apt-get install -y gcc"),
    Case::quiet("FROM debian:12\nCOPY x.deb /tmp/\nRUN apt-get install -y /tmp/x.deb"),
];
