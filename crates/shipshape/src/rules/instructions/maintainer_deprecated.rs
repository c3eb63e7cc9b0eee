//! DL4000: MAINTAINER is deprecated.

use crate::rules::prelude::*;

declare_rule! {
    MaintainerDeprecated {
        code: "DL4000",
        name: "maintainer-deprecated",
        aliases: ["MaintainerDeprecated"],
        severity: Error,
        category: Maintainability,
        fix: Sometimes,
        origin: Hadolint,
        summary: "MAINTAINER is deprecated",
        why: "MAINTAINER has been deprecated since Docker 1.13. It only fills a legacy field \
              of the image config that tools no longer read. A label such as \
              `org.opencontainers.image.authors` carries the same information in the \
              standard place. BuildKit calls this check MaintainerDeprecated.",
        bad: "FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>\n",
        good: "FROM debian:12\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
    }
}

#[derive(Default)]
pub struct MaintainerDeprecated;

impl Rule for MaintainerDeprecated {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Maintainer {
            return;
        }
        // On one line, the instruction is rewritten whole; across continuation lines (with
        // comments between), the rewrite would lose them, so there is no fix.
        let fix = match &instr.args {
            Args::Text(who) => {
                let whole = Span::new(instr.keyword_word.span.start, who.span.end);
                (!whole.text(cx.source).contains('\n') && !who.text.trim().is_empty()).then(|| {
                    let label = crate::edits::same_case(instr.keyword_word.span.text(cx.source), "LABEL");
                    let value = crate::edits::quote_value(who.text.trim(), cx.file.escape);
                    Fix::safe(
                        "Replace `MAINTAINER` with `LABEL org.opencontainers.image.authors=…`",
                        vec![Edit::replace(
                            whole,
                            format!("{label} org.opencontainers.image.authors={value}"),
                        )],
                    )
                })
            }
            _ => None,
        };
        let d = cx.report(instr.keyword_word.span, "`MAINTAINER` is deprecated");
        d.with_help("Use `LABEL org.opencontainers.image.authors=\"…\"` instead.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM busybox\nMAINTAINER hudu@mail.com", &["MAINTAINER"])
        .fixed("FROM busybox\nLABEL org.opencontainers.image.authors=\"hudu@mail.com\""),
    Case::fires("FROM busybox\n# who\nmaintainer Jane \"JD\" Doe $HOME\nRUN a \\\n  b", &["maintainer"])
        .fixed("FROM busybox\n# who\nlabel org.opencontainers.image.authors=\"Jane \\\"JD\\\" Doe \\$HOME\"\nRUN a \\\n  b"),
    Case::fires("# escape=`\nFROM busybox\nMAINTAINER Jane \"JD\"", &["MAINTAINER"])
        .fixed("# escape=`\nFROM busybox\nLABEL org.opencontainers.image.authors=\"Jane `\"JD`\"\""),
    // Across continuation lines: reported, not rewritten.
    Case::fires("FROM busybox\nMAINTAINER Jane \\\n  Doe", &["MAINTAINER"]),
    Case::fires("FROM busybox\nmaintainer Jane Doe", &["maintainer"]),
    Case::quiet("FROM busybox\nLABEL org.opencontainers.image.authors=\"hudu@mail.com\""),
    Case::quiet("FROM busybox\nLABEL maintainer=\"hudu@mail.com\""),
    Case::quiet("FROM busybox\nRUN echo MAINTAINER"),
    // The word in a comment and as an ENV key, not as the instruction.
    Case::quiet("# MAINTAINER Jane Doe\nFROM busybox\nENV MAINTAINER=jane"),
];
