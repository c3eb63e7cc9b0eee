//! DL3055: a label the label schema types as `hash` whose value is not a git commit hash.

use crate::rules::labels::values::{is_git_hash, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

declare_rule! {
    LabelNotGitHash {
        code: "DL3055",
        name: "label-not-git-hash",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `hash` in the label schema is not a git commit hash",
        why: "The label schema says this label holds the git commit the image was built from, so \
              that the image can be traced back to its source. Only a full (40 characters) or \
              short (7 characters) lower-case hexadecimal hash identifies a commit; a branch \
              name or tag does not.",
        bad: "FROM alpine:3.20\nLABEL revision=main\n",
        good: "FROM alpine:3.20\nLABEL revision=4f2a9c1\n",
    }
}

#[derive(Default)]
pub struct LabelNotGitHash;

impl Rule for LabelNotGitHash {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Hash)
            .into_iter()
            .filter(|(_, _, value)| !is_git_hash(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not a git commit hash"))
                .with_help("Use the commit hash (`git rev-parse HEAD`, or the 7-character short form).");
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("revision".into(), LabelType::Hash)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL revision=main", &["main"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL revision=\"4F2A9C1\"", &["\"4F2A9C1\""]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL revision=4f2a9c", &["4f2a9c"]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=\"4f2a9c1\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=0123456789abcdef0123456789abcdef01234567")
        .with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG GIT_SHA\nLABEL revision=$GIT_SHA").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=main"),
    // Short hashes of only digits or only letters, one single-quoted.
    Case::quiet("FROM alpine:3.20\nLABEL revision=1234567\nLABEL revision='abcdef0'").with_config(schema),
    // Another key about revisions is not the schema's `revision`.
    Case::quiet("FROM alpine:3.20\nLABEL revision=4f2a9c1 org.opencontainers.image.revision=main")
        .with_config(schema),
];
