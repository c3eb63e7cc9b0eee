//! DL3040: `dnf install` without a later `dnf clean all`.

use super::cache_clean::{self, clean_or_rm, CacheClean};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


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
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let found = cache_clean::find(cx, &SPEC);
        cache_clean::report(cx, &SPEC, found);
    }
}

static SPEC: CacheClean = CacheClean {
    manager: Manager::Dnf,
    programs: &["dnf", "microdnf"],
    verbs: &["install", "in", "upgrade", "upgrade-minimal", "reinstall"],
    cleans: |c, p| clean_or_rm(c, p, &["clean", "all"], Some("/var/cache/libdnf5*")),
    quiet_mounts: &["/var/cache/libdnf5", ".cache/libdnf5"],
    keep_mounts: &["/var/cache/dnf", "libdnf5", "/var/cache/yum"],
    clean: "{p} clean all",
    message: "Run `{p} clean all` after `{p} {v}`, in the same RUN, so that the cache stays out of the layer",
    help: "End the RUN with `&& {p} clean all`.",
};

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
