//! DL3007: a FROM image tagged `latest`.

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    LatestTag {
        code: "DL3007",
        name: "latest-tag",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        summary: "A FROM image tagged `latest`",
        why: "`latest` is just the tag a publisher moved last. Builds with it are not \
              repeatable, and an update of the base image can break the build or change \
              the behaviour of the result without any change to the Dockerfile.",
        bad: "FROM node:latest\n",
        good: "FROM node:20.11-bookworm-slim\n",
    }
}

#[derive(Default)]
pub struct LatestTag;

impl Rule for LatestTag {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let Some(base) = words.first() else { return };
        let image = ImageRef::parse(&base.text);
        if image.tag() != Some("latest") || image.digest.is_some() {
            return;
        }
        let tag = image.tag.clone().expect("tag checked above");
        let span = base.sub_span(tag);
        cx.report(span, "`latest` moves with every release: pin the tag you tested with")
            .with_help("Use the release you tested with, e.g. `node:20.11-bookworm-slim`.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:latest", &["latest"]),
    Case::fires("FROM ghcr.io/org/tool:latest AS tool", &["latest"]),
    Case::quiet("FROM node:20"),
    Case::quiet("FROM node"),
    Case::quiet("FROM node:latest@sha256:a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"),
    Case::quiet("FROM node:latest-slim"),
    Case::quiet("FROM node:20\nEXPOSE latest"),
];
