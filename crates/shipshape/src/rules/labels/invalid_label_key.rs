//! DL3048: a LABEL key that is not a valid label key.

use crate::rules::labels::values::{pairs, lexed};
use crate::rules::prelude::*;

declare_rule! {
    InvalidLabelKey {
        code: "DL3048",
        name: "invalid-label-key",
        severity: Style,
        category: Style,
        fix: None,
        origin: Hadolint,
        summary: "Invalid label key",
        why: "Docker's label guidelines ask for keys in lower case, made of letters, digits, \
              dots and dashes (underscores and slashes are tolerated), starting with a \
              letter and ending with a letter or digit, without repeated separators, and \
              outside the namespaces Docker reserves for itself (`com.docker.`, \
              `io.docker.`, `org.dockerproject.`). Tools that read labels, and people \
              searching for them, rely on that shape.",
        bad: "FROM alpine:3.20\nLABEL Maintainer=\"team@example.com\"\n",
        good: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n",
    }
}

#[derive(Default)]
pub struct InvalidLabelKey;

/// Why a key breaks the label key guidelines, if it does.
fn problem(key: &str) -> Option<&'static str> {
    let first = key.chars().next();
    let last = key.chars().last();
    if !first.is_some_and(|c| c.is_ascii_lowercase()) {
        Some("it must start with a lower-case letter")
    } else if !last.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        Some("it must end with a lower-case letter or a digit")
    } else if key
        .chars()
        .any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '/')))
    {
        Some("only lower-case letters, digits, `.`, `-`, `_` and `/` are allowed")
    } else if ["com.docker.", "io.docker.", "org.dockerproject."].iter().any(|p| key.starts_with(p)) {
        Some("this namespace is reserved by Docker")
    } else if key.contains("..") || key.contains("--") {
        Some("separators must not be repeated")
    } else {
        None
    }
}

impl Rule for InvalidLabelKey {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let mut bad = Vec::new();
        for p in pairs(instr) {
            let key = lexed(cx, &p.key);
            if let Some(why) = problem(&key) {
                bad.push((p.key.span, key, why));
            }
        }
        for (span, key, why) in bad {
            cx.report(span, format!("Invalid label key `{key}`: {why}"))
                .with_help("Use a reverse-DNS key in lower case, e.g. `org.opencontainers.image.title`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine\nLABEL Maintainer=me", &["Maintainer"]),
    Case::fires(
        "FROM alpine\nLABEL com.example.foo-=1 com.docker.x=2 a..b=3",
        &["com.example.foo-", "com.docker.x", "a..b"],
    ),
    Case::fires(
        "FROM alpine\nLABEL \"my:label\"=1 9lives=2 a--b=3 _x=4",
        &["\"my:label\"", "9lives", "a--b", "_x"],
    ),
    Case::fires("FROM alpine\nLABEL org.example.Version 1.0", &["org.example.Version"]),
    Case::quiet("FROM alpine\nLABEL org.opencontainers.image.version=1.0 maintainer=me"),
    Case::quiet("FROM alpine\nLABEL \"com.example.vendor\"=\"ACME\" version9=1"),
    Case::quiet("FROM alpine\nLABEL build_version=1 com.redhat.license_terms=x a/b=2"),
    Case::quiet("FROM alpine\nENV Foo=bar"),
    Case::quiet("FROM alpine\nONBUILD LABEL Bad=1"),
    // Only keys are judged: a value may hold upper case, `:` and repeated separators.
    Case::quiet("FROM alpine\nLABEL description=\"Has UPPER case: and -- symbols..\" vendor=ACME"),
    // A single-quoted key is judged without its quotes.
    Case::quiet("FROM alpine\nLABEL 'com.example.name'=x"),
    // Namespaces that only start like Docker's reserved ones.
    Case::quiet("FROM alpine\nLABEL com.dockerhub.team=x org.example.docker.version=1 io.dockerproject=2"),
    // Keys on continuation lines, with single separators of each kind.
    Case::quiet("FROM alpine\nLABEL org.example.vendor=acme \\\n      org.example.v2-beta.build_id=7"),
];
