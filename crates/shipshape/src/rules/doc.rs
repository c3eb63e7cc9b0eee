//! A rule's documentation as Markdown: the same text for `shipshape explain`, the
//! generated pages in `docs/rules/` and the playground's rule panel.

use super::{FixAvailability, Origin, RuleMeta};

/// Where the rule comes from, and the names other tools give it.
pub fn upstream(meta: &RuleMeta) -> String {
    let mut parts: Vec<String> = Vec::new();
    match meta.origin {
        Origin::Hadolint => parts.push(format!("hadolint {}", meta.code)),
        Origin::BuildKit => parts.push(format!("BuildKit check {}", meta.code)),
        Origin::Shipshape => {}
    }
    for a in meta.aliases {
        if a.starts_with("SC") && a[2..].bytes().all(|b| b.is_ascii_digit()) {
            parts.push(format!("ShellCheck {a}"));
        } else if meta.buildkit_name() == Some(*a) {
            parts.push(format!("BuildKit check {a}"));
        } else {
            parts.push((*a).to_string());
        }
    }
    if parts.is_empty() {
        "shipshape's own rule".to_string()
    } else {
        parts.join(", ")
    }
}

/// How the docs say whether a rule fixes what it finds.
fn fix_word(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "no",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "yes",
    }
}

/// The full page of a rule.
pub fn markdown(meta: &RuleMeta) -> String {
    let severity = meta.severity.map_or("off by default", |s| s.as_str());
    let fix = fix_word(meta.fix);
    format!(
        "# {code} `{name}`\n\n{summary}\n\n\
         | severity | category | origin | also known as | fix |\n| --- | --- | --- | --- | --- |\n\
         | {severity} | {category} | {origin} | {upstream} | {fix} |\n\n\
         ## Why\n\n{why}\n\n## Bad\n\n```dockerfile\n{bad}```\n\n## Good\n\n```dockerfile\n{good}```\n\n\
         Suppress it for one instruction with `# hadolint ignore={code}` on the line above{bk}.\n",
        code = meta.code,
        name = meta.name,
        summary = meta.summary,
        category = meta.category.as_str(),
        origin = meta.origin.as_str(),
        upstream = upstream(meta),
        why = meta.docs.why.split_whitespace().collect::<Vec<_>>().join(" "),
        bad = ensure_newline(meta.docs.bad),
        good = ensure_newline(meta.docs.good),
        bk = meta
            .buildkit_name()
            .map_or(String::new(), |n| format!(", or for the whole file with `# check=skip={n}`")),
    )
}

fn ensure_newline(s: &str) -> String {
    if s.ends_with('\n') {
        s.to_string()
    } else {
        format!("{s}\n")
    }
}

/// The index page: every rule, one line each.
pub fn index(metas: &[&RuleMeta]) -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule definitions (`shipshape rules --write-docs docs/rules`, run by \
         `make docs`); do not edit by hand.\n\n| code | name | severity | category | origin | fix | summary |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for m in metas {
        out.push_str(&format!(
            "| [{code}]({code}.md) | {name} | {sev} | {cat} | {origin} | {fix} | {summary} |\n",
            code = m.code,
            name = m.name,
            sev = m.severity.map_or("off", |s| s.as_str()),
            cat = m.category.as_str(),
            origin = m.origin.as_str(),
            fix = fix_word(m.fix),
            summary = m.summary.replace('|', "\\|"),
        ));
    }
    out
}
