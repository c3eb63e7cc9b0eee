//! FromAsCasing: the `AS` keyword of FROM written in another case than `FROM`.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "FromAsCasing",
    name: "from-as-casing",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Style,
    fix: FixAvailability::None,
    origin: Origin::BuildKit,
    onbuild: false,
    summary: "The `AS` keyword should match the case of `FROM`",
    docs: Docs {
        why: "Keywords are case-insensitive, but `FROM image as name` mixes two styles on one \
              line, which makes the keyword harder to tell from the image and the stage name. \
              Write `AS` in the case of `FROM`. BuildKit calls this check FromAsCasing.",
        bad: "FROM debian:bookworm as builder\nRUN echo built > /built\n",
        good: "FROM debian:bookworm AS builder\nRUN echo built > /built\n",
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
        let [_, as_kw, _] = words.as_slice() else { return };
        if !as_kw.text.eq_ignore_ascii_case("as") {
            return;
        }
        // A keyword in mixed case is ConsistentInstructionCasing's business.
        let from = &instr.keyword_word.text;
        let (lower, upper) = (*from == from.to_lowercase(), *from == from.to_uppercase());
        let wanted = if lower {
            as_kw.text.to_lowercase()
        } else if upper {
            as_kw.text.to_uppercase()
        } else {
            return;
        };
        if as_kw.text == wanted {
            return;
        }
        cx.report(as_kw.span, format!("`{}` does not match the case of `{from}`", as_kw.text))
            .with_help(format!("Write `{wanted}`."));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/from-as-casing
    Case::fires("FROM debian:latest as builder", &["as"]),
    Case::quiet("FROM debian:latest AS deb-builder"),
    Case::quiet("from debian:latest as deb-builder"),
    Case::fires("from scratch AS base\nfrom scratch as base2", &["AS"]),
    Case::fires("FROM alpine As base", &["As"]),
    Case::quiet("From alpine as base"),
    Case::quiet("FROM alpine"),
    // A flag before the image does not shift the words.
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
    // `as` elsewhere on other lines is not the keyword.
    Case::quiet("FROM alpine AS base\nRUN echo build as root\nLABEL note=\"use as base\""),
    Case::quiet("# check=skip=FromAsCasing\nFROM alpine as base"),
];
