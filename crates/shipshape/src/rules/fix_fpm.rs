//! Fix helpers shared by the package-manager rules: add an argument right after a word (in
//! a shell script or an exec-form array), append a command to the end of a RUN, and tell
//! when a cache is kept on purpose (a mount on it, a download-only install).

use crate::rules::prelude::*;

/// An edit that adds `arg` as an argument right after `word`: ` arg` in a shell script,
/// `, "arg"` after the item of an exec-form array (`exec`: the RUN has no shell script, its
/// words come from `pkg::commands`). `arg` must need no JSON escaping.
pub(crate) fn add_arg_after(source: &str, exec: bool, word: &ShWord, arg: &str) -> Edit {
    let end = word.span.end;
    if !exec {
        return Edit::insert(end, format!(" {arg}"));
    }
    // The item's span is its text without the quotes when it has no escapes.
    let at = if source[end as usize..].starts_with('"') { end + 1 } else { end };
    Edit::insert(at, format!(", \"{arg}\""))
}

/// An edit that appends ` && command` to a RUN's script: right after the end of its last
/// simple command (its last word or redirection, before any trailing comment). None when
/// there is no shell script (exec form), the script was not fully read, or it does not end
/// with a top-level simple command (a compound command, group or subshell ends it, or the
/// last command is `exit` or `exec`, after which nothing runs).
pub(crate) fn append_command(script: Option<&Script>, command: &str) -> Option<Edit> {
    let script = script?;
    if script.too_complex || !script.unreadable.is_empty() {
        return None;
    }
    let end = |c: &ShCommand| {
        let words = c.words.iter().map(|w| w.span.end);
        let redirects = c.redirects.iter().map(|r| r.span.end);
        let assignments = c.assignments.iter().map(|a| a.span.end);
        words.chain(redirects).chain(assignments).max()
    };
    let last = script.commands.iter().filter_map(|c| Some((c, end(c)?))).max_by_key(|(c, e)| {
        // The outermost command when a substitution ends at the same place.
        (*e, std::cmp::Reverse(c.depth))
    });
    let (last, at) = last?;
    let program = last.words.first().and_then(|w| w.value.as_deref());
    if last.depth != 0 || last.in_substitution || matches!(program, Some("exit" | "exec")) {
        return None;
    }
    Some(Edit::insert(at, format!(" && {command}")))
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
