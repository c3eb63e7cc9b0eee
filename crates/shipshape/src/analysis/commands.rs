//! The command model: each package-manager call of a RUN, normalised to its manager, its
//! action, its packages and its options, wherever and however the options are written
//! (before or after the subcommand, short or long, combined short flags, `--name=value`,
//! `-o` settings, environment variables of the stage or of the command, cache mounts).
//!
//! The rules and the size estimator both read this model, so they cannot disagree about
//! what a command does.

use super::vars::{Binding, Certainty, Origin, Resolved, Scope};
use crate::shell::queries::program_index;
use crate::shell::{Command as ShCommand, PartKind, Script, ShWord};
use crate::syntax::{Instruction, Keyword};

/// A package manager (each with the programs that drive it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Manager {
    /// apt-get, apt, aptitude.
    Apt,
    Apk,
    /// dnf, yum, microdnf, tdnf.
    Dnf,
    Zypper,
    /// pip, pip3, python -m pip, uv pip.
    Pip,
    Npm,
    Yarn,
    Pnpm,
    Gem,
    Go,
    Cargo,
}

impl Manager {
    pub fn as_str(self) -> &'static str {
        match self {
            Manager::Apt => "apt",
            Manager::Apk => "apk",
            Manager::Dnf => "dnf",
            Manager::Zypper => "zypper",
            Manager::Pip => "pip",
            Manager::Npm => "npm",
            Manager::Yarn => "yarn",
            Manager::Pnpm => "pnpm",
            Manager::Gem => "gem",
            Manager::Go => "go",
            Manager::Cargo => "cargo",
        }
    }

    /// Directories where the manager keeps its download cache or package lists: a cache
    /// or tmpfs mount on one keeps them out of the layer.
    pub fn cache_dirs(self) -> &'static [&'static str] {
        match self {
            Manager::Apt => &["/var/cache/apt", "/var/lib/apt"],
            Manager::Apk => &["/var/cache/apk", "/etc/apk/cache"],
            Manager::Dnf => &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"],
            Manager::Zypper => &["/var/cache/zypp"],
            Manager::Pip => &[".cache/pip", "/root/.cache/pip"],
            Manager::Npm => &[".npm", "/root/.npm"],
            Manager::Yarn => &[".cache/yarn", "/usr/local/share/.cache/yarn", ".yarn/cache"],
            Manager::Pnpm => &[".local/share/pnpm", ".pnpm-store", "/root/.cache/pnpm"],
            Manager::Gem => &[".gem", "/usr/local/bundle/cache"],
            Manager::Go => &["/go/pkg/mod", "/root/go/pkg/mod", ".cache/go-build"],
            Manager::Cargo => &["/usr/local/cargo/registry", ".cargo/registry", ".cargo/git"],
        }
    }
}

/// What a call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Installs packages (`install`, `add`, `get`).
    Install,
    /// Fetches the package lists or index (`apt-get update`, `apk update`, `dnf makecache`).
    Update,
    /// Upgrades what is installed.
    Upgrade,
    /// Removes packages (`remove`, `purge`, `del`, `uninstall`, `autoremove`).
    Remove,
    /// Cleans the cache or lists (`apt-get clean`, `dnf clean all`, `npm cache clean`).
    Clean,
    /// Anything else (`apt-cache`, `pip freeze`, `npm run` …).
    Other,
}

/// The options of a call that matter to the rules and to the size estimate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Answers yes to every question (`-y`, `--yes`, `--assume-yes`, `-qq`, `-n` for zypper).
    pub yes: bool,
    /// apt: `--no-install-recommends` or `-o APT::Install-Recommends=false`; zypper:
    /// `--no-recommends`; dnf: `--setopt=install_weak_deps=False`.
    pub no_recommends: bool,
    /// Leaves no cache or index in the layer: apk `--no-cache`, pip `--no-cache-dir` (or
    /// `PIP_NO_CACHE_DIR`), or a cache mount on the manager's cache directory.
    pub no_cache: bool,
    /// A cache or tmpfs mount covers the manager's cache directory.
    pub cache_mounted: bool,
    /// Only downloads (`--download-only`, `--downloadonly`).
    pub download_only: bool,
    /// apk `--update`/`-U`, apt `--update` (apt 3): the index is fetched by this very call.
    pub refreshes_index: bool,
    /// apk `--no-network`: reads only what is already there.
    pub no_network: bool,
    /// apk `-t`/`--virtual NAME`.
    pub virtual_name: Option<String>,
    /// pip `-r FILE` (each), npm `--prefix` and the like are not kept.
    pub requirements: Vec<String>,
    /// npm/yarn/pnpm `-g`/`global`; pip `--user` is not global.
    pub global: bool,
    /// apt `-t RELEASE`.
    pub target_release: Option<String>,
    /// dnf/yum `--nodocs` or `tsflags=nodocs`.
    pub no_docs: bool,
    /// `DEBIAN_FRONTEND=noninteractive` is set for the call (ENV or inline).
    pub noninteractive: bool,
    /// apt `--auto-remove` (`--autoremove`): what only the removed packages needed goes too.
    pub auto_remove: bool,
    /// npm/yarn/pnpm install production dependencies only: `--production`, `--omit=dev`,
    /// `--only=prod`, `--prod`/`-P`, or `NODE_ENV=production` (ENV or inline).
    pub production: bool,
}

/// One option of a call as written, normalised: the name without dashes (`y`, `target`,
/// `o`), one entry per letter of combined short flags, and its value (`--name=value`,
/// `--name value` for options that take one, `-oValue`, `-o value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFlag {
    pub name: String,
    pub value: Option<String>,
}

/// One package as the call names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageName {
    /// The name with any version or release (`curl=7.88.1-10`, `flask==3.0`).
    pub text: String,
    /// Expanded from a variable (`$PKGS`).
    pub from_variable: bool,
}

/// One package word of a call: what is written, and the packages it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageWord {
    /// Index of the word in the command's words.
    pub word: usize,
    /// The packages it names (several when a variable holds a list). Empty when the
    /// word's value is not known here.
    pub names: Vec<PackageName>,
    /// For a word with variables: their expansion and where it comes from.
    pub resolved: Option<Resolved>,
}

impl PackageWord {
    /// Whether the packages the word stands for are not known here: it holds a command's
    /// output, a variable set outside the Dockerfile or one declared without a value. (A
    /// variable known to be empty names no package and is not unknown.)
    pub fn unknown(&self) -> bool {
        self.names.is_empty() && !self.resolved.as_ref().is_some_and(|r| r.complete())
    }
}

/// One package-manager call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageCall {
    pub manager: Manager,
    /// The program as run, by its base name (`apt-get`, `pip3`, `python3` for `-m pip`).
    pub program: String,
    /// Index of the simple command in the script.
    pub command: usize,
    /// Index of the program word in the command's words (after `sudo`, `env` …).
    pub program_word: usize,
    /// Index of the subcommand word (`install`), if any.
    pub verb: Option<usize>,
    /// The subcommand as written (`install`, `add`, `get` …).
    pub verb_text: Option<String>,
    pub action: Action,
    pub packages: Vec<PackageWord>,
    pub opts: Options,
    /// Every option of the call, in order, as read (the facts in `opts` come from these,
    /// from the environment and from mounts).
    pub flags: Vec<CallFlag>,
    /// The positional words after the subcommand (indices into the command's words),
    /// whatever the action: `build` in `npm run build`, `clean` in `npm cache clean`, the
    /// packages of an install.
    pub operands: Vec<usize>,
}

impl PackageCall {
    /// The simple command of the call in `script`.
    pub fn cmd<'s>(&self, script: &'s Script) -> &'s ShCommand {
        &script.commands[self.command]
    }

    /// The word at `index` of the call's command.
    pub fn word<'s>(&self, script: &'s Script, index: usize) -> &'s ShWord {
        &self.cmd(script).words[index]
    }

    /// Whether the call is an install of packages.
    pub fn installs(&self) -> bool {
        self.action == Action::Install
    }

    /// Every package name, in order.
    pub fn names(&self) -> impl Iterator<Item = &PackageName> {
        self.packages.iter().flat_map(|p| p.names.iter())
    }

    /// The first option with one of these names (without dashes: `f`, `find-links`).
    pub fn flag(&self, names: &[&str]) -> Option<&CallFlag> {
        self.flags.iter().find(|f| names.contains(&f.name.as_str()))
    }

    /// Whether an option with one of these names is given.
    pub fn has_flag(&self, names: &[&str]) -> bool {
        self.flag(names).is_some()
    }

    /// The value of the first option with one of these names that has one.
    pub fn flag_value(&self, names: &[&str]) -> Option<&str> {
        self.flags.iter().filter(|f| names.contains(&f.name.as_str())).find_map(|f| f.value.as_deref())
    }

    /// The text of the `k`-th operand (see [`PackageCall::operands`]).
    pub fn operand<'s>(&self, script: &'s Script, k: usize) -> Option<&'s str> {
        self.operands.get(k).map(|&w| self.word(script, w).text())
    }

    /// Whether the call is `SUBCOMMAND OPERAND` (`npm cache clean`, `go mod download`).
    pub fn is(&self, script: &Script, verb: &str, operand: Option<&str>) -> bool {
        self.verb_text.as_deref() == Some(verb) && operand.is_none_or(|o| self.operand(script, 0) == Some(o))
    }

    /// Where this call keeps its download cache: the manager's directories, or uv's own
    /// cache for `uv pip`.
    pub fn cache_dirs(&self) -> &'static [&'static str] {
        match (self.manager, self.program.as_str()) {
            (Manager::Pip, "uv") => UV_CACHE_DIRS,
            (m, _) => m.cache_dirs(),
        }
    }
}

/// uv's cache (`uv pip` does not use pip's).
const UV_CACHE_DIRS: &[&str] = &[".cache/uv", "/root/.cache/uv"];

/// How a manager's options are spelt.
struct Spec {
    /// Short options that take a value (`-o X`, `-oX`).
    short_valued: &'static str,
    /// Long options that take a value (`--opt X` or `--opt=X`).
    long_valued: &'static [&'static str],
    /// Go style: `-name` is one long option, not combined short ones.
    single_dash_long: bool,
}

fn spec(m: Manager) -> Spec {
    match m {
        Manager::Apt => Spec {
            short_valued: "octa",
            long_valued: &["option", "config-file", "target-release", "default-release", "host-architecture"],
            single_dash_long: false,
        },
        Manager::Apk => Spec {
            short_valued: "Xpt",
            long_valued: &[
                "repository",
                "root",
                "virtual",
                "repositories-file",
                "cache-dir",
                "arch",
                "keys-dir",
                "t",
            ],
            single_dash_long: false,
        },
        Manager::Dnf => Spec {
            short_valued: "cxdeR",
            long_valued: &[
                "config",
                "installroot",
                "releasever",
                "setopt",
                "enablerepo",
                "disablerepo",
                "exclude",
                "repo",
                "repoid",
                "debuglevel",
                "errorlevel",
                "downloaddir",
                "destdir",
                "rpmverbosity",
                "forcearch",
                "excludepkgs",
            ],
            single_dash_long: false,
        },
        Manager::Zypper => Spec {
            short_valued: "rRtD",
            long_valued: &[
                "repo",
                "root",
                "type",
                "from",
                "reposd-dir",
                "cache-dir",
                "raw-cache-dir",
                "config",
            ],
            single_dash_long: false,
        },
        Manager::Pip => Spec {
            // `-w` (pip wheel), `-d` (pip download), `-p` (uv's `--python`).
            short_valued: "rciftewdp",
            long_valued: &[
                "wheel-dir",
                "dest",
                "root-user-action",
                "index",
                "default-index",
                "requirement",
                "constraint",
                "index-url",
                "extra-index-url",
                "find-links",
                "target",
                "prefix",
                "root",
                "src",
                "editable",
                "trusted-host",
                "platform",
                "python-version",
                "implementation",
                "abi",
                "cache-dir",
                "log",
                "proxy",
                "retries",
                "timeout",
                "progress-bar",
                "no-binary",
                "only-binary",
                "upgrade-strategy",
                "python",
                "config-settings",
                "global-option",
                "exists-action",
                "cert",
                "client-cert",
                "report",
                "group",
                "extra",
            ],
            single_dash_long: false,
        },
        Manager::Npm => Spec {
            short_valued: "w",
            long_valued: &[
                "prefix",
                "registry",
                "cache",
                "workspace",
                "omit",
                "include",
                "tag",
                "loglevel",
                "userconfig",
            ],
            single_dash_long: false,
        },
        Manager::Yarn => Spec {
            short_valued: "",
            long_valued: &[
                "cwd",
                "cache-folder",
                "modules-folder",
                "registry",
                "network-timeout",
                "mutex",
                "global-folder",
            ],
            single_dash_long: false,
        },
        Manager::Pnpm => Spec {
            short_valued: "CF",
            long_valued: &["dir", "filter", "store-dir", "registry", "reporter", "config"],
            single_dash_long: false,
        },
        Manager::Gem => Spec {
            short_valued: "vinsP",
            long_valued: &[
                "version",
                "install-dir",
                "bindir",
                "source",
                "platform",
                "trust-policy",
                "config-file",
            ],
            single_dash_long: false,
        },
        Manager::Go => Spec {
            short_valued: "",
            long_valued: &[
                "tags",
                "ldflags",
                "gcflags",
                "mod",
                "modfile",
                "o",
                "C",
                "p",
                "asmflags",
                "buildmode",
                "compiler",
                "installsuffix",
                "overlay",
                "pgo",
                "pkgdir",
                "toolexec",
                "exec",
            ],
            single_dash_long: true,
        },
        Manager::Cargo => Spec {
            short_valued: "jFZ",
            long_valued: &[
                "version",
                "vers",
                "git",
                "branch",
                "tag",
                "rev",
                "path",
                "root",
                "index",
                "registry",
                "jobs",
                "features",
                "target",
                "target-dir",
                "profile",
                "bin",
                "example",
                "config",
            ],
            single_dash_long: false,
        },
    }
}

/// A program word's base name, also when a variable names its directory (`$VENV/bin/pip`,
/// `"${APP_ROOT}/bin/pip"`); None when the name itself is not static.
fn program_name(word: &ShWord) -> Option<&str> {
    let text = word.text();
    let name = text.rsplit('/').next().unwrap_or(text);
    let name = if word.value.is_some() { name } else { name.trim_end_matches(['"', '\'']) };
    (!name.is_empty() && !name.contains(['$', '`', '"', '\'', '(', ')', '{', '}'])).then_some(name)
}

/// The manager a program runs, with the number of words its name takes (`python -m pip`
/// is three, `uv pip` two).
fn manager_of(words: &[ShWord]) -> Option<(Manager, usize)> {
    let name = program_name(words.first()?)?;
    let next = |i: usize| words.get(i).and_then(|w| w.value.as_deref());
    let m = match name {
        "apt-get" | "apt" | "aptitude" => (Manager::Apt, 1),
        "apk" => (Manager::Apk, 1),
        "dnf" | "dnf5" | "yum" | "microdnf" | "tdnf" => (Manager::Dnf, 1),
        "zypper" => (Manager::Zypper, 1),
        "npm" => (Manager::Npm, 1),
        "yarn" => (Manager::Yarn, 1),
        "pnpm" => (Manager::Pnpm, 1),
        "gem" => (Manager::Gem, 1),
        "go" => (Manager::Go, 1),
        "cargo" => (Manager::Cargo, 1),
        "uv" if next(1) == Some("pip") => (Manager::Pip, 2),
        n if n == "pip"
            || n == "pip3"
            || (n.starts_with("pip3.") && n[5..].chars().all(|c| c.is_ascii_digit())) =>
        {
            (Manager::Pip, 1)
        }
        n if n.starts_with("python") && next(1) == Some("-m") && next(2) == Some("pip") => (Manager::Pip, 3),
        _ => return None,
    };
    Some(m)
}

/// The action of a subcommand.
fn action_of(m: Manager, verb: &str) -> Action {
    match (m, verb) {
        (_, "install" | "add" | "reinstall" | "localinstall" | "in" | "i") => Action::Install,
        (Manager::Go | Manager::Cargo, "get") => Action::Install,
        (Manager::Npm | Manager::Pnpm, "ci") => Action::Install,
        (Manager::Apt | Manager::Apk | Manager::Zypper, "update" | "refresh" | "ref") => Action::Update,
        (Manager::Dnf, "makecache") => Action::Update,
        (Manager::Dnf, "update") => Action::Upgrade,
        (_, "upgrade" | "dist-upgrade" | "full-upgrade" | "dup" | "up" | "distro-sync" | "update") => {
            Action::Upgrade
        }
        (
            _,
            "remove" | "purge" | "del" | "delete" | "uninstall" | "erase" | "autoremove" | "rm" | "un" | "r",
        ) => Action::Remove,
        (_, "clean" | "autoclean" | "cache") => Action::Clean,
        (Manager::Zypper, "cc") => Action::Clean,
        _ => Action::Other,
    }
}

/// Managers whose first positional is a subcommand (all of ours; yarn alone installs).
fn has_subcommand(m: Manager) -> bool {
    !matches!(m, Manager::Yarn)
}

fn truthy(v: &str) -> bool {
    !matches!(v.trim().to_ascii_lowercase().as_str(), "" | "0" | "false" | "no" | "off")
}

/// Whether Python's `strtobool` reads the value (`1`, `true`, `off`, `n` …).
fn boolean(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    ["y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"].contains(&v.as_str())
}

/// An environment variable's value for a command: an assignment before it, else the
/// stage's ENV (or ARG) in scope.
fn env_value(cmd: &ShCommand, scope: &Scope, name: &str) -> Option<String> {
    if let Some(a) = cmd.assignments.iter().rev().find(|a| a.name == name) {
        return Some(a.value.as_ref().map_or_else(String::new, |v| v.text().to_string()));
    }
    scope.get(name).and_then(|b| b.value.clone())
}

/// The targets of the RUN's `--mount`s of type cache or tmpfs, without a trailing `/`:
/// nothing written under them stays in the layer.
pub fn cache_mount_targets(instr: &Instruction) -> Vec<String> {
    let instr = match instr.keyword {
        Keyword::Onbuild => instr.trigger().unwrap_or(instr),
        _ => instr,
    };
    let mut out = Vec::new();
    for f in instr.flags.iter().filter(|f| f.name.text.eq_ignore_ascii_case("mount")) {
        let Some(value) = &f.value else { continue };
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
        let target = target.trim_end_matches('/');
        if matches!(kind, "cache" | "tmpfs") && !target.is_empty() {
            out.push(target.to_string());
        }
    }
    out
}

/// Whether a `--mount` of the RUN of type cache or tmpfs covers one of `dirs`.
fn cache_mounted(instr: &Instruction, dirs: &[&str]) -> bool {
    cache_mount_targets(instr).iter().any(|target| {
        dirs.iter().any(|d| {
            let d = d.trim_end_matches('/');
            if d.starts_with('/') {
                *target == d || d.starts_with(&format!("{target}/")) || target.starts_with(&format!("{d}/"))
            } else {
                target.ends_with(d) || target.contains(&format!("{d}/"))
            }
        })
    })
}

/// The packages a word stands for: its value split on white space, or, for a word with
/// variables, their expansion in scope (empty when it is not known).
pub(crate) fn package_word(word: &ShWord, index: usize, scope: &Scope) -> PackageWord {
    if let Some(v) = &word.value {
        let names =
            v.split_whitespace().map(|t| PackageName { text: t.to_string(), from_variable: false }).collect();
        return PackageWord { word: index, names, resolved: None };
    }
    let simple = word.parts.iter().all(|p| {
        matches!(
            p.kind,
            PartKind::Literal | PartKind::DoubleQuotedText | PartKind::SingleQuoted | PartKind::Param
        )
    });
    let resolved = if simple { scope.resolve(&word.raw, '\\') } else { None };
    let names = match &resolved {
        Some(r) if r.complete() => r
            .value
            .trim_matches(|c| c == '"' || c == '\'')
            .split_whitespace()
            .map(|t| PackageName { text: t.to_string(), from_variable: true })
            .collect(),
        _ => Vec::new(),
    };
    PackageWord { word: index, names, resolved }
}

/// Reads one simple command as a package-manager call.
pub fn call_of(cmd: &ShCommand, index: usize, instr: &Instruction, scope: &Scope) -> Option<PackageCall> {
    let start = program_index(cmd)?;
    let words = &cmd.words[start..];
    let (manager, name_len) = manager_of(words)?;
    let program = program_name(&words[0]).unwrap_or_default().to_string();
    let spec = spec(manager);
    let mut opts = Options::default();
    let mut verb: Option<usize> = None;
    let mut positionals: Vec<usize> = Vec::new();
    let mut i = start + name_len;
    let mut after_dashdash = false;
    let mut quiet = 0;
    let mut all_flags: Vec<CallFlag> = Vec::new();
    while i < cmd.words.len() {
        let w = &cmd.words[i];
        let t = w.text();
        let at = i;
        i += 1;
        if after_dashdash || !t.starts_with('-') || t == "-" {
            if verb.is_none() && has_subcommand(manager) {
                verb = Some(at);
            } else {
                positionals.push(at);
            }
            continue;
        }
        if t == "--" {
            // gem passes what follows to the gem's build (`-- --with-x=y`): no packages.
            if manager == Manager::Gem {
                break;
            }
            after_dashdash = true;
            continue;
        }
        // (name, value) pairs of this flag word.
        let mut flags: Vec<(String, Option<String>)> = Vec::new();
        let long = t.starts_with("--") || spec.single_dash_long;
        if long {
            let body = t.trim_start_matches('-');
            match body.split_once('=') {
                Some((n, v)) => flags.push((n.to_string(), Some(v.to_string()))),
                None if spec.long_valued.contains(&body) => {
                    let v = cmd.words.get(i).map(|w| w.text().to_string());
                    i += 1;
                    flags.push((body.to_string(), v));
                }
                None => flags.push((body.to_string(), None)),
            }
        } else {
            let chars: Vec<char> = t[1..].chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k];
                if spec.short_valued.contains(c) {
                    let rest: String = chars[k + 1..].iter().collect();
                    let v = if rest.is_empty() {
                        let v = cmd.words.get(i).map(|w| w.text().to_string());
                        i += 1;
                        v
                    } else {
                        Some(rest.trim_start_matches('=').to_string())
                    };
                    flags.push((c.to_string(), v));
                    break;
                }
                flags.push((c.to_string(), None));
                k += 1;
            }
        }
        for (name, value) in flags {
            read_flag(manager, &name, value.as_deref(), &mut opts, &mut quiet);
            all_flags.push(CallFlag { name, value });
        }
    }
    let verb_text = verb.map(|v| cmd.words[v].text().to_string());
    let action = match (&verb_text, manager) {
        (Some(v), m) => action_of(m, v),
        (None, Manager::Yarn) => Action::Install,
        (None, _) => Action::Other,
    };
    // yarn: `yarn add x`, `yarn global add x`, `yarn install`, bare `yarn`.
    let (action, verb, verb_text, positionals) = if manager == Manager::Yarn {
        let mut pos = positionals;
        let mut v = None;
        if pos.first().is_some_and(|&p| cmd.words[p].text() == "global") {
            opts.global = true;
            pos.remove(0);
        }
        if let Some(&p) = pos.first() {
            v = Some(p);
            pos.remove(0);
        }
        let vt = v.map(|p| cmd.words[p].text().to_string());
        // Bare `yarn` installs, but `yarn --version` or `yarn -h` only prints.
        let prints = all_flags.iter().any(|f| matches!(f.name.as_str(), "v" | "version" | "h" | "help"));
        let a = match vt.as_deref() {
            Some(t) => action_of(manager, t),
            None if prints => Action::Other,
            None => Action::Install,
        };
        (a, v, vt, pos)
    } else {
        (action, verb, verb_text, positionals)
    };
    let operands = positionals.clone();
    // Subcommands of two words: `npm cache clean`, `pnpm store prune`, `apk cache clean`.
    let positionals = if action == Action::Clean && verb_text.as_deref() == Some("cache") {
        positionals.into_iter().skip(1).collect()
    } else {
        positionals
    };

    // The environment.
    let uv = manager == Manager::Pip && program == "uv";
    match manager {
        // pip turns its cache off for any boolean value, false ones included (its
        // `_handle_no_cache_dir` keeps an old behaviour for compatibility).
        Manager::Pip if !uv && env_value(cmd, scope, "PIP_NO_CACHE_DIR").is_some_and(|v| boolean(&v)) => {
            opts.no_cache = true
        }
        // `uv pip` reads its own variable, not pip's.
        Manager::Pip if uv && env_value(cmd, scope, "UV_NO_CACHE").is_some_and(|v| truthy(&v)) => {
            opts.no_cache = true
        }
        Manager::Apt if env_value(cmd, scope, "DEBIAN_FRONTEND").is_some_and(|v| v == "noninteractive") => {
            opts.noninteractive = true
        }
        Manager::Npm | Manager::Yarn | Manager::Pnpm
            if env_value(cmd, scope, "NPM_CONFIG_GLOBAL").is_some_and(|v| truthy(&v)) =>
        {
            opts.global = true
        }
        _ => {}
    }
    if matches!(manager, Manager::Npm | Manager::Yarn | Manager::Pnpm) {
        opts.production = production(&all_flags)
            || env_value(cmd, scope, "NODE_ENV").is_some_and(|v| v.trim() == "production");
    }
    let cache_dirs = if uv { UV_CACHE_DIRS } else { manager.cache_dirs() };
    if cache_mounted(instr, cache_dirs) {
        opts.cache_mounted = true;
        opts.no_cache = true;
    }

    // `pip wheel` and `pip download` name packages too (they fetch or build them).
    let names_packages = matches!(action, Action::Install | Action::Remove | Action::Upgrade)
        || (manager == Manager::Pip && matches!(verb_text.as_deref(), Some("wheel" | "download")));
    let mut packages: Vec<PackageWord> = if names_packages {
        positionals.iter().map(|&p| package_word(&cmd.words[p], p, scope)).collect()
    } else {
        Vec::new()
    };
    // A variable may hold options as well as packages (`ARG OPTS=--no-install-recommends`):
    // the shell splits them into words like any other, so they count as options.
    for p in packages.iter_mut().filter(|p| p.resolved.is_some()) {
        let (options, names): (Vec<PackageName>, Vec<PackageName>) =
            p.names.drain(..).partition(|n| n.text.starts_with('-'));
        p.names = names;
        for o in options {
            let body = o.text.trim_start_matches('-');
            let (name, value) = body.split_once('=').map_or((body, None), |(n, v)| (n, Some(v)));
            if o.text.starts_with("--") || name.len() == 1 {
                read_flag(manager, name, value, &mut opts, &mut quiet);
            } else {
                for c in name.chars() {
                    read_flag(manager, &c.to_string(), None, &mut opts, &mut quiet);
                }
            }
        }
    }
    if manager == Manager::Apt && quiet >= 2 {
        opts.yes = true; // quiet level 2 implies -y
    }
    Some(PackageCall {
        manager,
        program,
        command: index,
        program_word: start,
        verb,
        verb_text,
        action,
        packages,
        opts,
        flags: all_flags,
        operands,
    })
}

/// Whether npm, yarn or pnpm options ask for production dependencies only.
fn production(flags: &[CallFlag]) -> bool {
    flags.iter().any(|f| {
        let v = f.value.as_deref().map(str::to_ascii_lowercase);
        match f.name.as_str() {
            "production" | "prod" => v.is_none_or(|v| truthy(&v)),
            "P" => true,
            "omit" => v.is_some_and(|v| v.split(',').any(|x| x.trim() == "dev")),
            "only" => v.is_some_and(|v| v.starts_with("prod")),
            _ => false,
        }
    })
}

/// Applies one flag to the options.
fn read_flag(m: Manager, name: &str, value: Option<&str>, opts: &mut Options, quiet: &mut u32) {
    match (m, name) {
        (Manager::Apt, "y" | "yes" | "assume-yes" | "force-yes") => opts.yes = true,
        (Manager::Apt, "q") => *quiet += 1,
        (Manager::Apt, "quiet") => *quiet += value.and_then(|v| v.parse().ok()).unwrap_or(1),
        (Manager::Apt, "no-install-recommends") => opts.no_recommends = true,
        (Manager::Apt, "install-recommends") => opts.no_recommends = false,
        (Manager::Apt, "d" | "download-only") => opts.download_only = true,
        // apt 3.0 (Debian 13): `apt-get install --update` fetches the lists first.
        (Manager::Apt, "update") => opts.refreshes_index = true,
        (Manager::Apt, "auto-remove" | "autoremove") => opts.auto_remove = true,
        (Manager::Apt, "t" | "target-release" | "default-release") => {
            opts.target_release = value.map(str::to_string)
        }
        (Manager::Apt, "o" | "option") => {
            let Some((key, v)) = value.and_then(|v| v.split_once('=')) else { return };
            match key.to_ascii_lowercase().as_str() {
                "apt::install-recommends" => opts.no_recommends = !truthy(v),
                "apt::get::assume-yes" => opts.yes = truthy(v),
                _ => {}
            }
        }
        (Manager::Apk, "no-cache") => opts.no_cache = true,
        (Manager::Apk, "U" | "update" | "update-cache") => opts.refreshes_index = true,
        (Manager::Apk, "t" | "virtual") => opts.virtual_name = value.map(str::to_string),
        (Manager::Apk, "no-network") => opts.no_network = true,
        (Manager::Dnf, "y" | "assumeyes") => opts.yes = true,
        (Manager::Dnf, "downloadonly") => opts.download_only = true,
        (Manager::Dnf, "nodocs") => opts.no_docs = true,
        (Manager::Dnf, "setopt") => {
            let Some((key, v)) = value.and_then(|v| v.split_once('=')) else { return };
            match key {
                "install_weak_deps" => opts.no_recommends = !truthy(v),
                "tsflags" if v.contains("nodocs") => opts.no_docs = true,
                "keepcache" => opts.no_cache = !truthy(v),
                _ => {}
            }
        }
        (Manager::Zypper, "n" | "non-interactive" | "y" | "no-confirm") => opts.yes = true,
        (Manager::Zypper, "no-recommends") => opts.no_recommends = true,
        (Manager::Zypper, "d" | "download-only") => opts.download_only = true,
        (Manager::Pip, "no-cache-dir" | "no-cache" | "no-cache-d" | "no-cache-di") => opts.no_cache = true,
        (Manager::Pip, "r" | "requirement") => opts.requirements.extend(value.map(str::to_string)),
        (Manager::Npm | Manager::Pnpm, "g" | "global") => opts.global = true,
        (Manager::Gem, "no-document" | "no-doc" | "no-ri" | "no-rdoc" | "N") => opts.no_docs = true,
        _ => {}
    }
}

/// Every package-manager call of a RUN's script.
/// Every package-manager call of a RUN's script (`index`: the RUN's instruction). A variable
/// that `export NAME=value` sets earlier in the script counts for the calls after it.
pub fn calls(script: &Script, index: usize, instr: &Instruction, scope: &Scope) -> Vec<PackageCall> {
    let mut exported: Option<Scope> = None;
    let mut out = Vec::new();
    for (i, c) in script.commands.iter().enumerate() {
        if c.is("export") && c.depth == 0 {
            let s = exported.get_or_insert_with(|| scope.clone());
            for w in c.args() {
                let Some((name, value)) = w.value.as_deref().and_then(|v| v.split_once('=')) else {
                    continue;
                };
                s.set(Binding {
                    name: name.to_string(),
                    value: Some(value.to_string()),
                    certainty: Certainty::Known,
                    origin: Origin::Env { instruction: index, span: w.span },
                });
            }
        }
        out.extend(call_of(c, i, instr, exported.as_ref().unwrap_or(scope)));
    }
    out
}

#[cfg(test)]
mod tests;
