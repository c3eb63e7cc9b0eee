//! DL3036: `zypper install` without a later `zypper clean`.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    ZypperMissingClean {
        code: "DL3036",
        name: "zypper-missing-clean",
        severity: Warning,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "`zypper clean` missing after zypper use",
        why: "zypper keeps repository metadata and downloaded packages under \
              `/var/cache/zypp`. Unless the same RUN cleans them after installing (or a cache \
              mount holds them), they stay in the layer and make the image bigger. The fix \
              (unsafe) appends `&& zypper clean --all` to the RUN.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
    }
}

#[derive(Default)]
pub struct ZypperMissingClean;

impl Rule for ZypperMissingClean {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if pkg::cache_mount(instr, "/var/cache/zypp") {
            return;
        }
        let cmds = pkg::commands(cx.script, cx.analysis.exec_command(cx.index), instr);
        let clean = |c: &ShCommand| pkg::is(c, "zypper") && pkg::has_arg(c, &["clean", "cc"]);
        let spans: Vec<(Span, String)> =
            pkg::installs_without_clean(cmds, "zypper", &["install", "in"], clean)
                .iter()
                .map(|w| (w.span, pkg::text(w).into_owned()))
                .collect();
        // A clean at the end only helps when none comes before the install (hadolint
        // compares the first install with the first clean).
        // Unsafe: a later RUN that works from the cache only (`--no-refresh`) finds it empty.
        // No fix either when the cache is kept on purpose: downloads only (`-d`), or a mount.
        let download_only = crate::analysis::command_words::downloads_only(cmds)
            || cmds.iter().any(|c| pkg::is(c, "zypper") && pkg::has_flag(c, &["d"]));
        let keep = download_only || crate::analysis::command_words::mounts(instr, "/var/cache/zypp");
        let fix = if keep || cmds.iter().any(clean) {
            None
        } else {
            crate::edits::append_command(cx.script, "zypper clean --all")
                .map(|edit| Fix::unsafe_("Run `zypper clean --all` at the end of the RUN", vec![edit]))
        };
        for (span, sub) in spans {
            let d = cx.report(span, format!("Run `zypper clean` after `zypper {sub}`, in the same RUN, so that the cache stays out of the layer"))
                .with_help("End the RUN with `&& zypper clean`, or mount a cache on `/var/cache/zypp`.");
            if let Some(fix) = &fix {
                d.with_fix(fix.clone());
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0", &["install"])
        .fixed("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 && zypper clean --all"),
    // No fix: a clean before the install.
    Case::fires("FROM opensuse/leap\nRUN zypper clean && zypper in -y curl=8.6.0", &["in"]),
    Case::fires(
        "FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper -n in curl=8.6.0 \\\n && zypper -n in vim=9.1",
        &["in", "in"],
    )
    .fixed("FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper -n in curl=8.6.0 \\\n && zypper -n in vim=9.1 && zypper clean --all"),
    Case::fires("# escape=`\nFROM opensuse/leap\nRUN zypper -n install `\n    curl=8.6.0\n", &["install"])
        .fixed("# escape=`\nFROM opensuse/leap\nRUN zypper -n install `\n    curl=8.6.0 && zypper clean --all\n"),
    Case::fires("FROM opensuse/leap\nONBUILD RUN zypper -n install curl=8.6.0 >/dev/null", &["install"])
        .fixed("FROM opensuse/leap\nONBUILD RUN zypper -n install curl=8.6.0 >/dev/null && zypper clean --all"),
    // No fix: the packages are downloaded to be kept, or the cache is a bind mount.
    Case::fires("FROM opensuse/leap\nRUN zypper -n install --download-only curl=8.6.0", &["install"]),
    Case::fires("FROM opensuse/leap\nRUN zypper -n in -d curl=8.6.0", &["in"]),
    Case::fires(
        "FROM opensuse/leap\nRUN --mount=from=pkgs,source=/var/cache/zypp,target=/var/cache/zypp,rw zypper --no-refresh in -y curl=8.6.0",
        &["in"],
    ),
    // No fix: exec form, and a RUN that ends in a subshell.
    Case::fires("FROM opensuse/leap\nRUN [\"zypper\", \"-n\", \"install\", \"curl=8.6.0\"]", &["install"]),
    Case::fires("FROM opensuse/leap\nRUN zypper -n install curl=8.6.0 && (cd /tmp && ls)", &["install"]),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 && zypper clean -a"),
    Case::quiet("FROM opensuse/leap\nRUN zypper in -y curl=8.6.0 && zypper cc"),
    Case::quiet(
        "FROM opensuse/leap\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl=8.6.0",
    ),
    Case::quiet("FROM opensuse/leap\nRUN zypper refresh && zypper -n patch"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n install curl=8.6.0 && zypper clean --all"),
    Case::quiet("# escape=`\nFROM opensuse/leap\nRUN zypper -n install `\n    curl=8.6.0 && zypper clean --all\n"),
    Case::quiet("FROM opensuse/leap\nONBUILD RUN zypper -n install curl=8.6.0 >/dev/null && zypper cc"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n install curl=8.6.0 && (cd /tmp && ls) && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN [\"sh\", \"-c\", \"zypper -n in curl=8.6.0 && zypper clean\"]"),
    Case::quiet(
        "FROM opensuse/leap\nRUN zypper refresh \\\n# the tools\n && zypper -n in curl=8.6.0 \\\n && zypper clean",
    ),
    Case::quiet("FROM opensuse/leap\nRUN echo zypper install curl=8.6.0"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n rm vim && zypper lr"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n in curl=8.6.0; zypper clean -a # the cache"),
    Case::quiet("FROM opensuse/leap\nONBUILD RUN zypper --non-interactive in curl=8.6.0 && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n install --download-only curl=8.6.0 && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n in -d curl=8.6.0 && zypper cc -a"),
    Case::quiet("FROM opensuse/leap\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n in curl=8.6.0"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n refresh && zypper -n up"),
    Case::quiet("FROM opensuse/leap\nRUN zypper addrepo https://example.com/r.repo r && zypper clean"),
    Case::quiet("FROM opensuse/leap\nRUN zypper -n source-install curl && zypper clean"),
];
