//! DL3019: `apk add` without `--no-cache`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3019",
    name: "apk-missing-no-cache",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Use `apk add --no-cache` so that the package index is not kept in the image",
    docs: Docs {
        why: "Without `--no-cache`, apk keeps the downloaded package index under \
              `/var/cache/apk`, and it ends up in the layer. `--no-cache` fetches the index, \
              uses it and leaves nothing behind, which also makes `apk update` and removing \
              the cache by hand unnecessary.",
        bad: "FROM alpine:3.20\nRUN apk add curl=8.9.1-r2\n",
        good: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if pkg::cache_mount(instr, "/var/cache/apk") {
            return;
        }
        let cmds = pkg::commands(cx.script, instr);
        let spans: Vec<Span> = cmds
            .iter()
            .filter(|c| pkg::is(c, "apk") && !pkg::has_flag(c, &["no-cache"]))
            .filter_map(|c| pkg::first_arg(c, &["add"]))
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "Use `--no-cache` so that `apk add` leaves no package index in the layer")
                .with_help("Write `apk add --no-cache …` (no `apk update` needed), or mount a cache on `/var/cache/apk`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine\nRUN apk add curl=8.9.1-r2", &["add"]),
    Case::fires(
        "FROM alpine\nRUN apk --update add git=2.45.2-r0 && apk add --no-cache curl=8.9.1-r2",
        &["add"],
    ),
    Case::quiet("FROM alpine\nRUN apk add --no-cache curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN apk --no-cache add curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r2"),
    Case::quiet("FROM alpine\nRUN apk update && apk upgrade"),
];
