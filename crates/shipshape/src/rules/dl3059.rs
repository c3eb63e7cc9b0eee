//! DL3059: consecutive RUN instructions that could be one.

use crate::rules::prelude::*;
use crate::shell::SpanMap;

pub static META: RuleMeta = RuleMeta {
    code: "DL3059",
    name: "consecutive-run",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Performance,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Multiple consecutive RUN instructions: consider merging them",
    docs: Docs {
        why: "Each RUN makes a layer. Two single-command RUNs in a row cost an extra layer and an \
              extra cache entry, and a file deleted in the second still weighs in the first. \
              Joining them with `&&` keeps related steps in one layer. RUNs that already chain \
              several commands, or that use different `--mount`/`--network` flags, are left \
              alone: splitting those is usually deliberate.",
        bad: "FROM debian:bookworm\nRUN mkdir -p /srv/app\nRUN chown 1000:1000 /srv/app\n",
        good: "FROM debian:bookworm\nRUN mkdir -p /srv/app && chown 1000:1000 /srv/app\n",
    },
};

/// The previous instruction, when it was a RUN: its flags and how many commands it ran.
#[derive(Default)]
pub struct Check {
    prev: Option<(Vec<String>, usize)>,
}

/// Commands as hadolint counts them: simple commands with a literal name, `[ … ]` and
/// `[[ … ]]` excluded (ShellCheck reads those as test expressions).
fn count(script: &Script) -> usize {
    script
        .commands
        .iter()
        .filter(|c| c.program().is_some_and(|w| !w.has_expansion()) && !c.is_any(&["[", "[["]))
        .count()
}

fn commands_of(cx: &Cx, instr: &Instruction) -> usize {
    if let Some(script) = cx.script {
        return count(script);
    }
    match &instr.args {
        Args::Command(Command::Exec { args, .. }) => {
            let text = args.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ");
            count(&Script::parse(&text, &SpanMap::Direct(0)))
        }
        _ => Script::of_run(instr, cx.source).map_or(0, |s| count(&s)),
    }
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run {
            self.prev = None;
            return;
        }
        let mut flags: Vec<String> = instr.flags.iter().map(|f| f.processed.clone()).collect();
        flags.sort();
        let n = commands_of(cx, instr);
        if let Some((prev_flags, prev_n)) = self.prev.take() {
            if prev_flags == flags && prev_n <= 1 && n <= 1 {
                cx.report(instr.keyword_word.span, "This RUN follows another RUN: consider merging them")
                    .with_help("Join the two commands with `&&` in a single RUN.");
            }
        }
        self.prev = Some((flags, n));
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN /foo.sh\nRUN /bar.sh", &["RUN"]),
    Case::fires("FROM debian\nRUN /foo.sh\n# a comment\n# another\nRUN /bar.sh", &["RUN"]),
    Case::fires("FROM debian\nRUN foo && bar\nRUN foo\nrun bar", &["run"]),
    Case::fires(
        "FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh",
        &["RUN"],
    ),
    Case::fires("FROM debian\nRUN [\"a\"]\nRUN b", &["RUN"]),
    Case::fires("FROM debian\nRUN a\nRUN [ -f x ] && b", &["RUN"]),
    Case::quiet("FROM debian\nRUN /foo.sh"),
    Case::quiet("FROM debian\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh"),
    Case::quiet("FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh"),
    Case::quiet(
        "FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh",
    ),
    Case::quiet("FROM debian\nRUN foo && bar\nRUN foobar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo; bar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo | bar"),
    Case::quiet("FROM debian\nRUN foobar\nRUN foo $(bar)"),
    Case::quiet("FROM debian\nRUN a\nONBUILD RUN b"),
    // The RUNs are in different stages.
    Case::quiet("FROM debian AS a\nRUN /foo.sh\nFROM debian AS b\nRUN /bar.sh"),
    // Another flag than a mount: `--network` differs too.
    Case::quiet("FROM debian\nRUN --network=none /foo.sh\nRUN /bar.sh"),
    // A heredoc script with two commands is not a one-command RUN.
    Case::quiet("FROM debian\nRUN <<EOF\nset -e\n/foo.sh\nEOF\nRUN /bar.sh"),
];
