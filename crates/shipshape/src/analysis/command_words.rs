//! Simple commands read the way hadolint reads them, so that the package-manager rules
//! fire on the same RUN instructions as hadolint's.
//!
//! hadolint (through ShellCheck) names a command by its program word exactly as written
//! (`/usr/bin/apt` is not `apt`), looks through `command`, `builtin`, `busybox` and `exec`,
//! treats every word starting with `-` as flags (`-abc` is three flags, `--name=value` one),
//! and replaces every expansion by the placeholder `${VAR}`.

use std::borrow::Cow;

use crate::shell::{Command as ShCommand, PartKind, Script, ShWord};
use crate::syntax::{Args, Instruction, Keyword};

/// The simple commands of the RUN being checked: its parsed shell, or for the exec form
/// (`RUN ["apt-get", "update"]`, which hadolint reads as the words joined by spaces) the
/// analysis's one command of the array's items (`exec`).
pub(crate) fn commands<'s>(
    script: Option<&'s Script>,
    exec: Option<&'s Script>,
    instr: &Instruction,
) -> &'s [ShCommand] {
    match (script, exec) {
        (Some(script), _) => &script.commands,
        (None, Some(exec)) if instr.keyword == Keyword::Run => &exec.commands,
        _ => &[],
    }
}

/// A word as hadolint compares it: quotes removed, each expansion replaced by `${VAR}`.
pub(crate) fn text(w: &ShWord) -> Cow<'_, str> {
    if let Some(v) = &w.value {
        return Cow::Borrowed(v);
    }
    let mut out = String::new();
    for p in &w.parts {
        let (Some(from), Some(to)) = (p.start.checked_sub(w.start), p.end.checked_sub(w.start)) else {
            return Cow::Borrowed(&w.raw);
        };
        let Some(piece) = w.raw.get(from as usize..to as usize) else {
            return Cow::Borrowed(&w.raw);
        };
        match p.kind {
            PartKind::Literal | PartKind::DoubleQuotedText => out.push_str(piece),
            PartKind::SingleQuoted => {
                out.push_str(piece.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')).unwrap_or(piece))
            }
            PartKind::Escaped => out.push_str(piece.strip_prefix('\\').unwrap_or(piece)),
            PartKind::Param | PartKind::CommandSub | PartKind::Backtick | PartKind::Arith => {
                out.push_str("${VAR}")
            }
        }
    }
    Cow::Owned(out)
}

/// The word that names the command: the program, or the program run by a `command`,
/// `builtin`, `busybox` or `exec` wrapper.
pub(crate) fn name_word(cmd: &ShCommand) -> Option<&ShWord> {
    let program = cmd.words.first()?;
    let args = cmd.args();
    match program.value.as_deref() {
        Some("command" | "builtin" | "busybox" | "run") => match args.first() {
            Some(first) if !text(first).starts_with('-') => Some(first),
            _ => Some(program),
        },
        Some("exec") => {
            // exec [-cl] [-a name] command …
            let mut i = 0;
            while let Some(w) = args.get(i) {
                let t = text(w);
                if t == "--" {
                    return args.get(i + 1).or(Some(program));
                }
                if !t.starts_with('-') || t == "-" {
                    return Some(w);
                }
                i += if t.contains('a') { 2 } else { 1 };
            }
            Some(program)
        }
        _ => Some(program),
    }
}

/// The command's name (None when the naming word holds an expansion).
pub(crate) fn name(cmd: &ShCommand) -> Option<&str> {
    name_word(cmd)?.value.as_deref()
}

pub(crate) fn is(cmd: &ShCommand, program: &str) -> bool {
    name(cmd) == Some(program)
}

/// Whether any argument equals one of `values`.
pub(crate) fn has_arg(cmd: &ShCommand, values: &[&str]) -> bool {
    first_arg(cmd, values).is_some()
}

/// The first argument equal to one of `values`.
pub(crate) fn first_arg<'c>(cmd: &'c ShCommand, values: &[&str]) -> Option<&'c ShWord> {
    cmd.args().iter().find(|w| values.contains(&text(w).as_ref()))
}

/// Whether a `--mount` of type cache or tmpfs has a target containing `fragment`.
pub(crate) fn cache_mount(instr: &Instruction, fragment: &str) -> bool {
    instr.flags.iter().filter(|f| f.name.text == "mount").any(|f| {
        let Some(value) = &f.value else { return false };
        let mut kind = "bind";
        let mut target = "";
        for field in value.text.split(',') {
            let (k, v) = field.split_once('=').unwrap_or((field, ""));
            match k.trim() {
                "type" => kind = v.trim(),
                "target" | "dst" | "destination" => target = v.trim(),
                _ => {}
            }
        }
        matches!(kind, "cache" | "tmpfs") && target.contains(fragment)
    })
}

/// Whether an rpm package argument names a version: `name-1.2.3`, `name-1.0-1.el9`,
/// `name-$VERSION` (a declared variable), or an `.rpm` file with a dash in its name.
pub(crate) fn rpm_version_fixed(w: &ShWord, declared: &Declared) -> bool {
    rpm_name_fixed(&text(w), || declared.referenced_in(w))
}

/// Whether an rpm package name names a version (`name-1.2.3`, `name-1.0-1.el9`, an `.rpm`
/// file with a dash in its name); `declared` tells whether a declared variable follows a
/// `-` (hadolint takes `pkg-$VERSION` as pinned).
pub(crate) fn rpm_name_fixed(package: &str, declared: impl Fn() -> bool) -> bool {
    let mut parts = package.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return false;
    }
    if package.ends_with(".rpm") || declared() {
        return true;
    }
    let version_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '~' | '^' | '_' | ':' | '+');
    rest.iter().all(|p| p.chars().all(version_char))
        && rest.iter().any(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// Variables declared so far in the file by ARG (its first name) or ENV, in any stage.
/// hadolint takes an rpm package that names one of them after a `-` (`pkg-$VERSION`) as
/// pinned.
#[derive(Default)]
pub(crate) struct Declared(Vec<String>);

impl Declared {
    pub(crate) fn update(&mut self, instr: &Instruction) {
        match &instr.args {
            Args::ArgDecls(decls) => self.0.extend(decls.first().map(|d| d.name.text.clone())),
            Args::KeyValues { pairs, .. } if instr.keyword == Keyword::Env => {
                self.0.extend(pairs.iter().map(|p| p.key.text.clone()))
            }
            _ => {}
        }
    }

    /// Whether the word holds `$NAME` or `${NAME}` of a declared variable.
    pub(crate) fn referenced_in(&self, w: &ShWord) -> bool {
        w.parts.iter().filter(|p| p.kind == PartKind::Param).any(|p| {
            let piece = w.raw.get((p.start - w.start) as usize..(p.end - w.start) as usize).unwrap_or("");
            let name = piece.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or(piece.strip_prefix('$'));
            name.is_some_and(|n| self.0.iter().any(|d| d == n))
        })
    }
}

/// Whether the RUN mounts something (of any type: a cache, a tmpfs, a bind of another
/// stage) on a target containing `fragment`: files written there do not reach the layer,
/// and the build may rely on them staying in the mount.
pub(crate) fn mounts(instr: &Instruction, fragment: &str) -> bool {
    let instr = match instr.keyword {
        Keyword::Onbuild => instr.trigger().unwrap_or(instr),
        _ => instr,
    };
    instr.flags.iter().filter(|f| f.name.text == "mount").any(|f| {
        f.value.as_ref().is_some_and(|v| {
            v.text.split(',').any(|field| {
                let (k, v) = field.split_once('=').unwrap_or((field, ""));
                matches!(k.trim(), "target" | "dst" | "destination") && v.contains(fragment)
            })
        })
    })
}

/// Whether a command of the RUN only downloads packages (`--downloadonly`,
/// `--download-only`): the build wants them kept in the cache.
pub(crate) fn downloads_only(cmds: &[ShCommand]) -> bool {
    cmds.iter().any(|c| {
        c.args().iter().any(|w| {
            let t = w.text();
            t == "--downloadonly" || t == "--download-only"
        })
    })
}
