//! parse → lint → fix-all (safe and unsafe fixes) → re-parse, on any text.
//! Checks: no panic; the fixed text has no syntax error the input did not have; a second
//! fix-all changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shipshape::fix::{fix_all, FixOptions};
use shipshape::Config;

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
});
