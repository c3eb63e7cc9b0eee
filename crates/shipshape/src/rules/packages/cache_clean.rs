//! One implementation for the rules "X installs and leaves its cache in the layer" (DL3032
//! yum, DL3036 zypper, DL3040 dnf and microdnf, DL3060 yarn). They differ only in the calls
//! they read, the commands that clean, and the words they use. Installs come from the
//! command model; what counts as a clean, and how a clean before the install counts, is
//! hadolint's reading (it compares the first install with the first clean).

use crate::analysis::command_words as pkg;
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;

/// What one of these rules reads and says.
pub(crate) struct CacheClean {
    pub manager: Manager,
    /// The programs judged, each on its own (dnf and microdnf each need their own clean).
    pub programs: &'static [&'static str],
    /// The subcommands that fill the cache.
    pub verbs: &'static [&'static str],
    /// Whether a command cleans the cache of `program`.
    pub cleans: fn(&ShCommand, &str) -> bool,
    /// A cache mount on a target holding one of these keeps the rule quiet.
    pub quiet_mounts: &'static [&'static str],
    /// A mount on a target holding one of these keeps the cache on purpose: no fix.
    pub keep_mounts: &'static [&'static str],
    /// The command the fix appends to the RUN (`{p}`: the program).
    pub clean: &'static str,
    /// The message (`{p}`: the program, `{v}`: the subcommand) and the help.
    pub message: &'static str,
    pub help: &'static str,
}

/// The install words of the current RUN that leave the cache, each with the fix of the
/// RUN (none when the cache is kept on purpose, or the RUN already cleans somewhere).
pub(crate) fn find(cx: &Cx, spec: &CacheClean) -> Vec<(Span, String, Option<Fix>)> {
    let instr = cx.instruction();
    let instr = if cx.onbuild { instr.trigger().unwrap_or(instr) } else { instr };
    if spec.quiet_mounts.iter().any(|m| pkg::cache_mount(instr, m)) {
        return Vec::new();
    }
    let Some((script, calls, _)) = cx.package_calls() else { return Vec::new() };
    let cmds = &script.commands;
    let mut found = Vec::new();
    for program in spec.programs {
        let installs: Vec<(usize, &ShWord)> = calls
            .iter()
            .filter(|c| c.manager == spec.manager && c.program == *program)
            .filter(|c| c.verb_text.as_deref().is_some_and(|v| spec.verbs.contains(&v)))
            .filter_map(|c| Some((c.command, c.word(script, c.verb?))))
            .collect();
        let cleans: Vec<usize> =
            cmds.iter().enumerate().filter(|(_, c)| (spec.cleans)(c, program)).map(|(i, _)| i).collect();
        let Some(&(first, first_word)) = installs.first() else { continue };
        // A clean after the first install satisfies hadolint, whatever follows.
        if cleans.first().is_some_and(|&c| first < c) {
            continue;
        }
        let mut lacking: Vec<&ShWord> =
            installs.iter().filter(|(i, _)| !cleans.iter().any(|c| c > i)).map(|(_, w)| *w).collect();
        if lacking.is_empty() {
            lacking.push(first_word);
        }
        // Unsafe: a later RUN that installs from the cache only finds it empty. No fix when
        // the cache is kept on purpose (downloads only, a mount), or a clean is already there.
        let keep = pkg::downloads_only(cmds)
            || calls.iter().any(|c| c.manager == spec.manager && c.opts.download_only)
            || spec.keep_mounts.iter().any(|m| pkg::mounts(instr, m));
        let clean = spec.clean.replace("{p}", program);
        let fix = (!keep && cleans.is_empty())
            .then(|| crate::edits::append_command(cx.script, &clean))
            .flatten()
            .map(|edit| Fix::unsafe_(format!("Run `{clean}` at the end of the RUN"), vec![edit]));
        found.extend(lacking.into_iter().map(|w| (w.span, format!("{program}\0{}", w.text()), fix.clone())));
    }
    crate::sort::by_key(&mut found, |(s, _, _)| s.start);
    found
}

/// Reports what [`find`] found.
pub(crate) fn report(cx: &mut Cx, spec: &CacheClean, found: Vec<(Span, String, Option<Fix>)>) {
    for (span, what, fix) in found {
        let (program, verb) = what.split_once('\0').unwrap_or((&what, ""));
        let message = spec.message.replace("{p}", program).replace("{v}", verb);
        let d = cx.report(span, message).with_help(spec.help.replace("{p}", program));
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

/// `program clean …` (one of `subs` anywhere among its words, as hadolint reads it), or,
/// with a path, `rm -rf` of the cache directory.
pub(crate) fn clean_or_rm(c: &ShCommand, program: &str, subs: &[&str], rm_path: Option<&str>) -> bool {
    (pkg::is(c, program) && pkg::has_arg(c, subs))
        || rm_path.is_some_and(|p| pkg::is(c, "rm") && pkg::has_arg(c, &["-rf", p]))
}
