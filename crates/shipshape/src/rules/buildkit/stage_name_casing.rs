//! StageNameCasing: a stage name with upper-case letters.

use crate::rules::prelude::*;

declare_rule! {
    StageNameCasing {
        code: "StageNameCasing",
        name: "stage-name-casing",
        severity: Warning,
        category: Style,
        fix: Always,
        origin: BuildKit,
        summary: "Stage names should be lowercase",
        why: "BuildKit reads stage names without regard to case, so `AS Builder` and \
              `--from=builder` name the same stage, and a mixed-case name only suggests a \
              difference that does not exist. Lower-case names also set identifiers apart \
              from instruction keywords. BuildKit calls this check StageNameCasing. The fix \
              renames the stage in lower case, with the references to it.",
        bad: "FROM golang:1.22-bookworm AS BuilderBase\nWORKDIR /src\nRUN go version\n",
        good: "FROM golang:1.22-bookworm AS builder-base\nWORKDIR /src\nRUN go version\n",
    }
}

#[derive(Default)]
pub struct StageNameCasing;

impl Rule for StageNameCasing {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let [_, as_kw, name] = words.as_slice() else { return };
        if !as_kw.text.eq_ignore_ascii_case("as") || name.text == name.text.to_ascii_lowercase() {
            return;
        }
        let lower = name.text.to_ascii_lowercase();
        let fix = rename(cx, name);
        cx.report(name.span, format!("Stage name `{}` should be lower case", name.text))
            .with_help(format!("Rename the stage `{lower}` (and the references to it)."))
            .with_fix(fix);
    }
}

/// Renames the stage to lower case, with the references to it in the later instructions
/// (`FROM name`, `COPY --from=name`, `RUN --mount=from=name`). BuildKit compares stage names
/// in lower case, so the build does not change, and a reference left as it is (one built
/// from a variable, or one with quotes inside) still names the stage.
fn rename(cx: &Cx, name: &Word) -> Fix {
    let lower = name.text.to_ascii_lowercase();
    // A name split by a continuation keeps its line breaks: only letters change.
    let mut edits = vec![Edit::replace(name.span, crate::edits::recase(cx.source, name.span, false))];
    // A reference, if it names this stage, is written plainly and is not yet lower case.
    let reference = |w: &Word| {
        (w.text.eq_ignore_ascii_case(&name.text)
            && w.text != lower
            && w.span.text(cx.source).eq_ignore_ascii_case(&w.text))
        .then(|| Edit::replace(w.span, lower.clone()))
    };
    for instr in cx.file.instructions.iter().skip(cx.index + 1) {
        match (&instr.keyword, &instr.args) {
            (Keyword::From, Args::Words(words)) => {
                // A later stage with this very name: the references after it are its own.
                if let [_, as_kw, other] = words.as_slice() {
                    if as_kw.text.eq_ignore_ascii_case("as") && other.text.eq_ignore_ascii_case(&name.text) {
                        edits.extend(words.first().and_then(reference));
                        break;
                    }
                }
                edits.extend(words.first().and_then(reference));
            }
            (Keyword::Copy, _) => {
                edits.extend(instr.flag("from").and_then(|f| f.value.as_ref()).and_then(reference))
            }
            (Keyword::Run, _) => {
                for f in instr.flags.iter().filter(|f| f.name.text == "mount") {
                    for opt in f.options().unwrap_or_default().iter().filter(|o| o.key.text == "from") {
                        edits.extend(opt.value.as_ref().and_then(reference));
                    }
                }
            }
            _ => {}
        }
    }
    Fix::safe(format!("Rename the stage `{lower}`"), edits)
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/stage-name-casing
    Case::fires("FROM alpine AS BuilderBase", &["BuilderBase"]).fixed("FROM alpine AS builderbase"),
    Case::quiet("FROM alpine AS builder-base"),
    Case::fires(
        "FROM scratch AS BadStageName\nFROM scratch as base2\nFROM scratch AS base3",
        &["BadStageName"],
    )
    .fixed("FROM scratch AS badstagename\nFROM scratch as base2\nFROM scratch AS base3"),
    Case::fires("from alpine as BUILD\nfrom build", &["BUILD"]).fixed("from alpine as build\nfrom build"),
    // The references are renamed too: FROM, COPY --from and RUN --mount=from, in any case.
    Case::fires(
        "FROM golang:1.22 AS Build\nRUN go build\nFROM Build AS Test\nFROM alpine\nCOPY --from=Build /app /app\nCOPY --from=TEST /r /r\nRUN --mount=type=bind,from=BUILD,target=/src ls /src",
        &["Build", "Test"],
    )
    .fixed("FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM alpine\nCOPY --from=build /app /app\nCOPY --from=test /r /r\nRUN --mount=type=bind,from=build,target=/src ls /src"),
    // Over continuation lines with comments.
    Case::fires(
        "# the builder\nFROM golang:1.22 AS \\\n    # its name\n    Build\nFROM alpine\nCOPY --chown=app \\\n    # from the builder\n    --from=Build /app /app",
        &["Build"],
    )
    .fixed("# the builder\nFROM golang:1.22 AS \\\n    # its name\n    build\nFROM alpine\nCOPY --chown=app \\\n    # from the builder\n    --from=build /app /app"),
    Case::fires(
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS Build\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=Build `\n  C:\\app C:\\app",
        &["Build"],
    )
    .fixed("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build `\n  C:\\app C:\\app"),
    Case::fires("FROM alpine AS Base\r\nFROM Base\r\nRUN echo hi\r\n", &["Base"])
        .fixed("FROM alpine AS base\r\nFROM base\r\nRUN echo hi\r\n"),
    // Left as they are, and still naming the stage (BuildKit ignores case): a reference in
    // quotes, one from a variable, one in an ONBUILD trigger (a later build's image), and
    // an image of the same name before the stage.
    Case::fires(
        "FROM Build\nFROM alpine AS Build\nFROM alpine\nARG S=Build\nCOPY --from=\"Build\" /a /a\nCOPY --from=$S /b /b\nONBUILD COPY --from=Build /c /c",
        &["Build"],
    )
    .fixed("FROM Build\nFROM alpine AS build\nFROM alpine\nARG S=Build\nCOPY --from=\"Build\" /a /a\nCOPY --from=$S /b /b\nONBUILD COPY --from=Build /c /c"),
    Case::quiet("FROM alpine"),
    Case::quiet("FROM alpine:3.20 AS build_1.x\nFROM build_1.x"),
    Case::quiet("FROM Alpine"),
    // Upper case elsewhere on the line: in the tag, in a flag value.
    Case::quiet("FROM eclipse-temurin:21-JDK AS build"),
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build"),
    // A reference in upper case is not the stage's name.
    Case::quiet("FROM alpine AS build\nFROM alpine\nCOPY --from=BUILD /app /app"),
    // Near misses: lower-case names over continuation lines, under the backtick escape,
    // with CRLF, references to them, and upper case in other words.
    Case::quiet("# the builder\nFROM golang:1.22 AS \\\n    # its name\n    build\nFROM alpine\nCOPY --from=Build /app /app"),
    Case::quiet("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build\nCOPY --from=Build `\n  C:\\app C:\\app"),
    Case::quiet("FROM alpine AS base\r\nFROM Base\r\nRUN echo hi\r\n"),
    Case::quiet("FROM alpine AS build\nRUN --mount=type=bind,from=BUILD,target=/src ls /src"),
    Case::quiet("FROM alpine AS build\nLABEL Stage=Build\nRUN echo AS Build"),
    Case::quiet("FROM Alpine:Latest\nCOPY --from=Alpine:3 /a /a"),
    Case::quiet("FROM alpine AS build-2.0\nFROM build-2.0"),
    Case::quiet("FROM alpine\nONBUILD COPY --from=Build /c /c"),
    Case::quiet("FROM alpine as build\nFROM BUILD AS next"),
    Case::quiet("FROM --platform=$TARGETPLATFORM alpine AS x86\nFROM X86"),
];
