//! SS2155: `export X=$(cmd)` masks the command's failure (ShellCheck's SC2155).

use super::shellcheck_common::{analysable, assignment_word, word_prefix_span, DECLARATIONS};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS2155",
    name: "declare-and-assign",
    aliases: &["SC2155"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "Declare and assign separately so that a failing command substitution is not masked",
    docs: Docs {
        why: "In `export X=$(cmd)` (and with `local`, `declare`, `readonly`, `typeset`) the \
              status of the line is the status of `export`, which succeeds, so a failing `cmd` \
              goes unnoticed even under `set -e` or `&&`. Assign first (`X=$(cmd)`), then \
              export. This is shipshape's equivalent of ShellCheck's SC2155.",
        bad: "FROM debian:bookworm\nRUN export ARCH=\"$(dpkg --print-architecture)\" && echo \"$ARCH\"\n",
        good:
            "FROM debian:bookworm\nRUN ARCH=$(dpkg --print-architecture) && export ARCH && echo \"$ARCH\"\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = analysable(cx) else { return };
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| c.is_any(DECLARATIONS)) {
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
                    ));
                }
            }
        }
        for (span, name, keyword) in found {
            cx.report(
                span,
                format!("`{keyword} {name}=$(…)` hides the command's failure: declare and assign separately"),
            )
            .with_help(format!("Write `{name}=$(…)` first, then `{keyword} {name}`."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN export X=$(ls)", &["X"]),
    Case::fires("FROM debian\nRUN export A=1 B=\"$(ls)\" && readonly C=`id -u`", &["B", "C"]),
    Case::fires("FROM debian\nRUN export PATH=$PATH:$(go env GOPATH)/bin", &["PATH"]),
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
];
