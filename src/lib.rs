//! The shipshape playground: a Dockerfile editor that lints, fixes and sizes as you type,
//! in the browser.

mod app;
mod docs;
mod editor;
mod example;
mod fixes;
mod learn;
mod net;
mod playground;
mod rules_page;
mod settings;
mod settings_view;
mod share;
mod size_panel;
mod storage;
mod summary;
mod text;
mod window;
mod wire;
mod worker;

pub use app::App;
pub use example::EXAMPLE;
pub use summary::{ErrorRow, FindingRow, Mark, Summary};
