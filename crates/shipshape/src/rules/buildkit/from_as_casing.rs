//! FromAsCasing: the `AS` keyword of FROM written in another case than `FROM`.

use crate::rules::prelude::*;

declare_rule! {
    FromAsCasing {
        code: "FromAsCasing",
        name: "from-as-casing",
        severity: Warning,
        category: Style,
        fix: Always,
        origin: BuildKit,
        summary: "The `AS` keyword should match the case of `FROM`",
        why: "Keywords are case-insensitive, but `FROM image as name` mixes two styles on one \
              line, which makes the keyword harder to tell from the image and the stage name. \
              Write `AS` in the case of `FROM`. BuildKit calls this check FromAsCasing. The \
              fix rewrites `AS` in the case of `FROM`.",
        bad: "FROM debian:bookworm as builder\nRUN echo built > /built\n",
        good: "FROM debian:bookworm AS builder\nRUN echo built > /built\n",
    }
}

#[derive(Default)]
pub struct FromAsCasing;

impl Rule for FromAsCasing {
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
        let (lower, upper) = (*from == from.to_ascii_lowercase(), *from == from.to_ascii_uppercase());
        let wanted = if lower {
            as_kw.text.to_ascii_lowercase()
        } else if upper {
            as_kw.text.to_ascii_uppercase()
        } else {
            return;
        };
        if as_kw.text == wanted {
            return;
        }
        // Only the letters change (a keyword split by a continuation keeps it).
        let text = crate::edits::recase(cx.source, as_kw.span, upper);
        let fix = Fix::safe(format!("Write `{wanted}`"), vec![Edit::replace(as_kw.span, text)]);
        cx.report(as_kw.span, format!("`{}` does not match the case of `{from}`", as_kw.text))
            .with_help(format!("Write `{wanted}`."))
            .with_fix(fix);
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/from-as-casing
    Case::fires("FROM debian:latest as builder", &["as"]).fixed("FROM debian:latest AS builder"),
    Case::quiet("FROM debian:latest AS deb-builder"),
    Case::quiet("from debian:latest as deb-builder"),
    Case::fires("from scratch AS base\nfrom scratch as base2", &["AS"])
        .fixed("from scratch as base\nfrom scratch as base2"),
    Case::fires("FROM alpine As base", &["As"]).fixed("FROM alpine AS base"),
    // Across continuation lines with a comment, with a flag, and under the backtick escape.
    Case::fires(
        "# the build stage\nFROM --platform=$BUILDPLATFORM \\\n    # pinned\n    golang:1.22 as \\\n    build\nRUN go version",
        &["as"],
    )
    .fixed(
        "# the build stage\nFROM --platform=$BUILDPLATFORM \\\n    # pinned\n    golang:1.22 AS \\\n    build\nRUN go version",
    ),
    Case::fires("# escape=`\nfrom mcr.microsoft.com/windows/servercore:ltsc2022 `\n  As build", &["As"])
        .fixed("# escape=`\nfrom mcr.microsoft.com/windows/servercore:ltsc2022 `\n  as build"),
    Case::fires("FROM alpine aS base\r\nFROM base as final\r\n", &["aS", "as"])
        .fixed("FROM alpine AS base\r\nFROM base AS final\r\n"),
    // `AS` split by a continuation: only its letters change.
    Case::fires("FROM alpine a\\\ns base", &["a\\\ns"]).fixed("FROM alpine A\\\nS base"),
    Case::quiet("From alpine as base"),
    Case::quiet("FROM alpine"),
    // A flag before the image does not shift the words.
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
    // `as` elsewhere on other lines is not the keyword.
    Case::quiet("FROM alpine AS base\nRUN echo build as root\nLABEL note=\"use as base\""),
    Case::quiet("# check=skip=FromAsCasing\nFROM alpine as base"),
    // Near misses: a stage name that reads like `as`, continuation lines, the backtick escape.
    Case::quiet("FROM alpine AS as"),
    Case::quiet("from alpine \\\n  # stage\n  as base"),
    Case::quiet("# escape=`\nFROM alpine `\n  AS base"),
    Case::quiet("FROM alpine\nRUN echo as \\\n  AS"),
    Case::quiet("FROM alpine AS base\r\nFROM base AS final\r\n"),
    Case::quiet("FROM alpine as"),
    Case::quiet("FROM alpine A\\\nS base"),
];
