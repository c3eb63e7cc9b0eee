//! SS5001: a script downloaded with curl or wget and run straight away by a shell.

use crate::shell::queries::{piped_into, program, program_index, shell_input, substituted, ShellInput, SHELLS};
use crate::rules::prelude::*;

declare_rule! {
    CurlPipeToShell {
        code: "SS5001",
        name: "curl-pipe-to-shell",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not pipe a download from curl or wget into a shell or interpreter",
        why: "`curl … | sh` (or `| python`, `| php`, `sh -c \"$(curl …)\"`) runs whatever the \
              server, or anyone between it and the build, sends, with the build's privileges, \
              and nothing records what it was: a compromised or \
              changed installer silently changes the image. Download the script to a file, \
              check it against a known checksum, then run it, or install a pinned package. \
              The check is droast's DF021; Trivy, Checkov and KICS have no equivalent.",
        bad: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://sh.rustup.rs | sh -s -- -y\n",
        good: "FROM debian:bookworm\nRUN curl -fsSLo /tmp/rustup-init.sh https://sh.rustup.rs \\\n && echo \"32a680a84cf76014915b3f8aa44e3e40731f3af92cd45eb0fcc6264fd257c428  /tmp/rustup-init.sh\" | sha256sum -c - \\\n && sh /tmp/rustup-init.sh -y && rm /tmp/rustup-init.sh\n",
    }
}

/// Programs that download.
const DOWNLOADERS: &[&str] = &["curl", "wget"];

/// Script interpreters that run a program read from standard input.
fn interpreter(name: &str) -> bool {
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    matches!(base, "python" | "perl" | "ruby" | "node" | "php")
}

/// Whether an interpreter called with `args` reads its program from standard input: no
/// program file or inline code (`-c`, `-e`, `-m`, `-r`) before a `-`, a `--` or the end.
fn interpreter_reads_stdin(args: &[ShWord]) -> bool {
    for w in args {
        let t = w.text();
        if t == "-" || t == "--" {
            return true;
        }
        match t.strip_prefix('-') {
            Some(letters) if !letters.starts_with('-') => {
                if letters.contains(['c', 'e', 'E', 'm', 'r']) {
                    return false;
                }
            }
            Some(_) => {}
            None => return false,
        }
    }
    true
}

/// The downloader of a process substitution that follows command `i` (`bash <(curl …)`):
/// the shell grammar reads `<(…)` as a subshell one level deeper after the command.
fn process_substitution<'s>(source: &str, script: &'s Script, i: usize) -> Option<&'s str> {
    let cmd = &script.commands[i];
    let next = script.commands.get(i + 1)?;
    if next.depth != cmd.depth + 1 || next.in_substitution || next.span.start < cmd.span.end {
        return None;
    }
    let between = source.get(cmd.span.end as usize..next.span.start as usize)?;
    if !between.trim_end().ends_with("<(") {
        return None;
    }
    program(next).map(|(n, _)| n).filter(|n| DOWNLOADERS.contains(n))
}

#[derive(Default)]
pub struct CurlPipeToShell;

impl Rule for CurlPipeToShell {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let mut found = Vec::new();
        for (i, cmd) in script.commands.iter().enumerate() {
            let Some(p) = program_index(cmd) else { continue };
            let word = &cmd.words[p];
            let name = crate::shell::queries::base_name(word.text());
            let args = &cmd.words[p + 1..];
            let is_shell = SHELLS.contains(&name);
            let input = if is_shell {
                shell_input(args)
            } else if matches!(name, "eval" | "source" | ".") {
                ShellInput::Command(Some(0))
            } else if interpreter(name) && interpreter_reads_stdin(args) {
                ShellInput::Stdin
            } else {
                continue;
            };
            if input == ShellInput::NoExec {
                continue; // `bash -n` only checks the syntax
            }
            // `bash <(curl …)`, `source <(curl …)`, `sh < <(wget -O- …)`
            if let Some(d) = process_substitution(cx.source, script, i) {
                found.push((
                    word.span,
                    format!("This passes a script downloaded with `{d}` straight into `{name}`, unchecked"),
                ));
                continue;
            }
            let downloader = match input {
                // `curl … | sh`
                ShellInput::Stdin => piped_into(script, i)
                    .into_iter()
                    .filter_map(|c| program(c).map(|(n, _)| n))
                    .find(|n| DOWNLOADERS.contains(n)),
                // `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`
                ShellInput::Command(Some(at)) => args[at..]
                    .iter()
                    .take(if is_shell { 1 } else { args.len() })
                    .flat_map(|w| substituted(script, w))
                    .filter_map(|c| program(c).map(|(n, _)| n))
                    .find(|n| DOWNLOADERS.contains(n)),
                _ => None,
            };
            if let Some(d) = downloader {
                let how = if input == ShellInput::Stdin { "pipes" } else { "passes" };
                found.push((
                    word.span,
                    format!("This {how} a script downloaded with `{d}` straight into `{name}`, unchecked"),
                ));
            }
        }
        for (span, message) in found {
            cx.report(span, message).with_help(
                "Download to a file, verify it (`sha256sum -c`), then run it; or install a pinned package instead.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // `-n` reads the script without running it.
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | bash -n"),
    Case::fires("FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | bash -n +n", &["bash"]),
    Case::fires("FROM debian:12\nRUN curl -fsSL https://get.example.com | sh", &["sh"]),
    Case::fires("FROM debian:12\nRUN curl -sL https://deb.nodesource.com/setup_20.x | bash -", &["bash"]),
    Case::fires(
        "FROM debian:12\nRUN apt-get update && wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes",
        &["bash"],
    ),
    Case::fires(
        "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\"",
        &["sh"],
    ),
    Case::fires("FROM debian:12\nRUN eval \"$(wget -qO- https://example.com/env.sh)\"", &["eval"]),
    Case::fires(
        "FROM debian:12\nRUN curl -fsSL \"https://example.com/$(uname -m)/install\" | tee /tmp/log | /bin/bash",
        &["/bin/bash"],
    ),
    Case::fires(
        "FROM debian:12\nRUN curl -fsSL https://a.example/x.sh | sh && wget -O - https://b.example/y.sh | bash",
        &["sh", "bash"],
    ),
    Case::fires(
        "FROM php:8.3\nRUN curl -sLS https://getcomposer.org/installer | php -- --install-dir=/usr/bin/ --filename=composer",
        &["php"],
    ),
    Case::fires(
        "FROM debian:12\nRUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python3 && curl -L https://cpanmin.us | perl - App::cpanminus",
        &["python3", "perl"],
    ),
    Case::fires(
        "FROM debian:12\nRUN bash <(curl -fsSL https://x.example/install.sh) && source <(wget -qO- https://x.example/env)",
        &["bash", "source"],
    ),
    Case::quiet("FROM debian:12\nRUN diff <(curl -s https://x.example/a) /etc/a && bash <(cat /tmp/x.sh)"),
    Case::quiet("FROM python:3.12\nRUN curl -s https://api.example.com/v | python3 -c 'import json,sys; print(json.load(sys.stdin))'"),
    Case::quiet("FROM python:3.12\nRUN curl -s https://api.example.com/v | python -m json.tool && curl -s https://x/y | perl -ne 'print'"),
    Case::quiet("FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://get.example.com && sh /tmp/i.sh"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/key | gpg --dearmor -o /usr/share/keyrings/k.gpg"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | sh -c 'tar -xz -C /opt'"),
    Case::quiet("FROM debian:12\nRUN echo 'echo hi' | sh"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/a.sh -o a.sh; cat a.sh | sh"),
    Case::quiet("FROM debian:12\nRUN sh -c \"$(cat /tmp/setup.sh)\""),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/users.json | bash /usr/local/bin/import-users.sh"),
    Case::quiet("FROM python:3.12\nRUN curl -fsSL https://example.com/data.csv | python3 /app/load.py --table users"),
    Case::quiet("FROM debian:12\n# RUN curl -fsSL https://get.example.com | sh\nRUN apt-get update"),
    Case::quiet("FROM debian:12\nRUN echo 'Install the CLI with: curl -fsSL https://get.example.com | sh' >> /etc/motd"),
    Case::quiet(
        "FROM debian:12\nRUN sh -c 'curl -fsSLo /tmp/i.sh https://get.example.com && sha256sum -c /tmp/i.sh.sha256 && sh /tmp/i.sh'",
    ),
    Case::quiet("FROM debian:12\nRUN eval \"$(ssh-agent -s)\" && . /etc/os-release && source /opt/venv/bin/activate"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | sudo apt-key add -"),
    Case::quiet("FROM debian:12\nRUN curl -fsSL https://example.com/repo.list | sudo tee /etc/apt/sources.list.d/example.list"),
    Case::quiet("FROM debian:12\nRUN VERSION=\"$(curl -fsSL https://example.com/latest)\" && sh /tmp/install.sh \"$VERSION\""),
    Case::quiet(
        "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | tee install.sh > /dev/null && sha256sum -c install.sh.sha256 && sh install.sh",
    ),
    Case::quiet(
        "FROM python:3.12\nRUN curl -fsSLo /tmp/data.json https://example.com/data.json && python3 - <<'EOF'\nimport json; print(json.load(open('/tmp/data.json')))\nEOF",
    ),
];
