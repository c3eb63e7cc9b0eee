//! SS4004: the final stage runs its command without ever setting a USER.

use super::practice::{adds_files, image_parts, last_stage, lineage, root_image, runs_application};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4004",
    name: "user-missing",
    aliases: &[],
    severity: None,
    category: Category::Security,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "The final stage never sets USER, so the container runs as root",
    docs: Docs {
        why: "Without a USER instruction a container runs as root, and root in the container \
              is root on the host's kernel: an attacker who takes over the process can try \
              every attack a privileged user can. Create an unprivileged user and switch to it \
              (a numeric `USER 10001` also works in `scratch` and distroless images, where the \
              process would otherwise be uid 0 too). The rule looks at the stage that becomes \
              the image, only when it adds files of its own and runs an application (a CMD or \
              ENTRYPOINT that is not just a shell or an idle command; not a base or development \
              image), and stays quiet for images that drop \
              privileges themselves (`gosu`, `su-exec`) or already run as non-root \
              (distroless `nonroot` tags, Bitnami, `*-unprivileged`). hadolint's DL3002 \
              reports an explicit `USER root`. The rule is off by default: many images start \
              as root on purpose (official server images whose entrypoint drops privileges, \
              daemons that bind low ports), and a third of real Dockerfiles would be reported.",
        bad: "FROM debian:bookworm-slim\nCOPY --chmod=755 app /usr/local/bin/app\nCMD [\"app\"]\n",
        good: "FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 10001 app\nCOPY --chmod=755 app /usr/local/bin/app\nUSER 10001\nCMD [\"app\"]\n",
    },
};

/// Base images known to run as a non-root user, or that are not Linux images.
fn runs_unprivileged(word: &Word) -> bool {
    let (name, tag) = image_parts(word);
    let last = name.rsplit('/').next().unwrap_or(&name);
    (name.starts_with("gcr.io/distroless/") && tag.contains("nonroot"))
        || name.starts_with("cgr.dev/chainguard/")
        || name.starts_with("bitnami/")
        || name.contains("/bitnami/")
        || last.ends_with("-unprivileged")
        || last.ends_with("-rootless")
        || tag.contains("rootless")
        || tag.contains("nonroot")
        || name.contains("windows")
        || name.contains("nanoserver")
        || name.contains("servercore")
        || tag.contains("windowsservercore")
        || tag.contains("nanoserver")
}

/// Programs that switch to another user at run time.
const DROPPERS: &[&str] = &["gosu", "su-exec", "setpriv", "runuser", "chpst", "s6-setuidgid", "setuidgid"];

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if !cx.state.posix_shell() {
            return;
        }
        if root_image(cx.file, stage).is_some_and(runs_unprivileged) {
            return;
        }
        for instr in lineage(cx.file, stage) {
            match instr.keyword {
                Keyword::User => return,
                Keyword::Cmd | Keyword::Entrypoint | Keyword::Run => {}
                _ => continue,
            }
            let text = instr.logical.text.to_lowercase();
            let mentions = |p: &str| {
                text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).any(|w| w == p)
            };
            if DROPPERS.iter().any(|p| mentions(p)) {
                return;
            }
        }
        if !runs_application(cx.file, stage, true) || !adds_files(cx.file, stage) {
            return;
        }
        let from = &cx.file.instructions[cx.file.stages[stage].instructions.start];
        cx.report(from.keyword_word.span, "The final stage never sets `USER`, so the container runs as root")
            .with_help(
                "Create an unprivileged user (`RUN useradd --uid 10001 app`) and add `USER 10001` after the \
                 steps that need root.",
            );
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm\nCOPY app /usr/local/bin/app\nCMD [\"app\"]", &["FROM"]),
    Case::fires("FROM golang:1.22 AS build\nUSER 1000\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]", &["FROM"]),
    Case::fires("FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]", &["FROM"]),
    Case::quiet("FROM debian:bookworm\nRUN useradd -u 10001 app\nCOPY app /app\nUSER 10001\nCMD [\"/app\"]"),
    // Nothing of its own: a base image configured.
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\"]"),
    // Inherited from the stage it is built on.
    Case::quiet("FROM debian:bookworm AS base\nUSER 10001\nFROM base\nCOPY app /app\nCMD [\"/app\"]"),
    // No command: a base image for other images.
    Case::quiet("FROM debian:bookworm\nRUN apt-get update"),
    Case::quiet("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]"),
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache su-exec\nENTRYPOINT [\"/entrypoint.sh\"]"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"cmd\"]"),
    // An explicit root user is DL3002's.
    Case::quiet("FROM debian:bookworm\nCOPY app /app\nUSER root\nCMD [\"/app\"]"),
];
