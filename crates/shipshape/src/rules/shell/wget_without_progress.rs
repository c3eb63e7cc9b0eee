//! DL3047: `wget` without `--progress` (or a quiet flag).

use crate::rules::prelude::*;

declare_rule! {
    WgetWithoutProgress {
        code: "DL3047",
        name: "wget-without-progress",
        severity: Info,
        category: Maintainability,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "Give `wget` `--progress=dot:giga`, or `-q`/`-nv`, to keep build logs short",
        why: "Without a terminal, `wget` falls back to printing a line of dots for every few \
              kilobytes, so downloading a large file floods the build log with thousands of \
              lines. `--progress=dot:giga` keeps a progress display with one dot per megabyte; \
              `-q` or `-nv` (`--no-verbose`) drop it altogether. The fix adds \
              `--progress=dot:giga` (unsafe: BusyBox's wget rejects it), or `-q` in stages \
              built on Alpine or BusyBox.",
        bad: "FROM debian:bookworm\nRUN wget https://example.com/big.tar.gz\n",
        good: "FROM debian:bookworm\nRUN wget --progress=dot:giga https://example.com/big.tar.gz\n",
    }
}

#[derive(Default)]
pub struct WgetWithoutProgress;

/// Flags that set the progress display, silence wget, or send its log to a file.
const QUIET: &[&str] = &["progress", "q", "quiet", "o", "output-file", "a", "append-output", "no-verbose"];

/// Whether a stage runs `apk` in one of its RUNs.
fn runs_apk(cx: &Cx, stage: &crate::syntax::Stage) -> bool {
    let Some(instrs) = cx.file.instructions.get(stage.instructions.clone()) else { return false };
    instrs
        .iter()
        .filter(|instr| instr.keyword == Keyword::Run)
        .any(|instr| crate::shell::Script::of_run(instr, cx.source).is_some_and(|script| script.uses("apk")))
}

/// Whether the current stage is built on Alpine or BusyBox: its base image's name says so
/// (through earlier stages it builds on), or one of these stages, or another stage on the
/// same image, runs `apk`. Their `wget` is BusyBox's, which knows `-q` but not `--progress`.
fn busybox_base(cx: &Cx) -> bool {
    if cx.onbuild {
        return false; // the trigger runs on a child image
    }
    let stages = &cx.file.stages;
    let Some(stage) = cx.state.stage else { return false };
    if cx.analysis.ancestry(stage).into_iter().any(|i| stages.get(i).is_some_and(|s| runs_apk(cx, s))) {
        return true;
    }
    let Some(base) = cx.analysis.root_image(cx.file, stage) else { return false };
    let image = base.text.to_ascii_lowercase();
    image.contains("alpine")
        || image.contains("busybox")
        || stages
            .iter()
            .filter(|s| s.base.as_ref().is_some_and(|b| b.text == base.text))
            .any(|s| runs_apk(cx, s))
}

impl Rule for WgetWithoutProgress {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let spans: Vec<Span> = script
            .commands
            .iter()
            .filter(|c| c.is("wget") && !c.has_any_flag(QUIET) && !c.has_arg("-nv"))
            .filter_map(|c| c.program())
            .map(|w| w.span)
            .collect();
        if spans.is_empty() {
            return;
        }
        // Only for a RUN with a finding: it looks at every RUN of the related stages.
        let busybox = busybox_base(cx);
        for span in spans {
            let fix = if busybox {
                // Safe: both wgets know `-q`, which only silences the log.
                Fix::safe("Add `-q`", vec![Edit::insert(span.end, " -q")])
            } else {
                // Unsafe: BusyBox's wget (Alpine's) fails on `--progress`.
                Fix::unsafe_(
                    "Add `--progress=dot:giga`",
                    vec![Edit::insert(span.end, " --progress=dot:giga")],
                )
            };
            cx.report(span, "`wget` without `--progress` fills the build log with progress dots")
                .with_help("Use `wget --progress=dot:giga …`, or `wget -q`/`wget -nv`.")
                .with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN wget my.xyz", &["wget"]).fixed("FROM node\nRUN wget --progress=dot:giga my.xyz"),
    Case::fires("FROM node\nRUN wget -nv a.xyz && wget -O /tmp/b b.xyz", &["wget"])
        .fixed("FROM node\nRUN wget -nv a.xyz && wget --progress=dot:giga -O /tmp/b b.xyz"),
    Case::fires(
        "FROM debian\nRUN cd /tmp \\\n# the sources\n && wget \\\n    https://example.com/a.tar.gz \\\n && /usr/bin/wget https://example.com/b.tar.gz",
        &["wget", "/usr/bin/wget"],
    )
    .fixed("FROM debian\nRUN cd /tmp \\\n# the sources\n && wget --progress=dot:giga \\\n    https://example.com/a.tar.gz \\\n && /usr/bin/wget --progress=dot:giga https://example.com/b.tar.gz"),
    Case::fires("# escape=`\nFROM debian\nRUN wget `\n    https://example.com/a.tar.gz", &["wget"])
        .fixed("# escape=`\nFROM debian\nRUN wget --progress=dot:giga `\n    https://example.com/a.tar.gz"),
    // Alpine's BusyBox wget has no `--progress`: `-q`, also through a named stage.
    Case::fires("FROM alpine:3.20\nRUN wget -O /tmp/a https://example.com/a", &["wget"])
        .fixed("FROM alpine:3.20\nRUN wget -q -O /tmp/a https://example.com/a"),
    Case::fires(
        "FROM busybox AS base\nFROM base\nRUN wget https://example.com/a",
        &["wget"],
    )
    .fixed("FROM busybox AS base\nFROM base\nRUN wget -q https://example.com/a"),
    // A stage that runs apk is Alpine's, whatever its image is called, and so is another
    // stage on the same image.
    Case::fires(
        "FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2\nFROM debian\nFROM docker:27-cli\nRUN wget -O /tmp/a https://example.com/a",
        &["wget"],
    )
    .fixed("FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2\nFROM debian\nFROM docker:27-cli\nRUN wget -q -O /tmp/a https://example.com/a"),
    Case::fires(
        "FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2\nFROM docker:27-dind\nRUN wget -O /tmp/a https://example.com/a",
        &["wget"],
    )
    .fixed("FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2\nFROM docker:27-dind\nRUN wget --progress=dot:giga -O /tmp/a https://example.com/a"),
    Case::fires("FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2 && wget https://example.com/a", &["wget"])
        .fixed("FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2 && wget -q https://example.com/a"),
    // A trigger runs on a child image: `--progress`.
    Case::fires("FROM alpine\nONBUILD RUN wget https://example.com/a", &["wget"])
        .fixed("FROM alpine\nONBUILD RUN wget --progress=dot:giga https://example.com/a"),
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
    Case::quiet("FROM alpine:3.20\nRUN wget -q -O /tmp/a https://example.com/a"),
    Case::quiet("FROM alpine\nONBUILD RUN wget --progress=dot:giga https://example.com/a"),
    Case::quiet("# escape=`\nFROM debian\nRUN wget --progress=dot:giga `\n    https://example.com/a.tar.gz"),
    Case::quiet(
        "FROM debian\nRUN cd /tmp \\\n# the sources\n && wget -nv \\\n    https://example.com/a.tar.gz",
    ),
    Case::quiet("FROM debian\nRUN curl -fsSL https://example.com/a -o /tmp/a && echo wget"),
    Case::quiet("FROM debian\nRUN [\"wget\", \"https://example.com/a\"]"),
    Case::quiet("FROM docker:27-cli\nRUN apk add --no-cache curl=8.9.1-r2 && wget -q https://example.com/a"),
    Case::quiet("FROM alpine AS base\nFROM base\nRUN wget -q https://example.com/a"),
    Case::quiet("FROM alpine\nRUN wget --spider -q https://example.com/a"),
    Case::quiet("FROM alpine\nRUN wget -qO /tmp/a https://example.com/a"),
    Case::quiet("FROM docker:27-cli\nRUN apk add --no-cache wget=1.24.5-r0\nRUN wget -nv https://example.com/a"),
    Case::quiet("FROM debian\nRUN wget --progress=bar:force https://example.com/a"),
];
