//! SS4012: a Python image that runs without PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED.

use super::practice::{adds_files, last_stage, lineage, official, root_image, runs_application};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4012",
    name: "python-env-missing",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "A Python image lacks `PYTHONDONTWRITEBYTECODE=1` or `PYTHONUNBUFFERED=1`",
    docs: Docs {
        why: "The seed guide's Python images set two variables. `PYTHONUNBUFFERED=1` makes \
              Python write stdout and stderr straight through, so that `docker logs` shows \
              output as it happens and nothing is lost in a buffer when the process dies. \
              `PYTHONDONTWRITEBYTECODE=1` stops Python from writing `.pyc` files, which in a \
              container only add files to the image or to the container's writable layer. The \
              rule checks the final stage of an application image built on the official \
              `python` image (one that adds files and runs a program, not just the interpreter prompt); `python -u` / `python -B` in the command count as \
              the variables.",
        bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if root_image(cx.file, stage).and_then(official).is_none_or(|o| o.name != "python") {
            return;
        }
        let (mut bytecode, mut unbuffered) = (false, false);
        for instr in lineage(cx.file, stage) {
            match (&instr.keyword, &instr.args) {
                (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                    for p in pairs {
                        bytecode |= p.key.text == "PYTHONDONTWRITEBYTECODE";
                        unbuffered |= p.key.text == "PYTHONUNBUFFERED";
                    }
                }
                (Keyword::Cmd | Keyword::Entrypoint, _) => {
                    let tokens: Vec<&str> = instr
                        .logical
                        .text
                        .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | '[' | ']'))
                        .collect();
                    if tokens.iter().any(|t| t.starts_with("python")) {
                        unbuffered |= tokens.contains(&"-u");
                        bytecode |= tokens.contains(&"-B");
                    }
                }
                _ => {}
            }
        }
        let missing: Vec<&str> =
            [(bytecode, "PYTHONDONTWRITEBYTECODE=1"), (unbuffered, "PYTHONUNBUFFERED=1")]
                .into_iter()
                .filter(|(set, _)| !set)
                .map(|(_, name)| name)
                .collect();
        if !runs_application(cx.file, stage, true) || missing.is_empty() || !adds_files(cx.file, stage) {
            return;
        }
        let from = &cx.file.instructions[cx.file.stages[stage].instructions.start];
        let span = cx.file.stages[stage].base.as_ref().map_or(from.keyword_word.span, |b| b.span);
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ");
        cx.report(span, format!("This Python image does not set {list}"))
            .with_help(format!("Add `ENV {}` to the final stage.", missing.join(" ")));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12-slim\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]", &["python:3.12-slim"]),
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]"),
    Case::fires("FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1\nCOPY . /app\nFROM base\nCMD [\"python\", \"app.py\"]", &["base"]),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE 1\nCOPY app.py .\nCMD python -u app.py\nENV X=1"),
    Case::fires("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD [\"python\", \"app.py\"]", &["python:3.12-slim"]),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.0"),
    Case::quiet("FROM python:3.12-slim AS build\nRUN pip wheel x\nFROM debian:bookworm-slim\nCMD [\"app\"]"),
    Case::quiet("FROM python:3.12-slim\nCOPY app.py .\nCMD [\"python\", \"-B\", \"-u\", \"app.py\"]"),
];
