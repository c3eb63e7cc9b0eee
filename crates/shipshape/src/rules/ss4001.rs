//! SS4001: a single-stage build that installs a build toolchain (or builds) and ships it.

use super::practice::{installs, removals, runs_application, stage_at};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4001",
    name: "single-stage-toolchain",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: false,
    summary: "A single-stage build ships its build toolchain; use a multi-stage build",
    docs: Docs {
        why: "Compilers, headers (`*-dev` packages) and build tools are only needed to build, \
              yet in a single-stage build they stay in the image that runs: it is bigger, \
              slower to push and pull, and every extra tool is attack surface. A multi-stage \
              build compiles in a first stage and copies only the results into a lean final \
              stage; in the seed guide's Python example that takes the image from 259MB to \
              156MB, and from 969MB to 357MB for a data-science image. A RUN that removes \
              the build packages it installed (`apt-get purge`, `apk del .build-deps`) in the \
              same layer is not reported, nor is an image that runs no application (no CMD \
              or ENTRYPOINT, or only a shell, an interpreter prompt or an idle command): a base, \
              build or development image, where the toolchain is the point.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \\\n && rm -rf /var/lib/apt/lists/* \\\n && pip install --no-cache-dir -r requirements.txt\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 \\\n && rm -rf /var/lib/apt/lists/* \\\n && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt\n\nFROM python:3.12-slim\nWORKDIR /app\nRUN --mount=type=bind,from=build,source=/wheels,target=/wheels \\\n    pip install --no-cache-dir /wheels/*\nCOPY app.py .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n",
    },
};

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

#[derive(Default)]
pub struct Check {
    /// Toolchain packages and build steps: (stage, span, what).
    hits: Vec<(usize, Span, String)>,
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let (Some(script), Some(stage)) = (cx.script, stage_at(cx.file, cx.index)) else { return };
        // A RUN that removes packages again is taken to remove its build packages.
        if removals(script).is_some() {
            return;
        }
        let mut hits = Vec::new();
        for install in installs(script) {
            for w in install.packages {
                let name = super::practice::package_name(w.text());
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
        hits.sort_by_key(|h| h.0.start);
        self.hits.extend(hits.into_iter().map(|(s, w)| (stage, s, w)));
    }

    fn finish(&mut self, cx: &mut Cx) {
        if cx.file.stages.len() != 1 || !runs_application(cx.file, 0, cx.state.posix_shell()) {
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
        let d = cx
            .report(*span, format!("This single-stage build {what}{more}, and the final image ships it"))
            .with_help(
                "Build in a first stage (`FROM … AS build`) and copy only the results into a lean final \
                 stage with `COPY --from=build`.",
            );
        for (s, w) in others {
            d.with_label(s, format!("also {w}"));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCMD [\"python\", \"app.py\"]",
        &["gcc"],
    ),
    Case::fires("FROM alpine:3.20\nRUN apk add --no-cache build-base\nCMD [\"/app\"]", &["build-base"]),
    Case::fires("FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]", &["build"]),
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]", &["build"]),
    Case::fires("FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]", &["package"]),
    Case::fires("FROM debian:bookworm\nRUN ./configure && make && make install\nCMD [\"app\"]", &["make"]),
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
];
