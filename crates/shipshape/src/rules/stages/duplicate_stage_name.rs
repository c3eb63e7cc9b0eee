//! DL3024: two stages with the same name.

use crate::rules::prelude::*;

declare_rule! {
    DuplicateStageName {
        code: "DL3024",
        name: "duplicate-stage-name",
        aliases: ["DuplicateStageName"],
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "Stage names (FROM aliases) must be unique",
        why: "`COPY --from` and `FROM` refer to stages by name, so two stages with one name \
              make those references ambiguous, and BuildKit refuses the file. Stage names are \
              compared without regard to case. BuildKit calls this check DuplicateStageName.",
        bad: "FROM golang:1.22 AS build\nRUN go build ./...\nFROM node:20 AS build\nRUN npm ci\n",
        good: "FROM golang:1.22 AS build-go\nRUN go build ./...\nFROM node:20 AS build-js\nRUN npm ci\n",
    }
}

#[derive(Default)]
pub struct DuplicateStageName;

impl Rule for DuplicateStageName {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(name) = cx.state.stage.and_then(|s| cx.file.stages[s].name.as_ref()) else { return };
        // Stage names seen so far do not include this one yet.
        if !cx.is_stage_name(&name.text) {
            return;
        }
        cx.report(name.span, format!("Stage name `{}` is already used by an earlier stage", name.text))
            .with_help("Give every stage its own name.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20 AS foo\nRUN something\nFROM scratch AS foo\nRUN something", &["foo"]),
    Case::fires(
        "FROM node:20 AS foo\nFROM scratch AS bar\nFROM alpine:3 as FOO\nFROM alpine:3 AS foo",
        &["FOO", "foo"],
    ),
    Case::quiet("FROM scratch\nRUN something"),
    Case::quiet("FROM node:20 AS foo\nRUN something\nFROM scratch AS bar\nRUN something"),
    Case::quiet("FROM node:20 AS foo\nFROM foo\nFROM foo AS bar"),
    // Names that share a prefix are different names.
    Case::quiet("FROM node:20 AS build-js\nRUN a\nFROM golang:1.22 AS build-go\nRUN b"),
    // An image name that equals a stage name is not a second stage of that name.
    Case::quiet("FROM node:20 AS node\nRUN a\nFROM node:20 AS app\nRUN b"),
];
