//! SS2155: `export X=$(cmd)` masks the command's failure (ShellCheck's SC2155).

use crate::shell::queries::{assignment_word, DECLARATIONS};
use crate::shell::spans::word_prefix_span;
use crate::rules::prelude::*;

declare_rule! {
    DeclareAndAssign {
        code: "SS2155",
        name: "declare-and-assign",
        aliases: ["SC2155"],
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "Declare and assign separately so that a failing command substitution is not masked",
        why: "In `export X=$(cmd)` (and with `local`, `declare`, `readonly`, `typeset`) the \
              status of the line is the status of `export`, which succeeds, so a failing `cmd` \
              goes unnoticed even under `set -e` or `&&`. Assign first (`X=$(cmd)`), then \
              export. This is shipshape's equivalent of ShellCheck's SC2155. The fix \
              (unsafe) splits a one-variable `export X=$(cmd)` into `X=$(cmd) && export X` \
              (`X=$(cmd); export X` among commands separated by `;` or lines, for `set -e`).",
        bad: "FROM debian:bookworm\nRUN export ARCH=\"$(dpkg --print-architecture)\" && echo \"$ARCH\"\n",
        good:
            "FROM debian:bookworm\nRUN ARCH=$(dpkg --print-architecture) && export ARCH && echo \"$ARCH\"\n",
    }
}

/// For a declaration of one variable (`export X=$(cmd)`, not in a pipe or after `||`): the assignment first, then the declaration of the name, joined
/// as the commands around it are: `X=$(cmd) && export X` in an `&&` list or last, and
/// `X=$(cmd); export X` before a command that follows after `;` or a line break (so that
/// `set -e` still sees the failure, which it ignores inside an `&&` list). `local` has no
/// fix: `local X` after the assignment would hide it.
fn split(cx: &Cx, script: &Script, i: usize) -> Option<Fix> {
    let cmd = &script.commands[i];
    let [program, word] = &cmd.words[..] else { return None };
    let (name_len, value_at) = assignment_word(word)?;
    let plain = !cmd.in_substitution && cmd.assignments.is_empty() && cmd.redirects.is_empty();
    // In a function, `declare X` (or `typeset X`) after the assignment would make a new
    // local X: only `export` and `readonly` below the top level.
    let global = cmd.depth == 0 || cmd.is_any(&["export", "readonly"]);
    if !plain || !global || cmd.is("local") || value_at != name_len + 1 {
        return None;
    }
    // The next command of the same list (none when the list ends here).
    let next = script.commands[i + 1..]
        .iter()
        .find(|c| c.depth <= cmd.depth)
        .filter(|c| c.depth == cmd.depth)
        .map(|c| c.joiner);
    let and = match (cmd.joiner, next) {
        (Joiner::Or | Joiner::Pipe, _) | (_, Some(Joiner::Pipe)) => return None,
        (Joiner::And, _) | (_, Some(Joiner::And | Joiner::Or) | None) => true,
        _ => false,
    };
    // The blanks (and continuations) between the program and the assignment go with it;
    // not a comment line.
    let gap = Span::new(program.span.start, word.span.start);
    if cx.text(gap).contains('#') {
        return None;
    }
    let name = &word.raw[..name_len];
    let keyword = cx.text(program.span);
    let joined = if and { format!(" && {keyword} {name}") } else { format!("; {keyword} {name}") };
    // Unsafe: the declaration now comes after the assignment, and a failing command
    // substitution now stops the `&&` list (or the build under `set -e`).
    Some(Fix::unsafe_(
        format!("Assign `{name}` first, then `{keyword} {name}`"),
        vec![Edit::delete(gap), Edit::insert(word.span.end, joined)],
    ))
}

#[derive(Default)]
pub struct DeclareAndAssign;

impl Rule for DeclareAndAssign {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = cx.analysable() else { return };
        let mut found = Vec::new();
        for (i, cmd) in script.commands.iter().enumerate().filter(|(_, c)| c.is_any(DECLARATIONS)) {
            let keyword = cmd.name().unwrap_or("export").to_string();
            for w in cmd.args() {
                let Some((name_len, value_at)) = assignment_word(w) else { continue };
                let substitutes = w.parts.iter().any(|p| {
                    matches!(p.kind, PartKind::CommandSub | PartKind::Backtick)
                        && (p.start - w.start) as usize >= value_at
                });
                if substitutes {
                    found.push((
                        word_prefix_span(cx.source, w, name_len),
                        w.raw[..name_len].to_string(),
                        keyword.clone(),
                        split(cx, script, i),
                    ));
                }
            }
        }
        for (span, name, keyword, fix) in found {
            let d = cx.report(
                span,
                format!("`{keyword} {name}=$(…)` hides the command's failure: declare and assign separately"),
            );
            d.with_help(format!("Write `{name}=$(…)` first, then `{keyword} {name}`."));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN export X=$(ls)", &["X"]).fixed("FROM debian\nRUN X=$(ls) && export X"),
    // Several names in one declaration: no fix for those; `readonly` alone gets one.
    Case::fires("FROM debian\nRUN export A=1 B=\"$(ls)\" && readonly C=`id -u`", &["B", "C"])
        .fixed("FROM debian\nRUN export A=1 B=\"$(ls)\" && C=`id -u` && readonly C"),
    Case::fires("FROM debian\nRUN export PATH=$PATH:$(go env GOPATH)/bin", &["PATH"])
        .fixed("FROM debian\nRUN PATH=$PATH:$(go env GOPATH)/bin && export PATH"),
    // In an `&&` list across continuation lines with a comment line.
    Case::fires(
        "FROM golang\nRUN go version \\\n  # the path\n  && export \\\n     GOBIN=\"$(go env GOPATH)/bin\" \\\n  && go install ./...",
        &["GOBIN"],
    )
    .fixed("FROM golang\nRUN go version \\\n  # the path\n  && GOBIN=\"$(go env GOPATH)/bin\" && export GOBIN \\\n  && go install ./..."),
    Case::fires("# escape=`\nFROM debian\nRUN set -e; export ARCH=$(dpkg --print-architecture); `\n  echo $ARCH", &["ARCH"])
        .fixed("# escape=`\nFROM debian\nRUN set -e; ARCH=$(dpkg --print-architecture); export ARCH; `\n  echo $ARCH"),
    // Lines of a heredoc are separated like `;`; the last command joins with `&&`.
    Case::fires(
        "FROM debian\nRUN <<EOF\nset -e\nexport V=$(cat /VERSION)\necho $V\ndeclare W=$(id -u)\nEOF\n",
        &["V", "W"],
    )
    .fixed("FROM debian\nRUN <<EOF\nset -e\nV=$(cat /VERSION); export V\necho $V\nW=$(id -u) && declare W\nEOF\n"),
    Case::fires("FROM debian\nRUN export X=$(ls) || true", &["X"])
        .fixed("FROM debian\nRUN X=$(ls) && export X || true"),
    // In an if/else, across a comment line.
    Case::fires(
        "FROM node\nRUN if [ -n \"$A\" ]; then \\\n    echo a; \\\n  else \\\n    echo b \\\n    # keys\n    && export GNUPGHOME=\"$(mktemp -d)\" \\\n    # more keys\n    && gpg -k; \\\n  fi",
        &["GNUPGHOME"],
    )
    .fixed("FROM node\nRUN if [ -n \"$A\" ]; then \\\n    echo a; \\\n  else \\\n    echo b \\\n    # keys\n    && GNUPGHOME=\"$(mktemp -d)\" && export GNUPGHOME \\\n    # more keys\n    && gpg -k; \\\n  fi"),
    Case::fires("FROM debian\nRUN for i in 1; do export X=$(ls); done", &["X"])
        .fixed("FROM debian\nRUN for i in 1; do X=$(ls) && export X; done"),
    // No fix: after `||`, in a pipe, `declare` in a function, `local`, `+=`, a flag.
    Case::fires(
        "FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { declare y=$(id); echo \"$y\"; }; f",
        &["y"],
    ),
    Case::fires("FROM debian\nRUN test -n \"$X\" || export X=$(ls)", &["X"]),
    Case::fires("FROM debian\nRUN export X=$(ls) | cat", &["X"]),
    Case::fires(
        "FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local x=$(ls); echo \"$x\"; }; f",
        &["x"],
    ),
    Case::fires("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export PATH+=:$(pwd)", &["PATH"]),
    Case::fires("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -x X=$(ls)", &["X"]),
    Case::quiet("FROM debian\nRUN X=$(ls) && export X"),
    Case::quiet("FROM debian\nRUN export X=$Y Z=$((1 + 2))"),
    Case::quiet("FROM debian\nRUN echo X=$(ls)"),
    // Substitutions that are only text: single-quoted and escaped.
    Case::quiet("FROM debian\nRUN export X='$(ls)' Y=\"\\$(id)\""),
    // A substitution that is not an assignment's value (SS2046's business).
    Case::quiet("FROM debian\nRUN export $(grep -v \"^#\" .env | xargs)"),
    // The fixed form inside a function: `local` first, then the assignment.
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local x; x=$(ls); echo \"$x\"; }; f"),
    // ENV is not a shell `export`, and the echoed text is not run.
    Case::quiet("FROM debian\nENV X=$(ls)\nRUN echo \"export X=$(ls)\""),
    Case::quiet("FROM debian\nRUN X=$(ls); export X"),
    Case::quiet("# escape=`\nFROM debian\nRUN X=$(ls) `\n  && readonly X"),
    Case::quiet("FROM debian\nRUN export X=\"$HOME/bin\" && export Y"),
    Case::quiet("FROM debian\nRUN export X && X=$(ls)"),
    Case::quiet("FROM debian\nRUN readonly X=1 Y=${X}"),
    Case::quiet("FROM debian\n# export X=$(ls)\nRUN true"),
    Case::quiet("FROM debian\nRUN <<EOF\nX=$(ls)\nexport X\nEOF\n"),
    Case::quiet("FROM debian\nRUN env X=$(ls) make"),
    Case::quiet("FROM debian\nRUN exports=$(ls) && echo $exports"),
    Case::quiet("FROM debian\nCMD export X=$(ls)"),
    Case::quiet("FROM debian\nRUN echo export X=1"),
    Case::quiet("FROM debian\nRUN export X=$((1+2)) Y=\"\\`echo\\`\" && true"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN declare -r X=1"),
    Case::quiet("FROM debian\nRUN set -e && X=$(ls) && export X"),
    Case::quiet("FROM debian\nRUN typeset X; X=$(ls)"),
    Case::quiet("FROM debian\nRUN if true; then X=$(ls) && export X; fi"),
    Case::quiet("FROM debian\nRUN for i in 1 2; do export X=$i; done"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local y; y=$(id); }; f"),
    Case::quiet("FROM debian\nRUN ( X=$(ls); export X )"),
    Case::quiet("FROM debian\nRUN export X=\"\\$(echo)\" # $(comment)\n"),
    Case::quiet("FROM debian\nRUN export"),
    Case::quiet("FROM debian\nRUN export \"X=1\""),
    Case::quiet("FROM debian\nRUN X=\"$(printf '%s' '')\"x && export X"),
];
