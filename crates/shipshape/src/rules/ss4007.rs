//! SS4007: a RUN that only cleans caches, in a layer of its own.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4007",
    name: "cleanup-in-own-layer",
    aliases: &[],
    severity: Some(Severity::Info),
    category: Category::Size,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "A RUN that only cleans caches saves nothing in a layer of its own",
    docs: Docs {
        why: "Every RUN adds a layer, and the layers below stay in the image: deleting the apt \
              lists or a package cache in a later RUN only hides the files, while the layer \
              that wrote them still carries their full size. Cleanup saves space only in the \
              same RUN as the install that created the files, which is why the guide combines \
              `apt-get update && apt-get install … && rm -rf /var/lib/apt/lists/*` in one \
              instruction. hadolint's DL3009 reports the install that keeps its lists; this \
              rule reports the separate cleanup that does not help.",
        bad: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nRUN apt-get clean\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
};

/// Directories of caches, package lists and temporary files.
const CACHE_DIRS: &[&str] = &[
    "/var/lib/apt/lists",
    "/var/cache/",
    "/var/cache",
    "/tmp/",
    "/var/tmp/",
    "/root/.cache",
    "~/.cache",
    "$HOME/.cache",
    "/root/.npm",
    "~/.npm",
    "/usr/share/doc",
    "/usr/share/man",
];

fn cache_path(path: &str) -> bool {
    let p = path.trim_matches(|c| c == '"' || c == '\'');
    CACHE_DIRS.iter().any(|d| {
        p == *d || p.strip_prefix(d).is_some_and(|r| r.is_empty() || r.starts_with('/') || d.ends_with('/'))
    })
}

/// Whether a command only cleans caches: `rm` of cache paths, `apt-get clean`,
/// `yum clean all`, `apk cache clean`, `pip cache purge`, `npm cache clean` …
fn cleanup(cmd: &ShCommand) -> bool {
    let Some(name) = cmd.name() else { return false };
    let sub = |names: &[&str]| cmd.subcommand().is_some_and(|w| names.contains(&w.text()));
    match name {
        "rm" => {
            let targets = cmd.positionals();
            !targets.is_empty() && targets.iter().all(|w| cache_path(&w.raw))
        }
        "apt-get" | "apt" => sub(&["clean", "autoclean"]),
        "yum" | "dnf" | "microdnf" | "tdnf" | "zypper" | "conda" => sub(&["clean"]),
        "apk" => sub(&["cache"]) && (cmd.has_arg("clean") || cmd.has_arg("purge")),
        "npm" | "yarn" | "pnpm" => sub(&["cache"]) && (cmd.has_arg("clean") || cmd.has_arg("prune")),
        _ if name.starts_with("pip") => sub(&["cache"]) && (cmd.has_arg("purge") || cmd.has_arg("remove")),
        _ => false,
    }
}

/// Commands that do nothing to the file system.
fn neutral(cmd: &ShCommand) -> bool {
    cmd.words.is_empty() || cmd.is_any(&["set", "true", ":"])
}

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        if script.commands.iter().any(|c| c.in_substitution) {
            return;
        }
        let cleaning: Vec<&ShCommand> = script.commands.iter().filter(|c| !neutral(c)).collect();
        if cleaning.is_empty() || !cleaning.iter().all(|c| cleanup(c)) {
            return;
        }
        let span = cleaning[0].span.cover(cleaning[cleaning.len() - 1].span);
        cx.report(span, "This RUN only cleans up: in a layer of its own it saves no space")
            .with_help("Clean up at the end of the RUN that installs (`… && rm -rf /var/lib/apt/lists/*`) and drop this RUN.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*",
        &["rm -rf /var/lib/apt/lists/*"],
    ),
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*",
        &["apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*"],
    ),
    Case::fires("FROM centos:7\nRUN yum clean all", &["yum clean all"]),
    Case::fires("FROM python:3.12\nRUN set -eux; pip cache purge", &["pip cache purge"]),
    Case::quiet(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    ),
    // Removing a file for what it does, not for space.
    Case::quiet("FROM nginx:1.27\nRUN rm /etc/nginx/conf.d/default.conf"),
    Case::quiet("FROM debian:bookworm\nRUN rm -rf /var/lib/apt/lists/* && useradd app"),
    Case::quiet("FROM debian:bookworm\nRUN [\"rm\", \"-rf\", \"/var/lib/apt/lists\"]"),
    // Cleanup commands as text, not run.
    Case::quiet("FROM debian:bookworm\nRUN echo 'rm -rf /var/lib/apt/lists/*' >> /usr/local/bin/cleanup.sh"),
    // Removing apt's docker-clean hook keeps caches on purpose (for cache mounts).
    Case::quiet("FROM debian:bookworm\nRUN rm -f /etc/apt/apt.conf.d/docker-clean"),
    // A cache subcommand that does not clean.
    Case::quiet("FROM node:20\nRUN npm cache verify"),
    // Install and cleanup in the same RUN, in a heredoc or with yum.
    Case::quiet("FROM debian:bookworm\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF"),
    Case::quiet("FROM centos:7\nRUN yum install -y httpd && yum clean all"),
];
