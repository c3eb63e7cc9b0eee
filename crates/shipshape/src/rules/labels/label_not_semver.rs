//! DL3056: a label the label schema types as `semver` whose value is not a semantic version.

use crate::rules::labels::values::{is_semver, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

declare_rule! {
    LabelNotSemver {
        code: "DL3056",
        name: "label-not-semver",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `semver` in the label schema is not a semantic version",
        why: "The label schema says this label holds a semantic version (`MAJOR.MINOR.PATCH`, \
              optionally with a pre-release and build part). Tools compare and sort such \
              versions; a `v` prefix, a missing patch number or free text breaks that.",
        bad: "FROM alpine:3.20\nLABEL version=\"v1.2\"\n",
        good: "FROM alpine:3.20\nLABEL version=\"1.2.0\"\n",
    }
}

#[derive(Default)]
pub struct LabelNotSemver;

impl Rule for LabelNotSemver {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Semver)
            .into_iter()
            .filter(|(_, _, value)| !is_semver(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not a semantic version"))
                .with_help("Write the version as `MAJOR.MINOR.PATCH`, e.g. `1.2.0` or `1.2.0-rc.1`.");
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("version".into(), LabelType::Semver)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL version=v1.2.3", &["v1.2.3"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL version=\"1.2\" other=x", &["\"1.2\""]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL version latest", &["latest"]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=\"1.0.0\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=1.2.3-rc.1+build.5").with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=v1").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=v1.2.3"),
    // Build metadata without a pre-release, and a single-quoted `0.0.0`.
    Case::quiet("FROM alpine:3.20\nLABEL version=2.0.0+20240501\nLABEL version='0.0.0'").with_config(schema),
    // Multi-digit parts and hyphens inside a pre-release identifier.
    Case::quiet("FROM alpine:3.20\nLABEL version=10.20.30-alpha-a.b-c").with_config(schema),
];
