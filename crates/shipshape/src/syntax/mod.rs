//! Syntax: the pest grammar, the layout driver that reads a Dockerfile line by line as
//! BuildKit does, the typed AST with byte spans, and the syntax errors BuildKit would
//! report.
//!
//! [`parse`] never fails: it returns the tree and a list of errors. A broken line is one
//! error and the rest of the file is still read.

pub mod ast;
mod build;
pub mod dump;
pub mod grammar;
pub mod highlight;
pub mod image;
mod layout;
pub mod lex;
pub(crate) mod reference;
pub mod span;
pub mod text;
mod validate;

pub use ast::*;
pub use span::{LineCol, LineIndex, Span};

use std::fmt;

/// What BuildKit would reject, with the exact token at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub code: ErrorCode,
    pub message: String,
    pub span: Span,
}

/// Stable identifiers for the kinds of syntax error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The file is empty, or has no instruction at all.
    NoInstructions,
    /// A line longer than BuildKit's 64 KiB limit.
    LineTooLong,
    /// A parser directive BuildKit refuses (bad `escape` or `check` value, or a repeat).
    InvalidDirective,
    /// `<<EOF` without its terminator line.
    UnterminatedHeredoc,
    /// A heredoc where none is allowed, or a marker that cannot be read.
    InvalidHeredoc,
    /// A JSON array that holds something other than strings.
    JsonNotStrings,
    /// ENV/LABEL without a value, or a word without `=`.
    MissingValue,
    /// Not a Dockerfile instruction.
    UnknownInstruction,
    /// A flag the instruction does not take.
    UnknownFlag,
    /// A flag with a missing or wrong value, or repeated.
    InvalidFlag,
    /// Too few or too many arguments, or arguments in the wrong form.
    InvalidArguments,
    /// A stage name BuildKit refuses.
    InvalidStageName,
    /// An image reference Docker cannot parse.
    InvalidReference,
    /// An instruction other than ARG before the first FROM, or no FROM at all.
    NoBuildStage,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NoInstructions => "no-instructions",
            ErrorCode::LineTooLong => "line-too-long",
            ErrorCode::InvalidDirective => "invalid-directive",
            ErrorCode::UnterminatedHeredoc => "unterminated-heredoc",
            ErrorCode::InvalidHeredoc => "invalid-heredoc",
            ErrorCode::JsonNotStrings => "json-not-strings",
            ErrorCode::MissingValue => "missing-value",
            ErrorCode::UnknownInstruction => "unknown-instruction",
            ErrorCode::UnknownFlag => "unknown-flag",
            ErrorCode::InvalidFlag => "invalid-flag",
            ErrorCode::InvalidArguments => "invalid-arguments",
            ErrorCode::InvalidStageName => "invalid-stage-name",
            ErrorCode::InvalidReference => "invalid-reference",
            ErrorCode::NoBuildStage => "no-build-stage",
        }
    }
}

impl ErrorCode {
    /// True for what BuildKit's parser itself rejects (`parser.Parse`); false for what its
    /// later stages reject (the instructions layer and the checks before a build).
    pub fn is_parser_error(self) -> bool {
        matches!(
            self,
            ErrorCode::NoInstructions
                | ErrorCode::LineTooLong
                | ErrorCode::InvalidDirective
                | ErrorCode::UnterminatedHeredoc
                | ErrorCode::InvalidHeredoc
                | ErrorCode::JsonNotStrings
                | ErrorCode::MissingValue
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of parsing: always a tree, plus the errors found.
#[derive(Clone, Debug)]
pub struct Parse {
    pub file: Dockerfile,
    /// In source order.
    pub errors: Vec<SyntaxError>,
    pub line_index: LineIndex,
}

impl Parse {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Parses a Dockerfile. Never panics, and takes time linear in the size of the input.
pub fn parse(source: &str) -> Parse {
    let (file, mut errors) = layout::read(source);
    validate::check(&file, &mut errors);
    crate::sort::by_key(&mut errors, |e| (e.span.start, e.span.end));
    Parse { file, errors, line_index: LineIndex::new(source) }
}
