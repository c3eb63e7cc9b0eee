//! SS4008: `apt-get update` in a RUN of its own, apart from the install that needs it.

use super::practice::line_of;
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4008",
    name: "apt-update-alone",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Reproducibility,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "`apt-get update` runs in its own RUN, apart from the install that uses it",
    docs: Docs {
        why: "Docker caches `RUN apt-get update` like any other step and reuses that layer for \
              months, while a later `RUN apt-get install` changes whenever you add a package. \
              The install then reads stale package lists: it installs outdated versions, or \
              fails because the mirror no longer has the files the old lists name. Run the \
              update and the install in the same RUN (`apt-get update && apt-get install …`), \
              so that changing the install also refreshes the lists; it also saves a layer.",
        bad: "FROM debian:bookworm-slim AS build\nRUN apt-get update\nWORKDIR /src\nRUN apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u9\nCOPY hello.c .\nRUN gcc -o /hello hello.c\n\nFROM debian:bookworm-slim\nCOPY --from=build /hello /usr/local/bin/hello\nUSER 10001\nCMD [\"hello\"]\n",
        good: "FROM debian:bookworm-slim AS build\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u9\nWORKDIR /src\nCOPY hello.c .\nRUN gcc -o /hello hello.c\n\nFROM debian:bookworm-slim\nCOPY --from=build /hello /usr/local/bin/hello\nUSER 10001\nCMD [\"hello\"]\n",
    },
};

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

#[derive(Default)]
pub struct Check {
    /// `update` words of lone updates of the current stage (top level, ONBUILD).
    pending: [Vec<Span>; 2],
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword == Keyword::From {
            self.pending = Default::default();
            return;
        }
        let Some(script) = cx.script else { return };
        let slot = usize::from(cx.onbuild);
        let mut updated = false;
        let mut lone = None;
        for cmd in &script.commands {
            if let Some(w) = update_word(cmd) {
                updated = true;
                lone = lone.or(Some(w.span));
            } else if uses_lists(cmd) {
                lone = None;
                if updated {
                    self.pending[slot].clear();
                    continue;
                }
                let line = line_of(cx.source, cmd.span.start);
                for span in std::mem::take(&mut self.pending[slot]) {
                    cx.report(
                        span,
                        format!(
                            "`apt-get update` runs in a RUN of its own: the install at line {line} can use its stale cached package lists"
                        ),
                    )
                    .with_help("Run `apt-get update && apt-get install …` in the same RUN.");
                }
            }
        }
        if let Some(span) = lone {
            self.pending[slot].push(span);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y netcat", &["update"]),
    Case::fires("FROM debian:bookworm\nRUN apt-get -q update\nRUN echo hi\nRUN apt-get upgrade -y", &["update"]),
    Case::fires(
        "FROM ubuntu:24.04\nRUN apt update && echo done\nRUN apt install -y curl && apt install -y git",
        &["update"],
    ),
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
];
