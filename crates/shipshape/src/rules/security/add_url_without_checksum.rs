//! SS4015: ADD of a remote URL without `--checksum`.

use crate::analysis::startup::item_span;
use crate::analysis::stages::stage_at;
use crate::rules::prelude::*;

declare_rule! {
    AddUrlWithoutChecksum {
        code: "SS4015",
        name: "add-url-without-checksum",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        summary: "ADD downloads a URL without verifying it with `--checksum`",
        why: "ADD can download files from a URL into the image, but nothing checks what it \
              gets: a compromised server, a man in the middle or a release re-published under \
              the same name all end up in the image unnoticed, and the build is not \
              reproducible. `ADD --checksum=sha256:…` (Dockerfile syntax 1.6 and later) fails \
              the build when the download does not match. A download verified by a later RUN \
              of the stage (`sha256sum -c`, `gpg --verify`) is not reported; git URLs are left \
              alone.",
        bad: "FROM alpine:3.20\nADD https://example.com/releases/tool-1.2.3.tar.gz /tmp/tool.tar.gz\n",
        good: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/releases/tool-1.2.3.tar.gz /tmp/tool.tar.gz\n",
    }
}

fn remote(url: &str) -> bool {
    let u = url.trim_matches(|c| c == '"' || c == '\'').to_ascii_lowercase();
    (u.starts_with("http://") || u.starts_with("https://"))
        && !u.ends_with(".git")
        && !u.contains(".git#")
        && !u.contains(".git@")
}

/// Programs that verify a download.
const VERIFIERS: &[&str] =
    &["sha256sum", "sha512sum", "sha1sum", "md5sum", "shasum", "gpgv", "cosign", "minisign"];

fn verifies(instr: &Instruction) -> bool {
    if instr.keyword != Keyword::Run {
        return false;
    }
    let text = &instr.logical.text;
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || matches!(c, ';' | '&' | '|' | '(' | ')')).collect();
    words.iter().any(|w| VERIFIERS.contains(&w.rsplit('/').next().unwrap_or(w)))
        || (words.contains(&"gpg") && text.contains("--verify"))
}

#[derive(Default)]
pub struct AddUrlWithoutChecksum {
    /// (instruction index, stage, URL span).
    adds: Vec<(usize, usize, Span)>,
}

impl Rule for AddUrlWithoutChecksum {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Add || instr.flag("checksum").is_some() {
            return;
        }
        let Args::List { items, json } = &instr.args else { return };
        let Some((_, sources)) = items.split_last() else { return };
        let Some(stage) = stage_at(cx.file, cx.index) else { return };
        for s in sources.iter().filter(|s| remote(&s.text)) {
            let span = if *json { item_span(s) } else { s.span };
            self.adds.push((cx.index, stage, span));
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        for &(index, stage, span) in &self.adds {
            let end = cx.file.stages[stage].instructions.end;
            if cx.file.instructions[index + 1..end].iter().any(verifies) {
                continue;
            }
            cx.report(span, "`ADD` downloads this URL without `--checksum`, so the file is never verified")
                .with_help("Add `--checksum=sha256:<digest>` to the ADD (Dockerfile syntax 1.6+).");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nADD https://example.com/a.tar.gz /tmp/", &["https://example.com/a.tar.gz"]),
    Case::fires(
        "FROM alpine:3.20\nADD http://x.org/a http://x.org/b /opt/\nRUN sha256sum -c /opt/a.sha256\nFROM alpine:3.20\nADD https://x.org/c /c",
        &["https://x.org/c"],
    ),
    Case::fires("FROM alpine:3.20\nADD [\"https://example.com/${V}/a.zip\", \"/tmp/\"]", &["https://example.com/${V}/a.zip"]),
    Case::quiet("FROM alpine:3.20\nADD --checksum=sha256:abc https://example.com/a.tar.gz /tmp/"),
    Case::quiet("FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src"),
    Case::quiet("FROM alpine:3.20\nADD app.tar.gz /app/"),
    Case::quiet("FROM alpine:3.20\nADD https://example.com/a.tar.gz /tmp/a.tar.gz\nRUN echo \"$SHA  /tmp/a.tar.gz\" | sha256sum -c -"),
    // Verified with gpg by a later RUN of the stage.
    Case::quiet("FROM alpine:3.20\nADD https://example.com/a.tar.gz /tmp/\nADD https://example.com/a.tar.gz.asc /tmp/\nRUN gpg --batch --verify /tmp/a.tar.gz.asc /tmp/a.tar.gz"),
    // Not a URL, not ADD, a URL inside a heredoc file.
    Case::quiet("FROM alpine:3.20\nADD http-server.tar.gz /srv/"),
    Case::quiet("FROM alpine:3.20\nRUN curl -fsSLO https://example.com/a.tar.gz"),
    Case::quiet("FROM alpine:3.20\nADD <<EOF /etc/app.conf\nurl=https://example.com/a\nEOF"),
];
