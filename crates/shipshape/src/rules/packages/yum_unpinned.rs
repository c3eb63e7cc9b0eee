//! DL3033: `yum install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    YumUnpinned {
        code: "DL3033",
        name: "yum-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "`yum install` of a package without a version",
        why: "Without a version, `yum install` takes the newest package in the repositories on \
              the day of the build, so the same Dockerfile can produce different images. \
              `package-version` (and `module:stream` for modules) keeps builds repeatable.",
        bad: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    }
}

#[derive(Default)]
pub struct YumUnpinned {
    declared: pkg::Declared,
}

impl Rule for YumUnpinned {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !cx.onbuild {
            self.declared.update(instr);
        }
        unpinned::check(cx, &SPEC, Some(&self.declared));
    }
}

/// `name-version` (an epoch and a release allowed), a local `.rpm`, a module stream.
static SPEC: Unpinned = Unpinned {
    manager: Manager::Dnf,
    program: |p| p == "yum",
    verbs: &["install"],
    pinned: |p| pkg::rpm_name_fixed(p, || false),
    skip: unpinned::no_skip,
    modules: true,
    example: "{p} install {}-<version>",
    help: "Find the versions with `yum list --showduplicates <package>`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM centos\nRUN yum install -y httpd && yum clean all", &["httpd"]),
    Case::fires(
        "FROM centos\nRUN yum install -y python3-devel httpd-2.4.6 /tmp/local.rpm",
        &["python3-devel", "/tmp/local.rpm"],
    ),
    Case::fires("FROM centos\nRUN yum module install -y nodejs:14 php", &["php"]),
    Case::quiet("FROM centos\nRUN yum install -y httpd-2.4.6 x-1.2.3-4.el8.x86_64 && yum clean all"),
    Case::quiet("FROM centos\nRUN yum install -y epel-release-7.rpm https://example.com/x-1.noarch.rpm"),
    Case::quiet("FROM centos\nRUN yum module install -y nodejs:14"),
    Case::quiet("FROM centos\nRUN yum update -y && yum remove -y httpd"),
    // A declared variable after a dash counts as a version; an unknown one does not.
    Case::quiet(
        "FROM centos\nARG HTTPD_VERSION\nRUN yum install -y \"httpd-$HTTPD_VERSION\" git-${HTTPD_VERSION}.x",
    ),
    Case::fires("FROM centos\nRUN yum install -y httpd-$HTTPD_VERSION", &["httpd-$HTTPD_VERSION"]),
    // An epoch (`1:`) and a `+` in the name are part of a pinned package.
    Case::quiet("FROM centos\nRUN yum install -y openssl-1:1.1.1k gcc-c++-8.5.0"),
    // A dash inside the name: the version is what follows the last one.
    Case::quiet("FROM centos\nRUN yum install -y rpm-sign-4.16.1.3"),
    // A `--name=value` option before the subcommand is not a package.
    Case::quiet("FROM centos\nRUN yum --setopt=tsflags=nodocs install -y httpd-2.4.6"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM centos:7\nARG PKGS=\"httpd mod_ssl-2.4.6\"\nRUN yum install -y $PKGS", &["$PKGS"]),
    Case::quiet("FROM centos:7\nARG PKGS=\"httpd-2.4.6 mod_ssl-2.4.6\"\nRUN yum install -y $PKGS"),
];
