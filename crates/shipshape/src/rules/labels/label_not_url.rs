//! DL3052: a label the label schema types as `url` whose value is not a valid URL.

use crate::rules::labels::values::{is_url, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

declare_rule! {
    LabelNotUrl {
        code: "DL3052",
        name: "label-not-url",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `url` in the label schema is not a valid URL",
        why: "The label schema says this label holds a URL (the project's home page, its source \
              repository, its documentation). A value that is not an absolute URL, such as a \
              bare host name or one with spaces in it, cannot be followed by the tools that \
              read it.",
        bad: "FROM alpine:3.20\nLABEL url=\"github.com/acme/app\"\n",
        good: "FROM alpine:3.20\nLABEL url=\"https://github.com/acme/app\"\n",
    }
}

#[derive(Default)]
pub struct LabelNotUrl;

impl Rule for LabelNotUrl {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Url)
            .into_iter()
            .filter(|(_, _, value)| !is_url(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not a valid URL"))
                .with_help("Write an absolute URL with its scheme, e.g. `https://example.com/project`.");
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("url".into(), LabelType::Url)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL url=github.com/acme/app", &["github.com/acme/app"])
        .with_config(schema),
    Case::fires(
        "FROM alpine:3.20\nLABEL url=\"https://example.com/a b\" other=x",
        &["\"https://example.com/a b\""],
    )
    .with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL url=\"\"", &["\"\""]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL url=\"https://github.com/acme/app?tab=readme#top\"")
        .with_config(schema),
    Case::quiet("FROM alpine:3.20\nARG REPO\nLABEL url=https://github.com/$REPO url=$REPO_URL")
        .with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=not-a-url").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL url=github.com/acme/app"),
    // A scheme with `+`, user info and a port; an IPv6 host.
    Case::quiet(
        "FROM alpine:3.20\nLABEL url=git+ssh://git@github.com:22/acme/app.git url=\"http://[::1]:8080/x\"",
    )
    .with_config(schema),
    // A URN has no `//` authority, and `%20` is an escaped space.
    Case::quiet("FROM alpine:3.20\nLABEL url=urn:isbn:0451450523\nLABEL url='https://example.com/a%20b'")
        .with_config(schema),
];
