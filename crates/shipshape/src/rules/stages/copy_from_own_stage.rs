//! DL3023: `COPY --from` names the stage it is in.

use crate::rules::prelude::*;

declare_rule! {
    CopyFromOwnStage {
        code: "DL3023",
        name: "copy-from-own-stage",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "`COPY --from` cannot reference its own stage",
        why: "A stage cannot copy from itself: its files are not built yet when the COPY \
              runs, and BuildKit rejects the circular dependency. The name is almost always \
              meant to be another stage.",
        bad: "FROM golang:1.22 AS build\nCOPY --from=build /src /src\n",
        good:
            "FROM golang:1.22 AS build\nCOPY . /src\nFROM debian:bookworm-slim\nCOPY --from=build /src /src\n",
    }
}

#[derive(Default)]
pub struct CopyFromOwnStage;

impl Rule for CopyFromOwnStage {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy {
            return;
        }
        let Some(value) = instr.flag("from").and_then(|f| f.value.as_ref()) else { return };
        let Some(name) = cx.state.stage.and_then(|s| cx.file.stages[s].name.as_ref()) else { return };
        if !name.text.eq_ignore_ascii_case(&value.text) {
            return;
        }
        cx.report(value.span, format!("`COPY --from={}` references the stage it is in", value.text))
            .with_help("Copy from an earlier stage, or from the build context without `--from`.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20 AS foo\nCOPY --from=foo bar .", &["foo"]),
    Case::fires("FROM node:20 AS base\nFROM base AS Build\nRUN x\nCOPY --from=build a b", &["build"]),
    Case::quiet("FROM scratch\nCOPY --from=foo bar ."),
    Case::quiet("FROM node:20 AS foo\nFROM scratch AS bar\nCOPY --from=foo a b"),
    Case::quiet("FROM node:20 AS foo\nCOPY bar ."),
    // A name that only starts like the stage's, and the parent of a derived stage.
    Case::quiet("FROM node:20 AS foo\nCOPY --from=foobar a b"),
    Case::quiet("FROM node:20 AS build\nFROM build AS test\nCOPY --from=build a b"),
];
