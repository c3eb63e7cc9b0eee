//! What several BuildKit checks share: the build arguments BuildKit predefines, the values
//! of the global ARGs when no `--build-arg` is given, Docker's image reference grammar,
//! platform specifiers, and variable references read the way BuildKit expands a word.

use crate::rules::prelude::*;
use crate::syntax::lex::{Lexer, NoEnv, VarRef};
use crate::syntax::Dockerfile;

/// The platform arguments BuildKit defines in the global scope, with the values they take on
/// a plain `linux/amd64` build (the variants are empty there).
pub(crate) const PLATFORM_ARGS: &[(&str, &str)] = &[
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", ""),
];

/// Whether `name` is one of BuildKit's predefined platform arguments.
pub(crate) fn is_platform_arg(name: &str) -> bool {
    PLATFORM_ARGS.iter().any(|(n, _)| *n == name)
}

/// Names that are not variables but shell parameters (`$1`, `$@`, `$?` …): BuildKit looks
/// them up like any name, but no Dockerfile means them as build variables.
pub(crate) fn is_special_name(name: &str) -> bool {
    name.chars().next().is_none_or(|c| c.is_ascii_digit() || "@*#?-$!".contains(c))
}

/// BuildKit's platform arguments for a build on `platform` (`os/arch[/variant]`); with
/// `linux/amd64` these are [`PLATFORM_ARGS`].
pub(crate) fn platform_args(platform: &str) -> Vec<(String, String)> {
    let mut parts = platform.split('/');
    let (os, arch, variant) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    PLATFORM_ARGS
        .iter()
        .map(|(name, _)| {
            let value = match name.trim_start_matches("BUILD").trim_start_matches("TARGET") {
                "PLATFORM" => platform,
                "OS" => os,
                "ARCH" => arch,
                "VARIANT" => variant,
                _ => "",
            };
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// The global scope as the FROM lines see it without any `--build-arg`: the platform
/// arguments, then each global ARG that has a default, expanded in order. `None` when a
/// default cannot be expanded (BuildKit then gives up on these checks too).
pub(crate) fn global_defaults_of(file: &Dockerfile, platform: &str) -> Option<Vec<(String, String)>> {
    let mut env = platform_args(platform);
    let lexer = Lexer::new(file.escape);
    for instr in file.global_instructions() {
        let Args::ArgDecls(decls) = &instr.args else { continue };
        for d in decls {
            if let Some(default) = &d.default {
                let value = lexer.process_word(&default.text, &env).ok()?.result;
                env.push((d.name.text.clone(), value));
            }
        }
    }
    Some(env)
}

/// [`global_defaults_of`] for a plain `linux/amd64` build.
pub(crate) fn global_defaults(cx: &Cx) -> Option<Vec<(String, String)>> {
    global_defaults_of(cx.file, "linux/amd64")
}

/// A FROM base name expanded with `env` (quotes removed), or `None` when it cannot be.
pub(crate) fn expand(cx: &Cx, text: &str, env: &Vec<(String, String)>) -> Option<String> {
    Lexer::new(cx.file.escape).process_word(text, env).ok().map(|p| p.result)
}

/// The variable references BuildKit finds when it expands a heredoc body of COPY or ADD: it
/// reads the body with `\` as the escape character and without quote processing. Spans
/// point into the source.
pub(crate) fn raw_refs(body: Span, source: &str) -> Vec<(Span, VarRef)> {
    let mut lexer = Lexer::new('\\');
    lexer.skip_process_quotes = true;
    lexer.skip_unset_env = true;
    let text = body.text(source);
    let Ok(processed) = lexer.process_word(text, &NoEnv) else { return Vec::new() };
    processed
        .refs
        .into_iter()
        .map(|r| (Span::new(body.start + r.range.start as u32, body.start + r.range.end as u32), r))
        .collect()
}

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

/// OSA distance (Levenshtein with adjacent transpositions counting one), for typos.
pub(crate) fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
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
    fn platform_args_follow_the_platform() {
        let amd64 = platform_args("linux/amd64");
        let table: Vec<(String, String)> =
            PLATFORM_ARGS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(amd64, table);
        let arm = platform_args("linux/arm64/v8");
        assert!(arm.contains(&("TARGETARCH".into(), "arm64".into())));
        assert!(arm.contains(&("BUILDVARIANT".into(), "v8".into())));
        assert!(arm.contains(&("TARGETPLATFORM".into(), "linux/arm64/v8".into())));
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

    #[test]
    fn typos() {
        assert_eq!(typo_distance("PAHT", "PATH"), 1);
        assert_eq!(typo_distance("abc", "abd"), 1);
        assert_eq!(typo_distance("abc", "xyz"), 3);
    }
}
