//! The rule test harness: every rule lists `TESTS`, cases that must fire (with the exact
//! text of each finding's span) and cases that must not. One generic test runs them all,
//! checks each rule has at least one firing and two non-firing cases, runs each rule's
//! doc examples, and re-runs shell rules with every RUN wrapped in ONBUILD.

use crate::config::Config;
use crate::lint::{lint_with, Options};

use super::RuleMeta;

/// A test case: a Dockerfile and the span texts the rule must report, in order (empty:
/// the rule must stay quiet).
pub(crate) struct Case {
    pub src: &'static str,
    pub spans: &'static [&'static str],
    /// Configuration for the case (trusted registries, label schema …).
    pub config: Option<fn() -> Config>,
    /// The text after fixing this rule's findings (fix-all limited to this rule, unsafe and
    /// display-only fixes included).
    pub fixed: Option<&'static str>,
}

impl Case {
    pub(crate) const fn fires(src: &'static str, spans: &'static [&'static str]) -> Case {
        Case { src, spans, config: None, fixed: None }
    }

    pub(crate) const fn quiet(src: &'static str) -> Case {
        Case { src, spans: &[], config: None, fixed: None }
    }

    pub(crate) const fn with_config(self, config: fn() -> Config) -> Case {
        Case { config: Some(config), ..self }
    }

    /// The text fix-all makes of this case with this rule's fixes.
    pub(crate) const fn fixed(self, after: &'static str) -> Case {
        Case { fixed: Some(after), ..self }
    }
}

/// Fix-all limited to one rule, every applicability included.
pub(crate) fn fix_with(meta: &'static RuleMeta, src: &str, config: &Config) -> crate::fix_all::FixAll {
    let opts = crate::fix_all::FixOptions {
        unsafe_fixes: true,
        display_only: true,
        only: Some(meta.code),
        categories: None,
    };
    crate::fix_all::fix_all(src, config, &opts)
}

/// Checks one rule's fixes against its cases: the declared availability holds, every
/// `fixed` case gives exactly its text, the result parses with no new error and the fixed
/// findings are gone, and a second fix-all changes nothing. A fixable rule needs at least
/// one fixed case with a continuation line and a comment, and one under `# escape=\``.
fn check_fixes(meta: &'static RuleMeta, cases: &[Case], failures: &mut Vec<String>) {
    use super::FixAvailability;
    let mut with_fix = 0;
    let mut without_fix = 0;
    for case in cases.iter().filter(|c| !c.spans.is_empty()) {
        let config = case.config.map(|f| f()).unwrap_or_default();
        let result = lint_with(case.src, &config, &Options { only: Some(meta.code) });
        for d in result.diagnostics.iter().filter(|d| d.code == meta.code) {
            match &d.fix {
                Some(fix) if !fix.is_well_formed(case.src) => {
                    failures.push(format!("{}: malformed fix {:?} on {:?}", meta.code, fix, case.src))
                }
                Some(_) => with_fix += 1,
                None => without_fix += 1,
            }
        }
        if case.fixed.is_some() && case.spans.is_empty() {
            failures.push(format!("{}: a quiet case has a fixed text: {:?}", meta.code, case.src));
        }
        let Some(want) = case.fixed else { continue };
        let fixed = fix_with(meta, case.src, &config);
        if fixed.text != want {
            failures.push(format!(
                "{}: fix of {:?}\n  want {:?}\n  got  {:?}\n  skipped {:?}",
                meta.code, case.src, want, fixed.text, fixed.skipped
            ));
            continue;
        }
        let before = crate::syntax::parse(case.src).errors.len();
        let after = crate::syntax::parse(want).errors.len();
        if after > before {
            failures.push(format!("{}: the fixed text has {after} syntax errors: {want:?}", meta.code));
        }
        let left = lint_with(want, &config, &Options { only: Some(meta.code) });
        if left.diagnostics.iter().any(|d| d.code == meta.code && d.fix.is_some()) {
            failures.push(format!("{}: fixable findings remain after fixing: {want:?}", meta.code));
        }
        if fix_with(meta, want, &config).text != want {
            failures.push(format!("{}: a second fix-all changes {want:?}", meta.code));
        }
    }
    let fixed_cases: Vec<&str> = cases.iter().filter_map(|c| c.fixed.map(|_| c.src)).collect();
    match meta.fix {
        FixAvailability::None if with_fix > 0 => {
            failures.push(format!("{}: declared unfixable, but {with_fix} findings carry a fix", meta.code))
        }
        FixAvailability::Always if without_fix > 0 => failures
            .push(format!("{}: declared always fixable, but {without_fix} findings have no fix", meta.code)),
        FixAvailability::Sometimes | FixAvailability::Always if with_fix == 0 => {
            failures.push(format!("{}: declared fixable, but no firing case gets a fix", meta.code))
        }
        FixAvailability::None => {}
        _ => {
            if !fixed_cases.iter().any(|s| s.contains("\\\n") && s.contains('#')) {
                failures.push(format!(
                    "{}: needs a fixed case with a continuation line and a comment",
                    meta.code
                ));
            }
            if !fixed_cases.iter().any(|s| s.starts_with("# escape=`")) {
                failures.push(format!("{}: needs a fixed case under `# escape=`", meta.code));
            }
        }
    }
}

/// The span texts one rule reports on `src`.
pub(crate) fn findings(meta: &'static RuleMeta, src: &str, config: &Config) -> Vec<String> {
    let opts = Options { only: Some(meta.code) };
    lint_with(src, config, &opts)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == meta.code)
        .map(|d| d.span.text(src).to_string())
        .collect()
}

/// Wraps every RUN line of a case in ONBUILD (for rules that also check triggers).
fn onbuild_variant(src: &str) -> Option<String> {
    if !src.lines().any(|l| l.starts_with("RUN ")) {
        return None;
    }
    Some(
        src.lines()
            .map(|l| if l.starts_with("RUN ") { format!("ONBUILD {l}") } else { l.to_string() })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn every_rule_passes_its_cases() {
    let mut failures = Vec::new();
    let mut summary = (0, 0, 0);
    let (mut fixable, mut fixed_cases) = (0, 0);
    // SHIPSHAPE_RULES=DL3008,DL3014 limits the run to those rules (while writing rules).
    let only: Option<Vec<String>> =
        std::env::var("SHIPSHAPE_RULES").ok().map(|v| v.split(',').map(str::to_string).collect());
    for (meta, cases) in super::RULES.iter().map(|e| (e.meta, e.tests)) {
        if only.as_ref().is_some_and(|o| !o.iter().any(|c| meta.answers_to(c))) {
            continue;
        }
        let firing = cases.iter().filter(|c| !c.spans.is_empty()).count();
        let quiet = cases.len() - firing;
        summary.0 += 1;
        summary.1 += firing;
        summary.2 += quiet;
        if meta.fix != super::FixAvailability::None {
            fixable += 1;
        }
        fixed_cases += cases.iter().filter(|c| c.fixed.is_some()).count();
        if firing < 1 || quiet < 2 {
            failures.push(format!("{}: {firing} firing and {quiet} quiet cases (need 1 and 2)", meta.code));
        }
        for case in cases {
            let config = case.config.map(|f| f()).unwrap_or_default();
            let got = findings(meta, case.src, &config);
            if got != case.spans {
                failures.push(format!(
                    "{}: {:?}\n  want {:?}\n  got  {:?}",
                    meta.code, case.src, case.spans, got
                ));
            }
            if meta.onbuild {
                if let Some(wrapped) = onbuild_variant(case.src) {
                    let got = findings(meta, &wrapped, &config);
                    if got.len() != case.spans.len() {
                        failures.push(format!(
                            "{} (ONBUILD): {wrapped:?}\n  want {} findings, got {got:?}",
                            meta.code,
                            case.spans.len()
                        ));
                    }
                }
            }
        }
        check_fixes(meta, cases, &mut failures);
        let config = Config::default();
        // (The docs are empty in a build without the `docs` feature.)
        let docs = cfg!(feature = "docs");
        if docs
            && findings(meta, meta.docs.bad, &config).is_empty()
            && !cases.iter().any(|c| c.config.is_some())
        {
            failures.push(format!("{}: the docs' bad example does not fire:\n{}", meta.code, meta.docs.bad));
        }
        if docs && !findings(meta, meta.docs.good, &config).is_empty() {
            failures.push(format!("{}: the docs' good example fires:\n{}", meta.code, meta.docs.good));
        }
    }
    println!(
        "rule cases: {} rules, {} firing and {} quiet cases; {fixable} rules with fixes, {fixed_cases} before/after cases",
        summary.0, summary.1, summary.2
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// A clean Dockerfile that uses almost every instruction (MAINTAINER is deprecated, so it
/// is left out). No rule that is on by default may fire on it: this catches a rule that
/// looks at the wrong kind of instruction (EXPOSE's words are not an image, …).
const CLEAN: &str = r#"# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22.5
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM debian:bookworm-slim AS runtime
LABEL org.opencontainers.image.title="app" maintainer="team@example.com"
ENV APP_HOME=/app PORT=8080
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/* \
 && curl -fsSL https://example.com/key | gpg --dearmor > /usr/share/keyrings/example.gpg \
 && useradd --no-log-init --uid 10001 --create-home app
WORKDIR /app
COPY --from=build --chown=10001:10001 /out/app /app/bin/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/data.tar.gz /app/data/
VOLUME ["/app/data"]
EXPOSE 8080/tcp
USER 10001:10001
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-fsS", "http://localhost:8080/health"]
ONBUILD COPY config.yaml /app/config.yaml
ENTRYPOINT ["/app/bin/app"]
CMD ["serve"]
"#;

#[test]
fn no_rule_fires_on_a_clean_dockerfile() {
    let config = Config::default();
    let noisy: Vec<String> = super::all_metas()
        .iter()
        .filter(|m| m.severity.is_some())
        .flat_map(|m| findings(m, CLEAN, &config).into_iter().map(move |f| format!("{}: {f:?}", m.code)))
        .collect();
    assert!(noisy.is_empty(), "rules fired on the clean Dockerfile: {noisy:#?}");
    assert!(crate::lint(CLEAN, &config).diagnostics.is_empty());
}

/// Rules whose bad example cannot avoid firing another rule, because the two always come
/// together: (rule, companion).
const COMPANIONS: &[(&str, &str)] = &[
    ("DL3043", "DL1000"), // ONBUILD FROM is also a BuildKit syntax error
    ("DL3061", "DL1000"), // an instruction before FROM is also a BuildKit error
    ("DL3002", "DL3066"), // `USER root` is also a non-numeric user
    ("SS6002", "DL3066"), // a user nobody creates is also a non-numeric user
    ("SS2164", "DL3003"), // `cd` without `|| exit` is also a `cd` in RUN
    // A first relative WORKDIR is both relative (DL3000) and unanchored (BuildKit).
    ("DL3000", "WorkdirRelativePath"),
    ("WorkdirRelativePath", "DL3000"),
    // A constant --platform is both any --platform (DL3029) and a constant one (BuildKit).
    ("DL3029", "FromPlatformFlagConstDisallowed"),
    ("FromPlatformFlagConstDisallowed", "DL3029"),
    // A wrong platform written out is also a constant one.
    ("InvalidBaseImagePlatform", "DL3029"),
    ("InvalidBaseImagePlatform", "FromPlatformFlagConstDisallowed"),
];

/// Every rule's docs: the bad example fires that rule and no other rule that is on by
/// default (so the example teaches one thing), and the good example does not fire it.
#[cfg(feature = "docs")]
#[test]
fn docs_examples_fire_exactly_their_rule() {
    let config = Config::default();
    let mut failures = Vec::new();
    for meta in super::all_metas() {
        let others: Vec<String> = crate::lint(meta.docs.bad, &config)
            .diagnostics
            .iter()
            .filter(|d| d.code != meta.code && !COMPANIONS.contains(&(meta.code, d.code)))
            .map(|d| format!("{} {:?}", d.code, d.span.text(meta.docs.bad)))
            .collect();
        if !others.is_empty() {
            failures.push(format!("{}: the bad example also fires {}", meta.code, others.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{} docs examples:\n{}", failures.len(), failures.join("\n"));
}
