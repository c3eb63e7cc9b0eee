//! StageNameCasing: a stage name with upper-case letters.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "StageNameCasing",
    name: "stage-name-casing",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Style,
    fix: FixAvailability::None,
    origin: Origin::BuildKit,
    onbuild: false,
    summary: "Stage names should be lowercase",
    docs: Docs {
        why: "BuildKit reads stage names without regard to case, so `AS Builder` and \
              `--from=builder` name the same stage, and a mixed-case name only suggests a \
              difference that does not exist. Lower-case names also set identifiers apart \
              from instruction keywords. BuildKit calls this check StageNameCasing.",
        bad: "FROM golang:1.22-bookworm AS BuilderBase\nWORKDIR /src\nRUN go version\n",
        good: "FROM golang:1.22-bookworm AS builder-base\nWORKDIR /src\nRUN go version\n",
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
        let Args::Words(words) = &instr.args else { return };
        let [_, as_kw, name] = words.as_slice() else { return };
        if !as_kw.text.eq_ignore_ascii_case("as") || name.text == name.text.to_lowercase() {
            return;
        }
        let lower = name.text.to_lowercase();
        cx.report(name.span, format!("Stage name `{}` should be lower case", name.text))
            .with_help(format!("Rename the stage `{lower}` (and the references to it)."));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/stage-name-casing
    Case::fires("FROM alpine AS BuilderBase", &["BuilderBase"]),
    Case::quiet("FROM alpine AS builder-base"),
    Case::fires(
        "FROM scratch AS BadStageName\nFROM scratch as base2\nFROM scratch AS base3",
        &["BadStageName"],
    ),
    Case::fires("from alpine as BUILD\nfrom build", &["BUILD"]),
    Case::quiet("FROM alpine"),
    Case::quiet("FROM alpine:3.20 AS build_1.x\nFROM build_1.x"),
    Case::quiet("FROM Alpine"),
    // Upper case elsewhere on the line: in the tag, in a flag value.
    Case::quiet("FROM eclipse-temurin:21-JDK AS build"),
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
    // A reference in upper case is not the stage's name.
    Case::quiet("FROM alpine AS build\nFROM alpine\nCOPY --from=BUILD /app /app"),
];
