//! DL3007: a FROM image tagged `latest`.

use crate::analysis::Base;
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
        let written = ImageRef::parse(&base.text);
        if !base.text.contains('$') {
            if written.tag() != Some("latest") || written.digest.is_some() {
                return;
            }
            let span = base.sub_span(written.tag.clone().expect("tag checked above"));
            cx.report(span, "`latest` moves with every release: pin the tag you tested with").with_help(HELP);
            return;
        }
        // With variables (`FROM debian:${TAG}`), judge the reference they make when their
        // values are known here (ARG defaults, build arguments).
        let Some(facts) = cx.state.stage.and_then(|s| cx.analysis.stages.get(s)) else { return };
        let resolved = match (&facts.base, &facts.image) {
            (Base::Image, Some(r)) if r.complete() => r,
            _ => return,
        };
        let image = ImageRef::parse(&resolved.value);
        if image.tag() != Some("latest") || image.digest.is_some() {
            return;
        }
        // Point at the written tag when there is one (`${TAG}`), else at the reference.
        let span = written.tag.clone().map_or(base.span, |t| base.sub_span(t));
        let from = cx.provenance(resolved);
        cx.report(
            span,
            format!(
                "`{}` is `{}` ({from}): `latest` moves with every release, pin the tag you tested with",
                base.text, resolved.value
            ),
        )
        .with_help(HELP);
    }
}

const HELP: &str = "Use the release you tested with, e.g. `node:20.11-bookworm-slim`.";

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:latest", &["latest"]),
    Case::fires("FROM ghcr.io/org/tool:latest AS tool", &["latest"]),
    Case::quiet("FROM node:20"),
    Case::quiet("FROM node"),
    Case::quiet("FROM node:latest@sha256:a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2"),
    Case::quiet("FROM node:latest-slim"),
    Case::quiet("FROM node:20\nEXPOSE latest"),
    // Variables are judged by the value they hold here.
    Case::fires("ARG TAG=latest\nFROM debian:${TAG}", &["${TAG}"]),
    Case::fires("ARG IMAGE=node:latest\nFROM $IMAGE AS build", &["$IMAGE"]),
    Case::quiet("ARG TAG=12\nFROM debian:${TAG}"),
    Case::quiet("ARG TAG\nFROM debian:${TAG:-12}"),
];

#[cfg(test)]
mod tests {
    use crate::{lint, Config};

    #[test]
    fn says_where_the_value_comes_from() {
        let src = "ARG TAG=latest\nFROM debian:${TAG}\n";
        let d = lint(src, &Config::default()).diagnostics;
        let d = d.iter().find(|d| d.code == "DL3007").expect("DL3007");
        assert_eq!(
            d.message,
            "`debian:${TAG}` is `debian:latest` (from ARG TAG on line 1, which a build argument can change): `latest` moves with every release, pin the tag you tested with"
        );
        // A build argument that pins the tag settles it; one that says `latest` is known.
        let config = Config { build_args: vec![("TAG".into(), "12".into())], ..Config::default() };
        assert!(lint(src, &config).diagnostics.iter().all(|d| d.code != "DL3007"));
        let config = Config { build_args: vec![("TAG".into(), "latest".into())], ..Config::default() };
        let d = lint(src, &config).diagnostics;
        assert!(d.iter().any(|d| d.code == "DL3007" && d.message.contains("from the build argument TAG")));
    }
}
