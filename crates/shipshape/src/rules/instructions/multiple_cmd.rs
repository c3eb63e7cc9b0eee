//! DL4003: more than one CMD in a stage.

use crate::rules::prelude::*;

declare_rule! {
    MultipleCmd {
        code: "DL4003",
        name: "multiple-cmd",
        aliases: ["MultipleInstructionsDisallowed"],
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        summary: "Only the last CMD of a stage takes effect",
        why: "A stage has one default command: each CMD replaces the one before it. The earlier CMDs do nothing, and a reader may think they all run. To run several processes, use a script or a process supervisor. BuildKit reports this, with repeated ENTRYPOINT and HEALTHCHECK, as MultipleInstructionsDisallowed. The fix removes the earlier instruction.",
        bad: "FROM python:3.12-slim\nCMD [\"python\", \"migrate.py\"]\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
    }
}

/// Per file: the current stage's last CMD so far (an index into the instructions).
#[derive(Default)]
pub struct MultipleCmd {
    seen: Option<usize>,
}

impl Rule for MultipleCmd {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => self.seen = None,
            Keyword::Cmd => {
                if let Some(earlier) = self.seen {
                    // The earlier one never takes effect: removing it (its whole lines, not
                    // the comments above it) keeps the image as it is.
                    let earlier = &cx.file.instructions[earlier];
                    let fix = Fix::safe(
                        "Remove the earlier `CMD`",
                        vec![crate::edits::delete_instruction(cx.source, earlier)],
                    );
                    cx.report(
                        instr.keyword_word.span,
                        "Multiple `CMD` instructions in this stage: only the last one takes effect",
                    )
                    .with_help("Keep a single CMD per stage.")
                    .with_fix(fix);
                }
                self.seen = Some(cx.index);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nCMD bash\nRUN foo\nCMD another", &["CMD"])
        .fixed("FROM debian:12\nRUN foo\nCMD another"),
    Case::fires("FROM debian:12\nCMD [\"a\"]\ncmd b\nCMD c", &["cmd", "CMD"]).fixed("FROM debian:12\nCMD c"),
    Case::quiet("FROM debian:12\nCMD bash"),
    Case::quiet("FROM debian:12 AS a\nCMD bash\nFROM debian:12\nCMD another"),
    Case::quiet("FROM debian:12\nCMD bash\nONBUILD CMD other\nENTRYPOINT [\"x\"]"),
    // `HEALTHCHECK CMD` and an echoed `CMD` are not CMD instructions.
    Case::quiet(
        "FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD [\"serve\"]\nRUN echo \"CMD other\"",
    ),
    // The earlier one goes with its continuation and comment lines; the comment above stays.
    Case::fires("FROM debian:12\n# the old one\nCMD [\"a\", \\\n    # the port\n    \"80\"]\nRUN foo \\\n  bar\nCMD [\"b\"]", &["CMD"])
        .fixed("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nCMD [\"b\"]"),
    Case::fires("# escape=`\nFROM debian:12\nCMD [\"a\", `\n  \"80\"]\nCMD [\"b\"]", &["CMD"])
        .fixed("# escape=`\nFROM debian:12\nCMD [\"b\"]"),
    // CRLF, an indented instruction, another kind in between.
    Case::fires("FROM debian:12\r\n  CMD [\"a\"]\r\nENTRYPOINT [\"e\"]\r\nCMD [\"b\"]\r\n", &["CMD"])
        .fixed("FROM debian:12\r\nENTRYPOINT [\"e\"]\r\nCMD [\"b\"]\r\n"),
    // An ONBUILD trigger is not the stage's own: it stays.
    Case::fires("FROM debian:12\nCMD [\"a\"]\nONBUILD CMD [\"o\"]\nCMD [\"b\"]", &["CMD"])
        .fixed("FROM debian:12\nONBUILD CMD [\"o\"]\nCMD [\"b\"]"),
    // Near misses: the fixed forms, one per stage, triggers, other kinds.
    Case::quiet("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nCMD [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12\nCMD [\"b\"]"),
    Case::quiet("FROM debian:12\r\nENTRYPOINT [\"e\"]\r\nCMD [\"b\"]\r\n"),
    Case::quiet("FROM debian:12\nONBUILD CMD [\"o\"]\nCMD [\"b\"]"),
    Case::quiet("FROM debian:12 AS a\nCMD [\"a\", \\\n    # the port\n    \"80\"]\nFROM a\nCMD [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12 AS a\nCMD [\"a\", `\n  \"80\"]\nFROM debian:12\nCMD [\"a\", `\n  \"80\"]"),
    Case::quiet("FROM debian:12\nONBUILD CMD [\"o\"]\nONBUILD CMD [\"o\"]"),
    Case::quiet("FROM debian:12\n# CMD [\"a\"]\nCMD [\"b\"]"),
    Case::quiet("FROM debian:12\nRUN echo 'CMD [\"a\"]'\nCMD [\"b\"]"),
];
