//! DL3051: a label of the label schema with an empty value.

use crate::rules::labels::values::{has_vars, pairs, schema_type, lexed};
use crate::rules::prelude::*;

declare_rule! {
    LabelEmpty {
        code: "DL3051",
        name: "label-empty",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of the label schema is empty",
        why: "The labels of the label schema are there to be read: by registries, scanners \
              and people tracing an image back to its source. An empty value satisfies the \
              letter of the schema but carries no information, usually because a build \
              argument that should fill it was not passed.",
        bad: "FROM alpine:3.20\nLABEL version=\"\"\n",
        good: "FROM alpine:3.20\nLABEL version=\"1.0.0\"\n",
    }
}

#[derive(Default)]
pub struct LabelEmpty;

impl Rule for LabelEmpty {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if cx.config.label_schema.is_empty() {
            return;
        }
        let mut empty = Vec::new();
        for p in pairs(instr) {
            let key = lexed(cx, &p.key);
            if schema_type(cx, &key).is_some() && !has_vars(cx, &p.value) && lexed(cx, &p.value).is_empty()
            {
                let span = if p.value.span.is_empty() { p.key.span } else { p.value.span };
                empty.push((span, key));
            }
        }
        for (span, key) in empty {
            cx.report(span, format!("The label `{key}` is empty"))
                .with_help("Give the label a value, or pass the build argument that should fill it.");
        }
    }
}

#[cfg(test)]
use crate::config::{Config, LabelType};

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("version".into(), LabelType::Semver)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL version=\"\"", &["\"\""]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL other=1 version=''", &["''"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL version=", &["version"]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=1.0.0").with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=\"\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=\"\""),
    // `0` is a value, not an empty one.
    Case::quiet("FROM alpine:3.20\nLABEL version=0").with_config(schema),
    // An empty ARG or ENV of the same name is not the label.
    Case::quiet("FROM alpine:3.20\nARG version=\nENV version=\"\"\nLABEL version=1.0.0").with_config(schema),
];
