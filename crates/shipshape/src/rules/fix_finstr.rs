//! Helpers shared by the fixes of several rules (the casing checks, the repeated
//! instructions, stage renames).

use crate::rules::prelude::*;

/// The source text of `span` with its letters in upper or lower case. A word split by a
/// line continuation keeps its line breaks, escapes and the comment lines inside it (which
/// are left as they are), so only the word's own letters change.
pub(crate) fn recase(source: &str, span: Span, upper: bool) -> String {
    let mut out = String::with_capacity(span.len() as usize);
    for (i, line) in span.text(source).split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_start().starts_with('#') {
            out.push_str(line);
        } else if upper {
            out.push_str(&line.to_ascii_uppercase());
        } else {
            out.push_str(&line.to_ascii_lowercase());
        }
    }
    out
}

/// An edit that deletes an instruction with its whole lines (heredoc bodies and comment
/// lines inside its continuation included), keeping the lines around it.
pub(crate) fn delete_instruction(source: &str, instr: &Instruction) -> Edit {
    Edit::delete(crate::fix::whole_lines(source, instr.span))
}
