//! The parser of `grammar/dockerfile.pest`: the `Rule` enum and `DockerfileGrammar`,
//! which `build.rs` compiles from the grammar for the pest back end in `crate::peg`.
//!
//! Only the syntax module talks to pest: everything else sees the typed AST.

include!(concat!(env!("OUT_DIR"), "/dockerfile_grammar.rs"));
