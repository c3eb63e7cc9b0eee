//! SS4001: a single-stage build that installs a build toolchain (or builds) and ships it.

use crate::analysis::packages::{installs, removals};
use crate::analysis::stages::stage_at;
use crate::analysis::startup::runs_application;
use crate::rules::prelude::*;

declare_rule! {
    SingleStageToolchain {
        code: "SS4001",
        name: "single-stage-toolchain",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Shipshape,
        summary: "A single-stage build ships its build toolchain; use a multi-stage build",
        why: "Compilers, headers (`*-dev` packages) and build tools are only needed to build, \
              yet in a single-stage build they stay in the image that runs: it is bigger, \
              slower to push and pull, and every extra tool is attack surface. A multi-stage \
              build compiles in a first stage and copies only the results into a lean final \
              stage; in the seed guide's Python example that takes the image from 259MB to \
              156MB, and from 969MB to 357MB for a data-science image. A RUN that removes \
              the build packages it installed (`apt-get purge`, `apk del .build-deps`) in the \
              same layer is not reported, nor is an image that runs no application (no CMD \
              or ENTRYPOINT, or only a shell, an interpreter prompt or an idle command): a base, \
              build or development image, where the toolchain is the point. The fix (display \
              only) sketches the split: the stage becomes `build`, and a runtime stage on the \
              same base starts after its last RUN, with its ENV, WORKDIR and USER and a \
              `COPY --from=build` to adapt.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \\\n && rm -rf /var/lib/apt/lists/* \\\n && pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \\\n && rm -rf /var/lib/apt/lists/* \\\n && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,from=build,source=/wheels,target=/wheels \\\n    pip install --no-cache-dir /wheels/*\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    }
}

/// Build packages, by exact name (apt, apk, rpm and zypper names).
const TOOLCHAIN: &[&str] = &[
    "autoconf",
    "automake",
    "build-base",
    "build-essential",
    "clang",
    "cmake",
    "g++",
    "gcc",
    "gcc-c++",
    "gfortran",
    "libtool",
    "linux-headers",
    "make",
    "musl-dev",
    "pkg-config",
    "pkgconf",
];

/// Whether a package name is a compiler, a build tool or development headers.
fn toolchain_package(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    if TOOLCHAIN.contains(&name.as_str()) || name.ends_with("-dev") || name.ends_with("-devel") {
        return true;
    }
    // Versioned compilers: gcc-12, g++-12, clang-15.
    ["gcc-", "g++-", "clang-"].iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    })
}

/// The word naming a build step in a command: `go build`, `cargo build`, `npm run build`,
/// `mvn package`, `gradle build`, `dotnet publish`, `pip wheel`, `make`.
fn build_word(cmd: &ShCommand) -> Option<&ShWord> {
    let name = cmd.name()?;
    let pos = cmd.positionals();
    let first = pos.first().copied();
    let sub = |names: &[&str]| first.filter(|w| names.contains(&w.text()));
    match name {
        "go" | "cargo" => sub(&["build"]),
        "npm" | "pnpm" | "yarn" => {
            if let Some(w) = sub(&["build"]) {
                return Some(w);
            }
            if first.is_some_and(|w| w.text() == "run" || w.text() == "run-script") {
                return pos.get(1).copied().filter(|w| w.text() == "build");
            }
            None
        }
        "mvn" | "mvnw" => pos.iter().copied().find(|w| matches!(w.text(), "package" | "install" | "verify")),
        "gradle" | "gradlew" => pos
            .iter()
            .copied()
            .find(|w| matches!(w.text(), "build" | "assemble" | "bootJar" | "shadowJar" | "installDist")),
        "dotnet" => sub(&["publish", "build"]),
        "make" | "cmake" => cmd.program(),
        _ if name.starts_with("pip") => sub(&["wheel"]),
        _ if name.starts_with("python") => {
            let args = cmd.args();
            args.windows(3)
                .find(|w| w[0].text() == "-m" && w[1].text() == "pip" && w[2].text() == "wheel")
                .map(|w| &w[2])
        }
        _ => None,
    }
}

/// A template of the multi-stage build: the stage is named `build` (unless it has a name),
/// and after its last RUN a runtime stage on the same base begins, repeating the build
/// stage's ENV, WORKDIR and USER lines and copying the working directory from the build
/// stage, with a comment to adapt what is copied. `None` without a base image or a RUN.
fn split_template(cx: &Cx) -> Option<Fix> {
    let source = cx.source;
    let stage = cx.file.stages.first()?;
    let base = stage.base.as_ref()?;
    let instrs = cx.file.stage_instructions(stage);
    let from = &instrs[0];
    let last_run = instrs.iter().rposition(|i| i.keyword == Keyword::Run)?;
    let like = from.keyword_word.span.text(source);
    let eol = crate::edits::line_break(source);
    let mut edits = Vec::new();
    let name = match &stage.name {
        Some(n) => n.text.clone(),
        None => {
            edits
                .push(Edit::insert(base.span.end, format!(" {} build", crate::edits::same_case(like, "AS"))));
            "build".to_string()
        }
    };
    let mut lines = vec![
        String::new(),
        "# The runtime stage: copy from the build stage only what the application needs (its built \
         files, installed packages or virtual environment) and adapt the base image."
            .to_string(),
        format!("{} {}", crate::edits::same_case(like, "FROM"), base.span.text(source)),
    ];
    let mut workdir = None;
    for i in &instrs[1..last_run] {
        if matches!(i.keyword, Keyword::Env | Keyword::Workdir | Keyword::User) {
            let text = crate::edits::whole_lines(source, i.span).text(source);
            lines.push(text.trim_end_matches(['\r', '\n']).to_string());
        }
        if let (Keyword::Workdir, Args::Text(w)) = (&i.keyword, &i.args) {
            workdir = Some(w.text.trim().to_string());
        }
    }
    let dir = workdir
        .filter(|w| w.starts_with('/') && w.len() > 1 && !w.contains(char::is_whitespace))
        .unwrap_or("/app".into());
    lines.push(format!("{} --from={name} {dir} {dir}", crate::edits::same_case(like, "COPY")));
    let run = &instrs[last_run];
    let end = crate::edits::whole_lines(source, run.span).end;
    let text = lines.join(eol);
    edits.push(if source[..end as usize].ends_with('\n') {
        Edit::insert(end, format!("{text}{eol}"))
    } else {
        Edit::insert(end, format!("{eol}{text}"))
    });
    Some(Fix::display_only("Split into a build stage and a runtime stage", edits))
}

#[derive(Default)]
pub struct SingleStageToolchain {
    /// Toolchain packages and build steps: (stage, span, what).
    hits: Vec<(usize, Span, String)>,
}

impl Rule for SingleStageToolchain {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let (Some(script), Some(stage)) = (cx.script, stage_at(cx.file, cx.index)) else { return };
        // A RUN that removes packages again is taken to remove its build packages.
        if removals(cx.calls()).is_some() {
            return;
        }
        let mut hits = Vec::new();
        for install in installs(script, cx.calls()) {
            for w in install.packages {
                let name = crate::analysis::packages::package_name(w.text());
                if !w.has_expansion() && toolchain_package(name) {
                    hits.push((w.span, format!("installs `{name}`")));
                }
            }
        }
        for cmd in &script.commands {
            if let Some(w) = build_word(cmd) {
                let what = match cmd.name() {
                    Some("make" | "cmake") => w.text().to_string(),
                    _ => cmd
                        .words
                        .iter()
                        .take_while(|x| x.span != w.span)
                        .chain([w])
                        .map(|x| x.text())
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                hits.push((w.span, format!("runs `{what}`")));
            }
        }
        crate::sort::by_key(&mut hits, |h| h.0.start);
        self.hits.extend(hits.into_iter().map(|(s, w)| (stage, s, w)));
    }

    fn finish(&mut self, cx: &mut Cx) {
        if cx.file.stages.len() != 1 || !runs_application(cx.analysis, cx.file, 0, cx.state.posix_shell()) {
            return;
        }
        let mut hits = self.hits.iter().filter(|h| h.0 == 0);
        let Some((_, span, what)) = hits.next() else { return };
        let others: Vec<(Span, String)> = hits.map(|h| (h.1, h.2.clone())).collect();
        let more = match others.len() {
            0 => String::new(),
            1 => " (and 1 more)".to_string(),
            n => format!(" (and {n} more)"),
        };
        let fix = split_template(cx);
        let d = cx
            .report(*span, format!("This single-stage build {what}{more}, and the final image ships it"))
            .with_help(
                "Build in a first stage (`FROM … AS build`) and copy only the results into a lean final \
                 stage with `COPY --from=build`.",
            );
        for (s, w) in others {
            d.with_label(s, format!("also {w}"));
        }
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCMD [\"python\", \"app.py\"]",
        &["gcc"],
    )
    .fixed("FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y gcc libpq-dev\n\n# The runtime stage: copy from the build stage only what the application needs (its built files, installed packages or virtual environment) and adapt the base image.\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCMD [\"python\", \"app.py\"]"),
    Case::fires("FROM alpine:3.20\nRUN apk add --no-cache build-base\nCMD [\"/app\"]", &["build-base"]),
    Case::fires("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]", &["build"])
        .fixed("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\n# The runtime stage: copy from the build stage only what the application needs (its built files, installed packages or virtual environment) and adapt the base image.\nFROM golang:1.22\nWORKDIR /src\nCOPY --from=build /src /src\nCMD [\"/app\"]"),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]", &["build"]),
    Case::fires("FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]", &["package"]),
    Case::fires("FROM debian:bookworm\nRUN ./configure && make && make install\nCMD [\"app\"]", &["make"]),
    // Continuation lines and comments; ENV, WORKDIR and USER are repeated in the runtime
    // stage; a named stage keeps its name.
    Case::fires(
        "from python:3.12-slim as base\nenv PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1\nworkdir /srv\n# deps\nrun apt-get update \\\n  # compilers\n  && apt-get install -y gcc \\\n  && pip install -r requirements.txt\ncopy app.py .\ncmd [\"python\", \"app.py\"]\n",
        &["gcc"],
    )
    .fixed("from python:3.12-slim as base\nenv PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1\nworkdir /srv\n# deps\nrun apt-get update \\\n  # compilers\n  && apt-get install -y gcc \\\n  && pip install -r requirements.txt\n\n# The runtime stage: copy from the build stage only what the application needs (its built files, installed packages or virtual environment) and adapt the base image.\nfrom python:3.12-slim\nenv PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1\nworkdir /srv\ncopy --from=base /srv /srv\ncopy app.py .\ncmd [\"python\", \"app.py\"]\n"),
    Case::fires("# escape=`\nFROM golang:1.22\r\nRUN go build `\r\n    -o /app .\r\nENTRYPOINT [\"/app\"]\r\n", &["build"])
        .fixed("# escape=`\nFROM golang:1.22 AS build\r\nRUN go build `\r\n    -o /app .\r\n\r\n# The runtime stage: copy from the build stage only what the application needs (its built files, installed packages or virtual environment) and adapt the base image.\r\nFROM golang:1.22\r\nCOPY --from=build /app /app\r\nENTRYPOINT [\"/app\"]\r\n"),
    // No command: a base or tool image.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y build-essential"),
    // A development environment: the command is a shell.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y build-essential\nCMD [\"/bin/bash\"]"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y gcc\nCMD [\"sleep\", \"infinity\"]"),
    Case::fires("FROM fedora:40\nRUN dnf install -y gcc-c++ python3-devel\nENTRYPOINT [\"/app\"]", &["gcc-c++"]),
    // The build stage is thrown away.
    Case::quiet("FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app"),
    // Build packages removed in the same layer.
    Case::quiet("FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y gcc && make && apt-get purge -y gcc"),
    Case::quiet("FROM python:3.12-slim\nRUN apt-get install -y libpq5 curl\nCMD [\"python\"]"),
    Case::quiet("FROM node:20\nRUN npm ci && npm test\nCMD [\"npm\", \"start\"]"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y $BUILD_DEPS"),
    // Build words as arguments of another command, and steps that do not build.
    Case::quiet("FROM debian:bookworm\nRUN echo 'run make to build' > /README && echo gcc\nCMD [\"app\"]"),
    Case::quiet("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go vet ./... && go test ./...\nCMD [\"/app\"]"),
    Case::quiet("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\nCMD [\"python\", \"app.py\"]"),
    // Runtime packages whose names look like build ones.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y udev gcc-12-base libstdc++6\nCMD [\"app\"]"),
    // An interpreter prompt, and a base image with ONBUILD triggers.
    Case::quiet("FROM python:3.12\nRUN apt-get install -y gcc\nCMD [\"python3\"]"),
    Case::quiet("FROM golang:1.22\nRUN apt-get install -y gcc\nONBUILD COPY . /src\nONBUILD RUN go build -o /app /src\nCMD [\"/app\"]"),
    Case::quiet("FROM rust:1.80 AS build\nRUN cargo build --release\nFROM debian:bookworm-slim\nCOPY --from=build /target/release/app /app\nCMD [\"/app\"]"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nCMD [\"app\"]"),
    Case::quiet("FROM node:20\nRUN npm ci\nCMD [\"node\", \"server.js\"]"),
];
