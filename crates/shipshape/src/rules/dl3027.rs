//! DL3027: `apt` in a RUN instead of `apt-get` or `apt-cache`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3027",
    name: "apt-in-script",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Use `apt-get` or `apt-cache` instead of `apt` in scripts",
    docs: Docs {
        why: "`apt` is the front end for people at a terminal: its output and options may \
              change between releases, and it warns that it has no stable command-line \
              interface. `apt-get` and `apt-cache` are the tools meant for scripts, with \
              behaviour that stays put.",
        bad: "FROM debian:bookworm\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let spans: Vec<Span> = cmds
            .iter()
            .filter(|c| pkg::is(c, "apt"))
            .filter_map(|c| pkg::name_word(c))
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "`apt` is meant for interactive use: use `apt-get` or `apt-cache` in a RUN")
                .with_help(
                    "Replace `apt` with `apt-get` (install, update, remove) or `apt-cache` (search, show).",
                );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt install -y python3", &["apt"]),
    Case::fires("FROM debian\nRUN apt update && apt-get install -y curl && apt clean", &["apt", "apt"]),
    Case::fires("FROM debian\nRUN echo $(apt list --installed)", &["apt"]),
    Case::quiet("FROM debian\nRUN apt-get install -y python3"),
    Case::quiet("FROM debian\nRUN apt-cache policy curl && echo apt"),
    Case::quiet("FROM debian\nRUN rm -rf /etc/apt/sources.list.d/*"),
    // Programs whose names start with `apt`, and `apt` as a package.
    Case::quiet("FROM debian\nRUN apt-mark hold curl && apt-key add /tmp/key.gpg"),
    Case::quiet("FROM debian\nRUN apt-get install -y apt-transport-https apt=2.6.1"),
    Case::quiet("FROM debian\nRUN [\"apt-get\", \"install\", \"-y\", \"apt\"]"),
    // Only RUN is checked.
    Case::quiet("FROM debian\nCMD apt update"),
];
