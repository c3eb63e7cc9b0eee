//! `shipshape dump`: BuildKit's AST dump.

use std::io::Write;
use std::process::ExitCode;

pub fn run(path: &str) -> ExitCode {
    let source = match crate::input::read(path) {
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
