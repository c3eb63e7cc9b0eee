//! DL3042: `pip install` that keeps pip's download cache in the image.

use std::collections::HashMap;

use crate::rules::prelude::*;
use crate::syntax::image::ImageRef;

use crate::analysis::command_words as pkg;

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

/// Values of `PIP_NO_CACHE_DIR` that turn the cache off.
const TRUTHY: &[&str] = &["1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES"];

/// The key of the state before any FROM.
const NO_STAGE: &str = "\0";

#[derive(Default)]
pub struct PipCacheKept {
    /// Whether `ENV PIP_NO_CACHE_DIR` is on, per stage (keyed like hadolint: by the stage
    /// name, or the image name for unnamed stages; a stage starts with its base's value).
    env_set: HashMap<String, bool>,
    current: Option<String>,
    /// An `ONBUILD ENV` turned the cache off for the triggers.
    onbuild_env_set: bool,
}

/// Whether an ENV turns the cache off: its first `PIP_NO_CACHE_DIR` has a true value.
fn env_turns_off(instr: &Instruction) -> bool {
    let Args::KeyValues { pairs, .. } = &instr.args else { return false };
    let Some(pair) = pairs.iter().find(|p| p.key.text == "PIP_NO_CACHE_DIR") else { return false };
    let v = pair.value.text.as_str();
    let unquoted =
        ['"', '\''].iter().find_map(|q| v.strip_prefix(*q).and_then(|r| r.strip_suffix(*q))).unwrap_or(v);
    TRUTHY.contains(&unquoted)
}

/// Whether the RUN text sets `PIP_NO_CACHE_DIR=<true value>` anywhere.
fn set_in_run(text: &str) -> bool {
    const KEY: &str = "PIP_NO_CACHE_DIR=";
    text.find(KEY).is_some_and(|i| TRUTHY.iter().any(|t| text[i + KEY.len()..].starts_with(t)))
}

/// pipx and pipenv manage their own caches.
fn is_wrapper(cmd: &ShCommand) -> bool {
    let name = pkg::name(cmd).unwrap_or("");
    ["pipx", "pipenv"].iter().any(|w| {
        name.contains(w)
            || (name.starts_with("python")
                && cmd.args().windows(2).any(|a| pkg::text(&a[0]) == "-m" && pkg::text(&a[1]) == *w))
    })
}

impl Rule for PipCacheKept {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From if !cx.onbuild => {
                let Some(stage) = cx.state.stage.and_then(|i| cx.file.stages.get(i)) else { return };
                let Some(base) = &stage.base else { return };
                let image = ImageRef::parse(&base.text).name().to_string();
                let key = stage.name.as_ref().map_or_else(|| image.clone(), |n| n.text.clone());
                let inherited = self.env_set.get(&image).copied().unwrap_or(false);
                self.env_set.insert(key.clone(), inherited);
                self.current = Some(key);
            }
            Keyword::Env if env_turns_off(instr) => {
                if cx.onbuild {
                    self.onbuild_env_set = true;
                } else {
                    let key = self.current.get_or_insert_with(|| NO_STAGE.to_string()).clone();
                    self.env_set.insert(key, true);
                }
            }
            Keyword::Run => {
                // A trigger runs in a child image, which inherits the ENV of this stage
                // (hadolint looks only at ONBUILD ENV for triggers).
                let env_set =
                    self.current.as_ref().and_then(|k| self.env_set.get(k)).copied().unwrap_or(false)
                        || (cx.onbuild && self.onbuild_env_set);
                if env_set || set_in_run(&pkg::run_text(instr)) || pkg::cache_mount(instr, ".cache/pip") {
                    return;
                }
                let cmds = pkg::commands(cx.script, cx.analysis.exec_command(cx.index), instr);
                let exec = cx.script.is_none();
                let found: Vec<(Span, Fix)> = cmds
                    .iter()
                    .filter(|c| !pkg::has_arg(c, NO_CACHE_DIR) && !is_wrapper(c))
                    .filter_map(|c| pkg::pip_install_word(c))
                    .map(|w| {
                        // Safe: pip reads its cache only to save downloads; the same
                        // packages are installed without it.
                        let edit = crate::edits::add_arg_after(cx.source, exec, w, "--no-cache-dir");
                        (w.span, Fix::safe("Add `--no-cache-dir`", vec![edit]))
                    })
                    .collect();
                for (span, fix) in found {
                    cx.report(span, "Use `--no-cache-dir` so that `pip install` leaves no download cache in the layer")
                        .with_help("Write `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or mount a cache on `/root/.cache/pip`.")
                        .with_fix(fix);
                }
            }
            _ => {}
        }
    }
}

/// `--no-cache-dir` and the abbreviations pip's option parser accepts for it (no other pip
/// option starts with `--no-cache`).
const NO_CACHE_DIR: &[&str] = &["--no-cache-dir", "--no-cache", "--no-cache-d", "--no-cache-di"];

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
    Case::fires("FROM python\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3.0.3", &["install"]),
    Case::fires(
        "FROM python AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask==3.0.3",
        &["install"],
    ),
    Case::fires(
        "FROM python\nRUN --mount=type=cache,target=/root/.cache pip install flask==3.0.3",
        &["install"],
    ),
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
