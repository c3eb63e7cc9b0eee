//! The shipshape engine: a BuildKit-exact Dockerfile parser with byte spans.
//!
//! Pure Rust: no I/O, no clock, no threads and no web types, so the same code runs in the
//! CLI, in the browser (wasm) and in tests.

pub mod config;
pub mod diff;
pub mod fix;
pub mod lessons;
pub mod lint;
pub mod rules;
pub mod shell;
pub mod size;
pub mod syntax;

pub use config::Config;
pub use fix::{fix_all, Applicability, Edit, Fix, FixAll, FixOptions};
pub use lint::{lint, LintResult};
pub use rules::{Diagnostic, Severity};
pub use syntax::{parse, Parse};
