//! DL3043: ONBUILD triggering ONBUILD, FROM or MAINTAINER.

use crate::rules::prelude::*;

declare_rule! {
    ForbiddenOnbuildTrigger {
        code: "DL3043",
        name: "forbidden-onbuild-trigger",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "`ONBUILD` cannot trigger `ONBUILD`, `FROM` or `MAINTAINER`",
        why: "Docker does not allow `ONBUILD ONBUILD`, `ONBUILD FROM` or `ONBUILD MAINTAINER`: \
              chaining triggers and switching the base image from a trigger are refused, so \
              the build fails as soon as it reads the line.",
        bad: "FROM node:20\nONBUILD FROM node:20-slim\n",
        good: "FROM node:20\nONBUILD COPY . /app/\n",
    }
}

#[derive(Default)]
pub struct ForbiddenOnbuildTrigger;

impl Rule for ForbiddenOnbuildTrigger {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let Some(trigger) = instr.trigger() else { return };
        if !matches!(trigger.keyword, Keyword::Onbuild | Keyword::From | Keyword::Maintainer) {
            return;
        }
        cx.report(
            trigger.keyword_word.span,
            format!("`{}` cannot be triggered from `ONBUILD`", trigger.keyword.as_str()),
        )
        .with_help("Move the instruction out of ONBUILD, or remove it.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nONBUILD ONBUILD RUN echo hi", &["ONBUILD"]),
    Case::fires("FROM node:20\nONBUILD FROM debian:12", &["FROM"]),
    Case::fires("FROM node:20\nonbuild maintainer me", &["maintainer"]),
    Case::quiet("FROM node:20\nONBUILD RUN echo hi"),
    Case::quiet("FROM node:20\nONBUILD COPY . /app/\nONBUILD WORKDIR /app"),
    Case::quiet("FROM node:20\nRUN echo ONBUILD FROM x"),
    // LABEL is the allowed replacement for MAINTAINER.
    Case::quiet("FROM node:20\nONBUILD LABEL maintainer=\"team@example.com\""),
    // A trigger that writes a FROM line into a file.
    Case::quiet("FROM node:20\nONBUILD RUN echo \"FROM scratch\" > /Dockerfile.child"),
    // A commented-out forbidden trigger, and an ARG whose value names an image.
    Case::quiet("FROM node:20\n# ONBUILD FROM debian:12\nONBUILD ARG BASE_IMAGE=debian:12"),
];
