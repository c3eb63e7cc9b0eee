//! DL3046: `useradd` with a high UID but without `-l`.

use crate::rules::prelude::*;

declare_rule! {
    UseraddHighUidWithoutL {
        code: "DL3046",
        name: "useradd-high-uid-without-l",
        severity: Warning,
        category: Size,
        fix: Always,
        origin: Hadolint,
        onbuild: true,
        summary: "`useradd` with a high UID needs `-l` (`--no-log-init`)",
        why: "`useradd` records every user in `/var/log/lastlog` and `/var/log/faillog`, sparse \
              files indexed by UID. Docker's layer format does not keep files sparse, so a UID \
              in the millions writes gigabytes of zeros into the image. `-l` \
              (`--no-log-init`) skips those log entries. The fix adds `-l`.",
        bad: "FROM debian:bookworm\nRUN useradd -u 1000000 app\n",
        good: "FROM debian:bookworm\nRUN useradd -l -u 1000000 app\n",
    }
}

#[derive(Default)]
pub struct UseraddHighUidWithoutL;

/// The UID given with `-u`: the word after the flag (or the rest of `-u123456`).
fn uid_value(cmd: &ShCommand) -> Option<(&ShWord, String)> {
    let args = cmd.args();
    for (i, w) in args.iter().enumerate() {
        let t = w.text();
        if t == "--" {
            break;
        }
        if t.starts_with("--") || !t.starts_with('-') {
            continue;
        }
        let Some(pos) = t.find('u') else { continue };
        let attached = &t[pos + 1..];
        if !attached.is_empty() && attached.bytes().all(|b| b.is_ascii_digit()) {
            return Some((w, attached.to_string()));
        }
        return args.get(i + 1).map(|v| (v, v.text().to_string()));
    }
    None
}

impl Rule for UseraddHighUidWithoutL {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| c.is("useradd")) {
            if cmd.has_any_flag(&["l", "no-log-init"]) {
                continue;
            }
            let Some((word, uid)) = uid_value(cmd) else { continue };
            // A variable may hold any UID; hadolint counts it as long too.
            if word.has_expansion() || uid.chars().count() > 5 {
                // Safe: `-l` only leaves the user out of lastlog and faillog.
                let fix = cmd.program().map(|p| Fix::safe("Add `-l`", vec![Edit::insert(p.span.end, " -l")]));
                found.push((word.span, fix));
            }
        }
        for (span, fix) in found {
            let d = cx
                .report(span, "`useradd` with a high UID and without `-l` bloats the image with log files")
                .with_help("Add `-l` (`--no-log-init`) to the `useradd` command.");
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN useradd -u 123456 luser", &["123456"])
        .fixed("FROM debian\nRUN useradd -l -u 123456 luser"),
    Case::fires("FROM debian\nRUN useradd -m -u ${APP_UID} app", &["${APP_UID}"])
        .fixed("FROM debian\nRUN useradd -l -m -u ${APP_UID} app"),
    Case::fires(
        "FROM debian\nRUN groupadd -g 5000 g && useradd -ms /bin/bash -u 1000000 -g g app",
        &["1000000"],
    )
    .fixed("FROM debian\nRUN groupadd -g 5000 g && useradd -l -ms /bin/bash -u 1000000 -g g app"),
    Case::fires(
        "FROM debian\nRUN groupadd -g 5000 app \\\n# the service account\n && /usr/sbin/useradd \\\n    -u1000000 -g app app",
        &["-u1000000"],
    )
    .fixed("FROM debian\nRUN groupadd -g 5000 app \\\n# the service account\n && /usr/sbin/useradd -l \\\n    -u1000000 -g app app"),
    Case::fires("# escape=`\nFROM debian\nRUN useradd `\n    -u 123456 luser", &["123456"])
        .fixed("# escape=`\nFROM debian\nRUN useradd -l `\n    -u 123456 luser"),
    Case::fires("FROM debian\nONBUILD RUN useradd -u \"$UID\" app", &["\"$UID\""])
        .fixed("FROM debian\nONBUILD RUN useradd -l -u \"$UID\" app"),
    Case::quiet("FROM debian\nRUN useradd luser"),
    Case::quiet("FROM debian\nRUN useradd -u 12345 luser"),
    Case::quiet("FROM debian\nRUN useradd -l -u 123456 luser"),
    Case::quiet("FROM debian\nRUN useradd --no-log-init -u 123456 luser"),
    Case::quiet("FROM debian\nRUN useradd -l luser"),
    // A high GID for groupadd is not the UID of useradd.
    Case::quiet("FROM debian\nRUN groupadd -g 123456 grp && useradd -u 1000 -g grp luser"),
    // `-l` inside a group of short flags, and after the UID.
    Case::quiet("FROM debian\nRUN useradd -lmu 123456 luser && useradd -u 234567 -l other"),
    Case::quiet("# escape=`\nFROM debian\nRUN useradd -l `\n    -u 123456 luser"),
    Case::quiet("FROM debian\nONBUILD RUN useradd -l -u \"$UID\" app"),
    Case::quiet(
        "FROM debian\nRUN groupadd -g 5000 app \\\n# the service account\n && /usr/sbin/useradd -l \\\n    -u1000000 -g app app",
    ),
    Case::quiet("FROM debian\nRUN adduser -u 123456 -D luser"),
    Case::quiet("FROM debian\nRUN usermod -u 123456 luser"),
];
