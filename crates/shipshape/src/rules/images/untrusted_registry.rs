//! DL3026: an image from a registry that is not trusted (only with `trustedRegistries`).

use crate::rules::images::registries::{docker_hub_trusted, registry_range, registry_trusted};
#[cfg(test)]
use crate::config::Config;
use crate::rules::prelude::*;

declare_rule! {
    UntrustedRegistry {
        code: "DL3026",
        name: "untrusted-registry",
        severity: Error,
        category: Security,
        fix: None,
        origin: Hadolint,
        summary: "Use only images from a trusted registry",
        why: "Every image a build pulls, as a base, with `COPY --from` or with a \
              `RUN --mount=from=`, runs or lands in your image. Restricting the registries \
              (the `trustedRegistries` setting) keeps images from unvetted sources, typo \
              squatters and public mirrors out of the build. The rule is off until that \
              list is set.",
        bad: "FROM random.example.com/debian:12\n",
        good: "FROM docker.io/library/debian:12\n",
    }
}

#[derive(Default)]
pub struct UntrustedRegistry;

/// Where an image word comes from, if that registry is not trusted: the span to report and
/// the registry's name.
fn untrusted(cx: &Cx, word: &Word) -> Option<(Span, String)> {
    let patterns = &cx.config.trusted_registries;
    let text = word.text.as_str();
    // Earlier stages (by name or index) and `scratch` are not pulled.
    if cx.is_stage_name(text) || text.bytes().all(|b| b.is_ascii_digit()) || text == "scratch" {
        return None;
    }
    match registry_range(text) {
        Some(r) => {
            let registry = &text[r.clone()];
            (!registry_trusted(patterns, registry)).then(|| (word.sub_span(r.clone()), registry.to_string()))
        }
        None => (!docker_hub_trusted(patterns)).then(|| (word.span, "docker.io".to_string())),
    }
}

impl Rule for UntrustedRegistry {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if cx.config.trusted_registries.is_empty() {
            return;
        }
        let mut images: Vec<&Word> = Vec::new();
        match (instr.keyword, &instr.args) {
            (Keyword::From, Args::Words(words)) => images.extend(words.first()),
            (Keyword::Copy, _) => images.extend(instr.flag("from").and_then(|f| f.value.as_ref())),
            _ => {}
        }
        let mut mount_images = Vec::new();
        if instr.keyword == Keyword::Run {
            for flag in instr.flags.iter().filter(|f| f.name.text == "mount") {
                let Some(options) = flag.options() else { continue };
                let kind = options.iter().rev().find(|o| o.key.text == "type").and_then(|o| o.value.as_ref());
                if kind.is_some_and(|k| k.text != "bind" && k.text != "cache") {
                    continue;
                }
                mount_images
                    .extend(options.into_iter().filter(|o| o.key.text == "from").filter_map(|o| o.value));
            }
        }
        images.extend(mount_images.iter());
        let found: Vec<_> = images.into_iter().filter_map(|w| untrusted(cx, w)).collect();
        for (span, registry) in found {
            cx.report(span, format!("`{registry}` is not a trusted registry")).with_help(
                "Pull the image from a registry listed in `trustedRegistries`, or add the registry there.",
            );
        }
    }
}

#[cfg(test)]
fn docker_io() -> Config {
    Config { trusted_registries: vec!["docker.io".into()], ..Config::default() }
}

#[cfg(test)]
fn gcr() -> Config {
    Config { trusted_registries: vec!["*.gcr.io".into(), "ghcr.io".into()], ..Config::default() }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM random.com/debian:12", &["random.com"]).with_config(docker_io),
    Case::fires("FROM eu.gcr.io/app:1\nFROM gcr.io/app:1\nFROM debian:12", &["gcr.io", "debian:12"]).with_config(gcr),
    Case::fires(
        "FROM ghcr.io/org/base:1 AS build\nCOPY --from=quay.io/org/tool:1 /t /t\nCOPY --from=build /a /a\nCOPY --from=nginx:1 /b /b",
        &["quay.io", "nginx:1"],
    )
    .with_config(gcr),
    Case::fires(
        "FROM ghcr.io/org/base:1\nRUN --mount=type=bind,from=quay.io/org/src,target=/src --mount=type=cache,target=/c make",
        &["quay.io"],
    )
    .with_config(gcr),
    Case::quiet("FROM random.com/debian:12"),
    Case::quiet("FROM random.com/debian:12\nFROM x.com/y").with_config(|| Config {
        trusted_registries: vec!["x.com".into(), "random.com".into()],
        ..Config::default()
    }),
    Case::quiet("FROM scratch\nFROM debian:12\nFROM localhost:5000/app:1\nFROM org/app:1").with_config(docker_io),
    Case::quiet(
        "FROM ghcr.io/org/base:1 AS build\nFROM build\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nRUN --mount=type=secret,id=x,from=quay.io/x true\nRUN --mount=from=build,target=/b true",
    )
    .with_config(gcr),
    // Docker Hub spelt out, and a Docker Hub image by digest and through COPY --from.
    Case::quiet("FROM docker.io/library/debian:12").with_config(docker_io),
    Case::quiet(
        "FROM debian:12@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx",
    )
    .with_config(docker_io),
    // Stage names compare without case (hadolint reports this one; see
    // docs/hadolint-differences.md).
    Case::quiet("FROM ghcr.io/org/base:1 AS Build\nCOPY --from=build /a /a").with_config(gcr),
    // Images named outside FROM, COPY --from and RUN --mount are not pulled by the build.
    Case::quiet("FROM eu.gcr.io/proj/app:1\nLABEL base=quay.io/org/app:1\nRUN docker pull quay.io/x").with_config(gcr),
];
