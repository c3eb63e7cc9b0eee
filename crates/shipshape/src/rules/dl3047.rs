//! DL3047: `wget` without `--progress` (or a quiet flag).

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3047",
    name: "wget-without-progress",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Give `wget` `--progress=dot:giga`, or `-q`/`-nv`, to keep build logs short",
    docs: Docs {
        why: "Without a terminal, `wget` falls back to printing a line of dots for every few \
              kilobytes, so downloading a large file floods the build log with thousands of \
              lines. `--progress=dot:giga` keeps a progress display with one dot per megabyte; \
              `-q` or `-nv` (`--no-verbose`) drop it altogether.",
        bad: "FROM debian:bookworm\nRUN wget https://example.com/big.tar.gz\n",
        good: "FROM debian:bookworm\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n",
    },
};

#[derive(Default)]
pub struct Check;

/// Flags that set the progress display, silence wget, or send its log to a file.
const QUIET: &[&str] = &["progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose"];

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let spans: Vec<Span> = script
            .commands
            .iter()
            .filter(|c| c.is("wget") && !c.has_any_flag(QUIET) && !c.has_arg("-nv"))
            .filter_map(|c| c.program())
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "`wget` without `--progress` fills the build log with progress dots")
                .with_help("Use `wget --progress=dot:giga …`, or `wget -q`/`wget -nv`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN wget my.xyz", &["wget"]),
    Case::fires("FROM node\nRUN wget -nv a.xyz && wget -O /tmp/b b.xyz", &["wget"]),
    Case::quiet("FROM node\nRUN wget --progress=dot:giga my.xyz"),
    Case::quiet("FROM node\nRUN wget -q my.xyz"),
    Case::quiet("FROM node\nRUN wget -qO- my.xyz | sh"),
    Case::quiet("FROM node\nRUN wget --quiet my.xyz"),
    Case::quiet("FROM node\nRUN wget -nv my.xyz"),
    Case::quiet("FROM node\nRUN wget --no-verbose my.xyz"),
    Case::quiet("FROM node\nRUN wget --output-file=/tmp/wget.log my.xyz"),
    Case::quiet("FROM node\nRUN wget -o /tmp/wget.log my.xyz"),
    Case::quiet("FROM node\nRUN wget --append-output=/tmp/wget.log my.xyz"),
    Case::quiet("FROM node\nRUN wget -a /tmp/wget.log my.xyz"),
];
