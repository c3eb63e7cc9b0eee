//! Shared queries about apt-get commands.

use crate::rules::prelude::*;

/// `apt-get … install …` commands of the current RUN.
pub(crate) fn apt_get_installs<'s>(script: &'s Script) -> impl Iterator<Item = &'s ShCommand> + 's {
    script.commands.iter().filter(|c| c.is("apt-get") && c.has_arg("install"))
}
