//! SS5010: a literal password fed to `chpasswd` (`echo 'user:pass' | chpasswd`).

use crate::rules::security::secrets::mask;
use crate::shell::queries::{piped_into, program};
use crate::shell::spans::raw_span;
use crate::rules::prelude::*;

declare_rule! {
    ChpasswdLiteralPassword {
        code: "SS5010",
        name: "chpasswd-literal-password",
        aliases: ["CKV2_DOCKER_17"],
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not set account passwords from literals in the Dockerfile",
        why: "`echo 'user:password' | chpasswd` writes the password into the RUN command line, \
              which `docker history` shows to anyone with the image, and gives every container \
              of the image the same known password. Containers rarely need passwords at all: \
              use `sudo` rules or no login; if one is needed, read it from a secret mount. \
              Checkov's CKV2_DOCKER_17 reports any use of chpasswd.",
        bad: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN useradd --no-log-init --uid 10001 --create-home app && echo 'app:Sup3rS3cret' | chpasswd\n",
        good: "FROM debian:bookworm\nRUN --mount=type=secret,id=app_password \\\n    useradd --no-log-init --uid 10001 --create-home app \\\n && printf 'app:%s\\n' \"$(cat /run/secrets/app_password)\" | chpasswd\n",
    }
}

#[derive(Default)]
pub struct ChpasswdLiteralPassword;

impl Rule for ChpasswdLiteralPassword {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let mut found: Vec<(Span, String)> = Vec::new();
        for (i, cmd) in script.commands.iter().enumerate() {
            if program(cmd).is_none_or(|(n, _)| n != "chpasswd") {
                continue;
            }
            for feeder in piped_into(script, i) {
                let Some((name, args)) = program(feeder) else { continue };
                if !matches!(name, "echo" | "printf") {
                    continue;
                }
                for w in args.iter().filter(|w| !w.text().starts_with('-')) {
                    if let Some((range, user, password)) = literal_password(w) {
                        found.push((
                            raw_span(cx.source, w, range.start, range.end),
                            format!("{user}:{}", mask(&password)),
                        ));
                    }
                }
            }
        }
        for (span, shown) in found {
            cx.report(span, format!("`chpasswd` sets a password written in the Dockerfile (`{shown}`)"))
                .with_help("Do not give the account a password, or read it from `RUN --mount=type=secret`.");
        }
    }
}

/// In a `user:password` word, the raw byte range of a literal password (no expansion in
/// it), the user and the password. Stops at a written `\n` (several lines for `printf`).
fn literal_password(w: &ShWord) -> Option<(std::ops::Range<usize>, String, String)> {
    let raw = &w.raw;
    let colon = raw.find(':')?;
    let start = colon + 1;
    let rest = &raw[start..];
    let mut len = rest.find("\\n").unwrap_or(rest.len());
    // A closing quote is not part of the password.
    while len > 0 && matches!(rest.as_bytes()[len - 1], b'\'' | b'"') {
        len -= 1;
    }
    let password = &rest[..len];
    if password.is_empty() || password.contains(['$', '`', '\'', '"', '%']) {
        return None;
    }
    let user = raw[..colon].trim_start_matches(['\'', '"']).to_string();
    Some((start..start + len, user, password.to_string()))
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nRUN echo 'root:root' | chpasswd", &["root"]),
    Case::fires(
        "FROM debian:12\nRUN echo \"${USER}:1\" | chpasswd && echo app:s3cret | sudo chpasswd",
        &["1", "s3cret"],
    ),
    Case::fires(
        "FROM debian:12\nRUN printf 'app:hunter2\\nops:Tr0ub4dor\\n' | /usr/sbin/chpasswd",
        &["hunter2"],
    ),
    Case::quiet("FROM debian:12\nRUN echo \"app:${APP_PASSWORD}\" | chpasswd"),
    Case::quiet("FROM debian:12\nRUN echo \"app:$(cat /run/secrets/pw)\" | chpasswd"),
    Case::quiet("FROM debian:12\nRUN printf 'app:%s\\n' \"$PW\" | chpasswd"),
    Case::quiet(
        "FROM debian:12\nRUN echo 'root:root' > /tmp/users && chpasswd < /tmp/users && echo a:b | tee x",
    ),
    Case::quiet("FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app"),
    Case::quiet("FROM debian:12\nRUN --mount=type=secret,id=users cat /run/secrets/users | chpasswd"),
    Case::quiet("FROM debian:12\nRUN echo 'app:x:10001:10001::/home/app:/sbin/nologin' >> /etc/passwd"),
];
