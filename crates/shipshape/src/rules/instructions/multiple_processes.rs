//! SS4010: a CMD or ENTRYPOINT that starts more than one long-running process.

use crate::analysis::startup::{command_script, instruction_command, unwrapped};
use crate::rules::prelude::*;

declare_rule! {
    MultipleProcesses {
        code: "SS4010",
        name: "multiple-processes",
        severity: Info,
        category: Maintainability,
        fix: None,
        origin: Shipshape,
        summary: "The container command starts more than one long-running process",
        why: "A container is meant to run one service: its lifetime, logs, health and scaling \
              are those of its main process. Starting a second process in the background \
              (`worker & server`), starting daemons with `service x start && …`, or running a \
              process supervisor such as supervisord hides crashes of the other processes from \
              Docker, mixes their logs, and prevents scaling the web server and the worker \
              separately. Run each process in its own container from the same image.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py worker.py ./\nUSER 10001\nCMD [\"sh\", \"-c\", \"python worker.py & exec python app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py worker.py ./\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

/// Offsets of `&` control operators (not `&&`, `>&`, `<&`, `&>`) outside quotes and
/// comments.
fn background_ops(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if single {
            single = c != b'\'';
        } else if c == b'\\' {
            i += 1;
        } else if double {
            double = c != b'"';
        } else {
            match c {
                b'\'' => single = true,
                b'"' => double = true,
                b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'&' => {
                    if b.get(i + 1) == Some(&b'&') {
                        i += 1;
                    } else if !(i > 0 && matches!(b[i - 1], b'>' | b'<')) && b.get(i + 1) != Some(&b'>') {
                        out.push(i);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    out
}

/// Starting a system service: `service x start`, `/etc/init.d/x start`, `rc-service x
/// start`, `systemctl start x`.
fn starts_service(cmd: &ShCommand) -> Option<&ShWord> {
    let program = cmd.program()?;
    let t = program.text();
    let start = cmd.args().iter().any(|a| matches!(a.text(), "start" | "restart"));
    let service =
        matches!(cmd.name(), Some("service" | "rc-service" | "systemctl")) || t.starts_with("/etc/init.d/");
    (service && start).then_some(program)
}

/// Where the shell text of a command sits in the source.
#[derive(Clone, Copy)]
enum Place {
    /// At this offset of the instruction's logical line.
    Logical(u32),
    /// At this source offset, written plainly.
    Direct(u32),
    /// Somewhere in this span (a JSON string with escapes).
    Whole(Span),
}

#[derive(Default)]
pub struct MultipleProcesses;

impl Rule for MultipleProcesses {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !matches!(instr.keyword, Keyword::Cmd | Keyword::Entrypoint) {
            return;
        }
        let Some(command) = instruction_command(instr) else { return };
        let posix = cx.state.posix_shell();
        let kind = instr.keyword.as_str();
        let mut found: Vec<(Span, String)> = Vec::new();

        // Background operators in the shell text.
        let shell_text: Option<(&str, Place)> = match command {
            Command::Shell { text, logical_offset, .. } if posix => {
                Some((&text.text, Place::Logical(*logical_offset)))
            }
            Command::Exec { args, .. }
                if args.len() >= 3
                    && matches!(args[0].text.rsplit('/').next(), Some("sh" | "bash" | "ash" | "dash"))
                    && args[1].text.starts_with('-')
                    && args[1].text.ends_with('c') =>
            {
                let body = &args[2];
                let exact = body.span.len() as usize == body.text.len() + 2;
                Some((
                    &body.text,
                    if exact { Place::Direct(body.span.start + 1) } else { Place::Whole(body.span) },
                ))
            }
            _ => None,
        };
        if let Some((text, place)) = shell_text {
            for at in background_ops(text) {
                // A trailing `&` with nothing after it is a single process.
                if text[at + 1..].trim().is_empty() {
                    continue;
                }
                let at = at as u32;
                let span = match place {
                    Place::Logical(off) => instr.logical.source_span(off + at, off + at + 1),
                    Place::Direct(start) => Span::new(start + at, start + at + 1),
                    Place::Whole(span) => span,
                };
                found.push((span, format!("This {kind} runs a process in the background with `&`")));
            }
        }

        if let Some(script) = command_script(instr, command, posix) {
            let cmds = &script.commands;
            for (i, cmd) in cmds.iter().enumerate() {
                let words = unwrapped(&cmd.words);
                if let Some(w) = words.first().filter(|w| w.text().rsplit('/').next() == Some("supervisord"))
                {
                    found.push((w.span, format!("This {kind} runs supervisord to manage several processes")));
                } else if let Some(w) = starts_service(cmd) {
                    if i + 1 < cmds.len() {
                        found.push((
                            w.span,
                            format!("This {kind} starts a service and then runs another command"),
                        ));
                    }
                }
            }
        }
        crate::sort::by_key(&mut found, |f| f.0.start);
        for (span, message) in found {
            cx.report(span, message).with_help(
                "Run one process per container: start each service in its own container from the same image.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm\nCMD nginx & python app.py", &["&"]),
    Case::fires("FROM debian:bookworm\nCMD [\"/bin/sh\", \"-c\", \"celery worker & gunicorn app:app\"]", &["&"]),
    Case::fires("FROM debian:bookworm\nCMD service nginx start && python app.py", &["service"]),
    Case::fires("FROM debian:bookworm\nCMD /etc/init.d/cron start; tail -f /var/log/cron.log", &["/etc/init.d/cron"]),
    Case::fires("FROM debian:bookworm\nCMD [\"/usr/bin/supervisord\", \"-n\", \"-c\", \"/etc/supervisor/supervisord.conf\"]", &["/usr/bin/supervisord"]),
    Case::fires("FROM debian:bookworm\nENTRYPOINT exec supervisord -n", &["supervisord"]),
    Case::quiet("FROM debian:bookworm\nCMD python app.py && echo done"),
    Case::quiet("FROM debian:bookworm\nCMD [\"python\", \"app.py\", \"&\"]"),
    Case::quiet("FROM debian:bookworm\nCMD python app.py > /var/log/app.log 2>&1"),
    Case::quiet("FROM debian:bookworm\nCMD echo 'a & b' && exec app"),
    Case::quiet("FROM debian:bookworm\nCMD service nginx start"),
    Case::quiet("FROM debian:bookworm\nRUN service mysql start && mysql < init.sql"),
    // Redirections with `&`, and `&&` chains, in shell and exec form.
    Case::quiet("FROM debian:bookworm\nCMD python app.py &> /var/log/app.log"),
    Case::quiet("FROM debian:bookworm\nCMD [\"sh\", \"-c\", \"exec gunicorn app:app 2>&1\"]"),
    Case::quiet("FROM debian:bookworm\nCMD [\"bash\", \"-c\", \"python manage.py migrate && exec gunicorn app:app\"]"),
    // A service command that does not start it.
    Case::quiet("FROM debian:bookworm\nCMD service nginx configtest && exec nginx -g 'daemon off;'"),
    // In PowerShell, `&` is the call operator.
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nCMD & C:/app/app.exe --port 80"),
    // An entrypoint script handing over to the command.
    Case::quiet("FROM nginx:1.27\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"nginx\", \"-g\", \"daemon off;\"]"),
];
