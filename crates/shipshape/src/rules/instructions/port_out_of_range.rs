//! DL3011: an EXPOSE port outside 0–65535.

use crate::rules::prelude::*;

declare_rule! {
    PortOutOfRange {
        code: "DL3011",
        name: "port-out-of-range",
        severity: Error,
        category: Correctness,
        fix: None,
        origin: Hadolint,
        summary: "Valid UNIX ports range from 0 to 65535",
        why: "TCP and UDP ports are 16-bit numbers, so a port above 65535 cannot be \
              published or listened on. The number is almost always a typo, and the image \
              documents a port its service cannot actually use.",
        bad: "FROM nginx:1.27\nEXPOSE 80800\n",
        good: "FROM nginx:1.27\nEXPOSE 8080\n",
    }
}

#[derive(Default)]
pub struct PortOutOfRange;

/// Whether a port word (`80`, `80/tcp`, `8000-8010/udp`) names a port above 65535. Words
/// with variables or other shapes are left alone.
fn out_of_range(word: &str) -> bool {
    let ports = word.split_once('/').map_or(word, |(p, _)| p);
    let (low, high) = ports.split_once('-').unwrap_or((ports, ""));
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !numeric(low) || !(high.is_empty() || numeric(high)) {
        return false;
    }
    let too_big = |s: &str| s.trim_start_matches('0').len() > 5 || s.parse::<u32>().is_ok_and(|n| n > 65535);
    too_big(low) || (!high.is_empty() && too_big(high))
}

impl Rule for PortOutOfRange {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Expose {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        for w in words.iter().filter(|w| out_of_range(&w.text)) {
            cx.report(w.span, format!("Port `{}` is outside the valid range 0-65535", w.text))
                .with_help("Use a port number between 0 and 65535.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nEXPOSE 80000", &["80000"]),
    Case::fires("FROM debian:12\nEXPOSE 80 65536/udp 443", &["65536/udp"]),
    Case::fires(
        "FROM debian:12\nEXPOSE 8000-70000/tcp 99999999999999999999",
        &["8000-70000/tcp", "99999999999999999999"],
    ),
    Case::quiet("FROM debian:12\nEXPOSE 80 443/tcp 65535 0"),
    Case::quiet("FROM debian:12\nEXPOSE 8000-8010/udp"),
    Case::quiet("FROM debian:12\nEXPOSE ${PORT} $P-$Q"),
    Case::quiet("FROM debian:12\nONBUILD EXPOSE 99999"),
    // The limits themselves, in ranges and with protocols.
    Case::quiet("FROM debian:12\nEXPOSE 0-65535/tcp 1-1024 65535/udp"),
    // Port-like numbers outside EXPOSE.
    Case::quiet("FROM debian:12\nENV PORT=80000\nLABEL port=99999\nEXPOSE 8080"),
];
