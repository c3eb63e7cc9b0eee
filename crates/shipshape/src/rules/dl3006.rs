//! DL3006: a FROM image without a tag.

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

pub static META: RuleMeta = RuleMeta {
    code: "DL3006",
    name: "untagged-image",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Reproducibility,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Always tag the version of an image explicitly",
    docs: Docs {
        why: "An image without a tag means `latest`, which moves: the same Dockerfile builds \
              a different image next month, and a rebuild can break for reasons nobody changed. \
              A tag (or a digest) says which image you tested with.",
        bad: "FROM debian\nRUN echo hi\n",
        good: "FROM debian:bookworm-slim\nRUN echo hi\n",
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
        let Some(base) = words.first() else { return };
        let image = ImageRef::parse(&base.text);
        // A variable may carry the tag (`ARG BASE=debian:12` … `FROM $BASE`): not judged here.
        if base.text.contains('$')
            || image.name() == "scratch"
            || image.tag.is_some()
            || image.digest.is_some()
            || cx.is_stage_name(&base.text)
        {
            return;
        }
        cx.report(
            base.span,
            format!("Always tag the version of an image explicitly: `{}` has no tag", base.text),
        )
        .with_help("Add a tag such as `:bookworm-slim`, or pin a digest with `@sha256:…`.");
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
    Case::quiet("ARG BASE=debian\nFROM ${BASE}"),
    Case::quiet("FROM debian:12\nEXPOSE 8000"),
];
