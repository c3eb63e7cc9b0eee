//! SS4006: a HEALTHCHECK that runs curl or wget in an image that does not have it.

use crate::analysis::images::base_lacks;
use crate::analysis::startup::command_script;
use crate::analysis::stages::stage_at;
use crate::rules::prelude::*;

declare_rule! {
    HealthcheckToolMissing {
        code: "SS4006",
        name: "healthcheck-tool-missing",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        summary: "The HEALTHCHECK runs curl or wget, which the image does not have",
        why: "The seed guide's example health check is `curl --fail http://localhost:8000`, but \
              slim, distroless and `scratch` images ship neither curl nor wget (Alpine only has \
              BusyBox's wget). The check then fails every time with \"not found\", the container \
              is reported unhealthy, and an orchestrator that acts on it restarts a service that \
              was fine. The rule fires only when the base image is known to lack the tool and \
              no step of the stage mentions it (installs it, copies it, or uses it) or runs \
              an installer script the rule cannot see into.",
        bad: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8000\nUSER 10001\nHEALTHCHECK CMD [\"curl\", \"--fail\", \"http://localhost:8000/\"]\nCMD [\"python\", \"app.py\"]\n",
        good: "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8000\nUSER 10001\nHEALTHCHECK CMD [\"curl\", \"--fail\", \"http://localhost:8000/\"]\nCMD [\"python\", \"app.py\"]\n",
    }
}

#[derive(Default)]
pub struct HealthcheckToolMissing {
    /// HEALTHCHECK programs: (stage, span, tool).
    probes: Vec<(usize, Span, &'static str)>,
}

/// Whether an instruction mentions `tool` as a word (a package, a command, a path).
fn mentions(instr: &Instruction, tool: &str) -> bool {
    let text = match instr.keyword {
        Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Onbuild => &instr.logical.text,
        _ => return false,
    };
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|w| w == tool)
}

/// Whether an instruction may put programs into the image that the rule cannot see: a
/// script or installer run by RUN (`./install.sh`, `/opt/app/scripts/setup`,
/// `bash setup.sh`, `curl … | sh`), or a whole file system copied or unpacked into `/`.
fn opaque(instr: &Instruction, source: &str) -> bool {
    match instr.keyword {
        Keyword::Copy | Keyword::Add => {
            let Args::List { items, .. } = &instr.args else { return false };
            let root = items.last().is_some_and(|d| d.text.trim_matches('"') == "/");
            root && (instr.flag("from").is_some() || instr.keyword == Keyword::Add)
        }
        Keyword::Run => {
            let Some(script) = Script::of_run(instr, source) else { return false };
            script.commands.iter().any(|c| {
                let Some(p) = c.program().map(|w| w.text()) else { return false };
                let system = ["/bin/", "/usr/bin/", "/sbin/", "/usr/sbin/"].iter().any(|d| p.starts_with(d));
                let shell_script = c.is_any(&["sh", "bash", "ash", "dash"])
                    && (c.joiner == Joiner::Pipe || c.positionals().iter().any(|a| !a.text().is_empty()));
                p.ends_with(".sh") || (p.contains('/') && !system) || shell_script
            })
        }
        _ => false,
    }
}

impl Rule for HealthcheckToolMissing {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let (Keyword::Healthcheck, Args::Healthcheck { command, .. }) = (&instr.keyword, &instr.args) else {
            return;
        };
        let Some(stage) = stage_at(cx.file, cx.index) else { return };
        let Some(script) = command_script(instr, command, cx.state.posix_shell()) else { return };
        for cmd in &script.commands {
            let Some(program) = cmd.program() else { continue };
            let tool = match cmd.name() {
                Some("curl") => "curl",
                Some("wget") => "wget",
                _ => continue,
            };
            self.probes.push((stage, program.span, tool));
        }
    }

    fn finish(&mut self, cx: &mut Cx) {
        for &(stage, span, tool) in &self.probes {
            let Some(base) = cx.analysis.root_image(cx.file, stage) else { continue };
            let lacks = base_lacks(base);
            let missing = match tool {
                "curl" => lacks.curl,
                _ => lacks.wget,
            };
            if !missing || cx.analysis.lineage(cx.file, stage).any(|i| mentions(i, tool) || opaque(i, cx.source)) {
                continue;
            }
            cx.report(
                span,
                format!(
                    "The HEALTHCHECK runs `{tool}`, which `{}` does not include and this stage never installs",
                    base.text
                ),
            )
            .with_help(format!(
                "Install {tool} in the image, or probe with a program the image has (the runtime itself, or \
                 the application's own health command)."
            ));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM python:3.12-slim\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1", &["curl"]),
    Case::fires("FROM debian:bookworm-slim\nHEALTHCHECK --interval=30s CMD [\"wget\", \"-qO-\", \"http://localhost/\"]", &["wget"]),
    Case::fires("FROM alpine:3.20\nRUN apk add --no-cache python3\nHEALTHCHECK CMD curl -f http://localhost/", &["curl"]),
    Case::fires(
        "FROM golang:1.22 AS build\nRUN apt-get install -y curl\nFROM gcr.io/distroless/static-debian12\nHEALTHCHECK CMD [\"/bin/sh\", \"-c\", \"curl -f http://localhost/\"]",
        &["curl"],
    ),
    // BusyBox has wget.
    Case::quiet("FROM alpine:3.20\nHEALTHCHECK CMD wget -q --spider http://localhost/"),
    Case::quiet("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl\nHEALTHCHECK CMD curl -f http://localhost/"),
    // Installed after the HEALTHCHECK still counts.
    Case::quiet("FROM node:20-alpine\nHEALTHCHECK CMD curl -f http://localhost/\nRUN apk add --no-cache curl"),
    // Full images ship curl; unknown images may.
    Case::quiet("FROM python:3.12\nHEALTHCHECK CMD curl -f http://localhost/"),
    Case::quiet("FROM myorg/base:1\nHEALTHCHECK CMD curl -f http://localhost/"),
    Case::quiet("FROM debian:bookworm-slim AS base\nRUN apt-get install -y wget\nFROM base\nHEALTHCHECK CMD wget -q http://localhost/"),
    Case::quiet("FROM ubuntu:24.04\nCOPY app.tar.gz /root/\nRUN /root/app/scripts/setup/install\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]"),
    Case::quiet("FROM alpine:3.20 AS os\nRUN mkdir /rootfs\nFROM scratch\nCOPY --from=os /rootfs/ /\nHEALTHCHECK CMD wget -q http://localhost/"),
    Case::quiet("FROM debian:bookworm-slim\nCOPY --from=curlimages/curl:8.8.0 /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD curl -f http://localhost/"),
];
