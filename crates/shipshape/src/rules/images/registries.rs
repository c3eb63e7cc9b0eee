//! Registries as hadolint reads them, and the trusted-registry patterns of the
//! configuration.

use crate::syntax::image::ImageRef;
use std::ops::Range;

/// The registry part of an image reference as hadolint reads it: the registry of
/// [`ImageRef::parse`] when it holds a `.` (`ghcr.io/org/app`). A host without a dot, such
/// as `localhost:5000/app`, is no registry for hadolint: it counts as a Docker Hub image.
pub(crate) fn registry_range(image: &str) -> Option<Range<usize>> {
    ImageRef::parse(image).registry.filter(|r| image[r.clone()].contains('.'))
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
}
