//! DL3003: `cd` inside RUN instead of WORKDIR.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3003",
    name: "cd-in-run",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Maintainability,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "`cd` in RUN where WORKDIR would say where the build happens",
    docs: Docs {
        why: "A `cd` lasts only until the end of its RUN, so the next instruction silently runs \
              somewhere else, and a `cd` that fails may leave the rest of the command running \
              in the wrong directory. WORKDIR sets the directory for every following \
              instruction, creates it if needed, and shows up in the image's metadata.",
        bad: "FROM debian:bookworm\nRUN cd /usr/src/app && make\n",
        good: "FROM debian:bookworm\nWORKDIR /usr/src/app\nRUN make\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let spans: Vec<Span> = script
            .commands
            .iter()
            .filter(|c| c.is("cd"))
            .filter_map(|c| c.program())
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "Use `WORKDIR` instead of `cd` to switch to a directory")
                .with_help("Put `WORKDIR <dir>` before this RUN and drop the `cd`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN cd /tmp && echo hi", &["cd"]),
    Case::fires("FROM debian\nRUN cd /a; make; cd /b && make install", &["cd", "cd"]),
    Case::fires("FROM debian\nRUN if [ -d /x ]; then cd /x; fi", &["cd"]),
    Case::quiet("FROM debian\nWORKDIR /tmp\nRUN echo hi"),
    Case::quiet("FROM debian\nRUN echo cd /tmp"),
    Case::quiet("FROM debian\nRUN [\"cd\", \"/tmp\"]"),
    Case::quiet("FROM debian\nONBUILD RUN cd /tmp && make"),
    // Changing directory without `cd`, and `cd` as an argument.
    Case::quiet("FROM debian\nRUN make -C /src install && git -C /src status && ln -s /opt/cd /usr/local/cd"),
    Case::quiet("FROM debian\nRUN --mount=type=bind,target=/cd ls /cd && bash -c \"cd /tmp && make\""),
    Case::quiet("FROM debian\nCMD cd /app && ./run"),
];
