//! BuildKit's own parser fixtures (moby/buildkit, read from ../shared/corpus):
//! `shipshape dump` must print each positive case's `result` byte for byte and exit 0, and
//! must exit 1 with a `FILE:LINE:COL: message` line for each negative case.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("SHIPSHAPE_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    let dir = dir.join("buildkit-parser");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "buildkit fixtures: SKIPPED: the corpus (../shared/corpus or $SHIPSHAPE_CORPUS) is not here"
        );
        None
    }
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn dump(file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shipshape")).arg("dump").arg(file).output().unwrap()
}

#[test]
fn buildkit_fixtures() {
    let Some(dir) = corpus() else { return };
    let mut failures = Vec::new();

    let positive = cases(&dir.join("positive"));
    let mut pos_ok = 0;
    for case in &positive {
        let out = dump(&case.join("Dockerfile"));
        let want = std::fs::read_to_string(case.join("result")).unwrap().replace("\r\n", "\n");
        let got = String::from_utf8_lossy(&out.stdout);
        if out.status.code() == Some(0) && got == want {
            pos_ok += 1;
        } else {
            failures.push(format!(
                "positive/{}: exit {:?}\n--- got\n{got}--- want\n{want}--- stderr\n{}",
                case.file_name().unwrap().to_string_lossy(),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }

    let negative = cases(&dir.join("negative"));
    let mut neg_ok = 0;
    for case in &negative {
        let file = case.join("Dockerfile");
        let out = dump(&file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let located = stderr.lines().any(|l| {
            let rest = l.strip_prefix(&*file.to_string_lossy()).unwrap_or("");
            let mut parts = rest.splitn(4, ':');
            parts.next() == Some("")
                && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
                && parts.next().is_some_and(|n| n.parse::<u32>().is_ok())
                && parts.next().is_some_and(|m| m.trim().len() > 5)
        });
        if out.status.code() == Some(1) && located && out.stdout.is_empty() {
            neg_ok += 1;
        } else {
            failures.push(format!(
                "negative/{}: exit {:?}, stderr {stderr:?}",
                case.file_name().unwrap().to_string_lossy(),
                out.status.code()
            ));
        }
    }

    println!("buildkit fixtures: {pos_ok}/{} positive, {neg_ok}/{} negative", positive.len(), negative.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!((positive.len(), negative.len()), (33, 4), "the fixture set changed");
}

#[test]
fn dump_reads_stdin_and_reports_usage_errors() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(["dump", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"from alpine AS b\nRUN [\"a\", \"b\"]\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "(from \"alpine\" \"AS\" \"b\")\n(run \"a\" \"b\")\n");

    let out = Command::new(env!("CARGO_BIN_EXE_shipshape")).args(["dump"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_shipshape")).args(["dump", "/no/such/file"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file"));
}

#[test]
fn dump_reports_each_parser_error_with_its_position() {
    let dir = std::env::temp_dir().join(format!("shipshape-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("Dockerfile");
    std::fs::write(&file, "FROM alpine\nENV ONLYKEY\nRUN <<EOF\necho never ends\nCMD [\"a\", 1]\n").unwrap();
    let out = dump(&file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let f = file.to_string_lossy();
    assert!(stderr.contains(&format!("{f}:2:5: ENV must have two arguments")), "{stderr}");
    assert!(stderr.contains(&format!("{f}:3:5: unterminated heredoc")), "{stderr}");
    assert!(stderr.contains(&format!("{f}:5:5: when using JSON array syntax")), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
