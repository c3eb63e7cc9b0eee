//! DL3021: COPY of several sources to a destination without a trailing slash.

use crate::analysis::context::{copy_parts, drop_quotes};
use crate::rules::prelude::*;

declare_rule! {
    CopyDestWithoutSlash {
        code: "DL3021",
        name: "copy-dest-without-slash",
        severity: Error,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        summary: "COPY with more than two arguments needs a destination ending in `/`",
        why: "When COPY has several sources, the destination must be a directory, and the \
              build fails unless it ends with `/`. The trailing slash also tells the reader \
              that the files land inside the directory rather than replacing a file. The fix \
              (unsafe) adds the slash.",
        bad: "FROM node:20-bookworm-slim\nCOPY package.json package-lock.json /app\n",
        good: "FROM node:20-bookworm-slim\nCOPY package.json package-lock.json /app/\n",
    }
}

#[derive(Default)]
pub struct CopyDestWithoutSlash;

impl Rule for CopyDestWithoutSlash {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Copy {
            return;
        }
        let Some((sources, dest)) = copy_parts(instr) else { return };
        if sources.len() < 2 || drop_quotes(&dest.text).ends_with('/') {
            return;
        }
        // The slash goes inside the quotes of a quoted destination. A Windows path ending in
        // `\` is a directory already: no fix.
        let written = dest.span.text(cx.source);
        // Nor when the destination is no path: a flag or a broken JSON array left behind.
        let broken = dest.text.starts_with('-') || sources.iter().any(|s| s.text.starts_with('['));
        let fix = (!broken && !dest.text.ends_with(['\\', '`'])).then(|| {
            let at = if written.len() >= 2 && written.ends_with(['"', '\'']) {
                dest.span.end - 1
            } else {
                dest.span.end
            };
            // Unsafe: BuildKit copies into an existing directory either way, but without the
            // slash a destination that does not exist yet became a file (the last source).
            Fix::unsafe_("Add a trailing `/` to the destination", vec![Edit::insert(at, "/")])
        });
        let d = cx.report(
            dest.span,
            format!("COPY of {} sources needs a directory destination ending in `/`", sources.len()),
        );
        d.with_help(format!("Write the destination as `{}/`.", drop_quotes(&dest.text)));
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nCOPY package.json yarn.lock my_app", &["my_app"])
        .fixed("FROM node:20\nCOPY package.json yarn.lock my_app/"),
    Case::fires("FROM node:20\nCOPY --from=build a b \"/dest\"", &["\"/dest\""])
        .fixed("FROM node:20\nCOPY --from=build a b \"/dest/\""),
    Case::fires("FROM node:20\nCOPY [\"a\", \"b\", \"/dest\"]", &["\"/dest\""])
        .fixed("FROM node:20\nCOPY [\"a\", \"b\", \"/dest/\"]"),
    // Over continuation lines with a comment, a variable, single quotes, CRLF.
    Case::fires(
        "FROM node:20\n# the manifests\nCOPY package.json \\\n    # and the lock\n    yarn.lock \\\n    $APP_DIR",
        &["$APP_DIR"],
    )
    .fixed("FROM node:20\n# the manifests\nCOPY package.json \\\n    # and the lock\n    yarn.lock \\\n    $APP_DIR/"),
    Case::fires("FROM node:20\r\ncopy a b '/srv/app'\r\n", &["'/srv/app'"])
        .fixed("FROM node:20\r\ncopy a b '/srv/app/'\r\n"),
    Case::fires("# escape=`\nFROM node:20\nCOPY a `\n  b /dest", &["/dest"]).fixed("# escape=`\nFROM node:20\nCOPY a `\n  b /dest/"),
    // A Windows directory with a trailing backslash: no fix.
    Case::fires("# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a b C:\\app\\", &["C:\\app\\"]),
    // A flag after a JSON array makes it shell words: no fix for that destination.
    Case::fires("FROM node:20\nCOPY [\"a\", \"b\", \"./\"] --from=deps", &["--from=deps"]),
    Case::quiet("FROM node:20\nCOPY package.json yarn.lock my_app/"),
    Case::quiet("FROM node:20\nCOPY package.json my_app"),
    Case::quiet("FROM node:20\nCOPY a b \"/dest/\""),
    Case::quiet("FROM node:20\nCOPY [\"a\", \"b\", \"/dest/\"]"),
    Case::quiet("FROM node:20\nADD a b /dest"),
    // A flag is not a source.
    Case::quiet("FROM node:20\nCOPY --chown=app:app package.json /app"),
    Case::quiet("FROM node:20\nCOPY --from=build a b /dest/\nCOPY [ \"a\" , \"b\" , \"/dest/\" ]"),
    // Near misses: the fixed forms, one source over continuation lines, under the backtick
    // escape, with CRLF.
    Case::quiet("FROM node:20\n# the manifests\nCOPY package.json \\\n    # and the lock\n    yarn.lock \\\n    $APP_DIR/"),
    Case::quiet("FROM node:20\n# the manifest\nCOPY package.json \\\n    # and nothing else\n    /app"),
    Case::quiet("# escape=`\nFROM node:20\nCOPY a `\n  b /dest/"),
    Case::quiet("# escape=`\nFROM node:20\nCOPY a `\n  /dest"),
    Case::quiet("FROM node:20\r\ncopy a b '/srv/app/'\r\n"),
    Case::quiet("FROM node:20\nCOPY <<EOF /etc/motd\nhello\nEOF"),
    Case::quiet("FROM node:20\nCOPY . ."),
    Case::quiet("FROM node:20\nRUN cp a b /dest"),
    Case::quiet("FROM node:20\nCOPY --from=deps [\"a\", \"b\", \"./\"]"),
    Case::quiet("FROM node:20\nCOPY --chmod=644 \\\n    a b \\\n    /etc/app/"),
];
