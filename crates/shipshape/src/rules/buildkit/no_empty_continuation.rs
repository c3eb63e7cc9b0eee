//! NoEmptyContinuation: a blank line inside a continued instruction.

use crate::rules::prelude::*;

declare_rule! {
    NoEmptyContinuation {
        code: "NoEmptyContinuation",
        name: "no-empty-continuation",
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: BuildKit,
        summary: "Empty lines inside a continued instruction are deprecated",
        why: "A blank line after a line ending in `\\` is skipped today, so the instruction \
              goes on, but the syntax is deprecated and a future Dockerfile frontend will \
              reject it. The blank line also reads as the end of the instruction, which it is \
              not. Remove it, or put a comment there (comment lines are allowed). BuildKit \
              calls this check NoEmptyContinuation. The fix removes the empty line.",
        bad: "FROM alpine:3.20\nRUN echo one \\\n\n    && echo two\n",
        good: "FROM alpine:3.20\nRUN echo one \\\n    # and then\n    && echo two\n",
    }
}

#[derive(Default)]
pub struct NoEmptyContinuation;

impl Rule for NoEmptyContinuation {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        for &span in &instr.empty_continuation_lines {
            // BuildKit skips the line, so removing it (with its line break) changes nothing.
            let fix = Fix::safe(
                "Remove the empty line",
                vec![Edit::delete(crate::edits::whole_lines(cx.source, span))],
            );
            cx.report(span, format!("Empty line inside this continued {}", instr.keyword_word.text))
                .with_help("Remove the empty line, or turn it into a comment.")
                .with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/no-empty-continuation
    Case::fires("FROM alpine\nEXPOSE \\\n\n80", &[""]).fixed("FROM alpine\nEXPOSE \\\n80"),
    Case::quiet("FROM alpine\nEXPOSE \\\n# Port\n80"),
    Case::fires("FROM alpine\nRUN apk add \\\n\n    gnupg \\\n\n    curl", &["", ""])
        .fixed("FROM alpine\nRUN apk add \\\n    gnupg \\\n    curl"),
    Case::fires("FROM scratch\nCOPY Dockerfile \\\n   \n.\nCOPY Dockerfile \\\n.", &["   "])
        .fixed("FROM scratch\nCOPY Dockerfile \\\n.\nCOPY Dockerfile \\\n."),
    // Around comment lines, two empty lines in a row, CRLF line endings.
    Case::fires(
        "FROM alpine\n# tools\nRUN apk add \\\n    # the client\n\n\n    curl \\\n  # done\n  \n  && echo ok",
        &["", "", "  "],
    )
    .fixed("FROM alpine\n# tools\nRUN apk add \\\n    # the client\n    curl \\\n  # done\n  && echo ok"),
    Case::fires("FROM alpine\r\nRUN echo a \\\r\n\r\n  && echo b\r\n", &[""])
        .fixed("FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\n"),
    Case::fires("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n\n  C:\\", &[""])
        .fixed("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\"),
    // At the end of the file, and in an ONBUILD trigger.
    Case::fires("FROM alpine\nRUN echo a \\\n\n", &[""]).fixed("FROM alpine\nRUN echo a \\\n"),
    Case::fires("FROM alpine\nONBUILD RUN echo a \\\n\n  b", &[""])
        .fixed("FROM alpine\nONBUILD RUN echo a \\\n  b"),
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
    // Near misses: comment lines in the continuation, empty lines in heredocs, under the
    // backtick escape and with CRLF.
    Case::quiet("FROM alpine\n# tools\nRUN apk add \\\n    # the client\n    curl"),
    Case::quiet("# escape=`\nFROM alpine\nRUN echo a `\n  b\n\nRUN echo c"),
    Case::quiet("FROM alpine\r\nRUN echo a \\\r\n  && echo b\r\n\r\nRUN c\r\n"),
    Case::quiet("FROM alpine\nCOPY <<EOF /a\nx \\\n\ny\nEOF"),
    Case::quiet("FROM alpine\nRUN echo a \\\n    # \n    b"),
    Case::quiet("FROM alpine\nLABEL a=b \\\n      c=d\n\n"),
    Case::quiet("FROM alpine\nRUN <<EOF\necho a \\\n\necho b\nEOF"),
    Case::quiet("FROM alpine\nENV A=1 \\\n    B=2\n  \nENV C=3"),
    Case::quiet("FROM alpine\n\n\nRUN echo a \\\n\t&& echo b\n\n"),
];
