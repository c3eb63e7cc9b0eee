//! DL3059: consecutive RUN instructions that could be one.


use crate::rules::prelude::*;
use crate::shell::SpanMap;

declare_rule! {
    ConsecutiveRun {
        code: "DL3059",
        name: "consecutive-run",
        severity: Info,
        category: Performance,
        fix: Sometimes,
        origin: Hadolint,
        summary: "Multiple consecutive RUN instructions: consider merging them",
        why: "Each RUN makes a layer. Two single-command RUNs in a row cost an extra layer and an \
              extra cache entry, and a file deleted in the second still weighs in the first. \
              Joining them with `&&` keeps related steps in one layer. RUNs that already chain \
              several commands, or that use different `--mount`/`--network` flags, are left \
              alone: splitting those is usually deliberate. The fix (unsafe) merges the RUN into \
              the previous one with `&& \\`.",
        bad: "FROM debian:bookworm\nRUN mkdir -p /srv/app\nRUN chown 1000:1000 /srv/app\n",
        good: "FROM debian:bookworm\nRUN mkdir -p /srv/app && chown 1000:1000 /srv/app\n",
    }
}

/// The previous instruction, when it was a RUN: its flags, how many commands it ran, and
/// where its shell script ends (when it is a plain shell-form RUN the fix can extend).
#[derive(Default)]
pub struct ConsecutiveRun {
    prev: Option<(Vec<String>, usize, Option<u32>)>,
}

/// Commands that change the shell itself: after them, the next command of the same script
/// would run in another directory, with other variables or options, or not at all.
const STATEFUL: &[&str] = &[
    "cd", "pushd", "popd", "export", "set", "unset", "umask", "source", ".", "alias", "shopt", "ulimit",
    "exit", "exec", "trap", "readonly", "declare", "typeset", "local", "shift", "return",
];

/// Where a shell-form RUN's script ends (after its last word), when the fix can append to
/// it: no heredoc, a script read completely, nothing but blanks after the end on its line,
/// and no command whose effect would carry over to the appended one.
fn script_end(cx: &Cx, instr: &Instruction) -> Option<u32> {
    let Args::Command(Command::Shell { .. }) = &instr.args else { return None };
    let script = cx.script?;
    if !instr.heredocs.is_empty() || script.too_complex || !script.unreadable.is_empty() {
        return None;
    }
    if script.commands.iter().any(|c| c.is_any(STATEFUL) || c.words.is_empty()) {
        return None;
    }
    let end = script
        .commands
        .iter()
        .flat_map(|c| {
            let words = c.words.iter().map(|w| w.span.end);
            words
                .chain(c.assignments.iter().map(|a| a.span.end))
                .chain(c.redirects.iter().map(|r| r.span.end))
        })
        .max()?;
    let rest = &cx.source[end as usize..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    line.trim_end_matches(['\r', ' ', '\t']).is_empty().then_some(end)
}

/// Merges this RUN's script into the previous RUN's, which ends at `prev_end`: ` && \`, the
/// comment lines between kept as they are (comments inside a continuation are allowed),
/// and the script on a continuation line. None when anything else sits between the two
/// scripts (an empty line, a continuation before the script).
fn merge(cx: &Cx, instr: &Instruction, prev_end: u32) -> Option<Fix> {
    if cx.windows_stage() {
        return None;
    }
    let Args::Command(Command::Shell { text, .. }) = &instr.args else { return None };
    if !instr.heredocs.is_empty() || text.span.start <= prev_end {
        return None;
    }
    let between = &cx.source[prev_end as usize..text.span.start as usize];
    let mut lines: Vec<&str> = between.split('\n').collect();
    let last = lines.pop()?;
    let first = lines.first()?;
    let eol = if first.ends_with('\r') { "\r\n" } else { "\n" };
    if !first.trim().is_empty() || !lines[1..].iter().all(|l| l.trim_start().starts_with('#')) {
        return None;
    }
    // The RUN line: indentation, the keyword, its flags.
    let keyword = instr.keyword_word.span;
    let line_start = text.span.start - last.len() as u32;
    if keyword.start < line_start || last.contains(cx.file.escape) {
        return None;
    }
    let comments: String = lines[1..].iter().map(|l| format!("{l}\n")).collect();
    // Continue with the indentation of the previous RUN's last line, or four spaces more
    // than its RUN line.
    let prev_line = crate::edits::indentation(cx.source, prev_end);
    let prev_is_run_line = {
        let start = cx.source[..prev_end as usize].rfind('\n').map_or(0, |i| i + 1);
        let line = cx.source[start..].trim_start();
        line.len() >= 3 && line[..3].eq_ignore_ascii_case("run")
    };
    let indent = if prev_is_run_line { format!("{prev_line}    ") } else { prev_line.to_string() };
    let escape = cx.file.escape;
    let new = format!(" && {escape}{eol}{comments}{indent}");
    // Unsafe: one layer instead of two changes the build cache (and what a later change
    // to either command rebuilds).
    Some(Fix::unsafe_(
        "Merge into the previous RUN",
        vec![Edit::replace(Span::new(prev_end, text.span.start), new)],
    ))
}

/// Commands as hadolint counts them: simple commands with a literal name, `[ … ]` and
/// `[[ … ]]` excluded (ShellCheck reads those as test expressions).
fn count(script: &Script) -> usize {
    script
        .commands
        .iter()
        .filter(|c| c.program().is_some_and(|w| !w.has_expansion()) && !c.is_any(&["[", "[["]))
        .count()
}

fn commands_of(cx: &Cx, instr: &Instruction) -> usize {
    if let Some(script) = cx.script {
        return count(script);
    }
    match &instr.args {
        Args::Command(Command::Exec { args, .. }) => {
            let text = args.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ");
            count(&Script::parse(&text, &SpanMap::Direct(0)))
        }
        _ => Script::of_run(instr, cx.source).map_or(0, |s| count(&s)),
    }
}

impl Rule for ConsecutiveRun {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run {
            self.prev = None;
            return;
        }
        let mut flags: Vec<String> = instr.flags.iter().map(|f| f.processed.clone()).collect();
        crate::sort::plain(&mut flags);
        let n = commands_of(cx, instr);
        if let Some((prev_flags, prev_n, prev_end)) = self.prev.take() {
            if prev_flags == flags && prev_n <= 1 && n <= 1 {
                let fix = prev_end.and_then(|end| merge(cx, instr, end));
                let d =
                    cx.report(instr.keyword_word.span, "This RUN follows another RUN: consider merging them");
                d.with_help("Join the two commands with `&&` in a single RUN.");
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
        }
        self.prev = Some((flags, n, script_end(cx, instr)));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN /foo.sh\nRUN /bar.sh", &["RUN"])
        .fixed("FROM debian\nRUN /foo.sh && \\\n    /bar.sh"),
    Case::fires("FROM debian\nRUN /foo.sh\n# a comment\n# another\nRUN /bar.sh", &["RUN"])
        .fixed("FROM debian\nRUN /foo.sh && \\\n# a comment\n# another\n    /bar.sh"),
    Case::fires("FROM debian\nRUN foo && bar\nRUN foo\nrun bar", &["run"])
        .fixed("FROM debian\nRUN foo && bar\nRUN foo && \\\n    bar"),
    Case::fires(
        "FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh",
        &["RUN"],
    )
    .fixed("FROM debian\nRUN --mount=type=secret,id=foo /foo.sh && \\\n    /bar.sh"),
    // Exec form: reported, not merged.
    Case::fires("FROM debian\nRUN [\"a\"]\nRUN b", &["RUN"]).fixed("FROM debian\nRUN [\"a\"]\nRUN b"),
    Case::fires("FROM debian\nRUN a\nRUN [ -f x ] && b", &["RUN"])
        .fixed("FROM debian\nRUN a && \\\n    [ -f x ] && b"),
    // Continuation lines keep their indentation; three RUNs become one.
    Case::fires(
        "FROM debian\n  RUN apt-get install -y \\\n  # the tools\n      curl\n  RUN mkdir /a\n  RUN touch /a/b \\\n    /a/c",
        &["RUN", "RUN"],
    )
    .fixed("FROM debian\n  RUN apt-get install -y \\\n  # the tools\n      curl && \\\n      mkdir /a && \\\n      touch /a/b \\\n    /a/c"),
    Case::fires("# escape=`\nFROM debian\nRUN a `\n  x\r\nRUN b\r\n", &["RUN"])
        .fixed("# escape=`\nFROM debian\nRUN a `\n  x && `\r\n  b\r\n"),
    // A trailing comment, an empty line, a heredoc, a script on the next line: no fix.
    Case::fires(
        "FROM debian\nRUN a # why\nRUN b\n\nRUN c\nRUN <<EOF\nd\nEOF\nRUN \\\n  e",
        &["RUN", "RUN", "RUN", "RUN"],
    )
    .fixed("FROM debian\nRUN a # why\nRUN b\n\nRUN c\nRUN <<EOF\nd\nEOF\nRUN \\\n  e"),
    // On Windows, a RUN starts with the PATH an installer has just changed: no merge.
    Case::fires("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS w\nFROM w\nRUN choco install -y git\nRUN git --version", &["RUN"])
        .fixed("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS w\nFROM w\nRUN choco install -y git\nRUN git --version"),
    // A `cd`, an assignment or an `exit` would carry over to the merged command: no fix.
    Case::fires("FROM debian\nRUN cd /x\nRUN make\nRUN X=1\nRUN echo $X\nRUN exit 0\nRUN b", &["RUN"; 5])
        .fixed("FROM debian\nRUN cd /x\nRUN make && \\\n    X=1\nRUN echo $X && \\\n    exit 0\nRUN b"),
    Case::quiet("FROM debian\nRUN /foo.sh"),
    Case::quiet("FROM debian\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh"),
    Case::quiet("FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh"),
    Case::quiet(
        "FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh",
    ),
    Case::quiet("FROM debian\nRUN foo && bar\nRUN foobar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo; bar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo | bar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo $(bar)"),
    Case::quiet("FROM debian\nRUN a\nONBUILD RUN b"),
    // The RUNs are in different stages.
    Case::quiet("FROM debian AS a\nRUN /foo.sh\nFROM debian AS b\nRUN /bar.sh"),
    // Another flag than a mount: `--network` differs too.
    Case::quiet("FROM debian\nRUN --network=none /foo.sh\nRUN /bar.sh"),
    // A heredoc script with two commands is not a one-command RUN.
    Case::quiet("FROM debian\nRUN <<EOF\nset -e\n/foo.sh\nEOF\nRUN /bar.sh"),
    // Near misses of the fixed cases: already merged.
    Case::quiet("FROM debian\nRUN /foo.sh && \\\n    /bar.sh"),
    Case::quiet("FROM debian\nRUN /foo.sh && \\\n# a comment\n# another\n    /bar.sh"),
    Case::quiet("# escape=`\nFROM debian\nRUN a `\n  x && `\r\n  b\r\n"),
    Case::quiet("FROM debian\nRUN a && \\\n    [ -f x ] && b"),
    Case::quiet("FROM debian\nRUN a\nENV X=1\nRUN b"),
    Case::quiet("FROM debian\nRUN a\nCOPY x /x\nRUN b"),
    Case::quiet("FROM debian\nRUN cd /x && make"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a && b\nRUN c"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nENV X=1\nRUN c"),
    Case::quiet("FROM debian\nRUN export X=1 && make\nRUN a && b"),
];
