//! DL3003: `cd` inside RUN instead of WORKDIR.


use crate::rules::prelude::*;

declare_rule! {
    CdInRun {
        code: "DL3003",
        name: "cd-in-run",
        severity: Warning,
        category: Maintainability,
        fix: Sometimes,
        origin: Hadolint,
        summary: "`cd` in RUN where WORKDIR would say where the build happens",
        why: "A `cd` lasts only until the end of its RUN, so the next instruction silently runs \
              somewhere else, and a `cd` that fails may leave the rest of the command running \
              in the wrong directory. WORKDIR sets the directory for every following \
              instruction, creates it if needed, and shows up in the image's metadata. The fix \
              (unsafe) turns a leading `cd /dir &&` into `WORKDIR /dir`, and sets the earlier \
              WORKDIR back after the RUN unless the next instruction sets its own.",
        bad: "FROM debian:bookworm\nRUN cd /usr/src/app && make\n",
        good: "FROM debian:bookworm\nWORKDIR /usr/src/app\nRUN make\n",
    }
}

#[derive(Default)]
pub struct CdInRun;

/// A path WORKDIR takes as it is: absolute, no variable, quote, glob, blank or escape.
fn plain_absolute(p: &str) -> bool {
    p.starts_with('/') && !p.contains(|c: char| c.is_whitespace() || "\"'$`\\*?[~#".contains(c))
}

/// The plain absolute path of a WORKDIR instruction.
fn workdir_path(instr: &Instruction) -> Option<&str> {
    match (&instr.keyword, &instr.args) {
        (Keyword::Workdir, Args::Text(p)) if plain_absolute(&p.text) => Some(&p.text),
        _ => None,
    }
}

/// `RUN cd /dir && rest` → `WORKDIR /dir` above and `RUN rest`. Only for a `cd` to a plain
/// absolute path that starts the script and is followed by `&&` or `;`, in a RUN without
/// heredocs. WORKDIR lasts beyond the RUN, so the fix also sets the stage's earlier
/// WORKDIR back after it, unless the next instruction is an absolute WORKDIR anyway; when
/// neither is known (the base image's directory), there is no fix.
fn to_workdir(cx: &Cx, instr: &Instruction, script: &Script, cd: &ShCommand) -> Option<Fix> {
    if cx.windows_stage() {
        return None;
    }
    let first = script.commands.first()?;
    if !std::ptr::eq(first, cd) || !instr.heredocs.is_empty() || cd.depth > 0 || !cd.redirects.is_empty() {
        return None;
    }
    let [dir] = cd.args() else { return None };
    if !plain_absolute(&dir.raw) || !cd.assignments.is_empty() {
        return None;
    }
    let next =
        script.commands.get(1).filter(|n| n.depth == 0 && matches!(n.joiner, Joiner::And | Joiner::Seq))?;
    let rest = next
        .words
        .first()
        .map(|w| w.span.start)
        .into_iter()
        .chain(next.assignments.first().map(|a| a.span.start));
    let rest = rest.chain(next.redirects.first().map(|r| r.span.start)).min()?;
    let gap = Span::new(dir.span.end, rest).text(cx.source);
    let op = gap.trim_matches(|c: char| c.is_whitespace() || c == cx.file.escape);
    if !(op == "&&" || op == ";") || gap.contains('#') {
        return None;
    }
    // What the working directory must be after the RUN.
    let stage = cx.file.stages.get(cx.state.stage?)?;
    let range = stage.instructions.clone();
    let next_is_workdir = cx
        .file
        .instructions
        .get(cx.index + 1)
        .filter(|_| cx.index + 1 < range.end)
        .and_then(workdir_path)
        .is_some();
    let restore = if next_is_workdir {
        None
    } else {
        let earlier = cx.file.instructions[range.start..cx.index]
            .iter()
            .rev()
            .find(|i| i.keyword == Keyword::Workdir)?;
        let p = workdir_path(earlier)?;
        (p.trim_end_matches('/') != dir.raw.trim_end_matches('/')).then_some(p)
    };
    let keyword = instr.keyword_word.span;
    let workdir = crate::edits::same_case(keyword.text(cx.source), "WORKDIR");
    let eol = line_break(cx.source, keyword.start);
    let indent = crate::edits::indentation(cx.source, keyword.start);
    let line_start = cx.source[..keyword.start as usize].rfind('\n').map_or(0, |i| i + 1) as u32;
    let mut edits = vec![
        Edit::insert(line_start, format!("{indent}{workdir} {}{eol}", dir.raw)),
        Edit::delete(Span::new(cd.span.start.min(dir.span.start), rest)),
    ];
    if let Some(p) = restore {
        let lines = crate::edits::whole_lines(cx.source, instr.span);
        let text = lines.text(cx.source);
        let line = format!("{indent}{workdir} {p}");
        edits.push(if text.ends_with('\n') {
            Edit::insert(lines.end, format!("{line}{eol}"))
        } else {
            Edit::insert(lines.end, format!("{eol}{line}"))
        });
    }
    // Unsafe: WORKDIR creates a missing directory where `cd` would have failed, and the
    // RUN's layer and cache key change.
    Some(Fix::unsafe_("Replace `cd` with WORKDIR", edits))
}

/// The line break the file uses around `offset`: that of its line, or of the line before.
fn line_break(source: &str, offset: u32) -> &'static str {
    let at = offset as usize;
    let brk = source[at..].find('\n').map(|i| at + i).or_else(|| source[..at].rfind('\n'));
    match brk {
        Some(i) if i > 0 && source.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

impl Rule for CdInRun {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let found: Vec<(Span, Option<Fix>)> = script
            .commands
            .iter()
            .filter(|c| c.is("cd"))
            .filter_map(|c| Some((c.program()?.span, to_workdir(cx, instr, script, c))))
            .collect();
        for (span, fix) in found {
            let d = cx.report(span, "Use `WORKDIR` instead of `cd` to switch to a directory");
            d.with_help("Put `WORKDIR <dir>` before this RUN and drop the `cd`.");
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // The base image's directory is not known: reported, not fixed.
    Case::fires("FROM debian\nRUN cd /tmp && echo hi", &["cd"]).fixed("FROM debian\nRUN cd /tmp && echo hi"),
    Case::fires("FROM debian\nRUN cd /a; make; cd /b && make install", &["cd", "cd"]),
    Case::fires("FROM debian\nRUN if [ -d /x ]; then cd /x; fi", &["cd"]),
    // The earlier WORKDIR is set back after the RUN.
    Case::fires("FROM debian\nWORKDIR /app\nRUN cd /src && make\nCOPY a .", &["cd"])
        .fixed("FROM debian\nWORKDIR /app\nWORKDIR /src\nRUN make\nWORKDIR /app\nCOPY a ."),
    // The next instruction sets its own WORKDIR.
    Case::fires("FROM debian\nrun cd /src; make; cd /b && make install\nworkdir /app", &["cd", "cd"])
        .fixed("FROM debian\nworkdir /src\nrun make; cd /b && make install\nworkdir /app"),
    Case::fires(
        "FROM debian\nWORKDIR /\n  RUN cd /usr/src/app \\\n   && make \\\n   # and install\n   && make install",
        &["cd"],
    )
    .fixed("FROM debian\nWORKDIR /\n  WORKDIR /usr/src/app\n  RUN make \\\n   # and install\n   && make install\n  WORKDIR /"),
    Case::fires("# escape=`\r\nFROM debian\r\nWORKDIR /app\r\nRUN cd /src `\r\n && make", &["cd"])
        .fixed("# escape=`\r\nFROM debian\r\nWORKDIR /app\r\nWORKDIR /src\r\nRUN make\r\nWORKDIR /app"),
    // A relative or variable path, a comment in the way, a `cd` that is not first: no fix.
    Case::fires(
        "FROM debian\nWORKDIR /app\nRUN cd src && make\nRUN cd $D && make\nRUN cd /x \\\n# c\n && make\nRUN make && cd /y",
        &["cd", "cd", "cd", "cd"],
    )
    .fixed("FROM debian\nWORKDIR /app\nRUN cd src && make\nRUN cd $D && make\nRUN cd /x \\\n# c\n && make\nRUN make && cd /y"),
    Case::quiet("FROM debian\nWORKDIR /tmp\nRUN echo hi"),
    Case::quiet("FROM debian\nRUN echo cd /tmp"),
    Case::quiet("FROM debian\nRUN [\"cd\", \"/tmp\"]"),
    Case::quiet("FROM debian\nONBUILD RUN cd /tmp && make"),
    // Changing directory without `cd`, and `cd` as an argument.
    Case::quiet("FROM debian\nRUN make -C /src install && git -C /src status && ln -s /opt/cd /usr/local/cd"),
    Case::quiet("FROM debian\nRUN --mount=type=bind,target=/cd ls /cd && bash -c \"cd /tmp && make\""),
    Case::quiet("FROM debian\nCMD cd /app && ./run"),
    // Near misses of the fixed cases.
    Case::quiet("FROM debian\nWORKDIR /app\nWORKDIR /src\nRUN make\nWORKDIR /app\nCOPY a ."),
    Case::quiet("FROM debian\nworkdir /src\nrun make; make install\nworkdir /app"),
    Case::quiet("FROM debian\nWORKDIR /\n  WORKDIR /usr/src/app\n  RUN make \\\n   # and install\n   && make install"),
    Case::quiet("# escape=`\r\nFROM debian\r\nWORKDIR /app\r\nWORKDIR /src\r\nRUN make"),
    Case::quiet("FROM debian\nRUN make -C /src && echo \"cd /x\""),
    Case::quiet("FROM debian\nENTRYPOINT [\"sh\", \"-c\", \"cd /app && ./run\"]"),
    Case::quiet("FROM debian\nRUN git clone x /src # then cd /src"),
    Case::quiet("FROM debian\nWORKDIR /src\nRUN make"),
    Case::quiet("FROM debian\nRUN cat <<EOF > /x.sh\ncd /src && make\nEOF"),
];
