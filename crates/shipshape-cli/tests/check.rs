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
    run_env(dir, args, &[])
}

/// Runs the CLI in `dir` with only the given hadolint variables (the caller's own
/// `HADOLINT_*`, `NO_COLOR` and config directories are removed).
fn run_env(dir: &PathBuf, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shipshape"));
    cmd.args(args).current_dir(dir).env("HOME", dir).env_remove("XDG_CONFIG_HOME").env_remove("NO_COLOR");
    for (key, _) in std::env::vars() {
        if key.starts_with("HADOLINT_") {
            cmd.env_remove(key);
        }
    }
    cmd.envs(env.iter().copied()).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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
    std::fs::write(
        dir.join("info"),
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7 && rm -rf /var/lib/apt/lists/*\n",
    )
    .unwrap();
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
        .contains("install -y --no-install-recommends"));
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

/// Fixes are checked against the build model: the seed's apt case merges, trims and
/// cleans up; a fix that would leave a later install without package lists is refused, and
/// the summary names it with the finding it would add.
#[test]
fn fixes_that_would_break_the_build_are_refused() {
    let dir = tempdir("breaks-build");
    std::fs::write(
        dir.join("Dockerfile"),
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n",
    )
    .unwrap();
    let out = run(&dir, &["check", "--fix", "--unsafe-fixes", "--no-fail", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n"
    );
    assert!(!stderr(&out).contains("break the build"), "{}", stderr(&out));

    let src = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n";
    let refusal = "shipshape: Dockerfile: DL3009 \"Remove `/var/lib/apt/lists/*` at the end of the RUN\" not applied: it would break the build (SS6001 on line 4: `apt-get install` finds no package: the lists were removed on line 2)\n";
    std::fs::write(dir.join("Dockerfile"), src).unwrap();
    // --diff: the summary says so, and the refused fix has a line of its own.
    let out = run(&dir, &["check", "--diff", "--unsafe-fixes", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("shipshape: would fix 3 findings in 1 file (1 fix not applied because it would break the build)\n"),
        "{err}"
    );
    assert!(err.ends_with(refusal), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("rm -rf"));
    // --fix: the same note, and the file is written without that fix.
    let out = run(&dir, &["check", "--fix", "--unsafe-fixes", "--no-fail", "--format", "json", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).ends_with(refusal), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("Dockerfile")).unwrap(),
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nCOPY x /x\nRUN apt-get install -y --no-install-recommends make\n"
    );
    // The findings left are still JSON on standard output, with no build breakage among them.
    assert!(!codes(&json(&out)).iter().any(|c| c.starts_with("SS600")));
}

/// hadolint's command line as CI scripts write it: no subcommand, its short options.
#[test]
fn hadolint_command_lines_run_check() {
    let dir = tempdir("bare");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    let with = run(&dir, &["check", "--no-color", "Dockerfile"]);
    let bare = run(&dir, &["--no-color", "Dockerfile"]);
    assert_eq!((bare.status.code(), &bare.stdout), (Some(1), &with.stdout));
    let bare = run(&dir, &["Dockerfile"]);
    assert_eq!((bare.status.code(), &bare.stdout), (Some(1), &with.stdout));
    let v = json(&run(&dir, &["--ignore", "DL3006", "-f", "json", "-t", "warning", "Dockerfile"]));
    assert!(!codes(&v).contains(&"DL3006".to_string()) && codes(&v).contains(&"DL3008".to_string()));
    // A misspelt subcommand is not taken for a file.
    let typo = run(&dir, &["chek", "Dockerfile"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("Usage:"));
    // -v is the version, -V is verbose (as in hadolint).
    let v = run(&dir, &["-v"]);
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("shipshape "));
    let verbose = run(&dir, &["-V", "Dockerfile"]);
    assert_eq!(verbose.status.code(), Some(1));
    assert!(stderr(&verbose).contains("configuration file: none found"), "{}", stderr(&verbose));
    assert!(!stderr(&run(&dir, &["Dockerfile"])).contains("configuration file"));
}

/// hadolint's environment variables, and their place between the file and the options.
#[test]
fn hadolint_environment_variables() {
    let dir = tempdir("env");
    std::fs::write(dir.join("Dockerfile"), format!("{FILE}LABEL foo=bar\n")).unwrap();
    let lint = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("Dockerfile");
        let out = run_env(&dir, &all, env);
        (json(&out), out.status.code())
    };
    let level = |v: &serde_json::Value, code: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["level"].as_str().unwrap().to_string())
    };
    let (plain, status) = lint(&[], &[]);
    assert_eq!(status, Some(1));
    for code in ["DL3006", "DL3008"] {
        assert!(codes(&plain).contains(&code.to_string()), "{plain}");
    }
    for code in ["DL3026", "DL3049", "DL3050"] {
        assert!(!codes(&plain).contains(&code.to_string()), "{plain}");
    }

    let (v, _) = lint(&[("HADOLINT_IGNORE", "DL3006, DL3008")], &[]);
    assert!(!codes(&v).contains(&"DL3006".to_string()) && !codes(&v).contains(&"DL3008".to_string()));
    let (v, _) = lint(&[("HADOLINT_OVERRIDE_ERROR", "DL3008"), ("HADOLINT_OVERRIDE_STYLE", "DL3006")], &[]);
    assert_eq!(
        (level(&v, "DL3008").as_deref(), level(&v, "DL3006").as_deref()),
        (Some("error"), Some("style"))
    );
    let (v, _) = lint(&[("HADOLINT_TRUSTED_REGISTRIES", "my.registry.example")], &[]);
    assert!(codes(&v).contains(&"DL3026".to_string()), "{v}");
    let (v, _) = lint(
        &[("HADOLINT_REQUIRE_LABELS", "version:semver,maintainer:text"), ("HADOLINT_STRICT_LABELS", "yes")],
        &[],
    );
    assert_eq!(codes(&v).iter().filter(|c| *c == "DL3049").count(), 2, "{v}");
    assert!(codes(&v).contains(&"DL3050".to_string()), "{v}");
    assert_eq!(lint(&[("HADOLINT_NOFAIL", "1")], &[]).1, Some(0));
    assert_eq!(lint(&[("HADOLINT_NOFAIL", "no")], &[]).1, Some(1), "only 1, true and yes are on");
    assert_eq!(lint(&[("HADOLINT_FAILURE_THRESHOLD", "error")], &[]).1, Some(0));

    // The format variable, and the option over it.
    let out = run_env(&dir, &["check", "Dockerfile"], &[("HADOLINT_FORMAT", "json")]);
    assert!(!codes(&json(&out)).is_empty());
    let out = run_env(&dir, &["check", "-f", "gnu", "Dockerfile"], &[("HADOLINT_FORMAT", "json")]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Dockerfile:1.6-1.12: warning:"));
    let out = run_env(&dir, &["check", "Dockerfile"], &[("HADOLINT_FORMAT", "bogus")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("$HADOLINT_FORMAT: unknown format `bogus`"), "{}", stderr(&out));
    let out = run_env(&dir, &["check", "Dockerfile"], &[("HADOLINT_REQUIRE_LABELS", "version")]);
    assert_eq!(out.status.code(), Some(2));

    // The option's threshold over the variable's; the lists of the file, the variable and
    // the options add up.
    assert_eq!(lint(&[("HADOLINT_FAILURE_THRESHOLD", "error")], &["-t", "info"]).1, Some(1));
    std::fs::write(dir.join(".hadolint.yaml"), "ignored: [DL3008]\nfailure-threshold: error\n").unwrap();
    let (v, status) = lint(&[("HADOLINT_IGNORE", "DL3006")], &["--ignore", "DL3050"]);
    assert_eq!(status, Some(0), "the file's threshold");
    assert!(!codes(&v).iter().any(|c| ["DL3006", "DL3008"].contains(&c.as_str())), "{v}");
    assert_eq!(lint(&[("HADOLINT_FAILURE_THRESHOLD", "info")], &[]).1, Some(1), "the variable over the file");
    // Pragmas off by variable.
    std::fs::remove_file(dir.join(".hadolint.yaml")).unwrap();
    std::fs::write(dir.join("Dockerfile"), format!("# hadolint ignore=DL3006\n{FILE}")).unwrap();
    assert!(!codes(&lint(&[], &[]).0).contains(&"DL3006".to_string()));
    let (v, _) = lint(&[("HADOLINT_DISABLE_IGNORE_PRAGMA", "true")], &[]);
    assert!(codes(&v).contains(&"DL3006".to_string()));
}

#[test]
fn label_schema_options() {
    let dir = tempdir("labels");
    std::fs::write(dir.join("Dockerfile"), "FROM debian:12\nLABEL version=1.2 other=x\n").unwrap();
    let lint = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("Dockerfile");
        codes(&json(&run(&dir, &all)))
    };
    assert!(lint(&[]).is_empty());
    assert_eq!(lint(&["--require-label", "version:semver"]), vec!["DL3056"], "1.2 is not semver");
    assert_eq!(lint(&["--require-label=version:text"]), Vec::<String>::new());
    assert_eq!(
        lint(&["--require-label", "maintainer:text", "--require-label", "version:text"]),
        vec!["DL3049"]
    );
    assert_eq!(lint(&["--require-label", "version:text", "--strict-labels"]), vec!["DL3050"]);
    for bad in ["version", "version:bogus", ":text"] {
        let out = run(&dir, &["check", "--require-label", bad, "Dockerfile"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains(bad), "{}", stderr(&out));
    }
}

#[test]
fn output_file_and_path_in_report() {
    let dir = tempdir("output");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    let out = run(&dir, &["check", "-o", "report.json", "-f", "json", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert!(codes(&v).contains(&"DL3008".to_string()));
    // The tty report in a file has no colour codes, even when asked for colours on a terminal.
    run(&dir, &["check", "--output=report.txt", "--color", "Dockerfile"]);
    let text = std::fs::read_to_string(dir.join("report.txt")).unwrap();
    assert!(text.contains("Dockerfile:2:66 warning DL3008") && !text.contains('\x1b'), "{text}");
    let out = run(&dir, &["check", "-o", "no/such/dir/r.txt", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/dir/r.txt"));

    let v = json(&run(
        &dir,
        &["check", "-f", "json", "--file-path-in-report", "src/app/Dockerfile", "Dockerfile"],
    ));
    assert!(v.as_array().unwrap().iter().all(|d| d["file"] == "src/app/Dockerfile"), "{v}");
    let xml = run(
        &dir,
        &["check", "-f", "checkstyle", "--file-path-in-report", "src/app/Dockerfile", "Dockerfile"],
    );
    assert!(String::from_utf8_lossy(&xml.stdout).contains("<file name=\"src/app/Dockerfile\">"));
}

#[test]
fn codacy_sonarqube_and_junit_formats() {
    let dir = tempdir("more-formats");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    std::fs::write(dir.join("clean"), "FROM debian:12\nCMD [\"true\"]\n").unwrap();

    let codacy = run(&dir, &["check", "-f", "codacy", "Dockerfile", "clean"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&codacy.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let curl = lines.iter().find(|l| l["patternId"] == "DL3008").unwrap();
    assert_eq!((curl["filename"].as_str(), curl["line"].as_u64()), (Some("Dockerfile"), Some(2)));
    assert!(curl["message"].as_str().unwrap().contains("curl"));
    assert!(lines.iter().all(|l| l["filename"] == "Dockerfile"));
    assert!(run(&dir, &["check", "-f", "codacy", "clean"]).stdout.is_empty());

    let sonar = json(&run(&dir, &["check", "-f", "sonarqube", "Dockerfile"]));
    let issues = sonar["issues"].as_array().unwrap();
    let curl = issues.iter().find(|i| i["ruleId"] == "DL3008").unwrap();
    assert_eq!((curl["severity"].as_str(), curl["type"].as_str()), (Some("MAJOR"), Some("CODE_SMELL")));
    let range = &curl["primaryLocation"]["textRange"];
    // `curl` is columns 66-69 (1-based); Sonar counts from 0 with an exclusive end.
    assert_eq!(
        (range["startLine"].as_u64(), range["startColumn"].as_u64(), range["endColumn"].as_u64()),
        (Some(2), Some(65), Some(69))
    );
    assert_eq!(curl["primaryLocation"]["filePath"], "Dockerfile");
    assert_eq!(json(&run(&dir, &["check", "-f", "sonarqube", "clean"]))["issues"], serde_json::json!([]));

    let junit = String::from_utf8_lossy(&run(&dir, &["check", "-f", "junit", "Dockerfile", "clean"]).stdout)
        .into_owned();
    let findings = json(&run(&dir, &["check", "-f", "json", "Dockerfile"])).as_array().unwrap().len();
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(
        junit.contains(&format!(
            "<testsuite name=\"Dockerfile\" tests=\"{findings}\" failures=\"{findings}\""
        )),
        "{junit}"
    );
    assert_eq!(junit.matches("<failure ").count(), findings);
    assert!(junit.contains("<testsuite name=\"clean\" tests=\"1\" failures=\"0\""), "{junit}");
    assert!(junit.contains("<testcase classname=\"Dockerfile\" name=\"DL3008 2:66\">"), "{junit}");
    assert_eq!(junit.matches("<testsuite ").count(), junit.matches("</testsuite>").count());
}

/// hadolint's `format` and `no-color` keys of `.hadolint.yaml`.
#[test]
fn config_file_output_keys() {
    let dir = tempdir("config-format");
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    std::fs::write(dir.join(".hadolint.yaml"), "format: json\nno-color: true\n").unwrap();
    assert!(codes(&json(&run(&dir, &["check", "Dockerfile"]))).contains(&"DL3008".to_string()));
    let gnu = run(&dir, &["check", "-f", "gnu", "Dockerfile"]);
    assert!(String::from_utf8_lossy(&gnu.stdout).starts_with("Dockerfile:1.6-1.12"));
    let tty = run(&dir, &["check", "-f", "tty", "--color", "Dockerfile"]);
    assert!(String::from_utf8_lossy(&tty.stdout).contains('\x1b'), "--color wins over the file");
    std::fs::write(dir.join(".hadolint.yaml"), "format: yaml\n").unwrap();
    let out = run(&dir, &["check", "Dockerfile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".hadolint.yaml: `format`: unknown format `yaml`"), "{}", stderr(&out));
}

/// `check DIR` lints the Dockerfiles under DIR, as `ruff check .` does for Python.
#[test]
fn directories_are_searched_for_dockerfiles() {
    let dir = tempdir("dirs");
    let tree = dir.join("repo");
    let _ = std::fs::remove_dir_all(&tree);
    for (path, text) in [
        ("Dockerfile", FILE),
        ("services/api/api.Dockerfile", FILE),
        ("services/web/Dockerfile.dev", FILE),
        ("services/web/Containerfile", FILE),
        // Not linted: a hidden directory, node_modules, other files.
        (".git/Dockerfile", FILE),
        ("node_modules/pkg/Dockerfile", FILE),
        ("services/web/Dockerfile.dockerignore", "node_modules\n"),
        ("docs/Dockerfile.md", "# How to build\n"),
        ("build.sh", "echo\n"),
    ] {
        let p = tree.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let v = json(&run(&dir, &["check", "-f", "json", "repo"]));
    let mut files: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    files.dedup();
    assert_eq!(
        files,
        vec![
            "repo/Dockerfile",
            "repo/services/api/api.Dockerfile",
            "repo/services/web/Containerfile",
            "repo/services/web/Dockerfile.dev"
        ]
    );
    // `.` names paths without `./`; a file named outright is linted whatever its name.
    let v = json(&run(&tree, &["check", "-f", "json", ".", "build.sh"]));
    let files: Vec<&str> = v.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"services/web/Containerfile") && files.contains(&"build.sh"), "{files:?}");
    // A directory without Dockerfiles: a warning, and nothing fails.
    std::fs::create_dir_all(tree.join("empty")).unwrap();
    let out = run(&tree, &["check", "empty"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("empty: no Dockerfile found"), "{}", stderr(&out));
}

/// `--build-arg NAME=VALUE` gives a declared ARG its value, as `docker build` does; `--build-arg
/// NAME` takes it from the environment (not set there: the ARG keeps its default).
#[test]
fn build_arguments() {
    let dir = tempdir("build-args");
    let file = "FROM debian:12\n# the packages\nARG PKGS=\"curl wget\"\nRUN apt-get update && apt-get install -y --no-install-recommends $PKGS && rm -rf /var/lib/apt/lists/*\n";
    std::fs::write(dir.join("Dockerfile"), file).unwrap();
    let dl3008 = |args: &[&str], env: &[(&str, &str)]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push("Dockerfile");
        let out = run_env(&dir, &all, env);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {}", stderr(&out));
        json(&out)
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "DL3008")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let default = dl3008(&[], &[]);
    assert_eq!(default.len(), 2, "{default:?}");
    assert!(
        default[0].starts_with(
            "Pin the version of `curl` (from ARG PKGS on line 3, which a build argument can change)"
        ),
        "{default:?}"
    );
    let git = dl3008(&["--build-arg", "PKGS=git"], &[]);
    assert_eq!(git.len(), 1, "{git:?}");
    assert!(git[0].starts_with("Pin the version of `git` (from the build argument PKGS)"), "{git:?}");
    // `--build-arg=…`, and the last value given for a name wins.
    assert_eq!(dl3008(&["--build-arg=PKGS=vim", "--build-arg", "PKGS=git"], &[]), git);
    assert!(dl3008(&["--build-arg", "PKGS=curl=7.88.1-10"], &[]).is_empty());
    // The value may hold `=` and spaces; an unknown name changes nothing.
    assert!(dl3008(&["--build-arg", "PKGS=curl=7.88.1-10 wget=1.21.3-1+b2"], &[]).is_empty());
    assert_eq!(dl3008(&["--build-arg", "OTHER=git"], &[]), default);
    // From the environment, as docker build takes `--build-arg NAME`.
    assert_eq!(dl3008(&["--build-arg", "PKGS"], &[("PKGS", "git")]), git);
    assert_eq!(dl3008(&["--build-arg", "PKGS"], &[]), default);
    // hadolint's command line (no subcommand) takes it too.
    let bare = run(&dir, &["--no-color", "--build-arg", "PKGS=git", "Dockerfile"]);
    assert!(String::from_utf8_lossy(&bare.stdout).contains("`git` (from the build argument PKGS)"));
    // -V names them (not their values: one may be a token from the environment).
    let verbose = run_env(&dir, &["check", "-V", "--build-arg", "PKGS", "Dockerfile"], &[("PKGS", "s3cret")]);
    assert!(stderr(&verbose).contains("build arguments: PKGS\n"), "{}", stderr(&verbose));
    assert!(!stderr(&verbose).contains("s3cret"));
    // No name: one line that says how to write it, exit 2.
    for bad in [&["--build-arg", "=git"][..], &["--build-arg="], &["--build-arg", " =x"]] {
        let mut args = vec!["check"];
        args.extend_from_slice(bad);
        args.push("Dockerfile");
        let out = run(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("has no name: write --build-arg NAME=VALUE"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let missing = run(&dir, &["check", "Dockerfile", "--build-arg"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--build-arg needs a value"), "{}", stderr(&missing));
    // `check --help` documents it.
    let help = run(&dir, &["check", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--build-arg NAME=VALUE"));
}
