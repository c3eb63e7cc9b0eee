//! DL3012: more than one HEALTHCHECK in a stage.

use crate::rules::prelude::*;

declare_rule! {
    MultipleHealthchecks {
        code: "DL3012",
        name: "multiple-healthchecks",
        aliases: ["MultipleInstructionsDisallowed"],
        severity: Error,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        summary: "Only one HEALTHCHECK per stage takes effect",
        why: "A stage has one health check: each HEALTHCHECK replaces the one before it. \
              The earlier ones do nothing, and a reader may believe they are all run. Keep \
              a single HEALTHCHECK that checks what matters. BuildKit reports this, with repeated \
              CMD and ENTRYPOINT, as MultipleInstructionsDisallowed. The fix removes the earlier instruction.",
        bad: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
        good: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
    }
}

/// Per file: the current stage's last HEALTHCHECK so far (an index into the instructions).
#[derive(Default)]
pub struct MultipleHealthchecks {
    seen: Option<usize>,
}

impl Rule for MultipleHealthchecks {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => self.seen = None,
            Keyword::Healthcheck => {
                if let Some(earlier) = self.seen {
                    // The earlier one never takes effect: removing it (its whole lines, not
                    // the comments above it) keeps the image as it is.
                    let earlier = &cx.file.instructions[earlier];
                    let fix = Fix::safe(
                        "Remove the earlier `HEALTHCHECK`",
                        vec![crate::edits::delete_instruction(cx.source, earlier)],
                    );
                    cx.report(
                        instr.keyword_word.span,
                        "Multiple `HEALTHCHECK` instructions in this stage: only the last one takes effect",
                    )
                    .with_help("Keep a single HEALTHCHECK per stage.")
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
    Case::fires("FROM debian:12\nHEALTHCHECK CMD /bin/check\nHEALTHCHECK CMD /bin/other", &["HEALTHCHECK"])
        .fixed("FROM debian:12\nHEALTHCHECK CMD /bin/other"),
    Case::fires(
        "FROM debian:12\nHEALTHCHECK NONE\nhealthcheck CMD a\nHEALTHCHECK --interval=5s CMD b",
        &["healthcheck", "HEALTHCHECK"],
    )
    .fixed("FROM debian:12\nHEALTHCHECK --interval=5s CMD b"),
    Case::quiet("FROM debian:12\nHEALTHCHECK CMD /bin/check"),
    Case::quiet("FROM debian:12 AS a\nHEALTHCHECK CMD /bin/a\nFROM debian:12\nHEALTHCHECK CMD /bin/b"),
    Case::quiet("FROM debian:12\nHEALTHCHECK CMD /bin/check\nONBUILD HEALTHCHECK NONE"),
    // A commented-out HEALTHCHECK, and one inside a RUN's text.
    Case::quiet("FROM debian:12\n# HEALTHCHECK CMD /bin/old\nHEALTHCHECK CMD /bin/check\nRUN echo \"HEALTHCHECK CMD x\""),
    // A stage built on another may replace the health check it inherits.
    Case::quiet("FROM debian:12 AS a\nHEALTHCHECK CMD /bin/a\nFROM a\nHEALTHCHECK NONE"),
    // The earlier one goes with its continuation and comment lines; the comment above stays.
    Case::fires("FROM debian:12\n# the old one\nHEALTHCHECK --interval=5s \\\n    # quick\n    CMD [\"a\", \"80\"]\nRUN foo \\\n  bar\nHEALTHCHECK CMD [\"b\"]", &["HEALTHCHECK"])
        .fixed("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nHEALTHCHECK CMD [\"b\"]"),
    Case::fires("# escape=`\nFROM debian:12\nHEALTHCHECK --interval=5s `\n  CMD [\"a\"]\nHEALTHCHECK CMD [\"b\"]", &["HEALTHCHECK"])
        .fixed("# escape=`\nFROM debian:12\nHEALTHCHECK CMD [\"b\"]"),
    // CRLF, an indented instruction, another kind in between.
    Case::fires("FROM debian:12\r\n  HEALTHCHECK CMD [\"a\"]\r\nCMD [\"c\"]\r\nHEALTHCHECK CMD [\"b\"]\r\n", &["HEALTHCHECK"])
        .fixed("FROM debian:12\r\nCMD [\"c\"]\r\nHEALTHCHECK CMD [\"b\"]\r\n"),
    // An ONBUILD trigger is not the stage's own: it stays.
    Case::fires("FROM debian:12\nHEALTHCHECK CMD [\"a\"]\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD [\"b\"]", &["HEALTHCHECK"])
        .fixed("FROM debian:12\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD [\"b\"]"),
    // Near misses: the fixed forms, one per stage, triggers, other kinds.
    Case::quiet("FROM debian:12\n# the old one\nRUN foo \\\n  bar\nHEALTHCHECK CMD [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12\nHEALTHCHECK CMD [\"b\"]"),
    Case::quiet("FROM debian:12\r\nCMD [\"c\"]\r\nHEALTHCHECK CMD [\"b\"]\r\n"),
    Case::quiet("FROM debian:12\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD [\"b\"]"),
    Case::quiet("FROM debian:12 AS a\nHEALTHCHECK --interval=5s \\\n    # quick\n    CMD [\"a\", \"80\"]\nFROM a\nHEALTHCHECK CMD [\"b\"]"),
    Case::quiet("# escape=`\nFROM debian:12 AS a\nHEALTHCHECK --interval=5s `\n  CMD [\"a\"]\nFROM debian:12\nHEALTHCHECK --interval=5s `\n  CMD [\"a\"]"),
    Case::quiet("FROM debian:12\nONBUILD HEALTHCHECK NONE\nONBUILD HEALTHCHECK NONE"),
    Case::quiet("FROM debian:12\n# HEALTHCHECK CMD [\"a\"]\nHEALTHCHECK CMD [\"b\"]"),
    Case::quiet("FROM debian:12\nRUN echo 'HEALTHCHECK CMD [\"a\"]'\nHEALTHCHECK CMD [\"b\"]"),
];
