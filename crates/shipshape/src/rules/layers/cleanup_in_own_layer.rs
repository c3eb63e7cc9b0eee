//! SS4007: a RUN that only cleans caches, in a layer of its own.

use crate::rules::prelude::*;

declare_rule! {
    CleanupInOwnLayer {
        code: "SS4007",
        name: "cleanup-in-own-layer",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "A RUN that only cleans caches saves nothing in a layer of its own",
        why: "Every RUN adds a layer, and the layers below stay in the image: deleting the apt \
              lists or a package cache in a later RUN only hides the files, while the layer \
              that wrote them still carries their full size. Cleanup saves space only in the \
              same RUN as the install that created the files, which is why the guide combines \
              `apt-get update && apt-get install … && rm -rf /var/lib/apt/lists/*` in one \
              instruction. hadolint's DL3009 reports the install that keeps its lists; this \
              rule reports the separate cleanup that does not help. The fix (unsafe) appends \
              the cleanup to the RUN right before it with `&&` and drops this one.",
        bad: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nRUN apt-get clean\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\n",
    }
}

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

/// Whether a script only cleans caches (what the rule reports).
fn cleanup_only(script: &Script) -> bool {
    let cleaning: Vec<&ShCommand> = script.commands.iter().filter(|c| !neutral(c)).collect();
    !cleaning.is_empty() && cleaning.iter().all(|c| cleanup(c))
}

/// Appends the cleanup (`span`, the commands as written) to the end of the RUN right before
/// this one, with `&&`, and deletes this RUN. Only when that RUN is the instruction just
/// before, in shell form, without heredocs or `--mount` (a cache mount would be emptied),
/// ends on a top-level command, and is not a cleanup itself; and when this RUN has no flags
/// or heredoc.
fn merge_into_previous(cx: &Cx, instr: &Instruction, script: &Script, span: Span) -> Option<Fix> {
    if cx.onbuild || instr.keyword != Keyword::Run || !instr.flags.is_empty() || !instr.heredocs.is_empty() {
        return None;
    }
    let prev = cx.index.checked_sub(1).map(|i| &cx.file.instructions[i])?;
    if prev.keyword != Keyword::Run || !prev.heredocs.is_empty() || prev.flag("mount").is_some() {
        return None;
    }
    let before = Script::of_run(prev, cx.source)?;
    if !before.unreadable.is_empty() || cleanup_only(&before) {
        return None;
    }
    let last = before.commands.last()?;
    if last.depth != 0 || last.in_substitution {
        return None;
    }
    let end = last
        .words
        .iter()
        .map(|w| w.span.end)
        .chain(last.redirects.iter().map(|r| r.span.end))
        .chain(last.assignments.iter().map(|a| a.span.end))
        .max()?;
    // The cleanup's own commands joined by `&&` (after `;` the rest would run even when the
    // previous RUN's commands fail, and the RUN would succeed), nothing but `set`/`true`
    // before them and nothing after.
    let inside: Vec<&ShCommand> =
        script.commands.iter().filter(|c| c.span.start >= span.start && c.span.end <= span.end).collect();
    let joined = inside.iter().skip(1).all(|c| c.joiner == Joiner::And && c.depth == 0);
    let outside_ok = script
        .commands
        .iter()
        .filter(|c| !(c.span.start >= span.start && c.span.end <= span.end))
        .all(|c| neutral(c) && c.span.end <= span.start && c.depth == 0);
    if !joined || !outside_ok || !script.unreadable.is_empty() {
        return None;
    }
    let text = span.text(cx.source);
    // This RUN's lines; on the last line without a line break, the break before it.
    let mut lines = crate::edits::whole_lines(cx.source, instr.span);
    if !cx.source[..lines.end as usize].ends_with('\n') {
        let before = &cx.source[..lines.start as usize];
        let cut = if before.ends_with("\r\n") { 2 } else { u32::from(before.ends_with('\n')) };
        lines = Span::new(lines.start - cut, lines.end);
    }
    // Unsafe: the previous RUN's layer and cache key change.
    Some(Fix::unsafe_(
        "Merge into the previous RUN",
        vec![Edit::insert(end, format!(" && {text}")), Edit::delete(lines)],
    ))
}

#[derive(Default)]
pub struct CleanupInOwnLayer;

impl Rule for CleanupInOwnLayer {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let Some(script) = cx.script else { return };
        if script.commands.iter().any(|c| c.in_substitution) {
            return;
        }
        let cleaning: Vec<&ShCommand> = script.commands.iter().filter(|c| !neutral(c)).collect();
        if cleaning.is_empty() || !cleaning.iter().all(|c| cleanup(c)) {
            return;
        }
        let span = cleaning[0].span.cover(cleaning[cleaning.len() - 1].span);
        let fix = merge_into_previous(cx, instr, script, span);
        let d = cx.report(span, "This RUN only cleans up: in a layer of its own it saves no space");
        d.with_help("Clean up at the end of the RUN that installs (`… && rm -rf /var/lib/apt/lists/*`) and drop this RUN.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*",
        &["rm -rf /var/lib/apt/lists/*"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    // Right after FROM: no RUN to merge into.
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*",
        &["apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/*"],
    ),
    Case::fires("FROM centos:7\nRUN yum clean all", &["yum clean all"]),
    Case::fires("FROM python:3.12\nRUN set -eux; pip cache purge", &["pip cache purge"]),
    // `set` is dropped; the previous RUN's redirect stays with its command.
    Case::fires(
        "FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0 > /dev/null\nRUN set -eux; pip cache purge",
        &["pip cache purge"],
    )
    .fixed("FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0 > /dev/null && pip cache purge"),
    // Continuation lines and comments are kept (a comment above the cleanup stays).
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get update \\\n # tools\n && apt-get install -y curl\n# cleanup\nRUN apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\nCMD [\"curl\"]",
        &["apt-get clean \\\n && rm -rf /var/lib/apt/lists/*"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get update \\\n # tools\n && apt-get install -y curl && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\n# cleanup\nCMD [\"curl\"]"),
    Case::fires("# escape=`\nFROM debian:bookworm\nRUN apt-get install -y curl `\n    wget\nRUN apt-get clean", &["apt-get clean"])
        .fixed("# escape=`\nFROM debian:bookworm\nRUN apt-get install -y curl `\n    wget && apt-get clean"),
    Case::fires("FROM debian:bookworm\r\nRUN apt-get install -y curl\r\nRUN rm -rf /tmp/*\r\nCMD [\"curl\"]\r\n", &["rm -rf /tmp/*"])
        .fixed("FROM debian:bookworm\r\nRUN apt-get install -y curl && rm -rf /tmp/*\r\nCMD [\"curl\"]\r\n"),
    // Two cleanups in a row end up in the install's RUN.
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get install -y curl\nRUN apt-get clean\nRUN rm -rf /var/lib/apt/lists/*",
        &["apt-get clean", "rm -rf /var/lib/apt/lists/*"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*"),
    // `;` between the cleanup's commands, or a cache mount on the previous RUN: no fix.
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get install -y curl\nRUN apt-get clean; rm -rf /var/lib/apt/lists/*",
        &["apt-get clean; rm -rf /var/lib/apt/lists/*"],
    ),
    Case::fires(
        "FROM debian:bookworm\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\nRUN apt-get clean",
        &["apt-get clean"],
    ),
    // Triggers run in another build: no fix.
    Case::fires(
        "FROM debian:bookworm\nONBUILD RUN apt-get install -y curl\nONBUILD RUN apt-get clean",
        &["apt-get clean"],
    ),
    Case::quiet(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    ),
    Case::quiet("FROM debian:bookworm\nONBUILD RUN apt-get install -y curl && apt-get clean"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nONBUILD RUN echo apt-get clean"),
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
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl && apt-get clean"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/* /etc/foo"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN rm -rf /opt/cache"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN apt-get autoremove -y"),
    Case::quiet("FROM centos:7\nRUN yum install -y httpd; yum clean all"),
    Case::quiet("FROM node:20\nRUN npm ci && npm cache clean --force"),
    Case::quiet("FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.0 && pip cache purge"),
    Case::quiet("FROM node:20\nRUN npm ci\nRUN rm -rf node_modules"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN echo apt-get clean"),
    Case::quiet("FROM fedora:40\nRUN dnf clean all && dnf install -y git"),
    Case::quiet("FROM continuumio/miniconda3\nRUN conda install -y numpy && conda clean -afy"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/* $(cat /list)"),
];
