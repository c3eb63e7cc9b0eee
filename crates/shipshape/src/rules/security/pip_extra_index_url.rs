//! SS5011: pip `--extra-index-url`, open to dependency confusion.

use crate::shell::queries::{program, unquote};
use crate::rules::prelude::*;

declare_rule! {
    PipExtraIndexUrl {
        code: "SS5011",
        name: "pip-extra-index-url",
        severity: Info,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Avoid pip `--extra-index-url`: it invites dependency confusion",
        why: "With `--extra-index-url`, pip looks up every package on PyPI and on the extra \
              index and takes the highest version from either. Anyone can publish a package \
              on PyPI with the name of a private one and a higher version, and the build \
              installs it: this is dependency confusion. Use a single `--index-url` that \
              proxies PyPI (or pin with `--require-hashes`). Semgrep's registry calls this \
              check dockerfile-pip-extra-index-url.",
        bad: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --extra-index-url https://pypi.example.com/simple acme-tools==1.4.0\n",
        good: "FROM python:3.12-slim\nRUN pip install --no-cache-dir --index-url https://pypi.example.com/simple acme-tools==1.4.0\n",
    }
}

#[derive(Default)]
pub struct PipExtraIndexUrl;

impl Rule for PipExtraIndexUrl {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let mut found: Vec<Span> = Vec::new();
        match (&instr.keyword, &instr.args) {
            (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                found.extend(
                    pairs
                        .iter()
                        .filter(|p| p.key.text == "PIP_EXTRA_INDEX_URL" && !empty(&p.value.text))
                        .map(|p| p.span),
                );
            }
            (Keyword::Arg, Args::ArgDecls(decls)) => found.extend(
                decls
                    .iter()
                    .filter(|d| {
                        d.name.text == "PIP_EXTRA_INDEX_URL"
                            && d.default.as_ref().is_some_and(|v| !empty(&v.text))
                    })
                    .map(|d| d.span),
            ),
            _ => {}
        }
        if let Some(script) = cx.script {
            for cmd in &script.commands {
                found.extend(
                    cmd.assignments
                        .iter()
                        .filter(|a| {
                            a.name == "PIP_EXTRA_INDEX_URL"
                                && a.value.as_ref().is_some_and(|v| !empty(v.text()))
                        })
                        .map(|a| a.span),
                );
                let Some((name, args)) = program(cmd) else { continue };
                if !(name.starts_with("pip") || name.starts_with("python")) {
                    continue;
                }
                for (i, w) in args.iter().enumerate() {
                    let t = w.text();
                    let set_key = t.ends_with(".extra-index-url") && i > 0 && args[i - 1].text() == "set";
                    if t == "--extra-index-url" || t.starts_with("--extra-index-url=") || set_key {
                        found.push(w.span);
                    }
                }
            }
        }
        for span in found {
            cx.report(
                span,
                "An extra package index lets a public package shadow a private one (dependency confusion)",
            )
            .with_help("Use one `--index-url` that proxies PyPI, or install with `--require-hashes`.");
        }
    }
}

/// Whether a value sets no index at all (`PIP_EXTRA_INDEX_URL=` clears an inherited one).
fn empty(value: &str) -> bool {
    unquote(value).0.trim().is_empty()
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM python:3.12\nRUN pip install --extra-index-url https://download.pytorch.org/whl/cpu torch==2.3.0",
        &["--extra-index-url"],
    ),
    Case::fires(
        "FROM python:3.12\nRUN python3 -m pip install --extra-index-url=https://pypi.example.com/simple app==1 && pip config set global.extra-index-url https://x/simple",
        &["--extra-index-url=https://pypi.example.com/simple", "global.extra-index-url"],
    ),
    Case::fires(
        "FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=https://pypi.example.com/simple\nRUN PIP_EXTRA_INDEX_URL=https://x/simple pip install app==1",
        &["PIP_EXTRA_INDEX_URL=https://pypi.example.com/simple", "PIP_EXTRA_INDEX_URL=https://x/simple"],
    ),
    Case::quiet("FROM python:3.12\nRUN pip install --index-url https://pypi.example.com/simple app==1"),
    Case::quiet("FROM python:3.12\nRUN echo --extra-index-url https://x > requirements.txt"),
    Case::quiet("FROM python:3.12\nARG PIP_EXTRA_INDEX_URL\nRUN uv pip install --extra-index-url https://x/simple app==1"),
    Case::quiet("FROM python:3.12\nENV PIP_INDEX_URL=https://pypi.example.com/simple"),
    Case::quiet("FROM python:3.12\nRUN pip config set global.index-url https://pypi.example.com/simple"),
    Case::quiet("FROM python:3.12\nRUN pip install --no-index --find-links=/wheels app==1"),
    // An empty value clears an inherited extra index.
    Case::quiet("FROM python:3.12\nRUN PIP_EXTRA_INDEX_URL= pip install --index-url https://pypi.example.com/simple app==1"),
    Case::quiet("FROM python:3.12\nENV PIP_EXTRA_INDEX_URL=\"\""),
];
