//! DL3062: `go install` (or `go get`, `go run`) of a module without a version.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    GoInstallUnpinned {
        code: "DL3062",
        name: "go-install-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Pin versions in go install: `go install <package>@<version>`",
        why: "`go install example.com/tool` (or `@latest`) fetches whatever version is newest \
              when the image is built, so the same Dockerfile can ship a different tool next \
              week. `@v1.2.3` names the exact module version and keeps the build repeatable.",
        bad: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n",
        good: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n",
    }
}

#[derive(Default)]
pub struct GoInstallUnpinned;

/// Build flags of `go install`/`go get`/`go run` that take a value (`-tags netgo`). Go's
/// flags are single words with one or two dashes, never grouped letters.
const GO_VALUED: &[&str] = &[
    "C",
    "o",
    "p",
    "tags",
    "ldflags",
    "gcflags",
    "asmflags",
    "gccgoflags",
    "buildmode",
    "buildvcs",
    "compiler",
    "installsuffix",
    "mod",
    "modfile",
    "overlay",
    "pgo",
    "pkgdir",
    "toolexec",
    "exec",
    "coverpkg",
];

/// The arguments of a go command that are not flags or flag values.
fn go_positionals(cmd: &ShCommand) -> Vec<&ShWord> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for w in cmd.args() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let t = pkg::text(w);
        if let Some(flag) = t.strip_prefix('-') {
            let flag = flag.strip_prefix('-').unwrap_or(flag);
            skip_next = !flag.contains('=') && GO_VALUED.contains(&flag);
            continue;
        }
        out.push(w);
    }
    out
}

fn pinned(package: &str) -> bool {
    let local = package == "." || package.starts_with('/') || package.starts_with('.');
    local || (package.contains('@') && !package.ends_with("@latest") && !package.ends_with("@none"))
}

impl Rule for GoInstallUnpinned {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, cx.analysis.exec_command(cx.index), instr);
        let go = |c: &&ShCommand, subs: &[&str]| pkg::is(c, "go") && pkg::has_arg(c, subs);
        // `go run pkg args…`: only the package (hadolint then ignores install and get).
        let mut packages: Vec<&ShWord> = cmds
            .iter()
            .filter(|c| go(c, &["run"]))
            .flat_map(|c| {
                go_positionals(c)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, w)| *i <= 1 && pkg::text(w) != "run")
                    .map(|(_, w)| w)
            })
            .collect();
        if packages.is_empty() {
            packages = cmds
                .iter()
                .filter(|c| go(c, &["install", "get"]))
                .flat_map(go_positionals)
                .filter(|w| !matches!(pkg::text(w).as_ref(), "install" | "get" | "tool"))
                .collect();
        }
        let unpinned: Vec<(Span, String)> = packages
            .into_iter()
            .filter(|w| !pinned(&pkg::text(w)))
            .map(|w| (w.span, pkg::text(w).into_owned()))
            .collect();
        for (span, name) in unpinned {
            let module = name.split('@').next().unwrap_or(&name).to_string();
            cx.report(span, format!("Pin the version of `{module}`: `{module}@<version>` (`@latest` moves)"))
                .with_help("Name a released version, e.g. `@v1.2.3`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // Values of go's build flags are not packages (hadolint reads `netgo` as one).
    Case::quiet("FROM golang:1.22\nRUN go install -tags netgo -ldflags '-s -w' ./cmd/app"),
    Case::fires("FROM golang:1.22\nRUN go install -tags=netgo -v example.com/tool", &["example.com/tool"]),
    Case::fires("FROM golang\nRUN go install example.com/pkg", &["example.com/pkg"]),
    Case::fires(
        "FROM golang\nRUN go install example.com/a@latest example.com/b@v1.0.0",
        &["example.com/a@latest"],
    ),
    Case::fires("FROM golang\nRUN go get -u example.com/pkg", &["example.com/pkg"]),
    Case::fires("FROM golang\nRUN go run example.com/gen@latest -out x", &["example.com/gen@latest"]),
    Case::quiet("FROM golang\nRUN go install example.com/pkg@v1.2.3"),
    Case::quiet("FROM golang\nRUN go install ./cmd/... && go build -o /app ."),
    Case::quiet("FROM golang\nRUN go run example.com/gen@v0.3.0 -out x && go install example.com/other"),
    Case::quiet("FROM golang\nRUN go mod download && go install tool"),
    // The command only inside an echoed string.
    Case::quiet("FROM golang\nRUN echo \"go install example.com/pkg\" > /notes.txt"),
    // `go get` with a version (and a flag before it).
    Case::quiet("FROM golang\nRUN go get -d example.com/pkg@v1.0.0"),
    // `go build` of a remote package is not an install.
    Case::quiet("FROM golang\nRUN go build -o /app example.com/cmd/app"),
    // A quoted flag value is not a package.
    Case::quiet("FROM golang\nRUN go install -ldflags \"-s -w\" ./cmd/app"),
    // Several pinned modules (one a pseudo-version) behind an env assignment.
    Case::quiet(
        "FROM golang\nRUN GOBIN=/out go install example.com/a@v0.0.0-20240101000000-abcdef123456 example.com/b@v2.0.0",
    ),
];
