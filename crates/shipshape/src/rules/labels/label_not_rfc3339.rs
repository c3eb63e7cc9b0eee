//! DL3053: a label the label schema types as `rfc3339` whose value is not an RFC 3339 date-time.

use crate::rules::labels::values::{is_rfc3339, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

declare_rule! {
    LabelNotRfc3339 {
        code: "DL3053",
        name: "label-not-rfc3339",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `rfc3339` in the label schema is not an RFC 3339 time",
        why: "The label schema says this label holds a point in time, such as the build date. \
              RFC 3339 (`2024-05-01T12:00:00Z`) is the one format every tool can read and sort; \
              anything else (a date without a time, a local format) has to be guessed at.",
        bad: "FROM alpine:3.20\nLABEL created=\"01/05/2024\"\n",
        good: "FROM alpine:3.20\nLABEL created=\"2024-05-01T12:00:00Z\"\n",
    }
}

#[derive(Default)]
pub struct LabelNotRfc3339;

impl Rule for LabelNotRfc3339 {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Rfc3339)
            .into_iter()
            .filter(|(_, _, value)| !is_rfc3339(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not an RFC 3339 date-time"))
                .with_help("Write the time as `YYYY-MM-DDTHH:MM:SSZ` (or with an offset such as `+02:00`).");
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("created".into(), LabelType::Rfc3339)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL created=2024-05-01", &["2024-05-01"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL created=\"2024-05-01 12:00:00Z\"", &["\"2024-05-01 12:00:00Z\""])
        .with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL created=2023-02-29T00:00:00Z", &["2023-02-29T00:00:00Z"])
        .with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL created=\"2024-05-01T12:00:00.123+02:00\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG BUILD_DATE\nLABEL created=${BUILD_DATE}").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=yesterday").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL created=2024-05-01"),
    // 29 February of a leap year (the firing case's 2023 is not one).
    Case::quiet("FROM alpine:3.20\nLABEL created=2024-02-29T00:00:00Z").with_config(schema),
    // Lower-case `t` and `z`, and a negative offset, are allowed by RFC 3339.
    Case::quiet(
        "FROM alpine:3.20\nLABEL created=2024-05-01t12:00:00z\nLABEL created=2024-12-31T23:59:59-05:00",
    )
    .with_config(schema),
];
