//! The layer a RUN writes: packages from the tables, caches left behind, downloads and
//! builds as stated assumptions, and what a `rm` in a later layer cannot take back.
//! One file per kind of command; this one holds what they share.
//!
//! The commands are read as the rules read them: each RUN's script and package-manager
//! calls come from the analysis (`Analysis::script`, `Analysis::calls`), so an option counts
//! wherever it is written (before or after the subcommand, in an ENV, as a cache mount) and
//! a package named by a variable is the package the variable holds.

mod apk;
mod apt;
mod downloads;
mod node;
mod pip;
mod rpm;
mod toolchains;

use std::collections::HashSet;

use super::data::{py_name, tables, Debian};
use super::{mb, range_text, Distro, Figure, SizeOptions, StageCx};
use crate::analysis::commands::{cache_mount_targets, Action, Manager, PackageCall};
use crate::analysis::Analysis;
use crate::shell::Script;
use crate::syntax::Instruction;

/// Programs that write little or nothing to the image.
#[rustfmt::skip]
const QUIET: &[&str] = &[
    "mkdir", "chmod", "chown", "chgrp", "ln", "echo", "printf", "useradd", "adduser", "groupadd",
    "addgroup", "usermod", "groupmod", "set", "export", "cd", "true", "false", "test", "[", "rm", "mv",
    "sed", "touch", "cat", "ls", "id", "which", "command", "sleep", "exit", "grep", "tee", "env",
    "update-ca-certificates", "ldconfig", "apt-mark", "dpkg-query", "dpkg", "find", "sort", "xargs", "awk",
    "cut", "tr", "head", "tail", "readlink", "dirname", "basename", "rmdir", "chsh", "passwd", "getent",
    "uname", "whoami", "date", "locale", "update-alternatives", "du", "df", "wc", "md5sum", "sha256sum",
    "sha512sum", "gpg", "gpgconf", "gosu", "su", "sudo", "stat", "unset", "shift", "local", "return", "if",
    "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "exec", "eval", ".", "source",
    "nproc", "tar", "unzip", "gzip", "gunzip", "xz", "bzip2", "cp", "install", "strip", "file", "type",
    "hash", "ulimit", "umask", "trap", "wait", "chroot", "systemctl", "update-rc.d", "a2enmod", "a2dismod",
    "a2ensite", "a2dissite", "docker-php-ext-enable", "savedAptMark", "dpkg-architecture",
    "dpkg-reconfigure", "debconf-set-selections", "git", "python", "python3", "node", "java", "ruby", "php",
    "perl", "bash", "sh", "tini", "patch", "envsubst", "ssh-keyscan", "setcap", "localedef", "locale-gen",
    "mktemp", "dpkg-buildflags", "getconf", "ldd", "gnuArch", "arch", "scanelf", "runDeps", "tac", "uniq",
    "join", "comm", "diff", "cmp", "gpgv", "sq", "openssl",
];

struct Items {
    list: Vec<(Figure, String)>,
    notes: Vec<String>,
}

impl Items {
    fn add(&mut self, f: Figure, reason: String) {
        self.list.push((f, reason));
    }
    fn note(&mut self, reason: String) {
        self.notes.push(reason);
    }
}

fn home(p: &str) -> String {
    let p = p.trim_matches(|c| c == '"' || c == '\'');
    let p = p.replace("${HOME}", "/root").replace("$HOME", "/root");
    match p.strip_prefix('~') {
        Some(rest) => format!("/root{rest}"),
        None => p,
    }
}

/// Paths removed by `rm` in the script (absolute where the text allows).
fn removed_paths(script: &Script, cx: &StageCx) -> Vec<String> {
    let mut out = Vec::new();
    for c in script.commands.iter().filter(|c| c.is("rm")) {
        for w in c.positionals() {
            let p = home(&w.raw);
            let p =
                p.trim_end_matches("/*").trim_end_matches("/*.*").trim_end_matches('*').trim_end_matches('/');
            if !p.is_empty() {
                out.push(cx.abs(p));
            }
        }
    }
    out
}

fn covers(paths: &[String], target: &str) -> bool {
    paths.iter().any(|p| !p.is_empty() && (target == p || target.starts_with(&format!("{p}/"))))
}

/// The package-manager call the command at `index` of the script makes, if any.
fn call_at(calls: &[PackageCall], index: usize) -> Option<&PackageCall> {
    calls.iter().find(|c| c.command == index)
}

/// The names a call's package words stand for, and how many words name packages not
/// known here (a variable without a value, a command's output).
fn package_names(call: &PackageCall) -> (Vec<&str>, usize) {
    let unknown = call.packages.iter().filter(|p| p.unknown()).count();
    (call.names().map(|n| n.text.as_str()).collect(), unknown)
}

fn pkg_name(word: &str) -> &str {
    let end = word.find(['=', '/', '~', '<', '>']).unwrap_or(word.len());
    &word[..end]
}

/// Debian sizes applied to a distribution: (low, expected, high) factors and a note.
fn apt_factors(cx: &StageCx) -> (f64, f64, f64, Option<String>) {
    let docs = if cx.family == "debian-slim" { 0.9 } else { 1.0 };
    match cx.distro {
        Distro::Debian(Some("bookworm")) => (0.75, docs, 1.2, None),
        Distro::Debian(Some(s)) => (0.55, docs, 1.6, Some(format!("Debian bookworm sizes stand in for {s}"))),
        Distro::Debian(None) => {
            (0.6, docs, 1.5, Some("the tag does not name the Debian release: bookworm sizes used".into()))
        }
        Distro::Ubuntu => (0.5, 1.0, 1.7, Some("Debian bookworm sizes stand in for Ubuntu packages".into())),
        _ => (
            0.4,
            1.0,
            2.0,
            Some("not a Debian-based image as far as the tag shows: Debian sizes used".into()),
        ),
    }
}

fn names_list(d: &Debian, added: &[usize], requested: usize) -> String {
    let shown: Vec<&str> = added.iter().take(requested.min(3)).map(|&i| d.pkg(i).name).collect();
    let more = added.len().saturating_sub(shown.len());
    let mut s = shown.join(" + ");
    if more > 0 {
        s.push_str(&format!(" + {more} dependencies"));
    }
    s
}

/// Estimates the RUN at `index` of the file from its script and package-manager calls as
/// the analysis read them. None only when there is nothing to say.
pub(super) fn estimate_run(
    cx: &mut StageCx,
    instr: &Instruction,
    analysis: &Analysis,
    index: usize,
    debian: Option<&Debian>,
    opts: &SizeOptions,
    needs_debian: &mut bool,
) -> Option<(Figure, Vec<String>)> {
    let mounts = cache_mount_targets(instr);
    let mut it = Items { list: Vec::new(), notes: Vec::new() };
    let posix = !matches!(cx.distro, Distro::Windows);
    let script = if posix { analysis.script(index) } else { None };
    let calls = analysis.calls(index);
    let Some(script) = script.filter(|s| !s.too_complex) else {
        let f = Figure::mb(0.0, 1.0, 100.0);
        return Some((
            f,
            vec![format!("a command the estimator does not read: assumed {} (assumption)", range_text(f))],
        ));
    };
    let removed = removed_paths(script, cx);
    let cached = |p: &str| covers(&mounts, p);
    let gone = |p: &str| covers(&removed, p) || cached(p);

    // What a rm here cannot take back: files of earlier layers.
    for (path, what) in &cx.leftovers {
        if covers(&removed, path) {
            it.note(format!(
                "removes the {what} of an earlier layer: the image does not shrink, that layer keeps them (remove them in the RUN that makes them)"
            ));
        }
    }
    for (path, f, what) in &cx.artifacts {
        if covers(&removed, path) && !path.is_empty() && path != "/" {
            it.note(format!(
                "deletes `{path}` ({what}, {}) made by an earlier layer: the image does not shrink",
                range_text(*f)
            ));
        }
    }

    apt::apt(cx, script, calls, debian, &gone, &mut it, needs_debian);
    apk::apk(cx, calls, debian, &gone, &mut it);
    rpm::rpm(cx, calls, debian, &gone, &mut it);
    pip::pip(cx, script, calls, opts, &gone, &mut it);
    node::node(cx, script, calls, &gone, &mut it);
    toolchains::ruby_go_rust(cx, script, calls, &gone, &mut it);
    downloads::downloads_and_builds(cx, script, &mut it);

    let mut reasons: Vec<String> = Vec::new();
    let mut total = Figure::default();
    for (f, r) in it.list {
        total += f;
        reasons.push(r);
    }
    reasons.extend(it.notes);
    if reasons.is_empty() || total.high == 0 {
        let f = Figure::new(0, 3_000, 1_000_000);
        total += f;
        reasons.push("writes little: assumed a few kB (under 1 MB)".into());
    }
    Some((total, reasons))
}
