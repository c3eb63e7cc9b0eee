//! DL4003: more than one CMD in a stage.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL4003",
    name: "multiple-cmd",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Only the last CMD of a stage takes effect",
    docs: Docs {
        why: "A stage has one default command: each CMD replaces the one before it. The earlier CMDs do nothing, and a reader may think they all run. To run several processes, use a script or a process supervisor. BuildKit reports this, with repeated ENTRYPOINT and HEALTHCHECK, as MultipleInstructionsDisallowed.",
        bad: "FROM python:3.12-slim\nCMD [\"python\", \"migrate.py\"]\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
    },
};

/// Per file: whether the current stage already has a CMD.
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
            Keyword::Cmd if self.seen => {
                cx.report(
                    instr.keyword_word.span,
                    "Multiple `CMD` instructions in this stage: only the last one takes effect",
                )
                .with_help("Keep a single CMD per stage.");
            }
            Keyword::Cmd => self.seen = true,
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nCMD bash\nRUN foo\nCMD another", &["CMD"]),
    Case::fires("FROM debian:12\nCMD [\"a\"]\ncmd b\nCMD c", &["cmd", "CMD"]),
    Case::quiet("FROM debian:12\nCMD bash"),
    Case::quiet("FROM debian:12 AS a\nCMD bash\nFROM debian:12\nCMD another"),
    Case::quiet("FROM debian:12\nCMD bash\nONBUILD CMD other\nENTRYPOINT [\"x\"]"),
    // `HEALTHCHECK CMD` and an echoed `CMD` are not CMD instructions.
    Case::quiet(
        "FROM debian:12\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nCMD [\"serve\"]\nRUN echo \"CMD other\"",
    ),
];
