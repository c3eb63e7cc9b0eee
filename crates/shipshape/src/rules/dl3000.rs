//! DL3000: a relative WORKDIR.

use super::structure::{drop_quotes, windows_drive};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3000",
    name: "relative-workdir",
    aliases: &[],
    severity: Some(Severity::Error),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Use an absolute WORKDIR",
    docs: Docs {
        why: "A relative WORKDIR is resolved against whatever working directory is in force, \
              which a base image can change behind your back. The image then puts files and \
              runs commands somewhere other than where you think. An absolute path says \
              exactly where the build works.",
        bad: "FROM node:20-bookworm-slim\nWORKDIR app\nCOPY package.json .\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json .\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Workdir {
            return;
        }
        let Args::Text(path) = &instr.args else { return };
        let p = drop_quotes(&path.text);
        // A variable may hold an absolute path: give it the benefit of the doubt.
        if p.is_empty() || p.starts_with('/') || p.starts_with('$') || windows_drive(p) {
            return;
        }
        cx.report(path.span, format!("Use an absolute WORKDIR: `{}` is relative", path.text))
            .with_help("Start the path with `/`, e.g. `WORKDIR /app`.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nWORKDIR relative/dir", &["relative/dir"]),
    Case::fires("FROM debian:12\nWORKDIR \"app\"", &["\"app\""]),
    Case::fires("FROM debian:12\nWORKDIR ./src\nWORKDIR ~/code", &["./src", "~/code"]),
    Case::quiet("FROM debian:12\nWORKDIR /usr/src/app"),
    Case::quiet("FROM debian:12\nWORKDIR \"/usr/src/app\""),
    Case::quiet("FROM debian:12\nWORKDIR $HOME\nWORKDIR ${APP_DIR}/src"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\nWORKDIR d:/data"),
    Case::quiet("FROM debian:12\nONBUILD WORKDIR /app"),
    // hadolint's spec: single quotes and quoted variables, and a Windows drive in quotes.
    Case::quiet("FROM debian:12\nWORKDIR '/usr/local'\nWORKDIR \"${dir}\""),
    Case::quiet("FROM debian:12\nWORKDIR \"C:/\"\nWORKDIR /app/../src"),
];
