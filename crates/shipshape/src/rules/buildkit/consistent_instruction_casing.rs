//! ConsistentInstructionCasing: instruction keywords in another case than most of the file.

use crate::rules::prelude::*;

declare_rule! {
    ConsistentInstructionCasing {
        code: "ConsistentInstructionCasing",
        name: "consistent-instruction-casing",
        severity: Warning,
        category: Style,
        fix: Always,
        origin: BuildKit,
        summary: "All instruction keywords should use the same case",
        why: "Keywords are case-insensitive, but a file that mixes `RUN` and `run`, or writes \
              `Run`, is harder to scan: the eye uses the keyword column to find instructions. \
              The case used by most keywords of the file is taken as the norm, and every \
              keyword written otherwise (or in mixed case) is reported. BuildKit calls this \
              check ConsistentInstructionCasing. The fix rewrites the keyword in the file's \
              majority case.",
        bad: "FROM alpine:3.20\nRUN echo hello > /greeting.txt\nentrypoint [\"cat\", \"/greeting.txt\"]\n",
        good: "FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]\n",
    }
}

#[derive(Default)]
pub struct ConsistentInstructionCasing;

impl Rule for ConsistentInstructionCasing {
    fn finish(&mut self, cx: &mut Cx) {
        // As BuildKit does: the keywords of the stages count (the global ARGs before the
        // first FROM do not), and a tie goes to upper case.
        let Some(first) = cx.file.stages.first() else { return };
        let keywords: Vec<&Word> = cx.file.instructions[first.instructions.start..]
            .iter()
            .filter(|i| i.keyword != Keyword::Unknown)
            .map(|i| &i.keyword_word)
            .collect();
        let lower = keywords.iter().filter(|w| w.text == w.text.to_ascii_lowercase()).count();
        let upper = keywords.iter().filter(|w| w.text == w.text.to_ascii_uppercase()).count();
        let majority_lower = lower > upper;
        let case = if majority_lower { "lower" } else { "upper" };
        for w in keywords {
            let wanted =
                if majority_lower { w.text.to_ascii_lowercase() } else { w.text.to_ascii_uppercase() };
            if w.text != wanted {
                // Only the letters change (a keyword split by a continuation keeps it).
                let text = crate::edits::recase(cx.source, w.span, !majority_lower);
                let fix = Fix::safe(format!("Write `{wanted}`"), vec![Edit::replace(w.span, text)]);
                cx.report(
                    w.span,
                    format!(
                        "`{}` should be written in {case} case, like most instructions of this file",
                        w.text
                    ),
                )
                .with_help(format!("Write `{wanted}`."))
                .with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/consistent-instruction-casing
    Case::fires(
        "From alpine\nRun echo hello > /greeting.txt\nEntRYpOiNT [\"cat\", \"/greeting.txt\"]",
        &["From", "Run", "EntRYpOiNT"],
    )
    .fixed("FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]"),
    Case::quiet("FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT [\"cat\", \"/greeting.txt\"]"),
    Case::quiet("from alpine\nrun echo hello > /greeting.txt\nentrypoint [\"cat\", \"/greeting.txt\"]"),
    // BuildKit's own test cases.
    Case::fires("FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar", &["copy"])
        .fixed("FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar"),
    Case::fires("from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar", &["COPY"])
        .fixed("from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar"),
    Case::fires("from scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz", &["from"])
        .fixed("FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz"),
    Case::fires("FROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz", &["FROM"])
        .fixed("from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz"),
    // Global ARGs are not counted, nor checked.
    Case::quiet("arg VERSION=3.20\nFROM alpine:$VERSION\nRUN echo hi"),
    // Only the ONBUILD keyword is changed, not the trigger's.
    Case::fires("FROM alpine\nONBUILD run echo hi\nonbuild RUN echo hi", &["onbuild"])
        .fixed("FROM alpine\nONBUILD run echo hi\nONBUILD RUN echo hi"),
    // Keywords after continuation lines and comments; the global ARG is left alone.
    Case::fires(
        "ARG TAG=3.20\nfrom alpine:$TAG\n# tools\nrun apk add \\\n    # the client\n    curl\nRUN echo \\\n  done\ncopy . /src",
        &["RUN"],
    )
    .fixed(
        "ARG TAG=3.20\nfrom alpine:$TAG\n# tools\nrun apk add \\\n    # the client\n    curl\nrun echo \\\n  done\ncopy . /src",
    ),
    Case::fires(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nrun dir `\n  C:\\\nWorkDir C:\\app\nCMD [\"cmd\"]",
        &["run", "WorkDir"],
    )
    .fixed(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\nWORKDIR C:\\app\nCMD [\"cmd\"]",
    ),
    // A keyword split by a continuation (with a comment line inside): only its letters change.
    Case::fires("from alpine\nRU\\\n  # the Step\nN echo hi\nrun echo a", &["RU\\\n  # the Step\nN"])
        .fixed("from alpine\nru\\\n  # the Step\nn echo hi\nrun echo a"),
    // CRLF line endings, an indented keyword.
    Case::fires("from alpine\r\n  RUN echo hi\r\nrun echo ho\r\n", &["RUN"])
        .fixed("from alpine\r\n  run echo hi\r\nrun echo ho\r\n"),
    // Lines that are not instructions are not counted: heredoc bodies, comments,
    // continuation lines, arguments (BuildKit's own test has `env` in a RUN heredoc).
    Case::quiet("FROM alpine\nRUN <<'EOT'\nenv\nEOT"),
    Case::quiet(
        "FROM alpine\nCOPY <<EOF /etc/motd\nfrom here, run the app\nEOF\nCMD [\"cat\", \"/etc/motd\"]",
    ),
    Case::quiet(
        "FROM alpine\n# run as an unprivileged user\n# copy the binary first\nUSER 1000\nCOPY app /app",
    ),
    Case::quiet("FROM debian:bookworm\nRUN set -eux; \\\n    env; \\\n    run-parts --test /etc/cron.daily"),
    Case::quiet("FROM alpine\nENTRYPOINT [\"run\"]\nCMD [\"from\", \"copy\"]"),
    // The global ARGs are not counted: upper case before a lower-case file.
    Case::quiet("ARG TAG=3.20\nfrom alpine:$TAG\nrun echo hi"),
    // `AS` is not an instruction keyword (FromAsCasing's business), nor is the CMD of a
    // HEALTHCHECK, nor the trigger of an ONBUILD.
    Case::quiet(
        "from golang:1.22 AS build\nrun go build -o /app .\nfrom alpine\ncopy --from=build /app /app",
    ),
    Case::quiet("FROM alpine\nHEALTHCHECK --interval=30s cmd wget -q -O- http://localhost/"),
    Case::quiet("FROM alpine\nONBUILD run echo hi\nONBUILD copy . /src"),
    // Near misses: keyword-like words in arguments, continuation lines, CRLF files and
    // under the backtick escape.
    Case::quiet("FROM alpine\r\nRUN echo hi\r\nUSER nobody\r\n"),
    Case::quiet("from alpine\nrun echo \\\n    RUN=1 \\\n    # COPY this\n    done"),
    Case::quiet("# escape=`\nFROM alpine\nRUN echo `\n  run"),
    Case::quiet("FROM alpine\nLABEL run=yes from=here\nENV COPY=1"),
    Case::quiet("from alpine\nexpose 80\n#RUN commented out\nuser nobody"),
    Case::quiet("from alpine\nru\\\n  # the Step\nn echo hi\nrun echo a"),
    Case::quiet("FROM alpine\nRUN <<EOF\nrun this\nEOF\nCOPY <<EOF /a\ncopy\nEOF"),
    // Skipped for the file with BuildKit's check directive.
    Case::quiet("# check=skip=ConsistentInstructionCasing\nFROM alpine\nrun echo hi"),
];
