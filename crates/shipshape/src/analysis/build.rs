//! The build model: what each step of a stage leaves behind, as far as the engine can know
//! it, and the steps that cannot work. It follows apt's package lists, the packages
//! installed, the users and groups created, and the files a stage is known to make; it says
//! "unknown" where it cannot know (an image nobody here knows, a script it does not read).
//!
//! The rules about builds that break (`rules/build/`) report the violations found here, and
//! fix-all checks that a fix adds none.

use super::base_image::{os_of, users_of, Os};
use super::commands::{Action, Manager};
use super::{absolute, Analysis, Base};
use crate::shell::{Command as ShCommand, Joiner, Script};
use crate::syntax::{Args, Dockerfile, Instruction, Keyword, Span};

/// Whether something is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    Present,
    Absent,
    Unknown,
}

/// A set of names that may be known completely, or only in part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub names: Vec<String>,
    /// Every member is known: a name outside `names` is not there.
    pub complete: bool,
}

impl Names {
    fn add(&mut self, name: &str) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// What a stage holds after its last step.
#[derive(Clone, Debug)]
pub struct StageModel {
    /// The operating system of the image the stage starts from (through its parent stages).
    pub os: Os,
    /// apt's package lists (`/var/lib/apt/lists`).
    pub apt_lists: Presence,
    /// Where the lists were last removed: (instruction, the `rm` word).
    pub lists_removed: Option<(usize, Span)>,
    /// Packages installed by the Dockerfile (by name, any manager).
    pub installed: Vec<String>,
    pub users: Names,
    pub groups: Names,
    /// Paths the stage's steps made (COPY and ADD destinations, WORKDIR, `mkdir`), each with
    /// the instruction (the layer) that made it. `complete` when nothing else can be there:
    /// a stage FROM scratch whose steps are all read.
    pub files: Vec<(String, usize)>,
    pub files_complete: bool,
}

/// A step that cannot work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// `apt-get install` with no package lists: none fetched in the stage, or removed by an
    /// earlier step (or earlier in the same RUN).
    NoPackageLists { span: Span, removed: Option<(usize, Span)> },
    /// `USER name` for a user that the image cannot have.
    UnknownUser { span: Span, name: String },
    /// `COPY --from=stage path` of a path that stage never made.
    MissingPath { span: Span, path: String, stage: usize },
    /// A program that the stage's image cannot have.
    MissingProgram { span: Span, program: String, os: Os, hint: &'static str },
}

impl Violation {
    pub fn span(&self) -> Span {
        match self {
            Violation::NoPackageLists { span, .. }
            | Violation::UnknownUser { span, .. }
            | Violation::MissingPath { span, .. }
            | Violation::MissingProgram { span, .. } => *span,
        }
    }
}

/// The build model of a file: each stage's final state, and the violations with the
/// instruction they are in.
#[derive(Clone, Debug, Default)]
pub struct BuildModel {
    pub stages: Vec<StageModel>,
    pub violations: Vec<(usize, Violation)>,
}

impl BuildModel {
    /// The violations of one instruction.
    pub fn at(&self, instruction: usize) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(move |(i, _)| *i == instruction).map(|(_, v)| v)
    }
}

/// Programs whose effect on users, packages and files is not read here: running one makes
/// the stage's users and files unknown (an install script may create anything).
fn runs_unknown_code(cmd: &ShCommand) -> bool {
    let Some(name) = cmd.name() else { return true };
    let args = cmd.args();
    match name {
        "sh" | "bash" | "ash" | "dash" | "zsh" | "source" | "." => {
            args.first().is_some_and(|a| !a.text().starts_with('-')) || args.is_empty()
        }
        "make" | "cmake" | "ninja" | "ansible-playbook" | "chef-solo" | "puppet" | "salt-call" => true,
        n => n.contains('/') || n.ends_with(".sh"),
    }
}

/// The account name a `useradd`/`adduser`/`groupadd`/`addgroup` command creates: its
/// first argument that is not an option or an option's value.
fn account_name(cmd: &ShCommand) -> Option<&crate::shell::ShWord> {
    // Options of useradd, adduser (Debian and BusyBox), groupadd and addgroup that take a
    // value.
    const VALUED: &[&str] = &[
        "-u",
        "-g",
        "-G",
        "-d",
        "-s",
        "-c",
        "-p",
        "-e",
        "-f",
        "-k",
        "-K",
        "-b",
        "-h",
        "-R",
        "-P",
        "-Z",
        "--uid",
        "--gid",
        "--groups",
        "--home",
        "--home-dir",
        "--shell",
        "--comment",
        "--password",
        "--expiredate",
        "--inactive",
        "--skel",
        "--key",
        "--base-dir",
        "--root",
        "--prefix",
        "--gecos",
        "--ingroup",
        "--firstuid",
        "--lastuid",
        "--conf",
        "--selinux-user",
        "--add-extra-groups",
    ];
    let args = cmd.args();
    let mut i = 0;
    while let Some(w) = args.get(i) {
        let t = w.text();
        if t == "--" {
            return args.get(i + 1);
        }
        if t.starts_with('-') {
            i += if VALUED.contains(&t) { 2 } else { 1 };
            continue;
        }
        return Some(w);
    }
    None
}

/// Whether `rm` removes apt's lists (`rm -rf /var/lib/apt/lists/*`, `…/lists`, `/var/lib/apt`).
fn removes_apt_lists(cmd: &ShCommand) -> Option<Span> {
    if !cmd.is("rm") {
        return None;
    }
    cmd.positionals().into_iter().find_map(|w| {
        let t = w.text().trim_end_matches('*').trim_end_matches('/');
        matches!(t, "/var/lib/apt/lists" | "/var/lib/apt" | "/var/lib/apt/lists/partial").then_some(w.span)
    })
}

/// Whether a RUN mounts something on `dir` (its contents are the mount's, not the layer's).
fn mounts_on(instr: &Instruction, dir: &str) -> bool {
    instr.flags.iter().filter(|f| f.name.text.eq_ignore_ascii_case("mount")).any(|f| {
        f.value.as_ref().is_some_and(|v| {
            v.text.split(',').any(|field| {
                let (k, v) = field.split_once('=').unwrap_or((field, ""));
                matches!(k.trim(), "target" | "dst" | "destination") && {
                    let t = v.trim().trim_end_matches('/');
                    dir.starts_with(t) || t.starts_with(dir)
                }
            })
        })
    })
}

/// Programs each operating system lacks unless a package provides them: (program, the
/// package that does, a hint).
fn lacks(os: Os, program: &str) -> Option<(&'static str, &'static str)> {
    let apt = "This image has no apt: use its own package manager";
    match (os, program) {
        (Os::Alpine, "apt-get" | "apt" | "aptitude") => Some(("", "Alpine installs packages with `apk add`")),
        (Os::Alpine, "yum" | "dnf" | "microdnf") => Some(("", "Alpine installs packages with `apk add`")),
        (Os::Alpine, "useradd" | "groupadd" | "usermod") => Some((
            "shadow",
            "BusyBox on Alpine has `adduser -D` and `addgroup`; `apk add shadow` brings useradd",
        )),
        (Os::Alpine | Os::Busybox, "bash") => {
            Some(("bash", "Alpine and BusyBox have `sh` (ash); install bash first"))
        }
        (Os::Debian | Os::Ubuntu, "apk") => {
            Some(("", "Debian and Ubuntu install packages with `apt-get install`"))
        }
        (Os::Debian | Os::Ubuntu, "yum" | "dnf" | "microdnf") => {
            Some(("", "Debian and Ubuntu install packages with `apt-get install`"))
        }
        (Os::Rhel, "apk") | (Os::Suse, "apk") => Some(("", apt)),
        (Os::Rhel | Os::Suse, "apt-get" | "apt") => Some(("", apt)),
        (Os::Busybox, "apt-get" | "apt" | "apk" | "yum" | "dnf") => {
            Some(("", "BusyBox has no package manager"))
        }
        _ => None,
    }
}

/// Builds the model from an analysis.
pub(super) fn model(file: &Dockerfile, analysis: &Analysis) -> BuildModel {
    let mut out = BuildModel::default();
    for (s, stage) in file.stages.iter().enumerate() {
        let facts = &analysis.stages[s];
        let mut m = match facts.base {
            Base::Stage(p) if p < out.stages.len() => out.stages[p].clone(),
            _ => {
                let reference = facts.image.as_ref().filter(|r| r.complete()).map(|r| r.value.clone());
                let os = match (&facts.base, &reference) {
                    (Base::Scratch, _) => Os::Scratch,
                    (Base::Image, Some(r)) => os_of(r),
                    _ => Os::Unknown,
                };
                let users = reference.as_deref().and_then(|r| users_of(r, os));
                StageModel {
                    os,
                    apt_lists: if os.ships_without_apt_lists() {
                        Presence::Absent
                    } else {
                        Presence::Unknown
                    },
                    lists_removed: None,
                    installed: Vec::new(),
                    users: Names {
                        names: users.iter().flatten().map(|u| u.to_string()).collect(),
                        complete: users.is_some(),
                    },
                    groups: Names {
                        names: users.iter().flatten().map(|u| u.to_string()).collect(),
                        complete: false,
                    },
                    files: Vec::new(),
                    files_complete: os == Os::Scratch,
                }
            }
        };
        for index in stage.instructions.clone() {
            let instr = &file.instructions[index];
            step(analysis, &mut out, &mut m, s, index, instr);
        }
        out.stages.push(m);
    }
    out
}

/// One instruction's effect on the stage, and its violations.
fn step(
    analysis: &Analysis,
    out: &mut BuildModel,
    m: &mut StageModel,
    stage: usize,
    index: usize,
    instr: &Instruction,
) {
    match (&instr.keyword, &instr.args) {
        (Keyword::Run, _) => run(analysis, out, m, index, instr),
        (Keyword::User, Args::Text(w)) => {
            let Some(r) = analysis.resolve(index, &w.text).filter(|r| r.complete()) else { return };
            let name = r.value.split(':').next().unwrap_or("").trim();
            let numeric = name.chars().all(|c| c.is_ascii_digit());
            if !name.is_empty() && !numeric && m.users.complete && !m.users.has(name) {
                // A package may have made it (postgresql makes postgres, nginx makes nginx).
                let by_package =
                    m.installed.iter().any(|p| p.starts_with(name) || name.starts_with(p.as_str()));
                if !by_package {
                    let span = w.sub_span(0..w.text.find(':').unwrap_or(w.text.len()));
                    out.violations.push((index, Violation::UnknownUser { span, name: name.to_string() }));
                }
            }
        }
        (Keyword::Workdir, Args::Text(_)) => {
            if let Some(dir) = analysis.at(index + 1).and_then(|f| f.workdir.clone()) {
                m.files.push((dir, index));
            }
        }
        (Keyword::Copy | Keyword::Add, Args::List { items, .. }) => {
            copy(analysis, out, m, stage, index, instr, items);
        }
        _ => {}
    }
}

fn copy(
    analysis: &Analysis,
    out: &mut BuildModel,
    m: &mut StageModel,
    stage: usize,
    index: usize,
    instr: &Instruction,
    items: &[crate::syntax::Word],
) {
    let Some((dest, sources)) = items.split_last() else { return };
    let cwd = analysis.at(index).and_then(|f| f.workdir.clone());
    let dest = analysis.resolve(index, &dest.text).map_or_else(|| dest.text.clone(), |r| r.value);
    // A tree copied to the root of an empty image (a root file system, another stage's
    // files) may bring a shell and anything else.
    let from = instr.flags.iter().any(|f| f.name.text.eq_ignore_ascii_case("from"));
    if matches!(m.os, Os::Scratch | Os::Distroless) && (from || dest.trim_matches('"') == "/") {
        m.os = Os::Unknown;
        m.users.complete = false;
    }
    m.files.push((absolute(cwd.as_deref(), dest.trim_matches('"')), index));
    // `--from` a stage whose files are all known: each source must be among them.
    let Some(from) = instr.flags.iter().find(|f| f.name.text.eq_ignore_ascii_case("from")) else { return };
    let Some(value) = &from.value else { return };
    let name = analysis.resolve(index, &value.text).map_or_else(|| value.text.clone(), |r| r.value);
    let name = name.to_ascii_lowercase();
    let file_stages = analysis.stages.len();
    let source_stage = match name.parse::<usize>() {
        Ok(n) if n < stage => Some(n),
        Ok(_) => None,
        Err(_) => analysis.stage_names.iter().find(|(n, i)| *n == name && *i < stage).map(|(_, i)| *i),
    };
    let Some(src) = source_stage.filter(|&s| s < file_stages) else { return };
    let Some(model) = out.stages.get(src) else { return };
    if !model.files_complete {
        return;
    }
    for w in sources {
        let Some(r) = analysis.resolve(index, &w.text).filter(|r| r.complete()) else { continue };
        let path = r.value.trim_matches('"').to_string();
        if path.contains(['*', '?', '[']) || path.is_empty() {
            continue;
        }
        let path = absolute(None, &path);
        let path = path.trim_end_matches('/');
        let found = path.is_empty()
            || model.files.iter().any(|(f, _)| {
                let f = f.trim_end_matches('/');
                f == path || f.starts_with(&format!("{path}/")) || path.starts_with(&format!("{f}/"))
            });
        if !found {
            out.violations
                .push((index, Violation::MissingPath { span: w.span, path: path.to_string(), stage: src }));
        }
    }
}

/// Whether a command runs for sure when the RUN gets to it: at the top level, not after
/// `||`, not inside a condition, loop or substitution.
fn certain(script: &Script, i: usize) -> bool {
    let c = &script.commands[i];
    if c.depth > 0 || c.in_substitution {
        return false;
    }
    // After an `||` anywhere earlier on the top level, what follows may not run.
    !script.commands[..=i].iter().any(|p| p.depth == 0 && p.joiner == Joiner::Or)
}

fn run(analysis: &Analysis, out: &mut BuildModel, m: &mut StageModel, index: usize, instr: &Instruction) {
    let shell = analysis.at(index).map(|f| f.shell.clone());
    let exec_form = matches!(&instr.args, Args::Command(crate::syntax::Command::Exec { .. }));
    // A RUN in a stage with no shell at all fails before it starts.
    if !exec_form && matches!(m.os, Os::Scratch | Os::Distroless) {
        out.violations.push((
            index,
            Violation::MissingProgram {
                span: instr.keyword_word.span,
                program: shell
                    .as_ref()
                    .and_then(|s| s.argv.first().cloned())
                    .unwrap_or_else(|| "/bin/sh".into()),
                os: m.os,
                hint: "This image has no shell: run the commands in an earlier stage and COPY the result",
            },
        ));
        return;
    }
    let Some(script) = analysis.script(index) else {
        if !exec_form {
            m.users.complete = false;
            m.files_complete = false;
            m.apt_lists = Presence::Unknown;
        }
        return;
    };
    if script.too_complex || !script.unreadable.is_empty() {
        m.users.complete = false;
        m.files_complete = false;
        m.apt_lists = Presence::Unknown;
        return;
    }
    // With a mount on the lists, the RUN sees the mount's lists and leaves the layer's alone.
    let lists_mounted = mounts_on(instr, "/var/lib/apt/lists");
    let before_lists = (m.apt_lists, m.lists_removed);
    if lists_mounted {
        m.apt_lists = Presence::Unknown;
    }
    let calls = analysis.calls(index);
    let bash_shell = shell.as_ref().is_some_and(|s| s.program() == "bash");
    if bash_shell {
        check_program(out, m, index, instr.keyword_word.span, "bash");
    }
    for (i, cmd) in script.commands.iter().enumerate() {
        let sure = certain(script, i);
        if runs_unknown_code(cmd) {
            m.users.complete = false;
            m.files_complete = false;
        }
        if let Some(w) = cmd.program() {
            if sure {
                if let Some(name) = cmd.name() {
                    check_program(out, m, index, w.span, name);
                }
            }
        }
        if let Some(span) = removes_apt_lists(cmd) {
            if sure {
                m.apt_lists = Presence::Absent;
                m.lists_removed = Some((index, span));
            } else if m.apt_lists == Presence::Present {
                m.apt_lists = Presence::Unknown;
            }
        }
        match cmd.name() {
            Some("useradd" | "adduser") => match account_name(cmd).and_then(|w| w.value.clone()) {
                Some(name) => m.users.add(&name),
                None => m.users.complete = false,
            },
            Some("groupadd" | "addgroup") => match account_name(cmd).and_then(|w| w.value.clone()) {
                Some(name) => m.groups.add(&name),
                None => m.groups.complete = false,
            },
            Some("mkdir") => {
                let cwd = analysis.at(index).and_then(|f| f.workdir.clone());
                for w in cmd.positionals() {
                    if let Some(v) = &w.value {
                        m.files.push((absolute(cwd.as_deref(), v), index));
                    }
                }
            }
            _ => {}
        }
        for call in calls.iter().filter(|c| c.command == i) {
            match (call.manager, call.action) {
                (Manager::Apt, Action::Update) if sure => m.apt_lists = Presence::Present,
                (Manager::Apt, Action::Update) => m.apt_lists = Presence::Unknown,
                (Manager::Apt, Action::Install) if call.opts.refreshes_index => {
                    m.apt_lists = Presence::Present
                }
                (Manager::Apt, Action::Install) => {
                    let remote =
                        call.names().any(|n| !n.text.starts_with(['.', '/']) && !n.text.ends_with(".deb"));
                    let judged = call.packages.iter().all(|p| !p.names.is_empty());
                    if sure && remote && judged && m.apt_lists == Presence::Absent && !lists_mounted {
                        let span = call.verb.map_or(cmd.span, |v| call.word(script, v).span);
                        out.violations
                            .push((index, Violation::NoPackageLists { span, removed: m.lists_removed }));
                    }
                }
                _ => {}
            }
            if call.action == Action::Install {
                for n in call.names() {
                    let name = super::packages::package_name(&n.text).to_string();
                    if !m.installed.contains(&name) {
                        m.installed.push(name);
                    }
                }
                if call.packages.iter().any(|p| p.names.is_empty()) || !call.opts.requirements.is_empty() {
                    // Packages not known here may bring anything.
                    m.users.complete = false;
                }
            }
        }
        if cmd.name().is_some_and(|n| !matches!(n, "mkdir" | "useradd" | "adduser" | "groupadd" | "addgroup"))
            && !quiet_program(cmd.name().unwrap_or(""))
        {
            m.files_complete = false;
        }
    }
    if lists_mounted {
        (m.apt_lists, m.lists_removed) = before_lists;
    }
}

/// Programs that make no files a later `COPY --from` could take.
fn quiet_program(name: &str) -> bool {
    matches!(name, "echo" | "true" | "set" | "export" | "cd" | "test" | "[" | "chmod" | "chown" | "ln" | "rm")
}

fn check_program(out: &mut BuildModel, m: &StageModel, index: usize, span: Span, program: &str) {
    let Some((package, hint)) = lacks(m.os, program) else { return };
    if !package.is_empty() && m.installed.iter().any(|p| p == package) {
        return;
    }
    if out.violations.iter().any(|(i, v)| *i == index && v.span() == span) {
        return;
    }
    out.violations
        .push((index, Violation::MissingProgram { span, program: program.to_string(), os: m.os, hint }));
}

#[cfg(test)]
mod tests;
