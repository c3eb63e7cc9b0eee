//! InvalidDefaultArgInFrom: with the ARG defaults alone, FROM names no valid image.

use crate::analysis::vars::{expand, global_defaults_of};
use crate::syntax::reference::valid_reference;
use crate::rules::prelude::*;

declare_rule! {
    InvalidDefaultArgInFrom {
        code: "InvalidDefaultArgInFrom",
        name: "invalid-default-arg-in-from",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: BuildKit,
        summary: "The default values of the global ARGs should make FROM a valid image",
        why: "A build should work without `--build-arg`. When a global ARG used in FROM has \
              no default (or a default that does not fit), the image name becomes empty or \
              invalid, e.g. `busybox:`, and the build fails unless every caller remembers the \
              argument. Give the ARG a default. BuildKit calls this check \
              InvalidDefaultArgInFrom.",
        bad: "ARG TAG\nFROM busybox:${TAG}\nRUN echo hi\n",
        good: "ARG TAG=1.36\nFROM busybox:${TAG}\nRUN echo hi\n",
    }
}

#[derive(Default)]
pub struct InvalidDefaultArgInFrom;

impl Rule for InvalidDefaultArgInFrom {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let Some(base) = words.first() else { return };
        // Without variables, an invalid name is a syntax error, reported as such.
        if base.var_refs(cx.file.escape).is_empty() {
            return;
        }
        let Some(env) = global_defaults_of(cx.file, "linux/amd64") else { return };
        let Some(name) = expand(cx.file.escape, &base.text, &env) else { return };
        if valid_reference(&name) {
            return;
        }
        let shown = if name.is_empty() { "an empty name".to_string() } else { format!("`{name}`") };
        cx.report(
            base.span,
            format!(
                "With the default ARG values, `{}` expands to {shown}, which is not a valid image",
                base.text
            ),
        )
        .with_help("Give the ARGs used here defaults that make a valid image reference.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/invalid-default-arg-in-from
    Case::fires("ARG TAG\nFROM busybox:${TAG}", &["busybox:${TAG}"]),
    Case::quiet("ARG TAG=latest\nFROM busybox:${TAG}"),
    Case::quiet("ARG VARIANT\nFROM busybox:stable${VARIANT}"),
    Case::quiet("ARG TAG\nFROM alpine:${TAG:-3.14}"),
    Case::fires("ARG BASE\nFROM ${BASE}", &["${BASE}"]),
    Case::fires("ARG IMAGE=Alpine\nFROM $IMAGE", &["$IMAGE"]),
    Case::quiet("ARG REGISTRY=docker.io\nARG IMAGE=${REGISTRY}/library/alpine\nFROM ${IMAGE}:3.20"),
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine:3.20-${TARGETARCH}"),
    Case::quiet("FROM busybox:"),
];
