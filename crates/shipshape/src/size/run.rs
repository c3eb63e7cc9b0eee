//! The layer a RUN writes: packages from the tables, caches left behind, downloads and
//! builds as stated assumptions, and what a `rm` in a later layer cannot take back.

use std::collections::HashSet;

use super::data::{py_name, tables, Debian};
use super::{mb, range_text, Distro, Figure, SizeOptions, StageCx};
use crate::shell::{Command as ShCommand, Script};
use crate::syntax::lex::Lexer;
use crate::syntax::Instruction;

/// Programs that write little or nothing to the image.
const QUIET: &[&str] = &[
    "mkdir",
    "chmod",
    "chown",
    "chgrp",
    "ln",
    "echo",
    "printf",
    "useradd",
    "adduser",
    "groupadd",
    "addgroup",
    "usermod",
    "groupmod",
    "set",
    "export",
    "cd",
    "true",
    "false",
    "test",
    "[",
    "rm",
    "mv",
    "sed",
    "touch",
    "cat",
    "ls",
    "id",
    "which",
    "command",
    "sleep",
    "exit",
    "grep",
    "tee",
    "env",
    "update-ca-certificates",
    "ldconfig",
    "apt-mark",
    "dpkg-query",
    "dpkg",
    "find",
    "sort",
    "xargs",
    "awk",
    "cut",
    "tr",
    "head",
    "tail",
    "readlink",
    "dirname",
    "basename",
    "rmdir",
    "chsh",
    "passwd",
    "getent",
    "uname",
    "whoami",
    "date",
    "locale",
    "update-alternatives",
    "ls",
    "du",
    "df",
    "wc",
    "md5sum",
    "sha256sum",
    "sha512sum",
    "gpg",
    "gpgconf",
    "gosu",
    "su",
    "sudo",
    "stat",
    "unset",
    "shift",
    "local",
    "return",
    "if",
    "then",
    "else",
    "fi",
    "for",
    "do",
    "done",
    "while",
    "case",
    "esac",
    "exec",
    "eval",
    ".",
    "source",
    "nproc",
    "tar",
    "unzip",
    "gzip",
    "gunzip",
    "xz",
    "bzip2",
    "cp",
    "install",
    "strip",
    "file",
    "type",
    "hash",
    "ulimit",
    "umask",
    "trap",
    "wait",
    "chroot",
    "systemctl",
    "update-rc.d",
    "a2enmod",
    "a2dismod",
    "a2ensite",
    "a2dissite",
    "docker-php-ext-enable",
    "savedAptMark",
    "dpkg-architecture",
    "dpkg-reconfigure",
    "debconf-set-selections",
    "git",
    "python",
    "python3",
    "node",
    "java",
    "ruby",
    "php",
    "perl",
    "bash",
    "sh",
    "tini",
    "patch",
    "envsubst",
    "ssh-keyscan",
    "setcap",
    "localedef",
    "locale-gen",
    "mktemp",
    "dpkg-buildflags",
    "getconf",
    "ldd",
    "gnuArch",
    "arch",
    "scanelf",
    "runDeps",
    "savedAptMark",
    "tac",
    "uniq",
    "join",
    "comm",
    "diff",
    "cmp",
    "gpgv",
    "sq",
    "openssl",
    "wc",
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

    apt(cx, &script, debian, &gone, &mut it, needs_debian);
    apk(cx, &script, debian, &gone, &mut it);
    rpm(cx, &script, debian, &gone, &mut it);
    pip(cx, &script, opts, &gone, &mut it);
    node(cx, &script, &gone, &mut it);
    ruby_go_rust(cx, &script, &gone, &mut it);
    downloads_and_builds(cx, &script, &mut it);

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

fn apt(
    cx: &mut StageCx,
    script: &Script,
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
    needs_debian: &mut bool,
) {
    const VALUED: &[&str] = &["-o", "-t", "--target-release", "-c", "--option", "--config-file"];
    let mut update = false;
    let mut names: Vec<String> = Vec::new();
    let mut vars = 0usize;
    let mut local_debs = 0usize;
    let mut recommends = false;
    let mut installs = false;
    let mut purged: Vec<String> = Vec::new();
    let mut purge_unknown = false;
    let mut autoremove = false;
    let mut upgrade = false;
    let mut dist_clean = false;
    for c in script.commands.iter().filter(|c| c.is_any(&["apt-get", "apt", "aptitude"])) {
        let Some(verb) = c.positionals().into_iter().map(|w| w.text()).find(|t| {
            matches!(
                *t,
                "update"
                    | "install"
                    | "purge"
                    | "remove"
                    | "autoremove"
                    | "upgrade"
                    | "dist-upgrade"
                    | "full-upgrade"
                    | "dist-clean"
                    | "distclean"
            )
        }) else {
            continue;
        };
        match verb {
            "update" => update = true,
            "dist-clean" | "distclean" => dist_clean = true,
            "install" => {
                let Some((words, flags)) = after_verb(c, &["install"], VALUED, &cx.env) else { continue };
                installs = true;
                update |= has(&flags, &["--update"]);
                let norec = has(&flags, &["--no-install-recommends"])
                    || flags.iter().any(|(n, v)| {
                        n == "-o"
                            && v.to_ascii_lowercase().starts_with("apt::install-recommends=")
                            && (v.ends_with("false") || v.ends_with('0'))
                    });
                recommends |= !norec;
                for w in words {
                    if w == "$" {
                        vars += 1;
                    } else if w.ends_with(".deb") {
                        local_debs += 1;
                    } else {
                        names.push(pkg_name(&w).to_string());
                    }
                }
            }
            "purge" | "remove" | "autoremove" => {
                let Some((words, flags)) = after_verb(c, &[verb], VALUED, &cx.env) else { continue };
                autoremove |= verb == "autoremove" || has(&flags, &["--auto-remove", "--autoremove"]);
                for w in words {
                    if w == "$" {
                        purge_unknown = true;
                    } else {
                        purged.push(pkg_name(&w).to_string());
                    }
                }
            }
            _ => upgrade = true,
        }
    }
    let marks_auto = script.commands.iter().any(|c| c.is("apt-mark") && c.has_arg("auto"));
    if upgrade {
        it.add(
            Figure::mb(0.0, 5.0, 100.0),
            "upgrades installed packages: the new versions are written again (assumed 0–100 MB)".into(),
        );
    }
    if installs {
        let (lo, mid, hi, note) = apt_factors(cx);
        let mut f = Figure::default();
        let mut parts: Vec<String> = Vec::new();
        match debian {
            Some(d) => {
                let mut stand_ins = Vec::new();
                for n in names.iter_mut() {
                    if d.find(n).is_none() {
                        if let Some(i) = d.stand_in(n) {
                            stand_ins
                                .push(format!("`{n}` is not in bookworm: `{}` stands in", d.pkg(i).name));
                            *n = d.pkg(i).name.to_string();
                        }
                    }
                }
                let c = d.closure(&names, recommends, &cx.installed);
                let known = names.len() - c.unknown.len();
                let mut layer = Figure::exact(c.bytes).spread(lo, mid, hi);
                let purge_all = (purge_unknown || marks_auto) && autoremove;
                let list = names_list(d, &c.added, known);
                if !c.added.is_empty() {
                    let rec = if recommends {
                        let plain = d.closure(&names, false, &cx.installed);
                        format!(
                            "; recommended packages included (no --no-install-recommends): {} of it",
                            mb(c.bytes.saturating_sub(plain.bytes))
                        )
                    } else {
                        String::new()
                    };
                    parts.push(format!("{list} = {} installed (Debian bookworm){rec}", mb(c.bytes)));
                } else if known > 0 {
                    parts.push(format!("{} already in the base image: 0 B", names.join(", ")));
                }
                if purge_all {
                    layer = Figure::new(0, layer.expected / 20, layer.high * 3 / 10);
                    parts.push("build dependencies are purged with --auto-remove in the same RUN; the runtime libraries kept are not visible: assumed 5 % stays (0–30 %)".into());
                } else if !purged.is_empty() {
                    let keep: Vec<String> = names.iter().filter(|n| !purged.contains(n)).cloned().collect();
                    let kept = if autoremove {
                        d.closure(&keep, recommends, &cx.installed).bytes
                    } else {
                        let purged_bytes: u64 = purged
                            .iter()
                            .filter_map(|p| d.find(p))
                            .filter(|i| c.added.contains(i))
                            .map(|i| d.pkg(i).installed_kib * 1024)
                            .sum();
                        c.bytes.saturating_sub(purged_bytes)
                    };
                    if kept < c.bytes {
                        parts.push(format!(
                            "{} purged in the same RUN: {} stays",
                            purged.join(", "),
                            mb(kept)
                        ));
                        layer = Figure::exact(kept).spread(lo, mid, hi);
                    }
                }
                f += layer;
                cx.installed.extend(c.added.iter().copied());
                for u in &c.unknown {
                    let g = Figure::mb(0.05, 2.0, 50.0);
                    f += g;
                    parts.push(format!(
                        "`{u}` is not in the Debian bookworm table: assumed {} ",
                        range_text(g)
                    ));
                }
                parts.extend(stand_ins);
                if let Some(n) = note {
                    parts.push(n);
                }
            }
            None => {
                *needs_debian = true;
                let n = names.len();
                if n > 0 {
                    let g = Figure::mb(0.05 * n as f64, 8.0 * n as f64, 80.0 * n as f64);
                    f += g;
                    parts.push(format!(
                        "{n} package(s): {} (the Debian package table is not loaded yet: assumed {})",
                        names.join(", "),
                        range_text(g)
                    ));
                }
            }
        }
        if vars > 0 {
            let g = Figure::mb(0.05, 10.0, 100.0).scale(vars as f64);
            f += g;
            parts.push(format!("{vars} package list(s) in a variable: assumed {}", range_text(g)));
        }
        if local_debs > 0 {
            let g = Figure::mb(0.1, 20.0, 200.0).scale(local_debs as f64);
            f += g;
            parts.push(format!("{local_debs} local .deb file(s): assumed {}", range_text(g)));
        }
        if cx.distro.uses_apt() && !gone("/var/cache/apt") {
            parts.push(
                "the downloaded .deb files are deleted by the image's own apt setting (docker-clean): 0 B"
                    .into(),
            );
        }
        it.add(f, format!("apt-get install: {}", parts.join("; ")));
    }
    if update {
        if gone("/var/lib/apt/lists") || dist_clean {
            it.note("apt lists removed in the same RUN: 0 B".into());
        } else {
            let (f, what) = if cx.distro == Distro::Ubuntu {
                (Figure::mb(20.0, 40.0, 70.0), "Ubuntu")
            } else {
                (Figure::mb(9.0, 18.0, 50.0), "Debian")
            };
            it.add(
                f,
                format!(
                    "apt lists not removed: +{} ({what} package indexes, assumed {}; add `rm -rf /var/lib/apt/lists/*` to this RUN)",
                    mb(f.expected),
                    range_text(f)
                ),
            );
            cx.leftovers.push(("/var/lib/apt/lists".into(), "apt lists".into()));
        }
    }
}

/// Alpine names of common packages that Debian calls otherwise.
fn alpine_to_debian(name: &str) -> String {
    match name {
        "build-base" => "build-essential".into(),
        "musl-dev" => "libc6-dev".into(),
        "openssl-dev" | "libressl-dev" => "libssl-dev".into(),
        "postgresql-dev" | "libpq-dev" => "libpq-dev".into(),
        "linux-headers" => "linux-libc-dev".into(),
        "zlib-dev" => "zlib1g-dev".into(),
        "jpeg-dev" | "libjpeg-turbo-dev" => "libjpeg-dev".into(),
        "libxslt-dev" => "libxslt1-dev".into(),
        "py3-pip" => "python3-pip".into(),
        "openssh" => "openssh-client".into(),
        "nodejs" => "nodejs".into(),
        n if n.starts_with("py3-") => format!("python3-{}", &n[4..]),
        n if n.starts_with("openjdk") && n.ends_with("-jre") => {
            format!("openjdk-{}-jre-headless", n.trim_start_matches("openjdk").trim_end_matches("-jre"))
        }
        n if n.starts_with("openjdk") => format!("openjdk-{}-jdk-headless", n.trim_start_matches("openjdk")),
        n => n.to_string(),
    }
}

fn apk(
    cx: &mut StageCx,
    script: &Script,
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let t = tables();
    let mut index = false;
    let mut groups: Vec<(String, usize)> = Vec::new();
    for c in script.commands.iter().filter(|c| c.is("apk")) {
        if let Some((words, flags)) =
            after_verb(c, &["add"], &["-t", "--virtual", "-X", "--repository", "--root", "-p"], &cx.env)
        {
            let no_cache = has(&flags, &["--no-cache"]);
            index |= !no_cache;
            let mut f = Figure::default();
            let mut known = Vec::new();
            let mut guessed = Vec::new();
            let mut base = 0usize;
            let mut vars = 0usize;
            // Debian's equivalents of what the Alpine base image already has (musl, busybox,
            // OpenSSL's libraries, zlib).
            let minimal =
                debian.map(|d| d.base_set("alpine", &["libssl3", "zlib1g", "busybox", "libc6", "libc-bin"]));
            for w in &words {
                if *w == "$" {
                    vars += 1;
                    continue;
                }
                let n = pkg_name(w);
                if t.alpine.iter().any(|(p, _)| p == n) {
                    base += 1;
                    continue;
                }
                match (debian, &minimal) {
                    (Some(d), Some(m)) if d.find(&alpine_to_debian(n)).is_some() => {
                        known.push(alpine_to_debian(n));
                    }
                    _ => guessed.push(n.to_string()),
                }
            }
            let mut parts = Vec::new();
            if let (Some(d), Some(m), false) = (debian, &minimal, known.is_empty()) {
                let c = d.closure(&known, false, m);
                let g = Figure::exact(c.bytes).spread(0.25, 0.6, 1.2);
                f += g;
                parts.push(format!(
                    "{} ≈ {} (no Alpine package sizes in the data: the Debian size of the same packages × 0.6, range ×0.25–×1.2)",
                    words.iter().filter(|w| *w != "$").cloned().collect::<Vec<_>>().join(" "),
                    range_text(g)
                ));
            }
            if !guessed.is_empty() || vars > 0 {
                let n = guessed.len() + vars * 3;
                let g = Figure::mb(0.05, 3.0, 40.0).scale(n as f64);
                f += g;
                parts.push(format!(
                    "{} not in any table: assumed {} ",
                    if guessed.is_empty() {
                        "packages in a variable".to_string()
                    } else {
                        guessed.join(", ")
                    },
                    range_text(g)
                ));
            }
            if base > 0 {
                parts.push(format!("{base} package(s) already in the Alpine base"));
            }
            if let Some(g) = flag(&flags, &["-t", "--virtual"]) {
                groups.push((g.to_string(), it.list.len()));
            }
            it.add(f, format!("apk add: {}", parts.join("; ")));
        }
        if c.positionals().first().is_some_and(|w| w.text() == "update") {
            index = true;
        }
    }
    for c in script.commands.iter().filter(|c| c.is("apk")) {
        let Some((words, _)) = after_verb(c, &["del"], &[], &cx.env) else { continue };
        for (g, at) in &groups {
            if words.contains(g) {
                let (f, r) = &mut it.list[*at];
                *f = Figure::new(0, f.expected / 10, f.expected / 5 + 1);
                r.push_str(&format!(
                    " — removed again by `apk del {g}` in the same RUN (assumed 0–20 % stays)"
                ));
            }
        }
    }
    if index {
        if gone("/var/cache/apk") {
            it.note("apk cache removed in the same RUN: 0 B".into());
        } else {
            let f = Figure::mb(1.0, 2.5, 6.0);
            it.add(
                f,
                format!("apk index cache not removed (use `apk add --no-cache`): assumed {}", range_text(f)),
            );
            cx.leftovers.push(("/var/cache/apk".into(), "apk cache".into()));
        }
    }
}

fn rpm(
    cx: &mut StageCx,
    script: &Script,
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let managers = ["yum", "dnf", "microdnf", "tdnf", "zypper"];
    let mut used: Option<&str> = None;
    for c in script.commands.iter().filter(|c| c.is_any(&managers)) {
        let verbs: &[&str] = if c.is("zypper") { &["install", "in"] } else { &["install"] };
        let Some((words, _)) =
            after_verb(c, verbs, &["--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude"], &cx.env)
        else {
            continue;
        };
        used = c.name().map(|n| if n == "zypper" { "zypper" } else { "yum" });
        let names: Vec<String> =
            words.iter().filter(|w| **w != "$").map(|w| pkg_name(w).to_string()).collect();
        let mut f = Figure::default();
        let mut parts = Vec::new();
        let known: Vec<String> = match debian {
            Some(d) => names.iter().filter(|n| d.find(n).is_some()).cloned().collect(),
            None => Vec::new(),
        };
        if let (Some(d), false) = (debian, known.is_empty()) {
            let m = d.base_set("minimal", &[]);
            let c = d.closure(&known, false, &m);
            let g = Figure::exact(c.bytes).spread(0.4, 1.0, 2.0);
            f += g;
            parts.push(format!(
                "{} ≈ {} (no RPM sizes in the data: Debian sizes of the same names, range ×0.4–×2)",
                known.join(" "),
                range_text(g)
            ));
        }
        let unknown = names.len() - known.len() + 3 * words.iter().filter(|w| **w == "$").count();
        if unknown > 0 {
            let g = Figure::mb(0.1, 5.0, 60.0).scale(unknown as f64);
            f += g;
            parts.push(format!("{unknown} package(s) not in any table: assumed {}", range_text(g)));
        }
        it.add(f, format!("{} install: {}", c.name().unwrap_or("yum"), parts.join("; ")));
    }
    let Some(kind) = used else { return };
    let cleaned =
        script.commands.iter().any(|c| c.is_any(&managers) && (c.has_arg("clean") || c.has_arg("cc")));
    let dirs: &[&str] =
        if kind == "zypper" { &["/var/cache/zypp"] } else { &["/var/cache/yum", "/var/cache/dnf"] };
    if cleaned || dirs.iter().any(|d| gone(d)) {
        it.note("package manager cache cleaned in the same RUN: 0 B".into());
    } else {
        let f = if kind == "zypper" { Figure::mb(10.0, 40.0, 150.0) } else { Figure::mb(20.0, 60.0, 250.0) };
        it.add(
            f,
            format!(
                "{kind} metadata and package cache not cleaned: assumed {} (add `{kind} clean all`)",
                range_text(f)
            ),
        );
        cx.leftovers.push((dirs[0].into(), format!("{kind} cache")));
    }
}

/// Installed size of a known PyPI package and its known dependencies.
fn py_closure(names: &[String]) -> (Figure, u64, usize, Vec<String>) {
    let t = tables();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = names.to_vec();
    let mut f = Figure::default();
    let mut wheels = 0u64;
    let mut unknown_deps = 0usize;
    let mut shown = Vec::new();
    while let Some(n) = queue.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        match t.pypi.get(&n) {
            Some(p) => {
                let g = match p.installed {
                    Some(i) => Figure::exact(i).spread(0.9, 1.05, 1.3),
                    None => Figure::exact(p.wheel).spread(1.3, 2.5, 4.0),
                };
                f += g;
                wheels += p.wheel;
                shown.push(format!("{} {}", p.name, mb(g.expected)));
                queue.extend(p.depends.iter().cloned());
            }
            None if !names.contains(&n) => unknown_deps += 1,
            None => {}
        }
    }
    (f, wheels, unknown_deps, shown)
}

fn pip(cx: &mut StageCx, script: &Script, opts: &SizeOptions, gone: &dyn Fn(&str) -> bool, it: &mut Items) {
    const VALUED: &[&str] = &[
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--trusted-host",
        "--cache-dir",
        "-e",
        "--editable",
        "--progress-bar",
        "--src",
        "--upgrade-strategy",
        "--only-binary",
        "--no-binary",
        "-w",
        "--wheel-dir",
        "--python",
        "-p",
    ];
    let t = tables();
    for c in script.commands.iter() {
        let n = c.name().unwrap_or("");
        if (n == "virtualenv"
            || (n.starts_with("python")
                && c.args().windows(2).any(|w| w[0].text() == "-m" && w[1].text() == "venv")))
            && !is_pip(c)
        {
            if let Some(p) =
                c.positionals().into_iter().map(|w| w.text()).rfind(|t| !t.starts_with('-') && *t != "venv")
            {
                let f = Figure::mb(5.0, 18.0, 30.0);
                let path = cx.abs(p);
                it.add(f, format!("virtual environment `{p}` with its own pip: assumed {}", range_text(f)));
                cx.artifacts.push((path, f, "a virtual environment".into()));
            }
            continue;
        }
        if !is_pip(c) {
            continue;
        }
        let verb = if c.has_arg("wheel") { "wheel" } else { "install" };
        let Some((words, flags)) = after_verb(c, &[verb], VALUED, &cx.env) else { continue };
        let mut f = Figure::default();
        let mut wheels = 0u64;
        let mut parts = Vec::new();
        let mut names = Vec::new();
        let mut others = 0usize;
        for (fl, v) in &flags {
            if fl == "-r" || fl == "--requirement" {
                cx.requirements = true;
                let r = opts.requirements_bytes;
                let g = Figure::new(r / 6, r, r * 5);
                f += g;
                wheels += r * 2 / 5;
                parts.push(format!(
                    "`-r {v}`: the file is not visible, assumed {} installed (adjustable assumption)",
                    mb(r)
                ));
            }
            if fl == "-e" || fl == "--editable" {
                others += 1;
            }
        }
        for w in &words {
            if *w == "$" {
                others += 3;
                continue;
            }
            let name = w.split(['[', '=', '<', '>', '!', '~', ';', '@', ' ']).next().unwrap_or(w);
            if name.is_empty() || name.contains('/') || name.starts_with('.') || name.ends_with(".whl") {
                others += 1;
            } else if matches!(py_name(name).as_str(), "pip" | "setuptools" | "wheel") {
                let g = Figure::mb(0.5, 5.0, 15.0);
                f += g;
                parts.push(format!("{name} (a packaging tool): assumed {}", range_text(g)));
            } else {
                names.push(py_name(name));
            }
        }
        let known: Vec<String> = names.iter().filter(|n| t.pypi.contains_key(*n)).cloned().collect();
        let unknown: Vec<&String> = names.iter().filter(|n| !t.pypi.contains_key(*n)).collect();
        if !known.is_empty() {
            let (g, wb, unknown_deps, shown) = py_closure(&known);
            f += g;
            wheels += wb;
            let more = shown.len().saturating_sub(known.len());
            let mut s = shown.iter().take(known.len().min(4)).cloned().collect::<Vec<_>>().join(", ");
            if more > 0 {
                s.push_str(&format!(" and {more} known dependencies"));
            }
            parts.push(format!("{s} = {} installed (PyPI wheels, 2026-11)", mb(g.expected)));
            if unknown_deps > 0 {
                let h = Figure::mb(0.05, 1.0, 10.0).scale(unknown_deps as f64);
                f += h;
                wheels += h.expected / 3;
                parts
                    .push(format!("{unknown_deps} dependencies not in the table: assumed {}", range_text(h)));
            }
        }
        if !unknown.is_empty() || others > 0 {
            let k = unknown.len() + others;
            let g = Figure::mb(0.05, 2.0, 30.0).scale(k as f64);
            f += g;
            wheels += g.expected / 3;
            let what = if unknown.is_empty() {
                "local or variable packages".to_string()
            } else {
                unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            };
            parts.push(format!("{what}: not in the PyPI table, assumed {}", range_text(g)));
        }
        let uv = c.is("uv");
        let cache_dir = if uv { "/root/.cache/uv" } else { "/root/.cache/pip" };
        let no_cache = has(&flags, &["--no-cache-dir", "--no-cache"])
            || (!uv && cx.env_value("PIP_NO_CACHE_DIR").is_some_and(|v| !v.is_empty()))
            || (uv && cx.env_value("UV_NO_CACHE").is_some_and(|v| !v.is_empty()))
            || gone(cache_dir)
            || gone("/root/.cache");
        let tool = if uv { "uv" } else { "pip" };
        it.add(f, format!("{tool} {verb}: {}", parts.join("; ")));
        if verb == "wheel" {
            if let Some(dir) = flag(&flags, &["-w", "--wheel-dir"]) {
                cx.artifacts.push((cx.abs(dir), Figure::exact(wheels).widen(0.5), "Python wheels".into()));
            }
        } else {
            let target = flag(&flags, &["-t", "--target", "--prefix"]).map(|p| cx.abs(p)).or_else(|| {
                if has(&flags, &["--user"]) {
                    Some("/root/.local".into())
                } else {
                    let prog = c.program().map(|w| w.text()).unwrap_or("");
                    prog.rsplit_once("/bin/").map(|(venv, _)| cx.abs(venv))
                }
            });
            let venv = cx
                .artifacts
                .iter()
                .rev()
                .find(|(_, _, w)| w == "a virtual environment")
                .map(|(p, _, _)| p.clone());
            let path = target.or(venv).unwrap_or_else(|| "/usr/local/lib/python3".into());
            cx.artifacts.push((path, f, "Python packages".into()));
        }
        if no_cache {
            it.note(format!("{tool} cache disabled or removed: 0 B"));
        } else if wheels > 0 {
            let g = Figure::exact(wheels).spread(0.8, 1.0, 1.3);
            it.add(g, format!("{tool} cache not disabled: +{} (downloaded wheels stay in {cache_dir}; use --no-cache-dir)", mb(g.expected)));
            cx.leftovers.push((cache_dir.into(), format!("{tool} cache")));
        }
    }
}

fn npm_closure(names: &[&str]) -> (Figure, u64, Vec<String>, usize) {
    let t = tables();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let (mut f, mut tar, mut shown, mut unknown) = (Figure::default(), 0u64, Vec::new(), 0usize);
    while let Some(n) = queue.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        match t.npm.get(&n) {
            Some(p) => {
                f += Figure::exact(p.unpacked).spread(0.9, 1.0, 1.2);
                tar += p.tarball;
                shown.push(format!("{} {}", p.name, mb(p.unpacked)));
                queue.extend(p.depends.iter().cloned());
            }
            None => unknown += 1,
        }
    }
    (f, tar, shown, unknown)
}

fn node(cx: &mut StageCx, script: &Script, gone: &dyn Fn(&str) -> bool, it: &mut Items) {
    let production = cx.env_value("NODE_ENV") == Some("production");
    for c in script.commands.iter().filter(|c| c.is_any(&["npm", "yarn", "pnpm"])) {
        let tool = c.name().unwrap_or("npm").to_string();
        let pos: Vec<&str> = c.positionals().into_iter().map(|w| w.text()).collect();
        let bare_yarn = tool == "yarn" && c.args().is_empty();
        let sub = pos.first().copied().unwrap_or(if bare_yarn { "install" } else { "" });
        let installs = matches!(sub, "install" | "i" | "ci" | "add");
        if matches!(sub, "run" | "run-script") && pos.get(1).is_some_and(|s| s.contains("build"))
            || (tool != "npm" && sub == "build")
        {
            let f = Figure::mb(0.1, 5.0, 100.0);
            it.add(
                f,
                format!("`{tool} {}`: build output, assumed {} (assumption)", pos.join(" "), range_text(f)),
            );
            for d in ["dist", "build", ".next", "out"] {
                let p = cx.abs(d);
                cx.artifacts.push((p, f, "build output".into()));
            }
            continue;
        }
        if !installs {
            continue;
        }
        let global = c.has_any_flag(&["g", "global"]) || pos.contains(&"global");
        let names: Vec<&str> = pos.iter().skip(1).copied().filter(|p| *p != "global").collect();
        let (f, tarballs, reason) = if names.is_empty() {
            let prod = production || c.has_any_flag(&["production", "omit", "only"]) || c.has_arg("--prod");
            let f = if prod { Figure::mb(5.0, 80.0, 400.0) } else { Figure::mb(10.0, 150.0, 800.0) };
            (
                f,
                f.expected * 35 / 100,
                format!(
                    "`{tool} {sub}`: node_modules from package.json, which the estimator cannot see: assumed {}{} (assumption)",
                    range_text(f),
                    if prod { ", production only" } else { "" }
                ),
            )
        } else {
            let bare: Vec<&str> = names
                .iter()
                .map(|n| match n.strip_prefix('@') {
                    Some(rest) => rest.split_once('@').map_or(*n, |(a, _)| &n[..a.len() + 1]),
                    None => n.split('@').next().unwrap_or(n),
                })
                .collect();
            let (f, tar, shown, unknown) = npm_closure(&bare);
            let g = Figure::mb(0.05, 3.0, 40.0).scale(unknown as f64);
            let mut r = String::new();
            if !shown.is_empty() {
                r.push_str(&format!(
                    "{} = {} unpacked (npm registry, 2026-11)",
                    shown.join(", "),
                    mb(f.expected)
                ));
            }
            if unknown > 0 {
                if !r.is_empty() {
                    r.push_str("; ");
                }
                r.push_str(&format!("{unknown} package(s) not in the npm table: assumed {}", range_text(g)));
            }
            (f + g, tar + g.expected / 3, format!("`{tool} {sub}`: {r}"))
        };
        it.add(f, reason);
        let path = if global { "/usr/local/lib/node_modules".to_string() } else { cx.abs("node_modules") };
        cx.artifacts.push((path, f, "node_modules".into()));
        let (cache, cleaned) = match tool.as_str() {
            "yarn" => (
                "/usr/local/share/.cache/yarn",
                script.commands.iter().any(|c| c.is("yarn") && c.has_arg("cache") && c.has_arg("clean")),
            ),
            "pnpm" => (
                "/root/.local/share/pnpm/store",
                script.commands.iter().any(|c| c.is("pnpm") && c.has_arg("store") && c.has_arg("prune")),
            ),
            _ => (
                "/root/.npm",
                script.commands.iter().any(|c| c.is("npm") && c.has_arg("cache") && c.has_arg("clean")),
            ),
        };
        if cleaned || gone(cache) || (tool == "npm" && gone("/root/.npm/_cacache")) {
            it.note(format!("{tool} cache cleaned in the same RUN: 0 B"));
        } else if tarballs > 0 {
            let g = Figure::exact(tarballs).spread(0.5, 1.0, 2.0);
            it.add(
                g,
                format!(
                    "{tool} cache left in {cache}: +{} (clean it in the same RUN or use a cache mount)",
                    mb(g.expected)
                ),
            );
            cx.leftovers.push((cache.into(), format!("{tool} cache")));
        }
    }
}

fn ruby_go_rust(cx: &mut StageCx, script: &Script, gone: &dyn Fn(&str) -> bool, it: &mut Items) {
    let mut go_modules = false;
    let mut go_cache = false;
    let mut cargo_registry = false;
    for c in &script.commands {
        match c.name().unwrap_or("") {
            "bundle" if c.has_arg("install") => {
                let f = Figure::mb(10.0, 80.0, 400.0);
                it.add(f, format!("`bundle install`: gems from the Gemfile, which the estimator cannot see: assumed {} (assumption)", range_text(f)));
                cx.artifacts.push(("/usr/local/bundle".into(), f, "gems".into()));
                if !gone("/usr/local/bundle/cache") && !gone("/root/.bundle/cache") {
                    let g = f.scale(0.2);
                    it.add(g, format!("bundler keeps the .gem files in /usr/local/bundle/cache: +{} (remove them in the same RUN)", mb(g.expected)));
                }
            }
            "gem" if c.has_arg("install") => {
                let n = c.positionals().len().saturating_sub(1).max(1);
                let mut f = Figure::mb(0.05, 3.0, 30.0).scale(n as f64);
                let docs = !c.has_any_flag(&["no-document", "N", "no-doc", "no-rdoc"]);
                if docs {
                    f = f.scale(1.3);
                }
                it.add(
                    f,
                    format!(
                        "gem install ({n} gem(s)): assumed {}{}",
                        range_text(f),
                        if docs { ", with documentation (add --no-document)" } else { "" }
                    ),
                );
            }
            "go" => {
                let sub = c.subcommand().map(|w| w.text()).unwrap_or("");
                if matches!(sub, "build" | "install") {
                    let f = Figure::mb(2.0, 15.0, 80.0);
                    let args = c.args();
                    let out = args.iter().enumerate().find_map(|(i, w)| match w.text() {
                        "-o" => args.get(i + 1).map(|v| v.text().to_string()),
                        t => t.strip_prefix("-o=").map(str::to_string),
                    });
                    it.add(f, format!("`go {sub}`: a Go binary, assumed {} (assumption)", range_text(f)));
                    let path = match out {
                        Some(o) => cx.abs(&o),
                        None if sub == "install" => "/go/bin".into(),
                        None => cx.workdir.clone(),
                    };
                    cx.artifacts.push((path, f, "a Go binary".into()));
                    go_cache = true;
                    go_modules = true;
                }
                if sub == "mod" && c.has_arg("download") {
                    go_modules = true;
                }
            }
            "cargo" => {
                let sub = c.subcommand().map(|w| w.text()).unwrap_or("");
                if sub == "build" {
                    let target = cx.abs("target");
                    if gone(&target) {
                        it.note("cargo's target directory is a cache mount or removed: 0 B".into());
                    } else {
                        let f = Figure::mb(100.0, 700.0, 4000.0);
                        it.add(f, format!("`cargo build` leaves its target directory in the layer: assumed {} (use a cache mount)", range_text(f)));
                    }
                    let bin = Figure::mb(1.0, 10.0, 80.0);
                    cx.artifacts.push((format!("{target}/release"), bin, "a Rust binary".into()));
                    cargo_registry = true;
                }
                if sub == "install" {
                    let f = Figure::mb(2.0, 15.0, 80.0);
                    it.add(f, format!("`cargo install`: a Rust binary, assumed {}", range_text(f)));
                    cx.artifacts.push(("/usr/local/cargo/bin".into(), f, "a Rust binary".into()));
                    cargo_registry = true;
                }
                if sub == "fetch" {
                    cargo_registry = true;
                }
            }
            _ => {}
        }
    }
    let go_cleans =
        |what: &str| script.commands.iter().any(|c| c.is("go") && c.has_arg("clean") && c.has_arg(what));
    if go_cache {
        if gone("/root/.cache/go-build") || gone("/root/.cache") || go_cleans("-cache") {
            it.note("Go build cache is a cache mount or cleaned: 0 B".into());
        } else {
            let f = Figure::mb(20.0, 150.0, 800.0);
            it.add(
                f,
                format!(
                    "Go build cache left in /root/.cache/go-build: assumed {} (use a cache mount)",
                    range_text(f)
                ),
            );
            cx.leftovers.push(("/root/.cache/go-build".into(), "Go build cache".into()));
        }
    }
    if go_modules {
        if gone("/go/pkg/mod") || gone("/go/pkg") || go_cleans("-modcache") {
            it.note("Go module cache is a cache mount or cleaned: 0 B".into());
        } else {
            let f = Figure::mb(5.0, 100.0, 800.0);
            it.add(f, format!("Go module cache left in /go/pkg/mod: assumed {} (assumption)", range_text(f)));
            cx.leftovers.push(("/go/pkg/mod".into(), "Go module cache".into()));
        }
    }
    if cargo_registry {
        if gone("/usr/local/cargo/registry") || gone("/root/.cargo/registry") {
            it.note("cargo registry is a cache mount or removed: 0 B".into());
        } else {
            let f = Figure::mb(20.0, 150.0, 600.0);
            it.add(f, format!("cargo registry cache left in the layer: assumed {}", range_text(f)));
        }
    }
}

fn downloads_and_builds(cx: &mut StageCx, script: &Script, it: &mut Items) {
    let mut downloads = 0usize;
    let mut small_downloads = 0usize;
    let mut installers = 0usize;
    let mut build = false;
    let mut unknown: Vec<String> = Vec::new();
    let handled = [
        "apt-get",
        "apt",
        "aptitude",
        "apk",
        "yum",
        "dnf",
        "microdnf",
        "tdnf",
        "zypper",
        "pip",
        "pip3",
        "uv",
        "npm",
        "yarn",
        "pnpm",
        "bundle",
        "gem",
        "go",
        "cargo",
        "virtualenv",
        "curl",
        "wget",
        "make",
        "cmake",
        "ninja",
        "configure",
        "npx",
        "corepack",
    ];
    for (i, c) in script.commands.iter().enumerate() {
        let name = c.name().unwrap_or("");
        if matches!(name, "curl" | "wget")
            && c.args().iter().any(|w| w.text().contains("://") || w.has_expansion())
        {
            let piped_to_shell = script.commands.get(i + 1).is_some_and(|n| {
                n.joiner == crate::shell::Joiner::Pipe && n.is_any(&["sh", "bash", "python", "python3"])
            });
            let archive = c.args().iter().any(|w| {
                let t = w.raw.trim_matches(|ch| ch == '"' || ch == '\'');
                [
                    ".tar",
                    ".tgz",
                    ".tar.gz",
                    ".tar.xz",
                    ".tar.bz2",
                    ".txz",
                    ".zip",
                    ".deb",
                    ".rpm",
                    ".jar",
                    ".whl",
                    ".bin",
                    ".run",
                    ".AppImage",
                ]
                .iter()
                .any(|e| t.ends_with(e))
            }) || script.commands.get(i + 1).is_some_and(|n| {
                n.joiner == crate::shell::Joiner::Pipe && n.is_any(&["tar", "unzip", "gunzip", "xz"])
            });
            if piped_to_shell {
                installers += 1;
            } else if archive {
                downloads += 1;
            } else {
                small_downloads += 1;
            }
        } else if matches!(name, "make" | "cmake" | "ninja" | "configure")
            || name.ends_with("/configure")
            || c.program().is_some_and(|p| p.text() == "./configure")
        {
            build = true;
        } else if matches!(name, "chown" | "chmod") && c.has_any_flag(&["R", "recursive"]) {
            let paths: Vec<String> = c
                .positionals()
                .iter()
                .skip(1) // the owner or the mode
                .map(|w| cx.abs(w.text()))
                .collect();
            for (path, f, what) in cx.artifacts.clone() {
                if paths.iter().any(|p| p == &path || path.starts_with(&format!("{p}/"))) && f.expected > 0 {
                    it.add(f, format!("`{name} -R` on `{path}` ({what}) from an earlier layer copies those files into this layer: +{}", range_text(f)));
                }
            }
        } else if !name.is_empty()
            && !handled.contains(&name)
            && !QUIET.contains(&name)
            && !name.starts_with("python")
            && !name.starts_with("pip")
            && !name.starts_with("docker-php")
            && !unknown.iter().any(|u| u == name)
        {
            unknown.push(name.to_string());
        }
    }
    if build {
        let f = Figure::mb(5.0, 60.0, 400.0);
        let src = if downloads > 0 { " from downloaded sources" } else { "" };
        it.add(
            f,
            format!("a build from source (configure/make){src}: assumed {} (assumption)", range_text(f)),
        );
    } else if downloads > 0 {
        let f = Figure::mb(0.5, 40.0, 400.0).scale(downloads.min(3) as f64);
        it.add(
            f,
            format!(
                "{downloads} archive download(s) of unknown size (curl/wget): assumed {} (assumption)",
                range_text(f)
            ),
        );
        // Where the archive is unpacked, for a later `COPY --from`.
        for c in script.commands.iter().filter(|c| c.is("tar")) {
            let args = c.args();
            let dir = args.iter().enumerate().find_map(|(i, w)| match w.text() {
                "-C" | "--directory" => args.get(i + 1).map(|v| v.text().to_string()),
                t => t.strip_prefix("--directory=").map(str::to_string),
            });
            if let Some(dir) = dir {
                let path = cx.abs(&dir);
                cx.artifacts.push((path, f, "an unpacked download".into()));
            }
        }
    }
    // `mv` carries what an earlier command of this layer (or stage) put at its source.
    for c in script.commands.iter().filter(|c| c.is("mv")) {
        let pos = c.positionals();
        let [src, dst] = pos.as_slice() else { continue };
        let (src, dst) = (cx.abs(src.text()), cx.abs(dst.text()));
        let moved: Vec<(String, Figure, String)> = cx
            .artifacts
            .iter()
            .filter(|(a, _, _)| {
                src == *a || src.starts_with(&format!("{a}/")) || a.starts_with(&format!("{src}/"))
            })
            .map(|(_, f, w)| (dst.clone(), *f, w.clone()))
            .collect();
        cx.artifacts.extend(moved);
    }
    if small_downloads > 0 {
        let f = Figure::mb(0.0, 0.05, 20.0).scale(small_downloads.min(5) as f64);
        it.add(
            f,
            format!(
                "{small_downloads} other download(s) (keys, checksums, scripts): assumed {} (assumption)",
                range_text(f)
            ),
        );
    }
    if installers > 0 {
        let f = Figure::mb(1.0, 50.0, 500.0).scale(installers as f64);
        it.add(f, format!("an install script piped to a shell: assumed {} (assumption)", range_text(f)));
    }
    if !unknown.is_empty() {
        let n = unknown.len().min(4);
        let f = Figure::mb(0.0, 0.1, 10.0).scale(n as f64);
        it.add(
            f,
            format!(
                "{}: writes an amount the estimator cannot know, assumed {} (assumption)",
                unknown.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", "),
                range_text(f)
            ),
        );
    }
}
