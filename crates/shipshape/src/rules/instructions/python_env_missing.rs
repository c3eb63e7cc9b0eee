//! SS4012: a Python image that runs without PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED.

use crate::analysis::context::adds_files;
use crate::analysis::images::official;
use crate::analysis::stages::last_stage;
use crate::analysis::startup::runs_application;
use crate::rules::prelude::*;

declare_rule! {
    PythonEnvMissing {
        code: "SS4012",
        name: "python-env-missing",
        severity: Info,
        category: Maintainability,
        fix: Always,
        origin: Shipshape,
        summary: "A Python image lacks `PYTHONDONTWRITEBYTECODE=1` or `PYTHONUNBUFFERED=1`",
        why: "The seed guide's Python images set two variables. `PYTHONUNBUFFERED=1` makes \
              Python write stdout and stderr straight through, so that `docker logs` shows \
              output as it happens and nothing is lost in a buffer when the process dies. \
              `PYTHONDONTWRITEBYTECODE=1` stops Python from writing `.pyc` files, which in a \
              container only add files to the image or to the container's writable layer. The \
              rule checks the final stage of an application image built on the official \
              `python` image (one that adds files and runs a program, not just the interpreter prompt); `python -u` / `python -B` in the command count as \
              the variables. The fix (unsafe) adds an `ENV` line with the missing ones after \
              the final stage's `FROM`.",
        bad: "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

/// An edit that puts `line` (its keyword in the case of `after`'s) on a line of its own
/// right after the instruction `after`, with its indentation and the file's line break.
fn line_after(source: &str, after: &Instruction, line: &str) -> Edit {
    let keyword =
        crate::edits::same_case(after.keyword_word.span.text(source), line.split(' ').next().unwrap_or(""));
    let rest = line.split_once(' ').map_or("", |(_, r)| r);
    let indent = crate::edits::indentation(source, after.span.start);
    let end = crate::edits::whole_lines(source, after.span).end as usize;
    let text = format!("{indent}{keyword} {rest}");
    if source[..end].ends_with('\n') {
        let eol = if source[..end].ends_with("\r\n") { "\r\n" } else { "\n" };
        Edit::insert(end as u32, format!("{text}{eol}"))
    } else {
        let eol = crate::edits::line_break(source);
        Edit::insert(end as u32, format!("{eol}{text}"))
    }
}

#[derive(Default)]
pub struct PythonEnvMissing;

impl Rule for PythonEnvMissing {
    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if cx.analysis.root_image(cx.file, stage).and_then(official).is_none_or(|o| o.name != "python") {
            return;
        }
        let (mut bytecode, mut unbuffered) = (false, false);
        for instr in cx.analysis.lineage(cx.file, stage) {
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
        if !runs_application(cx.analysis, cx.file, stage, true)
            || missing.is_empty()
            || !adds_files(cx.analysis, cx.file, stage)
        {
            return;
        }
        let from = &cx.file.instructions[cx.file.stages[stage].instructions.start];
        let span = cx.file.stages[stage].base.as_ref().map_or(from.keyword_word.span, |b| b.span);
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ");
        // Unsafe: it changes the application's environment (unbuffered output, no `.pyc`).
        let fix = Fix::unsafe_(
            format!("Add `ENV {}`", missing.join(" ")),
            vec![line_after(cx.source, from, &format!("ENV {}", missing.join(" ")))],
        );
        cx.report(span, format!("This Python image does not set {list}"))
            .with_help(format!("Add `ENV {}` to the final stage.", missing.join(" ")))
            .with_fix(fix);
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12-slim\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]", &["python:3.12-slim"])
        .fixed("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\"]"),
    Case::fires("FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1\nCOPY . /app\nFROM base\nCMD [\"python\", \"app.py\"]", &["base"])
        .fixed("FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1\nCOPY . /app\nFROM base\nENV PYTHONDONTWRITEBYTECODE=1\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE 1\nCOPY app.py .\nCMD python -u app.py\nENV X=1"),
    Case::fires("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD [\"python\", \"app.py\"]", &["python:3.12-slim"])
        .fixed("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD [\"python\", \"app.py\"]"),
    // A FROM across continuation lines, a comment after it, lower-case keywords.
    Case::fires(
        "from python:3.12-slim \\\n  AS app\n# the code\ncopy app.py /\ncmd [\"python\", \"-B\", \"/app.py\"]",
        &["python:3.12-slim"],
    )
    .fixed("from python:3.12-slim \\\n  AS app\nenv PYTHONUNBUFFERED=1\n# the code\ncopy app.py /\ncmd [\"python\", \"-B\", \"/app.py\"]"),
    Case::fires("# escape=`\nFROM python:3.12-windowsservercore\nCOPY app.py C:/app/\nCMD [\"python\", \"C:/app/app.py\"]", &["python:3.12-windowsservercore"])
        .fixed("# escape=`\nFROM python:3.12-windowsservercore\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCOPY app.py C:/app/\nCMD [\"python\", \"C:/app/app.py\"]"),
    // CRLF line breaks are kept; an indented FROM keeps its indentation.
    Case::fires("ARG V=3.12\r\n  FROM python:3.12-slim\r\nCOPY app.py /\r\nCMD [\"python\", \"/app.py\"]\r\n", &["python:3.12-slim"])
        .fixed("ARG V=3.12\r\n  FROM python:3.12-slim\r\n  ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\r\nCOPY app.py /\r\nCMD [\"python\", \"/app.py\"]\r\n"),
    // The final FROM on the last line, without a line break.
    Case::fires("FROM python:3.12-slim AS base\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]\nFROM base", &["base"])
        .fixed("FROM python:3.12-slim AS base\nCOPY app.py /\nCMD [\"python\", \"/app.py\"]\nFROM base\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1"),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.0"),
    Case::quiet("FROM python:3.12-slim AS build\nRUN pip wheel x\nFROM debian:bookworm-slim\nCMD [\"app\"]"),
    Case::quiet("FROM python:3.12-slim\nCOPY app.py .\nCMD [\"python\", \"-B\", \"-u\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim AS base\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nFROM base\nCOPY app.py .\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM node:20-slim\nCOPY app.js .\nCMD [\"node\", \"app.js\"]"),
    Case::quiet("FROM python:3.12-slim AS build\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\nFROM scratch\nCOPY --from=build /app.py /"),
    Case::quiet("FROM myorg/python:3.12\nCOPY app.py .\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY app.py .\nCMD python -B app.py"),
    Case::quiet("FROM python:3.12-slim\nCOPY app.py .\nENTRYPOINT [\"python\", \"-u\", \"-B\"]\nCMD [\"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nCOPY app.py .\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nCOPY app.py .\nCMD [\"python\"]"),
];
