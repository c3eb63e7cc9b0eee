//! A `Summary` as numbers and strings, to cross from the lint worker to the page
//! (`postMessage` copies a `Uint32Array` and an array of strings cheaply; no serde in the
//! bundle). `encode` runs in the worker, `decode` in the page; both in the same wasm.

use shipshape::fix::{Applicability, Edit, Fix};
use shipshape::syntax::Span;

use crate::summary::{ErrorRow, FindingRow, Mark, Summary};

const SEVERITIES: [&str; 4] = ["error", "warning", "info", "style"];
/// Token classes of `highlight` (their CSS names).
const CLASSES: [&str; 10] = [
    "directive",
    "comment",
    "keyword",
    "unknown",
    "flag",
    "heredoc-marker",
    "heredoc",
    "string",
    "variable",
    "continuation",
];
const APPLICABILITY: [Applicability; 3] =
    [Applicability::Safe, Applicability::Unsafe, Applicability::DisplayOnly];

/// The numbers and strings of one summary.
#[derive(Debug, Default, PartialEq)]
pub struct Wire {
    pub nums: Vec<u32>,
    pub strs: Vec<String>,
}

fn index_of(list: &[&str], s: &str) -> u32 {
    list.iter().position(|x| *x == s).unwrap_or(0) as u32
}

pub fn encode(s: &Summary) -> Wire {
    let mut w = Wire::default();
    let n = &mut w.nums;
    n.extend([s.instructions as u32, s.stages as u32, s.safe_fixes as u32, s.unsafe_fixes as u32]);
    n.push(s.line_starts.len() as u32);
    n.extend(&s.line_starts);
    n.push(s.tokens.len() as u32);
    for t in &s.tokens {
        n.extend([t.start, t.end, index_of(&CLASSES, t.class)]);
    }
    n.push(s.marks.len() as u32);
    for m in &s.marks {
        n.extend([m.start, m.end, index_of(&SEVERITIES, m.severity)]);
    }
    n.push(s.errors.len() as u32);
    for e in &s.errors {
        n.extend([e.line, e.col]);
        w.strs.push(e.message.clone());
        w.strs.push(e.code.to_string());
    }
    w.nums.push(s.findings.len() as u32);
    for f in &s.findings {
        w.nums.extend([
            index_of(&SEVERITIES, f.severity),
            f.line,
            f.col,
            f.start,
            f.end,
            f.start_u16,
            f.end_u16,
        ]);
        w.strs.push(f.code.to_string());
        w.strs.push(f.message.clone());
        w.nums.push(u32::from(f.help.is_some()));
        if let Some(h) = &f.help {
            w.strs.push(h.clone());
        }
        match &f.fix {
            None => w.nums.push(0),
            Some(fix) => {
                let a = APPLICABILITY.iter().position(|a| *a == fix.applicability).unwrap_or(0) as u32;
                w.nums.extend([1, a, fix.edits.len() as u32]);
                w.strs.push(fix.title.clone());
                for e in &fix.edits {
                    w.nums.extend([e.span.start, e.span.end]);
                    w.strs.push(e.text.clone());
                }
            }
        }
    }
    w
}

/// Reads what `encode` wrote; None when the message is cut or from another version.
pub fn decode(w: &Wire) -> Option<Summary> {
    let mut nums = w.nums.iter().copied();
    let mut strs = w.strs.iter().cloned();
    let mut num = || nums.next();
    let mut text = || strs.next();
    let (instructions, stages, safe_fixes, unsafe_fixes) =
        (num()? as usize, num()? as usize, num()? as usize, num()? as usize);
    let line_starts = (0..num()?).map(|_| num()).collect::<Option<Vec<u32>>>()?;
    let mut tokens = Vec::new();
    for _ in 0..num()? {
        let (start, end, class) = (num()?, num()?, *CLASSES.get(num()? as usize)?);
        tokens.push(crate::highlight::Token { start, end, class });
    }
    let mut marks = Vec::new();
    for _ in 0..num()? {
        let (start, end, severity) = (num()?, num()?, *SEVERITIES.get(num()? as usize)?);
        marks.push(Mark { start, end, severity });
    }
    let mut errors = Vec::new();
    for _ in 0..num()? {
        let (line, col) = (num()?, num()?);
        errors.push(ErrorRow { line, col, message: text()?, code: text()? });
    }
    let mut findings = Vec::new();
    for _ in 0..num()? {
        let severity = *SEVERITIES.get(num()? as usize)?;
        let (line, col, start, end, start_u16, end_u16) = (num()?, num()?, num()?, num()?, num()?, num()?);
        let meta = shipshape::rules::find_meta(&text()?)?;
        let message = text()?;
        let help = if num()? == 1 { Some(text()?) } else { None };
        let fix = if num()? == 1 {
            let applicability = *APPLICABILITY.get(num()? as usize)?;
            let n = num()?;
            let title = text()?;
            let mut edits = Vec::new();
            for _ in 0..n {
                let span = Span::new(num()?, num()?);
                edits.push(Edit { span, text: text()? });
            }
            Some(Fix { title, applicability, edits })
        } else {
            None
        };
        findings.push(FindingRow {
            severity,
            code: meta.code,
            name: meta.name,
            message,
            help,
            line,
            col,
            start,
            end,
            start_u16,
            end_u16,
            fix,
        });
    }
    Some(Summary {
        instructions,
        errors,
        findings,
        marks,
        tokens,
        line_starts,
        stages,
        safe_fixes,
        unsafe_fixes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_cross_unchanged() {
        for src in [
            crate::example::EXAMPLE,
            "FROM debian:12\nRUN apt-get update && apt-get install curl\nADD a.py /app/\nRUNN x\n",
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\n",
            "",
            "é😀\nFROM alpine\nCOPY <<EOF /x\nhi $A\nEOF\n",
        ] {
            let s = Summary::of(src, &Default::default());
            let back = decode(&encode(&s)).expect("decodes");
            assert_eq!(back, s, "{src:?}");
        }
    }

    #[test]
    fn cut_messages_are_refused() {
        let s = Summary::of("FROM debian:12\nRUN apt-get install curl\n", &Default::default());
        let mut w = encode(&s);
        w.nums.truncate(w.nums.len() - 3);
        assert_eq!(decode(&w), None);
        assert_eq!(decode(&Wire::default()), None);
    }
}
