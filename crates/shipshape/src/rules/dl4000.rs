//! DL4000: MAINTAINER is deprecated.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL4000",
    name: "maintainer-deprecated",
    aliases: &["MaintainerDeprecated"],
    severity: Some(Severity::Error),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "MAINTAINER is deprecated",
    docs: Docs {
        why: "MAINTAINER has been deprecated since Docker 1.13. It only fills a legacy field \
              of the image config that tools no longer read. A label such as \
              `org.opencontainers.image.authors` carries the same information in the \
              standard place. BuildKit calls this check MaintainerDeprecated.",
        bad: "FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>\n",
        good: "FROM debian:12\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Maintainer {
            return;
        }
        cx.report(instr.keyword_word.span, "`MAINTAINER` is deprecated")
            .with_help("Use `LABEL org.opencontainers.image.authors=\"…\"` instead.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM busybox\nMAINTAINER hudu@mail.com", &["MAINTAINER"]),
    Case::fires("FROM busybox\nmaintainer Jane Doe", &["maintainer"]),
    Case::quiet("FROM busybox\nLABEL org.opencontainers.image.authors=\"hudu@mail.com\""),
    Case::quiet("FROM busybox\nLABEL maintainer=\"hudu@mail.com\""),
    Case::quiet("FROM busybox\nRUN echo MAINTAINER"),
    // The word in a comment and as an ENV key, not as the instruction.
    Case::quiet("# MAINTAINER Jane Doe\nFROM busybox\nENV MAINTAINER=jane"),
];
