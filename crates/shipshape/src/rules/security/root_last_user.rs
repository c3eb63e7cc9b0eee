//! DL3002: the last USER of a stage is root.

use crate::rules::prelude::*;

declare_rule! {
    RootLastUser {
        code: "DL3002",
        name: "root-last-user",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Hadolint,
        summary: "The last USER of a stage should not be root",
        why: "The last USER of a stage is the user its container runs as. Running as root \
              means a compromised process owns the whole container, and a container escape \
              starts with full privileges. Switch back to an unprivileged user once the steps \
              that need root are done.",
        bad: "FROM debian:bookworm-slim\nRUN useradd --create-home app\nUSER root\nCMD [\"bash\"]\n",
        good: "FROM debian:bookworm-slim\nRUN useradd --create-home app\nUSER app\nCMD [\"bash\"]\n",
    }
}

/// Per file: the USER of the current stage that is root and not yet overridden.
#[derive(Default)]
pub struct RootLastUser {
    in_stage: bool,
    root_user: Option<Span>,
}

/// `root`, `0`, `root:<group>` or `0:<group>`.
fn is_root(user: &str) -> bool {
    user == "root" || user == "0" || user.starts_with("root:") || user.starts_with("0:")
}

impl RootLastUser {
    fn end_stage(&mut self, cx: &mut Cx) {
        if let Some(span) = self.root_user.take() {
            cx.report(
                span,
                format!("The last USER of this stage is `{}`: the stage runs as root", cx.text(span)),
            )
            .with_help("Add `USER <name>` with an unprivileged user after the steps that need root.");
        }
    }
}

impl Rule for RootLastUser {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (instr.keyword, &instr.args) {
            (Keyword::From, _) => {
                self.end_stage(cx);
                self.in_stage = true;
            }
            (Keyword::User, Args::Text(user)) if self.in_stage => {
                // BuildKit removes quotes: `USER "root"` is root too.
                let lexer = crate::syntax::lex::Lexer::new(cx.file.escape);
                let value = lexer
                    .process_word(&user.text, &crate::syntax::lex::NoEnv)
                    .map_or_else(|_| user.text.clone(), |p| p.result);
                self.root_user = is_root(value.trim()).then_some(user.span);
            }
            _ => {}
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        self.end_stage(cx);
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM scratch\nUSER root", &["root"]),
    Case::fires("FROM scratch\nUSER 0", &["0"]),
    Case::fires("FROM scratch\nUSER root:root\nRUN true", &["root:root"]),
    Case::fires("FROM scratch\nUSER 0:0", &["0:0"]),
    Case::fires("FROM debian:12\nUSER \"root\"", &["\"root\""]),
    Case::quiet("FROM debian:12\nUSER \"app\""),
    Case::quiet("FROM debian:12\nUSER 'root'\nUSER \"1000\""),
    Case::fires("FROM debian:12 AS base\nUSER root\nRUN something\nFROM base\nRUN something else", &["root"]),
    Case::fires("FROM debian:12 AS base\nUSER root\nRUN a\nFROM scratch\nUSER foo\nRUN b", &["root"]),
    Case::fires("FROM debian:12\nUSER root\nUSER root\nFROM alpine:3\nUSER 0", &["root", "0"]),
    Case::quiet("FROM scratch\nUSER foo"),
    Case::quiet("FROM scratch\nUSER root\nRUN something\nUSER foo"),
    Case::quiet("FROM debian:12 AS base\nUSER root\nRUN a\nUSER foo\nFROM scratch\nRUN b"),
    Case::quiet("FROM debian:12\nUSER rootless\nUSER 1000:0"),
    Case::quiet("FROM debian:12\nONBUILD USER root\nRUN true"),
    Case::quiet("FROM debian:12\nRUN true"),
    Case::quiet("FROM scratch\nUSER 1000"),
    Case::quiet("FROM debian:12\nUSER 10"),
    // A root group with another user is not root.
    Case::quiet("FROM scratch\nUSER app:root"),
    // The value of a variable is not known.
    Case::quiet("FROM scratch\nUSER $APP_USER"),
    // root named elsewhere than in USER.
    Case::quiet("FROM debian:12\nRUN su root -c true && echo \"USER root\""),
    Case::quiet("FROM debian:12\nENV USER=root\nLABEL user=root"),
    Case::quiet("FROM debian:12\nCOPY --chown=root:root a /a\nUSER app"),
    // Every stage switches back.
    Case::quiet(
        "FROM debian:12 AS build\nUSER root\nRUN make\nUSER app\nFROM debian:12\nCOPY --from=build /a /a\nUSER 1000",
    ),
];
