//! Fixes never break the build: fix-all and single fixes are checked against the build
//! model, and a fix that would add a finding of error severity is refused with the finding.

use shipshape::fix_all::{apply_checked, fix_all, FixOptions, SkipReason};
use shipshape::{lint, Config, Severity};

fn unsafe_opts() -> FixOptions {
    FixOptions { unsafe_fixes: true, ..FixOptions::default() }
}

/// The findings of error severity of a text, as (code, text at the finding).
fn errors(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = lint(text, &Config::default())
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.to_string(), d.span.text(text).to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn the_seed_apt_case_is_fixed_in_the_order_a_person_writes() {
    let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n";
    let out = fix_all(src, &Config::default(), &unsafe_opts());
    assert_eq!(
        out.text,
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n"
    );
    assert!(errors(&out.text).is_empty());
    // DL3009 alone offers no fix on the lone update: cleaning there would break the install.
    let r = lint(src, &Config::default());
    let dl3009 = r.diagnostics.iter().find(|d| d.code == "DL3009").expect("DL3009 fires");
    assert!(dl3009.fix.is_none(), "{:?}", dl3009.fix);
}

#[test]
fn a_fix_that_would_break_a_later_install_is_refused_and_named() {
    let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n";
    let out = fix_all(src, &Config::default(), &unsafe_opts());
    assert!(errors(&out.text).is_empty(), "{}", out.text);
    let refused = out.skipped.iter().find(|s| s.reason == SkipReason::BreaksBuild).expect("a refused fix");
    assert_eq!(refused.code, "DL3009");
    let detail = refused.detail.as_deref().unwrap_or("");
    assert!(
        detail.starts_with(
            "SS6001 on line 4: `apt-get install` finds no package: the lists were removed on line 2"
        ),
        "{detail}"
    );

    // The same fix applied alone is refused the same way.
    let merged = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n";
    let d = lint(merged, &Config::default()).diagnostics.into_iter().find(|d| d.code == "DL3009").unwrap();
    let refused = apply_checked(merged, d.fix.as_ref().unwrap(), &Config::default()).unwrap_err();
    assert_eq!(refused.reason, SkipReason::BreaksBuild);
}

/// A fix refused next to another fix is tried again when that other fix changes what it
/// writes: SS4003 moves the image to Alpine in the same round as DL4006's bash SHELL, the
/// SHELL is refused (no bash in Alpine), and the next round writes ash's instead. Fix-all
/// is done in one run: a second run changes nothing (found by the fuzzer).
#[test]
fn a_refused_fix_is_tried_again_when_what_it_writes_changes() {
    let src = "FROM golang:1.21\nENV X=1\nRUN go env | grep -E OS=\nCMD []\n";
    let out = fix_all(src, &Config::default(), &unsafe_opts());
    assert_eq!(
        out.text,
        "FROM golang:1.21-alpine\nENV X=1\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN go env | grep -E OS=\nCMD []\n"
    );
    assert_eq!(fix_all(&out.text, &Config::default(), &unsafe_opts()).text, out.text);
    assert!(errors(&out.text).is_empty());
}

/// A small deterministic generator (no dependency for tests).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Random sequences of fixes applied one at a time never produce an error finding that the
/// input did not have.
#[test]
fn fixes_in_any_order_never_add_an_error() {
    let mut inputs: Vec<String> = vec![
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n".into(),
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n".into(),
        "FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install curl\nRUN apt-get install -y git\nUSER app\n".into(),
        "FROM alpine:3.20\nRUN apk add curl\nRUN apk add --virtual .deps gcc\nUSER nobody\nCMD node app.js\n".into(),
        "FROM python:3.12\nRUN pip install flask\nRUN apt-get update\nADD app.tar.gz /app\nRUN apt-get install -y libpq5\nCMD python app.py\n".into(),
    ];
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    match std::fs::read_dir(&corpus) {
        Ok(dir) => {
            let mut files: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            inputs.extend(files.iter().step_by(9).filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        Err(_) => eprintln!("fixes_in_any_order: SKIPPED the corpus part: {} is not here", corpus.display()),
    }
    let config = Config::default();
    let (mut applied, mut refused, mut sequences) = (0, 0, 0);
    let mut rng = Rng(0x5eed_f1c5);
    for input in &inputs {
        let before = errors(input);
        for _ in 0..3 {
            sequences += 1;
            let mut text = input.clone();
            for _ in 0..12 {
                let r = lint(&text, &config);
                let fixable: Vec<_> = r.diagnostics.iter().filter(|d| d.fix.is_some()).collect();
                if fixable.is_empty() {
                    break;
                }
                let d = fixable[(rng.next() % fixable.len() as u64) as usize];
                match apply_checked(&text, d.fix.as_ref().unwrap(), &config) {
                    Ok(next) => {
                        applied += 1;
                        text = next;
                    }
                    Err(_) => refused += 1,
                }
                let now = errors(&text);
                let new: Vec<_> = now.iter().filter(|e| !before.contains(e)).collect();
                assert!(new.is_empty(), "new errors {new:?} after fixes of:\n{input}\n---\n{text}");
            }
        }
    }
    println!("fixes in random order: {sequences} sequences over {} files, {applied} fixes applied, {refused} refused", inputs.len());
    assert!(applied > 50, "too few fixes applied ({applied}) for the test to mean something");
}
