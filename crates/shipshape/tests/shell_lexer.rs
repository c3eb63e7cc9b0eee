//! BuildKit's own shell-lexer tables (`envVarTest`, `wordsTest`): every row must give the
//! same expansion and the same word split.

mod common;

use shipshape::syntax::lex::Lexer;

#[test]
fn env_var_table() {
    let Some(dir) = common::corpus_or_skip("envVarTest") else {
        return;
    };
    let table = std::fs::read_to_string(dir.join("buildkit-parser/shell-lexer/envVarTest")).unwrap();
    let env: Vec<(String, String)> =
        [("PWD", "/home"), ("SHELL", "bash"), ("KOREAN", "한국어"), ("NULL", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let lexer = Lexer::new('\\');
    let (mut rows, mut windows_only, mut failures) = (0, 0, Vec::new());
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.trim().split('|').collect();
        assert_eq!(parts.len(), 3, "line {}: {line}", n + 1);
        let (platform, input, expected) = (parts[0].trim(), parts[1].trim(), parts[2].trim());
        assert!(matches!(platform, "A" | "U" | "W"), "line {}", n + 1);
        if platform == "W" {
            windows_only += 1; // Windows rows use case-insensitive variables; we are Unix.
            continue;
        }
        rows += 1;
        let got = lexer.process_word(input, &env);
        let ok = match (&got, expected) {
            (Err(_), "error") => true,
            (Ok(p), want) if want != "error" => p.result == want,
            _ => false,
        };
        if !ok {
            failures.push(format!("line {}: {input:?} -> {got:?}, want {expected:?}", n + 1));
        }
    }
    println!(
        "envVarTest: {}/{rows} rows agree ({windows_only} Windows-only rows not run)",
        rows - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows > 50, "the table looks truncated: {rows} rows");
}

#[test]
fn words_table() {
    let Some(dir) = common::corpus_or_skip("wordsTest") else {
        return;
    };
    let table = std::fs::read_to_string(dir.join("buildkit-parser/shell-lexer/wordsTest")).unwrap();
    let lexer = Lexer::new('\\');
    let mut env: Vec<(String, String)> = Vec::new();
    let (mut rows, mut failures) = (0, Vec::new());
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("ENV ") {
            let rest = rest.trim_start_matches(' ');
            let (k, v) = rest.split_once('=').unwrap_or((rest, ""));
            env.push((k.to_string(), v.to_string()));
            continue;
        }
        let parts: Vec<&str> = line.split('|').collect();
        assert_eq!(parts.len(), 2, "line {}: {line:?}", n + 1);
        rows += 1;
        let input = parts[0].trim();
        let expected: Vec<&str> = parts[1].trim_start_matches(' ').split(',').collect();
        let got: Vec<String> = match lexer.process_words(input, &env) {
            Ok(p) => p.words.into_iter().map(|w| w.text).collect(),
            Err(_) => vec!["error".to_string()],
        };
        if got != expected {
            failures.push(format!("line {}: {input:?} -> {got:?}, want {expected:?}", n + 1));
        }
    }
    println!("wordsTest: {}/{rows} rows agree", rows - failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows > 20, "the table looks truncated: {rows} rows");
}
