//! NoEmptyContinuation: a blank line inside a continued instruction.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "NoEmptyContinuation",
    name: "no-empty-continuation",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::BuildKit,
    onbuild: false,
    summary: "Empty lines inside a continued instruction are deprecated",
    docs: Docs {
        why: "A blank line after a line ending in `\\` is skipped today, so the instruction \
              goes on, but the syntax is deprecated and a future Dockerfile frontend will \
              reject it. The blank line also reads as the end of the instruction, which it is \
              not. Remove it, or put a comment there (comment lines are allowed). BuildKit \
              calls this check NoEmptyContinuation.",
        bad: "FROM alpine:3.20\nRUN echo one \\\n\n    && echo two\n",
        good: "FROM alpine:3.20\nRUN echo one \\\n    # and then\n    && echo two\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        for &span in &instr.empty_continuation_lines {
            cx.report(span, format!("Empty line inside this continued {}", instr.keyword_word.text))
                .with_help("Remove the empty line, or turn it into a comment.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/no-empty-continuation
    Case::fires("FROM alpine\nEXPOSE \\\n\n80", &[""]),
    Case::quiet("FROM alpine\nEXPOSE \\\n# Port\n80"),
    Case::fires("FROM alpine\nRUN apk add \\\n\n    gnupg \\\n\n    curl", &["", ""]),
    Case::fires("FROM scratch\nCOPY Dockerfile \\\n   \n.\nCOPY Dockerfile \\\n.", &["   "]),
    Case::quiet("FROM alpine\nRUN echo a \\\n    && echo b\n\nRUN echo c"),
    Case::quiet("FROM alpine\nRUN echo a\n\n\nRUN echo b"),
    // Empty lines inside a heredoc body are content.
    Case::quiet("FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF"),
    // With the backtick escape, a trailing backslash does not continue the line.
    Case::quiet(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\\n\nRUN echo done",
    ),
    // A whitespace-only line between two instructions.
    Case::quiet("FROM alpine\nRUN echo a\n   \nRUN echo b"),
    // An escaped escape character at the end does not continue the line (BuildKit's
    // continuation pattern wants a character other than `\` before the last one).
    Case::quiet("FROM alpine\nRUN echo a\\\\\n\nRUN echo b"),
];
