//! SS5009: a build ARG that holds a secret, used in a RUN (where a secret mount fits).

use crate::shell::spans::raw_span;
use crate::rules::prelude::*;
use crate::rules::security::secret_in_arg_or_env::looks_secret;

declare_rule! {
    SecretArgInRun {
        code: "SS5009",
        name: "secret-arg-in-run",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
    // An ONBUILD trigger runs in another build, where this file's ARGs do not apply.
    onbuild: false,
        summary: "Pass secrets to RUN with a secret mount, not a build ARG",
        why: "The value of a build ARG used by a RUN is recorded with that step: `docker history` \
              and the image's provenance show it, and the build cache keys on it. A token \
              passed with `--build-arg` and read as `$NPM_TOKEN` is therefore readable by \
              anyone with the image. `RUN --mount=type=secret,id=…` exposes the secret to \
              that one step only, as a file or (with `env=`) a variable, and records nothing. \
              DL3064 reports the ARG itself; this rule reports where its value is used.",
        bad: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n# hadolint ignore=DL3064\nARG NPM_TOKEN\nRUN npm config set //registry.npmjs.org/:_authToken \"$NPM_TOKEN\" && npm ci --omit=dev\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    npm config set //registry.npmjs.org/:_authToken \"$NPM_TOKEN\" && npm ci --omit=dev\n",
    }
}

/// Whether an ARG name holds a secret: DL3064's test, without the names that hold only
/// an identity (`DOCKER_USERNAME`, `FACEBOOK_APP_ID` …), which are not secret.
pub(crate) fn secret_arg(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    looks_secret(name)
        && ["pass", "secret", "token", "key", "credential", "auth"].iter().any(|w| lower.contains(w))
}

#[derive(Default)]
pub struct SecretArgInRun;

impl Rule for SecretArgInRun {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let secrets: Vec<&String> = cx.state.args.iter().filter(|a| secret_arg(a)).collect();
        if secrets.is_empty() {
            return;
        }
        let mut found: Vec<(Span, String)> = Vec::new();
        for cmd in &script.commands {
            let words = cmd
                .words
                .iter()
                .chain(cmd.assignments.iter().filter_map(|a| a.value.as_ref()))
                .chain(cmd.redirects.iter().filter_map(|r| r.target.as_ref()));
            for w in words {
                for p in w.parts.iter().filter(|p| p.kind == PartKind::Param) {
                    let Some(name) = p.name.as_deref().filter(|n| secrets.iter().any(|s| s == n)) else {
                        continue;
                    };
                    let from = p.start.saturating_sub(w.start) as usize;
                    let to = p.end.saturating_sub(w.start) as usize;
                    found.push((raw_span(cx.source, w, from, to), name.to_string()));
                }
            }
        }
        crate::sort::by_key(&mut found, |(s, _)| (s.start, s.end));
        found.dedup_by_key(|(s, _)| *s);
        for (span, name) in found {
            cx.report(span, format!("The build ARG `{name}` holds a secret, and its value is recorded with this step"))
                .with_help(format!(
                    "Use `RUN --mount=type=secret,id={},env={name}` and `docker build --secret id={},env={name}`.",
                    name.to_ascii_lowercase(),
                    name.to_ascii_lowercase()
                ));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM node:20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci",
        &["${NPM_TOKEN}"],
    ),
    Case::fires(
        "FROM debian:12\nARG GITHUB_TOKEN\nARG DB_PASSWORD=x\nRUN git clone https://$GITHUB_TOKEN@github.com/acme/app && ./setup -p \"$DB_PASSWORD\"",
        &["$GITHUB_TOKEN", "$DB_PASSWORD"],
    ),
    Case::fires(
        "ARG API_KEY\nFROM debian:12\nARG API_KEY\nRUN KEY=$API_KEY ./configure > /tmp/$API_KEY.log",
        &["$API_KEY", "$API_KEY"],
    ),
    Case::fires("FROM debian:12\nARG AWS_SECRET_ACCESS_KEY\nRUN echo $(printf %s \"$AWS_SECRET_ACCESS_KEY\")", &["$AWS_SECRET_ACCESS_KEY"]),
    Case::quiet("ARG NPM_TOKEN\nFROM node:20\nRUN echo $NPM_TOKEN"),
    Case::quiet("FROM node:20\nARG NPM_TOKEN\nFROM node:20 AS second\nRUN npm ci && echo $NPM_TOKEN"),
    Case::quiet("FROM debian:12\nARG USERNAME=app\nARG VERSION=1\nRUN useradd $USERNAME && echo $VERSION"),
    Case::quiet("FROM debian:12\nRUN echo $GITHUB_TOKEN\nARG GITHUB_TOKEN"),
    Case::quiet("FROM debian:12\nARG GITHUB_TOKEN\nONBUILD RUN echo $GITHUB_TOKEN"),
    Case::quiet("FROM debian:12\nARG GITHUB_TOKEN\nRUN --mount=type=secret,id=gh cat /run/secrets/gh > /dev/null"),
    Case::quiet("FROM debian:12\nARG NPM_TOKEN\nRUN echo '$NPM_TOKEN' > /tmp/template"),
    // An escaped reference writes a template that npm expands at run time.
    Case::quiet("FROM node:20\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=\\${NPM_TOKEN}\" > .npmrc"),
    // The name only in a shell comment.
    Case::quiet("FROM node:20\nARG NPM_TOKEN\nRUN npm ci  # needs $NPM_TOKEN in .npmrc"),
];
