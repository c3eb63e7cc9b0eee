//! SS4013: a multi-line package list that is not in alphabetical order.

use super::practice::{installs, line_of, package_name};
use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "SS4013",
    name: "unsorted-packages",
    aliases: &[],
    severity: Some(Severity::Style),
    category: Category::Style,
    fix: FixAvailability::None,
    origin: Origin::Shipshape,
    onbuild: true,
    summary: "A package list written one per line is not sorted",
    docs: Docs {
        why: "A long install written one package per line is easier to read, review and \
              maintain when the packages are in alphabetical order: a duplicate stands out, \
              and adding or removing one changes a single line of the diff. Comment lines \
              inside the list start a new group, sorted on its own.",
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      git=1:2.39.5-0+deb12u1 \\\n      curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10+deb12u8 \\\n      git=1:2.39.5-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        for install in installs(script) {
            let words: Vec<&ShWord> =
                install.packages.iter().copied().filter(|w| !w.has_expansion()).collect();
            if words.len() < 2 {
                continue;
            }
            // One package per line: every package on a line of its own.
            let lines: Vec<usize> = words.iter().map(|w| line_of(cx.source, w.span.start)).collect();
            if lines.windows(2).any(|l| l[0] == l[1]) {
                continue;
            }
            let mut out_of_order = None;
            for pair in words.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                // A comment line between two packages starts a new group.
                let grouped =
                    cx.file.comments.iter().any(|c| {
                        c.in_continuation && c.span.start > a.span.end && c.span.start < b.span.start
                    });
                if grouped {
                    continue;
                }
                let (ka, kb) = (package_name(a.text()).to_lowercase(), package_name(b.text()).to_lowercase());
                if kb < ka {
                    out_of_order = Some((b, a));
                    break;
                }
            }
            if let Some((word, before)) = out_of_order {
                let name = package_name(word.text()).to_string();
                let prev = package_name(before.text()).to_string();
                cx.report(
                    word.span,
                    format!("`{name}` comes after `{prev}`: the package list is not sorted"),
                )
                .with_help("Sort the packages alphabetically, one per line.");
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y \\\n    git \\\n    gcc \\\n    matplotlib \\\n    pillow",
        &["gcc"],
    ),
    Case::fires("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    bash \\\n    zip", &["bash"]),
    Case::fires("FROM fedora:40\nRUN dnf install -y \\\n    python3 \\\n    gcc=1", &["gcc=1"]),
    Case::quiet("FROM debian:bookworm\nRUN apt-get update && apt-get install -y \\\n    curl \\\n    gcc \\\n    git"),
    // Not one per line.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y git curl \\\n    wget"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y git curl"),
    // Comment lines separate groups.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    # build\n    gcc \\\n    make \\\n    # runtime\n    curl \\\n    libpq5"),
    // Sorted by package name, not by the word with its version.
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl=8.9.1-r0 \\\n    curl-dev=8.9.1-r0"),
    // Two installs, each sorted on its own.
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    git \\\n    vim \\\n && apt-get install -y --no-install-recommends \\\n    curl \\\n    wget"),
    // Not an install.
    Case::quiet("FROM debian:bookworm\nRUN apt-get purge -y \\\n    zlib1g-dev \\\n    gcc"),
];
