//! DL3060: `yarn install` without a later `yarn cache clean`.

use super::cache_clean::{self, clean_or_rm, CacheClean};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    YarnCacheNotCleaned {
        code: "DL3060",
        name: "yarn-cache-not-cleaned",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "`yarn install` leaves its cache in the layer: no `yarn cache clean` after it",
        why: "yarn keeps a copy of every package it downloads in its global cache. In an image \
              nothing reuses that cache, so unless the same RUN cleans it (or a BuildKit cache \
              mount holds it) it only adds size to the layer. Stages that no other stage \
              builds on are not checked: their files never reach the final image. The fix \
              (unsafe) appends `&& yarn cache clean` to the RUN.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean\n",
    }
}

/// An install word, the program and subcommand, and the RUN's fix.
type Found = (Span, String, Option<Fix>);

#[derive(Default)]
pub struct YarnCacheNotCleaned {
    /// The `install` words of RUNs that keep the cache, with their stage and the fix of
    /// their RUN, decided at the end.
    pending: Vec<(Option<usize>, Vec<Found>)>,
}


impl Rule for YarnCacheNotCleaned {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run {
            return;
        }
        let found = cache_clean::find(cx, &SPEC);
        if found.is_empty() {
            return;
        }
        if cx.onbuild {
            // The trigger runs in a child image whose stages are unknown here.
            cache_clean::report(cx, &SPEC, found);
            return;
        }
        self.pending.push((cx.state.stage, found));
    }

    fn finish(&mut self, cx: &mut Cx) {
        let mut found = Vec::new();
        for (stage, spans) in std::mem::take(&mut self.pending) {
            if crate::analysis::stages::stage_reaches_image(cx.file, stage) {
                found.extend(spans);
            }
        }
        cache_clean::report(cx, &SPEC, found);
    }
}

static SPEC: CacheClean = CacheClean {
    manager: Manager::Yarn,
    programs: &["yarn"],
    verbs: &["install"],
    cleans: |c, p| clean_or_rm(c, p, &["cache", "clean"], None),
    quiet_mounts: &[".cache/yarn"],
    keep_mounts: &[".cache/yarn", "/.yarn"],
    clean: "yarn cache clean",
    message: "Run `yarn cache clean` after `yarn install`, in the same RUN, so that the cache stays out of the layer",
    help: "End the RUN with `&& yarn cache clean`, or mount a cache on `/usr/local/share/.cache/yarn`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN yarn install", &["install"]).fixed("FROM node\nRUN yarn install && yarn cache clean"),
    // No fix: a clean before the install.
    Case::fires("FROM node\nRUN yarn cache clean && yarn --cwd app install --frozen-lockfile", &["install"]),
    Case::fires(
        "FROM node\nRUN yarn install \\\n# production only\n    --production \\\n && yarn build",
        &["install"],
    )
    .fixed("FROM node\nRUN yarn install \\\n# production only\n    --production \\\n && yarn build && yarn cache clean"),
    Case::fires("# escape=`\nFROM node\nRUN yarn install `\n    --frozen-lockfile", &["install"])
        .fixed("# escape=`\nFROM node\nRUN yarn install `\n    --frozen-lockfile && yarn cache clean"),
    Case::fires("FROM node\nONBUILD RUN yarn install --frozen-lockfile", &["install"])
        .fixed("FROM node\nONBUILD RUN yarn install --frozen-lockfile && yarn cache clean"),
    // No fix: a bind mount holds the cache.
    Case::fires("FROM node\nRUN --mount=type=bind,from=deps,target=/root/.yarn,rw yarn install", &["install"]),
    // No fix: exec form.
    Case::fires("FROM node\nRUN [\"yarn\", \"install\"]", &["install"]),
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
    Case::fires("FROM node AS deps\nRUN yarn install\nFROM deps\nRUN yarn build", &["install"])
        .fixed("FROM node AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nRUN yarn build"),
    // Lower-case `run` keeps the harness from wrapping this RUN in ONBUILD: a trigger is
    // always reported, while a stage nothing builds on is not.
    Case::quiet(
        "FROM node AS build\nrun yarn install && yarn build\nFROM nginx\nCOPY --from=build /app/dist /srv",
    ),
    Case::quiet("FROM node\nRUN yarn install && yarn cache clean"),
    Case::quiet("# escape=`\nFROM node\nRUN yarn install `\n    --frozen-lockfile && yarn cache clean"),
    Case::quiet("FROM node\nONBUILD RUN yarn install --frozen-lockfile && yarn cache clean"),
    Case::quiet("FROM node\nRUN [\"sh\", \"-c\", \"yarn install && yarn cache clean\"]"),
    Case::quiet(
        "FROM node\nRUN yarn install \\\n# production only\n    --production \\\n && yarn cache clean",
    ),
    Case::quiet("FROM node AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nRUN yarn build"),
    Case::quiet("FROM node\nRUN yarn add lodash@4.17.21 && yarn remove lodash"),
    Case::quiet("FROM node\nRUN --mount=type=bind,from=deps,target=/root/.yarn,rw yarn install && yarn cache clean"),
    Case::quiet("FROM node\nRUN yarn cache dir && yarn --version"),
];
