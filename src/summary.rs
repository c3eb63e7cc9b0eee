//! What the playground shows for a source text: plain data computed from one parse, so the
//! view stays a thin rendering of it.

use shipshape::syntax::{Instruction, Keyword, Stage};

/// One row of the instruction list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionRow {
    /// The keyword in upper case, or as written when it is not an instruction.
    pub keyword: String,
    /// False when the keyword is not a Dockerfile instruction.
    pub known: bool,
    /// 1-based first and last line of the instruction.
    pub lines: (u32, u32),
    /// The stage it belongs to: its name, `#index`, or `global` before the first FROM.
    pub stage: String,
}

/// One row of the error list; the column counts UTF-16 code units, as the editor does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    pub line: u32,
    pub col: u32,
    pub message: String,
    pub code: &'static str,
}

/// One finding of the linter (syntax errors excluded: they have their own list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRow {
    pub severity: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// 1-based line and UTF-16 column of the start.
    pub line: u32,
    pub col: u32,
    /// The byte offset of the start (what the engine's spans use).
    pub start: u32,
    /// The span as UTF-16 offsets into the whole text (what a textarea's selection uses).
    pub start_u16: u32,
    pub end_u16: u32,
    /// The rule's fix for this finding, if it offers one.
    pub fix: Option<shipshape::Fix>,
}

/// A piece of the text for the marker layer under the editor: plain, or underlined with
/// the severity of the most severe finding that covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub severity: Option<&'static str>,
}

/// Everything the page shows about one version of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub instructions: Vec<InstructionRow>,
    pub errors: Vec<ErrorRow>,
    pub findings: Vec<FindingRow>,
    pub segments: Vec<Segment>,
    pub stages: usize,
    /// Findings with a safe fix, and with an unsafe one.
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Summary {
    pub fn of(source: &str) -> Self {
        let result = shipshape::lint(source, &shipshape::Config::default());
        let parse = &result.parse;
        let index = &parse.line_index;
        let line = |offset: u32| index.line_col_utf16(source, offset).line;
        let file = &parse.file;
        let instructions = file
            .instructions
            .iter()
            .enumerate()
            .map(|(i, instr)| InstructionRow {
                keyword: keyword(instr),
                known: instr.keyword != Keyword::Unknown,
                lines: (line(instr.span.start), line(instr.span.end.saturating_sub(1).max(instr.span.start))),
                stage: stage_label(&file.stages, i),
            })
            .collect();
        let errors = parse
            .errors
            .iter()
            .map(|e| {
                let at = index.line_col_utf16(source, e.span.start);
                ErrorRow { line: at.line, col: at.col, message: e.message.clone(), code: e.code.as_str() }
            })
            .collect();
        let u16_at = |offset: u32| source[..offset as usize].encode_utf16().count() as u32;
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
                    severity: d.severity.as_str(),
                    code: d.code,
                    name: d.name,
                    message: d.message.clone(),
                    help: d.help.clone(),
                    line: at.line,
                    col: at.col,
                    start: d.span.start,
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
            segments: segments(source, &marks),
            stages: file.stages.len(),
            safe_fixes,
            unsafe_fixes,
        }
    }
}

/// Cuts the text at every mark boundary; each piece takes the most severe mark over it.
fn segments(source: &str, marks: &[(u32, u32, shipshape::Severity)]) -> Vec<Segment> {
    let mut cuts: Vec<u32> = vec![0, source.len() as u32];
    for &(s, e, _) in marks {
        cuts.push(s);
        cuts.push(e);
    }
    cuts.retain(|&c| source.is_char_boundary(c as usize));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let severity =
            marks.iter().filter(|(s, e, _)| *s <= a && b <= *e).map(|m| m.2).min().map(|s| s.as_str());
        let text = &source[a as usize..b as usize];
        match out.last_mut() {
            Some(last) if last.severity == severity => last.text.push_str(text),
            _ => out.push(Segment { text: text.to_string(), severity }),
        }
    }
    out
}

fn keyword(instr: &Instruction) -> String {
    match instr.keyword {
        Keyword::Unknown => instr.keyword_word.text.clone(),
        known => known.as_str().to_owned(),
    }
}

fn stage_label(stages: &[Stage], instruction: usize) -> String {
    match stages.iter().find(|s| s.instructions.contains(&instruction)) {
        Some(Stage { name: Some(name), .. }) => name.text.clone(),
        Some(stage) => format!("#{}", stage.index),
        None => "global".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_stages_and_errors() {
        let s = Summary::of("ARG V=1\nFROM alpine AS build\nRUN a \\\n  b\nFROM build\nRUNN x\n");
        let rows: Vec<_> =
            s.instructions.iter().map(|r| (r.keyword.as_str(), r.lines, r.stage.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("ARG", (1, 1), "global"),
                ("FROM", (2, 2), "build"),
                ("RUN", (3, 4), "build"),
                ("FROM", (5, 5), "#1"),
                ("RUNN", (6, 6), "#1"),
            ]
        );
        assert_eq!(s.stages, 2);
        assert_eq!(s.errors.len(), 1);
        assert_eq!((s.errors[0].line, s.errors[0].col, s.errors[0].code), (6, 1, "unknown-instruction"));
        assert!(s.errors[0].message.starts_with("unknown instruction: RUNN"));
    }

    #[test]
    fn findings_and_marks() {
        let src = "FROM debian:12\nRUN apt-get install curl\n";
        let s = Summary::of(src);
        let got: Vec<_> = s.findings.iter().map(|f| (f.code, f.line, f.col)).collect();
        assert_eq!(got, [("DL3014", 2, 13), ("DL3015", 2, 13), ("DL3008", 2, 21)]);
        let curl = s.findings.iter().find(|f| f.code == "DL3008").unwrap();
        assert_eq!((curl.start_u16, curl.end_u16), (35, 39));
        let marked: Vec<_> =
            s.segments.iter().filter(|g| g.severity.is_some()).map(|g| g.text.as_str()).collect();
        assert_eq!(marked, ["install", "curl"]);
        assert_eq!(s.segments.iter().map(|g| g.text.as_str()).collect::<String>(), src);
        let ignored = Summary::of("FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install curl\n");
        assert!(ignored.findings.iter().all(|f| f.code != "DL3008"));
        assert_eq!(ignored.findings.len(), 2);
    }

    #[test]
    fn example_is_clean() {
        let s = Summary::of(crate::example::EXAMPLE);
        assert_eq!(s.errors, []);
        assert_eq!(s.stages, 1);
        let run = &s.instructions[5];
        assert_eq!((run.keyword.as_str(), run.lines), ("RUN", (7, 9)));
    }
}
