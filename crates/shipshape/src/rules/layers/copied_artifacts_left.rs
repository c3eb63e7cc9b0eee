//! SS4009: build artefacts copied from another stage, installed, and left in the image.

use crate::analysis::stages::{last_stage, stage_at};
use crate::syntax::text::line_of;
use crate::rules::prelude::*;

declare_rule! {
    CopiedArtifactsLeft {
        code: "SS4009",
        name: "copied-artifacts-left",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Shipshape,
        summary: "Packages copied from a build stage stay in the image after they are installed",
        why: "The multi-stage pattern of building wheels (or `.deb`, `.apk`, `.tgz` packages) in \
              a builder and installing them in the final stage with `COPY --from=builder /wheels \
              /wheels` then `pip install /wheels/*` keeps two copies in the image: the installed \
              packages and the archives in the COPY layer, which no later `rm` can take out. A \
              bind mount (`RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
              pip install /wheels/*`) makes the files available to the install without ever \
              writing them into a layer. The fix (unsafe), for a plain COPY right before the \
              install, replaces the COPY with that bind mount on the RUN.",
        bad: "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip wheel --no-cache-dir --wheel-dir /app/wheels -r requirements.txt\n\nFROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nCOPY --from=build /app/wheels /wheels\nRUN pip install --no-cache-dir /wheels/*\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip wheel --no-cache-dir --wheel-dir /app/wheels -r requirements.txt\n\nFROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nRUN --mount=type=bind,from=build,source=/app/wheels,target=/wheels \\\n    pip install --no-cache-dir /wheels/*\nWORKDIR /app\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

struct Copied {
    stage: usize,
    /// The destination, without a trailing `/` or a leading `./`.
    dest: String,
    span: Span,
    from: String,
    /// The install that used the files without deleting them: (line, command).
    installed: Option<(usize, String)>,
    /// The indexes of the COPY and of the RUN that installs.
    at: (usize, usize),
}

fn normalize(path: &str) -> &str {
    let p = path.trim_matches(|c| c == '"' || c == '\'');
    let p = p.strip_prefix("./").unwrap_or(p);
    if p.len() > 1 {
        p.trim_end_matches('/')
    } else {
        p
    }
}

/// Whether `path` (an argument) is inside or equal to `dest`.
fn under(path: &str, dest: &str) -> bool {
    let p = normalize(path);
    p == dest || p.strip_prefix(dest).is_some_and(|r| r.starts_with('/'))
}

/// The program and verb of a command that installs package files, and the words that may
/// name those files.
fn install_args(cmd: &ShCommand) -> Option<(String, Vec<&ShWord>)> {
    let name = cmd.name()?;
    let args = cmd.args();
    let has = |v: &str| args.iter().any(|a| a.text() == v);
    let (what, ok) = match name {
        _ if name.starts_with("pip") => ("pip install", has("install")),
        _ if name.starts_with("python") => ("pip install", has("pip") && has("install")),
        "uv" => ("uv pip install", has("pip") && has("install")),
        "dpkg" => ("dpkg -i", args.iter().any(|a| a.text() == "-i" || a.text() == "--install")),
        "apt-get" | "apt" => ("apt-get install", has("install")),
        "apk" => ("apk add", has("add")),
        "rpm" => (
            "rpm",
            args.iter()
                .any(|a| a.text().starts_with('-') && (a.text().contains('i') || a.text().contains('U'))),
        ),
        "yum" | "dnf" | "microdnf" => ("dnf install", has("install")),
        "npm" => ("npm install", has("install") || has("i")),
        "gem" => ("gem install", has("install")),
        _ => return None,
    };
    if !ok {
        return None;
    }
    // Values of `--find-links=/wheels` are paths too.
    Some((what.to_string(), args.iter().collect()))
}

fn arg_path(w: &ShWord) -> &str {
    let t = w.raw.as_str();
    match t.split_once('=') {
        Some((flag, v)) if flag.starts_with('-') => v,
        _ => t,
    }
}

/// Folders that exist in most images: a bind mount there would hide their contents.
const SYSTEM_DIRS: &[&str] = &[
    "/tmp",
    "/usr",
    "/usr/local",
    "/usr/local/bin",
    "/usr/local/lib",
    "/usr/lib",
    "/usr/bin",
    "/usr/share",
    "/opt",
    "/var",
    "/var/tmp",
    "/var/lib",
    "/etc",
    "/root",
    "/home",
    "/srv",
    "/app",
    "/bin",
    "/lib",
    "/src",
];

/// Replaces `COPY --from=X SRC DEST` with `--mount=type=bind,from=X,source=SRC,target=DEST`
/// on the RUN right after it. Only for a COPY with no flag but `--from`, one source and a
/// destination written plainly, both absolute and named alike (`/wheels` to `/wheels`,
/// `/out/app.deb` to `/tmp/app.deb`), not a folder the image already has, and not used by
/// any later instruction of the stage.
fn bind_mount(cx: &Cx, copy_at: usize, run_at: usize) -> Option<Fix> {
    let source = cx.source;
    if run_at != copy_at + 1 {
        return None;
    }
    let (copy, run) = (&cx.file.instructions[copy_at], &cx.file.instructions[run_at]);
    let from = copy.flag("from")?.value.as_ref()?;
    let Args::List { items, json: false } = &copy.args else { return None };
    let [src, dest] = items.as_slice() else { return None };
    let plain = |w: &Word| {
        w.span.text(source) == w.text
            && w.text.starts_with('/')
            && !w.text.ends_with('/')
            && !w.text.contains(['$', '*', '?', '[', ',', '"', '\'', '='])
    };
    let base = |w: &Word| w.text.rsplit('/').next().unwrap_or("").to_string();
    if copy.flags.len() != 1
        || from.text.contains(['$', ',', '"', '\'', '='])
        || !plain(src)
        || !plain(dest)
        || base(src) != base(dest)
        || SYSTEM_DIRS.contains(&dest.text.as_str())
        || run.keyword != Keyword::Run
    {
        return None;
    }
    // Later instructions of the stage must not need the files.
    let stage = cx.file.stages.iter().find(|s| s.instructions.contains(&run_at))?;
    if cx.file.instructions[run_at + 1..stage.instructions.end]
        .iter()
        .any(|i| i.logical.text.contains(&dest.text))
    {
        return None;
    }
    let mount = format!(" --mount=type=bind,from={},source={},target={}", from.text, src.text, dest.text);
    // Unsafe: the files are no longer in the image for anything else, the mount is
    // read-only, and the build needs BuildKit.
    Some(Fix::unsafe_(
        "Bind-mount the files for the install instead of copying them",
        vec![
            Edit::delete(crate::edits::whole_lines(source, copy.span)),
            Edit::insert(run.keyword_word.span.end, mount),
        ],
    ))
}

#[derive(Default)]
pub struct CopiedArtifactsLeft {
    copies: Vec<Copied>,
}

impl Rule for CopiedArtifactsLeft {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let Some(stage) = stage_at(cx.file, cx.index) else { return };
        match instr.keyword {
            Keyword::Copy => {
                let Some(from) = instr.flag("from").and_then(|f| f.value.as_ref()) else { return };
                let Args::List { items, .. } = &instr.args else { return };
                let Some(dest) = items.last().filter(|_| items.len() >= 2) else { return };
                let d = normalize(&dest.text);
                if matches!(d, "." | "/" | "") || d.contains('$') {
                    return;
                }
                self.copies.push(Copied {
                    stage,
                    dest: d.to_string(),
                    span: dest.span,
                    from: from.text.clone(),
                    installed: None,
                    at: (cx.index, cx.index),
                });
            }
            Keyword::Run => {
                let Some(script) = cx.script else { return };
                for c in self.copies.iter_mut().filter(|c| c.stage == stage && c.installed.is_none()) {
                    let deleted = script
                        .commands
                        .iter()
                        .filter(|cmd| cmd.is("rm"))
                        .any(|cmd| cmd.positionals().iter().any(|w| under(&w.raw, &c.dest)));
                    if deleted {
                        continue;
                    }
                    let used = script.commands.iter().find_map(|cmd| {
                        let (what, args) = install_args(cmd)?;
                        args.iter()
                            .any(|w| under(arg_path(w), &c.dest))
                            .then(|| (line_of(cx.source, cmd.span.start), what))
                    });
                    c.installed = used;
                    c.at.1 = cx.index;
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        let Some(last) = last_stage(cx.file) else { return };
        let shipped = cx.analysis.ancestry(last);
        for c in self.copies.iter().filter(|c| shipped.contains(&c.stage)) {
            let Some((line, what)) = &c.installed else { continue };
            let dest = cx.text(c.span).to_string();
            let fix = bind_mount(cx, c.at.0, c.at.1);
            let d = cx.report(
                c.span,
                format!(
                    "`{dest}`, copied from `{}`, stays in the image after `{what}` at line {line}",
                    c.from
                ),
            );
            d.with_help(
                "Bind-mount the files for the install instead (`RUN --mount=type=bind,from=<stage>,source=…,\
                 target=…`), or delete them in the same RUN as the install.",
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM python:3.9 AS builder\nRUN pip wheel --wheel-dir /wheels jupyter pandas\nFROM python:3.9-slim\nCOPY --from=builder /wheels /wheels\nRUN pip install --no-cache /wheels/*",
        &["/wheels"],
    )
    .fixed("FROM python:3.9 AS builder\nRUN pip wheel --wheel-dir /wheels jupyter pandas\nFROM python:3.9-slim\nRUN --mount=type=bind,from=builder,source=/wheels,target=/wheels pip install --no-cache /wheels/*"),
    // A relative destination, and the files deleted in a later RUN: no fix.
    Case::fires(
        "FROM python:3.9 AS builder\nRUN pip wheel -w /w x\nFROM python:3.9-slim\nWORKDIR /app\nCOPY --from=builder /w ./wheels/\nRUN pip install --no-index --find-links=./wheels x\nRUN rm -rf wheels",
        &["./wheels/"],
    ),
    Case::fires(
        "FROM debian:bookworm AS build\nRUN make deb\nFROM debian:bookworm-slim\nCOPY --from=build /out/app.deb /tmp/app.deb\nRUN dpkg -i /tmp/app.deb",
        &["/tmp/app.deb"],
    )
    .fixed("FROM debian:bookworm AS build\nRUN make deb\nFROM debian:bookworm-slim\nRUN --mount=type=bind,from=build,source=/out/app.deb,target=/tmp/app.deb dpkg -i /tmp/app.deb"),
    // Continuation lines and comments are kept; the RUN's own flags stay.
    Case::fires(
        "FROM python:3.12 AS build\nRUN pip wheel -w /app/wheels -r requirements.txt\nFROM python:3.12-slim\n# the wheels\nCOPY --from=build /app/wheels /wheels\nrun --mount=type=cache,target=/root/.cache \\\n    # no index\n    pip install --no-index /wheels/*\nCMD [\"python\"]",
        &["/wheels"],
    )
    .fixed("FROM python:3.12 AS build\nRUN pip wheel -w /app/wheels -r requirements.txt\nFROM python:3.12-slim\n# the wheels\nrun --mount=type=bind,from=build,source=/app/wheels,target=/wheels --mount=type=cache,target=/root/.cache \\\n    # no index\n    pip install --no-index /wheels/*\nCMD [\"python\"]"),
    Case::fires(
        "# escape=`\nFROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install `\n    /wheels/*",
        &["/wheels"],
    )
    .fixed("# escape=`\nFROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nRUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install `\n    /wheels/*"),
    // Another flag on the COPY, a folder the image has, or a step between: no fix.
    Case::fires(
        "FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build --chown=app /wheels /wheels\nRUN pip install /wheels/*",
        &["/wheels"],
    ),
    Case::fires(
        "FROM python:3.12 AS build\nRUN pip wheel -w /tmp x\nFROM python:3.12-slim\nCOPY --from=build /tmp /tmp\nRUN pip install /tmp/*.whl",
        &["/tmp"],
    ),
    Case::fires(
        "FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nENV PIP_NO_CACHE_DIR=1\nRUN pip install /wheels/*",
        &["/wheels"],
    ),
    Case::quiet(
        "FROM python:3.9 AS builder\nRUN pip wheel -w /wheels x\nFROM python:3.9-slim\nCOPY --from=builder /wheels /wheels\nRUN pip install /wheels/* && rm -rf /wheels",
    ),
    Case::quiet(
        "FROM python:3.9 AS builder\nRUN pip wheel -w /wheels x\nFROM python:3.9-slim\nRUN --mount=type=bind,from=builder,source=/wheels,target=/wheels pip install /wheels/*",
    ),
    Case::quiet("FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app"),
    Case::quiet("FROM python:3.9 AS builder\nRUN pip wheel -w /wheels x\nFROM python:3.9-slim\nCOPY --from=builder /app/requirements.txt .\nRUN pip install -r requirements.txt"),
    // Not the image being built.
    Case::quiet(
        "FROM python:3.9 AS builder\nRUN pip wheel -w /wheels x\nFROM python:3.9-slim AS test\nCOPY --from=builder /wheels /wheels\nRUN pip install /wheels/*\nFROM python:3.9-slim\nCMD [\"python\"]",
    ),
    // A copied virtualenv is needed at run time: its pip installs other packages into it.
    Case::quiet(
        "FROM python:3.9 AS builder\nRUN python -m venv /opt/venv\nFROM python:3.9-slim\nCOPY --from=builder /opt/venv /opt/venv\nRUN /opt/venv/bin/pip install --no-cache-dir gunicorn==21.2.0",
    ),
    // The copied files are only listed, not installed.
    Case::quiet(
        "FROM python:3.9 AS builder\nRUN pip wheel -w /wheels x\nFROM python:3.9-slim\nCOPY --from=builder /wheels /wheels\nRUN ls /wheels && pip list",
    ),
    Case::quiet("FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels"),
    Case::quiet("FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install /other/*.whl"),
    Case::quiet("FROM debian:bookworm AS build\nRUN make deb\nFROM debian:bookworm-slim\nCOPY --from=build /out/app.deb /tmp/app.deb\nRUN dpkg -i /tmp/app.deb; rm /tmp/app.deb"),
    Case::quiet("FROM node:20 AS build\nRUN npm pack\nFROM node:20-slim\nCOPY --from=build /app/dist /app/dist\nCMD [\"node\", \"/app/dist/index.js\"]"),
    Case::quiet("FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nRUN --mount=type=bind,from=build,source=/wheels,target=/wheels pip install /wheels/*\nCMD [\"python\"]"),
    Case::quiet("FROM alpine:3.20 AS build\nRUN abuild -r\nFROM alpine:3.20\nCOPY --from=build /packages /packages\nRUN apk add --allow-untrusted /packages/*.apk && rm -rf /packages"),
    Case::quiet("FROM python:3.12\nCOPY wheels /wheels\nRUN pip install /wheels/*"),
    Case::quiet("FROM python:3.12\nCOPY --from=build /wheels /wheels\nRUN pip install /wheels/*\nRUN rm -rf /wheels\nFROM scratch\nCOPY a /a"),
    Case::quiet("FROM python:3.12 AS build\nRUN pip wheel -w /wheels x\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\nRUN pip install --find-links=/wheels x && rm -r /wheels"),
];
