//! SS2016: `$var` inside single quotes, where it does not expand (ShellCheck's SC2016).


use crate::shell::spans::{part_span, part_text};
use crate::rules::prelude::*;

declare_rule! {
    SingleQuotedExpansion {
        code: "SS2016",
        name: "single-quoted-expansion",
        aliases: ["SC2016"],
        severity: Info,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: 
        "Expressions do not expand in single quotes: use double quotes if expansion was meant"
    ,
        why: "Inside single quotes `$HOME`, `${VAR}`, `$(cmd)` and backticks stay literal text. \
              That is often intended (a script for another shell, an awk or sed program), and \
              the commands that usually take such text are not reported; elsewhere, a `$` in \
              single quotes is commonly a mistake where double quotes were meant. This is \
              shipshape's equivalent of ShellCheck's SC2016.",
        bad: "FROM debian:bookworm\nRUN echo 'Building in $HOME' > /build.log\n",
        good: "FROM debian:bookworm\nRUN echo \"Building in $HOME\" > /build.log\n",
    }
}

/// Commands whose single-quoted arguments are expected to hold expressions for another
/// interpreter (or a later expansion).
const EXEMPT: &[&str] = &[
    "trap",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "docker",
    "podman",
    "oc",
    "dpkg-query",
    "jq",
    "rename",
    "rg",
    "unset",
    "git filter-branch",
];

/// Assignments to prompt variables, which expand when the prompt is shown.
const PROMPTS: &[&str] = &["PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND"];

#[derive(Default)]
pub struct SingleQuotedExpansion;

/// The command that would read the text: the program, seen through wrappers that run
/// their first argument (`time`, `exec`, `command`, `busybox`), `find -exec`'s command and
/// `git filter-branch`.
fn effective_name(cmd: &ShCommand) -> String {
    let words = &cmd.words;
    let mut i = 0;
    while let Some(w) = words.get(i) {
        let base = w.text().rsplit('/').next().unwrap_or("");
        match base {
            "time" | "exec" | "command" | "builtin" | "busybox" => {
                match words.get(i + 1).filter(|n| !n.text().starts_with('-')) {
                    Some(_) => i += 1,
                    None => return base.to_string(),
                }
            }
            "find" => {
                let exec = words[i + 1..].iter().position(|w| matches!(w.text(), "-exec" | "-execdir"));
                return match exec.and_then(|p| words.get(i + 2 + p)) {
                    Some(c) => c.text().rsplit('/').next().unwrap_or("").to_string(),
                    None => "find".to_string(),
                };
            }
            "git" if words.get(i + 1).is_some_and(|a| a.text() == "filter-branch") => {
                return "git filter-branch".to_string();
            }
            _ => return base.to_string(),
        }
    }
    String::new()
}

/// `$x`, `${`, `$(`, `$1` or a backquoted command: what would expand in double quotes.
fn has_expression(inner: &str) -> bool {
    let b = inner.as_bytes();
    let dollar = b.windows(2).any(|w| {
        w[0] == b'$' && (w[1] == b'{' || w[1] == b'(' || w[1] == b'_' || w[1].is_ascii_alphanumeric())
    });
    if dollar {
        return true;
    }
    let ticks: Vec<usize> = inner.match_indices('`').map(|(i, _)| i).collect();
    ticks.windows(2).any(|w| w[1] > w[0] + 1)
}

/// sed's own `$` (last line) in `$d`, `$p`, `${…}` …
fn sed_address(inner: &str) -> bool {
    let b = inner.as_bytes();
    b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'$' && b"{dpsaic".contains(&w[1]) && b.get(i + 2).is_none_or(|c| !c.is_ascii_alphabetic())
    })
}

impl Rule for SingleQuotedExpansion {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = cx.analysable() else { return };
        let mut found = Vec::new();
        for cmd in &script.commands {
            let name = effective_name(cmd);
            if EXEMPT.contains(&name.as_str()) || name.ends_with("awk") || name.starts_with("perl") {
                continue;
            }
            let mut words: Vec<&ShWord> = cmd.words.iter().collect();
            words.extend(
                cmd.redirects
                    .iter()
                    .filter(|r| !r.op.starts_with("<<") || r.op == "<<<")
                    .filter_map(|r| r.target.as_ref()),
            );
            if name.is_empty() {
                words.extend(
                    cmd.assignments
                        .iter()
                        .filter(|a| !PROMPTS.contains(&a.name.as_str()))
                        .filter_map(|a| a.value.as_ref()),
                );
            } else {
                words.extend(cmd.assignments.iter().filter_map(|a| a.value.as_ref()));
            }
            for w in words {
                for (i, p) in w.parts.iter().enumerate().filter(|(_, p)| p.kind == PartKind::SingleQuoted) {
                    // `$'…'` is an ANSI-C string, not a single-quoted one.
                    if i > 0 && part_text(w, &w.parts[i - 1]).ends_with('$') {
                        continue;
                    }
                    let inner = part_text(w, p).trim_matches('\'');
                    if !has_expression(inner) || (name == "sed" && sed_address(inner)) {
                        continue;
                    }
                    found.push(part_span(cx.source, w, p));
                }
            }
        }
        for span in found {
            cx.report(span, "Expressions do not expand in single quotes")
                .with_help("Use double quotes if the value should expand; keep single quotes if the text is meant literally.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN echo '$HOME'", &["'$HOME'"]),
    Case::fires(
        "FROM debian\nRUN echo 'export PATH=$PATH:/opt/bin' >> ~/.bashrc && echo '`date`' 'a$(id)'",
        &["'export PATH=$PATH:/opt/bin'", "'`date`'", "'a$(id)'"],
    ),
    Case::fires("FROM debian\nRUN sed -i 's/$x/y/' f && X='${Y}'", &["'s/$x/y/'", "'${Y}'"]),
    Case::fires("FROM debian\nRUN find . -name '$x' && su -c 'echo $X' app", &["'$x'", "'echo $X'"]),
    Case::quiet("FROM debian\nRUN awk '{print $1}' f && gawk '{print $2}' f && perl -pe 's/$x//' f"),
    Case::quiet("FROM debian\nRUN sh -c 'echo $HOME' && bash -c 'echo $1' && sudo sh -c 'echo $X'"),
    Case::quiet("FROM debian\nRUN find . -exec sh -c 'echo $1' _ {} \\; && jq '.x | $y' f"),
    Case::quiet("FROM debian\nRUN sed '$d' f && sed -e '${/x/d}' f && sed '/^$/d' f"),
    Case::quiet("FROM debian\nRUN echo '$' 'a$ b' \"'$x'\""),
    Case::quiet("FROM debian\nRUN dpkg-query -W -f='${Version}' curl && PS1='$PWD'"),
    Case::quiet("FROM debian\nRUN time sh -c 'echo $X' && busybox awk '{print $1}'"),
    // Commands whose quoted text expands later: trap handlers, remote commands, aliases.
    Case::quiet("FROM debian\nRUN trap 'rm -f $TMP' EXIT && ssh host 'echo $HOME' && alias ll='ls $X'"),
    // `$'…'` is an ANSI-C string, not a single-quoted one.
    Case::quiet("FROM debian\nRUN printf $'a\\t$x\\n' > /f"),
];
