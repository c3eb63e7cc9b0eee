//! DL4006: a pipe in RUN while the shell does not have `-o pipefail`.

use super::shellcheck_common::pipe_span;
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL4006",
    name: "pipe-without-pipefail",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Set the SHELL option `-o pipefail` before a RUN with a pipe in it",
    docs: Docs {
        why: "A pipeline's status is the status of its last command, so in `curl … | tar -x` a \
              failed download goes unnoticed whenever `tar` succeeds, and the build carries on \
              with a broken layer. `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` makes \
              any failing command fail the pipeline. (`/bin/sh` on Debian is dash, which has no \
              pipefail; on Alpine, use `/bin/ash`.)",
        bad: "FROM debian:bookworm\nRUN curl -fsSL https://example.com/app.tgz | tar -xz\n",
        good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tgz | tar -xz\n",
    },
};

/// Whether the SHELL in force makes pipes safe (or is not a POSIX shell at all). Like
/// hadolint, every FROM starts over with `/bin/sh`.
#[derive(Default)]
pub struct Check {
    safe: bool,
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

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (&instr.keyword, &instr.args) {
            (Keyword::From, _) => self.safe = false,
            (Keyword::Shell, Args::Command(Command::Exec { args, .. })) => self.safe = shell_is_safe(args),
            (Keyword::Run, _) if !self.safe => {
                let Some(script) = cx.script else { return };
                if !script.has_pipe {
                    return;
                }
                let Some(cmd) = script.commands.iter().find(|c| c.joiner == Joiner::Pipe) else { return };
                let span = pipe_span(script, cmd, cx.source)
                    .or_else(|| cmd.program().map(|w| w.span))
                    .unwrap_or(cmd.span);
                cx.report(span, "This pipe hides failures of the commands before it: the SHELL lacks `-o pipefail`")
                    .with_help(
                        "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or `/bin/ash` on Alpine) before this RUN.",
                    );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM scratch\nRUN wget -O - https://some.site | wc -l > /number", &["|"]),
    Case::fires("FROM debian\nRUN apt-get update && curl -fsSL x \\\n  | bash - && echo a | tee b", &["|"]),
    Case::fires("FROM debian\nRUN echo \"a|b\" |& grep a", &["|&"]),
    Case::fires(
        "FROM debian\nSHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -O - https://some.site | wc -l",
        &["|"],
    ),
    Case::fires(
        "FROM debian AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nFROM a\nRUN a | b",
        &["|"],
    ),
    Case::fires(
        "FROM debian\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nSHELL [\"/bin/sh\", \"-c\"]\nRUN a | b",
        &["|"],
    ),
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
];
