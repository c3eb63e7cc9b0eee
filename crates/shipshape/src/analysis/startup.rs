//! What a stage's image runs: the commands of CMD, ENTRYPOINT and HEALTHCHECK as shell
//! scripts, past wrappers such as `tini` and `gosu`, and whether the image runs an
//! application at all.

use super::Analysis;
use crate::shell::{Command as ShCommand, Joiner, Script, ShWord, SpanMap};
use crate::syntax::{Args, Command, Dockerfile, Instruction, Keyword, Span, Word};

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
pub(crate) fn runs_application(analysis: &Analysis, file: &Dockerfile, stage: usize, posix: bool) -> bool {
    let (mut cmd, mut entrypoint) = (None, None);
    for instr in analysis.lineage(file, stage) {
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
