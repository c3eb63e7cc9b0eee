//! The grammar of platforms, as BuildKit (containerd/platforms) accepts them. Image
//! references have theirs in [`super::image`].

pub(crate) use super::image::valid_reference;

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
