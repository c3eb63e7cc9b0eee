//! DL3032: `yum install` without a later `yum clean all`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3032",
    name: "yum-missing-clean",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`yum clean all` missing after yum command",
    docs: Docs {
        why: "yum keeps downloaded packages and repository metadata under `/var/cache/yum`. \
              Unless the same RUN cleans them after installing, they are stored in the layer \
              for good, often tens or hundreds of megabytes.",
        bad: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    },
};

#[derive(Default)]
pub struct Check;

fn cleans(c: &ShCommand) -> bool {
    (pkg::is(c, "yum") && pkg::has_arg(c, &["clean", "all"]))
        || (pkg::is(c, "rm") && pkg::has_arg(c, &["-rf", "/var/cache/yum/*"]))
}

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let spans: Vec<Span> =
            pkg::installs_without_clean(&cmds, "yum", &["install"], cleans).iter().map(|w| w.span).collect();
        for span in spans {
            cx.report(span, "Run `yum clean all` after `yum install`, in the same RUN, so that the yum cache stays out of the layer")
                .with_help("End the RUN with `&& yum clean all` (or `rm -rf /var/cache/yum/*`).");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM centos\nRUN yum install -y httpd-2.4.6", &["install"]),
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
];
