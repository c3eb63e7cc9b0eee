//! DL3041: `dnf install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    DnfUnpinned {
        code: "DL3041",
        name: "dnf-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "`dnf install` of a package without a version",
        why: "Without a version, `dnf install` takes the newest package in the repositories \
              when the image is built, so the same Dockerfile can produce different images. \
              `package-version` (and `module:stream` for modules) keeps builds repeatable.",
        bad: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n",
        good: "FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    }
}

#[derive(Default)]
pub struct DnfUnpinned {
    declared: pkg::Declared,
}

impl Rule for DnfUnpinned {
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
    program: |p| p == "dnf" || p == "microdnf",
    verbs: &["install"],
    pinned: |p| pkg::rpm_name_fixed(p, || false),
    skip: unpinned::no_skip,
    modules: true,
    example: "{p} install {}-<version>",
    help: "Find the versions with `dnf list --showduplicates <package>`.",
};

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM fedora\nRUN dnf install -y httpd && dnf clean all", &["httpd"]),
    Case::fires(
        "FROM ubi\nRUN microdnf install -y gcc-c++ python3.11 git-2.45.2",
        &["gcc-c++", "python3.11"],
    ),
    Case::fires("FROM fedora\nRUN dnf module install -y nodejs", &["nodejs"]),
    Case::quiet("FROM fedora\nRUN dnf install -y httpd-2.4.62 x-1.0-1.el9 && dnf clean all"),
    Case::quiet("FROM fedora\nRUN dnf install -y https://example.com/epel-release-latest-9.noarch.rpm"),
    Case::quiet(
        "FROM fedora\nRUN dnf module install -y nodejs:20 && dnf group install -y 'Development Tools'",
    ),
    Case::quiet("FROM fedora\nRUN dnf upgrade -y && dnf remove -y vim"),
    // A declared variable after a dash counts as a version; an unknown one does not.
    Case::quiet(
        "FROM centos\nARG HTTPD_VERSION\nRUN dnf install -y \"httpd-$HTTPD_VERSION\" git-${HTTPD_VERSION}.x",
    ),
    Case::fires("FROM centos\nRUN dnf install -y httpd-$HTTPD_VERSION", &["httpd-$HTTPD_VERSION"]),
    // An epoch, a `+` in the name and a dash inside the name, each pinned.
    Case::quiet("FROM ubi\nRUN microdnf install -y openssl-1:1.1.1k gcc-c++-11.4.1 rpm-sign-4.16.1.3"),
    // A `--name=value` option whose value holds `install` is not a package.
    Case::quiet("FROM fedora\nRUN dnf --setopt=install_weak_deps=False -y install httpd-2.4.62"),
    // `installed` is not the `install` subcommand.
    Case::quiet("FROM fedora\nRUN dnf list installed httpd"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM fedora:40\nARG PKGS=\"httpd\"\nRUN dnf install -y ${PKGS}", &["${PKGS}"]),
    Case::quiet("FROM fedora:40\nARG PKGS=\"httpd-2.4.62\"\nRUN dnf install -y ${PKGS}"),
];
