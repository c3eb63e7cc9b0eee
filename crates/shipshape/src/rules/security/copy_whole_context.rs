//! SS4014: the final image gets the whole build context (`COPY . .`).

use crate::analysis::stages::last_stage;
use crate::analysis::context::{context_sources, whole_context};
use crate::analysis::packages::dependency_install;
use crate::rules::prelude::*;

declare_rule! {
    CopyWholeContext {
        code: "SS4014",
        name: "copy-whole-context",
        severity: Off,
        category: Security,
        fix: None,
        origin: Shipshape,
        summary: "The final image copies the whole build context instead of explicit paths",
        why: "`COPY . .` puts everything in the build context into the image: `.git`, `.env` \
              files, keys and credentials lying in the project, local virtualenvs and build \
              output. Secrets copied this way can be read by anyone who can pull the image, and \
              any change to any file busts the cache of the COPY and everything after it. Naming \
              the files and directories the application needs (`COPY app.py .`, `COPY src/ \
              src/`) keeps the image to what it runs. The rule is off by default, checks only \
              the stages that end in the image, stays quiet when the CLI finds a \
              `.dockerignore` for the context, and leaves a COPY that comes before a dependency \
              install to SS4002.",
        bad: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER 10001\nCMD [\"node\", \"server.js\"]\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY server.js ./\nCOPY src/ src/\nUSER 10001\nCMD [\"node\", \"server.js\"]\n",
    }
}

#[derive(Default)]
pub struct CopyWholeContext;

impl Rule for CopyWholeContext {
    fn finish(&mut self, cx: &mut Cx) {
        if cx.config.dockerignore.as_ref().is_some_and(|d| !d.is_empty()) {
            return;
        }
        let Some(last) = last_stage(cx.file) else { return };
        let mut spans = Vec::new();
        for stage in cx.analysis.ancestry(last) {
            let instrs = cx.file.stage_instructions(&cx.file.stages[stage]);
            for (i, instr) in instrs.iter().enumerate() {
                let Some(source) = context_sources(instr).iter().find(|s| whole_context(&s.text)) else {
                    continue;
                };
                // A dependency install after it in the stage: SS4002's finding.
                let installs_after = instrs[i + 1..].iter().any(|later| {
                    Script::of_run(later, cx.source)
                        .is_some_and(|s| s.commands.iter().any(|c| dependency_install(c).is_some()))
                });
                if !installs_after {
                    spans.push(source.span);
                }
            }
        }
        for span in spans {
            cx.report(span, "This copies the whole build context into the image").with_help(
                "Copy the files the application needs by name, or exclude the rest with a `.dockerignore`.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]", &["."]),
    Case::fires("FROM node:20 AS base\nWORKDIR /app\nCOPY ./ /app/\nFROM base\nCMD [\"node\", \"app.js\"]", &["./"]),
    Case::quiet("FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]"),
    // Only the build stage gets the context.
    Case::quiet("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app"),
    // Before the dependency install: SS4002.
    Case::quiet("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt"),
    Case::quiet("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]").with_config(|| {
        crate::config::Config { dockerignore: Some(vec![".git".into()]), ..Default::default() }
    }),
];
