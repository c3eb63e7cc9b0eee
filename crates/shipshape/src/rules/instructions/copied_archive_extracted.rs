//! DL3010: a local archive is COPYed and then extracted by a later RUN.

use crate::analysis::context::drop_quotes;
use crate::rules::prelude::*;

declare_rule! {
    CopiedArchiveExtracted {
        code: "DL3010",
        name: "copied-archive-extracted",
        severity: Info,
        category: Size,
        fix: None,
        origin: Hadolint,
        summary: "Use ADD to extract a local archive into the image",
        why: "COPYing an archive and extracting it in a later RUN stores the archive in one \
              layer and its contents in another, so the image carries both. ADD unpacks a local \
              tar archive (plain, gzip, bzip2 or xz) straight into the destination, in a single \
              layer.",
        bad: "FROM debian:bookworm\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n",
        good: "FROM debian:bookworm\nADD app.tar.gz /opt/\n",
    }
}

/// Endings of the archive formats hadolint recognises.
const ARCHIVE_ENDINGS: &[&str] = &[
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz",
    ".txz", ".xz",
];

/// Programs that extract or decompress their file arguments.
const DECOMPRESSORS: &[&str] =
    &["unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"];

fn basename(path: &str) -> &str {
    let p = drop_quotes(path);
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn is_archive(path: &str) -> bool {
    let p = drop_quotes(path);
    ARCHIVE_ENDINGS.iter().any(|e| p.ends_with(e))
}

/// `tar` with `-x…`/`--extract`/`--get`, or a decompressor.
fn extracts(cmd: &ShCommand) -> bool {
    if cmd.is("tar") {
        return cmd.args().iter().any(|w| {
            let t = w.text();
            matches!(t, "--extract" | "--get")
                || (t.starts_with('-') && !t.starts_with("--") && t.contains('x'))
        });
    }
    cmd.is_any(DECOMPRESSORS)
}

/// The archives COPYed in the current stage: (base name, span of the word, reported).
#[derive(Default)]
pub struct CopiedArchiveExtracted {
    archives: Vec<(String, Span, bool)>,
}

impl Rule for CopiedArchiveExtracted {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match instr.keyword {
            Keyword::From => self.archives.clear(),
            Keyword::Copy => {
                if instr.flag("from").is_some() {
                    return;
                }
                let Args::List { items, .. } = &instr.args else { return };
                let Some((target, sources)) = items.split_last() else { return };
                if sources.is_empty() {
                    return;
                }
                // Copied to an archive name: that name is what a RUN would extract.
                if is_archive(&target.text) {
                    self.archives.push((basename(&target.text).to_string(), target.span, false));
                } else {
                    for s in sources.iter().filter(|s| is_archive(&s.text)) {
                        self.archives.push((basename(&s.text).to_string(), s.span, false));
                    }
                }
            }
            Keyword::Run => {
                let Some(script) = cx.script else { return };
                let mut hits = Vec::new();
                for (name, span, reported) in self.archives.iter_mut().filter(|a| !a.2) {
                    let extracted = script.commands.iter().filter(|c| extracts(c)).any(|c| {
                        c.args()
                            .iter()
                            .filter(|w| !w.text().starts_with('-'))
                            .any(|w| basename(w.text()) == name)
                    });
                    if extracted {
                        *reported = true;
                        hits.push((*span, name.clone()));
                    }
                }
                for (span, name) in hits {
                    cx.report(span, format!("`{name}` is extracted by a later RUN: use `ADD` to extract it"))
                        .with_help("Replace the COPY and the extraction with `ADD <archive> <dest>/`.");
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires(
        "FROM debian\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar",
        &["packaged-app.tar"],
    ),
    Case::fires(
        "FROM debian\nCOPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar",
        &["packaged-app.tar"],
    ),
    Case::fires("FROM debian\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar", &["/foo.tar"]),
    Case::fires("FROM debian\nCOPY a.tar.gz b.txt /tmp/\nRUN tar -zxf /tmp/a.tar.gz -C /opt", &["a.tar.gz"]),
    Case::fires("FROM debian\nCOPY data.gz /tmp/\nRUN gunzip /tmp/data.gz", &["data.gz"]),
    Case::quiet("FROM debian\nCOPY packaged-app.tar /usr/src/app\nFROM debian:11 AS newstage"),
    Case::quiet("FROM debian\nCOPY package.json /usr/src/app"),
    Case::quiet("FROM debian\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar"),
    Case::quiet("FROM debian\nCOPY app.tar /tmp/\nRUN tar -cf /tmp/other.tar /tmp/app.tar"),
    Case::quiet("FROM debian\nCOPY app.tar /tmp/\nFROM debian\nRUN tar -xf /tmp/app.tar"),
    Case::quiet("FROM debian\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip"),
    // The archive is listed, not extracted; another archive is extracted.
    Case::quiet("FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -tzf /tmp/app.tar.gz"),
    Case::quiet("FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/other.tar.gz"),
    // ADD already unpacks it.
    Case::quiet("FROM debian\nADD app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz"),
    // A checksum file named after the archive is not an archive.
    Case::quiet(
        "FROM debian\nCOPY app.tar.gz.sha256 /tmp/\nRUN sha256sum -c /tmp/app.tar.gz.sha256 && tar -xzf /tmp/app.tar.gz",
    ),
];
