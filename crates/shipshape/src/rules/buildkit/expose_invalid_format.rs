//! ExposeInvalidFormat: an IP address or a host port in EXPOSE.

use crate::rules::prelude::*;

declare_rule! {
    ExposeInvalidFormat {
        code: "ExposeInvalidFormat",
        name: "expose-invalid-format",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: BuildKit,
        summary: "EXPOSE takes container ports only, not IP addresses or host ports",
        why: "EXPOSE documents the ports the container listens on; which host address and \
              port they are published on is decided by `docker run -p`. An IP address or a \
              `host:container` mapping in EXPOSE is dropped silently today, so it misleads the \
              reader, and BuildKit will reject it in a future release. BuildKit calls this \
              check ExposeInvalidFormat.",
        bad: "FROM nginx:1.27\nEXPOSE 127.0.0.1:80:80\n",
        good: "FROM nginx:1.27\nEXPOSE 80\n",
    }
}

#[derive(Default)]
pub struct ExposeInvalidFormat;

impl Rule for ExposeInvalidFormat {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Expose {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        for w in words {
            if w.text.contains(['$', '"', '\'']) {
                continue;
            }
            let Some(colon) = w.text.rfind(':') else { continue };
            // BuildKit stops with an error first when the port or protocol is invalid.
            let container = &w.text[colon + 1..];
            let (port, proto) = container.split_once('/').unwrap_or((container, ""));
            if port.is_empty() || !matches!(proto.to_ascii_lowercase().as_str(), "" | "tcp" | "udp" | "sctp")
            {
                continue;
            }
            cx.report(
                w.span,
                format!("`{}` sets an IP address or a host port, which EXPOSE does not take", w.text),
            )
            .with_help(format!(
                "Expose the container port only (`EXPOSE {container}`) and publish it with `docker run -p`."
            ));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/expose-invalid-format
    Case::fires("FROM alpine\nEXPOSE 127.0.0.1:80:80", &["127.0.0.1:80:80"]),
    Case::quiet("FROM alpine\nEXPOSE 80"),
    Case::fires("FROM alpine\nEXPOSE 80:80", &["80:80"]),
    Case::fires("FROM alpine\nEXPOSE 443 8080:80/udp", &["8080:80/udp"]),
    Case::quiet("FROM alpine\nEXPOSE 80/tcp 53/udp 8000-8010"),
    Case::quiet("FROM alpine\nEXPOSE ${HOST}:80"),
    // A mapping in a comment or in another instruction is not EXPOSE's.
    Case::quiet("FROM alpine\n# EXPOSE 8080:80\nEXPOSE 80"),
    Case::quiet("FROM alpine\nEXPOSE 8080\nCMD [\"app\", \"--listen\", \"0.0.0.0:8080\"]"),
    // An upper-case protocol is ExposeProtoCasing's business.
    Case::quiet("FROM alpine\nEXPOSE 80/TCP 53/UDP"),
    // BuildKit stops with an error on an invalid protocol or an empty port before the check.
    Case::quiet("FROM alpine\nEXPOSE 8080:80/http 9090:"),
];
