//! DL3045: COPY to a relative destination before any WORKDIR.

use crate::analysis::context::{absolute_destination, copy_parts};
use crate::rules::prelude::*;

declare_rule! {
    CopyRelativeWithoutWorkdir {
        code: "DL3045",
        name: "copy-relative-without-workdir",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "COPY to a relative destination without a WORKDIR set",
        why: "A relative COPY destination is resolved against the working directory, and \
              until the stage sets a WORKDIR that is whatever the base image chose (often \
              `/`). A new base image version can silently move your files. Set a WORKDIR \
              first, or copy to an absolute path.",
        bad: "FROM node:20-bookworm-slim\nCOPY package.json .\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json .\n",
    }
}

#[derive(Default)]
pub struct CopyRelativeWithoutWorkdir;

impl Rule for CopyRelativeWithoutWorkdir {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy || cx.state.workdir {
            return;
        }
        let Some((_, dest)) = copy_parts(instr) else { return };
        if absolute_destination(&dest.text) {
            return;
        }
        cx.report(dest.span, format!("COPY to the relative destination `{}` before any WORKDIR", dest.text))
            .with_help("Set `WORKDIR /path` earlier in the stage, or copy to an absolute path.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nCOPY bla.sh blubb.sh", &["blubb.sh"]),
    Case::fires("FROM debian:12\nCOPY bla.sh \"blubb.sh\"\nCOPY a .", &["\"blubb.sh\"", "."]),
    Case::fires("FROM debian:buster AS stage1\nWORKDIR /usr\nFROM debian:buster AS two\nCOPY foo bar", &["bar"]),
    Case::fires("FROM debian:12\nONBUILD WORKDIR /usr\nCOPY a b", &["b"]),
    Case::quiet("FROM debian:12\nCOPY bla.sh /usr/local/bin/blubb.sh\nCOPY a \"/usr/b\""),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY bla.sh c:\\system32\\blubb.sh\nCOPY a d:/x\nCOPY hello.txt C:"),
    Case::quiet("FROM debian:12\nWORKDIR /usr\nCOPY bla.sh blubb.sh"),
    Case::quiet("FROM debian:12\nCOPY src.sh ${SRC_BASE_ENV}\nCOPY b \"$DEST\""),
    Case::quiet("FROM debian:buster AS base\nWORKDIR /usr\nFROM debian:buster AS mid\nRUN foo\nFROM base\nCOPY foo bar"),
    Case::quiet("FROM debian:buster AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\nFROM base2\nCOPY foo bar"),
    Case::quiet("FROM debian:12\nADD a b"),
    // Absolute destinations in the JSON form and after flags.
    Case::quiet(
        "FROM debian:12\nCOPY [\"bla.sh\", \"/usr/local/bin/blubb.sh\"]\nCOPY --from=build --chown=app /out/app /usr/local/bin/",
    ),
    // A heredoc copied to an absolute path.
    Case::quiet("FROM debian:12\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n"),
];
