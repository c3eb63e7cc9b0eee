//! DL3060: `yarn install` without a later `yarn cache clean`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3060",
    name: "yarn-cache-not-cleaned",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`yarn install` leaves its cache in the layer: no `yarn cache clean` after it",
    docs: Docs {
        why: "yarn keeps a copy of every package it downloads in its global cache. In an image \
              nothing reuses that cache, so unless the same RUN cleans it (or a BuildKit cache \
              mount holds it) it only adds size to the layer. Stages that no other stage \
              builds on are not checked: their files never reach the final image.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    },
};

#[derive(Default)]
pub struct Check {
    /// The `install` words of RUNs that keep the cache, with their stage, decided at the end.
    pending: Vec<(Option<usize>, Vec<Span>)>,
}

fn report(cx: &mut Cx, span: Span) {
    cx.report(
        span,
        "Run `yarn cache clean` after `yarn install`, in the same RUN, so that the cache stays out of the layer",
    )
    .with_help("End the RUN with `&& yarn cache clean`, or mount a cache on `/usr/local/share/.cache/yarn`.");
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run || pkg::cache_mount(instr, ".cache/yarn") {
            return;
        }
        let cmds = pkg::commands(cx.script, instr);
        let clean = |c: &ShCommand| pkg::is(c, "yarn") && pkg::has_arg(c, &["cache", "clean"]);
        let spans: Vec<Span> =
            pkg::installs_without_clean(&cmds, "yarn", &["install"], clean).iter().map(|w| w.span).collect();
        if spans.is_empty() {
            return;
        }
        if cx.onbuild {
            // The trigger runs in a child image whose stages are unknown here.
            for span in spans {
                report(cx, span);
            }
            return;
        }
        self.pending.push((cx.state.stage, spans));
    }

    fn finish(&mut self, cx: &mut Cx) {
        let mut spans = Vec::new();
        for (stage, found) in std::mem::take(&mut self.pending) {
            if pkg::stage_reaches_image(cx.file, stage) {
                spans.extend(found);
            }
        }
        for span in spans {
            report(cx, span);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN yarn install", &["install"]),
    Case::fires("FROM node\nRUN yarn cache clean && yarn --cwd app install --frozen-lockfile", &["install"]),
    Case::quiet("FROM node\nRUN yarn install --frozen-lockfile && yarn cache clean --force"),
    Case::quiet("FROM node\nRUN yarn install; yarn cache clean"),
    Case::quiet("FROM node\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install"),
    Case::quiet("FROM node\nRUN yarn && yarn add express@4.19.2 && yarn build"),
    // A cache mount on a non-root user's yarn cache.
    Case::quiet(
        "FROM node\nRUN --mount=type=cache,target=/home/node/.cache/yarn yarn install --frozen-lockfile",
    ),
    // npm, with the yarn command only in an echoed string.
    Case::quiet("FROM node\nRUN npm install && echo \"run yarn install next\" > /NOTE"),
    Case::fires("FROM node AS deps\nRUN yarn install\nFROM deps\nRUN yarn build", &["install"]),
    // Lower-case `run` keeps the harness from wrapping this RUN in ONBUILD: a trigger is
    // always reported, while a stage nothing builds on is not.
    Case::quiet(
        "FROM node AS build\nrun yarn install && yarn build\nFROM nginx\nCOPY --from=build /app/dist /srv",
    ),
];
