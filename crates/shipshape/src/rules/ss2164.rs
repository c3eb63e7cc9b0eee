//! SS2164: `cd` whose failure is not handled (ShellCheck's SC2164).

use super::shellcheck_common::{analysable, has_errexit, is_condition};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS2164",
    name: "cd-without-exit",
    aliases: &["SC2164"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "Use `cd … || exit` (or `&&`) so that a failed cd stops the command",
    docs: Docs {
        why: "When `cd` fails (a typo, a directory that was not created) the shell prints an \
              error and goes on, so the following commands run in the wrong directory: a \
              `make install` or an `rm -rf *` there can do real damage. Chain with `&&`, add \
              `|| exit`, or turn on `set -e`. This is shipshape's equivalent of ShellCheck's \
              SC2164.",
        bad: "FROM debian:bookworm\nRUN cd /usr/src/app; make install\n",
        good: "FROM debian:bookworm\nRUN cd /usr/src/app && make install\n",
    },
};

#[derive(Default)]
pub struct Check;

/// `cd ..`, `cd ../..`: going up cannot fail in practice.
fn goes_up(cmd: &ShCommand) -> bool {
    let args = cmd.args();
    args.len() == 1 && args[0].text().split('/').filter(|s| !s.is_empty()).all(|s| s == "..")
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = analysable(cx) else { return };
        if has_errexit(script) {
            return;
        }
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| c.is_any(&["cd", "pushd", "popd"])) {
            if goes_up(cmd) || (!cmd.is("cd") && cmd.has_flag("n")) || is_condition(script, cmd, cx.source) {
                continue;
            }
            let (Some(first), Some(last)) = (cmd.words.first(), cmd.words.last()) else { continue };
            found.push((Span::new(first.span.start, last.span.end), cmd.name().unwrap_or("cd").to_string()));
        }
        for (span, name) in found {
            cx.report(span, format!("Use `{name} … || exit` in case `{name}` fails")).with_help(
                "Chain the next command with `&&`, append `|| exit`, or start the RUN with `set -e`.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN cd /tmp; make", &["cd /tmp"]),
    Case::fires("FROM debian\nRUN mkdir -p t && (cd t; jar -xf ../*.jar)", &["cd t"]),
    Case::fires("FROM debian\nRUN apt-get update && cd /src", &["cd /src"]),
    Case::fires("FROM debian\nRUN cd /a/* ; ./configure && make install\nRUN cd /b", &["cd /a/*", "cd /b"]),
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
];
