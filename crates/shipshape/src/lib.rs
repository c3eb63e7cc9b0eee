//! The shipshape engine: a BuildKit-exact Dockerfile parser with byte spans.
//!
//! Pure Rust: no I/O, no clock, no threads and no web types, so the same code runs in the
//! CLI, in the browser (wasm) and in tests.

/// A rule's documentation (`docs: docs! { why: …, bad: …, good: … }` in its META). Without the
/// `docs` feature the texts (and the summaries, `doc_text!`) are left out of the build: the playground loads them from
/// `rule-docs.json` when they are shown, which keeps them out of its wasm (about 23 KB
/// gzipped).
#[cfg(feature = "docs")]
macro_rules! docs {
    (why: $why:expr, bad: $bad:expr, good: $good:expr $(,)?) => {
        $crate::rules::Docs { why: $why, bad: $bad, good: $good }
    };
}
/// A rule's one-line summary: like `docs!`, left out without the `docs` feature.
#[cfg(feature = "docs")]
macro_rules! doc_text {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! doc_text {
    ($text:expr) => {
        ""
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! docs {
    (why: $why:expr, bad: $bad:expr, good: $good:expr $(,)?) => {
        $crate::rules::Docs { why: "", bad: "", good: "" }
    };
}

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod edits;
pub mod fix_all;
pub mod lessons;
pub mod lint;
mod peg;
#[cfg(feature = "serde")]
pub mod report;
pub mod rule_meta;
pub mod rules;
pub mod shell;
pub mod size;
pub mod sort;
pub mod syntax;
pub mod yaml_lite;

/// The engine's version (the playground shows it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use fix_all::{fix_all, FixAll, FixOptions};
pub use lint::{lint, LintResult};
pub use syntax::{parse, Parse};
