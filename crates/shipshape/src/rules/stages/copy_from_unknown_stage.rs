//! DL3022: `COPY --from` names no earlier stage.

use crate::rules::prelude::*;

declare_rule! {
    CopyFromUnknownStage {
        code: "DL3022",
        name: "copy-from-unknown-stage",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "`COPY --from` names no earlier stage and no image",
        why: "`COPY --from=name` takes files from the stage called `name`; when no earlier \
              stage has that name, BuildKit pulls an image of that name from a registry \
              instead. A typo in a stage name therefore silently copies from some public \
              image, or fails with a confusing pull error.",
        bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:bookworm-slim\nCOPY --from=builder /out/app /usr/local/bin/app\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /usr/local/bin/app\n",
    }
}

#[derive(Default)]
pub struct CopyFromUnknownStage;

impl Rule for CopyFromUnknownStage {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy {
            return;
        }
        let Some(value) = instr.flag("from").and_then(|f| f.value.as_ref()) else { return };
        let from = value.text.as_str();
        // An image reference with a tag, a digest or a registry port.
        if from.contains(':') || cx.is_stage_name(from) {
            return;
        }
        // A stage index: any stage up to the current one.
        let stages = cx.state.stage.map_or(0, |s| s + 1);
        if !from.is_empty()
            && from.bytes().all(|b| b.is_ascii_digit())
            && from.parse::<usize>().is_ok_and(|i| i < stages)
        {
            return;
        }
        cx.report(value.span, format!("`COPY --from={from}` does not name an earlier stage")).with_help(
            "Name a stage defined above with `FROM … AS name`, or give an image with its tag (`image:tag`).",
        );
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nCOPY --from=foo bar .", &["foo"]),
    Case::fires("FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\nRUN baz", &["build"]),
    Case::fires("FROM debian:12 AS a\nFROM debian:12\nCOPY --from=2 x y\nCOPY --from=nginx x y", &["2", "nginx"]),
    Case::quiet("FROM scratch AS build\nRUN foo\nFROM node:20\nCOPY --from=build foo .\nRUN baz"),
    Case::quiet("FROM golang:1.22 AS Build\nFROM debian:12\nCOPY --from=build /out /out"),
    Case::quiet("FROM debian:12\nFROM alpine:3\nCOPY --from=0 /a /a\nCOPY --from=1 /b /b"),
    Case::quiet("FROM debian:12\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/org/tool@sha256:abc /t /t"),
    Case::quiet("FROM debian:12\nCOPY --from=localhost:5000/tool /t /t\nCOPY foo bar"),
    Case::quiet("FROM debian:12\nONBUILD COPY --from=nowhere a b"),
];
