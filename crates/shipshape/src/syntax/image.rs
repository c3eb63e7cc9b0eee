//! Image references of FROM, `COPY --from` and `RUN --mount=from=`:
//! `[registry/]name[:tag][@digest]`, each part with its byte range in the reference.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    pub text: &'a str,
    /// `ghcr.io`, `localhost:5000` … when the first path component looks like a host.
    pub registry: Option<Range<usize>>,
    /// The repository path (without registry), e.g. `library/ubuntu` or `ubuntu`.
    pub name: Range<usize>,
    pub tag: Option<Range<usize>>,
    pub digest: Option<Range<usize>>,
}

impl<'a> ImageRef<'a> {
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
}
