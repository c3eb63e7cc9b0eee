//! DL1001: an inline `# hadolint ignore=` pragma (off by default).

use crate::rules::prelude::*;

declare_rule! {
    InlineIgnorePragma {
        code: "DL1001",
        name: "inline-ignore-pragma",
        severity: Off,
        category: Maintainability,
        fix: None,
        origin: Hadolint,
        summary: "Avoid inline `# hadolint ignore=` pragmas",
        why: "An inline ignore pragma silences a finding right where it happens, so a real \
              problem can be waved through without review. Teams that want every exception \
              to live in the shared configuration turn this rule on to find the pragmas \
              scattered through their Dockerfiles.",
        bad: "FROM debian:bookworm\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
    }
}

#[derive(Default)]
pub struct InlineIgnorePragma;

/// Whether a comment's text (after `#`) is an ignore pragma as hadolint reads it:
/// `hadolint ignore=CODE[,CODE…]`, codes made of `D`, `L`, `S`, `C` and digits, blanks
/// allowed around `=` and `,`, and an optional trailing `# reason`. The `global` and `stage`
/// forms are not inline pragmas.
fn is_ignore_pragma(body: &str) -> bool {
    let blank = |c: char| c == ' ' || c == '\t';
    let s = body.trim_start_matches(blank);
    let Some(rest) = s.strip_prefix("hadolint") else { return false };
    let after = rest.trim_start_matches(blank);
    if after.len() == rest.len() {
        return false;
    }
    let Some(rest) = after.strip_prefix("ignore") else { return false };
    let Some(mut rest) = rest.trim_start_matches(blank).strip_prefix('=') else { return false };
    loop {
        rest = rest.trim_start_matches(blank);
        let code_len =
            rest.find(|c: char| !matches!(c, 'D' | 'L' | 'S' | 'C' | '0'..='9')).unwrap_or(rest.len());
        if code_len == 0 {
            return false;
        }
        rest = rest[code_len..].trim_start_matches(blank);
        if rest.is_empty() || rest.starts_with('#') {
            return true;
        }
        match rest.strip_prefix(',') {
            Some(r) => rest = r,
            None => return false,
        }
    }
}

impl Rule for InlineIgnorePragma {
    fn finish(&mut self, cx: &mut Cx) {
        let pragmas: Vec<Span> = cx
            .file
            .comments
            .iter()
            .filter(|c| !c.in_continuation && is_ignore_pragma(&c.span.text(cx.source)[1..]))
            .map(|c| c.span)
            .collect();
        for span in pragmas {
            cx.report(span, "Inline `# hadolint ignore=` pragma: exceptions should be kept in the configuration")
                .with_help("Remove the pragma and fix the finding, or list the rule under `ignored:` in `.hadolint.yaml`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl", &["# hadolint ignore=DL3008"]),
    Case::fires(
        "# hadolint ignore=DL3006\nFROM debian\n  #hadolint ignore = DL3009 , SC2086 # legacy\nRUN true",
        &["# hadolint ignore=DL3006", "#hadolint ignore = DL3009 , SC2086 # legacy"],
    ),
    Case::quiet("FROM debian:12\n# hadolint global ignore=DL3008\nRUN apt-get install -y curl"),
    Case::quiet("# hadolint stage ignore=DL3006\nFROM debian\nRUN true"),
    Case::quiet("FROM debian:12\n# hadolint shell=powershell\nRUN Write-Host hi"),
    Case::quiet("FROM debian:12\n# hadolint ignore=nothing\n# HADOLINT ignore=DL3008\n# see hadolint ignore=DL3008\nRUN true"),
    Case::quiet("FROM debian:12\nRUN apt-get update \\\n# hadolint ignore=DL3008\n && apt-get install -y curl"),
];
