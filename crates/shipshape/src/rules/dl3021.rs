//! DL3021: COPY of several sources to a destination without a trailing slash.

use super::structure::{copy_parts, drop_quotes};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3021",
    name: "copy-dest-without-slash",
    aliases: &[],
    severity: Some(Severity::Error),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "COPY with more than two arguments needs a destination ending in `/`",
    docs: Docs {
        why: "When COPY has several sources, the destination must be a directory, and the \
              build fails unless it ends with `/`. The trailing slash also tells the reader \
              that the files land inside the directory rather than replacing a file.",
        bad: "FROM node:20-bookworm-slim\nCOPY package.json package-lock.json /app\n",
        good: "FROM node:20-bookworm-slim\nCOPY package.json package-lock.json /app/\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy {
            return;
        }
        let Some((sources, dest)) = copy_parts(instr) else { return };
        if sources.len() < 2 || drop_quotes(&dest.text).ends_with('/') {
            return;
        }
        cx.report(
            dest.span,
            format!("COPY of {} sources needs a directory destination ending in `/`", sources.len()),
        )
        .with_help(format!("Write the destination as `{}/`.", drop_quotes(&dest.text)));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nCOPY package.json yarn.lock my_app", &["my_app"]),
    Case::fires("FROM node:20\nCOPY --from=build a b \"/dest\"", &["\"/dest\""]),
    Case::fires("FROM node:20\nCOPY [\"a\", \"b\", \"/dest\"]", &["\"/dest\""]),
    Case::quiet("FROM node:20\nCOPY package.json yarn.lock my_app/"),
    Case::quiet("FROM node:20\nCOPY package.json my_app"),
    Case::quiet("FROM node:20\nCOPY a b \"/dest/\""),
    Case::quiet("FROM node:20\nCOPY [\"a\", \"b\", \"/dest/\"]"),
    Case::quiet("FROM node:20\nADD a b /dest"),
    // A flag is not a source.
    Case::quiet("FROM node:20\nCOPY --chown=app:app package.json /app"),
    Case::quiet("FROM node:20\nCOPY --from=build a b /dest/\nCOPY [ \"a\" , \"b\" , \"/dest/\" ]"),
];
