//! DL3019: `apk add` without `--no-cache`.

use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    ApkMissingNoCache {
        code: "DL3019",
        name: "apk-missing-no-cache",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "Use `apk add --no-cache` so that the package index is not kept in the image",
        why: "Without `--no-cache`, apk keeps the downloaded package index under \
              `/var/cache/apk`, and it ends up in the layer. `--no-cache` fetches the index, \
              uses it and leaves nothing behind, which also makes `apk update` and removing \
              the cache by hand unnecessary. The fix (unsafe) adds `--no-cache`.",
        bad: "FROM alpine:3.20\nRUN apk add curl=8.9.1-r2\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    }
}

#[derive(Default)]
pub struct ApkMissingNoCache;

impl Rule for ApkMissingNoCache {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, calls, exec)) = cx.package_calls() else { return };
        let found: Vec<(&ShWord, bool)> = calls
            .iter()
            .filter(|c| c.manager == Manager::Apk && c.installs() && !c.opts.no_cache)
            .filter_map(|c| Some((c.word(script, c.verb?), c.opts.no_network)))
            .collect();
        for (add, offline) in found {
            let edit = crate::edits::add_arg_after(cx.source, exec, add, "--no-cache");
            let d = cx
                .report(add.span, "Use `--no-cache` so that `apk add` leaves no package index in the layer")
                .with_help("Write `apk add --no-cache …` (no `apk update` needed), or mount a cache on `/var/cache/apk`.");
            // Unsafe: with `--update`, the index fetched is no longer kept in the image, so
            // a later `apk add` without `--no-cache` finds no index. No fix with
            // `--no-network`: that add reads only what is already there.
            if !offline {
                d.with_fix(Fix::unsafe_("Add `--no-cache`", vec![edit]));
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine\nRUN apk add curl=8.9.1-r2", &["add"])
        .fixed("FROM alpine\nRUN apk add --no-cache curl=8.9.1-r2"),
    Case::fires(
        "FROM alpine\nRUN apk --update add git=2.45.2-r0 && apk add --no-cache curl=8.9.1-r2",
        &["add"],
    )
    .fixed("FROM alpine\nRUN apk --update add --no-cache git=2.45.2-r0 && apk add --no-cache curl=8.9.1-r2"),
    Case::fires(
        "FROM alpine\nRUN apk update \\\n# build tools\n && apk add \\\n    gcc=13.2.1-r0 \\\n && apk add --virtual .deps make=4.4.1-r2",
        &["add", "add"],
    )
    .fixed("FROM alpine\nRUN apk update \\\n# build tools\n && apk add --no-cache \\\n    gcc=13.2.1-r0 \\\n && apk add --no-cache --virtual .deps make=4.4.1-r2"),
    Case::fires("# escape=`\nFROM alpine\nRUN apk add `\n    curl=8.9.1-r2", &["add"])
        .fixed("# escape=`\nFROM alpine\nRUN apk add --no-cache `\n    curl=8.9.1-r2"),
    // Exec form: the flag becomes an item of its own.
    Case::fires("FROM alpine\nRUN [\"apk\", \"add\", \"curl=8.9.1-r2\"]", &["add"])
        .fixed("FROM alpine\nRUN [\"apk\", \"add\", \"--no-cache\", \"curl=8.9.1-r2\"]"),
    // No fix: an offline add of a virtual package (docker-library's run-time deps).
    Case::fires("FROM alpine\nRUN apk add --no-network --virtual .rundeps so:libssl.so.3", &["add"]),
    // A trigger.
    Case::fires("FROM alpine\nONBUILD RUN apk add curl=8.9.1-r2", &["add"])
        .fixed("FROM alpine\nONBUILD RUN apk add --no-cache curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN apk add --no-cache curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN apk --no-cache add curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN apk update && apk upgrade"),
    Case::quiet("FROM alpine\nRUN [\"apk\", \"add\", \"--no-cache\", \"curl=8.9.1-r2\"]"),
    Case::quiet("# escape=`\nFROM alpine\nRUN apk add --no-cache `\n    curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nONBUILD RUN apk add --no-cache curl=8.9.1-r2"),
    Case::quiet(
        "FROM alpine\nRUN apk update \\\n# build tools\n && apk --no-cache add \\\n    gcc=13.2.1-r0",
    ),
    Case::quiet("FROM alpine\nRUN apk del curl && apk info"),
    Case::quiet("FROM alpine\nRUN echo apk add curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN git add . && apk --version"),
    Case::quiet("FROM alpine\nRUN apk add --no-cache --virtual .deps make=4.4.1-r2 && apk del .deps"),
    Case::quiet("FROM alpine\nRUN apk add --no-cache --no-network --virtual .rundeps so:libssl.so.3"),
    Case::quiet("FROM alpine\nRUN apk --no-cache --no-network add .rundeps"),
];
