//! DL3012: more than one HEALTHCHECK in a stage.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3012",
    name: "multiple-healthchecks",
    aliases: &["MultipleInstructionsDisallowed"],
    severity: Some(Severity::Error),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Only one HEALTHCHECK per stage takes effect",
    docs: Docs {
        why: "A stage has one health check: each HEALTHCHECK replaces the one before it. \
              The earlier ones do nothing, and a reader may believe they are all run. Keep \
              a single HEALTHCHECK that checks what matters. BuildKit reports this, with repeated \
              CMD and ENTRYPOINT, as MultipleInstructionsDisallowed.",
        bad: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
        good: "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/health\"]\n",
    },
};

/// Per file: whether the current stage already has a HEALTHCHECK.
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
            Keyword::Healthcheck if self.seen => {
                cx.report(
                    instr.keyword_word.span,
                    "Multiple `HEALTHCHECK` instructions in this stage: only the last one takes effect",
                )
                .with_help("Keep a single HEALTHCHECK per stage.");
            }
            Keyword::Healthcheck => self.seen = true,
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nHEALTHCHECK CMD /bin/check\nHEALTHCHECK CMD /bin/other", &["HEALTHCHECK"]),
    Case::fires(
        "FROM debian:12\nHEALTHCHECK NONE\nhealthcheck CMD a\nHEALTHCHECK --interval=5s CMD b",
        &["healthcheck", "HEALTHCHECK"],
    ),
    Case::quiet("FROM debian:12\nHEALTHCHECK CMD /bin/check"),
    Case::quiet("FROM debian:12 AS a\nHEALTHCHECK CMD /bin/a\nFROM debian:12\nHEALTHCHECK CMD /bin/b"),
    Case::quiet("FROM debian:12\nHEALTHCHECK CMD /bin/check\nONBUILD HEALTHCHECK NONE"),
    // A commented-out HEALTHCHECK, and one inside a RUN's text.
    Case::quiet("FROM debian:12\n# HEALTHCHECK CMD /bin/old\nHEALTHCHECK CMD /bin/check\nRUN echo \"HEALTHCHECK CMD x\""),
    // A stage built on another may replace the health check it inherits.
    Case::quiet("FROM debian:12 AS a\nHEALTHCHECK CMD /bin/a\nFROM a\nHEALTHCHECK NONE"),
];
