//! DL3016: `npm install` of a package without a version.

use super::unpinned::{self, Unpinned};
use crate::analysis::commands::Manager;
use crate::rules::prelude::*;


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
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        unpinned::check(cx, &SPEC, None);
    }
}

static SPEC: Unpinned = Unpinned {
    manager: Manager::Npm,
    program: |p| p == "npm",
    verbs: &["install"],
    pinned,
    skip: unpinned::no_skip,
    modules: false,
    example: "npm install {}@<version>",
    help: "Add `@<version>` (or a git `#<commit>`), or install from the lock file with `npm ci`.",
};

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
