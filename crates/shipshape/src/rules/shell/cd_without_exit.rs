//! SS2164: `cd` whose failure is not handled (ShellCheck's SC2164).


use crate::shell::queries::{following, has_errexit, is_condition};
use crate::rules::prelude::*;

declare_rule! {
    CdWithoutExit {
        code: "SS2164",
        name: "cd-without-exit",
        aliases: ["SC2164"],
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "Use `cd … || exit` (or `&&`) so that a failed cd stops the command",
        why: "When `cd` fails (a typo, a directory that was not created) the shell prints an \
              error and goes on, so the following commands run in the wrong directory: a \
              `make install` or an `rm -rf *` there can do real damage. Chain with `&&`, add \
              `|| exit`, or turn on `set -e`. This is shipshape's equivalent of ShellCheck's \
              SC2164. The fix (unsafe) appends `|| exit` to the `cd`.",
        bad: "FROM debian:bookworm\nRUN cd /usr/src/app; make install\n",
        good: "FROM debian:bookworm\nRUN cd /usr/src/app && make install\n",
    }
}

#[derive(Default)]
pub struct CdWithoutExit;

/// `cd ..`, `cd ../..`: going up cannot fail in practice.
fn goes_up(cmd: &ShCommand) -> bool {
    let args = cmd.args();
    args.len() == 1 && args[0].text().split('/').filter(|s| !s.is_empty()).all(|s| s == "..")
}

/// Appends ` || exit` after the command (after its redirections too). None inside a
/// pipeline or when the command runs in the background (`cd x &`), where `||` would bind
/// differently.
fn add_exit(script: &Script, cmd: &ShCommand, source: &str) -> Option<Fix> {
    if cmd.joiner == Joiner::Pipe || following(script, cmd).next().is_some_and(|n| n.joiner == Joiner::Pipe) {
        return None;
    }
    let end = cmd.words.iter().map(|w| w.span.end).chain(cmd.redirects.iter().map(|r| r.span.end)).max()?;
    let rest = source[end as usize..].trim_start_matches([' ', '\t']);
    if rest.starts_with('&') && !rest.starts_with("&&") || rest.starts_with('|') {
        return None;
    }
    // Unsafe: a build whose `cd` failed and went on regardless now stops there.
    Some(Fix::unsafe_("Add `|| exit`", vec![Edit::insert(end, " || exit")]))
}

impl Rule for CdWithoutExit {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = cx.analysable() else { return };
        if has_errexit(script) {
            return;
        }
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| c.is_any(&["cd", "pushd", "popd"])) {
            if goes_up(cmd) || (!cmd.is("cd") && cmd.has_flag("n")) || is_condition(script, cmd, cx.source) {
                continue;
            }
            let (Some(first), Some(last)) = (cmd.words.first(), cmd.words.last()) else { continue };
            let fix = add_exit(script, cmd, cx.source).filter(|_| !cx.windows_stage());
            found.push((
                Span::new(first.span.start, last.span.end),
                cmd.name().unwrap_or("cd").to_string(),
                fix,
            ));
        }
        for (span, name, fix) in found {
            let d = cx.report(span, format!("Use `{name} … || exit` in case `{name}` fails"));
            d.with_help(
                "Chain the next command with `&&`, append `|| exit`, or start the RUN with `set -e`.",
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN cd /tmp; make", &["cd /tmp"]).fixed("FROM debian\nRUN cd /tmp || exit; make"),
    Case::fires("FROM debian\nRUN mkdir -p t && (cd t; jar -xf ../*.jar)", &["cd t"])
        .fixed("FROM debian\nRUN mkdir -p t && (cd t || exit; jar -xf ../*.jar)"),
    Case::fires("FROM debian\nRUN apt-get update && cd /src", &["cd /src"])
        .fixed("FROM debian\nRUN apt-get update && cd /src || exit"),
    Case::fires("FROM debian\nRUN cd /a/* ; ./configure && make install\nRUN cd /b", &["cd /a/*", "cd /b"])
        .fixed("FROM debian\nRUN cd /a/* || exit ; ./configure && make install\nRUN cd /b || exit"),
    Case::fires(
        "FROM debian\nRUN mkdir /src \\\n# build there\n && cd \\\n   \"/src\" 2>/dev/null ; \\\n    make",
        &["cd \\\n   \"/src\""],
    )
    .fixed("FROM debian\nRUN mkdir /src \\\n# build there\n && cd \\\n   \"/src\" 2>/dev/null || exit ; \\\n    make"),
    Case::fires("# escape=`\nFROM debian\nRUN pushd /src `\n  ; make; popd", &["pushd /src", "popd"])
        .fixed("# escape=`\nFROM debian\nRUN pushd /src || exit `\n  ; make; popd || exit"),
    Case::fires("FROM debian\nONBUILD RUN cd /app; make", &["cd /app"])
        .fixed("FROM debian\nONBUILD RUN cd /app || exit; make"),
    // In a pipeline or in the background, `|| exit` would bind differently: no fix.
    Case::fires("FROM debian\nRUN cd /tmp | true; cd /x & wait", &["cd /tmp", "cd /x"])
        .fixed("FROM debian\nRUN cd /tmp | true; cd /x & wait"),
    Case::quiet("FROM debian\nRUN cd /tmp && make"),
    Case::quiet("FROM debian\nRUN cd /tmp || exit 1; make"),
    Case::quiet("FROM debian\nRUN set -eux; cd /tmp; make"),
    Case::quiet("FROM debian\nRUN cd ..; make && cd ../..; ls"),
    Case::quiet("FROM debian\nRUN (cd /x; make) && ls"),
    Case::quiet("FROM debian\nRUN if cd /x; then make; fi"),
    // errexit spelled out as a long option.
    Case::quiet("FROM debian\nRUN set -o errexit; cd /tmp; make"),
    // A cd only inside an echoed string; a failure handled by a group that exits.
    Case::quiet(
        "FROM debian\nRUN echo \"cd /tmp; make\" > /notes; cd /src || { echo missing >&2; exit 1; }; make",
    ),
    Case::quiet("FROM debian\nRUN cd /tmp || exit; make"),
    Case::quiet("FROM debian\nRUN cd /tmp || return; make"),
    Case::quiet("FROM debian\nRUN pushd -n /tmp; make"),
    Case::quiet("FROM debian\nRUN while cd /x; do break; done"),
    Case::quiet("FROM debian\nRUN echo cd /tmp; make # cd /x"),
    Case::quiet("FROM debian\nRUN cd /tmp \\\n && make"),
    Case::quiet("# escape=`\nFROM debian\nRUN cd /tmp `\n  && make"),
    Case::quiet("FROM debian\nRUN set -e \\\n  ; cd /tmp; make"),
];
