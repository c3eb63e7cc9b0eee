//! Robustness: random edits of real Dockerfiles never make the parser panic, and every
//! span it returns stays inside the source, on character boundaries. Pathological inputs
//! take time in proportion to their size.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use shipshape::syntax::*;

/// Every span the parser hands out, with a label for failure messages.
fn all_spans(p: &Parse) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let word = |label: &str, w: &Word, out: &mut Vec<(String, Span)>| out.push((label.to_string(), w.span));
    if let Some(b) = p.file.bom {
        out.push(("bom".into(), b));
    }
    for d in &p.file.directives {
        out.push(("directive".into(), d.span));
        word("directive name", &d.name, &mut out);
        word("directive value", &d.value, &mut out);
    }
    for c in &p.file.comments {
        out.push(("comment".into(), c.span));
    }
    for e in &p.errors {
        out.push((format!("error {}", e.code), e.span));
    }
    let mut stack: Vec<&Instruction> = p.file.instructions.iter().collect();
    while let Some(i) = stack.pop() {
        out.push(("instruction".into(), i.span));
        out.push(("line".into(), i.line_span()));
        word("keyword", &i.keyword_word, &mut out);
        for f in &i.flags {
            out.push(("flag".into(), f.span));
            word("flag name", &f.name, &mut out);
            if let Some(v) = &f.value {
                word("flag value", v, &mut out);
                for (s, _) in v.var_refs('\\') {
                    out.push(("flag var".into(), s));
                }
            }
            for o in f.options().unwrap_or_default() {
                out.push(("option".into(), o.span));
                word("option key", &o.key, &mut out);
                if let Some(v) = &o.value {
                    word("option value", v, &mut out);
                }
            }
        }
        for h in &i.heredocs {
            out.push(("heredoc marker".into(), h.marker));
            out.push(("heredoc body".into(), h.body));
            out.push(("heredoc terminator".into(), h.terminator));
        }
        for e in &i.empty_continuation_lines {
            out.push(("empty line".into(), *e));
        }
        let mut words: Vec<&Word> = Vec::new();
        match &i.args {
            Args::Command(c) | Args::Healthcheck { command: c, .. } => {
                if let Args::Healthcheck { kind, .. } = &i.args {
                    words.push(kind);
                }
                match c {
                    Command::Exec { span, args } => {
                        out.push(("exec".into(), *span));
                        words.extend(args);
                    }
                    Command::Shell { text, .. } => words.push(text),
                    Command::Empty => {}
                }
            }
            Args::List { items, .. } | Args::Words(items) => words.extend(items),
            Args::KeyValues { pairs, .. } => {
                for kv in pairs {
                    out.push(("pair".into(), kv.span));
                    words.push(&kv.key);
                    words.push(&kv.value);
                }
            }
            Args::ArgDecls(d) => {
                for a in d {
                    out.push(("arg".into(), a.span));
                    words.push(&a.name);
                    words.extend(&a.default);
                }
            }
            Args::Text(w) => words.push(w),
            Args::Unknown(w) => words.extend(w),
            Args::Onbuild(t) => stack.extend(t.as_deref()),
            Args::None => {}
        }
        for w in words {
            word("word", w, &mut out);
            for (s, _) in w.var_refs(p.file.escape) {
                out.push(("var".into(), s));
            }
        }
    }
    for s in &p.file.stages {
        for w in s.name.iter().chain(&s.base).chain(&s.platform) {
            word("stage", w, &mut out);
        }
    }
    out
}

fn check_spans(src: &str) -> Result<(), String> {
    let p = shipshape::parse(src);
    for (label, s) in all_spans(&p) {
        if s.start > s.end || s.end as usize > src.len() {
            return Err(format!("{label} span {s:?} is outside a source of {} bytes", src.len()));
        }
        if !src.is_char_boundary(s.start as usize) || !src.is_char_boundary(s.end as usize) {
            return Err(format!("{label} span {s:?} is not on character boundaries"));
        }
    }
    // Line/column conversions work for every error position.
    for e in &p.errors {
        let lc = p.line_index.line_col_utf16(src, e.span.start);
        assert!(lc.line >= 1 && lc.col >= 1);
    }
    Ok(())
}

const FRAGMENTS: &[&str] = &[
    "\\\n",
    "\\",
    "`",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "<<EOF",
    "<<-EOF\n",
    "\nEOF\n",
    "EOF",
    "\"",
    "'",
    "[",
    "]",
    "[\"a\", 1]",
    "{",
    "}",
    "$",
    "${",
    "${A:-",
    ":-",
    "--",
    "--mount=",
    "type=cache,",
    "=",
    ",",
    "é",
    "😀",
    "\u{a0}",
    "\u{feff}",
    "FROM ",
    "RUN ",
    "ONBUILD ",
    "COPY ",
    "ENV ",
    "ARG ",
    "HEALTHCHECK ",
    "CMD ",
    "AS ",
    "\u{0}",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, usize),
    Delete(f64, f64),
    Duplicate(f64, f64),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, 0..FRAGMENTS.len()).prop_map(|(p, f)| Edit::Insert(p, f)),
        (0.0..1.0f64, 0.0..0.05f64).prop_map(|(p, l)| Edit::Delete(p, l)),
        (0.0..1.0f64, 0.0..0.05f64).prop_map(|(p, l)| Edit::Duplicate(p, l)),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match *e {
            Edit::Insert(p, f) => {
                let at = floor(&s, (p * s.len() as f64) as usize);
                s.insert_str(at, FRAGMENTS[f]);
            }
            Edit::Delete(p, l) => {
                let a = floor(&s, (p * s.len() as f64) as usize);
                let b = floor(&s, a + (l * s.len() as f64) as usize + 1);
                s.replace_range(a..b, "");
            }
            Edit::Duplicate(p, l) => {
                let a = floor(&s, (p * s.len() as f64) as usize);
                let b = floor(&s, a + (l * s.len() as f64) as usize + 1);
                let piece = s[a..b].to_string();
                s.insert_str(b, &piece);
            }
        }
    }
    s
}

fn corpus_files() -> Vec<String> {
    let Some(dir) = common::corpus_dir() else {
        return Vec::new();
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    files.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()).collect()
}

/// Small hand-written seeds, so the property test means something without the corpus.
const SEEDS: &[&str] = &[
    "# syntax=docker/dockerfile:1\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\nWORKDIR /src\nRUN --mount=type=cache,target=/root/.cache go build -o /out ./...\nFROM scratch\nCOPY --from=build /out /app\nENTRYPOINT [\"/app\"]\n",
    "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host hi `\n  ; Write-Host there\n",
    "FROM alpine\nRUN <<EOF\napk add --no-cache curl\nEOF\nCOPY <<-EOT /etc/x\n\tk=v\n\tEOT\nENV A=1 B=\"two words\"\nLABEL x y\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\nONBUILD RUN echo later\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_never_break_spans(file in 0usize..1000, edits in prop::collection::vec(edit_strategy(), 1..12)) {
        thread_local! { static FILES: Vec<String> = corpus_files(); }
        let base = FILES.with(|f| {
            let n = f.len() + SEEDS.len();
            let i = file % n;
            if i < SEEDS.len() { SEEDS[i].to_string() } else { f[i - SEEDS.len()].clone() }
        });
        let edited = apply(base, &edits);
        prop_assert!(check_spans(&edited).is_ok(), "{}", check_spans(&edited).unwrap_err());
    }
}

#[test]
fn every_corpus_file_has_sound_spans() {
    let files = corpus_files();
    if files.is_empty() {
        println!("corpus spans: SKIPPED: the corpus (../shared/corpus or $SHIPSHAPE_CORPUS) is not here");
    }
    for (i, f) in files.iter().enumerate() {
        check_spans(f).unwrap_or_else(|e| panic!("file #{i}: {e}"));
    }
    for s in SEEDS {
        check_spans(s).unwrap();
    }
}

/// Inputs built to trip a backtracking parser. Each must parse in time proportional to
/// its size: quadrupling the input may at most roughly quadruple the time (a quadratic
/// parse would take sixteen times as long), and nothing may take seconds.
///
/// Each size is timed as the fastest of several runs, so a run that the machine slowed
/// (other tests run in parallel, and CI machines are shared) does not decide the ratio:
/// a single run each once gave 6 ms -> 77 ms for a linear parse.
#[test]
fn pathological_inputs_take_linear_time() {
    type Maker = Box<dyn Fn(usize) -> String>;
    let makers: Vec<(&str, Maker)> = vec![
        ("escapes", Box::new(|n| format!("FROM a\nRUN {}x\n", "\\\\".repeat(n / 2)))),
        ("continuations", Box::new(|n| format!("FROM a\nRUN x{}\n", " \\\n".repeat(n / 3)))),
        ("spaces", Box::new(|n| format!("FROM a\nENV A={}b\n", " \u{a0}".repeat(n / 3)))),
        ("quotes", Box::new(|n| format!("FROM a\nENV A={}\n", "\"'".repeat(n / 2)))),
        ("dollars", Box::new(|n| format!("FROM a\nENV A={}\n", "${".repeat(n / 2)))),
        ("heredocs", Box::new(|n| format!("FROM a\nRUN {}\n", "<<A ".repeat(n / 4)))),
        ("brackets", Box::new(|n| format!("FROM a\nCMD {}\n", "[".repeat(n)))),
        ("flags", Box::new(|n| format!("FROM a\nRUN {}x\n", "--a=\"b c\" ".repeat(n / 10)))),
        ("lines", Box::new(|n| "RUN x\n".repeat(n / 6))),
        ("onbuild", Box::new(|n| format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(n / 8)))),
    ];
    let size = 60_000;
    for (name, make) in makers {
        let time = |n: usize| {
            let src = make(n);
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let p = shipshape::parse(&src);
                    std::hint::black_box(p.errors.len());
                    t.elapsed()
                })
                .min()
                .unwrap()
        };
        let (small, big) = (time(size / 4), time(size));
        println!("pathological {name}: {small:?} for {} KB, {big:?} for {} KB", size / 4000, size / 1000);
        assert!(big < Duration::from_secs(3), "{name}: {big:?}");
        assert!(
            big < small * 8 + Duration::from_millis(20),
            "{name}: quadrupling the input took {small:?} -> {big:?}"
        );
    }
}

/// Broken shell that makes a backtracking grammar try every way to close what never
/// closes (the fuzzer found `--no-i((((((…` in a RUN: each `(` doubled the time). The
/// shell parse is bounded, so linting and fixing such a file takes milliseconds, not
/// years, and the rest of the file is still linted.
#[test]
fn unclosed_shell_constructs_lint_in_bounded_time() {
    let openers = ["(", "( ", "(a ", "$(", "{ a; ", "f() { ", "a | ( ", "if ( "];
    for opener in openers {
        let src = format!("FROM debian:12\nRUN echo x{}y\nRUN apt-get install curl\n", opener.repeat(40));
        let t = Instant::now();
        let result = shipshape::lint(&src, &shipshape::Config::default());
        let fixed = shipshape::fix_all(
            &src,
            &shipshape::Config::default(),
            &shipshape::FixOptions { unsafe_fixes: true, ..Default::default() },
        );
        let took = t.elapsed();
        println!("unclosed {opener:?} × 40: lint and fix-all in {took:?}");
        assert!(took < Duration::from_secs(10), "{opener:?}: {took:?}");
        // The next RUN is still linted.
        assert!(
            result.diagnostics.iter().any(|d| d.code == "DL3014"),
            "{opener:?}: the next RUN was not linted"
        );
        assert!(fixed.text.contains("apt-get install"));
    }
}
