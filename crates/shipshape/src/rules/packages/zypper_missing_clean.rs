//! DL3036: `zypper install` without a later `zypper clean`.

use super::cache_clean::{self, clean_or_rm, CacheClean};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


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
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let found = cache_clean::find(cx, &SPEC);
        cache_clean::report(cx, &SPEC, found);
    }
}

static SPEC: CacheClean = CacheClean {
    manager: Manager::Zypper,
    programs: &["zypper"],
    verbs: &["install", "in"],
    cleans: |c, p| clean_or_rm(c, p, &["clean", "cc"], None),
    quiet_mounts: &["/var/cache/zypp"],
    keep_mounts: &["/var/cache/zypp"],
    clean: "zypper clean --all",
    message: "Run `zypper clean` after `zypper {v}`, in the same RUN, so that the cache stays out of the layer",
    help: "End the RUN with `&& zypper clean`, or mount a cache on `/var/cache/zypp`.",
};

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
