//! DL3015: `apt-get install` without `--no-install-recommends`.

use crate::rules::prelude::*;

declare_rule! {
    AptGetRecommends {
        code: "DL3015",
        name: "apt-get-recommends",
        severity: Info,
        category: Size,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "`apt-get install` without `--no-install-recommends` pulls in extra packages",
        why: "By default apt installs every package that the requested ones merely recommend. \
              In an image that often means documentation, extra tools and whole language \
              runtimes nobody uses: tens to hundreds of megabytes.",
        bad: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10\n",
    }
}

#[derive(Default)]
pub struct AptGetRecommends;

impl Rule for AptGetRecommends {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let mut found = Vec::new();
        for call in
            cx.calls().iter().filter(|c| c.program == "apt-get" && c.installs() && !c.opts.no_recommends)
        {
            let Some(verb) = call.verb else { continue };
            let verb_span = call.word(script, verb).span;
            // Written where a person would: after the options that follow `install`, before
            // the first package (`install -y --no-install-recommends gcc`).
            let first_package = call.packages.iter().map(|p| p.word).min();
            let options_end = (verb + 1..first_package.unwrap_or(verb + 1))
                .map(|i| call.word(script, i).span.end)
                .max()
                .unwrap_or(verb_span.end);
            found.push((verb_span, options_end));
        }
        for (span, at) in found {
            cx.report(
                span,
                "`apt-get install` also installs recommended packages: add `--no-install-recommends`",
            )
            .with_help("Write `apt-get install -y --no-install-recommends …`.")
            // Unsafe: a recommended package the image relies on (curl's ca-certificates)
            // would no longer be installed.
            .with_fix(Fix::unsafe_(
                "Add `--no-install-recommends`",
                vec![Edit::insert(at, " --no-install-recommends")],
            ));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt-get install -y curl", &["install"])
        .fixed("FROM debian\nRUN apt-get install -y --no-install-recommends curl"),
    Case::fires(
        "FROM debian\nRUN apt-get update \\\n# tools\n && apt-get install -y \\\n    curl \\\n && apt-get install -y git",
        &["install", "install"],
    )
    .fixed("FROM debian\nRUN apt-get update \\\n# tools\n && apt-get install -y --no-install-recommends \\\n    curl \\\n && apt-get install -y --no-install-recommends git"),
    Case::fires("# escape=`\nFROM debian\nRUN apt-get install -y `\n    curl", &["install"])
        .fixed("# escape=`\nFROM debian\nRUN apt-get install -y --no-install-recommends `\n    curl"),
    Case::fires("FROM debian\nRUN apt-get install -y curl", &["install"]),
    Case::fires(
        "FROM debian\nRUN apt-get update && apt-get -y install git && apt-get -y install vim",
        &["install", "install"],
    ),
    Case::quiet("FROM debian\nRUN apt-get install -y --no-install-recommends curl"),
    Case::quiet("FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl"),
    Case::quiet("FROM debian\nRUN apt-get update"),
    // The flag before the subcommand.
    Case::quiet("FROM debian\nRUN apt-get --no-install-recommends install -y curl"),
    // `apt` (DL3027's concern) and other subcommands are not checked.
    Case::quiet("FROM debian\nRUN apt install -y curl && apt-get remove -y vim"),
];
