//! DL3058: a label the label schema types as `email` whose value is not a valid e-mail address.

use crate::rules::labels::values::{is_email, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

declare_rule! {
    LabelNotEmail {
        code: "DL3058",
        name: "label-not-email",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `email` in the label schema is not an e-mail address",
        why: "The label schema says this label holds an e-mail address, so that whoever finds the \
              image knows whom to contact. A name with the address in angle brackets, or a \
              malformed address, cannot be used by the tools that read the label.",
        bad: "FROM alpine:3.20\nLABEL maintainer=\"Jane Doe <jane@example.com>\"\n",
        good: "FROM alpine:3.20\nLABEL maintainer=\"jane@example.com\"\n",
    }
}

#[derive(Default)]
pub struct LabelNotEmail;

impl Rule for LabelNotEmail {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Email)
            .into_iter()
            .filter(|(_, _, value)| !is_email(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not a valid e-mail address"))
                .with_help("Write only the address, e.g. `team@example.com`.");
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("maintainer".into(), LabelType::Email)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM alpine:3.20\nLABEL maintainer=\"Jane <jane@example.com>\"",
        &["\"Jane <jane@example.com>\""],
    )
    .with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL maintainer=jane..doe@example.com", &["jane..doe@example.com"])
        .with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL maintainer=jane", &["jane"]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL maintainer=\"jane.doe+docker@example.com\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG MAINTAINER\nLABEL maintainer=${MAINTAINER}").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=jane").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL maintainer=\"Jane <jane@example.com>\""),
    // A domain without a dot, and a single-quoted address on a sub-domain.
    Case::quiet(
        "FROM alpine:3.20\nLABEL maintainer=jane@localhost\nLABEL maintainer='ops-team@mail.example.co.uk'",
    )
    .with_config(schema),
    // The MAINTAINER instruction is not the label: only the LABEL value is judged.
    Case::quiet("FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nLABEL maintainer=jane@example.com")
        .with_config(schema),
];
