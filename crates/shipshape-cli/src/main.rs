//! `shipshape`: the command-line tool. `check` lints Dockerfiles (a drop-in for hadolint
//! in CI), `rules` lists the rules, `dump` prints the parse in BuildKit's format.

mod check;
mod dump;
mod input;
mod output;
mod size;

use std::process::ExitCode;

const USAGE: &str = "\
shipshape: a Dockerfile linter

Usage:
  shipshape check [OPTIONS] [FILE...]   Lint Dockerfiles (- or no FILE reads stdin).
      --format FORMAT       tty (default), json, sarif, checkstyle, gnu, codeclimate, gitlab
      --config FILE         Use this configuration instead of looking for .hadolint.yaml
      --ignore CODE         Turn a rule off (repeatable)
      --error|--warning|--info|--style CODE
                            Change a rule's severity (repeatable)
      --trusted-registry R  Allow images from registry R (turns DL3026 on; repeatable)
      --failure-threshold LEVEL
                            error, warning, info (default), style, none
      --no-fail             Always exit 0 (unless the command line is wrong)
      --no-color            Plain text output
      --disable-ignore-pragma
                            Do not honour # hadolint ignore= comments
      --jobs N              Lint N files at a time (default: one per core)
      --fix                 Apply the safe fixes and write the files (stdin: print the text)
      --diff                Print what --fix would change as a unified diff (exit 1 if any)
      --unsafe-fixes        With --fix or --diff: also apply the unsafe fixes
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
  shipshape explain CODE|LESSON         Print a rule's documentation, or a lesson
                                        (one-process, entrypoint-cmd, dockerignore,
                                        venv-multi-stage, logging, limits, scanning,
                                        signing).
  shipshape dump FILE                   Print the parse of FILE in BuildKit's AST dump
                                        format. Exits 1, printing FILE:LINE:COL: message
                                        for each error, when BuildKit's parser would
                                        reject the file.
  shipshape --version | --help

Configuration: like hadolint, the first of ./.hadolint.yaml, $XDG_CONFIG_HOME/hadolint.yaml,
~/.config/hadolint.yaml, ~/.hadolint/hadolint.yaml, ~/hadolint/config.yaml and
~/.hadolint.yaml (.yml too) is read. Exit codes: 0 clean, 1 findings at or above the
failure threshold, 2 usage or configuration error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("check") => check::run(rest),
        Some("rules") => check::rules(rest),
        Some("explain") => check::explain(rest),
        Some("size") => size::run(rest),
        Some("dump") if rest.len() == 1 => dump::run(&rest[0]),
        Some("--version" | "-V") => {
            println!("shipshape {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
