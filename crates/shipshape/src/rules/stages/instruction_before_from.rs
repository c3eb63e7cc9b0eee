//! DL3061: an instruction other than ARG before the first FROM.

use crate::rules::prelude::*;

declare_rule! {
    InstructionBeforeFrom {
        code: "DL3061",
        name: "instruction-before-from",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment",
        why: "Before the first FROM there is no image to work on: only ARG instructions (which \
              declare arguments for the FROM lines) may come first. Any other instruction \
              there makes the build fail, or is a sign that the file was cut or pasted in the \
              wrong order.",
        bad: "LABEL maintainer=\"team@example.com\"\nFROM alpine:3.20\n",
        good:
            "ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSION}\nLABEL maintainer=\"team@example.com\"\n",
    }
}

#[derive(Default)]
pub struct InstructionBeforeFrom;

impl Rule for InstructionBeforeFrom {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if cx.state.stage.is_some() || matches!(instr.keyword, Keyword::From | Keyword::Arg) {
            return;
        }
        let keyword = instr.keyword_word.text.to_ascii_uppercase();
        cx.report(
            instr.keyword_word.span,
            format!("`{keyword}` before the first `FROM`: only `ARG` may come first"),
        )
        .with_help("Move the instruction after the `FROM` it belongs to.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("LABEL a=b\nFROM alpine:3.20", &["LABEL"]),
    Case::fires("# comment\nARG V=1\nenv X=1\nRUN echo\nFROM alpine:${V}", &["env", "RUN"]),
    Case::fires("RUN echo hi", &["RUN"]),
    Case::quiet("# syntax=docker/dockerfile:1\n# comment\nARG V=3.20\nFROM alpine:${V}\nRUN echo hi"),
    Case::quiet("FROM alpine:3.20\nLABEL a=b\nFROM debian:12\nARG X"),
    Case::quiet("FROM alpine:3.20\nRUN echo hi"),
    // An instruction word inside a comment before FROM is not an instruction.
    Case::quiet("# RUN echo hi\n\nFROM alpine:3.20"),
    // Keywords are case-insensitive: lower-case `arg` and `from` are still ARG and FROM.
    Case::quiet("arg V=3.20\nfrom alpine:${V}\nlabel a=b"),
    // A multi-line ARG (with a custom escape) before FROM; ONBUILD after it.
    Case::quiet("# escape=`\nARG A=1 `\n    B=2\nFROM alpine:3.20\nONBUILD RUN echo"),
];
