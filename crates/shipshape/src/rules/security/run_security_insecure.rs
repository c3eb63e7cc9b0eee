//! SS5005: `RUN --security=insecure`.

use crate::rules::prelude::*;

declare_rule! {
    RunSecurityInsecure {
        code: "SS5005",
        name: "run-security-insecure",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not run build steps with `--security=insecure`",
        why: "`RUN --security=insecure` runs the step without the build sandbox, like a \
              `--privileged` container: it can reach the builder's devices and kernel \
              interfaces, so a compromised dependency or script in that step can take over \
              the builder. It needs the `security.insecure` entitlement; find a way to do the \
              step without it. Semgrep's registry calls this check run-security-insecure.",
        bad: "# syntax=docker/dockerfile:1-labs\nFROM debian:bookworm\nRUN --security=insecure ./scripts/build-rootfs.sh /srv/rootfs\n",
        good: "# syntax=docker/dockerfile:1-labs\nFROM debian:bookworm\nRUN --mount=type=tmpfs,target=/srv/rootfs ./scripts/build-rootfs.sh /srv/rootfs\n",
    }
}

#[derive(Default)]
pub struct RunSecurityInsecure;

impl Rule for RunSecurityInsecure {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run {
            return;
        }
        let insecure: Vec<Span> = instr
            .flags
            .iter()
            .filter(|f| f.name.text == "security")
            .filter(|f| f.value.as_ref().is_some_and(|v| v.text.eq_ignore_ascii_case("insecure")))
            .map(|f| f.span)
            .collect();
        for span in insecure {
            cx.report(
                span,
                "`--security=insecure` runs this step outside the build sandbox, with full privileges",
            )
            .with_help(
                "Remove the flag; use a `--mount=type=tmpfs|cache|bind` or a different tool for the step.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nRUN --security=insecure make install", &["--security=insecure"]),
    Case::fires(
        "FROM debian:12\nRUN --mount=type=cache,target=/root/.cache --security=insecure ./build.sh",
        &["--security=insecure"],
    ),
    // BuildKit unquotes flag values.
    Case::fires("FROM debian:12\nRUN --security=\"insecure\" make install", &["--security=\"insecure\""]),
    Case::quiet("FROM debian:12\nRUN --security=sandbox make install"),
    Case::quiet("FROM debian:12\nRUN --network=none make"),
    Case::quiet("FROM debian:12\nRUN echo --security=insecure"),
    // The flag only in a comment, and the builder entitlement passed to a nested build.
    Case::quiet(
        "FROM debian:12\n# RUN --security=insecure make install\nRUN docker buildx build --allow security.insecure .",
    ),
    // The words in another instruction and in another flag's value.
    Case::quiet("FROM debian:12\nENV SECURITY=insecure\nLABEL security=insecure"),
    Case::quiet("FROM debian:12\nRUN --network=host --mount=type=bind,source=insecure,target=/src make"),
];
