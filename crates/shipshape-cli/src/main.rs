//! `shipshape`: the command-line tool. `check` lints Dockerfiles (a drop-in for hadolint
//! in CI), `rules` lists the rules, `dump` prints the parse in BuildKit's format.

mod check;
mod dump;
mod input;
mod lsp;
mod output;
mod size;

use std::process::ExitCode;

pub(crate) const USAGE: &str = "\
shipshape: a Dockerfile linter

Usage:
  shipshape check [OPTIONS] [PATH...]   Lint Dockerfiles: files, and the Dockerfiles under
                                        directories (Dockerfile, *.Dockerfile, Dockerfile.*,
                                        Containerfile; hidden directories and node_modules
                                        left out). - or no PATH reads stdin.
  -f, --format FORMAT       tty (default), json, sarif, checkstyle, gnu, codeclimate,
                            gitlab (or gitlab_codeclimate), codacy, sonarqube, junit
  -o, --output FILE         Write the report into FILE instead of standard output
  -c, --config FILE         Use this configuration instead of looking for .hadolint.yaml
      --ignore CODE         Turn a rule off (repeatable)
      --error|--warning|--info|--style CODE
                            Change a rule's severity (repeatable)
      --trusted-registry R  Allow images from registry R (turns DL3026 on; repeatable)
      --require-label NAME:TYPE
                            Require a label (text, url, semver, hash, rfc3339, spdx,
                            email; DL3049-DL3058; repeatable)
      --strict-labels       Report labels outside the label schema (DL3050)
      --build-arg NAME=VALUE
                            Give a declared ARG this value, as docker build does
                            (repeatable); --build-arg NAME takes the value of the
                            environment variable NAME (none set: the ARG's default)
  -t, --failure-threshold LEVEL
                            error, warning, info (default), style, none
      --no-fail             Always exit 0 (unless the command line is wrong)
      --no-color            Plain text output
      --disable-ignore-pragma
                            Do not honour # hadolint ignore= comments
      --file-path-in-report PATH
                            Name PATH as the file in the report
  -V, --verbose             Print the configuration in force, and where it came from
  -j, --jobs N              Lint N files at a time (default: one per core)
      --fix                 Apply the safe fixes and write the files (stdin: print the text)
      --diff                Print what --fix would change as a unified diff (exit 1 if any)
      --unsafe-fixes        With --fix or --diff: also apply the unsafe fixes
                            (a fix that would break the build is never applied:
                            standard error names it and the finding it would add)
  shipshape rules [--format text|json]  List every rule, its origin and metadata.
  shipshape rules --write-docs DIR      Write a Markdown page per rule, and an index.
  shipshape size [OPTIONS] [FILE]       Estimate the image size before and after the size
                                        fixes, per stage and layer, with ranges and reasons.
      --format FORMAT       text (default) or json
      --platform OS/ARCH    linux/amd64 unless FROM --platform says otherwise
      --target STAGE        The stage that becomes the image (default: the last)
      --context-size SIZE   What `COPY . .` brings from the build context (default 5MB)
      --requirements-size SIZE
                            What an unseen requirements file installs (default 60MB)
      --build-arg NAME=VALUE
                            As for check: the values the build gives declared
                            ARGs, for the sizes (base image tags, packages held in
                            variables) as for the findings
  shipshape explain CODE|LESSON         Print a rule's documentation, or a lesson
                                        (one-process, entrypoint-cmd, dockerignore,
                                        venv-multi-stage, logging, limits, scanning,
                                        signing).
  shipshape dump FILE                   Print the parse of FILE in BuildKit's AST dump
                                        format. Exits 1, printing FILE:LINE:COL: message
                                        for each error, when BuildKit's parser would
                                        reject the file.
  shipshape lsp                         A language server on stdin/stdout for editors: the
                                        findings as diagnostics, their fixes as quick fixes,
                                        fix-all-safe, rule docs on hover. Build arguments
                                        come from the editor's settings:
                                        {\"shipshape\": {\"buildArgs\": {\"NAME\": \"VALUE\"}}}
                                        (shipshape lsp --help says more).
  shipshape [OPTIONS] FILE...           As hadolint is called: the same as `shipshape check`.
  shipshape -v | --version | --help

Configuration: like hadolint, the first of ./.hadolint.yaml, $XDG_CONFIG_HOME/hadolint.yaml,
~/.config/hadolint.yaml, ~/.hadolint/hadolint.yaml, ~/hadolint/config.yaml and
~/.hadolint.yaml (.yml too) is read, then hadolint's variables (HADOLINT_IGNORE,
HADOLINT_OVERRIDE_ERROR/WARNING/INFO/STYLE, HADOLINT_TRUSTED_REGISTRIES,
HADOLINT_REQUIRE_LABELS, HADOLINT_STRICT_LABELS, HADOLINT_FAILURE_THRESHOLD, HADOLINT_NOFAIL,
HADOLINT_FORMAT, HADOLINT_DISABLE_IGNORE_PRAGMA, HADOLINT_VERBOSE, NO_COLOR), then the
options: lists add up, and a later source wins for the rest. Exit codes: 0 clean, 1
findings at or above the failure threshold, 2 usage or configuration error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("check") => check::run(rest),
        Some("rules") => check::rules(rest),
        Some("explain") => check::explain(rest),
        Some("size") => size::run(rest),
        Some("lsp") => lsp::run(rest),
        Some("dump") if rest.len() == 1 => dump::run(&rest[0]),
        // hadolint's -v; `-V` is hadolint's --verbose, so it is not taken for the version.
        Some("--version" | "-v") => {
            println!("shipshape {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(first) if hadolint_style(first) => check::run(&args),
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Whether a command line without a subcommand is hadolint's (`hadolint [OPTIONS]
/// Dockerfile…`): it starts with an option or names a file that exists. Such a command line
/// runs `check`, so that `shipshape` can stand in for `hadolint` in scripts as they are. A
/// misspelt subcommand (`shipshape chek`) is neither, and still gets the usage.
fn hadolint_style(first: &str) -> bool {
    first.starts_with('-') || std::path::Path::new(first).is_file()
}
