//! parse → lint → fix-all (safe and unsafe fixes) → re-parse, and the size estimate of
//! both texts, on any text.
//! Checks: no panic; the fixed text has no syntax error the input did not have; a second
//! fix-all changes nothing; every size figure has low ≤ expected ≤ high and reasons.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape::fix_all::{fix_all, FixOptions};
use shipshape::size::{Debian, SizeOptions};
use shipshape::Config;
use std::sync::OnceLock;

fn debian() -> &'static Debian {
    static D: OnceLock<Debian> = OnceLock::new();
    D.get_or_init(|| Debian::parse(include_str!("../../crates/shipshape/data/debian-bookworm.tsv")))
}

fn check_size(text: &str) {
    let e = shipshape::size::estimate(text, Some(debian()), &SizeOptions::default());
    for s in &e.stages {
        for f in std::iter::once(s.disk).chain(s.layers.iter().map(|l| l.disk)) {
            assert!(f.low <= f.expected && f.expected <= f.high, "size range out of order {f:?}\n{text}");
        }
        assert!(s.layers.iter().all(|l| !l.reasons.is_empty()), "a layer without reasons\n{text}");
    }
}

fn errors(text: &str) -> Vec<String> {
    let mut e: Vec<String> =
        shipshape::parse(text).errors.iter().map(|e| format!("{:?} {:?}", e.code, e.span.text(text))).collect();
    e.sort();
    e
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let _ = shipshape::lint(source, &config);
    let opts = FixOptions { unsafe_fixes: true, ..FixOptions::default() };
    let fa = fix_all(source, &config, &opts);
    let mut before = errors(source);
    for e in errors(&fa.text) {
        let i = before.iter().position(|b| *b == e);
        assert!(i.is_some(), "fix-all added a syntax error {e}\n--- input\n{source}\n--- output\n{}", fa.text);
        before.swap_remove(i.unwrap());
    }
    let again = fix_all(&fa.text, &config, &opts);
    assert_eq!(again.text, fa.text, "a second fix-all changed the text");
    check_size(source);
    check_size(&fa.text);
});
