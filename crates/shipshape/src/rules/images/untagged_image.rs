//! DL3006: a FROM image without a tag.

use crate::analysis::Base;
use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    UntaggedImage {
        code: "DL3006",
        name: "untagged-image",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        summary: "A FROM image without a tag or digest",
        why: "An image without a tag means `latest`, which moves: the same Dockerfile builds \
              a different image next month, and a rebuild can break for reasons nobody changed. \
              A tag (or a digest) says which image you tested with.",
        bad: "FROM debian\nRUN echo hi\n",
        good: "FROM debian:bookworm-slim\nRUN echo hi\n",
    }
}

#[derive(Default)]
pub struct UntaggedImage;

impl Rule for UntaggedImage {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let Some(base) = words.first() else { return };
        let Some(facts) = cx.state.stage.and_then(|s| cx.analysis.stages.get(s)) else { return };
        if facts.base != Base::Image || cx.is_stage_name(&base.text) {
            return;
        }
        if !base.text.contains('$') {
            let image = ImageRef::parse(&base.text);
            if image.tag.is_none() && image.digest.is_none() {
                cx.report(base.span, format!("`{}` has no tag: the build takes whatever `latest` is today", base.text))
                    .with_help(HELP);
            }
            return;
        }
        // A name that picks an earlier stage through a variable (`FROM base-$TARGETARCH`
        // with stages `base-amd64`, `base-arm64`) is a stage, not an image.
        if matches_a_stage(cx, &base.text) {
            return;
        }
        // With variables, judge the reference they make when their values are known here
        // (ARG defaults, build arguments).
        let judged = facts.image.as_ref().filter(|r| r.complete() && !r.value.is_empty());
        let Some(resolved) = judged else {
            // Not known: only a reference whose name is written out can be judged.
            let image = ImageRef::parse(&base.text);
            if !base.text.starts_with('$') && image.tag.is_none() && image.digest.is_none() {
                cx.report(base.span, format!("`{}` has no tag: the build takes whatever `latest` is today", base.text))
                    .with_help(HELP);
            }
            return;
        };
        let image = ImageRef::parse(&resolved.value);
        if image.tag.is_some() || image.digest.is_some() || image.name() == "scratch" {
            return;
        }
        let from = cx.provenance(resolved);
        cx.report(
            base.span,
            format!(
                "`{}` is `{}` ({from}), which has no tag: the build takes whatever `latest` is today",
                base.text, resolved.value
            ),
        )
        .with_help(HELP);
    }
}

const HELP: &str = "Add a tag such as `:bookworm-slim`, or pin a digest with `@sha256:…`.";

/// Whether some earlier stage name matches `text` with each variable read as a wildcard.
fn matches_a_stage(cx: &Cx, text: &str) -> bool {
    let pattern = variables_as_stars(&text.to_ascii_lowercase());
    cx.stage_names.iter().any(|(name, _)| glob(&pattern, name))
}

/// `base-${ARCH}-x` → `base-*-x`.
fn variables_as_stars(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        out.push('*');
        if chars.peek() == Some(&'{') {
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
        } else {
            while chars.peek().is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
                chars.next();
            }
        }
    }
    out
}

fn glob(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, rest)) => {
            let Some(tail) = name.strip_prefix(head) else { return false };
            (0..=tail.len()).filter(|&i| tail.is_char_boundary(i)).any(|i| glob(rest, &tail[i..]))
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian", &["debian"]),
    Case::fires("FROM --platform=linux/amd64 docker.io/library/node AS build", &["docker.io/library/node"]),
    Case::fires("FROM localhost:5000/app", &["localhost:5000/app"]),
    Case::quiet("FROM debian:bookworm"),
    Case::quiet("FROM scratch"),
    Case::quiet("FROM debian@sha256:a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"),
    Case::quiet("FROM golang:1.22 AS build\nFROM build\nRUN go version"),
    Case::quiet("FROM node:20 AS Deps\nFROM deps"),
    // Variables are judged by the value they hold here.
    Case::fires("ARG BASE=debian\nFROM ${BASE}", &["${BASE}"]),
    Case::quiet("ARG BASE=debian:12\nFROM ${BASE}"),
    Case::quiet("ARG BASE\nFROM ${BASE}"),
    Case::quiet("ARG BASE=scratch\nFROM $BASE"),
    Case::quiet("FROM debian:12 AS build\nARG STAGE=build\nFROM alpine:3.20\nARG X=build\nFROM ${X}"),
    Case::quiet("FROM debian:12\nEXPOSE 8000"),
    Case::fires("ARG rel=tumbleweed\nFROM opensuse/$rel", &["opensuse/$rel"]),
    Case::quiet("FROM alpine:3 AS base-amd64\nFROM alpine:3 AS base-arm64\nFROM base-${TARGETARCH} AS final"),
];

#[cfg(test)]
mod tests {
    use crate::{lint, Config};

    #[test]
    fn says_where_the_value_comes_from() {
        let src = "ARG BASE=debian\nFROM ${BASE}\n";
        let d = lint(src, &Config::default()).diagnostics;
        let d = d.iter().find(|d| d.code == "DL3006").expect("DL3006");
        assert_eq!(
            d.message,
            "`${BASE}` is `debian` (from ARG BASE on line 1, which a build argument can change), which has no tag: the build takes whatever `latest` is today"
        );
        let config = Config { build_args: vec![("BASE".into(), "debian:12".into())], ..Config::default() };
        assert!(lint(src, &config).diagnostics.iter().all(|d| d.code != "DL3006"));
    }
}
