//! SS6002: `USER name` for a user the image cannot have.

use crate::analysis::build::Violation;
use crate::rules::prelude::*;

declare_rule! {
    UserNotCreated {
        code: "SS6002",
        name: "user-not-created",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        summary: "`USER` names a user that no step creates and the base image does not have",
        why: "The build fails at the next RUN, and the container fails to start, with \
              \"unable to find user\", when the USER instruction names a user that does not \
              exist in the image. This rule fires only when the base image is one whose \
              users are well known (Debian, Ubuntu, Alpine, BusyBox, the Red Hat family, \
              scratch, and official images such as node or nginx), and when no step of the \
              stage could have created the user. Create the user first \
              (`useradd --system app`, or `adduser -D app` on Alpine), or give a numeric \
              UID, which needs no entry in /etc/passwd.",
        bad: "FROM debian:bookworm-slim\nUSER app\n",
        good: "FROM debian:bookworm-slim\nRUN useradd --system --uid 10001 app\nUSER app\n",
    }
}

#[derive(Default)]
pub struct UserNotCreated;

impl Rule for UserNotCreated {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        if cx.onbuild {
            return;
        }
        let found: Vec<(Span, String)> = cx
            .analysis
            .build
            .at(cx.index)
            .filter_map(|v| match v {
                Violation::UnknownUser { span, name } => Some((*span, name.clone())),
                _ => None,
            })
            .collect();
        for (span, name) in found {
            cx.report(span, format!("No step creates the user `{name}`, and the base image has no such user"))
                .with_help(format!(
                    "Create it first (`RUN useradd --system {name}`, or `adduser -D {name}` on Alpine), or use a numeric UID."
                ));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nUSER app", &["app"]),
    Case::fires("FROM alpine:3.20\nRUN adduser -D appuser\nUSER apuser:apuser", &["apuser"]),
    Case::fires("FROM node:20-alpine\nUSER nodejs", &["nodejs"]),
    Case::quiet("FROM debian:12\nRUN useradd -r -u 10001 -g nogroup app\nUSER app"),
    Case::quiet("FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\nUSER app:app"),
    Case::quiet("FROM node:20\nUSER node"),
    Case::quiet("FROM debian:12\nUSER 10001:10001"),
    Case::quiet("FROM acme/base:1\nUSER app"),
    Case::quiet("FROM debian:12\nRUN ./setup.sh\nUSER app"),
    Case::quiet("FROM debian:12\nARG USERNAME\nUSER $USERNAME"),
];
