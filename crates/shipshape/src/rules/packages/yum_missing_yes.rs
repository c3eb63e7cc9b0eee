//! DL3030: `yum install` without `-y`.

use super::confirm::{self, After, Confirm};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


declare_rule! {
    YumMissingYes {
        code: "DL3030",
        name: "yum-missing-yes",
        severity: Warning,
        category: Correctness,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "`yum install` without `-y` waits for an answer nobody gives",
        why: "A build has no one to answer prompts. Without `-y`, `yum install` asks for \
              confirmation, reads end-of-file and gives up, so the build fails. The fix adds \
              `-y`.",
        bad: "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    }
}

#[derive(Default)]
pub struct YumMissingYes;

impl Rule for YumMissingYes {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        confirm::check(cx, &SPEC);
    }
}

static SPEC: Confirm = Confirm {
    manager: Manager::Dnf,
    program: |p| p == "yum",
    verbs: &["install", "groupinstall", "localinstall"],
    yes: &["y", "assumeyes"],
    fix: ("-y", After::Verb),
    help: "Write `{p} {v} -y …`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM centos\nRUN yum install httpd-2.4.6 && yum clean all", &["install"])
        .fixed("FROM centos\nRUN yum install -y httpd-2.4.6 && yum clean all"),
    Case::fires(
        "FROM centos\nRUN yum groupinstall 'Development Tools' && yum localinstall /tmp/x-1.rpm",
        &["groupinstall", "localinstall"],
    )
    .fixed("FROM centos\nRUN yum groupinstall -y 'Development Tools' && yum localinstall -y /tmp/x-1.rpm"),
    Case::fires(
        "FROM centos\nRUN yum makecache \\\n# the web server\n && yum \\\n    install \\\n    httpd-2.4.6",
        &["install"],
    )
    .fixed(
        "FROM centos\nRUN yum makecache \\\n# the web server\n && yum \\\n    install -y \\\n    httpd-2.4.6",
    ),
    Case::fires(
        "# escape=`\nFROM centos\nRUN yum install `\n    httpd-2.4.6 `\n && yum clean all",
        &["install"],
    )
    .fixed("# escape=`\nFROM centos\nRUN yum install -y `\n    httpd-2.4.6 `\n && yum clean all"),
    // Exec form: the flag becomes an item of its own.
    Case::fires("FROM centos\nRUN [\"yum\", \"install\", \"httpd-2.4.6\"]", &["install"])
        .fixed("FROM centos\nRUN [\"yum\", \"install\", \"-y\", \"httpd-2.4.6\"]"),
    // A quoted subcommand, and a trigger.
    Case::fires("FROM centos\nONBUILD RUN yum \"install\" httpd-2.4.6", &["\"install\""])
        .fixed("FROM centos\nONBUILD RUN yum \"install\" -y httpd-2.4.6"),
    Case::quiet("FROM centos\nRUN yum install -y httpd-2.4.6 && yum clean all"),
    Case::quiet("FROM centos\nRUN yum -q -y install httpd-2.4.6 && yum install --assumeyes git-1.8.3"),
    Case::quiet("FROM centos\nRUN yum update && yum clean all"),
    // `-y` among other short flags.
    Case::quiet("FROM centos\nRUN yum install -yq httpd-2.4.6 && yum clean all"),
    // Another package manager (DL3038's concern), and yum commands that do not install.
    Case::quiet("FROM centos\nRUN dnf install httpd-2.4.6 && yum remove httpd && yum info httpd"),
    Case::quiet("FROM centos\nRUN [\"yum\", \"install\", \"-y\", \"httpd-2.4.6\"]"),
    Case::quiet("# escape=`\nFROM centos\nRUN yum install -y `\n    httpd-2.4.6 `\n && yum clean all"),
    Case::quiet("FROM centos\nONBUILD RUN yum -y \"install\" httpd-2.4.6"),
    Case::quiet(
        "FROM centos\nRUN yum makecache \\\n# the web server\n && yum \\\n    install -y \\\n    httpd-2.4.6",
    ),
    Case::quiet("FROM centos\nRUN yum --assumeyes groupinstall 'Development Tools'"),
    Case::quiet("FROM centos\nRUN yum localinstall -y /tmp/x-1.rpm && yum clean all"),
    Case::quiet("FROM centos\nRUN echo yum install httpd-2.4.6"),
];
