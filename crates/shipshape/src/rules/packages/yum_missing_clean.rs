//! DL3032: `yum install` without a later `yum clean all`.

use super::cache_clean::{self, clean_or_rm, CacheClean};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    YumMissingClean {
        code: "DL3032",
        name: "yum-missing-clean",
        severity: Warning,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "`yum clean all` missing after yum command",
        why: "yum keeps downloaded packages and repository metadata under `/var/cache/yum`. \
              Unless the same RUN cleans them after installing, they are stored in the layer \
              for good, often tens or hundreds of megabytes. The fix (unsafe) appends \
              `&& yum clean all` to the RUN.",
        bad: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    }
}

#[derive(Default)]
pub struct YumMissingClean;


impl Rule for YumMissingClean {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let found = cache_clean::find(cx, &SPEC);
        cache_clean::report(cx, &SPEC, found);
    }
}

static SPEC: CacheClean = CacheClean {
    manager: Manager::Dnf,
    programs: &["yum"],
    verbs: &["install"],
    cleans: |c, p| clean_or_rm(c, p, &["clean", "all"], Some("/var/cache/yum/*")),
    quiet_mounts: &[],
    keep_mounts: &["/var/cache/yum"],
    clean: "yum clean all",
    message: "Run `yum clean all` after `yum install`, in the same RUN, so that the yum cache stays out of the layer",
    help: "End the RUN with `&& yum clean all` (or `rm -rf /var/cache/yum/*`).",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM centos\nRUN yum install -y httpd-2.4.6", &["install"])
        .fixed("FROM centos\nRUN yum install -y httpd-2.4.6 && yum clean all"),
    Case::fires(
        "FROM centos\nRUN yum install -y \\\n# the web server\n    httpd-2.4.6 \\\n && echo done \\\n\n",
        &["install"],
    )
    .fixed("FROM centos\nRUN yum install -y \\\n# the web server\n    httpd-2.4.6 \\\n && echo done && yum clean all \\\n\n"),
    Case::fires("# escape=`\nFROM centos\nRUN yum install -y `\n    httpd-2.4.6\r\nCMD [\"httpd\"]", &["install"])
        .fixed("# escape=`\nFROM centos\nRUN yum install -y `\n    httpd-2.4.6 && yum clean all\r\nCMD [\"httpd\"]"),
    // After redirections, before a trailing comment, after a substitution.
    Case::fires("FROM centos\nRUN yum install -y a-1 > /tmp/log 2>&1 # quietly", &["install"])
        .fixed("FROM centos\nRUN yum install -y a-1 > /tmp/log 2>&1 && yum clean all # quietly"),
    Case::fires("FROM centos\nRUN yum install -y a-1 && echo \"$(rpm -q a)\"", &["install"])
        .fixed("FROM centos\nRUN yum install -y a-1 && echo \"$(rpm -q a)\" && yum clean all"),
    // A heredoc script, and a trigger.
    Case::fires("FROM centos\nRUN <<EOF\nset -e\nyum install -y a-1\nEOF\n", &["install"])
        .fixed("FROM centos\nRUN <<EOF\nset -e\nyum install -y a-1 && yum clean all\nEOF\n"),
    Case::fires("FROM centos\nONBUILD RUN yum install -y a-1", &["install"])
        .fixed("FROM centos\nONBUILD RUN yum install -y a-1 && yum clean all"),
    // No fix: the packages are downloaded to be kept, or the cache is a bind mount.
    Case::fires("FROM centos\nRUN yum install -y --downloadonly a-1", &["install"]),
    Case::fires("FROM centos\nRUN --mount=from=pkgs,target=/var/cache/yum,rw yum install -y a-1", &["install"]),
    // No fix: the RUN ends inside a compound command, or is in exec form.
    Case::fires("FROM centos\nRUN if true; then yum install -y a-1; fi", &["install"]),
    Case::fires("FROM centos\nRUN [\"yum\", \"install\", \"-y\", \"a-1\"]", &["install"]),
    Case::fires("FROM centos\nRUN yum clean all && yum install -y httpd-2.4.6", &["install"]),
    // hadolint only compares the first install with the first clean.
    Case::fires("FROM centos\nRUN yum clean all && yum install -y a-1 && yum clean all", &["install"]),
    Case::quiet("FROM centos\nRUN yum install -y httpd-2.4.6 && yum clean all"),
    Case::quiet("FROM centos\nRUN yum -y install httpd-2.4.6; rm -rf /var/cache/yum/*"),
    Case::quiet("FROM centos\nRUN yum -y update"),
    Case::quiet("FROM centos\nRUN yum install -y a-1 && yum clean all && yum install -y b-2"),
    // The words only appear in an echoed string.
    Case::quiet("FROM centos\nRUN echo \"yum install -y httpd\" >> /notes.txt"),
    // `installed` is not the `install` subcommand.
    Case::quiet("FROM centos\nRUN yum list installed httpd"),
    Case::quiet("FROM centos\nRUN yum install -y a-1 > /tmp/log 2>&1 && yum clean all # quietly"),
    Case::quiet("FROM centos\nRUN <<EOF\nset -e\nyum install -y a-1 && yum clean all\nEOF\n"),
    Case::quiet("FROM centos\nONBUILD RUN yum install -y a-1 && yum clean all"),
    Case::quiet("FROM centos\nRUN if true; then yum install -y a-1; fi && yum clean all"),
    Case::quiet("FROM centos\nRUN [\"sh\", \"-c\", \"yum install -y a-1 && yum clean all\"]"),
    Case::quiet(
        "FROM centos\nRUN yum install -y \\\n# the web server\n    httpd-2.4.6 \\\n && yum clean all",
    ),
    Case::quiet("# escape=`\nFROM centos\nRUN yum install -y `\n    httpd-2.4.6 `\n && yum clean all"),
    Case::quiet("FROM centos\nRUN yum makecache && yum clean all"),
    Case::quiet("FROM centos\nRUN yum remove -y a && yum info a"),
    Case::quiet("FROM centos\nRUN yum -y install a-1 && rm -rf /var/cache/yum/*"),
    Case::quiet("FROM centos\nRUN yum install -y a-1 | tee /log; yum clean all"),
    Case::quiet("FROM centos\nRUN (yum install -y a-1) && yum clean all"),
    Case::quiet("FROM centos\nRUN echo install && echo yum"),
    Case::quiet("FROM centos\nRUN yum -y install a-1 && echo \"$(rpm -q a)\" && yum clean all"),
    Case::quiet("FROM centos\nRUN yum -y update && yum -y upgrade"),
    Case::quiet("FROM centos\nONBUILD RUN yum -y install a-1; yum clean all"),
    Case::quiet("FROM centos\nRUN yum install -y --downloadonly a-1 && yum clean all"),
    Case::quiet("FROM centos\nRUN yum -y --downloadonly update && ls /var/cache/yum"),
    Case::quiet("FROM centos\nRUN --mount=from=pkgs,target=/var/cache/yum,rw yum -y install a-1 && yum clean all"),
    Case::quiet("FROM centos\nRUN --mount=type=bind,target=/var/cache/yum yum -y update"),
];
