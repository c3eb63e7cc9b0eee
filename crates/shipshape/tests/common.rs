//! Shared helpers for tests that read the external corpus in `../shared/corpus`.
//!
//! The corpus is not part of the repository (much of it is under other licences). Tests
//! that need it skip, with a message, when it is absent; set `SHIPSHAPE_CORPUS` to point
//! at a copy elsewhere.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SHIPSHAPE_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    dir.is_dir().then_some(dir)
}

/// The corpus folder, or `None` after printing why the test is skipped.
pub fn corpus_or_skip(test: &str) -> Option<PathBuf> {
    let dir = corpus_dir();
    if dir.is_none() {
        println!("{test}: SKIPPED: the corpus (../shared/corpus or $SHIPSHAPE_CORPUS) is not here");
    }
    dir
}
