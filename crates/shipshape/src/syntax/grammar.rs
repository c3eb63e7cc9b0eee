//! The pest parser generated from `grammar/dockerfile.pest`.
//!
//! Only the syntax module talks to pest: everything else sees the typed AST.

use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../../grammar/dockerfile.pest"]
pub struct DockerfileGrammar;
