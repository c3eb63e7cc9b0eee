//! The grammar of image references and platforms, as BuildKit (distribution/reference and
//! containerd/platforms) accepts them.

/// Whether Docker's `reference.ParseNormalizedNamed` accepts `s` as an image reference.
pub(crate) fn valid_reference(s: &str) -> bool {
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return false;
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].find(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else { return false };
        let algo_ok = !algo.is_empty()
            && algo.split(['+', '.', '-', '_']).all(|c| {
                let mut cs = c.chars();
                matches!(cs.next(), Some(ch) if ch.is_ascii_alphabetic())
                    && cs.all(|ch| ch.is_ascii_alphanumeric())
            });
        if !algo_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return false;
        }
    }
    if let Some(t) = tag {
        let mut cs = t.chars();
        let ok = matches!(cs.next(), Some(c) if c.is_ascii_alphanumeric() || c == '_')
            && t.len() <= 128
            && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !ok {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let (domain, remote) = match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':']) || first == "localhost" || first.to_ascii_lowercase() != first =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    if remote.to_ascii_lowercase() != remote {
        return false;
    }
    if let Some(d) = domain {
        let (host, port) = if d.starts_with('[') {
            match d.split_once(']') {
                Some((h, rest)) => (h, rest.strip_prefix(':')),
                None => return false,
            }
        } else {
            match d.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (d, None),
            }
        };
        let host_ok = host.starts_with('[')
            || host.split('.').all(|c| {
                !c.is_empty()
                    && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
                    && !c.starts_with('-')
                    && !c.ends_with('-')
            });
        if !host_ok || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
    }
    remote.split('/').all(path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    let mut i = 0;
    let run = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && alnum(b[*i]) {
            *i += 1;
        }
        *i > s
    };
    if !run(&mut i) {
        return false;
    }
    while i < b.len() {
        match b[i] {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if i < b.len() && b[i] == b'_' {
                    i += 1;
                }
            }
            b'-' => {
                while i < b.len() && b[i] == b'-' {
                    i += 1;
                }
            }
            _ => return false,
        }
        if !run(&mut i) {
            return false;
        }
    }
    true
}

/// A platform as containerd's `platforms.Parse` reads `os[/arch[/variant]]`, normalized:
/// (os, architecture). `None` when the specifier is invalid.
pub(crate) fn parse_platform(s: &str) -> Option<(String, String)> {
    const OSES: &[&str] = &[
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "wasip1",
        "windows",
        "zos",
    ];
    const ARCHES: &[&str] = &[
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    ];
    let parts: Vec<&str> = s.split('/').collect();
    let component_ok =
        |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    // The OS may carry a version in parentheses: `windows(10.0.17763)`.
    let os_part = parts[0].split_once('(').map_or(parts[0], |(os, _)| os);
    if !component_ok(os_part) || !parts[1..].iter().all(|p| component_ok(p)) || parts.len() > 3 {
        return None;
    }
    let os = os_part.to_ascii_lowercase();
    let os = if os == "macos" { "darwin".to_string() } else { os };
    let arch = |a: &str| -> String {
        match a.to_ascii_lowercase().as_str() {
            "i386" => "386".into(),
            "x86_64" | "x86-64" | "amd64" => "amd64".into(),
            "aarch64" | "arm64" => "arm64".into(),
            "armhf" | "armel" | "arm" => "arm".into(),
            other => other.into(),
        }
    };
    match parts.len() {
        1 if OSES.contains(&os.as_str()) => Some((os, "amd64".into())),
        1 => {
            let a = arch(parts[0]);
            ARCHES.contains(&a.as_str()).then(|| ("linux".into(), a))
        }
        _ => Some((os, arch(parts[1]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        for ok in
            ["alpine", "alpine:3.20", "docker.io/library/node:20", "localhost:5000/a/b", "scratch", "build"]
        {
            assert!(valid_reference(ok), "{ok}");
        }
        for bad in ["", "busybox:", "Alpine", ":latest", "a//b", "node:-x"] {
            assert!(!valid_reference(bad), "{bad}");
        }
    }

    #[test]
    fn platforms() {
        assert_eq!(parse_platform("linux/amd64"), Some(("linux".into(), "amd64".into())));
        assert_eq!(parse_platform("linux/arm64/v8"), Some(("linux".into(), "arm64".into())));
        assert_eq!(parse_platform("Linux/x86_64"), Some(("linux".into(), "amd64".into())));
        assert_eq!(parse_platform("arm64"), Some(("linux".into(), "arm64".into())));
        assert_eq!(parse_platform("windows"), Some(("windows".into(), "amd64".into())));
        assert_eq!(parse_platform("nonsense"), None);
        assert_eq!(parse_platform("linux/"), None);
    }
}
