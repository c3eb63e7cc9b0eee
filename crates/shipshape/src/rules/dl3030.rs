//! DL3030: `yum install` without `-y`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3030",
    name: "yum-missing-yes",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`yum install` without `-y` waits for an answer nobody gives",
    docs: Docs {
        why: "A build has no one to answer prompts. Without `-y`, `yum install` asks for \
              confirmation, reads end-of-file and gives up, so the build fails.",
        bad: "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let spans: Vec<(Span, String)> = cmds
            .iter()
            .filter(|c| pkg::is(c, "yum") && !pkg::has_flag(c, &["y", "assumeyes"]))
            .filter_map(|c| pkg::first_arg(c, &["install", "groupinstall", "localinstall"]))
            .map(|w| (w.span, pkg::text(w).into_owned()))
            .collect();
        for (span, sub) in spans {
            cx.report(span, format!("Use `-y` so that `yum {sub}` does not wait for an answer"))
                .with_help(format!("Write `yum {sub} -y …`."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM centos\nRUN yum install httpd-2.4.6 && yum clean all", &["install"]),
    Case::fires(
        "FROM centos\nRUN yum groupinstall 'Development Tools' && yum localinstall /tmp/x-1.rpm",
        &["groupinstall", "localinstall"],
    ),
    Case::quiet("FROM centos\nRUN yum install -y httpd-2.4.6 && yum clean all"),
    Case::quiet("FROM centos\nRUN yum -q -y install httpd-2.4.6 && yum install --assumeyes git-1.8.3"),
    Case::quiet("FROM centos\nRUN yum update && yum clean all"),
    // `-y` among other short flags.
    Case::quiet("FROM centos\nRUN yum install -yq httpd-2.4.6 && yum clean all"),
    // Another package manager (DL3038's concern), and yum commands that do not install.
    Case::quiet("FROM centos\nRUN dnf install httpd-2.4.6 && yum remove httpd && yum info httpd"),
];
