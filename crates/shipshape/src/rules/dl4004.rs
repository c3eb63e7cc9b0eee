//! DL4004: more than one ENTRYPOINT in a stage.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL4004",
    name: "multiple-entrypoint",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Some(Severity::Error),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Only the last ENTRYPOINT of a stage takes effect",
    docs: Docs {
        why: "A stage has one entrypoint: each ENTRYPOINT replaces the one before it. The earlier ones do nothing, and a reader may think they all run. Keep one ENTRYPOINT, a script if several steps are needed. BuildKit reports this, with repeated CMD and HEALTHCHECK, as MultipleInstructionsDisallowed.",
        bad: "FROM python:3.12-slim\nENTRYPOINT [\"/setup.sh\"]\nENTRYPOINT [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENTRYPOINT [\"python\", \"app.py\"]\n",
    },
};

/// Per file: whether the current stage already has a ENTRYPOINT.
#[derive(Default)]
pub struct Check {
    seen: bool,
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => self.seen = false,
            Keyword::Entrypoint if self.seen => {
                cx.report(
                    instr.keyword_word.span,
                    "Multiple `ENTRYPOINT` instructions in this stage: only the last one takes effect",
                )
                .with_help("Keep a single ENTRYPOINT per stage.");
            }
            Keyword::Entrypoint => self.seen = true,
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another", &["ENTRYPOINT"]),
    Case::fires(
        "FROM debian:12\nENTRYPOINT [\"a\"]\nentrypoint b\nENTRYPOINT c",
        &["entrypoint", "ENTRYPOINT"],
    ),
    Case::quiet("FROM debian:12\nENTRYPOINT bash"),
    Case::quiet("FROM debian:12 AS a\nENTRYPOINT bash\nFROM debian:12\nENTRYPOINT another"),
    Case::quiet("FROM debian:12\nENTRYPOINT [\"x\"]\nONBUILD ENTRYPOINT [\"y\"]\nCMD [\"z\"]"),
    // The word in a comment, an ENV key and an echo: only one ENTRYPOINT instruction.
    Case::quiet(
        "# ENTRYPOINT [\"old\"]\nFROM debian:12\nENV ENTRYPOINT=/app\nENTRYPOINT [\"/app\"]\nRUN echo \"ENTRYPOINT again\"",
    ),
];
