//! Output formats of `shipshape check`: tty (a code frame with the span underlined), json
//! (hadolint's fields plus end positions and the rule name), SARIF 2.1.0, checkstyle, gnu,
//! Code Climate, GitLab Code Quality, and hadolint's codacy, sonarqube and junit.

use serde_json::{json, Value};
use shipshape::diagnostic::Applicability;
use shipshape::rules::{Diagnostic, Severity};
use shipshape::syntax::{LineIndex, Span};
use shipshape::LintResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Tty,
    Json,
    Sarif,
    Checkstyle,
    Gnu,
    Codeclimate,
    Gitlab,
    Codacy,
    Sonarqube,
    Junit,
}

impl Format {
    /// The names `parse` takes, for messages.
    pub const NAMES: &'static str =
        "tty, json, sarif, checkstyle, gnu, codeclimate, gitlab, gitlab_codeclimate, codacy, sonarqube, junit";

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "tty" => Format::Tty,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "checkstyle" => Format::Checkstyle,
            "gnu" => Format::Gnu,
            "codeclimate" => Format::Codeclimate,
            "gitlab" | "gitlab_codeclimate" => Format::Gitlab,
            "codacy" => Format::Codacy,
            "sonarqube" => Format::Sonarqube,
            "junit" => Format::Junit,
            _ => return None,
        })
    }
}

pub struct Report {
    pub file: String,
    /// The path the report names instead of `file` (`--file-path-in-report`).
    pub shown: Option<String>,
    /// The text the findings are about (after the fixes, when fixing).
    pub source: String,
    pub result: LintResult,
    /// With `--fix` or `--diff`: the text before, and what the fixes did.
    pub fixed: Option<Fixed>,
}

/// What fix-all did to one file.
pub struct Fixed {
    pub original: String,
    pub applied: Vec<shipshape::fix_all::Applied>,
    pub skipped: Vec<shipshape::fix_all::Skipped>,
}

/// Positions of one finding, 1-based; columns count characters (UTF-16 units for SARIF).
struct Pos {
    line: u32,
    col: u32,
    end_line: u32,
    end_col: u32,
}

fn pos(r: &Report, d: &Diagnostic, utf16: bool) -> Pos {
    let idx: &LineIndex = &r.result.parse.line_index;
    let at = |o: u32| if utf16 { idx.line_col_utf16(&r.source, o) } else { idx.line_col_chars(&r.source, o) };
    let start = at(d.span.start);
    let end = at(d.span.end.max(d.span.start));
    Pos { line: start.line, col: start.col, end_line: end.line, end_col: end.col }
}

/// Every finding of every report, in order, with its positions (UTF-16 columns or
/// characters): what the formats that list findings one by one walk over.
fn each(reports: &[Report], utf16: bool) -> impl Iterator<Item = (&Report, &Diagnostic, Pos)> {
    reports.iter().flat_map(move |r| r.result.diagnostics.iter().map(move |d| (r, d, pos(r, d, utf16))))
}

pub fn render(format: Format, reports: &[Report], color: bool) -> String {
    match format {
        Format::Tty => tty(reports, color),
        Format::Json => pretty(&json_list(reports)),
        Format::Sarif => pretty(&sarif(reports)),
        Format::Checkstyle => checkstyle(reports),
        Format::Gnu => gnu(reports),
        Format::Codeclimate => pretty(&codeclimate(reports)),
        Format::Gitlab => pretty(&gitlab(reports)),
        Format::Codacy => codacy(reports),
        Format::Sonarqube => pretty(&sonarqube(reports)),
        Format::Junit => junit(reports),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("plain values");
    s.push('\n');
    s
}

fn file_name(r: &Report) -> &str {
    r.shown.as_deref().unwrap_or(&r.file)
}

// ─── tty ────────────────────────────────────────────────────────────────────────────────

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
        Severity::Style => "1;35",
    }
}

fn tty(reports: &[Report], color: bool) -> String {
    let mut out = String::new();
    let mut total = 0;
    for r in reports {
        for d in &r.result.diagnostics {
            total += 1;
            let p = pos(r, d, false);
            out.push_str(&format!(
                "{}:{}:{} {} {} {}\n",
                paint(file_name(r), "1", color),
                p.line,
                p.col,
                paint(d.severity.as_str(), severity_color(d.severity), color),
                paint(d.code, "1", color),
                d.message
            ));
            out.push_str(&frame(r, d.span, &p, color));
            let pad = " ".repeat(p.end_line.to_string().len() + 1);
            for label in &d.labels {
                let lp = pos(r, &Diagnostic { span: label.span, ..d.clone() }, false);
                out.push_str(&format!("{pad}= note: line {}: {}\n", lp.line, label.message));
            }
            if let Some(help) = &d.help {
                out.push_str(&format!("{pad}= help: {help}\n"));
            }
            if let Some(fix) = &d.fix {
                let how = match fix.applicability {
                    Applicability::Safe => "--fix",
                    Applicability::Unsafe => "--fix --unsafe-fixes",
                    Applicability::DisplayOnly => "a suggestion to adapt; never applied",
                };
                out.push_str(&format!(
                    "{pad}= fix ({}): {} [{how}]\n",
                    fix.applicability.as_str(),
                    fix.title
                ));
                if fix.applicability == Applicability::DisplayOnly {
                    let after = shipshape::diagnostic::apply_edits(&r.source, &fix.edits);
                    let diff = shipshape::diff::unified(&r.source, &after, "", "", 1);
                    for line in diff.lines().skip(2) {
                        out.push_str(&format!("{pad}  {line}\n"));
                    }
                }
            }
            out.push('\n');
        }
    }
    if total == 0 {
        return String::new();
    }
    out
}

/// The source lines of a span with `^` under the span (at most 3 lines shown).
fn frame(r: &Report, span: Span, p: &Pos, color: bool) -> String {
    let width = p.end_line.to_string().len();
    let mut out = format!("{:width$} |\n", "");
    let idx = &r.result.parse.line_index;
    let last = p.end_line.min(p.line + 2);
    for line in p.line..=last {
        let start = idx.line_start(line - 1) as usize;
        let end = r.source[start..].find('\n').map_or(r.source.len(), |e| start + e);
        let text = r.source[start..end].trim_end_matches('\r');
        let from = if line == p.line { p.col as usize - 1 } else { text.len() - text.trim_start().len() };
        let to =
            if line == p.end_line { (p.end_col as usize - 1).max(from + 1) } else { text.chars().count() };
        let (shown, from, to) = clip_line(text, from, to);
        out.push_str(&format!("{line:>width$} | {}\n", shown.replace('\t', " ")));
        let marks = "^".repeat(to.saturating_sub(from).max(1));
        out.push_str(&format!("{:width$} | {}{}\n", "", " ".repeat(from), paint(&marks, "1;31", color)));
    }
    let _ = span;
    out
}

/// The longest line a code frame shows whole, in characters.
const FRAME_COLS: usize = 160;

/// A long line cut to about `FRAME_COLS` characters around the marked columns `from..to`
/// (`…` where text is left out), with the columns moved to match. A 500 KB line is one
/// finding, not half a megabyte of output.
fn clip_line(text: &str, from: usize, to: usize) -> (String, usize, usize) {
    let count = text.chars().count();
    if count <= FRAME_COLS {
        return (text.to_string(), from, to);
    }
    let start = from.saturating_sub(20).min(count.saturating_sub(FRAME_COLS));
    let end = (start + FRAME_COLS).min(count);
    let mut shown: String = text.chars().skip(start).take(end - start).collect();
    let lead = usize::from(start > 0);
    if start > 0 {
        shown.insert(0, '…');
    }
    if end < count {
        shown.push('…');
    }
    let clamp = |c: usize| (c.clamp(start, end) - start) + lead;
    (shown, clamp(from), clamp(to).max(clamp(from) + 1))
}

// ─── json (hadolint-compatible) ─────────────────────────────────────────────────────────

fn json_list(reports: &[Report]) -> Value {
    let list: Vec<shipshape::report::Finding> = reports
        .iter()
        .flat_map(|r| shipshape::report::findings(file_name(r), &r.source, &r.result))
        .collect();
    serde_json::to_value(list).expect("plain values")
}

// ─── SARIF 2.1.0 ────────────────────────────────────────────────────────────────────────

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn sarif(reports: &[Report]) -> Value {
    let rules: Vec<Value> = shipshape::rules::all_metas()
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.docs.why },
                "defaultConfiguration": { "level": m.severity.map_or("none", sarif_level) },
                "properties": { "category": m.category.as_str(), "origin": m.origin.as_str() },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (r, d, p) in each(reports, true) {
        results.push(json!({
            "ruleId": d.code,
            "level": sarif_level(d.severity),
            "message": { "text": d.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": file_name(r) },
                    "region": {
                        "startLine": p.line,
                        "startColumn": p.col,
                        "endLine": p.end_line,
                        "endColumn": p.end_col,
                    }
                }
            }],
        }));
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "shipshape",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/shipshape-dev/shipshape",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

// ─── checkstyle, gnu ────────────────────────────────────────────────────────────────────

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn checkstyle(reports: &[Report]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for r in reports {
        out.push_str(&format!("  <file name=\"{}\">\n", xml_escape(file_name(r))));
        for d in &r.result.diagnostics {
            let p = pos(r, d, false);
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>\n",
                p.line,
                p.col,
                match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info | Severity::Style => "info",
                },
                xml_escape(&d.message),
                d.code
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

fn gnu(reports: &[Report]) -> String {
    let mut out = String::new();
    for (r, d, p) in each(reports, false) {
        out.push_str(&format!(
            "{}:{}.{}-{}.{}: {}: {} [{}]\n",
            file_name(r),
            p.line,
            p.col,
            p.end_line,
            p.end_col,
            d.severity.as_str(),
            d.message,
            d.code
        ));
    }
    out
}

// ─── Code Climate, GitLab ───────────────────────────────────────────────────────────────

/// FNV-1a, for stable fingerprints without a dependency.
fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

fn cc_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "minor",
        Severity::Style => "info",
    }
}

fn codeclimate(reports: &[Report]) -> Value {
    let mut list = Vec::new();
    for (r, d, p) in each(reports, false) {
        let category = match shipshape::lint::meta_of(d).map(|m| m.category) {
            Some(shipshape::rules::Category::Security) => "Security",
            Some(shipshape::rules::Category::Performance | shipshape::rules::Category::Size) => "Performance",
            Some(shipshape::rules::Category::Style) => "Style",
            Some(shipshape::rules::Category::Correctness) => "Bug Risk",
            _ => "Clarity",
        };
        list.push(json!({
            "type": "issue",
            "check_name": d.code,
            "description": d.message,
            "categories": [category],
            "location": {
                "path": file_name(r),
                "positions": {
                    "begin": { "line": p.line, "column": p.col },
                    "end": { "line": p.end_line, "column": p.end_col },
                }
            },
            "severity": cc_severity(d.severity),
            "fingerprint": fingerprint(&[file_name(r), d.code, &p.line.to_string(), &d.message]),
        }));
    }
    Value::Array(list)
}

fn gitlab(reports: &[Report]) -> Value {
    let mut list = Vec::new();
    for (r, d, p) in each(reports, false) {
        list.push(json!({
            "description": format!("{}: {}", d.code, d.message),
            "check_name": d.code,
            "fingerprint": fingerprint(&[file_name(r), d.code, &p.line.to_string(), &d.message]),
            "severity": cc_severity(d.severity),
            "location": { "path": file_name(r), "lines": { "begin": p.line, "end": p.end_line } },
        }));
    }
    Value::Array(list)
}

// ─── hadolint's codacy, sonarqube and junit ─────────────────────────────────────────────

/// Codacy's tool results: one JSON object per line.
fn codacy(reports: &[Report]) -> String {
    let mut out = String::new();
    for (r, d, p) in each(reports, false) {
        let v =
            json!({ "filename": file_name(r), "line": p.line, "message": d.message, "patternId": d.code });
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// SonarQube's generic issue import format (columns 0-based, the end column exclusive).
fn sonarqube(reports: &[Report]) -> Value {
    let mut issues = Vec::new();
    for (r, d, p) in each(reports, false) {
        let security =
            shipshape::lint::meta_of(d).is_some_and(|m| m.category == shipshape::rules::Category::Security);
        let (severity, kind) = match d.severity {
            Severity::Error => ("CRITICAL", if security { "VULNERABILITY" } else { "BUG" }),
            Severity::Warning => ("MAJOR", if security { "VULNERABILITY" } else { "CODE_SMELL" }),
            Severity::Info => ("MINOR", "CODE_SMELL"),
            Severity::Style => ("INFO", "CODE_SMELL"),
        };
        // Sonar wants a range on one line or an end after the start; an empty span at a
        // line's end still gets one column.
        let end_col = if p.end_line == p.line { p.end_col.max(p.col + 1) } else { p.end_col };
        issues.push(json!({
            "engineId": "shipshape",
            "ruleId": d.code,
            "severity": severity,
            "type": kind,
            "primaryLocation": {
                "message": d.message,
                "filePath": file_name(r),
                "textRange": {
                    "startLine": p.line,
                    "endLine": p.end_line,
                    "startColumn": p.col - 1,
                    "endColumn": end_col - 1,
                }
            }
        }));
    }
    json!({ "issues": issues })
}

/// JUnit XML: a test suite per file and a failed test case per finding; a file without
/// findings has one passed case, so that CI dashboards list it.
fn junit(reports: &[Report]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total: usize = reports.iter().map(|r| r.result.diagnostics.len().max(1)).sum();
    let failures: usize = reports.iter().map(|r| r.result.diagnostics.len()).sum();
    out.push_str(&format!(
        "<testsuites name=\"shipshape\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\">\n"
    ));
    for r in reports {
        let file = xml_escape(file_name(r));
        let n = r.result.diagnostics.len();
        out.push_str(&format!(
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{n}\" errors=\"0\">\n",
            n.max(1)
        ));
        if n == 0 {
            out.push_str(&format!("    <testcase classname=\"{file}\" name=\"no findings\"/>\n"));
        }
        for d in &r.result.diagnostics {
            let p = pos(r, d, false);
            let message = xml_escape(&d.message);
            out.push_str(&format!(
                "    <testcase classname=\"{file}\" name=\"{} {}:{}\">\n      <failure type=\"{}\" message=\"{message}\">{file}:{}:{} {} {}: {message}</failure>\n    </testcase>\n",
                d.code,
                p.line,
                p.col,
                d.severity.as_str(),
                p.line,
                p.col,
                d.severity.as_str(),
                d.code,
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_clipped_around_the_mark() {
        let short = "RUN echo hi";
        assert_eq!(clip_line(short, 4, 8), (short.to_string(), 4, 8));
        let long = format!("RUN echo {}", "a".repeat(1000));
        // At the start: the first 160 characters, and an ellipsis after.
        let (shown, from, to) = clip_line(&long, 0, 3);
        assert_eq!((shown.chars().count(), from, to), (161, 0, 3));
        assert!(shown.starts_with("RUN echo") && shown.ends_with('…'));
        // In the middle: 20 characters of context before the mark.
        let text = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, from, to) = clip_line(&text, 500, 501);
        assert_eq!(shown.chars().nth(from), Some('X'));
        assert_eq!((from, to), (21, 22));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        // A mark that runs past the end of what is shown stops at its edge.
        let (shown, from, to) = clip_line(&text, 500, 1001);
        assert_eq!((from, to), (21, shown.chars().count() - 1));
        // At the end: the last 160 characters.
        let (shown, from, _) = clip_line(&text, 1000, 1001);
        assert_eq!((shown.chars().count(), shown.chars().nth(from)), (161, Some('b')));
    }
}
