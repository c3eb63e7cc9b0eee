//! SS4011: gunicorn started without `--worker-tmp-dir` on a memory file system.

use crate::analysis::startup::{command_script, instruction_command, item_span, unwrapped};
use crate::analysis::stages::stage_at;
use crate::rules::prelude::*;

declare_rule! {
    GunicornHeartbeatOnDisk {
        code: "SS4011",
        name: "gunicorn-heartbeat-on-disk",
        severity: Info,
        category: Performance,
        fix: Sometimes,
        origin: Shipshape,
        summary: "gunicorn runs without `--worker-tmp-dir /dev/shm`",
        why: "gunicorn checks that its forked workers are alive through heartbeat files in \
              `/tmp`, touched with `os.fchmod`. On most hosts `/tmp` is a tmpfs in memory, but \
              in a container it is on the layered, disk-backed file system, where these calls \
              can block: workers freeze at random and the arbiter kills them for timing out. \
              Pointing the heartbeat directory at the memory-backed `/dev/shm` with \
              `--worker-tmp-dir /dev/shm` avoids it. A gunicorn started with a config file \
              (`-c`, or a `gunicorn.conf.py` copied into the image) or with \
              `GUNICORN_CMD_ARGS` is not reported, as the setting may be there. The fix (unsafe) \
              adds `--worker-tmp-dir /dev/shm` after `gunicorn`.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n",
    }
}

/// Words that mean the setting may be given elsewhere or is given.
fn configures(text: &str) -> bool {
    text.contains("worker-tmp-dir") || text.contains("worker_tmp_dir") || text.contains("GUNICORN_CMD_ARGS")
}

/// The `gunicorn` word of a command (`gunicorn …`, `python -m gunicorn …`), unless the
/// command reads a config file.
fn gunicorn_word(cmd: &ShCommand) -> Option<&ShWord> {
    let words = unwrapped(&cmd.words);
    let first = words.first()?;
    let name = first.text().rsplit('/').next().unwrap_or("");
    let (word, rest) = if name == "gunicorn" {
        (first, &words[1..])
    } else if name.starts_with("python") {
        let i = words.iter().position(|w| w.text() == "gunicorn")?;
        (words[i - 1].text() == "-m").then_some(())?;
        (&words[i], &words[i + 1..])
    } else {
        return None;
    };
    let config = rest.iter().any(|w| {
        let t = w.text();
        t == "-c"
            || t == "--config"
            || t.starts_with("--config=")
            || (t.starts_with("-c") && !t.starts_with("--"))
    });
    (!config).then_some(word)
}

/// Adds `--worker-tmp-dir /dev/shm` right after the `gunicorn` word: two more items of
/// an exec-form array, or two more words of a shell command (also inside `sh -c "…"`).
fn add_tmp_dir(source: &str, command: &Command, cmd: &ShCommand, w: &ShWord) -> Option<Fix> {
    let edit = match command {
        // The array itself is the command: the word is one of its items.
        Command::Exec { span, args } if cmd.span == *span => {
            let item = args.iter().find(|a| item_span(a) == w.span)?;
            source[..item.span.end as usize]
                .ends_with('"')
                .then(|| Edit::insert(item.span.end, ", \"--worker-tmp-dir\", \"/dev/shm\""))?
        }
        // A shell command (shell form, or the string of `sh -c`): only when the word's span
        // is exactly the word as written (not a whole escaped string).
        _ => {
            (w.span.text(source) == w.raw).then(|| Edit::insert(w.span.end, " --worker-tmp-dir /dev/shm"))?
        }
    };
    // Unsafe: it changes how the container starts, and /dev/shm must exist and be writable
    // by the user gunicorn runs as (a runtime may mount it small or not at all).
    Some(Fix::unsafe_("Add `--worker-tmp-dir /dev/shm`", vec![edit]))
}

#[derive(Default)]
pub struct GunicornHeartbeatOnDisk {
    /// `gunicorn` words of CMD/ENTRYPOINT: (stage, span, fix).
    starts: Vec<(usize, Span, Option<Fix>)>,
}

impl Rule for GunicornHeartbeatOnDisk {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !matches!(instr.keyword, Keyword::Cmd | Keyword::Entrypoint) {
            return;
        }
        let Some(stage) = stage_at(cx.file, cx.index) else { return };
        let Some(command) = instruction_command(instr) else { return };
        let Some(script) = command_script(instr, command, cx.state.posix_shell()) else { return };
        for cmd in &script.commands {
            if let Some(w) = gunicorn_word(cmd) {
                let fix = add_tmp_dir(cx.source, command, cmd, w);
                self.starts.push((stage, w.span, fix));
            }
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        for (stage, span, fix) in std::mem::take(&mut self.starts) {
            let set = cx.analysis.lineage(cx.file, stage).any(|i| match i.keyword {
                Keyword::Env | Keyword::Cmd | Keyword::Entrypoint => configures(&i.logical.text),
                Keyword::Copy | Keyword::Add => i.logical.text.contains("gunicorn.conf"),
                _ => false,
            });
            if set {
                continue;
            }
            let d = cx.report(
                span,
                "gunicorn keeps its worker heartbeat files on disk: add `--worker-tmp-dir /dev/shm`",
            );
            d.with_help(
                "Start it as `gunicorn --worker-tmp-dir /dev/shm …` so the heartbeat files live in memory.",
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12-slim\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]", &["gunicorn"])
        .fixed("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]"),
    Case::fires("FROM python:3.12-slim\nCMD gunicorn config.wsgi -b 0.0.0.0:8000", &["gunicorn"])
        .fixed("FROM python:3.12-slim\nCMD gunicorn --worker-tmp-dir /dev/shm config.wsgi -b 0.0.0.0:8000"),
    Case::fires("FROM python:3.12-slim\nENTRYPOINT [\"python\", \"-m\", \"gunicorn\", \"app:app\"]", &["gunicorn"])
        .fixed("FROM python:3.12-slim\nENTRYPOINT [\"python\", \"-m\", \"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\", \"app:app\"]"),
    Case::fires("FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"alembic upgrade head && exec gunicorn app:app\"]", &["gunicorn"])
        .fixed("FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"alembic upgrade head && exec gunicorn --worker-tmp-dir /dev/shm app:app\"]"),
    // Continuation lines and a comment: the flag goes right after the word.
    Case::fires(
        "FROM python:3.12-slim\n# serve\nCMD [\"/usr/local/bin/gunicorn\", \\\n  # the app\n  \"app:app\"]",
        &["/usr/local/bin/gunicorn"],
    )
    .fixed("FROM python:3.12-slim\n# serve\nCMD [\"/usr/local/bin/gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\", \\\n  # the app\n  \"app:app\"]"),
    Case::fires("FROM python:3.12-slim\ncmd exec gunicorn \\\n    # bind\n    -b 0.0.0.0:8000 app:app", &["gunicorn"])
        .fixed("FROM python:3.12-slim\ncmd exec gunicorn --worker-tmp-dir /dev/shm \\\n    # bind\n    -b 0.0.0.0:8000 app:app"),
    Case::fires("# escape=`\nFROM python:3.12-slim\nCMD gunicorn `\n    app:app", &["gunicorn"])
        .fixed("# escape=`\nFROM python:3.12-slim\nCMD gunicorn --worker-tmp-dir /dev/shm `\n    app:app"),
    Case::fires("FROM python:3.12-slim\nENTRYPOINT [\"gunicorn\"]\nCMD [\"app:app\"]", &["gunicorn"])
        .fixed("FROM python:3.12-slim\nENTRYPOINT [\"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\"]\nCMD [\"app:app\"]"),
    // An `sh -c` string with escapes: its words' positions are not known, so no fix.
    Case::fires("FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"exec gunicorn \\\"app:app\\\"\"]", &["\"exec gunicorn \\\"app:app\\\"\""]),
    Case::quiet("FROM python:3.12-slim\nCMD gunicorn --worker-tmp-dir /dev/shm config.wsgi -b 0.0.0.0:8000"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--worker-tmp-dir=/dev/shm\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS=\"--worker-tmp-dir /dev/shm\"\nCMD [\"gunicorn\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nENTRYPOINT [\"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\"]\nCMD [\"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"uvicorn\", \"app:app\"]"),
    // A config file copied into the image (gunicorn reads ./gunicorn.conf.py by default).
    Case::quiet("FROM python:3.12-slim\nWORKDIR /app\nCOPY gunicorn.conf.py app.py ./\nCMD [\"gunicorn\", \"app:app\"]"),
    // The setting inherited from the stage this one is built on.
    Case::quiet(
        "FROM python:3.12-slim AS base\nENV GUNICORN_CMD_ARGS=\"--worker-tmp-dir /dev/shm\"\nFROM base\nCMD [\"gunicorn\", \"app:app\"]",
    ),
    // gunicorn installed and inspected, but not what the container starts.
    Case::quiet(
        "FROM python:3.12-slim\nRUN pip install --no-cache-dir gunicorn==22.0.0\nCMD [\"python\", \"-m\", \"pip\", \"show\", \"gunicorn\"]",
    ),
    Case::quiet("FROM python:3.12-slim\nCMD gunicorn --worker-tmp-dir=/dev/shm app:app"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"gunicorn\", \"--config\", \"conf.py\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"gunicorn\", \"--config=conf.py\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nRUN gunicorn --check-config app:app\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD GUNICORN_CMD_ARGS=\"--worker-tmp-dir /dev/shm\" gunicorn app:app"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"sh\", \"-c\", \"exec gunicorn -c /etc/gunicorn.py app:app\"]"),
    Case::quiet("FROM python:3.12-slim\nCMD [\"gunicorn-wrapper\", \"app:app\"]"),
    Case::quiet("FROM python:3.12-slim\n# gunicorn app:app\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM python:3.12-slim\nENTRYPOINT [\"tini\", \"--\", \"gunicorn\", \"-c\", \"g.py\"]"),
];
