//! DL4005: `ln … /bin/sh` to change the default shell.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL4005",
    name: "ln-bin-sh",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "Use SHELL to change the default shell, not a symlink over `/bin/sh`",
    docs: Docs {
        why: "Replacing `/bin/sh` with a link to another shell changes the shell of every \
              script and package hook in the image, not only of your RUN lines, and package \
              upgrades may restore the original link. The SHELL instruction changes the shell \
              that RUN uses, visibly and for the build only.",
        bad: "FROM debian:bookworm\nRUN ln -sf /bin/bash /bin/sh\n",
        good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-c\"]\n",
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
            .filter(|c| c.is("ln"))
            .flat_map(|c| c.args().iter().filter(|w| w.text() == "/bin/sh"))
            .map(|w| w.span)
            .collect();
        for span in spans {
            cx.report(span, "Use `SHELL` to change the default shell instead of linking over `/bin/sh`")
                .with_help(
                    "Write `SHELL [\"/bin/bash\", \"-c\"]` before the RUN instructions that need bash.",
                );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN ln -sfv /bin/bash /bin/sh", &["/bin/sh"]),
    Case::fires("FROM debian\nRUN rm /bin/sh && ln -s bash \"/bin/sh\"", &["\"/bin/sh\""]),
    Case::quiet("FROM debian\nRUN ln -sf /bin/true /sbin/initctl"),
    Case::quiet("FROM debian\nRUN ln -s foo bar && unrelated && something_with /bin/sh"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi"),
    // The ln command only inside an echoed string.
    Case::quiet("FROM debian\nRUN echo \"ln -s /bin/bash /bin/sh\" >> /notes && ln -s /opt/app/run /usr/local/bin/run"),
    // Inspecting `/bin/sh` without linking over it.
    Case::quiet("FROM debian\nRUN ls -l /bin/sh && readlink -f /bin/sh"),
];
