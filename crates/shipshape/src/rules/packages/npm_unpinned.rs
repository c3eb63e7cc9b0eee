//! DL3016: `npm install` of a package without a version.

use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    NpmUnpinned {
        code: "DL3016",
        name: "npm-unpinned",
        severity: Warning,
        category: Reproducibility,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Pin versions in npm install",
        why: "`npm install express` resolves to whatever release is newest on the registry \
              when the image is built, so two builds of one Dockerfile can ship different \
              code. Name a version, tag or commit (`express@4.19.2`), or install from a \
              lock file with a bare `npm install` or `npm ci`.",
        bad: "FROM node:20-slim\nRUN npm install -g typescript\n",
        good: "FROM node:20-slim\nRUN npm install -g typescript@5.4.5\n",
    }
}

#[derive(Default)]
pub struct NpmUnpinned;

fn pinned(package: &str) -> bool {
    if ["git://", "git+ssh://", "git+http://", "git+https://"].iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"].iter().any(|s| package.ends_with(s))
        || ["/", "./", "../", "~/"].iter().any(|p| package.starts_with(p))
    {
        return true;
    }
    // `@scope/name@version`: the scope's `@` does not count (hadolint skips the scope up to
    // the first character that sorts before `/`).
    let unscoped =
        if package.starts_with('@') { package.trim_start_matches(|c: char| c > '/') } else { package };
    unscoped.contains('@')
}

impl Rule for NpmUnpinned {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let cmds = pkg::commands(cx.script, instr);
        let mut unpinned = Vec::new();
        for cmd in cmds.iter().filter(|c| pkg::is(c, "npm") && pkg::has_arg(c, &["install"])) {
            let positionals = pkg::positionals(cmd, &["loglevel", "registry"]);
            if positionals.first().is_none_or(|w| pkg::text(w) != "install") {
                continue; // `npm run install`, `npm exec …`
            }
            for w in pkg::after_subcommand(&positionals, "install") {
                for (t, from) in pkg::values(w, cx.analysis.scope(cx.index)) {
                    if !pinned(&t) {
                        unpinned.push((w.span, t.into_owned(), from));
                    }
                }
            }
        }
        for (span, name, from) in unpinned {
            let from = from.map(|r| format!(" ({})", cx.provenance(&r))).unwrap_or_default();
            cx.report(span, format!("Pin the version of `{name}`{from}: `npm install {name}@<version>`"))
                .with_help(
                    "Add `@<version>` (or a git `#<commit>`), or install from the lock file with `npm ci`.",
                );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN npm install express", &["express"]),
    Case::fires("FROM node\nRUN npm install -g express sax@0.1.1 @myorg/pkg", &["express", "@myorg/pkg"]),
    Case::fires(
        "FROM node\nRUN npm install git+https://github.com/npm/npm.git",
        &["git+https://github.com/npm/npm.git"],
    ),
    Case::quiet("FROM node\nRUN npm install"),
    Case::quiet("FROM node\nRUN npm install --progress=false && npm ci"),
    Case::quiet("FROM node\nRUN npm install express@4.1.1 @myorg/pkg@\">=0.1.0\" --global"),
    Case::quiet("FROM node\nRUN npm install ./folder ../other /abs ~/home pkg-1.2.3.tgz"),
    Case::quiet("FROM node\nRUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27"),
    Case::quiet("FROM node\nRUN npm install --loglevel verbose sax@0.1.1"),
    Case::quiet("FROM node\nRUN npm run --crazy install && npm i express"),
    // Variables are judged by the value they hold here.
    Case::fires("FROM node:20\nARG TOOL=typescript\nRUN npm install -g $TOOL", &["$TOOL"]),
    Case::quiet("FROM node:20\nARG TOOL=typescript@5.4.5\nRUN npm install -g ${TOOL}"),
];
