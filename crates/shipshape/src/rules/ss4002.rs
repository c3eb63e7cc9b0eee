//! SS4002: sources copied before the dependency install of the same stage.

use super::practice::{context_sources, dependency_install, is_url, line_of, whole_context};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4002",
    name: "copy-before-deps-install",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Performance,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "Sources are copied before the dependency install, so every code change reinstalls",
    docs: Docs {
        why: "Docker caches each step, and a changed step invalidates the cache of every step \
              after it. When the whole context (`COPY . .`) or source files are copied before \
              `pip install -r`, `npm ci`, `go mod download` and the like, editing any source \
              file re-runs the install and downloads every dependency again. Copy only the \
              dependency manifests first, install, and copy the frequently changing sources \
              last.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    },
};

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

#[derive(Default)]
pub struct Check {
    /// Sources of the current stage that bust the cache: (span, whole context).
    pending: Vec<(Span, bool)>,
    /// A dependency manifest was copied in the current stage.
    manifest_copied: bool,
    /// Programs whose dependency install already ran in the current stage.
    installed: Vec<String>,
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => *self = Check::default(),
            Keyword::Copy | Keyword::Add => {
                let sources = context_sources(instr);
                // Files copied with or after a manifest are taken as needed by the install
                // (a Gemfile helper, a postinstall script).
                self.manifest_copied |= sources.iter().any(|s| manifest(&s.text));
                for s in sources {
                    if whole_context(&s.text) {
                        self.pending.push((s.span, true));
                    } else if source_file(&s.text) && !self.manifest_copied {
                        self.pending.push((s.span, false));
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
                for (span, whole) in std::mem::take(&mut self.pending) {
                    let copied = if whole {
                        "the whole build context".to_string()
                    } else {
                        format!("`{}`", cx.text(span))
                    };
                    cx.report(
                        span,
                        format!(
                            "This copies {copied} before `{what}` (line {line}): every change to it re-runs the install"
                        ),
                    )
                    .with_help(
                        "Copy only the dependency manifests (`requirements.txt`, `package*.json`, `go.mod` …) \
                         before the install, and the sources after it.",
                    );
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt", &["."]),
    Case::fires(
        "FROM python:3.9-slim\nWORKDIR /app\nCOPY sample.py .\nCOPY requirements.txt .\nRUN pip install -r /requirements.txt",
        &["sample.py"],
    ),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nCOPY . .\nRUN npm ci\nRUN npm ci", &["."]),
    Case::fires("FROM golang:1.22\nWORKDIR /src\nADD ./ /src/\nRUN go mod download && go build", &["./"]),
    Case::fires("FROM ruby:3.3\nWORKDIR /app\nCOPY main.rb ./\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install", &["main.rb"]),
    // Copied with or after the manifest: needed by the install.
    Case::quiet("FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nCOPY lib/gemfile_helper.rb lib/\nRUN bundle install"),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY package.json postinstall.js ./\nRUN npm ci"),
    // The project itself installed after its dependencies.
    Case::quiet("FROM python:3.12\nWORKDIR /app\nCOPY uv.lock pyproject.toml ./\nRUN uv sync --no-install-project\nCOPY . .\nRUN uv sync"),
    Case::quiet("FROM python:3.12\nWORKDIR /app\nADD https://example.com/app.py .\nCOPY requirements.txt .\nRUN pip install -r requirements.txt"),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn --frozen-lockfile", &["."]),
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
];
