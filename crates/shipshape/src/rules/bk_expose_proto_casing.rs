//! ExposeProtoCasing: an EXPOSE protocol not in lower case.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "ExposeProtoCasing",
    name: "expose-proto-casing",
    aliases: &[],
    severity: Some(Severity::Warning),
    category: Category::Style,
    fix: FixAvailability::None,
    origin: Origin::BuildKit,
    onbuild: false,
    summary: "The protocol of an EXPOSE port should be lower case",
    docs: Docs {
        why: "BuildKit accepts `80/TCP` and stores it as `80/tcp`, so the upper-case spelling \
              only makes the Dockerfile disagree with the image config and with every other \
              tool, which write protocols in lower case. BuildKit calls this check \
              ExposeProtoCasing.",
        bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Expose {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        for w in words {
            // BuildKit judges the expanded word; a variable may hold anything.
            if w.text.contains(['$', '"', '\'']) {
                continue;
            }
            // `[ip:][host:]port[/proto]`: the protocol belongs to the last part.
            let last = w.text.rfind(':').map_or(0, |i| i + 1);
            let Some(slash) = w.text[last..].find('/').map(|i| last + i) else { continue };
            let proto = &w.text[slash + 1..];
            let lower = proto.to_lowercase();
            if slash == last || proto == lower || !matches!(lower.as_str(), "tcp" | "udp" | "sctp") {
                continue;
            }
            cx.report(
                w.sub_span(slash + 1..w.text.len()),
                format!("Protocol `{proto}` of `{}` should be lower case", w.text),
            )
            .with_help(format!("Write `{}`.", lower));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/expose-proto-casing
    Case::fires("FROM alpine\nEXPOSE 80/TcP", &["TcP"]),
    Case::quiet("FROM alpine\nEXPOSE 80/tcp"),
    Case::fires("FROM alpine\nEXPOSE 53/UDP 80 443/tcp 9000-9010/SCTP", &["UDP", "SCTP"]),
    Case::quiet("FROM alpine\nEXPOSE 80 443"),
    Case::quiet("FROM alpine\nEXPOSE 80/HTTP"),
    Case::quiet("FROM alpine\nEXPOSE ${PORT}/TCP"),
];
