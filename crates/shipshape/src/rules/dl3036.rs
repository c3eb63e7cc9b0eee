//! DL3036: `zypper install` without a later `zypper clean`.

use crate::rules::prelude::*;

use super::pkg;

pub static META: RuleMeta = RuleMeta {
    code: "DL3036",
    name: "zypper-missing-clean",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: true,
    summary: "`zypper clean` missing after zypper use",
    docs: Docs {
        why: "zypper keeps repository metadata and downloaded packages under \
              `/var/cache/zypp`. Unless the same RUN cleans them after installing (or a cache \
              mount holds them), they stay in the layer and make the image bigger.",
        bad: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\n",
        good: "FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper clean\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if pkg::cache_mount(instr, "/var/cache/zypp") {
            return;
        }
        let cmds = pkg::commands(cx.script, instr);
        let clean = |c: &ShCommand| pkg::is(c, "zypper") && pkg::has_arg(c, &["clean", "cc"]);
        let spans: Vec<(Span, String)> =
            pkg::installs_without_clean(&cmds, "zypper", &["install", "in"], clean)
                .iter()
                .map(|w| (w.span, pkg::text(w).into_owned()))
                .collect();
        for (span, sub) in spans {
            cx.report(span, format!("Run `zypper clean` after `zypper {sub}`, in the same RUN, so that the cache stays out of the layer"))
                .with_help("End the RUN with `&& zypper clean`, or mount a cache on `/var/cache/zypp`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0", &["install"]),
    Case::fires("FROM opensuse/leap\nRUN zypper clean && zypper in -y curl=8.6.0", &["in"]),
    Case::quiet("FROM opensuse/leap\nRUN zypper install -y curl=8.6.0 && zypper clean -a"),
    Case::quiet("FROM opensuse/leap\nRUN zypper in -y curl=8.6.0 && zypper cc"),
    Case::quiet(
        "FROM opensuse/leap\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y curl=8.6.0",
    ),
    Case::quiet("FROM opensuse/leap\nRUN zypper refresh && zypper -n patch"),
];
