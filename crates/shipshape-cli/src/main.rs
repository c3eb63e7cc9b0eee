//! `shipshape`: the command-line tool.
//!
//! ```text
//! shipshape dump FILE      print the parse in BuildKit's dump format (`-` reads stdin)
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
shipshape: a Dockerfile linter, fixer and size estimator

Usage:
  shipshape dump FILE     Print the parse of FILE in BuildKit's AST dump format.
                          FILE may be - for standard input. Exits 1 and prints
                          FILE:LINE:COL: message for each error when BuildKit's
                          parser would reject the file. What only the build
                          would reject is printed as a warning.
  shipshape --version     Print the version.
  shipshape --help        Print this help.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dump") if args.len() == 2 => dump(&args[1]),
        Some("--version" | "-V") => {
            println!("shipshape {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_input(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    res.map_err(|e| format!("{path}: {e}"))?;
    // Invalid UTF-8 is replaced, so a stray byte is one odd character, not a refusal.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn dump(path: &str) -> ExitCode {
    let source = match read_input(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shipshape: {e}");
            return ExitCode::from(2);
        }
    };
    let parse = shipshape::parse(&source);
    let name = if path == "-" { "<stdin>" } else { path };
    let mut err = std::io::stderr().lock();
    let rejected = parse.errors.iter().any(|e| e.code.is_parser_error());
    for e in &parse.errors {
        let pos = parse.line_index.line_col_chars(&source, e.span.start);
        // The dump is the parser's view: only the parser's own errors make it fail. What
        // the build would reject later is reported as a warning.
        let level = if e.code.is_parser_error() { "" } else { "warning: the build would reject this: " };
        if rejected == e.code.is_parser_error() || !rejected {
            let _ = writeln!(err, "{name}:{}:{}: {level}{}", pos.line, pos.col, e.message);
        }
    }
    if rejected {
        return ExitCode::from(1);
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(shipshape::syntax::dump::dump(&parse.file).as_bytes());
    ExitCode::SUCCESS
}
