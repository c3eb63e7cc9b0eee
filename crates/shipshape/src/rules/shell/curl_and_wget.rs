//! DL4001: both `curl` and `wget` in one stage.

use crate::rules::prelude::*;

declare_rule! {
    CurlAndWget {
        code: "DL4001",
        name: "curl-and-wget",
        severity: Warning,
        category: Size,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "Use either wget or curl, not both",
        why: "`curl` and `wget` do the same job. Using both means both (and their libraries) \
              end up installed in the image, and readers have to know two sets of flags. Pick \
              one per stage.",
        bad: "FROM debian:bookworm\nRUN wget -q https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\n",
        good: "FROM debian:bookworm\nRUN curl -fsSLO https://example.com/a.tgz && curl -fsSLO https://example.com/b.tgz\n",
    }
}

/// Which of the two tools a stage has used so far.
#[derive(Default)]
struct Seen {
    curl: bool,
    wget: bool,
}

/// Kept apart for RUN and for ONBUILD triggers, as hadolint does.
#[derive(Default)]
pub struct CurlAndWget {
    run: Seen,
    onbuild: Seen,
}

impl Rule for CurlAndWget {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword == Keyword::From {
            *self = CurlAndWget::default();
            return;
        }
        let Some(script) = cx.script else { return };
        let seen = if cx.onbuild { &mut self.onbuild } else { &mut self.run };
        let first = |name: &str| script.commands.iter().find(|c| c.is(name)).and_then(|c| c.program());
        let (curl, wget) = (first("curl"), first("wget"));
        seen.curl |= curl.is_some();
        seen.wget |= wget.is_some();
        if !(seen.curl && seen.wget) {
            return;
        }
        let mut found: Vec<(Span, &str)> = [(curl, "curl"), (wget, "wget")]
            .into_iter()
            .filter_map(|(w, n)| w.map(|w| (w.span, n)))
            .collect();
        crate::sort::plain(&mut found);
        for (span, name) in found {
            let other = if name == "curl" { "wget" } else { "curl" };
            cx.report(span, format!("Either use `wget` or `curl`, not both: this stage also uses `{other}`"))
                .with_help("Pick one download tool per stage.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node\nRUN wget my.xyz\nRUN curl localhost", &["curl"]),
    Case::fires("FROM node\nRUN wget my.xyz && curl localhost", &["wget", "curl"]),
    Case::fires(
        "FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com",
        &["curl", "wget"],
    ),
    Case::fires("FROM node\nRUN wget a\nRUN curl b\nFROM scratch\nRUN curl c", &["curl"]),
    Case::quiet("FROM node\nRUN wget my.xyz"),
    Case::quiet("FROM node\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost"),
    Case::quiet("FROM node\nRUN apt-get install -y curl wget"),
    // The other tool only inside an echoed string.
    Case::quiet("FROM node\nRUN wget -q my.xyz && echo \"curl is not installed\""),
    // The other tool as an argument of other programs.
    Case::quiet("FROM node\nRUN wget -q my.xyz && apk del curl && which curl || true"),
    // Programs whose names only start like the tools.
    Case::quiet("FROM node\nRUN curl-config --version && wget2 my.xyz"),
    // HEALTHCHECK is not a RUN: its command is not part of the build.
    Case::quiet("FROM node\nRUN curl -fsSLO a\nHEALTHCHECK CMD wget -qO- http://localhost/"),
    // The other tool in a shell comment.
    Case::quiet("FROM node\nRUN curl -fsSLO a  # wget is slower"),
];
