//! DL3040: `dnf install` without a later `dnf clean all`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3040",
    name: "dnf-missing-clean",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`dnf clean all` missing after dnf command",
    docs: Docs {
        why: "dnf and microdnf keep repository metadata and downloaded packages in their \
              cache directory. Unless the same RUN cleans it after installing (or a cache \
              mount holds it), it is stored in the layer and makes the image bigger.",
        bad: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
        good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if pkg::cache_mount(instr, "/var/cache/libdnf5") || pkg::cache_mount(instr, ".cache/libdnf5") {
            return;
        }
        let cmds = pkg::commands(cx.script, instr);
        let mut spans = Vec::new();
        // dnf and microdnf are judged separately: each needs its own clean.
        for program in ["dnf", "microdnf"] {
            let clean = |c: &ShCommand| {
                (pkg::is(c, program) && pkg::has_arg(c, &["clean", "all"]))
                    || (pkg::is(c, "rm") && pkg::has_arg(c, &["-rf", "/var/cache/libdnf5*"]))
            };
            for w in pkg::installs_without_clean(
                &cmds,
                program,
                &["install", "in", "upgrade", "upgrade-minimal", "reinstall"],
                clean,
            ) {
                spans.push((w.span, program, pkg::text(w).into_owned()));
            }
        }
        spans.sort_by_key(|(s, _, _)| s.start);
        for (span, program, sub) in spans {
            cx.report(
                span,
                format!("Run `{program} clean all` after `{program} {sub}`, in the same RUN, so that the cache stays out of the layer"),
            )
            .with_help(format!("End the RUN with `&& {program} clean all`."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM fedora\nRUN dnf install -y httpd-2.4.62", &["install"]),
    Case::fires("FROM fedora\nRUN dnf clean all && dnf -y upgrade", &["upgrade"]),
    Case::fires("FROM ubi\nRUN microdnf install -y git-2.45.2 && dnf clean all", &["install"]),
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 && dnf clean all"),
    Case::quiet("FROM ubi\nRUN microdnf -y install git-2.45.2 && microdnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 && rm -rf /var/cache/dnf"),
    Case::quiet("FROM fedora\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd-2.4.62"),
    Case::quiet("FROM fedora\nRUN dnf -y update && dnf -y remove vim"),
    // A tmpfs mount keeps the cache out of the layer as well as a cache mount.
    Case::quiet("FROM fedora\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf install -y httpd-2.4.62"),
    // The per-user cache of dnf5 under a cache mount.
    Case::quiet(
        "FROM fedora\nRUN --mount=type=cache,target=/root/.cache/libdnf5 dnf install -y httpd-2.4.62",
    ),
];
