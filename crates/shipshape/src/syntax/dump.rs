//! BuildKit's AST dump format (`Node.Dump` in `frontend/dockerfile/parser`), used by its
//! parser tests and by `shipshape dump`. One line per instruction, `(keyword args…)`, with
//! flags as a bracketed list and every argument as a Go-quoted string.

use super::ast::*;
use super::text::go_quote;

/// The dump of a whole file, ending with a line break (as BuildKit's tests compare it).
pub fn dump(file: &Dockerfile) -> String {
    let mut out = String::new();
    for instr in &file.instructions {
        out.push('(');
        out.push_str(&node(instr));
        out.push_str(")\n");
    }
    out
}

fn node(instr: &Instruction) -> String {
    let mut s = instr.keyword_word.text.to_ascii_lowercase();
    if !instr.flags.is_empty() {
        let flags: Vec<String> = instr.flags.iter().map(|f| go_quote(&f.processed)).collect();
        s.push_str(" [");
        s.push_str(&flags.join(" "));
        s.push(']');
    }
    let mut push = |v: &str| {
        s.push(' ');
        s.push_str(&go_quote(v));
    };
    match &instr.args {
        Args::None => {}
        Args::Command(c) => command(c, &mut push),
        Args::List { items, .. } | Args::Words(items) => items.iter().for_each(|w| push(&w.text)),
        Args::KeyValues { legacy, pairs } => {
            for p in pairs {
                push(&p.key.text);
                push(&p.value.text);
                push(if *legacy { "" } else { "=" });
            }
        }
        Args::ArgDecls(decls) => {
            for d in decls {
                match &d.default {
                    Some(v) => push(&format!("{}={}", d.name.text, v.text)),
                    None => push(&d.name.text),
                }
            }
        }
        Args::Text(w) => push(&w.text),
        Args::Healthcheck { kind, command: c } => {
            push(&kind.text);
            command(c, &mut push);
        }
        Args::Onbuild(Some(trigger)) => {
            let inner = node(trigger);
            s.push_str(" (");
            s.push_str(&inner);
            s.push(')');
        }
        Args::Onbuild(None) => {}
        // BuildKit's parser keeps an empty argument node for an unknown instruction.
        Args::Unknown(_) => push(""),
    }
    s.trim().to_string()
}

fn command(c: &Command, push: &mut impl FnMut(&str)) {
    match c {
        Command::Empty => {}
        Command::Exec { args, .. } => args.iter().for_each(|a| push(&a.text)),
        Command::Shell { text, .. } => push(&text.text),
    }
}
