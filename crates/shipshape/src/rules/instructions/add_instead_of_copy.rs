//! DL3020: ADD used for plain files and folders.

use crate::analysis::context::{copy_parts, drop_quotes};
use crate::rules::prelude::*;

declare_rule! {
    AddInsteadOfCopy {
        code: "DL3020",
        name: "add-instead-of-copy",
        severity: Error,
        category: Maintainability,
        fix: Sometimes,
        origin: Hadolint,
        summary: "ADD of local files and folders, where COPY does the same without surprises",
        why: "ADD does more than copy: it downloads URLs and unpacks local archives. For \
              plain files that magic is only a surprise waiting to happen (a file that \
              happens to be a tarball gets extracted). COPY does just what it says, so keep \
              ADD for the cases that need it.",
        bad: "FROM python:3.12-slim\nADD requirements.txt /app/\n",
        good: "FROM python:3.12-slim\nCOPY requirements.txt /app/\n",
    }
}

#[derive(Default)]
pub struct AddInsteadOfCopy;

/// The file extensions hadolint accepts as archives that ADD unpacks.
const ARCHIVES: &[&str] = &[
    ".tar", ".gz", ".bz2", ".xz", ".tgz", ".tb2", ".tbz", ".tbz2", ".lz", ".lzma", ".tlz", ".txz", ".Z",
    ".tZ",
];

/// A source ADD is right for: a URL it downloads or an archive it unpacks.
fn needs_add(source: &str) -> bool {
    let s = drop_quotes(source);
    s.starts_with("http://") || s.starts_with("https://") || ARCHIVES.iter().any(|ext| s.ends_with(ext))
}

impl Rule for AddInsteadOfCopy {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Add {
            return;
        }
        let Some((sources, _)) = copy_parts(instr) else { return };
        if sources.iter().all(|s| needs_add(&s.text)) {
            return;
        }
        let keyword = instr.keyword_word.span;
        // Only when COPY does the very same: no source ADD would unpack or download, and no
        // flag COPY lacks.
        let add_only_flag = instr
            .flags
            .iter()
            .any(|f| matches!(f.name.text.as_str(), "checksum" | "keep-git-dir" | "unpack"));
        let fix = (!add_only_flag && !sources.iter().any(|s| needs_add(&s.text))).then(|| {
            let copy = crate::edits::same_case(keyword.text(cx.source), "COPY");
            Fix::safe("Replace `ADD` with `COPY`", vec![Edit::replace(keyword, copy)])
        });
        let d = cx.report(keyword, "Use `COPY` instead of `ADD` for files and folders");
        d.with_help(
            "ADD is only needed to download a URL or unpack a local archive; COPY copies plain files.",
        );
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nADD file /usr/src/app/", &["ADD"]).fixed("FROM debian:12\nCOPY file /usr/src/app/"),
    Case::fires("FROM debian:12\n# the app\nadd --chown=app \\\n    src/ /app/", &["add"])
        .fixed("FROM debian:12\n# the app\ncopy --chown=app \\\n    src/ /app/"),
    Case::fires("# escape=`\nFROM debian:12\nAdd [\"C:\\\\src\", `\n  \"C:\\\\app\\\\\"]", &["Add"])
        .fixed("# escape=`\nFROM debian:12\nCopy [\"C:\\\\src\", `\n  \"C:\\\\app\\\\\"]"),
    // An archive among the sources would be unpacked by ADD: no fix.
    Case::fires("FROM debian:12\nADD --checksum=sha256:0 config.yml /srv/", &["ADD"]),
    Case::fires("FROM debian:12\nADD file.zip /usr/src/app/", &["ADD"]),
    Case::fires("FROM debian:12\nadd \"file.zip\" /usr/src/app/", &["add"]),
    Case::fires("FROM debian:12\nADD --chown=app:app app.tar.gz config.yml /srv/", &["ADD"]),
    Case::fires("FROM debian:12\nADD [\"src\", \"/app/\"]", &["ADD"]),
    Case::quiet("FROM debian:12\nADD file.tar /usr/src/app/"),
    Case::quiet("FROM debian:12\nADD file.tar.gz file.tgz file.xz file.bz2 /usr/src/app/"),
    Case::quiet("FROM debian:12\nADD https://example.com/tool /usr/local/bin/tool"),
    Case::quiet("FROM debian:12\nADD \"http://example.com/a\" \"file.tgz\" /usr/src/app/"),
    Case::quiet("FROM debian:12\nCOPY file /usr/src/app/"),
    Case::quiet("FROM debian:12\nONBUILD ADD file /usr/src/app/"),
    // Archives in the JSON form, in single quotes and after flags.
    Case::quiet("FROM debian:12\nADD [\"app.tar.gz\", \"/opt/\"]"),
    Case::quiet("FROM debian:12\nADD --chown=app:app 'app.tar.xz' /srv/"),
    // URLs with a checksum, and a Git repository over HTTPS.
    Case::quiet(
        "FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.jar /app/",
    ),
    Case::quiet("FROM debian:12\nADD https://github.com/org/repo.git#v1.0 /src"),
];
