//! Image references of FROM, `COPY --from` and `RUN --mount=from=`:
//! `[registry/]name[:tag][@digest]`, each part with its byte range in the reference, and
//! Docker's grammar of them (`distribution/reference`, as BuildKit applies it): whether a
//! reference is valid, and BuildKit's message when it is not.
//!
//! This is the one reading of a reference: the syntax checks, the rules, the analysis and
//! the size estimates all split references with [`ImageRef::parse`].

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub text: &'a str,
    /// `ghcr.io`, `localhost:5000` … when the first path component looks like a host: it
    /// holds a `.` or a `:`, or is `localhost`. (Docker's grammar also takes a first
    /// component with an upper-case letter for a host, `MyHost/app`: see
    /// [`ImageRef::docker_domain`]. Here that stays part of the name, as it always has.)
    pub registry: Option<Range<usize>>,
    /// The repository path (without registry), e.g. `library/ubuntu` or `ubuntu`.
    pub name: Range<usize>,
    pub tag: Option<Range<usize>>,
    pub digest: Option<Range<usize>>,
}

impl<'a> ImageRef<'a> {
    /// Splits a reference, valid or not: the digest after the first `@`, the tag after the
    /// last `:` of the last path component, the registry before the first `/` when it looks
    /// like a host. Nothing is checked (see [`reference_error`]).
    pub fn parse(text: &'a str) -> ImageRef<'a> {
        let (rest_end, digest) = match text.find('@') {
            Some(i) => (i, Some(i + 1..text.len())),
            None => (text.len(), None),
        };
        let rest = &text[..rest_end];
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name_end, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (last_slash + i, Some(last_slash + i + 1..rest_end)),
            None => (rest_end, None),
        };
        let path = &text[..name_end];
        let registry = match path.find('/') {
            Some(i) if path[..i].contains(['.', ':']) || &path[..i] == "localhost" => Some(0..i),
            _ => None,
        };
        let name_start = registry.as_ref().map_or(0, |r| r.end + 1);
        ImageRef { text, registry, name: name_start..name_end, tag, digest }
    }

    pub fn name(&self) -> &'a str {
        &self.text[self.name.clone()]
    }

    /// The name with its registry, as written: `ghcr.io/org/app`, `ubuntu`.
    pub fn full_name(&self) -> &'a str {
        &self.text[..self.name.end]
    }

    /// The domain as Docker's `splitDockerDomain` reads it: the registry, or else a first
    /// path component with an upper-case letter in it.
    fn docker_domain(&self) -> Option<&'a str> {
        self.registry().or_else(|| {
            let (first, _) = self.full_name().split_once('/')?;
            (first.to_ascii_lowercase() != first).then_some(first)
        })
    }

    pub fn tag(&self) -> Option<&'a str> {
        self.tag.clone().map(|r| &self.text[r])
    }

    pub fn registry(&self) -> Option<&'a str> {
        self.registry.clone().map(|r| &self.text[r])
    }

    pub fn digest(&self) -> Option<&'a str> {
        self.digest.clone().map(|r| &self.text[r])
    }
}

// ─── Docker's grammar ──────────────────────────────────────────────────────────────────

/// Whether Docker's `reference.ParseNormalizedNamed` accepts `text` as an image reference.
pub(crate) fn valid_reference(text: &str) -> bool {
    reference_error(text).is_none()
}

/// What Docker's `reference.ParseNormalizedNamed` says of `text`: None when it accepts it,
/// else BuildKit's message ("invalid reference format", with the reason where Docker gives
/// one).
pub(crate) fn reference_error(text: &str) -> Option<String> {
    const INVALID: &str = "invalid reference format";
    if text.len() == 64 && text.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return Some(format!("invalid repository name ({text}), cannot specify 64-byte hexadecimal strings"));
    }
    let r = ImageRef::parse(text);
    if r.digest().is_some_and(|d| !valid_digest(d)) || r.tag().is_some_and(|t| !valid_tag(t)) {
        return Some(INVALID.into());
    }
    let name = r.full_name();
    // Docker's tag starts at the first `:` of the last component, `parse`'s at the last:
    // a second `:` there is in Docker's tag, which makes the reference invalid.
    if name[name.rfind('/').map_or(0, |i| i + 1)..].contains(':') || name.is_empty() {
        return Some(INVALID.into());
    }
    let domain = r.docker_domain();
    let remote = domain.map_or(name, |d| &name[d.len() + 1..]);
    if remote.to_ascii_lowercase() != remote {
        let remote_full = if domain.is_none() && !remote.contains('/') {
            format!("library/{remote}")
        } else {
            remote.to_string()
        };
        return Some(format!("{INVALID}: repository name ({remote_full}) must be lowercase"));
    }
    if domain.is_some_and(|d| !valid_domain(d)) || !remote.split('/').all(path_component) {
        return Some(INVALID.into());
    }
    if name.len() > 255 {
        return Some("repository name must not be more than 255 characters".into());
    }
    None
}

/// `algorithm:hex`: components of letters and digits (each starting with a letter) joined
/// by `+ . - _`, and at least 32 hex digits.
fn valid_digest(digest: &str) -> bool {
    let Some((algo, hex)) = digest.split_once(':') else { return false };
    let algo_ok = !algo.is_empty()
        && algo.split(['+', '.', '-', '_']).all(|c| {
            let mut cs = c.chars();
            matches!(cs.next(), Some(ch) if ch.is_ascii_alphabetic())
                && cs.all(|ch| ch.is_ascii_alphanumeric())
        });
    algo_ok && hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(tag: &str) -> bool {
    let mut cs = tag.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphanumeric() || c == '_')
        && tag.len() <= 128
        && cs.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A host (dot-separated labels of letters, digits and inner `-`, or `[IPv6]`) with an
/// optional port of digits.
fn valid_domain(domain: &str) -> bool {
    let (host, port) = if domain.starts_with('[') {
        match domain.split_once(']') {
            Some((h, rest)) => (h, rest.strip_prefix(':')),
            None => return false,
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (domain, None),
        }
    };
    let host_ok = host.starts_with('[')
        || host.split('.').all(|c| {
            !c.is_empty()
                && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
                && !c.starts_with('-')
                && !c.ends_with('-')
        });
    host_ok && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let r = ImageRef::parse("ghcr.io/org/app:1.2@sha256:abc");
        assert_eq!(
            (r.registry(), r.name(), r.tag(), r.digest()),
            (Some("ghcr.io"), "org/app", Some("1.2"), Some("sha256:abc"))
        );
        let r = ImageRef::parse("localhost:5000/app");
        assert_eq!((r.registry(), r.name(), r.tag()), (Some("localhost:5000"), "app", None));
        let r = ImageRef::parse("python:${VERSION}-slim");
        assert_eq!((r.registry(), r.name(), r.tag()), (None, "python", Some("${VERSION}-slim")));
        let r = ImageRef::parse("ubuntu");
        assert_eq!((r.name(), r.tag()), ("ubuntu", None));
    }

    #[test]
    fn valid_references() {
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
    fn reference_errors() {
        for ok in [
            "ubuntu",
            "ubuntu:22.04",
            "library/ubuntu:latest",
            "ghcr.io/astral-sh/uv:python3.14-bookworm-slim",
            "localhost:5000/my_app__x-y",
            "mcr.microsoft.com/dotnet/sdk:8.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "docker.io/node:26.5-bookworm-slim",
        ] {
            assert_eq!(reference_error(ok), None, "{ok}");
        }
        assert_eq!(
            reference_error("Ubuntu").as_deref(),
            Some("invalid reference format: repository name (library/Ubuntu) must be lowercase")
        );
        for bad in ["ubuntu:", "ubu ntu", "a//b", "-a", "a:b:c", "x@sha256:12"] {
            assert!(reference_error(bad).is_some(), "{bad}");
        }
    }
}
