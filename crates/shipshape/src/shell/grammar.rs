//! The pest parser generated from `grammar/shell.pest`.

use pest_derive::Parser;

#[derive(Parser)]
#[grammar = "../../grammar/shell.pest"]
pub struct ShellGrammar;
