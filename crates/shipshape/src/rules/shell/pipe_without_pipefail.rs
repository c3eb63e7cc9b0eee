//! DL4006: a pipe in RUN while the shell does not have `-o pipefail`.

use crate::rules::prelude::*;
use crate::shell::queries::pipe_span;
use crate::syntax::image::ImageRef;

declare_rule! {
    PipeWithoutPipefail {
        code: "DL4006",
        name: "pipe-without-pipefail",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        summary: "Set the SHELL option `-o pipefail` before a RUN with a pipe in it",
        why: "A pipeline's status is the status of its last command, so in `curl … | tar -x` a \
              failed download goes unnoticed whenever `tar` succeeds, and the build carries on \
              with a broken layer. `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` makes \
              any failing command fail the pipeline. (`/bin/sh` on Debian is dash, which has no \
              pipefail; on Alpine, use `/bin/ash`.) The fix (unsafe) adds that SHELL line, \
              with `/bin/ash` on Alpine, when the base image is one known to have the shell.",
        bad: "FROM debian:bookworm\nRUN curl -fsSL https://example.com/app.tgz | tar -xz\n",
        good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz\n",
    }
}

/// Whether the SHELL in force makes pipes safe (or is not a POSIX shell at all). Like
/// hadolint, every FROM starts over with `/bin/sh`.
///
/// `anchor`: where the fix puts the SHELL line in the current unsafe stretch (above its
/// first RUN with a pipe), so that every finding of the stretch gets the same edit and
/// fix-all adds one line.
#[derive(Default)]
pub struct PipeWithoutPipefail {
    safe: bool,
    anchor: Option<u32>,
}

/// Official images (and families) based on a distribution whose `/bin/bash` exists.
const BASH_IMAGES: &[&str] = &[
    "debian",
    "ubuntu",
    "buildpack-deps",
    "python",
    "node",
    "golang",
    "rust",
    "ruby",
    "php",
    "perl",
    "openjdk",
    "eclipse-temurin",
    "amazoncorretto",
    "maven",
    "gradle",
    "centos",
    "fedora",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "oraclelinux",
    "ubi",
    "ubi8",
    "ubi9",
    "cuda",
];

/// The shell with pipefail that the stage's base image is known to have: `/bin/ash` on
/// Alpine, `/bin/bash` on the Debian, Ubuntu and Red Hat families; None when unknown
/// (scratch, distroless, busybox, Windows, a variable). A stage built on an earlier stage
/// has that stage's base.
fn pipefail_shell(cx: &Cx) -> Option<&'static str> {
    let base = cx.analysis.root_image(cx.file, cx.state.stage?)?;
    shell_of_image(&base.text.to_ascii_lowercase())
}

fn shell_of_image(image: &str) -> Option<&'static str> {
    if image.contains('$') {
        return None;
    }
    let image = ImageRef::parse(image);
    // Official images only (and NVIDIA's and Red Hat's): another namespace may hold anything.
    let path = image.full_name();
    let path = path.strip_prefix("docker.io/").unwrap_or(path);
    let (namespace, name) = path.rfind('/').map_or(("", path), |i| path.split_at(i + 1));
    let trusted = [
        "",
        "library/",
        "nvidia/",
        "redhat/",
        "registry.access.redhat.com/ubi8/",
        "registry.access.redhat.com/ubi9/",
    ];
    if !trusted.contains(&namespace) {
        return None;
    }
    let tag = image.tag().unwrap_or("");
    if tag.contains("windows") || tag.contains("nanoserver") || tag.contains("distroless") {
        return None;
    }
    if name == "alpine" || tag.contains("alpine") {
        return Some("/bin/ash");
    }
    BASH_IMAGES.contains(&name).then_some("/bin/bash")
}

fn base(exe: &str) -> String {
    exe.rsplit(['/', '\\']).next().unwrap_or(exe).to_ascii_lowercase()
}

/// `SHELL [exe, args…]`: a non-POSIX shell, or bash/zsh/ash with `-o pipefail`.
fn shell_is_safe(args: &[Word]) -> bool {
    let Some(exe) = args.first() else { return false };
    let exe = base(&exe.text);
    if ["pwsh", "powershell", "cmd"].iter().any(|p| exe.starts_with(p)) {
        return true;
    }
    let rest = &args[1..];
    matches!(exe.as_str(), "bash" | "zsh" | "ash")
        && rest.iter().any(|a| a.text.starts_with('-') && !a.text.starts_with("--") && a.text.contains('o'))
        && rest.iter().any(|a| a.text == "pipefail")
}

/// Inserts `line` on its own line above the line `offset` is on, with its indentation and
/// the file's line break.
fn insert_line(source: &str, offset: u32, line: &str) -> Edit {
    let start = source[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset as usize..].find('\n').map(|i| offset as usize + i);
    let eol = if end.is_some_and(|e| e > 0 && source.as_bytes()[e - 1] == b'\r') { "\r\n" } else { "\n" };
    Edit::insert(start as u32, format!("{}{line}{eol}", crate::edits::indentation(source, offset)))
}

impl Rule for PipeWithoutPipefail {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (&instr.keyword, &instr.args) {
            (Keyword::From, _) => (self.safe, self.anchor) = (false, None),
            (Keyword::Shell, Args::Command(Command::Exec { args, .. })) => {
                (self.safe, self.anchor) = (shell_is_safe(args), None)
            }
            (Keyword::Run, _) if !self.safe => {
                // pipefail is a POSIX shell option: cmd and PowerShell pipes are another matter.
                if !cx.state.posix_shell() {
                    return;
                }
                let Some(script) = cx.script else { return };
                if !script.has_pipe {
                    return;
                }
                let Some(cmd) = script.commands.iter().find(|c| c.joiner == Joiner::Pipe) else { return };
                let span = pipe_span(script, cmd, cx.source)
                    .or_else(|| cmd.program().map(|w| w.span))
                    .unwrap_or(cmd.span);
                let keyword = instr.keyword_word.span;
                let anchor = *self.anchor.get_or_insert(keyword.start);
                let fix = pipefail_shell(cx).map(|sh| {
                    let shell = crate::edits::same_case(keyword.text(cx.source), "SHELL");
                    let line = format!("{shell} [\"{sh}\", \"-o\", \"pipefail\", \"-c\"]");
                    // Unsafe: every later RUN of the stage runs in this shell, and a pipe
                    // whose first command fails now fails the build.
                    Fix::unsafe_(
                        "Add a SHELL with `-o pipefail`",
                        vec![insert_line(cx.source, anchor, &line)],
                    )
                });
                let d = cx.report(
                    span,
                    "This pipe hides failures of the commands before it: the SHELL lacks `-o pipefail`",
                );
                d.with_help(
                    "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or `/bin/ash` on Alpine) before this RUN.",
                );
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // scratch has no shell to name: reported, not fixed.
    Case::fires("FROM scratch\nRUN wget -O - https://some.site | wc -l > /number", &["|"])
        .fixed("FROM scratch\nRUN wget -O - https://some.site | wc -l > /number"),
    Case::fires("FROM debian\nRUN apt-get update && curl -fsSL x \\\n  | bash - && echo a | tee b", &["|"])
        .fixed("FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN apt-get update && curl -fsSL x \\\n  | bash - && echo a | tee b"),
    Case::fires("FROM debian\nRUN echo \"a|b\" |& grep a", &["|&"]),
    Case::fires(
        "FROM debian\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l",
        &["|"],
    ),
    Case::fires(
        "FROM debian AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM a\nRUN a | b",
        &["|"],
    )
    .fixed("FROM debian AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"),
    Case::fires(
        "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b",
        &["|"],
    ),
    // One SHELL line for all the pipes of the stage, with the RUN's case and indentation.
    Case::fires(
        "FROM python:3.12-slim\n# fetch\n  run curl -fsSL x \\\n    | tar -xz\n  run make\n  run a | b",
        &["|", "|"],
    )
    .fixed("FROM python:3.12-slim\n# fetch\n  shell [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n  run curl -fsSL x \\\n    | tar -xz\n  run make\n  run a | b"),
    Case::fires("# escape=`\r\nFROM node:20-alpine\r\nRUN wget -O - x `\r\n  | sh\r\n", &["|"])
        .fixed("# escape=`\r\nFROM node:20-alpine\r\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\r\nRUN wget -O - x `\r\n  | sh\r\n"),
    // An unknown base image: no fix. A Windows one runs `cmd`, where pipefail means nothing.
    Case::fires("ARG BASE\nFROM $BASE\nRUN a | b\nFROM python:3-windowsservercore\nRUN a | b", &["|"])
        .fixed("ARG BASE\nFROM $BASE\nRUN a | b\nFROM python:3-windowsservercore\nRUN a | b"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command \"Get-ChildItem | Select-Object Name\""),
    Case::quiet("FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build\nFROM build\nRUN dir | more"),
    Case::fires("FROM docker.io/library/ubuntu:24.04\nRUN a | b\nFROM acme/debian:12\nRUN a | b", &["|", "|"])
        .fixed("FROM docker.io/library/ubuntu:24.04\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM acme/debian:12\nRUN a | b"),
    Case::quiet("FROM scratch\nRUN wget -O - https://some.site && wc -l file > /number"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN wget -O - x | wc -l"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"errexit\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"),
    Case::quiet("FROM debian\nSHELL [\"/usr/local/bin/zsh\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"),
    Case::quiet("FROM alpine\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b"),
    Case::quiet("FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value"),
    Case::quiet("FROM mcr.microsoft.com/windows\nSHELL [\"cmd.exe\", \"/c\"]\nRUN dir | more"),
    Case::quiet("FROM debian\nRUN a || b"),
    Case::quiet("FROM debian\nRUN echo 'a | b'"),
    // A `|` in a shell comment, escaped, or inside a quoted regex is not a pipe.
    Case::quiet("FROM debian\nRUN make  # build | test"),
    Case::quiet("FROM debian\nRUN echo a\\|b > /x && grep -E \"^(a|b)$\" /etc/x > /y"),
    // A bare `bash` with the option letters combined.
    Case::quiet("FROM debian\nSHELL [\"bash\", \"-euxo\", \"pipefail\", \"-c\"]\nRUN a | b"),
    // Near misses of the fixed cases.
    Case::quiet("FROM python:3.12-slim\n# fetch\n  shell [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n  run curl -fsSL x \\\n    | tar -xz"),
    Case::quiet("# escape=`\r\nFROM node:20-alpine\r\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\r\nRUN wget -O - x `\r\n  | sh\r\n"),
    Case::quiet("FROM node:20-alpine\nRUN wget -O /x.tgz x && tar -xzf /x.tgz"),
    Case::quiet("FROM debian\nRUN [\"sh\", \"-c\", \"a | b\"]"),
    Case::quiet("FROM debian\nCMD a | b"),
    Case::quiet("FROM acme/debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b"),
    Case::quiet("FROM docker.io/library/ubuntu:24.04\nRUN a && b"),
    Case::quiet("FROM ubuntu:24.04\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nRUN c | d"),
];
