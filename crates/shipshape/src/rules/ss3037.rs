//! SS3037: `echo -e`/`echo -n` under POSIX sh (ShellCheck's SC3037).

use super::shellcheck_common::{analysable, Dialect};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS3037",
    name: "echo-flags",
    aliases: &["SC3037"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "In POSIX sh, echo flags such as `-e` and `-n` are undefined: use printf",
    docs: Docs {
        why: "RUN uses `/bin/sh` unless SHELL says otherwise, and POSIX leaves `echo -e` and \
              `echo -n` undefined: dash (Debian, Ubuntu) prints `-e` literally and always \
              interprets backslashes, while bash and busybox behave differently. `printf` \
              behaves the same everywhere. This is shipshape's equivalent of ShellCheck's \
              SC3037.",
        bad: "FROM debian:bookworm\nRUN echo -e 'a\\tb' > /etc/app.conf\n",
        good: "FROM debian:bookworm\nRUN printf 'a\\tb\\n' > /etc/app.conf\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, Dialect::Sh)) = analysable(cx) else { return };
        let found: Vec<(Span, String)> = script
            .commands
            .iter()
            .filter(|c| c.is("echo"))
            .filter_map(|c| c.args().first())
            .filter(|w| {
                let t = w.text();
                t.len() > 1 && t.starts_with('-') && t[1..].bytes().all(|b| matches!(b, b'n' | b'e' | b'E'))
            })
            .map(|w| (w.span, w.text().to_string()))
            .collect();
        for (span, flag) in found {
            cx.report(span, format!("`echo {flag}` is not portable: POSIX sh does not define echo flags"))
                .with_help("Use `printf` (e.g. `printf '%s\\n' …`), or set `SHELL [\"/bin/bash\", \"-c\"]`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN echo -e 'a\\nb' > f", &["-e"]),
    Case::fires("FROM debian\nRUN echo -n x && echo -ne y && /bin/echo \"-E\" z", &["-n", "-ne", "\"-E\""]),
    Case::quiet("FROM debian\nRUN echo a -e && echo -x y && echo -- -e"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -e 'a\\nb'"),
    Case::quiet("FROM alpine\nSHELL [\"/bin/ash\", \"-c\"]\nRUN echo -n x"),
    Case::quiet("FROM debian\nRUN printf 'a\\n'"),
];
