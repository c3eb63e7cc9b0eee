//! SS4002: sources copied before the dependency install of the same stage.

use crate::analysis::context::{context_sources, is_url, whole_context};
use crate::analysis::packages::dependency_install;
use crate::syntax::text::line_of;
use crate::rules::prelude::*;

declare_rule! {
    CopyBeforeDepsInstall {
        code: "SS4002",
        name: "copy-before-deps-install",
        severity: Warning,
        category: Performance,
        fix: Sometimes,
        origin: Shipshape,
        summary: "Sources are copied before the dependency install, so every code change reinstalls",
        why: "Docker caches each step, and a changed step invalidates the cache of every step \
              after it. When the whole context (`COPY . .`) or source files are copied before \
              `pip install -r`, `npm ci`, `go mod download` and the like, editing any source \
              file re-runs the install and downloads every dependency again. Copy only the \
              dependency manifests first, install, and copy the frequently changing sources \
              last. The fix (unsafe), for a COPY right before an install-only RUN (or only \
              manifest COPYs between them), moves the COPY below the install, copying the \
              manifests in its place when no COPY did (`pip install -r`, `npm`, `yarn`, \
              `go mod download`, `bundle install`).",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

/// Extensions of source code files (which change often, unlike manifests).
const SOURCE_EXTENSIONS: &[&str] = &[
    "py", "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "rb", "php", "java", "kt", "rs", "cs", "scala", "ex",
    "exs", "c", "cc", "cpp", "h", "hpp", "swift", "dart", "vue", "svelte",
];

fn source_file(path: &str) -> bool {
    let p = path.trim_matches(|c| c == '"' || c == '\'');
    if p.contains('$') || is_url(p) {
        return false;
    }
    let name = p.rsplit('/').next().unwrap_or(p);
    name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && SOURCE_EXTENSIONS.contains(&ext))
        || (name.starts_with("*.") && SOURCE_EXTENSIONS.contains(&&name[2..]))
}

/// Whether a path names a dependency manifest (`requirements.txt`, `package*.json`,
/// `Gemfile`, `go.mod`, `pyproject.toml` …).
fn manifest(path: &str) -> bool {
    const STEMS: &[&str] = &[
        "requirements",
        "package",
        "yarn.lock",
        "pnpm-lock",
        "pnpm-workspace",
        "gemfile",
        "go.mod",
        "go.sum",
        "composer.",
        "pyproject.toml",
        "poetry.lock",
        "pipfile",
        "uv.lock",
        "setup.py",
        "setup.cfg",
        "pom.xml",
        "build.gradle",
        "settings.gradle",
        "cargo.",
        "mix.exs",
        "mix.lock",
        ".npmrc",
        "bun.lock",
    ];
    let p = path.trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
    let name = p.trim_end_matches('/').rsplit('/').next().unwrap_or(&p).to_string();
    STEMS.iter().any(|s| name.starts_with(s)) || name.ends_with(".csproj")
}

/// Whether the install is all the RUN does (besides `set`/`true`).
fn install_only(script: &Script, install: &ShCommand) -> bool {
    script
        .commands
        .iter()
        .all(|c| std::ptr::eq(c, install) || c.words.is_empty() || c.is_any(&["set", "true", ":"]))
        && install.depth == 0
}

/// The sources of a COPY of the manifests an install reads, for the clear cases:
/// `pip install -r FILE` (a file at the top of the context), `npm ci|install`, `yarn`,
/// `go mod download`, `bundle install`; `None` for other installs.
fn manifests_of(cmd: &ShCommand) -> Option<&'static str> {
    let name = cmd.name()?;
    Some(match name {
        "npm" => "package*.json",
        "yarn" => "package.json yarn.lock*",
        "go" => "go.mod go.sum*",
        "bundle" | "bundler" => "Gemfile Gemfile.lock*",
        _ if name.starts_with("pip") || name.starts_with("python") => {
            let args = cmd.args();
            let file = args.windows(2).find(|w| w[0].text() == "-r" || w[0].text() == "--requirement")?;
            let f = file[1].text();
            if f == "requirements.txt" {
                "requirements.txt"
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// Whether a COPY of the stage before the install (other than the one at `at`) copies a
/// manifest this install reads.
fn copied_for(cx: &Cx, at: usize, install: &ShCommand) -> bool {
    let name = install.name().unwrap_or_default();
    let stems: &[&str] = match name {
        "npm" => &["package"],
        "yarn" => &["package", "yarn.lock"],
        "pnpm" => &["package", "pnpm-"],
        "go" => &["go.mod"],
        "bundle" | "bundler" => &["gemfile"],
        "composer" => &["composer."],
        "poetry" => &["pyproject.toml", "poetry.lock"],
        "uv" => &["pyproject.toml", "uv.lock", "requirements"],
        "pipenv" => &["pipfile"],
        _ if name.starts_with("pip") || name.starts_with("python") => &["requirements"],
        _ => return false,
    };
    let Some(stage) = cx.file.stages.iter().find(|s| s.instructions.contains(&cx.index)) else {
        return false;
    };
    cx.file.instructions[stage.instructions.start..cx.index].iter().enumerate().any(|(i, instr)| {
        stage.instructions.start + i != at
            && context_sources(instr).iter().any(|s| {
                let p = s.text.trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
                let file = p.trim_end_matches('/').rsplit('/').next().unwrap_or(&p).to_string();
                stems.iter().any(|st| file.starts_with(st))
            })
    })
}

/// Moves the COPY at `at` to just below the install RUN (the current instruction). Only
/// when the COPY is a plain context COPY and every instruction between it and the RUN is a
/// COPY of manifests from the context. When no manifest was copied before the RUN, a COPY
/// of `manifests` takes the moved COPY's place (then the COPY must copy the whole context
/// into the working directory and come right before the RUN).
fn move_below(cx: &Cx, at: usize, copied_before: bool, manifests: Option<&str>) -> Option<Fix> {
    let source = cx.source;
    let copy = &cx.file.instructions[at];
    let run = &cx.file.instructions[cx.index];
    if copy.keyword != Keyword::Copy
        || !copy.flags.iter().all(|f| matches!(f.name.text.as_str(), "chown" | "chmod" | "link"))
        || run.keyword != Keyword::Run
    {
        return None;
    }
    let between = &cx.file.instructions[at + 1..cx.index];
    if !between.iter().all(|i| {
        i.keyword == Keyword::Copy
            && i.flag("from").is_none()
            && !context_sources(i).is_empty()
            && context_sources(i).iter().all(|s| manifest(&s.text))
    }) {
        return None;
    }
    let eol = crate::edits::line_break(source);
    // The COPY's lines, with the comment lines right above it.
    let mut copy_lines = crate::edits::whole_lines(source, copy.span);
    while let Some(c) = cx.file.comments.iter().find(|c| {
        !c.in_continuation
            && copy_lines.start > 0
            && crate::edits::whole_lines(source, c.span).end == copy_lines.start
    }) {
        copy_lines = Span::new(crate::edits::whole_lines(source, c.span).start, copy_lines.end);
    }
    let mut moved = copy_lines.text(source).to_string();
    if !moved.ends_with('\n') {
        moved.push_str(eol);
    }
    let run_end = crate::edits::whole_lines(source, run.span).end;
    let insert = if source[..run_end as usize].ends_with('\n') {
        Edit::insert(run_end, moved)
    } else {
        Edit::insert(run_end, format!("{eol}{}", moved.trim_end_matches(['\r', '\n'])))
    };
    let replacement = if between.is_empty() && !copied_before {
        // No manifest copied yet: the moved COPY must be `COPY . .` (or `./`) right before.
        let Args::List { items, json: false } = &copy.args else { return None };
        let [src, dest] = items.as_slice() else { return None };
        if !whole_context(&src.text) || !matches!(dest.text.as_str(), "." | "./") {
            return None;
        }
        let manifests = manifests?;
        // The same COPY with the manifests as its sources, on one line.
        let head = Span::new(copy.span.start, src.span.start).text(source);
        if head.contains('\n') || Span::new(src.span.end, dest.span.start).text(source).contains('\n') {
            return None;
        }
        let indent = crate::edits::indentation(source, copy.span.start);
        // (The comments above the COPY move with it.)
        format!("{indent}{head}{manifests} ./{eol}")
    } else {
        String::new()
    };
    // Unsafe: the install no longer sees the sources (a post-install script or a local
    // path in the requirements would fail), and the layers change.
    Some(Fix::unsafe_(
        "Copy the sources after the dependency install",
        vec![Edit::replace(copy_lines, replacement), insert],
    ))
}

#[derive(Default)]
pub struct CopyBeforeDepsInstall {
    /// Sources of the current stage that bust the cache: (span, whole context, index of
    /// the COPY).
    pending: Vec<(Span, bool, usize)>,
    /// A dependency manifest was copied in the current stage.
    manifest_copied: bool,
    /// Programs whose dependency install already ran in the current stage.
    installed: Vec<String>,
}

impl Rule for CopyBeforeDepsInstall {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => *self = CopyBeforeDepsInstall::default(),
            Keyword::Copy | Keyword::Add => {
                let sources = context_sources(instr);
                // Files copied with or after a manifest are taken as needed by the install
                // (a Gemfile helper, a postinstall script).
                self.manifest_copied |= sources.iter().any(|s| manifest(&s.text));
                for s in sources {
                    if whole_context(&s.text) {
                        self.pending.push((s.span, true, cx.index));
                    } else if source_file(&s.text) && !self.manifest_copied {
                        self.pending.push((s.span, false, cx.index));
                    }
                }
            }
            Keyword::Run => {
                let Some(script) = cx.script else { return };
                let Some((cmd, word)) =
                    script.commands.iter().find_map(|c| dependency_install(c).map(|w| (c, w)))
                else {
                    return;
                };
                let program = cmd.name().unwrap_or_default().to_string();
                // A second install by the same tool after the sources are in (`uv sync` of
                // the project after `uv sync --no-install-project`) is the intended order.
                if self.installed.contains(&program) {
                    self.pending.clear();
                    return;
                }
                self.installed.push(program);
                let line = line_of(cx.source, word.span.start);
                let what: Vec<&str> = cmd
                    .words
                    .iter()
                    .take_while(|w| w.span.start <= word.span.start)
                    .map(|w| w.text())
                    .collect();
                let what = what.join(" ");
                let movable = install_only(script, cmd);
                let manifests = manifests_of(cmd);
                for (span, whole, at) in std::mem::take(&mut self.pending) {
                    let fix =
                        movable.then(|| move_below(cx, at, copied_for(cx, at, cmd), manifests)).flatten();
                    let copied = if whole {
                        "the whole build context".to_string()
                    } else {
                        format!("`{}`", cx.text(span))
                    };
                    let d = cx.report(
                        span,
                        format!(
                            "This copies {copied} before `{what}` (line {line}): every change to it re-runs the install"
                        ),
                    );
                    d.with_help(
                        "Copy only the dependency manifests (`requirements.txt`, `package*.json`, `go.mod` …) \
                         before the install, and the sources after it.",
                    );
                    if let Some(fix) = fix {
                        d.with_fix(fix);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt", &["."])
        .fixed("FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . ."),
    Case::fires(
        "FROM python:3.9-slim\nWORKDIR /app\nCOPY sample.py .\nCOPY requirements.txt .\nRUN pip install -r /requirements.txt",
        &["sample.py"],
    )
    .fixed("FROM python:3.9-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r /requirements.txt\nCOPY sample.py ."),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nRUN npm ci\nRUN npm ci", &["."])
        .fixed("FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm ci"),
    // The install also builds (it needs the sources), and ADD: no fix.
    Case::fires("FROM golang:1.22\nWORKDIR /src\nADD ./ /src/\nRUN go mod download && go build", &["./"]),
    Case::fires("FROM ruby:3.3\nWORKDIR /app\nCOPY main.rb ./\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install", &["main.rb"])
        .fixed("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY main.rb ./"),
    // Comments above the COPY move with it; continuation lines are kept.
    Case::fires(
        "FROM node:20\nWORKDIR /app\n# deps\nCOPY package.json package-lock.json ./\n# sources\nCOPY --chown=node:node \\\n    . .\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\nCMD [\"node\", \"server.js\"]",
        &["."],
    )
    .fixed("FROM node:20\nWORKDIR /app\n# deps\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n# sources\nCOPY --chown=node:node \\\n    . .\nCMD [\"node\", \"server.js\"]"),
    Case::fires("# escape=`\nFROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build `\n    -o /app", &["."])
        .fixed("# escape=`\nFROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN go build `\n    -o /app"),
    Case::fires("FROM node:20\r\nWORKDIR /app\r\ncopy --link . ./\r\nRUN yarn --frozen-lockfile\r\n", &["."])
        .fixed("FROM node:20\r\nWORKDIR /app\r\ncopy --link package.json yarn.lock* ./\r\nRUN yarn --frozen-lockfile\r\ncopy --link . ./\r\n"),
    // Only another tool's manifest copied before: no fix.
    Case::fires(
        "FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY ./ /app/\nRUN npm install --production",
        &["./"],
    ),
    // Requirements elsewhere, or the context copied to another folder: no fix.
    Case::fires("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements/prod.txt", &["."]),
    Case::fires("FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt", &["."]),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn --frozen-lockfile", &["."])
        .fixed("FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock* ./\nRUN yarn --frozen-lockfile\nCOPY . ."),
    // Copied with or after the manifest: needed by the install.
    Case::quiet("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nCOPY lib/gemfile_helper.rb lib/\nRUN bundle install"),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY package.json postinstall.js ./\nRUN npm ci"),
    // The project itself installed after its dependencies.
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY uv.lock pyproject.toml ./\nRUN uv sync --no-install-project\nCOPY . .\nRUN uv sync"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nADD https://example.com/app.py .\nCOPY requirements.txt .\nRUN pip install -r requirements.txt"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . ."),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install -g serve && npm run build"),
    Case::quiet("FROM node:20 AS deps\nCOPY . .\nFROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY --from=build /src .\nRUN pip install -r requirements.txt"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY src/ ./src\nRUN pip install ."),
    Case::quiet("FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build ./..."),
    // Installing named packages does not read the copied sources.
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir gunicorn==21.2.0"),
    // Files that are neither sources nor the whole context, copied before the install.
    Case::quiet(
        "FROM python:3.12\nWORKDIR /app\nCOPY README.md nginx.conf ./\nCOPY requirements.txt .\nRUN pip install -r requirements.txt",
    ),
    // The fix without COPY: the manifest bind-mounted for the install; the install only echoed.
    Case::quiet(
        "FROM python:3.12\nWORKDIR /app\nRUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\nCOPY . .\nRUN echo \"npm ci\"",
    ),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build"),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm run build"),
    Case::quiet("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . ."),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN python app.py"),
    Case::quiet("# escape=`\nFROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build `\n    -o /app"),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY README.md ./\nRUN npm ci"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY docs/ ./docs\nRUN pip install -r requirements.txt"),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\nCOPY . ."),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY app.py ."),
    Case::quiet("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock package.json ./\nRUN bundle install && npm install\nCOPY . ."),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN npm run build"),
];
