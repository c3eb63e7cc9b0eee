//! DL4004: more than one ENTRYPOINT in a stage.

use crate::rules::prelude::*;

declare_rule! {
    MultipleEntrypoint {
        code: "DL4004",
        name: "multiple-entrypoint",
        aliases: ["MultipleInstructionsDisallowed"],
        severity: Error,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        summary: "Only the last ENTRYPOINT of a stage takes effect",
        why: "A stage has one entrypoint: each ENTRYPOINT replaces the one before it. The earlier ones do nothing, and a reader may think they all run. Keep one ENTRYPOINT, a script if several steps are needed. BuildKit reports this, with repeated CMD and HEALTHCHECK, as MultipleInstructionsDisallowed. The fix removes the earlier instruction.",
        bad: "FROM python:3.12-slim\nENTRYPOINT [\"/setup.sh\"]\nENTRYPOINT [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENTRYPOINT [\"python\", \"app.py\"]\n",
    }
}

/// Per file: the current stage's last ENTRYPOINT so far (an index into the instructions).
#[derive(Default)]
pub struct MultipleEntrypoint {
    seen: Option<usize>,
}

impl Rule for MultipleEntrypoint {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => self.seen = None,
            Keyword::Entrypoint => {
                if let Some(earlier) = self.seen {
                    // The earlier one never takes effect: removing it (its whole lines, not
                    // the comments above it) keeps the image as it is.
                    let earlier = &cx.file.instructions[earlier];
                    let fix = Fix::safe(
                        "Remove the earlier `ENTRYPOINT`",
                        vec![crate::edits::delete_instruction(cx.source, earlier)],
                    );
                    cx.report(
                        instr.keyword_word.span,
                        "Multiple `ENTRYPOINT` instructions in this stage: only the last one takes effect",
                    )
                    .with_help("Keep a single ENTRYPOINT per stage.")
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
    Case::fires("FROM debian:12\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another", &["ENTRYPOINT"])
        .fixed("FROM debian:12\nRUN foo\nENTRYPOINT another"),
    Case::fires(
        "FROM debian:12\nENTRYPOINT [\"a\"]\nentrypoint b\nENTRYPOINT c",
        &["entrypoint", "ENTRYPOINT"],
    )
    .fixed("FROM debian:12\nENTRYPOINT c"),
    Case::quiet("FROM debian:12\nENTRYPOINT bash"),
    Case::quiet("FROM debian:12 AS a\nENTRYPOINT bash\nFROM debian:12\nENTRYPOINT another"),
    Case::quiet("FROM debian:12\nENTRYPOINT [\"x\"]\nONBUILD ENTRYPOINT [\"y\"]\nCMD [\"z\"]"),
    // The word in a comment, an ENV key and an echo: only one ENTRYPOINT instruction.
    Case::quiet(
        "# ENTRYPOINT [\"old\"]\nFROM debian:12\nENV ENTRYPOINT=/app\nENTRYPOINT [\"/app\"]\nRUN echo \"ENTRYPOINT again\"",
    ),
    // The earlier one goes with its continuation and comment lines; the comment above stays.
    Case::fires("FROM debian:12\n# the old one\nENTRYPOINT [\"a\", \\\n    # the port\n    \"80\"]\nRUN foo \\\n  bar\nENTRYPOINT [\"b\"]", &["ENTRYPOINT"])
        .fixed("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nENTRYPOINT [\"b\"]"),
    Case::fires("# escape=`\nFROM debian:12\nENTRYPOINT [\"a\", `\n  \"80\"]\nENTRYPOINT [\"b\"]", &["ENTRYPOINT"])
        .fixed("# escape=`\nFROM debian:12\nENTRYPOINT [\"b\"]"),
    // CRLF, an indented instruction, another kind in between.
    Case::fires("FROM debian:12\r\n  ENTRYPOINT [\"a\"]\r\nCMD [\"c\"]\r\nENTRYPOINT [\"b\"]\r\n", &["ENTRYPOINT"])
        .fixed("FROM debian:12\r\nCMD [\"c\"]\r\nENTRYPOINT [\"b\"]\r\n"),
    // An ONBUILD trigger is not the stage's own: it stays.
    Case::fires("FROM debian:12\nENTRYPOINT [\"a\"]\nONBUILD ENTRYPOINT [\"o\"]\nENTRYPOINT [\"b\"]", &["ENTRYPOINT"])
        .fixed("FROM debian:12\nONBUILD ENTRYPOINT [\"o\"]\nENTRYPOINT [\"b\"]"),
    // Near misses: the fixed forms, one per stage, triggers, other kinds.
    Case::quiet("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nENTRYPOINT [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12\nENTRYPOINT [\"b\"]"),
    Case::quiet("FROM debian:12\r\nCMD [\"c\"]\r\nENTRYPOINT [\"b\"]\r\n"),
    Case::quiet("FROM debian:12\nONBUILD ENTRYPOINT [\"o\"]\nENTRYPOINT [\"b\"]"),
    Case::quiet("FROM debian:12 AS a\nENTRYPOINT [\"a\", \\\n    # the port\n    \"80\"]\nFROM a\nENTRYPOINT [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12 AS a\nENTRYPOINT [\"a\", `\n  \"80\"]\nFROM debian:12\nENTRYPOINT [\"a\", `\n  \"80\"]"),
    Case::quiet("FROM debian:12\nONBUILD ENTRYPOINT [\"o\"]\nONBUILD ENTRYPOINT [\"o\"]"),
    Case::quiet("FROM debian:12\n# ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]"),
    Case::quiet("FROM debian:12\nRUN echo 'ENTRYPOINT [\"a\"]'\nENTRYPOINT [\"b\"]"),
];
