//! LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "LegacyKeyValueFormat",
    name: "legacy-key-value-format",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::BuildKit,
    onbuild: false,
    summary: "Use `key=value` in ENV and LABEL, not the legacy `key value` form",
    docs: Docs {
        why: "`ENV key value` is the old form: everything after the key, spaces included, \
              becomes one value, and only one variable can be set per line. It is deprecated \
              and reads differently from the `key=value` form used everywhere else, so `ENV A \
              B=C` sets `A` to `B=C`, not two variables. BuildKit calls this check \
              LegacyKeyValueFormat.",
        bad: "FROM alpine:3.20\nENV APP_HOME /app\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/app\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !matches!(instr.keyword, Keyword::Env | Keyword::Label) {
            return;
        }
        let Args::KeyValues { legacy: true, pairs } = &instr.args else { return };
        let kw = instr.keyword.as_str();
        for pair in pairs {
            cx.report(pair.span, format!("`{kw} {} …` uses the legacy `key value` form", pair.key.text))
                .with_help(format!("Write `{kw} {}=…`, quoting the value if it has spaces.", pair.key.text));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/legacy-key-value-format: its ARG examples are
    // quiet, because `ARG foo bar` declares two arguments and BuildKit checks ENV and LABEL
    // only.
    Case::quiet("FROM alpine\nARG foo bar"),
    Case::quiet("FROM alpine\nARG foo=bar"),
    Case::fires(
        "FROM alpine\nENV DEPS \\\n    curl \\\n    git \\\n    make",
        &["DEPS \\\n    curl \\\n    git \\\n    make"],
    ),
    Case::quiet("FROM alpine\nENV DEPS=\"\\\n    curl \\\n    git \\\n    make\""),
    Case::fires("FROM alpine\nLABEL maintainer Jane Doe", &["maintainer Jane Doe"]),
    Case::fires("FROM alpine\nenv A B=C", &["A B=C"]),
    Case::quiet("FROM alpine\nENV A=1 B=2\nLABEL a=b"),
    Case::quiet("FROM alpine\nONBUILD ENV A 1"),
    // Quoted values with spaces, and quoted keys, are the `key=value` form.
    Case::quiet("FROM alpine\nENV MSG=\"hello world\" PATH=/opt/bin:$PATH"),
    Case::quiet("FROM alpine\nLABEL \"com.example.vendor\"=\"ACME Inc\" version=\"1.0\""),
    Case::quiet("FROM alpine\nRUN echo ENV A B"),
];
