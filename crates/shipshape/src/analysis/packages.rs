//! Package installs and removals of the common package managers, as the best-practice
//! rules read them.

use crate::shell::{Command as ShCommand, Script, ShWord};

// ─── Package managers ───────────────────────────────────────────────────────────────────

/// One package install: its package words.
pub(crate) struct Install<'s> {
    pub packages: Vec<&'s ShWord>,
}

/// Flags of the package managers that take their value as the next word.
const VALUED: &[&str] = &[
    "-t",
    "--target-release",
    "-o",
    "--option",
    "-c",
    "--config-file",
    "--virtual",
    "-X",
    "--repository",
    "--root",
    "-p",
    "--arch",
    "--cache-dir",
    "--keys-dir",
    "--repositories-file",
    "--enablerepo",
    "--disablerepo",
    "--setopt",
    "--installroot",
    "--releasever",
    "--config",
    "-x",
    "--exclude",
    "--repo",
    "--repoid",
    "-r",
    "--from",
    "--forcearch",
];

/// The install verbs of a package manager command.
fn install_verbs(cmd: &ShCommand) -> Option<&'static [&'static str]> {
    Some(match cmd.name()? {
        "apt-get" | "apt" | "aptitude" | "yum" | "dnf" | "microdnf" | "tdnf" => &["install"],
        "apk" => &["add"],
        "zypper" => &["install", "in"],
        _ => return None,
    })
}

/// The words after the first of `verbs`, flags and their values left out.
fn words_after<'s>(cmd: &'s ShCommand, verbs: &[&str]) -> Option<Vec<&'s ShWord>> {
    let args = cmd.args();
    let at = args.iter().position(|w| verbs.contains(&w.text()))?;
    let mut packages = Vec::new();
    let mut i = at + 1;
    while i < args.len() {
        let t = args[i].text();
        if t.starts_with('-') {
            i += if VALUED.contains(&t) { 2 } else { 1 };
            continue;
        }
        packages.push(&args[i]);
        i += 1;
    }
    Some(packages)
}

/// Package installs of a script (apt-get/apt, apk, yum/dnf/microdnf, zypper).
pub(crate) fn installs(script: &Script) -> Vec<Install<'_>> {
    script
        .commands
        .iter()
        .filter_map(|cmd| Some(Install { packages: words_after(cmd, install_verbs(cmd)?)? }))
        .collect()
}

/// Whether a script removes packages (`apt-get purge|remove|autoremove`, `apk del`,
/// `yum|dnf remove|erase|autoremove`, `zypper rm|remove`), and the names it removes.
pub(crate) fn removals(script: &Script) -> Option<Vec<String>> {
    let mut found = false;
    let mut names = Vec::new();
    for cmd in &script.commands {
        let verbs: &[&str] = match cmd.name() {
            Some("apt-get" | "apt" | "aptitude") => &["purge", "remove", "autoremove"],
            Some("apk") => &["del"],
            Some("yum" | "dnf" | "microdnf" | "tdnf") => &["remove", "erase", "autoremove"],
            Some("zypper") => &["rm", "remove"],
            _ => continue,
        };
        if let Some(words) = words_after(cmd, verbs) {
            found = true;
            names.extend(words.iter().map(|w| package_name(w.text()).to_string()));
        }
    }
    found.then_some(names)
}

/// A package word without its version or release (`curl=7.88`, `curl/bookworm`,
/// `curl~7`, `curl>=7`).
pub(crate) fn package_name(word: &str) -> &str {
    let end = word.find(['=', '/', '~', '<', '>']).unwrap_or(word.len());
    &word[..end]
}

// ─── Dependency installs and the build context ──────────────────────────────────────────

/// The word of a command that installs a project's dependencies from its manifest:
/// `pip install -r`, `npm ci`, `npm install` (no packages), `yarn [install]`,
/// `pnpm install`, `bundle install`, `go mod download`, `composer install`,
/// `poetry install`, `pipenv install|sync`, `uv sync`, `mvn dependency:go-offline`,
/// `cargo fetch`, `dotnet restore`.
pub(crate) fn dependency_install(cmd: &ShCommand) -> Option<&ShWord> {
    let name = cmd.name()?;
    let pos = cmd.positionals();
    let first = pos.first().copied();
    let sub = |names: &[&str]| first.filter(|w| names.contains(&w.text()));
    match name {
        "npm" => {
            if let Some(w) = sub(&["ci", "clean-install"]) {
                return Some(w);
            }
            // `npm install` of the manifest, not of named packages (`npm install -g x`).
            sub(&["install", "i"]).filter(|_| pos.len() == 1 && !cmd.has_any_flag(&["g", "global"]))
        }
        "pnpm" => {
            sub(&["install", "i", "fetch"]).filter(|_| pos.len() == 1 && !cmd.has_any_flag(&["g", "global"]))
        }
        "yarn" => match first {
            None => cmd.program().filter(|_| cmd.args().iter().all(|a| a.text().starts_with('-'))),
            Some(w) if w.text() == "install" => Some(w),
            _ => None,
        },
        "bundle" | "bundler" | "composer" | "poetry" => sub(&["install"]),
        "pipenv" => sub(&["install", "sync"]).filter(|_| pos.len() == 1),
        "uv" => {
            if let Some(w) = sub(&["sync"]) {
                return Some(w);
            }
            (first.is_some_and(|w| w.text() == "pip") && requirement_flag(cmd))
                .then(|| pos.get(1).copied())
                .flatten()
                .filter(|w| w.text() == "install")
        }
        "go" => (first.is_some_and(|w| w.text() == "mod"))
            .then(|| pos.get(1).copied())
            .flatten()
            .filter(|w| w.text() == "download"),
        "mvn" | "mvnw" => pos.iter().copied().find(|w| w.text().starts_with("dependency:")),
        "cargo" => sub(&["fetch"]),
        "dotnet" => sub(&["restore"]),
        _ if name.starts_with("pip") => sub(&["install"]).filter(|_| requirement_flag(cmd)),
        _ if name.starts_with("python") => {
            let args = cmd.args();
            args.windows(3)
                .find(|w| w[0].text() == "-m" && w[1].text() == "pip" && w[2].text() == "install")
                .map(|w| &w[2])
                .filter(|_| requirement_flag(cmd))
        }
        _ => None,
    }
}

/// `-r file` / `--requirement file` / `-rfile` / `--requirement=file`.
fn requirement_flag(cmd: &ShCommand) -> bool {
    cmd.args().iter().any(|a| {
        let t = a.text();
        t == "-r"
            || t == "--requirement"
            || t.starts_with("--requirement=")
            || (t.starts_with("-r") && t.len() > 2 && !t.starts_with("--"))
    })
}
