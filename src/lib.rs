//! The shipshape playground: a Dockerfile editor that parses as you type, in the browser.

mod app;
mod example;
mod fixes;
mod size_panel;
mod summary;

pub use app::App;
pub use example::EXAMPLE;
pub use summary::{ErrorRow, FindingRow, InstructionRow, Segment, Summary};
