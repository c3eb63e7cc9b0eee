//! DL3040: `dnf install` without a later `dnf clean all`.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    DnfMissingClean {
        code: "DL3040",
        name: "dnf-missing-clean",
        severity: Warning,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "`dnf clean all` missing after dnf command",
        why: "dnf and microdnf keep repository metadata and downloaded packages in their \
              cache directory. Unless the same RUN cleans it after installing (or a cache \
              mount holds it), it is stored in the layer and makes the image bigger. The fix \
              (unsafe) appends `&& dnf clean all` to the RUN.",
        bad: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n",
        good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    }
}

#[derive(Default)]
pub struct DnfMissingClean;

impl Rule for DnfMissingClean {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if pkg::cache_mount(instr, "/var/cache/libdnf5") || pkg::cache_mount(instr, ".cache/libdnf5") {
            return;
        }
        let cmds = pkg::commands(cx.script, cx.analysis.exec_command(cx.index), instr);
        let mut spans = Vec::new();
        // dnf and microdnf are judged separately: each needs its own clean.
        for program in ["dnf", "microdnf"] {
            let clean = |c: &ShCommand| {
                (pkg::is(c, program) && pkg::has_arg(c, &["clean", "all"]))
                    || (pkg::is(c, "rm") && pkg::has_arg(c, &["-rf", "/var/cache/libdnf5*"]))
            };
            // A clean at the end only helps when none comes before the install (hadolint
            // compares the first install with the first clean).
            // Unsafe: a later RUN that installs from the cache only (`-C`) finds it empty.
            // No fix either when the cache is kept on purpose: downloads only, or a mount.
            let keep = crate::analysis::command_words::downloads_only(cmds)
                || ["/var/cache/dnf", "libdnf5", "/var/cache/yum"].iter().any(|p| crate::analysis::command_words::mounts(instr, p));
            let fix = if keep || cmds.iter().any(clean) {
                None
            } else {
                crate::edits::append_command(cx.script, &format!("{program} clean all")).map(|edit| {
                    Fix::unsafe_(format!("Run `{program} clean all` at the end of the RUN"), vec![edit])
                })
            };
            for w in pkg::installs_without_clean(
                cmds,
                program,
                &["install", "in", "upgrade", "upgrade-minimal", "reinstall"],
                clean,
            ) {
                spans.push((w.span, program, pkg::text(w).into_owned(), fix.clone()));
            }
        }
        crate::sort::by_key(&mut spans, |(s, _, _, _)| s.start);
        for (span, program, sub, fix) in spans {
            let d = cx.report(
                span,
                format!("Run `{program} clean all` after `{program} {sub}`, in the same RUN, so that the cache stays out of the layer"),
            )
            .with_help(format!("End the RUN with `&& {program} clean all`."));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM fedora\nRUN dnf install -y httpd-2.4.62", &["install"])
        .fixed("FROM fedora\nRUN dnf install -y httpd-2.4.62 && dnf clean all"),
    // No fix: a clean before the install.
    Case::fires("FROM fedora\nRUN dnf clean all && dnf -y upgrade", &["upgrade"]),
    Case::fires("FROM ubi\nRUN microdnf install -y git-2.45.2 && dnf clean all", &["install"])
        .fixed("FROM ubi\nRUN microdnf install -y git-2.45.2 && dnf clean all && microdnf clean all"),
    Case::fires(
        "FROM fedora\nRUN dnf install -y \\\n# the web server\n    httpd-2.4.62 \\\n && microdnf -y install git-2.45.2",
        &["install", "install"],
    )
    .fixed("FROM fedora\nRUN dnf install -y \\\n# the web server\n    httpd-2.4.62 \\\n && microdnf -y install git-2.45.2 && dnf clean all && microdnf clean all"),
    Case::fires("# escape=`\nFROM fedora\nRUN dnf install -y `\n    httpd-2.4.62 # the server", &["install"])
        .fixed("# escape=`\nFROM fedora\nRUN dnf install -y `\n    httpd-2.4.62 && dnf clean all # the server"),
    Case::fires("FROM fedora\nONBUILD RUN dnf -y reinstall httpd-2.4.62", &["reinstall"])
        .fixed("FROM fedora\nONBUILD RUN dnf -y reinstall httpd-2.4.62 && dnf clean all"),
    // No fix: the packages are downloaded to be kept, or the cache is a bind mount.
    Case::fires("FROM fedora\nRUN dnf install -y --downloadonly httpd-2.4.62", &["install"]),
    Case::fires("FROM fedora\nRUN --mount=from=pkgs,target=/var/cache/dnf dnf install -y httpd-2.4.62", &["install"]),
    // No fix: exec form, and a RUN that ends in a loop.
    Case::fires("FROM fedora\nRUN [\"dnf\", \"install\", \"-y\", \"httpd-2.4.62\"]", &["install"]),
    Case::fires("FROM fedora\nRUN for p in a-1 b-2; do dnf install -y $p; done", &["install"]),
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
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 && microdnf -y install git-2.45.2 && dnf clean all && microdnf clean all"),
    Case::quiet("# escape=`\nFROM fedora\nRUN dnf install -y `\n    httpd-2.4.62 && dnf clean all # the server"),
    Case::quiet("FROM fedora\nONBUILD RUN dnf -y reinstall httpd-2.4.62 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN for p in a-1 b-2; do dnf install -y $p; done && dnf clean all"),
    Case::quiet("FROM fedora\nRUN [\"sh\", \"-c\", \"dnf install -y httpd-2.4.62 && dnf clean all\"]"),
    Case::quiet(
        "FROM fedora\nRUN dnf install -y \\\n# the web server\n    httpd-2.4.62 \\\n && dnf clean all",
    ),
    Case::quiet("FROM fedora\nRUN dnf -y install httpd-2.4.62; rm -rf /var/cache/libdnf5*"),
    Case::quiet("FROM fedora\nRUN dnf makecache && dnf repolist"),
    Case::quiet("FROM fedora\nRUN echo dnf install httpd-2.4.62"),
    Case::quiet("FROM fedora\nRUN dnf info httpd && dnf clean all"),
    Case::quiet("FROM fedora\nRUN microdnf upgrade -y && microdnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf install -y a-1 && dnf clean all && dnf install -y b-2 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf install -y --downloadonly httpd-2.4.62 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN --mount=from=pkgs,target=/var/cache/dnf dnf remove -y httpd"),
    Case::quiet("FROM fedora\nRUN dnf download httpd && dnf repoquery httpd"),
    Case::quiet("FROM fedora\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf -y upgrade"),
];
