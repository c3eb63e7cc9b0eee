//! DL3042: `pip install` that keeps pip's download cache in the image.

use crate::analysis::commands::Manager;
use crate::rules::prelude::*;

declare_rule! {
    PipCacheKept {
        code: "DL3042",
        name: "pip-cache-kept",
        severity: Warning,
        category: Size,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "Avoid use of cache directory with pip: use `pip install --no-cache-dir <package>`",
        why: "pip saves every wheel it downloads under `~/.cache/pip`. In an image nothing \
              reuses that cache, so it only adds size to the layer. `--no-cache-dir`, \
              `ENV PIP_NO_CACHE_DIR=1` or a BuildKit cache mount on the pip cache keeps it \
              out of the image. The fix adds `--no-cache-dir`.",
        bad: "FROM python:3.12-slim\nRUN pip install flask==3.0.3\n",
        good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
    }
}

#[derive(Default)]
pub struct PipCacheKept;

impl Rule for PipCacheKept {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, calls, exec)) = cx.package_calls() else { return };
        // pip itself: `pip`, `pip3`, `python -m pip` (uv, pipx and pipenv keep their own
        // caches). The model knows `--no-cache-dir` (and pip's abbreviations of it),
        // `PIP_NO_CACHE_DIR` from ENV, the command or an `export`, and cache mounts.
        let found: Vec<&ShWord> = calls
            .iter()
            .filter(|c| c.manager == Manager::Pip && c.program != "uv" && c.installs() && !c.opts.no_cache)
            .filter_map(|c| Some(c.word(script, c.verb?)))
            .collect();
        for w in found {
            // Safe: pip reads its cache only to save downloads; the same packages are
            // installed without it.
            let edit = crate::edits::add_arg_after(cx.source, exec, w, "--no-cache-dir");
            cx.report(w.span, "Use `--no-cache-dir` so that `pip install` leaves no download cache in the layer")
                .with_help("Write `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache on `/root/.cache/pip`.")
                .with_fix(Fix::safe("Add `--no-cache-dir`", vec![edit]));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python\nRUN pip install flask==3.0.3", &["install"])
        .fixed("FROM python\nRUN pip install --no-cache-dir flask==3.0.3"),
    Case::fires("FROM python\nRUN python3 -m pip install -r requirements.txt", &["install"])
        .fixed("FROM python\nRUN python3 -m pip install --no-cache-dir -r requirements.txt"),
    Case::fires(
        "FROM python\nRUN pip3 install --no-cache-dir flask==3.0.3 && pip install gunicorn==22.0.0",
        &["install"],
    )
    .fixed("FROM python\nRUN pip3 install --no-cache-dir flask==3.0.3 && pip install --no-cache-dir gunicorn==22.0.0"),
    Case::fires(
        "FROM python\nRUN pip install --upgrade pip==24.1 \\\n# the app\n && pip install \\\n    -r requirements.txt",
        &["install", "install"],
    )
    .fixed("FROM python\nRUN pip install --no-cache-dir --upgrade pip==24.1 \\\n# the app\n && pip install --no-cache-dir \\\n    -r requirements.txt"),
    Case::fires("# escape=`\nFROM python\nRUN pip install `\n    flask==3.0.3", &["install"])
        .fixed("# escape=`\nFROM python\nRUN pip install --no-cache-dir `\n    flask==3.0.3"),
    // Exec form: the flag becomes an item of its own.
    Case::fires("FROM python\nRUN [\"pip\", \"install\", \"flask==3.0.3\"]", &["install"])
        .fixed("FROM python\nRUN [\"pip\", \"install\", \"--no-cache-dir\", \"flask==3.0.3\"]"),
    // A trigger.
    Case::fires("FROM python\nONBUILD RUN pip install flask==3.0.3", &["install"])
        .fixed("FROM python\nONBUILD RUN pip install --no-cache-dir flask==3.0.3"),
    // pip reads any boolean as "no cache", 0 included (hadolint takes true values only).
    Case::quiet("FROM python\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0.3"),
    Case::fires("FROM python\nENV PIP_NO_CACHE_DIR=\nRUN pip install flask==3.0.3", &["install"]),
    Case::fires(
        "FROM python AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask==3.0.3",
        &["install"],
    ),
    // A cache mount on ~/.cache holds pip's cache too (hadolint wants `.cache/pip`).
    Case::quiet("FROM python\nRUN --mount=type=cache,target=/root/.cache pip install flask==3.0.3"),
    Case::fires("FROM python\nRUN --mount=type=cache,target=/tmp/cache pip install flask==3.0.3", &["install"]),
    Case::quiet("FROM python\nRUN pip install --no-cache-dir flask==3.0.3"),
    // pip accepts unambiguous abbreviations of long options: `--no-cache` is `--no-cache-dir`.
    Case::quiet("FROM python\nRUN pip install --no-cache /wheels/*"),
    Case::quiet("FROM python\nRUN pip3 install --no-cache-di flask==3.0.3"),
    Case::quiet("FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.3"),
    Case::quiet("FROM python\nENV PIP_NO_CACHE_DIR \"true\"\nRUN pip install flask==3.0.3"),
    Case::quiet("FROM python AS base\nENV PIP_NO_CACHE_DIR=yes\nFROM base\nRUN pip install flask==3.0.3"),
    Case::quiet("FROM python\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0.3"),
    Case::quiet("FROM python\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3"),
    Case::quiet("FROM python\nRUN pipx install black==24.4.2 && pipenv install"),
    Case::quiet("FROM python\nRUN pip download flask==3.0.3 && uv pip install flask==3.0.3"),
    // `export` of a true value earlier in the same RUN.
    Case::quiet("FROM python\nRUN export PIP_NO_CACHE_DIR=on && pip install flask==3.0.3"),
    // The flag may come after the packages, and with `python -m pip`.
    Case::quiet(
        "FROM python\nRUN pip install flask==3.0.3 --no-cache-dir && python3 -m pip install --no-cache-dir -r r.txt",
    ),
    // The variable is the second pair of the ENV.
    Case::quiet("FROM python\nENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=on\nRUN pip install flask==3.0.3"),
    // A cache mount on a non-root user's pip cache.
    Case::quiet("FROM python\nRUN --mount=type=cache,target=/home/app/.cache/pip pip install flask==3.0.3"),
    Case::quiet("FROM python\nRUN [\"pip\", \"install\", \"--no-cache-dir\", \"flask==3.0.3\"]"),
    Case::quiet("# escape=`\nFROM python\nRUN pip install --no-cache-dir `\n    flask==3.0.3"),
    Case::quiet("FROM python\nONBUILD RUN pip install --no-cache-dir flask==3.0.3"),
    Case::quiet(
        "FROM python\nRUN pip install --no-cache-dir --upgrade pip==24.1 \\\n# the app\n && pip install --no-cache-dir \\\n    -r requirements.txt",
    ),
    Case::quiet("FROM python\nRUN echo pip install flask==3.0.3"),
    Case::quiet("FROM python\nRUN pip list && pip freeze > /requirements.lock"),
    Case::quiet("FROM python\nRUN [\"python3\", \"-m\", \"pip\", \"install\", \"--no-cache-dir\", \"flask==3.0.3\"]"),
    Case::quiet("FROM python\nENV PIP_NO_CACHE_DIR=true\nRUN python -m pip install -r requirements.txt"),
];
