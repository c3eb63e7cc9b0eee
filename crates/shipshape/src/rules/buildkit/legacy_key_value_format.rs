//! LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`.

use crate::rules::prelude::*;
use crate::syntax::KeyValue;

declare_rule! {
    LegacyKeyValueFormat {
        code: "LegacyKeyValueFormat",
        name: "legacy-key-value-format",
        severity: Warning,
        category: Maintainability,
        fix: Sometimes,
        origin: BuildKit,
        summary: "Use `key=value` in ENV and LABEL, not the legacy `key value` form",
        why: "`ENV key value` is the old form: everything after the key, spaces included, \
              becomes one value, and only one variable can be set per line. It is deprecated \
              and reads differently from the `key=value` form used everywhere else, so `ENV A \
              B=C` sets `A` to `B=C`, not two variables. BuildKit calls this check \
              LegacyKeyValueFormat. The fix writes `key=value`, quoting a value with spaces.",
        bad: "FROM alpine:3.20\nENV APP_HOME /app\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/app\n",
    }
}

#[derive(Default)]
pub struct LegacyKeyValueFormat;

impl Rule for LegacyKeyValueFormat {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !matches!(instr.keyword, Keyword::Env | Keyword::Label) {
            return;
        }
        let Args::KeyValues { legacy: true, pairs } = &instr.args else { return };
        let kw = instr.keyword.as_str();
        for pair in pairs {
            let fix = fix(cx, pair, kw);
            let d =
                cx.report(pair.span, format!("`{kw} {} …` uses the legacy `key value` form", pair.key.text));
            d.with_help(format!("Write `{kw} {}=…`, quoting the value if it has spaces.", pair.key.text));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// `key value` → `key=value`, the value in double quotes when it has blanks. BuildKit
/// expands the legacy value as one word, as it does a quoted `key="value"`, so the value
/// stays the same when nothing in it reads differently inside double quotes: no fix when a
/// value with blanks has quotes or the escape character in it, or when a comment line sits
/// between the key and the value (the rewrite joins those lines).
fn fix(cx: &Cx, pair: &KeyValue, kw: &str) -> Option<Fix> {
    let (key, value) = (&pair.key, &pair.value);
    if value.text.is_empty() || value.span.start < key.span.end {
        return None;
    }
    let gap = Span::new(key.span.end, value.span.start);
    if gap.text(cx.source).contains('#') {
        return None;
    }
    let title = format!("Write `{kw} {}=…`", key.text);
    // One quoted string (`"a b"`, `'a b'`) is a word of the `key=value` form as it is.
    let t = value.text.as_str();
    let quoted = |q: char| {
        t.len() >= 2 && t.starts_with(q) && t.ends_with(q) && !t[1..t.len() - 1].contains([q, cx.file.escape])
    };
    if !t.contains(char::is_whitespace) || quoted('"') || quoted('\'') {
        return Some(Fix::safe(title, vec![Edit::replace(gap, "=")]));
    }
    if value.text.contains(['"', '\'', cx.file.escape]) {
        return None;
    }
    Some(Fix::safe(title, vec![Edit::replace(gap, "=\""), Edit::insert(value.span.end, "\"")]))
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
    )
    .fixed("FROM alpine\nENV DEPS=\"curl \\\n    git \\\n    make\""),
    Case::quiet("FROM alpine\nENV DEPS=\"\\\n    curl \\\n    git \\\n    make\""),
    Case::fires("FROM alpine\nLABEL maintainer Jane Doe", &["maintainer Jane Doe"])
        .fixed("FROM alpine\nLABEL maintainer=\"Jane Doe\""),
    Case::fires("FROM alpine\nenv A B=C", &["A B=C"]).fixed("FROM alpine\nenv A=B=C"),
    // Variables, quoted values, a comment line inside the value, CRLF.
    Case::fires("FROM alpine\nENV PATH $PATH:/opt/bin", &["PATH $PATH:/opt/bin"])
        .fixed("FROM alpine\nENV PATH=$PATH:/opt/bin"),
    Case::fires("FROM alpine\nENV GREETING hello  ${USER:-you}", &["GREETING hello  ${USER:-you}"])
        .fixed("FROM alpine\nENV GREETING=\"hello  ${USER:-you}\""),
    Case::fires("FROM alpine\nENV A \"a b\"\nLABEL b 'c d'", &["A \"a b\"", "b 'c d'"])
        .fixed("FROM alpine\nENV A=\"a b\"\nLABEL b='c d'"),
    Case::fires(
        "FROM alpine\n# deps\nENV DEPS curl \\\n    # the tools\n    git",
        &["DEPS curl \\\n    # the tools\n    git"],
    )
    .fixed("FROM alpine\n# deps\nENV DEPS=\"curl \\\n    # the tools\n    git\""),
    Case::fires("FROM alpine\r\nENV A b c\r\nENV B d\r\n", &["A b c", "B d"])
        .fixed("FROM alpine\r\nENV A=\"b c\"\r\nENV B=d\r\n"),
    Case::fires(
        "# escape=`\nFROM alpine\nENV APP C:\\Program Files\\app `\n    C:\\bin",
        &["APP C:\\Program Files\\app `\n    C:\\bin"],
    )
    .fixed("# escape=`\nFROM alpine\nENV APP=\"C:\\Program Files\\app `\n    C:\\bin\""),
    // No fix where quotes or escapes would read differently inside double quotes, or where
    // a comment line sits between the key and the value.
    Case::fires("FROM alpine\nENV A \"a b\" c", &["A \"a b\" c"]),
    Case::fires("FROM alpine\nLABEL note it's here", &["note it's here"]),
    Case::fires("FROM alpine\nENV A b\\ c d", &["A b\\ c d"]),
    Case::fires("FROM alpine\nENV A \\\n  # the value\n  b", &["A \\\n  # the value\n  b"]),
    Case::quiet("FROM alpine\nENV A=1 B=2\nLABEL a=b"),
    Case::quiet("FROM alpine\nONBUILD ENV A 1"),
    // Quoted values with spaces, and quoted keys, are the `key=value` form.
    Case::quiet("FROM alpine\nENV MSG=\"hello world\" PATH=/opt/bin:$PATH"),
    Case::quiet("FROM alpine\nLABEL \"com.example.vendor\"=\"ACME Inc\" version=\"1.0\""),
    Case::quiet("FROM alpine\nRUN echo ENV A B"),
    // Near misses: the fixed forms, over continuation lines, with CRLF, under the backtick
    // escape, and the words elsewhere.
    Case::quiet("FROM alpine\nENV PATH=$PATH:/opt/bin"),
    Case::quiet("FROM alpine\nENV GREETING=\"hello  ${USER:-you}\""),
    Case::quiet("FROM alpine\nENV A=\"a b\"\nLABEL b='c d'"),
    Case::quiet("FROM alpine\n# deps\nENV DEPS=\"curl \\\n    # the tools\n    git\""),
    Case::quiet("FROM alpine\r\nENV A=\"b c\"\r\nENV B=d\r\n"),
    Case::quiet("# escape=`\nFROM alpine\nENV APP=\"C:\\Program Files\\app `\n    C:\\bin\""),
    Case::quiet("FROM alpine\nENV A=b \\\n    C=d"),
    Case::quiet("FROM alpine\nLABEL a=\"b c\" \\\n    # note\n    d=e"),
    Case::quiet("FROM alpine\nARG A B\nARG C=d e=f"),
    Case::quiet("FROM alpine\nRUN export A B"),
    Case::quiet("# ENV A B\nFROM alpine\nENV A=B"),
    Case::quiet("FROM alpine\nCMD [\"env\", \"A\", \"B\"]"),
    Case::quiet("FROM alpine\nENV A= B=c"),
    Case::quiet("FROM alpine\nLABEL a=b=c"),
    Case::quiet("FROM alpine\nENV A=b c=d e=f"),
    Case::quiet("FROM alpine\nENV A=1\nENV B=2"),
    Case::quiet("FROM alpine\nHEALTHCHECK CMD env A B"),
    Case::quiet("FROM alpine\nLABEL version=1.0 \\\n      vendor=acme"),
];
