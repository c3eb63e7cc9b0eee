//! Package installs and removals of the common package managers, as the best-practice
//! rules read them.

use super::commands::{Action, Manager, PackageCall};
use crate::shell::{Command as ShCommand, Script, ShWord};

// ─── Package managers ───────────────────────────────────────────────────────────────────

/// One package install: its package words.
pub(crate) struct Install<'s> {
    pub packages: Vec<&'s ShWord>,
}

/// The installs of the system package managers (apt, apk, dnf/yum, zypper) in a RUN, from
/// its package calls: each with its package words.
pub(crate) fn installs<'s>(script: &'s Script, calls: &[PackageCall]) -> Vec<Install<'s>> {
    calls
        .iter()
        .filter(|c| c.installs() && SYSTEM.contains(&c.manager))
        .map(|c| Install { packages: c.packages.iter().map(|p| c.word(script, p.word)).collect() })
        .collect()
}

/// Whether a RUN's calls remove packages with a system package manager (`apt-get purge`,
/// `apk del`, `dnf remove`, `zypper rm` …), and the names they remove.
pub(crate) fn removals(calls: &[PackageCall]) -> Option<Vec<String>> {
    let removing: Vec<&PackageCall> =
        calls.iter().filter(|c| c.action == Action::Remove && SYSTEM.contains(&c.manager)).collect();
    (!removing.is_empty())
        .then(|| removing.iter().flat_map(|c| c.names()).map(|n| package_name(&n.text).to_string()).collect())
}

/// The operating system's package managers.
const SYSTEM: &[Manager] = &[Manager::Apt, Manager::Apk, Manager::Dnf, Manager::Zypper];

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
