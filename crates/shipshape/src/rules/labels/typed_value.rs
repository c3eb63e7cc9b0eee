//! The label schema's typed labels (DL3052–DL3056, DL3058): a label the schema gives a
//! type (`url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`) whose value is not of that
//! type. Each rule has its own metadata, docs and tests; `typed_label_rules!` gives each its
//! schema type, validator and wording, and [`check`] is the one check they share.

use crate::config::LabelType;
use crate::rules::labels::values::{
    is_email, is_git_hash, is_rfc3339, is_semver, is_spdx, is_url, typed_values,
};
use crate::rules::prelude::*;

/// Reports each label of the instruction that the schema types as `ty` and whose value is
/// not `valid`: "The label `key` is not {not}". Values with variables are only known at
/// build time and are not checked.
fn check(cx: &mut Cx, instr: &Instruction, ty: LabelType, valid: fn(&str) -> bool, not: &str, help: &str) {
    let bad: Vec<(Span, String)> = typed_values(cx, instr, ty)
        .into_iter()
        .filter(|(_, _, value)| !valid(value))
        .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
        .collect();
    for (span, key) in bad {
        cx.report(span, format!("The label `{key}` is not {not}")).with_help(help);
    }
}

/// The rule types, each with the schema type it checks, its validator, what a bad value is
/// not, the help, and the label its tests give that type (in `LabelNotUrl::schema()` …).
macro_rules! typed_label_rules {
    ($($rule:ident: $ty:ident, $valid:ident, not $not:literal, help $help:literal, tests $key:literal;)*) => {$(
        #[derive(Default)]
        pub struct $rule;

        impl Rule for $rule {
            fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
                check(cx, instr, LabelType::$ty, $valid, $not, $help);
            }
        }

        #[cfg(test)]
        impl $rule {
            /// A configuration whose label schema gives the rule's type to one label.
            fn schema() -> crate::config::Config {
                crate::config::Config {
                    label_schema: vec![($key.into(), LabelType::$ty)],
                    ..crate::config::Config::default()
                }
            }
        }
    )*};
}

typed_label_rules! {
    LabelNotUrl: Url, is_url, not "a valid URL",
        help "Write an absolute URL with its scheme, e.g. `https://example.com/project`.",
        tests "url";
    LabelNotRfc3339: Rfc3339, is_rfc3339, not "an RFC 3339 date-time",
        help "Write the time as `YYYY-MM-DDTHH:MM:SSZ` (or with an offset such as `+02:00`).",
        tests "created";
    LabelNotSpdx: Spdx, is_spdx, not "an SPDX license identifier",
        help "Use the SPDX identifier of the license, e.g. `MIT` or `Apache-2.0` (see spdx.org/licenses).",
        tests "license";
    LabelNotGitHash: Hash, is_git_hash, not "a git commit hash",
        help "Use the commit hash (`git rev-parse HEAD`, or the 7-character short form).",
        tests "revision";
    LabelNotSemver: Semver, is_semver, not "a semantic version",
        help "Write the version as `MAJOR.MINOR.PATCH`, e.g. `1.2.0` or `1.2.0-rc.1`.",
        tests "version";
    LabelNotEmail: Email, is_email, not "a valid e-mail address",
        help "Write only the address, e.g. `team@example.com`.",
        tests "maintainer";
}

// ─── DL3052 label-not-url ────────────────────────────────────────────────────────────────

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
        tests: URL_TESTS,
    }
}

#[cfg(test)]
const URL_TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL url=github.com/acme/app", &["github.com/acme/app"])
        .with_config(LabelNotUrl::schema),
    Case::fires(
        "FROM alpine:3.20\nLABEL url=\"https://example.com/a b\" other=x",
        &["\"https://example.com/a b\""],
    )
    .with_config(LabelNotUrl::schema),
    Case::fires("FROM alpine:3.20\nLABEL url=\"\"", &["\"\""]).with_config(LabelNotUrl::schema),
    Case::quiet("FROM alpine:3.20\nLABEL url=\"https://github.com/acme/app?tab=readme#top\"")
        .with_config(LabelNotUrl::schema),
    Case::quiet("FROM alpine:3.20\nARG REPO\nLABEL url=https://github.com/$REPO url=$REPO_URL")
        .with_config(LabelNotUrl::schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=not-a-url").with_config(LabelNotUrl::schema),
    Case::quiet("FROM alpine:3.20\nLABEL url=github.com/acme/app"),
    // A scheme with `+`, user info and a port; an IPv6 host.
    Case::quiet(
        "FROM alpine:3.20\nLABEL url=git+ssh://git@github.com:22/acme/app.git url=\"http://[::1]:8080/x\"",
    )
    .with_config(LabelNotUrl::schema),
    // A URN has no `//` authority, and `%20` is an escaped space.
    Case::quiet("FROM alpine:3.20\nLABEL url=urn:isbn:0451450523\nLABEL url='https://example.com/a%20b'")
        .with_config(LabelNotUrl::schema),
];

// ─── DL3053 label-not-rfc3339 ────────────────────────────────────────────────────────────

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
        tests: RFC3339_TESTS,
    }
}

#[cfg(test)]
const RFC3339_TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL created=2024-05-01", &["2024-05-01"])
        .with_config(LabelNotRfc3339::schema),
    Case::fires("FROM alpine:3.20\nLABEL created=\"2024-05-01 12:00:00Z\"", &["\"2024-05-01 12:00:00Z\""])
        .with_config(LabelNotRfc3339::schema),
    Case::fires("FROM alpine:3.20\nLABEL created=2023-02-29T00:00:00Z", &["2023-02-29T00:00:00Z"])
        .with_config(LabelNotRfc3339::schema),
    Case::quiet("FROM alpine:3.20\nLABEL created=\"2024-05-01T12:00:00.123+02:00\"")
        .with_config(LabelNotRfc3339::schema),
    Case::quiet("FROM alpine:3.20\nARG BUILD_DATE\nLABEL created=${BUILD_DATE}")
        .with_config(LabelNotRfc3339::schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=yesterday").with_config(LabelNotRfc3339::schema),
    Case::quiet("FROM alpine:3.20\nLABEL created=2024-05-01"),
    // 29 February of a leap year (the firing case's 2023 is not one).
    Case::quiet("FROM alpine:3.20\nLABEL created=2024-02-29T00:00:00Z").with_config(LabelNotRfc3339::schema),
    // Lower-case `t` and `z`, and a negative offset, are allowed by RFC 3339.
    Case::quiet(
        "FROM alpine:3.20\nLABEL created=2024-05-01t12:00:00z\nLABEL created=2024-12-31T23:59:59-05:00",
    )
    .with_config(LabelNotRfc3339::schema),
];

// ─── DL3054 label-not-spdx ───────────────────────────────────────────────────────────────

declare_rule! {
    LabelNotSpdx {
        code: "DL3054",
        name: "label-not-spdx",
        severity: Warning,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "A label of type `spdx` in the label schema is not an SPDX license id",
        why: "The label schema says this label names a license. SPDX identifiers (`MIT`, \
              `Apache-2.0`, `GPL-3.0-only`) are what license scanners match on; free text \
              such as `Apache 2` or a lower-case `mit` is not recognised. The check knows the \
              common SPDX identifiers, not the complete list.",
        bad: "FROM alpine:3.20\nLABEL license=\"Apache 2\"\n",
        good: "FROM alpine:3.20\nLABEL license=\"Apache-2.0\"\n",
        tests: SPDX_TESTS,
    }
}

#[cfg(test)]
const SPDX_TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL license=mit", &["mit"]).with_config(LabelNotSpdx::schema),
    Case::fires("FROM alpine:3.20\nLABEL license=\"MIT OR Apache-2.0\"", &["\"MIT OR Apache-2.0\""])
        .with_config(LabelNotSpdx::schema),
    Case::fires("FROM alpine:3.20\nLABEL license=GPL-3.0", &["GPL-3.0"]).with_config(LabelNotSpdx::schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=\"Apache-2.0\"").with_config(LabelNotSpdx::schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=GPL-3.0-or-later").with_config(LabelNotSpdx::schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=proprietary").with_config(LabelNotSpdx::schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=mit"),
    // A single-quoted id, and ids that start with a digit or end in `-only`.
    Case::quiet(
        "FROM alpine:3.20\nLABEL license='BSD-3-Clause'\nLABEL license=0BSD\nLABEL license=LGPL-2.1-only",
    )
    .with_config(LabelNotSpdx::schema),
    // Only the key the schema names is checked, not every key about licenses.
    Case::quiet("FROM alpine:3.20\nLABEL license=MPL-2.0 org.opencontainers.image.licenses=proprietary")
        .with_config(LabelNotSpdx::schema),
];

// ─── DL3055 label-not-git-hash ───────────────────────────────────────────────────────────

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
        tests: GIT_HASH_TESTS,
    }
}

#[cfg(test)]
const GIT_HASH_TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL revision=main", &["main"]).with_config(LabelNotGitHash::schema),
    Case::fires("FROM alpine:3.20\nLABEL revision=\"4F2A9C1\"", &["\"4F2A9C1\""])
        .with_config(LabelNotGitHash::schema),
    Case::fires("FROM alpine:3.20\nLABEL revision=4f2a9c", &["4f2a9c"]).with_config(LabelNotGitHash::schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=\"4f2a9c1\"").with_config(LabelNotGitHash::schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=0123456789abcdef0123456789abcdef01234567")
        .with_config(LabelNotGitHash::schema),
    Case::quiet("FROM alpine:3.20\nARG GIT_SHA\nLABEL revision=$GIT_SHA")
        .with_config(LabelNotGitHash::schema),
    Case::quiet("FROM alpine:3.20\nLABEL revision=main"),
    // Short hashes of only digits or only letters, one single-quoted.
    Case::quiet("FROM alpine:3.20\nLABEL revision=1234567\nLABEL revision='abcdef0'")
        .with_config(LabelNotGitHash::schema),
    // Another key about revisions is not the schema's `revision`.
    Case::quiet("FROM alpine:3.20\nLABEL revision=4f2a9c1 org.opencontainers.image.revision=main")
        .with_config(LabelNotGitHash::schema),
];

// ─── DL3056 label-not-semver ─────────────────────────────────────────────────────────────

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
        tests: SEMVER_TESTS,
    }
}

#[cfg(test)]
const SEMVER_TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL version=v1.2.3", &["v1.2.3"]).with_config(LabelNotSemver::schema),
    Case::fires("FROM alpine:3.20\nLABEL version=\"1.2\" other=x", &["\"1.2\""])
        .with_config(LabelNotSemver::schema),
    Case::fires("FROM alpine:3.20\nLABEL version latest", &["latest"]).with_config(LabelNotSemver::schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=\"1.0.0\"").with_config(LabelNotSemver::schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=1.2.3-rc.1+build.5").with_config(LabelNotSemver::schema),
    Case::quiet("FROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION").with_config(LabelNotSemver::schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=v1").with_config(LabelNotSemver::schema),
    Case::quiet("FROM alpine:3.20\nLABEL version=v1.2.3"),
    // Build metadata without a pre-release, and a single-quoted `0.0.0`.
    Case::quiet("FROM alpine:3.20\nLABEL version=2.0.0+20240501\nLABEL version='0.0.0'")
        .with_config(LabelNotSemver::schema),
    // Multi-digit parts and hyphens inside a pre-release identifier.
    Case::quiet("FROM alpine:3.20\nLABEL version=10.20.30-alpha-a.b-c").with_config(LabelNotSemver::schema),
];

// ─── DL3058 label-not-email ──────────────────────────────────────────────────────────────

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
        tests: EMAIL_TESTS,
    }
}

#[cfg(test)]
const EMAIL_TESTS: &[Case] = &[
    Case::fires(
        "FROM alpine:3.20\nLABEL maintainer=\"Jane <jane@example.com>\"",
        &["\"Jane <jane@example.com>\""],
    )
    .with_config(LabelNotEmail::schema),
    Case::fires("FROM alpine:3.20\nLABEL maintainer=jane..doe@example.com", &["jane..doe@example.com"])
        .with_config(LabelNotEmail::schema),
    Case::fires("FROM alpine:3.20\nLABEL maintainer=jane", &["jane"]).with_config(LabelNotEmail::schema),
    Case::quiet("FROM alpine:3.20\nLABEL maintainer=\"jane.doe+docker@example.com\"")
        .with_config(LabelNotEmail::schema),
    Case::quiet("FROM alpine:3.20\nARG MAINTAINER\nLABEL maintainer=${MAINTAINER}")
        .with_config(LabelNotEmail::schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=jane").with_config(LabelNotEmail::schema),
    Case::quiet("FROM alpine:3.20\nLABEL maintainer=\"Jane <jane@example.com>\""),
    // A domain without a dot, and a single-quoted address on a sub-domain.
    Case::quiet(
        "FROM alpine:3.20\nLABEL maintainer=jane@localhost\nLABEL maintainer='ops-team@mail.example.co.uk'",
    )
    .with_config(LabelNotEmail::schema),
    // The MAINTAINER instruction is not the label: only the LABEL value is judged.
    Case::quiet("FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nLABEL maintainer=jane@example.com")
        .with_config(LabelNotEmail::schema),
];
