//! DL3054: a label the label schema types as `spdx` whose value is not an SPDX license identifier.

use crate::rules::labels::values::{is_spdx, typed_values};
use crate::config::LabelType;
use crate::rules::prelude::*;

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
    }
}

#[derive(Default)]
pub struct LabelNotSpdx;

impl Rule for LabelNotSpdx {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // Values with variables are only known at build time and are not checked.
        let bad: Vec<(Span, String)> = typed_values(cx, instr, LabelType::Spdx)
            .into_iter()
            .filter(|(_, _, value)| !is_spdx(value))
            .map(|(p, key, _)| (if p.value.span.is_empty() { p.key.span } else { p.value.span }, key))
            .collect();
        for (span, key) in bad {
            cx.report(span, format!("The label `{key}` is not an SPDX license identifier")).with_help(
                "Use the SPDX identifier of the license, e.g. `MIT` or `Apache-2.0` (see spdx.org/licenses).",
            );
        }
    }
}

#[cfg(test)]
use crate::config::Config;

#[cfg(test)]
fn schema() -> Config {
    Config { label_schema: vec![("license".into(), LabelType::Spdx)], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nLABEL license=mit", &["mit"]).with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL license=\"MIT OR Apache-2.0\"", &["\"MIT OR Apache-2.0\""])
        .with_config(schema),
    Case::fires("FROM alpine:3.20\nLABEL license=GPL-3.0", &["GPL-3.0"]).with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=\"Apache-2.0\"").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=GPL-3.0-or-later").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL other=proprietary").with_config(schema),
    Case::quiet("FROM alpine:3.20\nLABEL license=mit"),
    // A single-quoted id, and ids that start with a digit or end in `-only`.
    Case::quiet(
        "FROM alpine:3.20\nLABEL license='BSD-3-Clause'\nLABEL license=0BSD\nLABEL license=LGPL-2.1-only",
    )
    .with_config(schema),
    // Only the key the schema names is checked, not every key about licenses.
    Case::quiet("FROM alpine:3.20\nLABEL license=MPL-2.0 org.opencontainers.image.licenses=proprietary")
        .with_config(schema),
];
