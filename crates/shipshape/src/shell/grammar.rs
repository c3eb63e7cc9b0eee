//! The parser of `grammar/shell.pest`: the `Rule` enum and `ShellGrammar`, which
//! `build.rs` compiles from the grammar for the pest back end in `crate::peg`.

include!(concat!(env!("OUT_DIR"), "/shell_grammar.rs"));
