//! SS4005: the final stage exposes a port but has no HEALTHCHECK.

use crate::analysis::images::{base_lacks, official};
use crate::analysis::stages::last_stage;
use crate::rules::prelude::*;

declare_rule! {
    ExposeWithoutHealthcheck {
        code: "SS4005",
        name: "expose-without-healthcheck",
        severity: Off,
        category: Maintainability,
        fix: Sometimes,
        origin: Shipshape,
        summary: "The image serves a port but has no HEALTHCHECK",
        why: "A container whose process is running is not necessarily serving: it may still be \
              starting, or stuck. A HEALTHCHECK lets Docker probe the service (for example \
              `curl --fail http://localhost:8000/`) and report the container as healthy or \
              unhealthy in `docker ps`. Unlike hadolint's DL3057, which asks every stage for a \
              HEALTHCHECK, this rule only asks it of an image that EXPOSEs a port, i.e. a \
              service. It is off by default: Kubernetes, ECS and other orchestrators ignore \
              HEALTHCHECK and use their own probes. The fix (display only) inserts a \
              HEALTHCHECK template on the exposed port, to adapt to the service (none when no \
              probe is known to exist in the image).",
        bad: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nEXPOSE 80\n",
        good: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nEXPOSE 80\nHEALTHCHECK CMD [\"wget\", \"-q\", \"--spider\", \"http://localhost/\"]\n",
    }
}

/// Whether a stage's steps mention `tool` as a word (install it, copy it, use it).
fn mentions(cx: &Cx, stage: usize, tool: &str) -> bool {
    cx.analysis.lineage(cx.file, stage).any(|i| {
        matches!(i.keyword, Keyword::Run | Keyword::Copy | Keyword::Add)
            && i.logical.text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|w| w == tool)
    })
}

/// The probe of the template, as the items of an exec-form command: curl, or a tool the
/// image is known to have (SS4006 reports a probe the image lacks). `None` when no probe
/// is known to work.
fn probe(cx: &Cx, stage: usize, url: &str) -> Option<Vec<String>> {
    let base = cx.analysis.root_image(cx.file, stage);
    let lacks = base.map(base_lacks).unwrap_or_default();
    let runtime = base.and_then(official).map(|o| o.name);
    let items = if !lacks.curl || mentions(cx, stage, "curl") {
        vec!["curl".into(), "-fsS".into(), url.into()]
    } else if !lacks.wget || mentions(cx, stage, "wget") {
        vec!["wget".into(), "-q".into(), "--spider".into(), url.into()]
    } else if runtime == Some("python") {
        vec!["python".into(), "-c".into(), format!("import urllib.request; urllib.request.urlopen('{url}')")]
    } else if runtime == Some("node") {
        let script = format!("fetch('{url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))");
        vec!["node".into(), "-e".into(), script]
    } else {
        return None;
    };
    Some(items)
}

/// A HEALTHCHECK template with a comment, probing `port` (port 80 when `None`), above the
/// first CMD or ENTRYPOINT of the stage (and the comment lines right above it), or after
/// the stage's last instruction. DL3057 offers the same template.
pub(crate) fn template(cx: &Cx, stage: usize, port: Option<&str>) -> Option<Fix> {
    let source = cx.source;
    let port = port.map(|port| {
        let port = port.split('/').next().unwrap_or(port);
        if port.starts_with('$') {
            port
        } else {
            port.split('-').next().unwrap_or(port)
        }
    });
    let url = port.map_or("http://localhost/".to_string(), |port| format!("http://localhost:{port}/"));
    let items = probe(cx, stage, &url)?;
    // The exec form (DL3025 asks for it); a variable port needs a shell to expand it.
    let items = if url.contains('$') { vec!["sh".into(), "-c".into(), items.join(" ")] } else { items };
    let command = format!(
        "[{}]",
        items
            .iter()
            .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let instrs = cx.file.stage_instructions(&cx.file.stages[stage]);
    let start = instrs.iter().find(|i| matches!(i.keyword, Keyword::Cmd | Keyword::Entrypoint));
    let like = start.unwrap_or(&instrs[0]).keyword_word.span.text(source);
    let eol = crate::edits::line_break(source);
    let lines = |indent: &str| {
        format!(
            "{indent}# Adapt this check to the service: its port, a path that answers when it is \
             healthy, a tool the image has.{eol}{indent}{} {} {}",
            crate::edits::same_case(like, "HEALTHCHECK"),
            crate::edits::same_case(like, "CMD"),
            command
        )
    };
    let edit =
        match start {
            Some(instr) => {
                let mut at = crate::edits::whole_lines(source, instr.span).start;
                while let Some(c) = cx.file.comments.iter().find(|c| {
                    !c.in_continuation && crate::edits::whole_lines(source, c.span).end == at && at > 0
                }) {
                    at = crate::edits::whole_lines(source, c.span).start;
                }
                let indent = crate::edits::indentation(source, instr.span.start);
                Edit::insert(at, format!("{}{eol}", lines(indent)))
            }
            None => {
                let last = instrs.last().expect("a stage has its FROM");
                let end = crate::edits::whole_lines(source, last.span).end;
                let indent = crate::edits::indentation(source, last.span.start);
                if source[..end as usize].ends_with('\n') {
                    Edit::insert(end, format!("{}{eol}", lines(indent)))
                } else {
                    Edit::insert(end, format!("{eol}{}", lines(indent)))
                }
            }
        };
    Some(Fix::display_only("Add a HEALTHCHECK template", vec![edit]))
}

#[derive(Default)]
pub struct ExposeWithoutHealthcheck;

impl Rule for ExposeWithoutHealthcheck {
    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        let mut port = None;
        for instr in cx.analysis.lineage(cx.file, stage) {
            match (&instr.keyword, &instr.args) {
                (Keyword::Healthcheck, _) => return,
                (Keyword::Expose, Args::Words(words)) if port.is_none() => {
                    port = words.first().map(|w| w.span)
                }
                _ => {}
            }
        }
        let Some(span) = port else { return };
        let fix = template(cx, stage, Some(cx.text(span)));
        let d =
            cx.report(span, format!("The image serves port `{}` but has no `HEALTHCHECK`", cx.text(span)));
        d.with_help("Add `HEALTHCHECK CMD …` with a command that fails when the service does not answer.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM nginx:1.27\nEXPOSE 80 443", &["80"])
        .fixed("FROM nginx:1.27\nEXPOSE 80 443\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost:80/\"]"),
    Case::fires("FROM node:20 AS base\nEXPOSE 3000\nFROM base\nCMD [\"node\", \"server.js\"]", &["3000"])
        .fixed("FROM node:20 AS base\nEXPOSE 3000\nFROM base\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"curl\", \"-fsS\", \"http://localhost:3000/\"]\nCMD [\"node\", \"server.js\"]"),
    // Above the comment lines of the CMD; an image without curl gets wget.
    Case::fires(
        "FROM alpine:3.20\nEXPOSE 8080/tcp\nRUN apk add --no-cache tini \\\n  # for signals\n  && true\n# start\n# the server\ncmd [\"nginx\", \\\n  \"-g\", \"daemon off;\"]",
        &["8080/tcp"],
    )
    .fixed("FROM alpine:3.20\nEXPOSE 8080/tcp\nRUN apk add --no-cache tini \\\n  # for signals\n  && true\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nhealthcheck cmd [\"wget\", \"-q\", \"--spider\", \"http://localhost:8080/\"]\n# start\n# the server\ncmd [\"nginx\", \\\n  \"-g\", \"daemon off;\"]"),
    // A slim Python image has neither curl nor wget: Python itself probes.
    Case::fires("# escape=`\nFROM python:3.12-slim\nEXPOSE 8000\nENTRYPOINT [\"python\", `\n  \"app.py\"]", &["8000"])
        .fixed("# escape=`\nFROM python:3.12-slim\nEXPOSE 8000\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"]\nENTRYPOINT [\"python\", `\n  \"app.py\"]"),
    // CRLF line breaks, an indented CMD, a port range, a slim Node image.
    Case::fires("FROM node:20-slim\r\nEXPOSE 3000-3002\r\n  CMD [\"node\", \"server.js\"]\r\n", &["3000-3002"])
        .fixed("FROM node:20-slim\r\nEXPOSE 3000-3002\r\n  # Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\r\n  HEALTHCHECK CMD [\"node\", \"-e\", \"fetch('http://localhost:3000/').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]\r\n  CMD [\"node\", \"server.js\"]\r\n"),
    // A variable port needs a shell; curl installed by the stage.
    Case::fires("FROM debian:bookworm-slim\nRUN apt-get install -y curl\nEXPOSE $PORT\nCMD [\"/app\"]\n", &["$PORT"])
        .fixed("FROM debian:bookworm-slim\nRUN apt-get install -y curl\nEXPOSE $PORT\n# Adapt this check to the service: its port, a path that answers when it is healthy, a tool the image has.\nHEALTHCHECK CMD [\"sh\", \"-c\", \"curl -fsS http://localhost:$PORT/\"]\nCMD [\"/app\"]\n"),
    // No probe is known to exist in the image: no template.
    Case::fires("FROM debian:bookworm-slim\nEXPOSE 8080\nCMD [\"/app\"]", &["8080"]),
    Case::quiet("FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1"),
    Case::quiet("FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE"),
    Case::quiet("FROM node:20 AS build\nEXPOSE 3000\nFROM node:20-slim\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM debian:bookworm\nCMD [\"bash\"]"),
    Case::quiet("FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nEXPOSE 80"),
    Case::quiet("FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD [\"curl\", \"-f\", \"http://localhost/\"]\nEXPOSE 80"),
    Case::quiet("FROM nginx:1.27\n# EXPOSE 80\nCMD [\"nginx\"]"),
    Case::quiet("FROM nginx:1.27\nRUN echo EXPOSE 80\nCMD [\"nginx\"]"),
    Case::quiet("FROM node:20\nEXPOSE 3000\nHEALTHCHECK CMD node healthcheck.js\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM python:3.12-slim\nLABEL port=8000\nCMD [\"python\", \"app.py\"]"),
    Case::quiet("FROM node:20 AS a\nEXPOSE 3000\nFROM node:20 AS b\nCMD [\"node\"]"),
    Case::quiet("FROM nginx:1.27\nONBUILD EXPOSE 80\nCMD [\"nginx\"]"),
    Case::quiet("FROM nginx:1.27\nEXPOSE 80\nhealthcheck cmd curl -f http://localhost/"),
    Case::quiet("# escape=`\nFROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK `\n  CMD curl -f http://localhost/"),
    Case::quiet("FROM scratch\nCOPY app /\nENTRYPOINT [\"/app\"]"),
];
