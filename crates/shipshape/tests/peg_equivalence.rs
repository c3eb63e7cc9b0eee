//! The engine's pest back end (`src/peg.rs`, grammars compiled to tables by `build.rs`)
//! against the code `pest_derive` generates from the same grammars: for every entry rule
//! and every input, both must give the same tokens (rule, start or end, byte offset) or
//! the same error message.
//!
//! Inputs: the playground's examples (always here), generated strings made of the
//! characters the grammars look at, and, when `../shared/corpus` is present, every
//! BuildKit fixture and real-world Dockerfile, whole and line by line.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Debug;
use std::path::Path;

use pest::Parser;

mod derived_dockerfile {
    #[derive(pest_derive::Parser)]
    #[grammar = "../../grammar/dockerfile.pest"]
    pub struct Derived;
}

mod derived_shell {
    #[derive(pest_derive::Parser)]
    #[grammar = "../../grammar/shell.pest"]
    pub struct Derived;
}

use shipshape::shell::grammar as shell;
use shipshape::syntax::grammar as dockerfile;

/// A parse as comparable data: the token stream (start or end, rule, byte offset), or the
/// error as pest prints it.
type Outcome = Result<Vec<(bool, String, usize)>, String>;

fn outcome<R: pest::RuleType>(
    result: Result<pest::iterators::Pairs<'_, R>, pest::error::Error<R>>,
) -> Outcome {
    match result {
        Ok(pairs) => Ok(pairs
            .tokens()
            .map(|t| match t {
                pest::Token::Start { rule, pos } => (true, format!("{rule:?}"), pos.pos()),
                pest::Token::End { rule, pos } => (false, format!("{rule:?}"), pos.pos()),
            })
            .collect()),
        Err(e) => Err(e.to_string()),
    }
}

fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {
    let text =
        e.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| e.downcast_ref::<String>().cloned());
    format!("panic: {}", text.unwrap_or_default())
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// pest's panics are expected inside `caught` (see `compare`): keep them off the test
/// output, and print every other panic (a failed assertion) as usual.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info);
            }
        }));
    });
}

/// `parse()`, with a panic turned into an error that names it.
fn caught(parse: impl FnOnce() -> Outcome + std::panic::UnwindSafe) -> Outcome {
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(parse).unwrap_or_else(|e| Err(panic_text(e)));
    QUIET.with(|q| q.set(false));
    result
}

struct Counts {
    parses: usize,
    ok: usize,
}

/// Parses `input` from each rule of `ours` with both back ends and compares.
fn compare<A, B>(
    ours: &[A],
    theirs: &[B],
    input: &str,
    what: &str,
    counts: &mut Counts,
    parse_a: fn(A, &str) -> Outcome,
    parse_b: fn(B, &str) -> Outcome,
) where
    A: Copy + Debug + std::panic::RefUnwindSafe,
    B: Copy + Debug + std::panic::RefUnwindSafe,
{
    assert_eq!(ours.len(), theirs.len(), "the two Rule enums differ in length");
    for (&a, &b) in ours.iter().zip(theirs) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "the two Rule enums differ in order");
        // A rule that reads the stack (`PEEK`) panics, in pest, when it is the entry rule:
        // both back ends must then panic with the same message.
        let left = caught(|| parse_a(a, input));
        let right = caught(|| parse_b(b, input));
        counts.parses += 1;
        counts.ok += usize::from(left.is_ok());
        assert!(left == right, "{what}: rule {a:?} on {input:?}:\n  peg:    {left:?}\n  derive: {right:?}");
    }
}

fn dockerfile_entries() -> (Vec<dockerfile::Rule>, Vec<derived_dockerfile::Rule>) {
    (dockerfile::Rule::all_rules().to_vec(), derived_dockerfile::Rule::all_rules().to_vec())
}

fn shell_entries() -> (Vec<shell::Rule>, Vec<derived_shell::Rule>) {
    (shell::Rule::all_rules().to_vec(), derived_shell::Rule::all_rules().to_vec())
}

/// The rules the engine starts a parse from (`DockerfileGrammar::parse` and
/// `ShellGrammar::parse` in src/).
const ENTRIES: &[&str] = &[
    "lines_bs",
    "lines_bt",
    "directive",
    "instruction_bs",
    "instruction_bt",
    "heredoc_marker",
    "mount_spec",
    "script",
];

/// Every rule of both grammars on `text`; on each of its lines, every rule too, or only
/// the entry rules when `all_on_lines` is false (the corpus: a whole run in debug builds
/// would take minutes).
fn check_text(text: &str, what: &str, all_on_lines: bool, counts: &mut Counts) {
    quiet_panics();
    let (d_ours, d_theirs) = dockerfile_entries();
    let (s_ours, s_theirs) = shell_entries();
    let entry = |name: String| ENTRIES.contains(&name.as_str());
    let d_entries: (Vec<_>, Vec<_>) =
        d_ours.iter().zip(&d_theirs).filter(|(a, _)| entry(format!("{a:?}"))).unzip();
    let s_entries: (Vec<_>, Vec<_>) =
        s_ours.iter().zip(&s_theirs).filter(|(a, _)| entry(format!("{a:?}"))).unzip();
    assert_eq!(
        d_entries.0.len() + s_entries.0.len(),
        ENTRIES.len(),
        "an entry rule is missing from the grammars"
    );
    for (i, piece) in std::iter::once(text).chain(text.lines()).enumerate() {
        let (d, s) = if i == 0 || all_on_lines {
            ((d_ours.clone(), d_theirs.clone()), (s_ours.clone(), s_theirs.clone()))
        } else {
            (d_entries.clone(), s_entries.clone())
        };
        compare(
            &d.0,
            &d.1,
            piece,
            what,
            counts,
            |r, s| outcome(dockerfile::DockerfileGrammar::parse(r, s)),
            |r, s| outcome(derived_dockerfile::Derived::parse(r, s)),
        );
        compare(
            &s.0,
            &s.1,
            piece,
            what,
            counts,
            |r, s| outcome(shell::ShellGrammar::parse(r, s)),
            |r, s| outcome(derived_shell::Derived::parse(r, s)),
        );
    }
}

#[test]
fn same_results_on_the_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/examples");
    let mut counts = Counts { parses: 0, ok: 0 };
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        check_text(&text, &path.display().to_string(), true, &mut counts);
        files += 1;
    }
    assert!(files >= 10, "expected the playground's examples in {}", dir.display());
    assert!(counts.ok > 1000, "too few successful parses to compare: {}", counts.ok);
    println!(
        "peg equivalence, examples: {files} files, {} parses ({} ok), same results",
        counts.parses, counts.ok
    );
}

#[test]
fn same_results_on_generated_strings() {
    // Pieces of Dockerfile and shell syntax, joined at random (a fixed xorshift seed, so a
    // failure reproduces).
    const PIECES: &[&str] = &[
        "FROM ",
        "run ",
        "COPY ",
        "ENV ",
        "LABEL ",
        "ARG ",
        "ONBUILD ",
        "HEALTHCHECK ",
        "CMD ",
        "--mount=",
        "type=cache,target=/x",
        "\"",
        "'",
        "\\",
        "`",
        "\n",
        "\r",
        "\t",
        " ",
        "\u{a0}",
        "=",
        ",",
        "[",
        "]",
        "\"a\"",
        "#",
        "# escape=`",
        "<<EOF",
        "<<-'E'",
        "3<<",
        "$",
        "${",
        "}",
        "$(",
        ")",
        "&&",
        "||",
        ";",
        "|",
        ">",
        "<",
        "2>&1",
        "apt-get install -y",
        "x",
        "é",
        "{",
        "\\u0041",
        "--",
        "-",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut counts = Counts { parses: 0, ok: 0 };
    for case in 0..600 {
        let len = (next() % 12) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        check_text(&text, &format!("generated case {case}"), true, &mut counts);
    }
    println!(
        "peg equivalence, generated: 600 strings, {} parses ({} ok), same results",
        counts.parses, counts.ok
    );
}

#[test]
fn same_results_on_the_corpus() {
    let Some(dir) = common::corpus_or_skip("peg equivalence on the corpus") else {
        return;
    };
    let mut counts = Counts { parses: 0, ok: 0 };
    let mut files = 0;
    let mut stack = vec![dir.join("real"), dir.join("buildkit-parser")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            check_text(&text, &path.display().to_string(), false, &mut counts);
            files += 1;
        }
    }
    assert!(files > 400, "expected the corpus files under {}", dir.display());
    println!(
        "peg equivalence, corpus: {files} files, {} parses ({} ok), same results",
        counts.parses, counts.ok
    );
}
