//! What the base image of a stage tells: an official image and its variant, and the tools
//! a minimal image lacks.

use crate::syntax::image::ImageRef;
use crate::syntax::{Span, Word};

// ─── Images ─────────────────────────────────────────────────────────────────────────────

/// An official Docker Hub image (`python`, `library/python`, `docker.io/library/python`):
/// its name and its tag with the tag's span.
pub(crate) struct Official<'a> {
    pub name: &'a str,
    pub tag: Option<(&'a str, Span)>,
}

/// The official image a FROM word names, if it names one (no other registry, no
/// organisation).
pub(crate) fn official(word: &Word) -> Option<Official<'_>> {
    let r = ImageRef::parse(&word.text);
    if !matches!(r.registry(), None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io")) {
        return None;
    }
    let name = r.name();
    let name = name.strip_prefix("library/").unwrap_or(name);
    if name.contains('/') || name.is_empty() {
        return None;
    }
    let tag = r.tag.clone().map(|range| (&word.text[range.clone()], word.sub_span(range)));
    Some(Official { name, tag })
}

/// The lower-case name (with registry and organisation) and tag of an image word.
pub(crate) fn image_parts(word: &Word) -> (String, String) {
    let r = ImageRef::parse(&word.text);
    (r.full_name().to_ascii_lowercase(), r.tag().unwrap_or("").to_ascii_lowercase())
}

/// What a base image is known to lack.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lacks {
    pub curl: bool,
    pub wget: bool,
}

/// Which of curl and wget a base image is known not to ship. Only images whose contents
/// are well known are listed; anything else is taken as possibly having both.
pub(crate) fn base_lacks(word: &Word) -> Lacks {
    let text = word.text.to_ascii_lowercase();
    if text == "scratch" {
        return Lacks { curl: true, wget: true };
    }
    let (name, tag) = image_parts(word);
    if word.text.contains('$') {
        return Lacks::default();
    }
    if name.starts_with("gcr.io/distroless/") {
        return Lacks { curl: true, wget: true };
    }
    let Some(o) = official(word) else { return Lacks::default() };
    let variant = |v: &str| tag.split('-').any(|p| p == v);
    match o.name {
        // Alpine has BusyBox's wget but no curl.
        "alpine" => Lacks { curl: true, wget: false },
        "debian" | "ubuntu" => Lacks { curl: true, wget: true },
        "python" | "node" | "ruby" | "openjdk" | "perl" | "rust" | "golang" => {
            if variant("slim") {
                Lacks { curl: true, wget: true }
            } else if tag.contains("alpine") {
                Lacks { curl: true, wget: false }
            } else {
                Lacks::default()
            }
        }
        _ => Lacks::default(),
    }
}
