//! What a Dockerfile's build does, worked out once per parse: its stages and the images
//! they start from, the variables in scope, the shell of each stage, and what each RUN's
//! commands do. Rules, fixes, the size estimator and the language server read it; none of
//! them works these facts out again.

pub(crate) mod command_words;
pub(crate) mod context;
pub(crate) mod images;
pub(crate) mod packages;
pub(crate) mod stages;
pub(crate) mod startup;
pub(crate) mod vars;
