//! SS5012: a base image not pinned by digest (off by default).

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    FromWithoutDigest {
        code: "SS5012",
        name: "from-without-digest",
        severity: Off,
        category: Security,
        fix: None,
        origin: Shipshape,
        summary: "Pin base images by digest",
        why: "A tag is a pointer that the publisher (or whoever takes over the account or the \
              registry) can move: `python:3.12-slim` names different content every week. A \
              digest (`@sha256:…`) names exactly one image, so the build gets what was \
              reviewed, and updates arrive as visible changes (which tools like Renovate or \
              Dependabot propose). Off by default, because pinning needs such a tool to stay \
              patched. Semgrep's registry calls this check dockerfile-source-not-pinned.",
        bad: "FROM debian:bookworm\n",
        good:
            "FROM debian:bookworm@sha256:b877a1a3fdf02469440f1768cf69c9771338a875b7add5e80c45b756c92ac20a\n",
    }
}

/// Whether a variable of the reference has a global default holding a digest
/// (`ARG ALPINE=3.20@sha256:…` … `FROM alpine:${ALPINE}`).
fn digest_in_variable(cx: &Cx, base: &Word) -> bool {
    let names: Vec<String> = base.var_refs(cx.file.escape).into_iter().map(|(_, r)| r.name).collect();
    cx.file.global_instructions().iter().any(|i| match &i.args {
        Args::ArgDecls(decls) => decls.iter().any(|d| {
            names.contains(&d.name.text) && d.default.as_ref().is_some_and(|v| v.text.contains('@'))
        }),
        _ => false,
    })
}

/// Whether `text`, with each variable read as a wildcard, matches an earlier stage name
/// (`FROM base-$TARGETARCH` with stages `base-amd64` and `base-arm64`).
fn names_a_stage(cx: &Cx, text: &str) -> bool {
    // The literal pieces between variables, which must appear in order.
    let mut pieces: Vec<String> = vec![String::new()];
    let mut chars = text.to_ascii_lowercase().chars().collect::<Vec<_>>().into_iter().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            pieces.last_mut().expect("never empty").push(c);
            continue;
        }
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
        pieces.push(String::new());
    }
    cx.stage_names.iter().any(|(name, _)| glob(&pieces, name))
}

/// Whether `name` is `pieces[0] * pieces[1] * … pieces[n]`.
fn glob(pieces: &[String], name: &str) -> bool {
    let (first, rest) = pieces.split_first().expect("never empty");
    let Some(mut at) = name.strip_prefix(first.as_str()).map(|r| name.len() - r.len()) else { return false };
    for (i, p) in rest.iter().enumerate() {
        if i == rest.len() - 1 {
            return name.len() >= at + p.len() && name[at..].ends_with(p.as_str());
        }
        match name[at..].find(p.as_str()) {
            Some(k) => at += k + p.len(),
            None => return false,
        }
    }
    at == name.len()
}

#[derive(Default)]
pub struct FromWithoutDigest;

impl Rule for FromWithoutDigest {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let Some(base) = words.first() else { return };
        let image = ImageRef::parse(&base.text);
        // A variable at the start may carry the whole reference, digest included.
        if base.text.starts_with('$')
            || base.text.contains('@')
            || image.name() == "scratch"
            || cx.is_stage_name(&base.text)
            || (base.text.contains('$') && (names_a_stage(cx, &base.text) || digest_in_variable(cx, base)))
        {
            return;
        }
        cx.report(base.span, format!("`{}` is not pinned by digest, so its content can change under the same name", base.text))
            .with_help("Append the digest, e.g. `debian:bookworm@sha256:…` (`docker buildx imagetools inspect` prints it).");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm", &["debian:bookworm"]),
    Case::fires("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static", &["golang:1.22", "gcr.io/distroless/static"]),
    Case::fires("ARG V=3.12\nFROM python:${V}-slim", &["python:${V}-slim"]),
    Case::quiet("FROM debian:bookworm@sha256:b877a1a3fdf02469440f1768cf69c9771338a875b7add5e80c45b756c92ac20a"),
    Case::quiet("FROM scratch\nCOPY app /app"),
    Case::quiet(
        "ARG ALPINE=3.20@sha256:b877a1a3fdf02469440f1768cf69c9771338a875b7add5e80c45b756c92ac20a\nFROM alpine:${ALPINE}",
    ),
    Case::quiet(
        "FROM alpine:3.20@sha256:b877a1a3fdf02469440f1768cf69c9771338a875b7add5e80c45b756c92ac20a AS base-amd64\nFROM base-${TARGETARCH}",
    ),
    Case::quiet("FROM golang@sha256:0b6d3e4a1f4a5b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c AS build\nFROM build"),
    Case::quiet("ARG BASE=debian:bookworm@sha256:b877a1a3fdf02469440f1768cf69c9771338a875b7add5e80c45b756c92ac20a\nFROM ${BASE}"),
];
