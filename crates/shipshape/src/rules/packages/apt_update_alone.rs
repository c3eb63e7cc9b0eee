//! SS4008: `apt-get update` in a RUN of its own, apart from the install that needs it.

use crate::syntax::text::line_of;
use crate::rules::prelude::*;

declare_rule! {
    AptUpdateAlone {
        code: "SS4008",
        name: "apt-update-alone",
        severity: Warning,
        category: Reproducibility,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "`apt-get update` runs in its own RUN, apart from the install that uses it",
        why: "Docker caches `RUN apt-get update` like any other step and reuses that layer for \
              months, while a later `RUN apt-get install` changes whenever you add a package. \
              The install then reads stale package lists: it installs outdated versions, or \
              fails because the mirror no longer has the files the old lists name. Run the \
              update and the install in the same RUN (`apt-get update && apt-get install …`), \
              so that changing the install also refreshes the lists; it also saves a layer. The \
              fix (unsafe) moves the update in front of the install.",
        bad: "FROM debian:bookworm-slim AS build\nRUN apt-get update\nWORKDIR /src\nRUN apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u9\nCOPY hello.c .\nRUN gcc -o /hello hello.c\n\nFROM debian:bookworm-slim\nCOPY --from=build /hello /usr/local/bin/hello\nUSER 10001\nCMD [\"hello\"]\n",
        good: "FROM debian:bookworm-slim AS build\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u9\nWORKDIR /src\nCOPY hello.c .\nRUN gcc -o /hello hello.c\n\nFROM debian:bookworm-slim\nCOPY --from=build /hello /usr/local/bin/hello\nUSER 10001\nCMD [\"hello\"]\n",
    }
}

fn apt(cmd: &ShCommand) -> bool {
    cmd.is_any(&["apt-get", "apt", "aptitude"])
}

/// The `update` word of `apt-get update`.
fn update_word(cmd: &ShCommand) -> Option<&ShWord> {
    apt(cmd).then(|| cmd.subcommand()).flatten().filter(|w| w.text() == "update")
}

/// Whether a command reads the package lists: an apt install or upgrade, also behind a
/// wrapper (`xargs apt-get install`, `eatmydata apt-get install`).
fn uses_lists(cmd: &ShCommand) -> bool {
    const VERBS: &[&str] =
        &["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "source"];
    let words = &cmd.words;
    words.iter().enumerate().any(|(i, w)| {
        let base = w.text().rsplit('/').next().unwrap_or("");
        matches!(base, "apt-get" | "apt" | "aptitude")
            && words[i + 1..].iter().any(|x| VERBS.contains(&x.text()))
    })
}

/// A lone update waiting for an install: its `update` word, and what the fix needs (the
/// update command's text and the edit that removes it) when it can be moved.
struct Pending {
    span: Span,
    moved: Option<(String, Edit)>,
}

#[derive(Default)]
pub struct AptUpdateAlone {
    /// Lone updates of the current stage (top level, ONBUILD).
    pending: [Vec<Pending>; 2],
}

/// The span of a command from its first assignment or word to its last word or
/// redirection.
fn extent(cmd: &ShCommand) -> Option<Span> {
    let starts = cmd.assignments.iter().map(|a| a.span.start).chain(cmd.words.iter().map(|w| w.span.start));
    let ends = cmd.assignments.iter().map(|a| a.span.end).chain(cmd.words.iter().map(|w| w.span.end));
    let ends = ends.chain(cmd.redirects.iter().map(|r| r.span.end));
    Some(Span::new(starts.min()?, ends.max()?))
}

/// How to take the update out of its RUN: the whole instruction when it is the only
/// command, else the update and the `&&`/`;` that joins it to its neighbour (when it is
/// first or last at the top level). With the update's text, on one line.
fn removal(cx: &Cx, instr: &Instruction, script: &Script, update: &ShCommand) -> Option<(String, Edit)> {
    if !instr.heredocs.is_empty() || update.depth > 0 || update.in_substitution || script.too_complex {
        return None;
    }
    let span = extent(update)?;
    let text = span.text(cx.source);
    if text.contains('\n') || !script.unreadable.is_empty() {
        return None;
    }
    let i = script.commands.iter().position(|c| std::ptr::eq(c, update))?;
    let joined = |gap: Span| {
        let g = gap.text(cx.source);
        let op = g.trim_matches(|c: char| c.is_whitespace() || c == cx.file.escape);
        (op == "&&" || op == ";") && !g.contains('#')
    };
    let edit = if script.commands.len() == 1 {
        Edit::delete(crate::edits::whole_lines(cx.source, instr.span))
    } else if i == 0 {
        let next = script
            .commands
            .get(1)
            .filter(|n| n.depth == 0 && matches!(n.joiner, Joiner::And | Joiner::Seq))?;
        let gap = Span::new(span.end, extent(next)?.start);
        joined(gap).then(|| Edit::delete(Span::new(span.start, gap.end)))?
    } else if i + 1 == script.commands.len() && matches!(update.joiner, Joiner::And | Joiner::Seq) {
        let prev = script.commands[..i].iter().rev().find(|c| c.depth == 0 && !c.in_substitution)?;
        let prev_end = script.commands[..i].iter().filter_map(extent).map(|e| e.end).max()?;
        if prev.depth != 0 {
            return None;
        }
        let gap = Span::new(prev_end, span.start);
        joined(gap).then(|| Edit::delete(Span::new(gap.start, span.end)))?
    } else {
        return None;
    };
    Some((text.to_string(), edit))
}

/// Any apt or dpkg command: one between the update and the install may rely on the lists.
fn touches_apt(script: &Script) -> bool {
    script.commands.iter().any(|c| {
        c.is_any(&["apt-get", "apt", "aptitude", "apt-cache", "apt-mark", "add-apt-repository", "dpkg"])
    })
}

impl Rule for AptUpdateAlone {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword == Keyword::From {
            self.pending = Default::default();
            return;
        }
        let Some(script) = cx.script else { return };
        let slot = usize::from(cx.onbuild);
        let mut updated = false;
        let mut lone: Option<Pending> = None;
        let mut reported = false;
        for cmd in &script.commands {
            if let Some(w) = update_word(cmd) {
                updated = true;
                if lone.is_none() {
                    lone = Some(Pending { span: w.span, moved: removal(cx, instr, script, cmd) });
                }
            } else if uses_lists(cmd) {
                reported = true;
                lone = None;
                if updated {
                    self.pending[slot].clear();
                    continue;
                }
                let line = line_of(cx.source, cmd.span.start);
                // The update goes right before the install, where `&&` keeps the order and
                // the conditions: at the top level, first or after `&&` or `;`.
                let at = extent(cmd).map(|e| e.start).filter(|_| {
                    cmd.depth == 0
                        && !cmd.in_substitution
                        && matches!(cmd.joiner, Joiner::Start | Joiner::And | Joiner::Seq)
                });
                for p in std::mem::take(&mut self.pending[slot]) {
                    // Unsafe: the update now runs (uncached) with every change to the install,
                    // and its layer is gone.
                    let fix = p.moved.zip(at).map(|((text, delete), at)| {
                        Fix::unsafe_(
                            "Move `apt-get update` into the RUN of the install",
                            vec![delete, Edit::insert(at, format!("{text} && "))],
                        )
                    });
                    let d = cx.report(
                        p.span,
                        format!(
                            "`apt-get update` runs in a RUN of its own: the install at line {line} can use its stale cached package lists"
                        ),
                    );
                    d.with_help("Run `apt-get update && apt-get install …` in the same RUN.");
                    if let Some(fix) = fix {
                        d.with_fix(fix);
                    }
                }
            }
        }
        if !updated && !reported && touches_apt(script) {
            for p in &mut self.pending[slot] {
                p.moved = None;
            }
        }
        if let Some(p) = lone {
            self.pending[slot].push(p);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y netcat", &["update"])
        .fixed("FROM debian:bookworm\nRUN apt-get update && apt-get install -y netcat"),
    Case::fires("FROM debian:bookworm\nRUN apt-get -q update\nRUN echo hi\nRUN apt-get upgrade -y", &["update"])
        .fixed("FROM debian:bookworm\nRUN echo hi\nRUN apt-get -q update && apt-get upgrade -y"),
    Case::fires(
        "FROM ubuntu:24.04\nRUN apt update && echo done\nRUN apt install -y curl && apt install -y git",
        &["update"],
    )
    .fixed("FROM ubuntu:24.04\nRUN echo done\nRUN apt update && apt install -y curl && apt install -y git"),
    Case::fires(
        "FROM debian:bookworm\n# lists\nRUN echo start \\\n  && apt-get update\nRUN set -e; \\\n  # tools\n  DEBIAN_FRONTEND=noninteractive apt-get install -y curl",
        &["update"],
    )
    .fixed("FROM debian:bookworm\n# lists\nRUN echo start\nRUN set -e; \\\n  # tools\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl"),
    Case::fires("# escape=`\r\nFROM debian:bookworm\r\nRUN apt-get update\r\nRUN apt-get install `\r\n  -y curl\r\n", &["update"])
        .fixed("# escape=`\r\nFROM debian:bookworm\r\nRUN apt-get update && apt-get install `\r\n  -y curl\r\n"),
    Case::fires("FROM debian:bookworm\nONBUILD RUN apt-get update\nONBUILD RUN apt-get install -y curl", &["update"])
        .fixed("FROM debian:bookworm\nONBUILD RUN apt-get update && apt-get install -y curl"),
    // An apt command in between, an update in the middle, an install after `||`: no fix.
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get update\nRUN apt-cache policy curl\nRUN apt-get install -y curl",
        &["update"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get update\nRUN apt-cache policy curl\nRUN apt-get install -y curl"),
    Case::fires(
        "FROM debian:bookworm\nRUN a && apt-get update && b\nRUN c || apt-get install -y curl",
        &["update"],
    )
    .fixed("FROM debian:bookworm\nRUN a && apt-get update && b\nRUN c || apt-get install -y curl"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update && apt-get install -y netcat"),
    // The install refreshes the lists itself.
    Case::quiet("FROM debian:bookworm\nRUN apt-get update\nRUN apt-get update && apt-get install -y netcat"),
    // Another stage.
    Case::quiet("FROM debian:bookworm AS a\nRUN apt-get update\nFROM debian:bookworm\nRUN apt-get install -y netcat"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update && xargs apt-get install -y < /pkgs\nRUN apt-get install -y curl"),
    // Later apt commands that do not read the lists, and an install that is only echoed.
    Case::quiet(
        "FROM debian:bookworm\nRUN apt-get update\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN echo \"apt-get install -y curl\"",
    ),
    // Near misses of the fixed cases.
    Case::quiet("FROM debian:bookworm\nRUN echo hi\nRUN apt-get -q update && apt-get upgrade -y"),
    Case::quiet("FROM ubuntu:24.04\nRUN echo done\nRUN apt update && apt install -y curl && apt install -y git"),
    Case::quiet(
        "FROM debian:bookworm\n# lists\nRUN echo start\nRUN set -e; \\\n  # tools\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y curl",
    ),
    Case::quiet("# escape=`\r\nFROM debian:bookworm\r\nRUN apt-get update && apt-get install `\r\n  -y curl\r\n"),
    Case::quiet("FROM debian:bookworm\nONBUILD RUN apt-get update && apt-get install -y curl"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update\nRUN apt-cache policy curl"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update\nCOPY a /a\nRUN echo 'apt-get install curl'"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update && echo done\nRUN apt-get update && apt-get install -y git"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN apt-get update"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update\nFROM debian:bookworm\nRUN apt-get update && apt-get install -y curl"),
];
