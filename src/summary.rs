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

/// Everything the page shows about one version of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub instructions: Vec<InstructionRow>,
    pub errors: Vec<ErrorRow>,
    pub stages: usize,
}

impl Summary {
    pub fn of(source: &str) -> Self {
        let parse = shipshape::parse(source);
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
        Summary { instructions, errors, stages: file.stages.len() }
    }
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
    fn example_is_clean() {
        let s = Summary::of(crate::example::EXAMPLE);
        assert_eq!(s.errors, []);
        assert_eq!(s.stages, 1);
        let run = &s.instructions[5];
        assert_eq!((run.keyword.as_str(), run.lines), ("RUN", (7, 9)));
    }
}
