//! WorkdirRelativePath: a relative WORKDIR before any WORKDIR of the build.

use crate::rules::prelude::*;
use crate::edits::absolute_workdir;
use crate::syntax::lex::{Lexer, NoEnv};

declare_rule! {
    WorkdirRelativePath {
        code: "WorkdirRelativePath",
        name: "workdir-relative-path",
        severity: Warning,
        category: Reproducibility,
        fix: Sometimes,
        origin: BuildKit,
        summary: "A relative WORKDIR depends on the base image's working directory",
        why: "A relative WORKDIR is resolved against the current working directory, which, \
              until the Dockerfile sets one, is whatever the base image chose. If the base \
              image changes it, every path of the stage moves. Only the first WORKDIR of a \
              stage (and of the stages it builds on) is checked: once an absolute one is set, \
              relative ones are fine. BuildKit calls this check WorkdirRelativePath; DL3000 \
              reports every relative WORKDIR. The fix (unsafe) starts the path with `/`.",
        bad: "FROM nginx:1.27 AS web\nWORKDIR usr/share/nginx/html\nCOPY public .\n",
        good: "FROM nginx:1.27 AS web\nWORKDIR /usr/share/nginx/html\nCOPY public .\n",
    }
}

#[derive(Default)]
pub struct WorkdirRelativePath;

impl Rule for WorkdirRelativePath {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // `cx.state.workdir`: a WORKDIR was already set in this stage or the stages it is
        // built from (BuildKit checks only the first one).
        if instr.keyword != Keyword::Workdir || cx.state.workdir {
            return;
        }
        let Args::Text(path) = &instr.args else { return };
        if windows_drive(&path.text) {
            return;
        }
        let mut lexer = Lexer::new(cx.file.escape);
        lexer.skip_unset_env = true;
        let Ok(p) = lexer.process_word(&path.text, &NoEnv) else { return };
        let p = p.result;
        // A variable may hold an absolute path (BuildKit knows the value, we do not).
        if p.is_empty()
            || p.starts_with('/')
            || p.starts_with('$')
            || p.starts_with('\\')
            || windows_drive(&p)
        {
            return;
        }
        // Unsafe: the base image's working directory, which the path was relative to, may
        // not be `/`.
        let fix = absolute_workdir(cx.source, path.span, "/")
            .map(|e| Fix::unsafe_("Start the path with `/`", vec![e]));
        let d = cx.report(
            path.span,
            format!("Relative WORKDIR `{p}` depends on the base image's working directory"),
        );
        d.with_help("Start the path with `/`, or set an absolute WORKDIR first.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

/// `C:\…` or `C:/…`.
fn windows_drive(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/workdir-relative-path
    Case::fires("FROM nginx AS web\nWORKDIR usr/share/nginx/html\nCOPY public .", &["usr/share/nginx/html"])
        .fixed("FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public ."),
    Case::quiet("FROM nginx AS web\nWORKDIR /usr/share/nginx/html\nCOPY public ."),
    // Only the first WORKDIR counts.
    Case::fires("FROM alpine\nWORKDIR app\nWORKDIR src", &["app"])
        .fixed("FROM alpine\nWORKDIR /app\nWORKDIR src"),
    Case::quiet("FROM alpine\nWORKDIR /app\nWORKDIR src"),
    // A stage built on an earlier stage inherits its WORKDIR.
    Case::quiet("FROM alpine AS base\nWORKDIR /app\nFROM base\nWORKDIR src"),
    Case::fires("FROM alpine AS base\nWORKDIR /app\nFROM alpine\nWORKDIR src", &["src"])
        .fixed("FROM alpine AS base\nWORKDIR /app\nFROM alpine\nWORKDIR /src"),
    Case::fires("FROM alpine\nWORKDIR \"app dir\"", &["\"app dir\""])
        .fixed("FROM alpine\nWORKDIR \"/app dir\""),
    Case::fires("FROM alpine\n# the app\nWORKDIR \\\n  ./app", &["./app"])
        .fixed("FROM alpine\n# the app\nWORKDIR \\\n  /app"),
    Case::fires("# escape=`\nFROM alpine\nworkdir `\n  'app'\nRUN make", &["'app'"])
        .fixed("# escape=`\nFROM alpine\nworkdir `\n  '/app'\nRUN make"),
    // `~` is not expanded, and `..` says where it goes: no fix.
    Case::fires("FROM alpine\nWORKDIR ~/app", &["~/app"]).fixed("FROM alpine\nWORKDIR ~/app"),
    Case::fires("FROM alpine\nWORKDIR ../app", &["../app"]).fixed("FROM alpine\nWORKDIR ../app"),
    Case::quiet("FROM alpine\nWORKDIR $HOME/app"),
    Case::quiet("FROM alpine\nWORKDIR \"/app\""),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app"),
    // `/` counts as an absolute WORKDIR like any other.
    Case::quiet("FROM alpine\nWORKDIR /\nWORKDIR app"),
    // Inherited through two stages.
    Case::quiet("FROM alpine AS base\nWORKDIR /app\nFROM base AS test\nRUN true\nFROM test\nWORKDIR src"),
    // BuildKit expands the ARG to an absolute path.
    Case::quiet("FROM alpine\nARG DIR=/srv\nWORKDIR ${DIR}/app"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app"),
    // Near misses of the fixed cases.
    Case::quiet("FROM alpine\n# the app\nWORKDIR \\\n  /app"),
    Case::quiet("# escape=`\nFROM alpine\nworkdir `\n  '/app'\nRUN make"),
    Case::quiet("FROM alpine\nWORKDIR \"/app dir\""),
    Case::quiet("FROM alpine\nWORKDIR /\nWORKDIR ../app"),
    Case::quiet("FROM alpine\nWORKDIR /home/app\nWORKDIR ~/app"),
    Case::quiet("FROM alpine AS a\nWORKDIR /a\nFROM a\nWORKDIR ./b"),
];
