//! SS4003: the final image is built on a full official image that has a slim variant.

use super::practice::{last_stage, official, root_image, runs_application};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4003",
    name: "full-base-image",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "The final image uses a full official image where a slim variant exists",
    docs: Docs {
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
              the full image.",
        bad: "FROM python:3.12\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    },
};

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
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if !runs_application(cx.file, stage, cx.state.posix_shell()) {
            return;
        }
        let Some(word) = root_image(cx.file, stage) else { return };
        if word.text.contains('$') {
            return;
        }
        let Some(image) = official(word) else { return };
        let Some((tag, span)) = image.tag else { return };
        let Some(better) = smaller(image.name, tag) else { return };
        let name = image.name;
        let kind = if better.contains("slim") { "a slim" } else { "an Alpine" };
        cx.report(
            span,
            format!(
                "`{name}:{tag}` is the full image; `{name}:{better}` is {kind} variant of the same version"
            ),
        )
        .with_help(format!(
            "Use `FROM {name}:{better}` and install only the system packages the application needs."
        ));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12\nCMD [\"python\", \"app.py\"]", &["3.12"]),
    Case::fires("FROM docker.io/library/node:20-bookworm\nCMD [\"node\", \"server.js\"]", &["20-bookworm"]),
    Case::fires(
        "FROM golang:1.22 AS build\nRUN go build\nFROM ruby:3.3.1\nCMD [\"ruby\", \"app.rb\"]",
        &["3.3.1"],
    ),
    Case::fires("FROM openjdk:11-jdk AS base\nRUN true\nFROM base\nCMD [\"java\"]", &["11-jdk"]),
    Case::fires("FROM php:8.3-fpm\nCMD [\"php-fpm\"]", &["8.3-fpm"]),
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
];
