//! DL3027: `apt` in a RUN instead of `apt-get` or `apt-cache`.

use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    AptInScript {
        code: "DL3027",
        name: "apt-in-script",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "Use `apt-get` or `apt-cache` instead of `apt` in scripts",
        why: "`apt` is the front end for people at a terminal: its output and options may \
              change between releases, and it warns that it has no stable command-line \
              interface. `apt-get` and `apt-cache` are the tools meant for scripts, with \
              behaviour that stays put. The fix (unsafe) replaces `apt` with the tool that \
              has the same subcommand, when there is one (not for `list`, `search` or `show`, \
              whose output differs).",
        bad: "FROM debian:bookworm\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n",
    }
}

#[derive(Default)]
pub struct AptInScript;

/// Subcommands that `apt-get` runs the same way as `apt`.
const APT_GET: &[&str] = &[
    "install",
    "update",
    "remove",
    "purge",
    "autoremove",
    "clean",
    "autoclean",
    "dist-upgrade",
    "source",
    "build-dep",
    "download",
    "changelog",
    "check",
];

/// Subcommands that `apt-cache` runs the same way as `apt`.
const APT_CACHE: &[&str] = &["policy", "depends", "rdepends", "madison", "showsrc", "showpkg"];

/// The fix of one `apt` command: the program replaced by `apt-get` or `apt-cache`, and the
/// subcommand adapted where apt-get names it differently. None for subcommands with no
/// equivalent of the same behaviour.
fn fix(source: &str, exec: bool, program: &ShWord, sub: Option<&ShWord>) -> Option<Fix> {
    let sub = sub?;
    let name = sub.value.as_deref()?;
    let mut edits = Vec::new();
    let tool = if APT_GET.contains(&name) {
        "apt-get"
    } else if APT_CACHE.contains(&name) {
        "apt-cache"
    } else if name == "upgrade" {
        // `apt upgrade` installs new dependencies, as `apt-get upgrade --with-new-pkgs`.
        edits.push(crate::edits::add_arg_after(source, exec, sub, "--with-new-pkgs"));
        "apt-get"
    } else if name == "full-upgrade" {
        edits.push(Edit::replace(sub.span, "dist-upgrade"));
        "apt-get"
    } else {
        return None;
    };
    edits.push(Edit::replace(program.span, tool));
    // Unsafe: apt-get keeps the downloaded .deb files that apt deletes after installing,
    // and prints its progress differently.
    Some(Fix::unsafe_(format!("Replace `apt` with `{tool}`"), edits))
}

impl Rule for AptInScript {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, calls, exec)) = cx.package_calls() else { return };
        let found: Vec<(Span, Option<Fix>)> = calls
            .iter()
            .filter(|c| c.manager == Manager::Apt && c.program == "apt")
            .map(|c| {
                let program = c.word(script, c.program_word);
                (program.span, fix(cx.source, exec, program, c.verb.map(|v| c.word(script, v))))
            })
            .collect();
        for (span, fix) in found {
            let d = cx
                .report(span, "`apt` is meant for interactive use: use `apt-get` or `apt-cache` in a RUN")
                .with_help(
                    "Replace `apt` with `apt-get` (install, update, remove) or `apt-cache` (search, show).",
                );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt install -y python3", &["apt"])
        .fixed("FROM debian\nRUN apt-get install -y python3"),
    Case::fires("FROM debian\nRUN apt update && apt-get install -y curl && apt clean", &["apt", "apt"])
        .fixed("FROM debian\nRUN apt-get update && apt-get install -y curl && apt-get clean"),
    // No fix: `apt list` has no equivalent with the same output.
    Case::fires("FROM debian\nRUN echo $(apt list --installed)", &["apt"]),
    Case::fires(
        "FROM debian\nRUN apt update \\\n# the tools\n && apt \\\n    -o Dpkg::Options::=--force-confold -y \\\n    upgrade",
        &["apt", "apt"],
    )
    .fixed("FROM debian\nRUN apt-get update \\\n# the tools\n && apt-get \\\n    -o Dpkg::Options::=--force-confold -y \\\n    upgrade --with-new-pkgs"),
    Case::fires("# escape=`\nFROM debian\nRUN apt -y `\n    full-upgrade", &["apt"])
        .fixed("# escape=`\nFROM debian\nRUN apt-get -y `\n    dist-upgrade"),
    // Exec form, a quoted program, apt-cache's subcommands, and a trigger.
    Case::fires("FROM debian\nRUN [\"apt\", \"upgrade\", \"-y\"]", &["apt"])
        .fixed("FROM debian\nRUN [\"apt-get\", \"upgrade\", \"--with-new-pkgs\", \"-y\"]"),
    Case::fires("FROM debian\nRUN \"apt\" policy curl && command apt depends curl", &["\"apt\"", "apt"])
        .fixed("FROM debian\nRUN apt-cache policy curl && command apt-cache depends curl"),
    Case::fires("FROM debian\nONBUILD RUN apt -t bookworm-backports install -y curl", &["apt"])
        .fixed("FROM debian\nONBUILD RUN apt-get -t bookworm-backports install -y curl"),
    // No fix: `search` and `show` print differently, and an expanded subcommand.
    Case::fires("FROM debian\nRUN apt search curl && apt show curl && apt $CMD", &["apt", "apt", "apt"]),
    Case::quiet("FROM debian\nRUN apt-get install -y python3"),
    Case::quiet("FROM debian\nRUN apt-cache policy curl && echo apt"),
    Case::quiet("FROM debian\nRUN rm -rf /etc/apt/sources.list.d/*"),
    // Programs whose names start with `apt`, and `apt` as a package.
    Case::quiet("FROM debian\nRUN apt-mark hold curl && apt-key add /tmp/key.gpg"),
    Case::quiet("FROM debian\nRUN apt-get install -y apt-transport-https apt=2.6.1"),
    Case::quiet("FROM debian\nRUN [\"apt-get\", \"install\", \"-y\", \"apt\"]"),
    // Only RUN is checked.
    Case::quiet("FROM debian\nCMD apt update"),
    Case::quiet("FROM debian\nRUN [\"apt-get\", \"upgrade\", \"--with-new-pkgs\", \"-y\"]"),
    Case::quiet("# escape=`\nFROM debian\nRUN apt-get -y `\n    dist-upgrade"),
    Case::quiet("FROM debian\nRUN apt-cache policy curl && command apt-cache depends curl"),
    Case::quiet("FROM debian\nONBUILD RUN apt-get -t bookworm-backports install -y curl"),
    Case::quiet(
        "FROM debian\nRUN apt-get update \\\n# the tools\n && apt-get \\\n    -o Dpkg::Options::=--force-confold -y \\\n    upgrade --with-new-pkgs",
    ),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get upgrade -y"),
    Case::quiet("FROM debian\nRUN echo apt install -y curl"),
    Case::quiet("FROM debian\nRUN aptitude install -y curl && apt-file search bin/curl"),
    Case::quiet("FROM debian\nRUN /usr/bin/apt-get install -y curl"),
    Case::quiet("FROM debian\nRUN dpkg -l | grep apt"),
    Case::quiet("FROM debian\nENTRYPOINT [\"apt\", \"update\"]"),
];
