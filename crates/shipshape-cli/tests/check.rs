//! `shipshape check`: output formats, exit codes, configuration and pragmas, as a CI user
//! meets them.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shipshape-check-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .unwrap()
}

const FILE: &str = "FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n";

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn json_is_hadolint_compatible_with_exact_columns() {
    let dir = tempdir("json");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    let out = run(&dir, &["check", "--format", "json", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let curl = v.as_array().unwrap().iter().find(|d| d["code"] == "DL3008").unwrap();
    for key in ["code", "column", "file", "level", "line", "message", "end_line", "end_column", "name"] {
        assert!(curl.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        (curl["line"].as_u64(), curl["column"].as_u64(), curl["end_column"].as_u64()),
        (Some(2), Some(66), Some(70))
    );
    assert_eq!(curl["file"], "Dockerfile");
    assert_eq!(curl["level"], "warning");
}

#[test]
fn tty_underlines_the_span() {
    let dir = tempdir("tty");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    let out = run(&dir, &["check", "--no-color", "Dockerfile"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Dockerfile:2:66 warning DL3008"), "{text}");
    // The frame: an empty gutter line, the source line, then carets under `curl`.
    let frame: Vec<&str> = text.lines().skip_while(|l| !l.contains("DL3008")).take(4).collect();
    let caret = frame[3];
    assert!(caret.ends_with("^^^^"), "{caret:?}");
    assert_eq!(caret.find('^').unwrap() - caret.find('|').unwrap() - 2, 65, "{frame:?}");
}

#[test]
fn other_formats() {
    let dir = tempdir("formats");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    let sarif = json(&run(&dir, &["check", "--format", "sarif", "Dockerfile"]));
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "DL3008")
        .unwrap()
        .clone();
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 66);
    assert!(sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len() > 50);
    let cs = String::from_utf8(run(&dir, &["check", "--format", "checkstyle", "Dockerfile"]).stdout).unwrap();
    assert!(
        cs.starts_with("<?xml") && cs.contains("source=\"DL3008\"") && cs.contains("column=\"66\""),
        "{cs}"
    );
    let gnu = String::from_utf8(run(&dir, &["check", "--format", "gnu", "Dockerfile"]).stdout).unwrap();
    assert!(gnu.contains("Dockerfile:2.66-2.70: warning: "), "{gnu}");
    let cc = json(&run(&dir, &["check", "--format", "codeclimate", "Dockerfile"]));
    assert!(cc.as_array().unwrap().iter().all(|i| i["fingerprint"].as_str().unwrap().len() == 16));
    let gl = json(&run(&dir, &["check", "--format", "gitlab", "Dockerfile"]));
    assert!(gl
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["check_name"] == "DL3008" && i["location"]["lines"]["begin"] == 2));
}

#[test]
fn exit_codes_follow_hadolint() {
    let dir = tempdir("exit");
    std::fs::write(dir.join("clean"), "FROM debian:12\nCMD [\"true\"]\n").unwrap();
    std::fs::write(dir.join("info"), "FROM debian:12\nRUN apt-get install -y curl=7\n").unwrap();
    assert_eq!(run(&dir, &["check", "clean"]).status.code(), Some(0));
    assert_eq!(run(&dir, &["check", "info"]).status.code(), Some(1), "info findings fail by default");
    assert_eq!(run(&dir, &["check", "--failure-threshold", "warning", "info"]).status.code(), Some(0));
    assert_eq!(run(&dir, &["check", "--no-fail", "info"]).status.code(), Some(0));
    assert_eq!(run(&dir, &["check", "--format", "nope", "info"]).status.code(), Some(2));
    assert_eq!(run(&dir, &["check", "missing-file"]).status.code(), Some(2));
    // Several files in one process.
    let v = json(&run(&dir, &["check", "--format", "json", "clean", "info"]));
    assert!(v.as_array().unwrap().iter().all(|d| d["file"] == "info"));
}

#[test]
fn config_file_and_flags() {
    let dir = tempdir("config");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    std::fs::write(dir.join(".hadolint.yaml"), "ignored: [DL3008]\noverride:\n  error: [DL3006]\n").unwrap();
    let v = json(&run(&dir, &["check", "--format", "json", "Dockerfile"]));
    assert!(!codes(&v).contains(&"DL3008".to_string()));
    let dl3006 = v.as_array().unwrap().iter().find(|d| d["code"] == "DL3006").unwrap();
    assert_eq!(dl3006["level"], "error");
    let v = json(&run(&dir, &["check", "--format", "json", "--ignore", "DL3006", "Dockerfile"]));
    assert!(!codes(&v).contains(&"DL3006".to_string()));
    std::fs::write(dir.join("bad.yaml"), "ignored: {oops: 1}\n").unwrap();
    let out = run(&dir, &["check", "--config", "bad.yaml", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ignored"));
}

#[test]
fn pragmas_and_unknown_codes() {
    let dir = tempdir("pragmas");
    std::fs::write(
        dir.join("Dockerfile"),
        "# hadolint global ignore=DL3006\nFROM debian\n# hadolint ignore=DL3008,DL9999 # why: pinned by the base\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    )
    .unwrap();
    let v = json(&run(&dir, &["check", "--format", "json", "Dockerfile"]));
    assert_eq!(codes(&v), vec!["SS1001"], "{v}");
    assert_eq!(v[0]["column"], 26);
    let v = json(&run(&dir, &["check", "--format", "json", "--disable-ignore-pragma", "Dockerfile"]));
    assert!(codes(&v).contains(&"DL3008".to_string()));
}

#[test]
fn rules_listing() {
    let dir = tempdir("rules");
    let v = json(&run(&dir, &["rules", "--format", "json"]));
    let list = v.as_array().unwrap();
    let dl3008 = list.iter().find(|r| r["code"] == "DL3008").unwrap();
    assert_eq!(dl3008["severity"], "warning");
    assert!(dl3008["docs"]["bad"].as_str().unwrap().contains("apt-get"));
    // Every rule has a doc; hadolint's codes, BuildKit's names and our own rules are all there.
    for r in list {
        for part in ["why", "bad", "good"] {
            assert!(!r["docs"][part].as_str().unwrap().trim().is_empty(), "{} has no {part}", r["code"]);
        }
    }
    let origin = |o: &str| list.iter().filter(|r| r["origin"] == o).count();
    let dl = list.iter().filter(|r| r["code"].as_str().unwrap().starts_with("DL")).count();
    assert!(dl >= 71 && origin("hadolint") >= 71, "{dl} DL codes");
    assert!(origin("shipshape") >= 25);
    let names: Vec<&str> = list
        .iter()
        .flat_map(|r| std::iter::once(&r["code"]).chain(r["aliases"].as_array().unwrap()))
        .map(|v| v.as_str().unwrap())
        .collect();
    let buildkit = [
        "StageNameCasing",
        "FromAsCasing",
        "ConsistentInstructionCasing",
        "NoEmptyContinuation",
        "JSONArgsRecommended",
        "LegacyKeyValueFormat",
        "MaintainerDeprecated",
        "UndefinedArgInFrom",
        "UndefinedVar",
        "WorkdirRelativePath",
        "MultipleInstructionsDisallowed",
        "ReservedStageName",
        "DuplicateStageName",
        "SecretsUsedInArgOrEnv",
        "InvalidDefaultArgInFrom",
        "FromPlatformFlagConstDisallowed",
        "RedundantTargetPlatform",
        "CopyIgnoredFile",
        "InvalidDefinitionDescription",
        "ExposeProtoCasing",
        "ExposeInvalidFormat",
        "InvalidBaseImagePlatform",
    ];
    let missing: Vec<_> = buildkit.iter().filter(|n| !names.contains(n)).collect();
    assert!(missing.is_empty(), "BuildKit checks missing: {missing:?}");
    // At least 40 rules can fix what they find.
    let fixable: Vec<_> =
        list.iter().filter(|r| r["fixable"] != "never").map(|r| r["code"].as_str().unwrap()).collect();
    println!("rules: {} of {} can fix what they find", fixable.len(), list.len());
    assert!(fixable.len() >= 40, "only {} fixable rules: {fixable:?}", fixable.len());
    for code in
        ["DL3014", "DL3015", "DL3020", "DL4000", "DL3009", "DL3019", "DL3042", "DL3027", "FromAsCasing"]
    {
        assert!(fixable.contains(&code), "{code} has no fix");
    }

    // The text listing shows each rule's origin and its other names.
    let text = String::from_utf8(run(&dir, &["rules"]).stdout).unwrap();
    let line = |code: &str| text.lines().find(|l| l.starts_with(&format!("{code} "))).unwrap().to_string();
    assert!(line("DL3025").contains("hadolint") && line("DL3025").contains("JSONArgsRecommended"));
    assert!(line("SS5001").contains("shipshape"));
    assert!(line("UndefinedVar").contains("buildkit"));
    assert!(line("DL3014").contains("always") && line("DL3008").contains("never"));
    assert_eq!(text.lines().count(), list.len() + 2);
    let footer = text.lines().last().unwrap();
    assert!(footer.starts_with(&format!("{} rules, {} with a fix (", list.len(), fixable.len())), "{footer}");
}

#[test]
fn explain_prints_a_rule_doc() {
    let dir = tempdir("explain");
    let out = run(&dir, &["explain", "DL3008"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("# DL3008 `apt-get-unpinned`"), "{text}");
    assert!(text.contains("## Why") && text.contains("## Bad") && text.contains("```dockerfile"));
    assert_eq!(run(&dir, &["explain", "XX9999"]).status.code(), Some(2));
}

/// docs/rules/ is generated from the rule definitions; it must match what the binary
/// writes now (run `make docs` after changing a rule).
#[test]
fn generated_rule_docs_are_up_to_date() {
    let dir = tempdir("docs");
    let out = run(&dir, &["rules", "--write-docs", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let mut generated: Vec<_> =
        std::fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    generated.sort();
    let mut committed: Vec<_> = std::fs::read_dir(&repo).unwrap().map(|e| e.unwrap().file_name()).collect();
    committed.sort();
    assert_eq!(generated, committed, "docs/rules/ lists other files: run `make docs`");
    for name in generated {
        let a = std::fs::read_to_string(dir.join("out").join(&name)).unwrap();
        let b = std::fs::read_to_string(repo.join(&name)).unwrap();
        assert!(a == b, "docs/rules/{} is stale: run `make docs`", name.to_string_lossy());
    }
}

#[test]
fn files_linted_in_parallel_are_reported_in_order() {
    let dir = tempdir("jobs");
    let mut names = Vec::new();
    for i in 0..12 {
        let name = format!("{i:02}.Dockerfile");
        // Different files give different findings, so a mix-up would show.
        let body = format!(
            "FROM debian\nRUN apt-get install curl{}\nEXPOSE {}\n",
            " && cd /tmp".repeat(i % 3),
            8000 + i
        );
        std::fs::write(dir.join(&name), body).unwrap();
        names.push(name);
    }
    let args = |jobs: &'static str| {
        let mut a = vec!["check", "--no-fail", "--format", "json", "--jobs", jobs];
        a.extend(names.iter().map(String::as_str));
        a
    };
    let one = run(&dir, &args("1"));
    let four = run(&dir, &args("4"));
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&one.stdout), String::from_utf8_lossy(&four.stdout));
    let files: Vec<String> =
        json(&four).as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap().to_string()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "reports follow the order of the files on the command line");
    assert!(files.iter().filter(|f| f.starts_with("11")).count() >= 1);
    let bad = run(&dir, &["check", "--jobs", "0", "00.Dockerfile"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--jobs needs a number above 0"));
}

#[test]
fn fix_and_diff() {
    let dir = tempdir("fix");
    let src =
        "FROM debian:12\n# tools\nRUN apt-get update && apt-get install \\\n    curl\nMAINTAINER Jane\n";
    std::fs::write(dir.join("Dockerfile"), src).unwrap();

    // --diff shows the safe fixes, changes nothing, and exits 1.
    let out = run(&dir, &["check", "--diff", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.starts_with("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,5 +1,5 @@\n"), "{diff}");
    assert!(diff.contains(
        "-RUN apt-get update && apt-get install \\\n+RUN apt-get update && apt-get install -y \\\n"
    ));
    assert!(diff.contains("-MAINTAINER Jane\n+LABEL org.opencontainers.image.authors=\"Jane\"\n"));
    assert!(!diff.contains("no-install-recommends"), "unsafe fixes need --unsafe-fixes");
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("would fix 2 findings in 1 file (2 more with --unsafe-fixes)"));
    assert_eq!(std::fs::read_to_string(dir.join("Dockerfile")).unwrap(), src);

    // JSON carries each fix with byte and line/column ranges.
    let v = json(&run(&dir, &["check", "--format", "json", "Dockerfile"]));
    let dl3014 = v.as_array().unwrap().iter().find(|d| d["code"] == "DL3014").unwrap();
    assert_eq!(dl3014["fix"]["applicability"], "safe");
    let edit = &dl3014["fix"]["edits"][0];
    assert_eq!(
        (edit["text"].as_str(), edit["line"].as_u64(), edit["column"].as_u64()),
        (Some(" -y"), Some(3), Some(38))
    );
    assert_eq!(edit["start"], edit["end"]);
    let dl3006 = v.as_array().unwrap().iter().find(|d| d["code"] == "DL3008").unwrap();
    assert!(dl3006["fix"].is_null());

    // --fix writes the file; what is left is reported; a second run changes nothing.
    let out = run(&dir, &["check", "--fix", "--no-fail", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(0));
    let fixed = std::fs::read_to_string(dir.join("Dockerfile")).unwrap();
    assert_eq!(
        fixed,
        "FROM debian:12\n# tools\nRUN apt-get update && apt-get install -y \\\n    curl\nLABEL org.opencontainers.image.authors=\"Jane\"\n"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("DL3015"));
    let again = run(&dir, &["check", "--diff", "Dockerfile"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());

    // Unsafe fixes on request; standard input prints the fixed text.
    let out = run(&dir, &["check", "--fix", "--unsafe-fixes", "--no-fail", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.join("Dockerfile"))
        .unwrap()
        .contains("install --no-install-recommends -y"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(["check", "--fix", "-"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"FROM debian:12\nRUN apt-get install curl=1\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "FROM debian:12\nRUN apt-get install -y curl=1\n");

    let bad = run(&dir, &["check", "--unsafe-fixes", "Dockerfile"]);
    assert_eq!(bad.status.code(), Some(2));
}
