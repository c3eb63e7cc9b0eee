//! What every rule file imports.

pub use super::{Cx, Rule};
#[allow(unused_imports)]
pub use crate::diagnostic::{Edit, Fix};
#[allow(unused_imports)]
pub use crate::shell::{Command as ShCommand, Joiner, PartKind, Script, ShWord};
#[allow(unused_imports)]
pub use crate::syntax::{Args, Command, Flag, Instruction, Keyword, Span, Word};

#[cfg(test)]
pub(crate) use super::testing::Case;
