//! Instructions of which a stage keeps only the last (DL3012 HEALTHCHECK, DL4003 CMD,
//! DL4004 ENTRYPOINT): each replaces the one before it, so the earlier ones never take
//! effect. The three rules have their own metadata, docs and tests and share one check,
//! [`LastInStage::check`], parameterised by the keyword.

use crate::rules::prelude::*;

/// Per file: the current stage's last instruction of one kind so far (an index into the
/// instructions).
#[derive(Default)]
struct LastInStage {
    seen: Option<usize>,
}

impl LastInStage {
    /// Reports an instruction of kind `keyword` when the stage already has one, with a fix
    /// that removes the earlier one.
    fn check(&mut self, cx: &mut Cx, instr: &Instruction, keyword: Keyword) {
        if instr.keyword == Keyword::From {
            self.seen = None;
        }
        if instr.keyword != keyword {
            return;
        }
        let name = keyword.as_str();
        if let Some(earlier) = self.seen {
            // The earlier one never takes effect: removing it (its whole lines, not the
            // comments above it) keeps the image as it is.
            let earlier = &cx.file.instructions[earlier];
            let fix = Fix::safe(
                format!("Remove the earlier `{name}`"),
                vec![crate::edits::delete_instruction(cx.source, earlier)],
            );
            cx.report(
                instr.keyword_word.span,
                format!("Multiple `{name}` instructions in this stage: only the last one takes effect"),
            )
            .with_help(format!("Keep a single {name} per stage."))
            .with_fix(fix);
        }
        self.seen = Some(cx.index);
    }
}

/// The rule types, each with the keyword it checks.
macro_rules! last_in_stage_rules {
    ($($rule:ident: $keyword:ident;)*) => {$(
        #[derive(Default)]
        pub struct $rule(LastInStage);

        impl Rule for $rule {
            fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
                self.0.check(cx, instr, Keyword::$keyword);
            }
        }
    )*};
}

last_in_stage_rules! {
    MultipleHealthchecks: Healthcheck;
    MultipleCmd: Cmd;
    MultipleEntrypoint: Entrypoint;
}

// ─── DL3012 multiple-healthchecks ────────────────────────────────────────────────────────

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
        tests: HEALTHCHECK_TESTS,
    }
}

#[cfg(test)]
const HEALTHCHECK_TESTS: &[Case] = &[
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

// ─── DL4003 multiple-cmd ─────────────────────────────────────────────────────────────────

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
        tests: CMD_TESTS,
    }
}

#[cfg(test)]
const CMD_TESTS: &[Case] = &[
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

// ─── DL4004 multiple-entrypoint ──────────────────────────────────────────────────────────

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
        tests: ENTRYPOINT_TESTS,
    }
}

#[cfg(test)]
const ENTRYPOINT_TESTS: &[Case] = &[
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
