//! DL3000: a relative WORKDIR.

use crate::analysis::context::{drop_quotes, windows_drive};
use crate::edits::absolute_workdir;
use crate::rules::prelude::*;

declare_rule! {
    RelativeWorkdir {
        code: "DL3000",
        name: "relative-workdir",
        severity: Error,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        summary: "Use an absolute WORKDIR",
        why: "A relative WORKDIR is resolved against whatever working directory is in force, \
              which a base image can change behind your back. The image then puts files and \
              runs commands somewhere other than where you think. An absolute path says \
              exactly where the build works. The fix joins the path to the stage's earlier \
              absolute WORKDIR (the same directory), or, when there is none, starts it with `/` \
              (unsafe: the base image may have set another working directory).",
        bad: "FROM node:20-bookworm-slim\nWORKDIR app\nCOPY package.json .\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json .\n",
    }
}

/// The working directory of a stage as far as the Dockerfile says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dir {
    /// No WORKDIR yet: the base image's.
    Unset,
    /// A plain absolute path.
    Known(String),
    /// Set, with variables or characters the fix does not join to.
    Unknown,
}

/// Remembers each stage's last WORKDIR, so that a relative one can be joined to it.
#[derive(Default)]
pub struct RelativeWorkdir {
    dirs: std::collections::HashMap<usize, Dir>,
}

impl RelativeWorkdir {
    /// The working directory of stage `i` so far (inherited from the stage it builds on).
    fn dir(&self, cx: &Cx, i: usize) -> Dir {
        if let Some(d) = self.dirs.get(&i) {
            return d.clone();
        }
        cx.analysis.parent_stage(i).map_or(Dir::Unset, |j| self.dir(cx, j))
    }
}

/// A plain absolute directory the fix can join a relative path to.
fn plain_absolute(p: &str) -> bool {
    p.starts_with('/') && !p.contains(|c: char| c.is_whitespace() || "\"'$`\\".contains(c))
}

impl Rule for RelativeWorkdir {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Workdir {
            return;
        }
        let Args::Text(path) = &instr.args else { return };
        let p = drop_quotes(&path.text);
        let Some(stage) = cx.state.stage else { return };
        let before = self.dir(cx, stage);
        // A variable may hold an absolute path: give it the benefit of the doubt.
        if p.is_empty() || p.starts_with('/') || p.starts_with('$') || windows_drive(p) {
            let now = if plain_absolute(p) {
                Dir::Known(p.trim_end_matches('/').to_string())
            } else {
                Dir::Unknown
            };
            self.dirs.insert(stage, if p.is_empty() { before } else { now });
            return;
        }
        let fix = match &before {
            // The same directory, written out.
            Dir::Known(base) => absolute_workdir(cx.source, path.span, base)
                .map(|e| Fix::safe("Join the path to the previous WORKDIR", vec![e])),
            // Unsafe: the base image's working directory (which the path was relative to) may
            // not be `/`.
            Dir::Unset => absolute_workdir(cx.source, path.span, "/")
                .map(|e| Fix::unsafe_("Start the path with `/`", vec![e])),
            Dir::Unknown => None,
        };
        // After a relative WORKDIR, the directory is only known once the fix made it absolute.
        self.dirs.insert(stage, Dir::Unknown);
        let d = cx.report(path.span, format!("Use an absolute WORKDIR: `{}` is relative", path.text));
        d.with_help("Start the path with `/`, e.g. `WORKDIR /app`.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nWORKDIR relative/dir", &["relative/dir"])
        .fixed("FROM debian:12\nWORKDIR /relative/dir"),
    Case::fires("FROM debian:12\nWORKDIR \"app\"", &["\"app\""]).fixed("FROM debian:12\nWORKDIR \"/app\""),
    // `~` is not expanded by WORKDIR: reported, not guessed.
    Case::fires("FROM debian:12\nWORKDIR ./src\nWORKDIR ~/code", &["./src", "~/code"])
        .fixed("FROM debian:12\nWORKDIR /src\nWORKDIR ~/code"),
    // Joined to the previous absolute WORKDIR, also through a parent stage.
    Case::fires(
        "FROM debian:12 AS base\nWORKDIR /srv/\nFROM base\nWORKDIR app\n# the sources\nWORKDIR \\\n  src",
        &["app", "src"],
    )
    .fixed("FROM debian:12 AS base\nWORKDIR /srv/\nFROM base\nWORKDIR /srv/app\n# the sources\nWORKDIR \\\n  /srv/app/src"),
    Case::fires("# escape=`\nFROM debian:12\nworkdir `\n  'app'\nRUN make", &["'app'"])
        .fixed("# escape=`\nFROM debian:12\nworkdir `\n  '/app'\nRUN make"),
    // After a WORKDIR held in a variable, the directory is not known.
    Case::fires("FROM debian:12\nWORKDIR $HOME\nWORKDIR src\nWORKDIR ..", &["src", ".."])
        .fixed("FROM debian:12\nWORKDIR $HOME\nWORKDIR src\nWORKDIR .."),
    Case::quiet("FROM debian:12\nWORKDIR /usr/src/app"),
    Case::quiet("FROM debian:12\nWORKDIR \"/usr/src/app\""),
    Case::quiet("FROM debian:12\nWORKDIR $HOME\nWORKDIR ${APP_DIR}/src"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\nWORKDIR d:/data"),
    Case::quiet("FROM debian:12\nONBUILD WORKDIR /app"),
    // hadolint's spec: single quotes and quoted variables, and a Windows drive in quotes.
    Case::quiet("FROM debian:12\nWORKDIR '/usr/local'\nWORKDIR \"${dir}\""),
    Case::quiet("FROM debian:12\nWORKDIR \"C:/\"\nWORKDIR /app/../src"),
    // Near misses of the fixed cases.
    Case::quiet("FROM debian:12 AS base\nWORKDIR /srv/\nFROM base\nWORKDIR /srv/app\n# the sources\nWORKDIR \\\n  /srv/app/src"),
    Case::quiet("# escape=`\nFROM debian:12\nworkdir `\n  '/app'\nRUN make"),
    Case::quiet("FROM debian:12\nWORKDIR /relative/dir\nRUN cd relative && make"),
    Case::quiet("FROM debian:12\nWORKDIR \"/app\"\nCOPY src ./src"),
    Case::quiet("FROM debian:12 AS a\nWORKDIR /a\nFROM a\nWORKDIR /a/b"),
];
