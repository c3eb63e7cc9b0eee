//! DL3066: USER with a user name instead of a numeric user id.

use crate::rules::prelude::*;
use crate::syntax::lex::{var_refs, VarOp};

declare_rule! {
    NonNumericUser {
        code: "DL3066",
        name: "non-numeric-user",
        severity: Info,
        category: Security,
        fix: None,
        origin: Hadolint,
        summary: "Non-numeric user id may not be resolvable by the host system",
        why: "A user name is resolved through the image's `/etc/passwd` only inside the \
              container. Orchestrators that enforce non-root policies (Kubernetes' \
              `runAsNonRoot`, for one) and volume permissions on the host see only numbers, \
              so they cannot verify a name. A numeric `UID[:GID]` means the same thing \
              everywhere. A USER that refers to a build argument is not reported.",
        bad: "FROM node:20-alpine\nUSER node\n",
        good: "FROM node:20-alpine\nUSER 1000:1000\n",
    }
}

#[derive(Default)]
pub struct NonNumericUser {
    /// Every ARG name declared so far (global ones and those of any stage).
    args: Vec<String>,
}

impl Rule for NonNumericUser {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (&instr.keyword, &instr.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                self.args.extend(decls.iter().map(|d| d.name.text.clone()));
            }
            (Keyword::User, Args::Text(word)) => {
                let text = &word.text;
                // A user given by a build argument can be numeric when the build says so.
                let refs = var_refs(text, cx.file.escape);
                if refs.iter().any(|r| r.op == VarOp::Plain && self.args.contains(&r.name)) {
                    return;
                }
                // The user part ends at the first `:` that is not inside a `${…}`.
                let end = text
                    .char_indices()
                    .find(|(i, c)| *c == ':' && !refs.iter().any(|r| r.range.contains(i)))
                    .map_or(text.len(), |(i, _)| i);
                let user = &text[..end];
                if user.chars().all(|c| c.is_ascii_digit()) {
                    return;
                }
                let span = word.sub_span(0..end);
                cx.report(span, format!("`USER {user}` names a user: a numeric user id may be needed to resolve it on the host"))
                    .with_help("Use the numeric id, e.g. `USER 1000:1000` (create the user with that id first).");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nUSER node", &["node"]),
    Case::fires("FROM alpine:3.20\nUSER app:1000", &["app"]),
    Case::fires("FROM alpine:3.20\nENV APP_USER=app\nUSER $APP_USER", &["$APP_USER"]),
    Case::fires("FROM alpine:3.20\nARG U\nUSER ${U:-app}", &["${U:-app}"]),
    Case::fires("FROM alpine:3.20\nUSER $LATER\nARG LATER", &["$LATER"]),
    Case::quiet("FROM alpine:3.20\nUSER 1000 "),
    Case::quiet("FROM alpine:3.20\nUSER 1000:app"),
    Case::quiet("ARG UID=1000\nFROM alpine:3.20\nUSER $UID"),
    Case::quiet("FROM alpine:3.20 AS a\nARG APP_USER\nFROM alpine:3.20\nUSER ${APP_USER}:${APP_GROUP}"),
    Case::quiet("FROM alpine:3.20\nONBUILD USER app"),
    // Both names of a multi-name ARG count as build arguments.
    Case::quiet("FROM alpine:3.20\nARG UID=1000 GID=1000\nUSER ${UID}:${GID}"),
    // A build argument is not reported even when its default is a name (unlike an ENV).
    Case::quiet("FROM alpine:3.20\nARG APP_USER=app\nUSER $APP_USER"),
    // An ARG declared in an earlier stage.
    Case::quiet("FROM alpine:3.20 AS base\nARG APP_UID=1000\nFROM base\nUSER $APP_UID"),
    // Numeric root with a group.
    Case::quiet("FROM alpine:3.20\nUSER 0:0"),
    // A name only in a comment and an echo; a lower-case `user` keyword with a number.
    Case::quiet("# USER node\nFROM node:20\nRUN echo \"USER node\" > /notes\nuser 1000"),
];
