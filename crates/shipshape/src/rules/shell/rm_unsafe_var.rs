//! SS2115: `rm -r "$DIR/"…` that deletes a system directory when DIR is empty (ShellCheck's SC2115).

use crate::shell::queries::{param_ref};
use crate::shell::spans::part_text;
use crate::rules::prelude::*;

declare_rule! {
    RmUnsafeVar {
        code: "SS2115",
        name: "rm-unsafe-var",
        aliases: ["SC2115"],
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Use \"${var:?}\" so that `rm -r` never runs on `/` or a system directory",
        why: "If the variable is empty or unset, `rm -rf \"$DIR/\"*` becomes `rm -rf /*`, and \
              `rm -rf \"$PREFIX/usr/share\"` removes the image's own `/usr/share`. \
              `${DIR:?}` stops the command with an error instead when the variable is empty. \
              This is shipshape's equivalent of ShellCheck's SC2115.",
        bad: "FROM debian:bookworm\nRUN rm -rf \"$BUILD_DIR\"/*\n",
        good: "FROM debian:bookworm\nRUN rm -rf \"${BUILD_DIR:?}\"/*\n",
    }
}

/// Directories whose removal wrecks the system.
const IMPORTANT: &[&str] = &[
    "",
    "/bin",
    "/etc",
    "/home",
    "/mnt",
    "/usr",
    "/usr/share",
    "/usr/local",
    "/var",
    "/lib",
    "/dev",
    "/media",
    "/boot",
    "/lib64",
    "/usr/bin",
];

#[derive(Default)]
pub struct RmUnsafeVar;

/// `rm` with `-r`, `-R` or `--recursive`.
fn recursive(cmd: &ShCommand) -> bool {
    cmd.has_any_flag(&["r", "R", "recursive"])
}

/// The path a word names when every expansion in it is empty, if it has an expansion that
/// could be empty (`${x:?}`, `${x:-…}` and friends cannot).
fn path_if_empty(word: &ShWord) -> Option<String> {
    let mut path = String::new();
    let mut unguarded = false;
    for p in &word.parts {
        let t = part_text(word, p);
        match p.kind {
            PartKind::Literal | PartKind::DoubleQuotedText => path.push_str(t),
            PartKind::SingleQuoted => path.push_str(t.trim_matches('\'')),
            PartKind::Escaped => path.push_str(t.get(1..).unwrap_or("")),
            PartKind::Param => {
                let r = param_ref(t);
                let after_name = t.trim_start_matches(['$', '{', '#', '!']).get(r.name.len()..).unwrap_or("");
                let guarded = after_name.starts_with([':', '-', '=', '?', '+']);
                if !guarded {
                    unguarded = true;
                }
            }
            PartKind::CommandSub | PartKind::Backtick => unguarded = true,
            PartKind::Arith => return None,
        }
    }
    unguarded.then_some(path)
}

fn normalize(path: &str) -> String {
    let mut out = String::new();
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

fn important(path: &str) -> bool {
    let path = normalize(path);
    IMPORTANT.iter().any(|base| {
        ["", "/", "/*", "/*/*"].iter().any(|suffix| {
            let candidate = format!("{base}{suffix}");
            !candidate.is_empty() && candidate == path
        })
    })
}

impl Rule for RmUnsafeVar {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = cx.analysable() else { return };
        let found: Vec<(Span, String)> = script
            .commands
            .iter()
            .filter(|c| c.is("rm") && recursive(c))
            .flat_map(|c| c.args().iter())
            .filter_map(|w| path_if_empty(w).filter(|p| important(p)).map(|p| (w.span, normalize(&p))))
            .collect();
        for (span, path) in found {
            let shown = if path.is_empty() { "/".to_string() } else { path };
            cx.report(span, format!("If the variable is empty this removes `{shown}`: use \"${{var:?}}\""))
                .with_help("Write the variable as `${VAR:?}` so that an empty value stops the command.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN rm -rf \"$X/\"", &["\"$X/\""]),
    Case::fires(
        "FROM debian\nRUN rm -rf $X/* \"$Y\"/* && rm -r \"${Z}/usr/share/\"",
        &["$X/*", "\"$Y\"/*", "\"${Z}/usr/share/\""],
    ),
    Case::fires(
        "FROM debian\nRUN rm -fR \"$A$B/etc\" && rm --recursive \"/$C/\"",
        &["\"$A$B/etc\"", "\"/$C/\""],
    ),
    // A command substitution can be empty too.
    Case::fires("FROM debian\nRUN rm -rf \"$(mktemp -d)/\"", &["\"$(mktemp -d)/\""]),
    Case::quiet("FROM debian\nRUN rm \"$X/\" && rm -f \"$X/\""),
    Case::quiet("FROM debian\nRUN rm -rf \"${X:?}/\" \"${X:-/tmp}/\" \"$X/a/b\" \"$X\" /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN sudo rm -rf \"$X/\""),
    // Below the variable are paths that are not system directories.
    Case::quiet("FROM debian\nRUN rm -rf \"$X/tmp\"/* \"$PREFIX/usr/share/doc\" \"$X\"/var/cache/apt/*"),
    // The dangerous command only echoed and in a comment.
    Case::quiet("FROM debian\nRUN echo rm -rf \"$X/\" && rm -rf /tmp/*  # rm -rf \"$X/\""),
    // Another deleting command, and a home directory's cache.
    Case::quiet("FROM debian\nRUN find \"$X/\" -mindepth 1 -delete && rm -rf \"$HOME/.cache\""),
    // The fixed forms: `${X:?}` with the glob outside the quotes and before a system path.
    Case::quiet("FROM debian\nRUN rm -rf \"${X:?}\"/* \"${Y:?}/usr/share\""),
    // Command substitutions before a path that is not a system directory.
    Case::quiet("FROM debian\nRUN rm -rf \"$(mktemp -d)/build\" \"$(pwd)/node_modules\""),
];
