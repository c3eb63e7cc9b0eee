//! DL3067: `COPY --from=<stage> / /`, which copies a whole filesystem.

use crate::rules::prelude::*;
use crate::shell::queries::unquote;

declare_rule! {
    CopyWholeFilesystem {
        code: "DL3067",
        name: "copy-whole-filesystem",
        severity: Warning,
        category: Size,
        fix: None,
        origin: Hadolint,
        summary: "`COPY --from=<stage> / /` copies a whole filesystem",
        why: "`COPY --from=build / /` drops the complete root filesystem of the other stage \
              (package caches, compilers, `/etc` and all) on top of this one. The final image \
              gets large, files of the base image are silently replaced, and the point of a \
              multi-stage build is lost. Copy only the paths the image needs.",
        bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /\n",
        good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n",
    }
}

#[derive(Default)]
pub struct CopyWholeFilesystem;

impl Rule for CopyWholeFilesystem {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy || instr.flag("from").is_none() {
            return;
        }
        let Args::List { items, .. } = &instr.args else { return };
        let Some((dest, sources)) = items.split_last() else { return };
        if unquote(&dest.text).0 != "/" {
            return;
        }
        let roots: Vec<Span> = sources.iter().filter(|s| unquote(&s.text).0 == "/").map(|s| s.span).collect();
        for span in roots {
            cx.report(span, "`COPY --from` of `/` to `/` copies the whole filesystem of the other stage")
                .with_help(
                    "Copy only the files the image needs, e.g. `COPY --from=build /out/app /usr/local/bin/`.",
                );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /", &["/"]),
    Case::fires("FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a [\"/\", \"/\"]", &["\"/\""]),
    Case::fires("FROM scratch\nCOPY --from=busybox:1.36 --chown=0:0 /bin \"/\" '/'", &["\"/\""]),
    Case::quiet("FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a / /rootfs/"),
    Case::quiet("FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a /app /"),
    Case::quiet("FROM scratch\nCOPY / /"),
    // A prepared root filesystem copied to `/`: the usual distroless pattern.
    Case::quiet("FROM alpine:3.20 AS a\nRUN mkdir -p /rootfs/etc\nFROM scratch\nCOPY --from=a /rootfs/ /"),
    // The instruction only in a comment and in an echo.
    Case::quiet("# COPY --from=a / /\nFROM alpine:3.20 AS a\nFROM scratch\nRUN echo \"COPY --from=a / /\""),
    // JSON form with several sources, none of them the root.
    Case::quiet("FROM alpine:3.20 AS a\nFROM scratch\nCOPY --from=a [\"/bin\", \"/sbin\", \"/\"]"),
];
