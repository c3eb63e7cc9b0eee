//! `shipshape size`: text and JSON output, options and errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn size(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .arg("size")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes()); // usage errors exit before reading
    child.wait_with_output().unwrap()
}

const SEED: &str = "FROM python:3.9\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n";

#[test]
fn json_has_the_documented_shape() {
    let out = size(&["--format", "json", "-"], SEED);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for side in ["before", "after"] {
        let e = &v[side];
        for k in ["low_bytes", "expected_bytes", "high_bytes", "compressed_expected_bytes"] {
            assert!(e[k].as_u64().is_some(), "{side}.{k}");
        }
        let layers = e["stages"][0]["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 3);
        let l = &layers[0];
        assert_eq!(l["line"], 2);
        assert_eq!(l["instruction"], "RUN");
        assert!(
            l["reasons"].as_array().unwrap().iter().any(|r| r.as_str().unwrap().contains("apt lists"))
                || side == "after"
        );
        for k in ["low_bytes", "expected_bytes", "high_bytes"] {
            assert!(l[k].as_u64().is_some());
        }
        assert!(e["stages"][0]["name"].is_string());
    }
    let before = v["before"]["expected_bytes"].as_u64().unwrap();
    let after = v["after"]["expected_bytes"].as_u64().unwrap();
    assert!(after < before / 3, "{before} → {after}");
    let savings = v["savings"].as_array().unwrap();
    assert!(savings
        .iter()
        .any(|s| s["code"] == "DL3009" && s["line"] == 2 && s["expected_bytes"].as_u64().unwrap() > 0));
    assert_eq!(savings[0]["code"], "SS4003");
}

#[test]
fn text_shows_totals_reasons_and_savings() {
    let out = size(&["-"], SEED);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("before: ") && text.contains("after : "), "{text}");
    assert!(text.contains("apt lists not removed"), "{text}");
    assert!(text.contains("python:3.9 is 350 MB pulled"), "{text}");
    assert!(text.contains("saves about"), "{text}");
}

#[test]
fn context_size_and_platform_options() {
    let src = "FROM alpine:3.24\nCOPY . /app\n";
    let expected = |args: &[&str]| {
        let mut a = vec!["--format", "json"];
        a.extend_from_slice(args);
        a.push("-");
        let out = size(&a, src);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["before"]["expected_bytes"].as_u64().unwrap()
    };
    let small = expected(&["--context-size", "1MB"]);
    let big = expected(&["--context-size=101MB"]);
    assert_eq!(big - small, 100_000_000);
    let arm = expected(&["--platform", "linux/arm64", "--context-size", "1MB"]);
    assert_ne!(arm, small);
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &["--context-size", "lots"][..],
        &["--context-size", "99999999999999999GB"],
        &["--format", "xml"],
        &["--platform", "arm"],
        &["--nope"],
    ] {
        let out = size(args, SEED);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_shipshape")).args(["size", "/no/such/file"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_input_still_gets_an_estimate() {
    let out = size(
        &["--format", "json", "-"],
        "FROM alpine:3.23\nRUN apt-get install (\nCOPY --from= x\nFROM\n\u{0}\n",
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["before"]["expected_bytes"].as_u64().is_some());
    let out = size(&["-"], "");
    assert!(out.status.success());
}

#[test]
fn build_arguments() {
    let src = "FROM debian:12\nARG PKGS=curl\nRUN apt-get update && apt-get install -y $PKGS\n";
    for args in [&["--build-arg", "PKGS=git"][..], &["--build-arg=PKGS=git"], &["--build-arg", "PKGS"]] {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        all.push("-");
        let out = size(&all, src);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(v["before"]["expected_bytes"].as_u64().unwrap() > 0);
    }
    // No name: one line that says how to write it, exit 2.
    let out = size(&["--build-arg", "=git", "-"], src);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        "shipshape size: --build-arg `=git` has no name: write --build-arg NAME=VALUE"
    );
    let help = size(&["--help"], "");
    assert!(String::from_utf8_lossy(&help.stdout).contains("[--build-arg NAME=VALUE]"));
}
