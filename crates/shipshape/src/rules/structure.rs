//! Helpers shared by the rules about the structure of a Dockerfile (stages, COPY/ADD
//! arguments, image references as hadolint reads them, trusted registries).

use std::ops::Range;

use crate::syntax::{Args, Instruction, Word};

/// The text without the quotes around it (hadolint strips every leading and trailing `"`
/// and `'` before looking at a path).
pub(crate) fn drop_quotes(text: &str) -> &str {
    text.trim_matches(|c| c == '"' || c == '\'')
}

/// The sources and the destination of a COPY or ADD (None with fewer than two arguments).
pub(crate) fn copy_parts(instr: &Instruction) -> Option<(&[Word], &Word)> {
    let Args::List { items, .. } = &instr.args else { return None };
    let (dest, sources) = items.split_last()?;
    if sources.is_empty() {
        return None;
    }
    Some((sources, dest))
}

/// The registry part of an image reference as hadolint reads it: the first path component,
/// when the reference has a `/` and that component holds a `.` (`ghcr.io/org/app`).
/// `localhost:5000/app` has no registry for hadolint: it counts as a Docker Hub image.
pub(crate) fn registry_range(image: &str) -> Option<Range<usize>> {
    let slash = image.find('/')?;
    image[..slash].contains('.').then_some(0..slash)
}

/// Whether `registry` matches one of the trusted patterns: `*` matches everything,
/// `*.gcr.io` matches by suffix, `registry.example.*` by prefix, anything else exactly.
pub(crate) fn registry_trusted(patterns: &[String], registry: &str) -> bool {
    patterns.iter().any(|p| {
        if p == "*" {
            true
        } else if let Some(suffix) = p.strip_prefix('*') {
            registry.ends_with(suffix)
        } else if let Some(prefix) = p.strip_suffix('*') {
            registry.starts_with(prefix)
        } else {
            registry == p
        }
    })
}

/// Whether an image without a registry (a Docker Hub image) is trusted.
pub(crate) fn docker_hub_trusted(patterns: &[String]) -> bool {
    registry_trusted(patterns, "docker.io") || registry_trusted(patterns, "hub.docker.com")
}

/// Whether a COPY destination is absolute (or a variable, which may hold an absolute path):
/// `/…`, `$…`, or a Windows drive path `c:…`.
pub(crate) fn absolute_destination(dest: &str) -> bool {
    let d = drop_quotes(dest);
    d.starts_with('/') || d.starts_with('$') || windows_drive(d)
}

/// A drive letter and a colon: `C:`, `c:\app`, `d:/data`.
pub(crate) fn windows_drive(path: &str) -> bool {
    let mut chars = path.chars();
    matches!((chars.next(), chars.next()), (Some(c), Some(':')) if c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registries() {
        assert_eq!(registry_range("ghcr.io/org/app:1"), Some(0..7));
        assert_eq!(registry_range("localhost:5000/app"), None);
        assert_eq!(registry_range("org/app"), None);
        assert_eq!(registry_range("debian:12.1"), None);
        let p = vec!["*.gcr.io".to_string(), "quay.*".to_string(), "docker.io".to_string()];
        assert!(registry_trusted(&p, "eu.gcr.io"));
        assert!(!registry_trusted(&p, "gcr.io"));
        assert!(registry_trusted(&p, "quay.io"));
        assert!(docker_hub_trusted(&p));
        assert!(!docker_hub_trusted(&["gcr.io".to_string()]));
    }

    #[test]
    fn destinations() {
        assert!(absolute_destination("/app"));
        assert!(absolute_destination("\"/app\""));
        assert!(absolute_destination("${DEST}"));
        assert!(absolute_destination("c:\\app"));
        assert!(absolute_destination("d:/app"));
        assert!(!absolute_destination("app/"));
        assert!(!absolute_destination("."));
        assert!(!absolute_destination("a"));
        assert!(absolute_destination("C:"));
        assert!(!absolute_destination("1:/x"));
    }
}
