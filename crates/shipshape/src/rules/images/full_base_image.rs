//! SS4003: the final image is built on a full official image that has a slim variant.

use crate::analysis::stages::last_stage;
use crate::analysis::images::official;
use crate::analysis::startup::runs_application;
use crate::rules::prelude::*;

declare_rule! {
    FullBaseImage {
        code: "SS4003",
        name: "full-base-image",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Shipshape,
        summary: "The final image uses a full official image where a slim variant exists",
        why: "The default tags of official language images (`python:3.12`, `node:20`, \
              `ruby:3.3` …) carry compilers, headers and hundreds of Debian packages that an \
              application rarely needs at run time. The seed guide measures `python:3.9.6` at \
              886MB against 115MB for `3.9.6-slim` (and 45MB for Alpine): smaller images build, \
              push and pull faster and have less to patch. Start from the `-slim` variant (or \
              `-alpine` where the image has no slim one) and install the few system packages \
              you need. Only official images whose variants are known are checked (`python`, \
              `node`, `ruby`, `perl`, `rust`, `golang`, `openjdk`, `php`). Only the stage that becomes the image is \
              checked, when it runs an application (a CMD or ENTRYPOINT that is not just a shell \
              or an idle command): a build stage, or a base or development image, may well want \
              the full image. The fix (unsafe) changes the tag to the smaller variant.",
        bad: "FROM python:3.12\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

const DEBIAN: &[&str] = &["bookworm", "bullseye", "buster", "stretch", "jessie", "trixie"];

/// Whether a tag part is a version: `3`, `3.12`, `3.12.1`, `8u342`.
fn version(part: &str) -> bool {
    let digits_dots = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    part.starts_with(|c: char| c.is_ascii_digit())
        && (digits_dots(part)
            || part
                .split_once('u')
                .is_some_and(|(a, b)| digits_dots(a) && b.chars().all(|c| c.is_ascii_digit())))
}

/// The slim (or smaller) variant of a full official image tag, if one is known to exist.
fn smaller(image: &str, tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let v = parts.next()?;
    if !version(v) || v.starts_with("0") {
        return None;
    }
    let rest: Vec<&str> = parts.collect();
    let debian = |d: &&str| DEBIAN.contains(d);
    match (image, rest.as_slice()) {
        ("python" | "ruby" | "perl" | "rust", []) => Some(format!("{v}-slim")),
        ("python" | "ruby" | "perl" | "rust", [d]) if debian(d) => Some(format!("{v}-slim-{d}")),
        ("node", []) => Some(format!("{v}-slim")),
        ("node", [d]) if debian(d) => Some(format!("{v}-{d}-slim")),
        ("golang", []) => Some(format!("{v}-alpine")),
        ("golang", [d]) if debian(d) => Some(format!("{v}-alpine")),
        ("openjdk", []) => Some(format!("{v}-slim")),
        ("openjdk", [k]) if matches!(*k, "jdk" | "jre") => Some(format!("{v}-{k}-slim")),
        ("openjdk", [d]) if debian(d) => Some(format!("{v}-slim-{d}")),
        ("openjdk", [k, d]) if matches!(*k, "jdk" | "jre") && debian(d) => Some(format!("{v}-{k}-slim-{d}")),
        ("php", []) => Some(format!("{v}-alpine")),
        ("php", [k]) if matches!(*k, "cli" | "fpm" | "zts") => Some(format!("{v}-{k}-alpine")),
        ("php", [d]) if debian(d) => Some(format!("{v}-alpine")),
        ("php", [k, d]) if matches!(*k, "cli" | "fpm" | "zts") && debian(d) => {
            Some(format!("{v}-{k}-alpine"))
        }
        _ => None,
    }
}

#[derive(Default)]
pub struct FullBaseImage;

impl Rule for FullBaseImage {
    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if !runs_application(cx.analysis, cx.file, stage, cx.state.posix_shell()) {
            return;
        }
        let Some(word) = cx.analysis.root_image(cx.file, stage) else { return };
        if word.text.contains('$') {
            return;
        }
        let Some(image) = official(word) else { return };
        let Some((tag, span)) = image.tag else { return };
        let Some(better) = smaller(image.name, tag) else { return };
        let name = image.name;
        let kind = if better.contains("slim") { "a slim" } else { "an Alpine" };
        // No fix for an image pinned by digest (the tag is not what is pulled), a tag whose
        // span is not exactly the tag as written, or a HEALTHCHECK that runs curl or wget
        // (the smaller images lack them: SS4006).
        let probes = cx.analysis.lineage(cx.file, stage).any(|i| {
            i.keyword == Keyword::Healthcheck
                && i.logical
                    .text
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(|w| w == "curl" || w == "wget")
        });
        // Nor for an Alpine variant of a stage that runs Debian's tools (apt, useradd, bash).
        let debian_tools = better.contains("alpine")
            && cx.analysis.lineage(cx.file, stage).any(|i| {
                i.keyword == Keyword::Run
                    && i.logical.text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).any(|w| {
                        matches!(w, "apt-get" | "apt" | "aptitude" | "dpkg" | "useradd" | "groupadd" | "bash")
                    })
            });
        let fix = (!word.text.contains('@') && span.text(cx.source) == tag && !probes && !debian_tools).then(
            || {
                // Unsafe: the smaller image lacks packages (compilers, tools, libraries) that later
                // steps or the application may use; Alpine also swaps glibc for musl.
                Fix::unsafe_(format!("Use `{name}:{better}`"), vec![Edit::replace(span, better.clone())])
            },
        );
        let d = cx.report(
            span,
            format!(
                "`{name}:{tag}` is the full image; `{name}:{better}` is {kind} variant of the same version"
            ),
        );
        d.with_help(format!(
            "Use `FROM {name}:{better}` and install only the system packages the application needs."
        ));
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12\nCMD [\"python\", \"app.py\"]", &["3.12"])
        .fixed("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
    Case::fires("FROM docker.io/library/node:20-bookworm\nCMD [\"node\", \"server.js\"]", &["20-bookworm"])
        .fixed("FROM docker.io/library/node:20-bookworm-slim\nCMD [\"node\", \"server.js\"]"),
    Case::fires(
        "FROM golang:1.22 AS build\nRUN go build\nFROM ruby:3.3.1\nCMD [\"ruby\", \"app.rb\"]",
        &["3.3.1"],
    )
    .fixed("FROM golang:1.22 AS build\nRUN go build\nFROM ruby:3.3.1-slim\nCMD [\"ruby\", \"app.rb\"]"),
    Case::fires("FROM openjdk:11-jdk AS base\nRUN true\nFROM base\nCMD [\"java\"]", &["11-jdk"])
        .fixed("FROM openjdk:11-jdk-slim AS base\nRUN true\nFROM base\nCMD [\"java\"]"),
    Case::fires("FROM php:8.3-fpm\nCMD [\"php-fpm\"]", &["8.3-fpm"]).fixed("FROM php:8.3-fpm-alpine\nCMD [\"php-fpm\"]"),
    // Continuation lines and comments around the FROM are kept.
    Case::fires(
        "# runtime\nfrom python:3.11-bookworm \\\n  AS app\n# start\nCMD [\"python\", \\\n  \"app.py\"]",
        &["3.11-bookworm"],
    )
    .fixed("# runtime\nfrom python:3.11-slim-bookworm \\\n  AS app\n# start\nCMD [\"python\", \\\n  \"app.py\"]"),
    Case::fires("# escape=`\nFROM golang:1.22-bookworm `\n  AS app\nCMD [\"/app\"]", &["1.22-bookworm"])
        .fixed("# escape=`\nFROM golang:1.22-alpine `\n  AS app\nCMD [\"/app\"]"),
    Case::fires("FROM perl:5.40 AS app\nCMD [\"perl\", \"app.pl\"]", &["5.40"])
        .fixed("FROM perl:5.40-slim AS app\nCMD [\"perl\", \"app.pl\"]"),
    // Pinned by digest: the tag is not what is pulled, no fix.
    Case::fires("FROM python:3.12@sha256:0123456789abcdef\nCMD [\"python\", \"app.py\"]", &["3.12"]),
    // A HEALTHCHECK with curl: the slim image has none (SS4006), no fix.
    Case::fires(
        "FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD [\"python\", \"app.py\"]",
        &["3.12"],
    ),
    // An Alpine variant would break Debian's tools: no fix.
    Case::fires("FROM golang:1.22\nRUN apt-get update\nCMD [\"/app\"]", &["1.22"]),
    // A full image in a build stage is fine.
    Case::quiet(
        "FROM python:3.12 AS build\nRUN pip wheel -w /w x\nFROM python:3.12-slim\nCOPY --from=build /w /w",
    ),
    Case::quiet("FROM python:3.12-slim-bookworm\nCMD [\"python\"]"),
    Case::quiet("FROM node:20-alpine\nCMD [\"node\"]"),
    Case::quiet("FROM python:${VERSION}\nCMD [\"python\"]"),
    Case::quiet("FROM python\nCMD [\"python\"]"),
    Case::quiet("FROM php:8.3-apache\nCMD [\"apache2-foreground\"]"),
    // A JDK image may be needed as such (build tools, JSP compilation).
    Case::quiet("FROM eclipse-temurin:21-jdk\nCMD [\"java\", \"-jar\", \"/app.jar\"]"),
    Case::quiet("FROM golang:1.8\nONBUILD COPY . /go/src/app\nCMD [\"go-wrapper\", \"run\"]"),
    Case::quiet("FROM myorg/python:3.12\nCMD [\"python\"]"),
    Case::quiet("FROM debian:bookworm\nCMD [\"bash\"]"),
    // An interpreter prompt: a base or development image.
    Case::quiet("FROM python:3.12\nCMD [\"python3\"]"),
    Case::quiet("FROM node:20\nRUN npm install -g pnpm"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM node:20-bookworm-slim\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM openjdk:11-jdk-slim\nCMD [\"java\", \"-jar\", \"/app.jar\"]"),
    Case::quiet("FROM php:8.3-fpm-alpine\nCMD [\"php-fpm\"]"),
    Case::quiet("FROM golang:1.22-alpine\nCMD [\"/app\"]"),
    Case::quiet("FROM python:3.11-slim-bookworm AS app\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM ghcr.io/library/python:3.12\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM rust:1.80-slim\nCMD [\"/app\"]"),
    Case::quiet("FROM golang:1.22-alpine\nRUN apk add --no-cache bash\nCMD [\"/app\"]"),
    Case::quiet("FROM node:20-slim\nRUN apt-get update\nCMD [\"node\", \"app.js\"]"),
];
