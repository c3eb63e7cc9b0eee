//! DL3050: a label outside the label schema while `strict-labels` is on.

use crate::rules::labels::values::{pairs, schema_type, lexed};
use crate::rules::prelude::*;

declare_rule! {
    LabelNotInSchema {
        code: "DL3050",
        name: "label-not-in-schema",
        severity: Info,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "Superfluous label present",
        why: "With `strict-labels` on, the label schema of the configuration is the complete \
              list of labels an image may carry. A label outside it is usually a typo of a \
              schema label or a leftover that nobody maintains, and it ends up in every image \
              built from the file.",
        bad: "FROM alpine:3.20\nLABEL build-host=ci-7\n",
        good: "FROM alpine:3.20\nRUN echo hi\n",
    }
}

#[derive(Default)]
pub struct LabelNotInSchema;

impl Rule for LabelNotInSchema {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !cx.config.strict_labels {
            return;
        }
        let mut extra = Vec::new();
        for p in pairs(instr) {
            let key = lexed(cx, &p.key);
            if schema_type(cx, &key).is_none() {
                extra.push((p.key.span, key));
            }
        }
        for (span, key) in extra {
            cx.report(span, format!("The label `{key}` is not in the label schema"))
                .with_help("Remove the label, or add it to `label-schema` in the configuration.");
        }
    }
}

#[cfg(test)]
use crate::config::{Config, LabelType};

#[cfg(test)]
fn strict() -> Config {
    Config {
        label_schema: vec![("version".into(), LabelType::Semver)],
        strict_labels: true,
        ..Config::default()
    }
}

#[cfg(test)]
fn lax() -> Config {
    Config { label_schema: vec![("version".into(), LabelType::Semver)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL version=1.0.0 build-host=ci", &["build-host"]).with_config(strict),
    Case::fires("FROM alpine:3.20\nLABEL \"other\"=1\nLABEL vendor acme", &["\"other\"", "vendor"])
        .with_config(strict),
    Case::quiet("FROM alpine:3.20\nLABEL \"version\"=\"1.0.0\"").with_config(strict),
    Case::quiet("FROM alpine:3.20\nLABEL version=1.0.0 build-host=ci").with_config(lax),
    Case::quiet("FROM alpine:3.20\nLABEL build-host=ci"),
    // Only LABEL keys count: ENV and ARG names are not labels.
    Case::quiet("FROM alpine:3.20\nENV vendor=acme\nARG build_host=ci\nLABEL version=1.0.0")
        .with_config(strict),
    // The schema label in the legacy form and single-quoted.
    Case::quiet("FROM alpine:3.20\nLABEL version 1.0.0\nLABEL 'version'=1.0.1").with_config(strict),
];
