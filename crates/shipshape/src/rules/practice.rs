//! Helpers shared by the best-practice rules of the seed guide (SS4001…): stages and the
//! image each one is built on, the commands of CMD/ENTRYPOINT/HEALTHCHECK, and package
//! installs and removals of the common package managers.

use crate::rules::prelude::*;
use crate::shell::SpanMap;
use crate::syntax::image::ImageRef;
use crate::syntax::Dockerfile;

// ─── Stages ─────────────────────────────────────────────────────────────────────────────

/// The index of the stage that the instruction at `index` belongs to.
pub(crate) fn stage_at(file: &Dockerfile, index: usize) -> Option<usize> {
    file.stages.iter().position(|s| s.instructions.contains(&index))
}

/// The earlier stage that `stage` is built FROM (by name), if any.
pub(crate) fn parent_stage(file: &Dockerfile, stage: usize) -> Option<usize> {
    let base = file.stages.get(stage)?.base.as_ref()?.text.to_ascii_lowercase();
    file.stages[..stage]
        .iter()
        .rposition(|s| s.name.as_ref().is_some_and(|n| n.text.to_ascii_lowercase() == base))
}

/// The stages a stage is built on, root first, the stage itself last.
pub(crate) fn ancestry(file: &Dockerfile, stage: usize) -> Vec<usize> {
    let mut out = vec![stage];
    let mut at = stage;
    while let Some(p) = parent_stage(file, at) {
        if out.contains(&p) {
            break;
        }
        out.push(p);
        at = p;
    }
    out.reverse();
    out
}

/// The image word at the root of a stage's ancestry (the FROM of its first ancestor).
pub(crate) fn root_image(file: &Dockerfile, stage: usize) -> Option<&Word> {
    let root = *ancestry(file, stage).first()?;
    file.stages[root].base.as_ref()
}

/// The instructions of a stage and of the stages it is built on, in build order.
pub(crate) fn lineage<'f>(file: &'f Dockerfile, stage: usize) -> impl Iterator<Item = &'f Instruction> + 'f {
    ancestry(file, stage).into_iter().flat_map(move |s| file.stage_instructions(&file.stages[s]).iter())
}

/// The last stage: the image the build produces by default.
pub(crate) fn last_stage(file: &Dockerfile) -> Option<usize> {
    file.stages.len().checked_sub(1)
}

/// The line (1-based) of an offset.
pub(crate) fn line_of(source: &str, offset: u32) -> usize {
    source[..offset as usize].matches('\n').count() + 1
}

// ─── Images ─────────────────────────────────────────────────────────────────────────────

/// An official Docker Hub image (`python`, `library/python`, `docker.io/library/python`):
/// its name and its tag with the tag's span.
pub(crate) struct Official<'a> {
    pub name: &'a str,
    pub tag: Option<(&'a str, Span)>,
}

/// The official image a FROM word names, if it names one (no other registry, no
/// organisation).
pub(crate) fn official(word: &Word) -> Option<Official<'_>> {
    let r = ImageRef::parse(&word.text);
    if !matches!(r.registry(), None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")) {
        return None;
    }
    let name = r.name();
    let name = name.strip_prefix("library/").unwrap_or(name);
    if name.contains('/') || name.is_empty() {
        return None;
    }
    let tag = r.tag.clone().map(|range| (&word.text[range.clone()], word.sub_span(range)));
    Some(Official { name, tag })
}

/// The lower-case name (with registry and organisation) and tag of an image word.
pub(crate) fn image_parts(word: &Word) -> (String, String) {
    let r = ImageRef::parse(&word.text);
    let full = match r.registry() {
        Some(reg) => format!("{reg}/{}", r.name()),
        None => r.name().to_string(),
    };
    (full.to_ascii_lowercase(), r.tag().unwrap_or("").to_ascii_lowercase())
}

/// What a base image is known to lack.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lacks {
    pub curl: bool,
    pub wget: bool,
}

/// Which of curl and wget a base image is known not to ship. Only images whose contents
/// are well known are listed; anything else is taken as possibly having both.
pub(crate) fn base_lacks(word: &Word) -> Lacks {
    let text = word.text.to_ascii_lowercase();
    if text == "scratch" {
        return Lacks { curl: true, wget: true };
    }
    let (name, tag) = image_parts(word);
    if word.text.contains('$') {
        return Lacks::default();
    }
    if name.starts_with("gcr.io/distroless/") {
        return Lacks { curl: true, wget: true };
    }
    let Some(o) = official(word) else { return Lacks::default() };
    let variant = |v: &str| tag.split('-').any(|p| p == v);
    match o.name {
        // Alpine has BusyBox's wget but no curl.
        "alpine" => Lacks { curl: true, wget: false },
        "debian" | "ubuntu" => Lacks { curl: true, wget: true },
        "python" | "node" | "ruby" | "openjdk" | "perl" | "rust" | "golang" => {
            if variant("slim") {
                Lacks { curl: true, wget: true }
            } else if tag.contains("alpine") {
                Lacks { curl: true, wget: false }
            } else {
                Lacks::default()
            }
        }
        _ => Lacks::default(),
    }
}

// ─── Commands of CMD, ENTRYPOINT, HEALTHCHECK ───────────────────────────────────────────

/// The span of a JSON string item without its quotes, when it is written without escapes.
pub(crate) fn item_span(w: &Word) -> Span {
    if w.span.len() as usize == w.text.len() + 2 {
        Span::new(w.span.start + 1, w.span.end - 1)
    } else {
        w.span
    }
}

/// An exec-form item as a shell word.
fn item_word(w: &Word) -> ShWord {
    ShWord {
        span: item_span(w),
        start: 0,
        end: 0,
        raw: w.text.clone(),
        value: Some(w.text.clone()),
        parts: Vec::new(),
    }
}

fn is_shell_program(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(base, "sh" | "bash" | "ash" | "dash" | "zsh")
}

/// The commands a CMD, ENTRYPOINT or HEALTHCHECK command runs: the parsed shell of the
/// shell form; for the exec form, the array as one command, or the parsed string of
/// `["sh", "-c", "…"]`. None for a non-POSIX SHELL or an empty command.
pub(crate) fn command_script(instr: &Instruction, command: &Command, posix: bool) -> Option<Script> {
    match command {
        Command::Shell { text, logical_offset, .. } => {
            posix.then(|| Script::parse(&text.text, &SpanMap::Logical(&instr.logical, *logical_offset)))
        }
        Command::Exec { span, args } => {
            let first = args.first()?;
            if is_shell_program(&first.text)
                && args.len() >= 3
                && args[1].text.starts_with('-')
                && args[1].text.ends_with('c')
            {
                let body = &args[2];
                // Positions are only exact when the item has no escapes.
                if body.span.len() as usize == body.text.len() + 2 {
                    return Some(Script::parse(&body.text, &SpanMap::Direct(body.span.start + 1)));
                }
                let mut script = Script::parse(&body.text, &SpanMap::Direct(0));
                for c in &mut script.commands {
                    c.span = body.span;
                    for w in &mut c.words {
                        w.span = body.span;
                    }
                }
                return Some(script);
            }
            let words = args.iter().map(item_word).collect();
            Some(Script {
                commands: vec![ShCommand {
                    span: *span,
                    assignments: Vec::new(),
                    words,
                    redirects: Vec::new(),
                    joiner: Joiner::Start,
                    depth: 0,
                    in_substitution: false,
                }],
                ..Script::default()
            })
        }
        Command::Empty => None,
    }
}

/// The command of a CMD, ENTRYPOINT or HEALTHCHECK instruction.
pub(crate) fn instruction_command(instr: &Instruction) -> Option<&Command> {
    match (&instr.keyword, &instr.args) {
        (Keyword::Cmd | Keyword::Entrypoint, Args::Command(c)) => Some(c),
        (Keyword::Healthcheck, Args::Healthcheck { command, .. }) => Some(command),
        _ => None,
    }
}

/// The words of a command with wrappers that run the rest as a command taken off:
/// `exec`, `env [VAR=x…]`, `tini --`, `dumb-init`, `gosu user`, `su-exec user`,
/// `nohup`, `time`.
pub(crate) fn unwrapped(words: &[ShWord]) -> &[ShWord] {
    let mut w = words;
    loop {
        let Some(first) = w.first() else { return w };
        let name = first.text().rsplit('/').next().unwrap_or("");
        let skip = match name {
            "exec" | "nohup" | "time" | "command" => 1,
            "env" => {
                1 + w[1..].iter().take_while(|x| x.text().contains('=') || x.text().starts_with('-')).count()
            }
            "tini" | "dumb-init" | "catatonit" => {
                1 + w[1..].iter().take_while(|x| x.text().starts_with('-')).count()
            }
            "gosu" | "su-exec" => 2,
            _ => return w,
        };
        if skip >= w.len() {
            return &w[w.len()..];
        }
        w = &w[skip..];
    }
}

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

/// Whether a COPY/ADD source is the whole build context (`.`, `./`, `*`, `./*`).
pub(crate) fn whole_context(source: &str) -> bool {
    let s = source.trim_matches(|c| c == '"' || c == '\'');
    matches!(s, "." | "./" | "*" | "./*" | "./.")
}

/// A COPY or ADD from the build context (not `--from`): its sources.
pub(crate) fn context_sources(instr: &Instruction) -> &[Word] {
    if !matches!(instr.keyword, Keyword::Copy | Keyword::Add) || instr.flag("from").is_some() {
        return &[];
    }
    let Args::List { items, .. } = &instr.args else { return &[] };
    match items.split_last() {
        Some((_, sources)) => sources,
        None => &[],
    }
}

/// Whether a COPY/ADD source is a URL (ADD downloads it; it is not in the context).
pub(crate) fn is_url(source: &str) -> bool {
    let s = source.trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@")
}

/// Whether a stage (with the stages it is built on) adds files of its own (COPY, ADD).
pub(crate) fn adds_files(file: &Dockerfile, stage: usize) -> bool {
    lineage(file, stage).any(|i| matches!(i.keyword, Keyword::Copy | Keyword::Add))
}

/// Programs that, started without a script to run, wait for a user or for nothing: the
/// image is a development, build or tool environment rather than a service.
const INTERACTIVE: &[&str] = &[
    "bash",
    "sh",
    "ash",
    "dash",
    "zsh",
    "fish",
    "python",
    "python2",
    "python3",
    "node",
    "irb",
    "ruby",
    "perl",
    "php",
    "ipython",
    "jshell",
    "pwsh",
    "powershell",
    "cmd",
];

/// Programs that run nothing of their own: `true`, `echo`, `sleep`, `tail -f`, init
/// systems, an SSH daemon for a development box.
const IDLE: &[&str] = &["true", "echo", "sleep", "tail", "init", "systemd", "sshd", "cat"];

/// Whether the image a stage makes runs an application: it defines a CMD or ENTRYPOINT,
/// and the command is not an interactive shell or interpreter (`CMD ["bash"]`,
/// `CMD ["python3"]`) or an idle command (`sleep infinity`, `tail -f /dev/null`,
/// `/sbin/init`), and it has no ONBUILD triggers. Images that only open a shell are
/// development, build and tool environments, and images with ONBUILD triggers are bases
/// for other images: there compilers, the full image and root are usually wanted.
pub(crate) fn runs_application(file: &Dockerfile, stage: usize, posix: bool) -> bool {
    let (mut cmd, mut entrypoint) = (None, None);
    for instr in lineage(file, stage) {
        match instr.keyword {
            Keyword::Cmd => cmd = Some(instr),
            Keyword::Entrypoint => entrypoint = Some(instr),
            // ONBUILD triggers: a base image for others to build on.
            Keyword::Onbuild => return false,
            _ => {}
        }
    }
    let words_of = |instr: &Instruction| -> Vec<String> {
        let Some(script) = instruction_command(instr).and_then(|c| command_script(instr, c, posix)) else {
            return Vec::new();
        };
        let Some(first) = script.commands.first() else { return Vec::new() };
        unwrapped(&first.words).iter().map(|w| w.text().to_string()).collect()
    };
    let base = |w: &str| w.rsplit(['/', '\\']).next().unwrap_or(w).to_ascii_lowercase();
    let words = match (entrypoint, cmd) {
        (None, None) => return false,
        (Some(e), c) => {
            let ew = words_of(e);
            // An entrypoint script hands over to the CMD.
            let script = ew.first().is_some_and(|p| p.ends_with(".sh") || base(p).contains("entrypoint"));
            match c {
                Some(c) if script || ew.is_empty() => words_of(c),
                _ => ew,
            }
        }
        (None, Some(c)) => words_of(c),
    };
    let Some(program) = words.first().map(|p| base(p)) else { return true };
    let program = program.trim_end_matches(".exe");
    let args: Vec<&String> = words[1..].iter().filter(|a| !a.starts_with('-')).collect();
    let interactive = INTERACTIVE.contains(&program) && args.is_empty() && !words.iter().any(|w| w == "-c");
    !(interactive || IDLE.contains(&program))
}
