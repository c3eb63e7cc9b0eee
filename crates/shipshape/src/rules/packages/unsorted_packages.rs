//! SS4013: a multi-line package list that is not in alphabetical order.

use crate::analysis::packages::{installs, package_name};
use crate::syntax::text::line_of;
use crate::rules::prelude::*;

declare_rule! {
    UnsortedPackages {
        code: "SS4013",
        name: "unsorted-packages",
        severity: Style,
        category: Style,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "A package list written one per line is not sorted",
        why: "A long install written one package per line is easier to read, review and \
              maintain when the packages are in alphabetical order: a duplicate stands out, \
              and adding or removing one changes a single line of the diff. Comment lines \
              inside the list start a new group, sorted on its own. The fix sorts the package \
              words in place, each line keeping its indentation and continuation (not when \
              comments or flags are among the packages).",
        bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      git=1:2.39.5-0+deb12u1 \\\n      curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n",
        good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10+deb12u8 \\\n      git=1:2.39.5-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n",
    }
}

/// Flags of the package managers that take no value (a flag right before the packages that
/// is not one of these might take the first package word as its value).
const PLAIN_FLAGS: &[&str] = &[
    "-y",
    "-q",
    "-qq",
    "-yq",
    "-qy",
    "-yqq",
    "--yes",
    "--assume-yes",
    "--quiet",
    "--no-install-recommends",
    "--no-install-suggests",
    "--no-cache",
    "--update",
    "-U",
    "--upgrade",
    "--allow-downgrades",
    "--allow-unauthenticated",
    "--allow-change-held-packages",
    "--fix-missing",
    "--force-yes",
    "--nodocs",
    "--setopt=install_weak_deps=False",
    "--best",
    "--allowerasing",
    "--no-progress",
    "--no-recommends",
    "--non-interactive",
    "-n",
    "--refresh",
    "--noplugins",
    "--no-check-certificate",
];

/// Sorts the static package words of an install in place: each word's text moves to the
/// position of the word it sorts at, so every line keeps its indentation, continuation and
/// trailing text. `None` when a comment line or a flag is among the packages (a comment
/// may describe the package below it; a flag may apply to the words after it), when the
/// first package may be the value of a flag before it and would move, or when a word is
/// not written plainly on one line.
fn sort_packages(cx: &Cx, packages: &[&ShWord], words: &[&ShWord]) -> Option<Fix> {
    let (first, last) = (packages.first()?, packages.last()?);
    // A comment line anywhere in the instruction before the last package.
    let (from, to) = (cx.file.instructions[cx.index].span.start, last.span.end);
    if cx.file.comments.iter().any(|c| c.in_continuation && c.span.start > from && c.span.start < to) {
        return None;
    }
    if words.iter().any(|w| w.span.text(cx.source) != w.raw || w.raw.contains('\n')) {
        return None;
    }
    let script = cx.script?;
    let command = script.commands.iter().find(|c| c.args().iter().any(|a| a.span == first.span))?;
    let args = command.args();
    let at = args.iter().position(|a| a.span == first.span)?;
    let end = args.iter().position(|a| a.span == last.span)?;
    if args[at..=end].iter().any(|a| a.text().starts_with('-')) {
        return None;
    }
    let before = at.checked_sub(1).map(|i| args[i].text()).unwrap_or("");
    let plain_before = !before.starts_with('-') || before.contains('=') || PLAIN_FLAGS.contains(&before);
    let mut sorted: Vec<&ShWord> = words.to_vec();
    crate::sort::by_key(&mut sorted, |w| package_name(w.text()).to_ascii_lowercase());
    if !plain_before && sorted[0].span != words[0].span {
        return None;
    }
    let edits: Vec<Edit> = words
        .iter()
        .zip(&sorted)
        .filter(|(w, s)| w.span != s.span)
        .map(|(w, s)| Edit::replace(w.span, s.span.text(cx.source)))
        .collect();
    Some(Fix::safe("Sort the packages", edits))
}

#[derive(Default)]
pub struct UnsortedPackages;

impl Rule for UnsortedPackages {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        for install in installs(script, cx.calls()) {
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
                let (ka, kb) = (
                    package_name(a.text()).to_ascii_lowercase(),
                    package_name(b.text()).to_ascii_lowercase(),
                );
                if kb < ka {
                    out_of_order = Some((b, a));
                    break;
                }
            }
            if let Some((word, before)) = out_of_order {
                let name = package_name(word.text()).to_string();
                let prev = package_name(before.text()).to_string();
                let fix = sort_packages(cx, &install.packages, &words);
                let d = cx.report(
                    word.span,
                    format!("`{name}` comes after `{prev}`: the package list is not sorted"),
                );
                d.with_help("Sort the packages alphabetically, one per line.");
                if let Some(fix) = fix {
                    d.with_fix(fix);
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y \\\n    git \\\n    gcc \\\n    matplotlib \\\n    pillow",
        &["gcc"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get update && apt-get install -y \\\n    gcc \\\n    git \\\n    matplotlib \\\n    pillow"),
    Case::fires("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    bash \\\n    zip", &["bash"])
        .fixed("FROM alpine:3.20\nRUN apk add --no-cache \\\n    bash \\\n    curl \\\n    zip"),
    Case::fires("FROM fedora:40\nRUN dnf install -y \\\n    python3 \\\n    gcc=1", &["gcc=1"])
        .fixed("FROM fedora:40\nRUN dnf install -y \\\n    gcc=1 \\\n    python3"),
    // A comment above, the first package on the install line, text after the last one.
    Case::fires(
        "FROM debian:bookworm\n# tools\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends wget=1.21 \\\n\tcurl \\\n    ca-certificates && rm -rf /var/lib/apt/lists/*",
        &["curl"],
    )
    .fixed("FROM debian:bookworm\n# tools\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates \\\n\tcurl \\\n    wget=1.21 && rm -rf /var/lib/apt/lists/*"),
    Case::fires("# escape=`\nFROM debian:bookworm\nRUN apt-get install -y `\n    wget `\n    curl", &["curl"])
        .fixed("# escape=`\nFROM debian:bookworm\nRUN apt-get install -y `\n    curl `\n    wget"),
    // A variable keeps its place; the others are sorted around it.
    Case::fires("FROM alpine:3.20\nRUN apk add \\\n    zip \\\n    $EXTRA \\\n    curl", &["curl"])
        .fixed("FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    $EXTRA \\\n    zip"),
    // Two installs in one RUN, and a trigger.
    Case::fires(
        "FROM debian:bookworm\nRUN apt-get install -y \\\n    vim \\\n    git \\\n && apt-get install -y \\\n    wget \\\n    curl",
        &["git", "curl"],
    )
    .fixed("FROM debian:bookworm\nRUN apt-get install -y \\\n    git \\\n    vim \\\n && apt-get install -y \\\n    curl \\\n    wget"),
    Case::fires("FROM debian:bookworm\nONBUILD RUN apt-get install -y \\\n    wget \\\n    curl", &["curl"])
        .fixed("FROM debian:bookworm\nONBUILD RUN apt-get install -y \\\n    curl \\\n    wget"),
    // A comment line in the list (it may describe the package below it): no fix.
    Case::fires("FROM debian:bookworm\nRUN apt-get install -y \\\n    # build\n    make \\\n    gcc", &["gcc"]),
    Case::fires("FROM debian:bookworm\nRUN apt-get install -y \\\n    zip \\\n    # the client\n    wget \\\n    curl", &["curl"]),
    // In a heredoc.
    Case::fires("FROM debian:bookworm\nRUN <<EOF\napt-get install -y \\\n    wget \\\n    curl\nEOF", &["curl"])
        .fixed("FROM debian:bookworm\nRUN <<EOF\napt-get install -y \\\n    curl \\\n    wget\nEOF"),
    // A flag among the packages: no fix.
    Case::fires("FROM debian:bookworm\nRUN apt-get install -y \\\n    wget \\\n    -t bookworm-backports \\\n    curl", &["curl"]),
    // A flag before the list that may take the first word as its value: no fix.
    Case::fires("FROM fedora:40\nRUN dnf install --best \\\n    zsh \\\n    bash", &["bash"]),
    // `--downloaddir` takes the next word: `zsh` is a directory, not a package.
    Case::quiet("FROM fedora:40\nRUN dnf install --downloaddir \\\n    zsh \\\n    bash"),
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
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    curl \\\n    wget"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    Curl \\\n    git"),
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache \\\n    bash \\\n    $EXTRA \\\n    curl"),
    Case::quiet("FROM alpine:3.20\nRUN apk add --virtual .build-deps \\\n    gcc \\\n    musl-dev"),
    Case::quiet("FROM fedora:40\nRUN dnf install -y \\\n    gcc \\\n    python3"),
    Case::quiet("FROM opensuse/leap:15\nRUN zypper install -y \\\n    curl \\\n    vim"),
    Case::quiet("FROM debian:bookworm\nRUN echo \\\n    wget \\\n    curl"),
    Case::quiet("FROM debian:bookworm\nRUN pip install \\\n    requests \\\n    flask"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y wget\nRUN apt-get install -y curl"),
    Case::quiet("# escape=`\nFROM debian:bookworm\nRUN apt-get install -y `\n    curl `\n    wget"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    libssl-dev \\\n    libssl3"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get remove -y \\\n    wget \\\n    curl"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    curl=7.88 \\\n    curl-doc"),
    Case::quiet("FROM debian:bookworm\nONBUILD RUN apt-get install -y \\\n    curl \\\n    wget"),
    Case::quiet("FROM debian:bookworm\nRUN <<EOF\napt-get install -y \\\n    curl \\\n    wget\nEOF"),
    Case::quiet("FROM debian:bookworm\nRUN apt-get install -y \\\n    curl \\\n    # more\n    apt-transport-https"),
    Case::quiet("FROM alpine:3.20\nRUN apk add \\\n    --no-cache \\\n    bash \\\n    zip"),
    Case::quiet("FROM fedora:40\nRUN microdnf install -y \\\n    findutils \\\n    tar"),
];
