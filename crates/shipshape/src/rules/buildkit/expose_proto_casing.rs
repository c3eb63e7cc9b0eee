//! ExposeProtoCasing: an EXPOSE protocol not in lower case.

use crate::rules::prelude::*;

declare_rule! {
    ExposeProtoCasing {
        code: "ExposeProtoCasing",
        name: "expose-proto-casing",
        severity: Warning,
        category: Style,
        fix: Sometimes,
        origin: BuildKit,
        summary: "The protocol of an EXPOSE port should be lower case",
        why: "BuildKit accepts `80/TCP` and stores it as `80/tcp`, so the upper-case spelling \
              only makes the Dockerfile disagree with the image config and with every other \
              tool, which write protocols in lower case. BuildKit calls this check \
              ExposeProtoCasing. The fix writes the protocol in lower case.",
        bad: "FROM nginx:1.27\nEXPOSE 80/TCP\n",
        good: "FROM nginx:1.27\nEXPOSE 80/tcp\n",
    }
}

#[derive(Default)]
pub struct ExposeProtoCasing;

impl Rule for ExposeProtoCasing {
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
            let lower = proto.to_ascii_lowercase();
            if slash == last || proto == lower || !matches!(lower.as_str(), "tcp" | "udp" | "sctp") {
                continue;
            }
            let span = w.sub_span(slash + 1..w.text.len());
            // A word split by a line continuation is reported whole: its letters are
            // lowered when the protocol has the only ones (the continuation stays).
            let text = if span.text(cx.source) == proto {
                Some(lower.clone())
            } else {
                (!w.text[..slash].contains(char::is_alphabetic))
                    .then(|| crate::edits::recase(cx.source, span, false))
            };
            let fix = text.map(|text| {
                Fix::safe(format!("Change `{proto}` to `{lower}`"), vec![Edit::replace(span, text)])
            });
            let d = cx.report(span, format!("Protocol `{proto}` of `{}` should be lower case", w.text));
            d.with_help(format!("Write `{}`.", lower));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/expose-proto-casing
    Case::fires("FROM alpine\nEXPOSE 80/TcP", &["TcP"]).fixed("FROM alpine\nEXPOSE 80/tcp"),
    Case::quiet("FROM alpine\nEXPOSE 80/tcp"),
    Case::fires("FROM alpine\nEXPOSE 53/UDP 80 443/tcp 9000-9010/SCTP", &["UDP", "SCTP"])
        .fixed("FROM alpine\nEXPOSE 53/udp 80 443/tcp 9000-9010/sctp"),
    Case::fires(
        "FROM alpine\n# ports\nEXPOSE 80/tcp \\\n    # DNS\n    53/Udp \\\n    127.0.0.1:8080:8080/TCP",
        &["Udp", "TCP"],
    )
    .fixed("FROM alpine\n# ports\nEXPOSE 80/tcp \\\n    # DNS\n    53/udp \\\n    127.0.0.1:8080:8080/tcp"),
    Case::fires("# escape=`\nFROM alpine\nexpose 80/TCP `\n  443/TCP", &["TCP", "TCP"])
        .fixed("# escape=`\nFROM alpine\nexpose 80/tcp `\n  443/tcp"),
    // A word split by a continuation: reported on the whole word, its letters lowered.
    Case::fires("FROM alpine\nEXPOSE 80/\\\nTCP", &["80/\\\nTCP"]).fixed("FROM alpine\nEXPOSE 80/\\\ntcp"),
    // With other letters in the word (an IPv6 address), no fix.
    Case::fires("FROM alpine\nEXPOSE [::AB]:80/\\\nTCP", &["[::AB]:80/\\\nTCP"]),
    Case::quiet("FROM alpine\nEXPOSE 80 443"),
    Case::quiet("FROM alpine\nEXPOSE 80/HTTP"),
    Case::quiet("FROM alpine\nEXPOSE ${PORT}/TCP"),
    // Near misses: protocols already in lower case over continuation lines and under the
    // backtick escape, upper case elsewhere in the word, and other instructions.
    Case::quiet("FROM alpine\nEXPOSE 80/tcp \\\n    # DNS\n    53/udp"),
    Case::quiet("# escape=`\nFROM alpine\nEXPOSE 80/tcp `\n  443"),
    Case::quiet("FROM alpine\nEXPOSE \"80/TCP\" '53/UDP'"),
    Case::quiet("FROM alpine\nLABEL port=80/TCP\nRUN echo 80/UDP"),
    Case::quiet("FROM alpine\nEXPOSE 80/"),
    Case::quiet("FROM alpine\nEXPOSE 8080/tcp 9090/udp 7000/sctp"),
    Case::quiet("FROM alpine\nEXPOSE 80/\\\ntcp"),
    Case::quiet("FROM alpine\nEXPOSE [::AB]:80/tcp"),
];
