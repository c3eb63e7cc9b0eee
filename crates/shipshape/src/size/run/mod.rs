//! The layer a RUN writes: packages from the tables, caches left behind, downloads and
//! builds as stated assumptions, and what a `rm` in a later layer cannot take back.
//! One file per kind of command; this one holds what they share.

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
use crate::shell::{Command as ShCommand, Script};
use crate::syntax::lex::Lexer;
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

/// Paths of `--mount=type=cache` (and tmpfs) mounts: nothing under them stays in the layer.
fn cache_mounts(instr: &Instruction) -> Vec<String> {
    let mut out = Vec::new();
    for f in instr.flags.iter().filter(|f| f.name.text.eq_ignore_ascii_case("mount")) {
        let v = f.processed.split_once('=').map_or("", |(_, v)| v);
        let kind = v.split(',').find_map(|kv| kv.strip_prefix("type=")).unwrap_or("bind");
        if kind != "cache" && kind != "tmpfs" {
            continue;
        }
        for kv in v.split(',') {
            for key in ["target=", "dst=", "destination="] {
                if let Some(t) = kv.strip_prefix(key) {
                    out.push(t.trim_end_matches('/').to_string());
                }
            }
        }
    }
    out
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

fn is_pip(c: &ShCommand) -> bool {
    let n = c.name().unwrap_or("");
    n == "pip"
        || n == "pip3"
        || (n.starts_with("pip3.") && n[5..].chars().all(|ch| ch.is_ascii_digit()))
        || (n.starts_with("python")
            && c.args().windows(2).any(|w| w[0].text() == "-m" && w[1].text() == "pip"))
        || (n == "uv" && c.args().first().is_some_and(|w| w.text() == "pip"))
}

/// Package words and (flag, value) pairs.
type Words = (Vec<String>, Vec<(String, String)>);

/// Arguments after `verb`, split into (package words, flags with their values). Words with
/// `$VAR` are expanded from the stage's ENV and ARG values; those that cannot be are `$`.
fn after_verb(c: &ShCommand, verbs: &[&str], valued: &[&str], env: &Vec<(String, String)>) -> Option<Words> {
    let args = c.args();
    let at = args.iter().position(|w| verbs.contains(&w.text()))?;
    let mut words = Vec::new();
    let mut flags = Vec::new();
    let mut i = at + 1;
    while i < args.len() {
        let t = args[i].text();
        if t.starts_with('-') && t.len() > 1 {
            let (name, inline) = match t.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (t, None),
            };
            if inline.is_none() && valued.contains(&name) {
                let v = args.get(i + 1).map(|w| w.text().to_string()).unwrap_or_default();
                flags.push((name.to_string(), v));
                i += 2;
                continue;
            }
            flags.push((name.to_string(), inline.unwrap_or_default()));
            i += 1;
            continue;
        }
        if args[i].has_expansion() {
            let expanded = Lexer::new('\\').process_word(&args[i].raw, env).ok().filter(|p| {
                p.unmatched.is_empty() && !p.result.contains(['$', '`', ' ']) && !p.result.is_empty()
            });
            match expanded {
                Some(p) => words.push(p.result),
                None => words.push("$".to_string()),
            }
        } else {
            words.push(t.to_string());
        }
        i += 1;
    }
    Some((words, flags))
}

fn has(flags: &[(String, String)], names: &[&str]) -> bool {
    flags.iter().any(|(n, _)| names.contains(&n.as_str()))
}

fn flag<'f>(flags: &'f [(String, String)], names: &[&str]) -> Option<&'f str> {
    flags.iter().find(|(n, _)| names.contains(&n.as_str())).map(|(_, v)| v.as_str())
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

/// Estimates a RUN layer. None only when there is nothing to say.
pub(super) fn estimate_run(
    cx: &mut StageCx,
    instr: &Instruction,
    source: &str,
    debian: Option<&Debian>,
    opts: &SizeOptions,
    needs_debian: &mut bool,
) -> Option<(Figure, Vec<String>)> {
    let mounts = cache_mounts(instr);
    let mut it = Items { list: Vec::new(), notes: Vec::new() };
    let posix = !matches!(cx.distro, Distro::Windows);
    let script = if posix { Script::of_run(instr, source) } else { None };
    let Some(script) = script.filter(|s| !s.too_complex) else {
        let f = Figure::mb(0.0, 1.0, 100.0);
        return Some((
            f,
            vec![format!("a command the estimator does not read: assumed {} (assumption)", range_text(f))],
        ));
    };
    let removed = removed_paths(&script, cx);
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

    apt::apt(cx, &script, debian, &gone, &mut it, needs_debian);
    apk::apk(cx, &script, debian, &gone, &mut it);
    rpm::rpm(cx, &script, debian, &gone, &mut it);
    pip::pip(cx, &script, opts, &gone, &mut it);
    node::node(cx, &script, &gone, &mut it);
    toolchains::ruby_go_rust(cx, &script, &gone, &mut it);
    downloads::downloads_and_builds(cx, &script, &mut it);

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
