//! What the playground shows for a source text: plain data computed from one parse, so the
//! view stays a thin rendering of it.

/// One row of the error list; the column counts UTF-16 code units, as the editor does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub code: String,
}

/// One finding of the linter (syntax errors excluded: they have their own list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRow {
    pub severity: shipshape::Severity,
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// 1-based line and UTF-16 column of the start.
    pub line: u32,
    pub col: u32,
    /// The byte offsets of the span (what the engine's spans use).
    pub start: u32,
    pub end: u32,
    /// The span as UTF-16 offsets into the whole text (what a textarea's selection uses).
    pub start_u16: u32,
    pub end_u16: u32,
    /// The rule's fix for this finding, if it offers one.
    pub fix: Option<shipshape::Fix>,
}

/// A marked piece of the text: underlined in the editor with the severity of the most
/// severe finding (or syntax error) that covers it. Byte offsets; marks do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub severity: shipshape::Severity,
}

/// Everything the page shows about one version of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// How many instructions the file has.
    pub instructions: usize,
    pub errors: Vec<ErrorRow>,
    pub findings: Vec<FindingRow>,
    pub marks: Vec<Mark>,
    /// Syntax highlighting.
    pub tokens: Vec<shipshape::syntax::highlight::Token>,
    /// The byte offset where each line starts (the first is 0).
    pub line_starts: Vec<u32>,
    pub stages: usize,
    /// Findings with a safe fix, and with an unsafe one.
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Summary {
    pub fn of(source: &str, config: &shipshape::Config) -> Self {
        let result = shipshape::lint(source, config);
        let parse = &result.parse;
        let index = &parse.line_index;
        let file = &parse.file;
        let instructions = file.instructions.len();
        let errors = parse
            .errors
            .iter()
            .map(|e| {
                let at = index.line_col_utf16(source, e.span.start);
                ErrorRow {
                    line: at.line,
                    col: at.col,
                    message: e.message.clone(),
                    code: e.code.as_str().to_string(),
                }
            })
            .collect();
        // UTF-16 offsets from the line starts: linear in the text, not in text × findings.
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        let mut u16_starts = Vec::with_capacity(line_starts.len());
        let mut acc = 0u32;
        for w in line_starts.windows(2) {
            u16_starts.push(acc);
            acc += source[w[0] as usize..w[1] as usize].encode_utf16().count() as u32;
        }
        u16_starts.push(acc);
        let u16_at = |offset: u32| {
            let offset = offset.min(source.len() as u32);
            let line = line_starts.partition_point(|&s| s <= offset) - 1;
            let s = line_starts[line] as usize;
            u16_starts[line] + source.get(s..offset as usize).map_or(0, |t| t.encode_utf16().count() as u32)
        };
        let diagnostics: Vec<_> =
            result.diagnostics.iter().filter(|d| d.code != shipshape::lint::SYNTAX_CODE).collect();
        let fixes_of = |a: shipshape::Applicability| {
            diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a)).count()
        };
        let (safe_fixes, unsafe_fixes) =
            (fixes_of(shipshape::Applicability::Safe), fixes_of(shipshape::Applicability::Unsafe));
        let findings: Vec<FindingRow> = diagnostics
            .iter()
            .map(|d| {
                let at = index.line_col_utf16(source, d.span.start);
                FindingRow {
                    severity: d.severity,
                    code: d.code,
                    name: d.name,
                    message: d.message.clone(),
                    help: d.help.clone(),
                    line: at.line,
                    col: at.col,
                    start: d.span.start,
                    end: d.span.end,
                    start_u16: u16_at(d.span.start),
                    end_u16: u16_at(d.span.end),
                    fix: d.fix.clone(),
                }
            })
            .collect();
        let marks: Vec<(u32, u32, shipshape::Severity)> = result
            .diagnostics
            .iter()
            .map(|d| (d.span.start, d.span.end.max(d.span.start + 1).min(source.len() as u32), d.severity))
            .collect();
        Summary {
            instructions,
            errors,
            findings,
            marks: marks_of(source, &marks),
            tokens: shipshape::syntax::highlight::tokens(source, file),
            line_starts,
            stages: file.stages.len(),
            safe_fixes,
            unsafe_fixes,
        }
    }
}

/// The severities from the most severe (the engine's order: a test checks it).
const LEVELS: [shipshape::Severity; 4] = {
    use shipshape::Severity::*;
    [Error, Warning, Info, Style]
};

/// Cuts the text at every mark boundary; each piece takes the most severe mark over it
/// (a sweep over the boundaries, so a file with thousands of findings stays fast).
fn marks_of(source: &str, marks: &[(u32, u32, shipshape::Severity)]) -> Vec<Mark> {
    let level = |s: shipshape::Severity| LEVELS.iter().position(|l| *l == s).unwrap_or(3);
    // (offset, +1/-1, level): ends sort before starts at the same offset.
    let mut events: Vec<(u32, i32, usize)> = Vec::with_capacity(marks.len() * 2);
    for &(s, e, sev) in marks {
        if s < e && source.is_char_boundary(s as usize) && source.is_char_boundary(e as usize) {
            events.push((s, 1, level(sev)));
            events.push((e, -1, level(sev)));
        }
    }
    shipshape::sort::plain(&mut events);
    let mut active = [0i32; 4];
    let mut out: Vec<Mark> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            active[events[i].2] += events[i].1;
            i += 1;
        }
        let Some(next) = events.get(i).map(|e| e.0) else { break };
        if let Some(l) = active.iter().position(|&n| n > 0) {
            let severity = LEVELS[l];
            match out.last_mut() {
                Some(last) if last.severity == severity && last.end == at => last.end = next,
                _ => out.push(Mark { start: at, end: next, severity }),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stages_and_errors() {
        let s = Summary::of(
            "ARG V=1\nFROM alpine AS build\nRUN a \\\n  b\nFROM build\nRUNN x\n",
            &Default::default(),
        );
        assert_eq!(s.instructions, 5);
        assert_eq!(s.stages, 2);
        assert_eq!(s.errors.len(), 1);
        assert_eq!(
            (s.errors[0].line, s.errors[0].col, s.errors[0].code.as_str()),
            (6, 1, "unknown-instruction")
        );
        assert!(s.errors[0].message.starts_with("unknown instruction: RUNN"));
    }

    #[test]
    fn findings_and_marks() {
        let src = "FROM debian:12\nRUN apt-get install curl\n";
        let s = Summary::of(src, &Default::default());
        let got: Vec<_> = s.findings.iter().map(|f| (f.code, f.line, f.col)).collect();
        // The install also finds no package lists (SS6001): Debian ships without them.
        assert_eq!(got, [("DL3014", 2, 13), ("DL3015", 2, 13), ("SS6001", 2, 13), ("DL3008", 2, 21)]);
        let curl = s.findings.iter().find(|f| f.code == "DL3008").unwrap();
        assert_eq!((curl.start_u16, curl.end_u16), (35, 39));
        let marked: Vec<_> =
            s.marks.iter().map(|m| (&src[m.start as usize..m.end as usize], m.severity)).collect();
        use shipshape::Severity::{Error, Warning};
        assert_eq!(marked, [("install", Error), ("curl", Warning)]);
        assert_eq!(s.line_starts, [0, 15, 40]);
        let ignored = Summary::of(
            "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install curl\n",
            &Default::default(),
        );
        assert!(ignored.findings.iter().all(|f| f.code != "DL3008"));
        assert_eq!(ignored.findings.len(), 3);
    }

    #[test]
    fn levels_in_the_engines_order() {
        assert!(LEVELS.windows(2).all(|w| w[0] < w[1]), "{LEVELS:?}");
    }

    #[test]
    fn example_is_clean() {
        let s = Summary::of(crate::example::EXAMPLE, &Default::default());
        assert_eq!(s.errors, []);
        assert_eq!(s.stages, 1);
        assert_eq!(s.instructions, 9);
    }
}
