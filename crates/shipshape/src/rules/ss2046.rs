//! SS2046: an unquoted `$(…)` or backticks in a command argument (ShellCheck's SC2046).

use super::shellcheck_common::{analysable, part_span, split_words, unsplit_context};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS2046",
    name: "unquoted-command-substitution",
    aliases: &["SC2046"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "Quote command substitutions to prevent word splitting",
    docs: Docs {
        why: "The output of an unquoted `$(cmd)` is split on white space and globbed, so a path \
              with a space becomes two arguments and a `*` in the output expands to file names. \
              Write `\"$(cmd)\"` for one argument; when you do want a list, read it into \
              separate arguments on purpose (`xargs`, a loop). This is shipshape's equivalent of \
              ShellCheck's SC2046.",
        bad: "FROM debian:bookworm\nRUN chown -R app $(dirname /opt/app/bin)\n",
        good: "FROM debian:bookworm\nRUN chown -R app \"$(dirname /opt/app/bin)\"\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, dialect)) = analysable(cx) else { return };
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| !unsplit_context(c, cx.source)) {
            for w in split_words(cmd, dialect) {
                found.extend(
                    w.parts
                        .iter()
                        .filter(|p| matches!(p.kind, PartKind::CommandSub | PartKind::Backtick) && !p.quoted)
                        .map(|p| part_span(cx.source, w, p)),
                );
            }
        }
        for span in found {
            cx.report(span, "Quote this command substitution to prevent word splitting")
                .with_help("Wrap it in double quotes: \"$(…)\".");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN make -j$(nproc)", &["$(nproc)"]),
    Case::fires("FROM debian\nRUN echo `date` > $(mktemp)", &["`date`", "$(mktemp)"]),
    Case::fires(
        "FROM debian\nRUN [ $(id -u) = 0 ] && export PATH=$PATH:$(go env GOPATH)/bin",
        &["$(id -u)", "$(go env GOPATH)"],
    ),
    Case::fires("FROM debian\nRUN X=\"$(echo $(ls))\"", &["$(ls)"]),
    Case::quiet("FROM debian\nRUN X=$(nproc) && echo \"$(date)\""),
    Case::quiet("FROM debian\nRUN $(which python) -V && echo $(( $(nproc) + 1 ))"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export X=$(ls) && [[ -n $(ls) ]]"),
    Case::quiet("FROM debian\nRUN echo '$(ls)'"),
    // A case subject is not split.
    Case::quiet("FROM debian\nRUN case $(uname -m) in x86_64) echo amd64 ;; *) echo other ;; esac"),
    // The word list of a for loop is meant to be split.
    Case::quiet("FROM debian\nRUN for i in $(seq 1 3); do echo \"$i\"; done"),
    // An assignment before a command is not split.
    Case::quiet("FROM debian\nRUN GOOS=$(go env GOOS) go build -o /app ."),
    // Nested quoted substitutions, quoted backticks, and a substitution in a comment.
    Case::quiet(
        "FROM debian\nRUN x=`date` && echo \"$(basename \"$(pwd)\")\" \"`id -u`\" && make  # -j$(nproc)",
    ),
];
