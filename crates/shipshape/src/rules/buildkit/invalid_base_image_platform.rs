//! InvalidBaseImagePlatform: `FROM --platform=` asks for an operating system the base image
//! is not built for.
//!
//! BuildKit reports this after pulling, when the image it got is of another platform than the
//! one asked for. Before a build, only the operating system can be told from the reference
//! itself: Windows images say so in their name or tag (`windows/servercore`,
//! `…-nanoserver-ltsc2022`), and some images or tags exist only for Linux (`alpine`,
//! `…-bookworm`). The architecture would need each image's list of platforms, which the
//! engine does not have, so it is not checked.

use crate::analysis::vars::{global_defaults_of, is_platform_arg};
use crate::syntax::reference::parse_platform;
use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

declare_rule! {
    InvalidBaseImagePlatform {
        code: "InvalidBaseImagePlatform",
        name: "invalid-base-image-platform",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: BuildKit,
        summary: "FROM --platform should name a platform the base image is built for",
        why: "`--platform` picks one image out of a multi-platform base. When the base is not \
              built for that operating system (a Windows `servercore` image asked for as \
              `linux/amd64`, `alpine` asked for as `windows/amd64`), the pull fails with \"no \
              match for platform in manifest\", or a single-platform image is pulled anyway \
              and every RUN of the stage fails or runs under the wrong system. BuildKit \
              reports it as InvalidBaseImagePlatform once it has pulled the image; shipshape \
              reports it before any build where the image reference itself tells the \
              operating system (Windows names and tags such as `nanoserver`, \
              `windowsservercore`, `ltsc2022`; Linux-only images and tags such as `alpine`, \
              `debian`, `-bookworm`, `-slim`). A wrong architecture cannot be told without \
              the image's platform list and is not checked.",
        bad: "FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n",
        good: "FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi\n",
    }
}

#[derive(Default)]
pub struct InvalidBaseImagePlatform;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Os {
    Linux,
    Windows,
}

impl Os {
    fn name(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Windows => "windows",
        }
    }
}

/// Tag words that mark a Windows build (`python:3.12-windowsservercore-ltsc2022`,
/// `mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809`).
const WINDOWS_TAG_WORDS: &[&str] =
    &["windowsservercore", "servercore", "nanoserver", "ltsc2016", "ltsc2019", "ltsc2022", "ltsc2025"];

/// Tag words that mark a Linux distribution build (`node:20-bookworm-slim`, `python:3.12-alpine`).
const LINUX_TAG_WORDS: &[&str] = &[
    "alpine", "slim", "bookworm", "bullseye", "buster", "trixie", "stretch", "jammy", "noble", "focal",
    "bionic", "xenial", "ubi8", "ubi9", "musl", "glibc", "uclibc",
];

/// Official images built for Linux only (whatever their tag).
const LINUX_IMAGES: &[&str] = &[
    "alpine",
    "debian",
    "ubuntu",
    "busybox",
    "centos",
    "fedora",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "archlinux",
    "oraclelinux",
    "photon",
    "clearlinux",
    "mageia",
    "alt",
    "opensuse/leap",
    "opensuse/tumbleweed",
    "redhat/ubi8",
    "redhat/ubi9",
];

/// The operating system an image reference names, when the reference alone tells it.
fn image_os(reference: &str) -> Option<Os> {
    let linux_word = |w: &&str| LINUX_TAG_WORDS.contains(w) || w.starts_with("alpine");
    let image = ImageRef::parse(reference);
    let registry = image.registry().unwrap_or("docker.io").to_ascii_lowercase();
    let name = image.name().to_ascii_lowercase();
    let name = name.strip_prefix("library/").unwrap_or(&name);
    if registry == "mcr.microsoft.com"
        && (name.starts_with("windows/") || name == "windows" || name.starts_with("dotnet/framework/"))
    {
        return Some(Os::Windows);
    }
    let tag = image.tag().unwrap_or("").to_ascii_lowercase();
    let tag_words: Vec<&str> = tag.split(['-', '_', '.']).collect();
    if tag_words.iter().any(|w| WINDOWS_TAG_WORDS.contains(w)) && !tag_words.iter().any(linux_word) {
        return Some(Os::Windows);
    }
    if tag_words.iter().any(linux_word) {
        return Some(Os::Linux);
    }
    let docker_hub = registry == "docker.io" || registry == "index.docker.io";
    if (docker_hub && LINUX_IMAGES.contains(&name))
        || registry == "gcr.io" && name.starts_with("distroless/")
        || registry == "cgr.dev" && name.starts_with("chainguard/")
    {
        return Some(Os::Linux);
    }
    None
}

impl Rule for InvalidBaseImagePlatform {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Some(flag) = instr.flag("platform").and_then(|f| f.value.as_ref()) else { return };
        let Args::Words(words) = &instr.args else { return };
        let Some(base) = words.first() else { return };
        let escape = cx.file.escape;
        // `$BUILDPLATFORM`, `$TARGETOS` …: the platform is the build's choice, unknown here.
        let refs = flag.var_refs(escape).into_iter().chain(base.var_refs(escape));
        if refs.into_iter().any(|(_, r)| is_platform_arg(&r.name)) {
            return;
        }
        let Some(env) = global_defaults_of(cx.file, "linux/amd64") else { return };
        let expand = |text: &str| crate::analysis::vars::expand(cx.file.escape, text, &env);
        let (Some(platform), Some(image)) = (expand(&flag.text), expand(&base.text)) else { return };
        if image.eq_ignore_ascii_case("scratch") || cx.is_stage_name(&image) {
            return;
        }
        let Some((os, _)) = parse_platform(&platform) else { return };
        let Some(image_os) = image_os(&image) else { return };
        if os == image_os.name() {
            return;
        }
        cx.report(
            flag.span,
            format!("`--platform={platform}` asks for {os}, but `{image}` is a {} image", image_os.name()),
        )
        .with_help(format!("Use a `{}/…` platform, or a base image built for {os}.", image_os.name()));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi",
        &["linux/amd64"],
    ),
    Case::quiet("FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi"),
    Case::fires("FROM --platform=windows/amd64 alpine:3.20\nRUN echo hi", &["windows/amd64"]),
    Case::quiet("FROM --platform=linux/arm64 alpine:3.20\nRUN echo hi"),
    // python:3.12 is built for Linux and Windows: the reference alone does not tell.
    Case::quiet("FROM --platform=windows/amd64 python:3.12\nRUN echo hi"),
    Case::fires("FROM --platform=windows/amd64 python:3.12-slim-bookworm", &["windows/amd64"]),
    Case::fires("FROM --platform=linux/amd64 golang:1.22-nanoserver-ltsc2022 AS build", &["linux/amd64"]),
    Case::quiet("FROM --platform=windows/amd64 golang:1.22-nanoserver-ltsc2022 AS build"),
    // Variables: the global ARG defaults are used; the build's own platform is unknown.
    Case::fires(
        "ARG PLATFORM=windows/amd64\nFROM --platform=$PLATFORM debian:bookworm\nRUN echo hi",
        &["$PLATFORM"],
    ),
    Case::quiet("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/windows/nanoserver:ltsc2022"),
    Case::quiet("ARG PLATFORM\nFROM --platform=$PLATFORM debian:bookworm"),
    Case::quiet("FROM alpine AS base\nFROM --platform=windows/amd64 base"),
    Case::quiet("FROM --platform=windows/amd64 scratch"),
    Case::quiet("FROM --platform=linux/amd64 gcr.io/distroless/static-debian12"),
    Case::fires("FROM --platform=windows/amd64 gcr.io/distroless/static-debian12", &["windows/amd64"]),
    Case::quiet("FROM --platform=not/a/valid/platform alpine"),
    // Only the official `alpine` is Linux-only: another publisher's image of that name may
    // be built for any system.
    Case::quiet("FROM --platform=windows/amd64 myorg/alpine:3.20"),
    // A Linux tag asked for as Linux (with a variant), and a multi-system tag.
    Case::quiet("FROM --platform=linux/arm64/v8 mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim"),
    Case::quiet("FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:8.0"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operating_systems_from_references() {
        let cases = [
            ("mcr.microsoft.com/windows/nanoserver:ltsc2022", Some(Os::Windows)),
            ("mcr.microsoft.com/dotnet/framework/sdk:4.8", Some(Os::Windows)),
            ("mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809", Some(Os::Windows)),
            ("mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim", Some(Os::Linux)),
            ("mcr.microsoft.com/dotnet/sdk:8.0", None),
            ("docker.io/library/ubuntu:24.04", Some(Os::Linux)),
            ("library/debian", Some(Os::Linux)),
            ("node:20-alpine3.19", Some(Os::Linux)),
            ("node:20-alpine", Some(Os::Linux)),
            ("openjdk:17-windowsservercore", Some(Os::Windows)),
            ("myorg/alpine", None),
            ("nginx", None),
        ];
        for (reference, want) in cases {
            assert_eq!(image_os(reference), want, "{reference}");
        }
    }
}
