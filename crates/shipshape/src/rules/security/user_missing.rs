//! SS4004: the final stage runs its command without ever setting a USER.

use crate::analysis::context::adds_files;
use crate::analysis::images::{image_parts, official};
use crate::analysis::stages::last_stage;
use crate::analysis::startup::runs_application;
use crate::rules::prelude::*;

declare_rule! {
    UserMissing {
        code: "SS4004",
        name: "user-missing",
        severity: Off,
        category: Security,
        fix: Sometimes,
        origin: Shipshape,
        summary: "The final stage never sets USER, so the container runs as root",
        why: "Without a USER instruction a container runs as root, and root in the container \
              is root on the host's kernel: an attacker who takes over the process can try \
              every attack a privileged user can. Create an unprivileged user and switch to it \
              (a numeric `USER 10001` also works in `scratch` and distroless images, where the \
              process would otherwise be uid 0 too). The rule looks at the stage that becomes \
              the image, only when it adds files of its own and runs an application (a CMD or \
              ENTRYPOINT that is not just a shell or an idle command; not a base or development \
              image), and stays quiet for images that drop \
              privileges themselves (`gosu`, `su-exec`) or already run as non-root \
              (distroless `nonroot` tags, Bitnami, `*-unprivileged`). hadolint's DL3002 \
              reports an explicit `USER root`. The rule is off by default: many images start \
              as root on purpose (official server images whose entrypoint drops privileges, \
              daemons that bind low ports), and a third of real Dockerfiles would be reported. \
              The fix (unsafe) creates user 10001 with the base image's tool (`useradd`, or \
              `adduser -D` on Alpine; none in `scratch` and distroless) and adds `USER 10001` \
              after the stage's last RUN, COPY, ADD or WORKDIR; for other bases it is a \
              template to adapt.",
        bad: "FROM debian:bookworm-slim\nCOPY --chmod=755 app /usr/local/bin/app\nCMD [\"app\"]\n",
        good: "FROM debian:bookworm-slim\nRUN useradd --no-log-init --uid 10001 app\nCOPY --chmod=755 app /usr/local/bin/app\nUSER 10001\nCMD [\"app\"]\n",
    }
}

/// Base images known to run as a non-root user, or that are not Linux images.
fn runs_unprivileged(word: &Word) -> bool {
    let (name, tag) = image_parts(word);
    let last = name.rsplit('/').next().unwrap_or(&name);
    (name.starts_with("gcr.io/distroless/") && tag.contains("nonroot"))
        || name.starts_with("cgr.dev/chainguard/")
        || name.starts_with("bitnami/")
        || name.contains("/bitnami/")
        || last.ends_with("-unprivileged")
        || last.ends_with("-rootless")
        || tag.contains("rootless")
        || tag.contains("nonroot")
        || name.contains("windows")
        || name.contains("nanoserver")
        || name.contains("servercore")
        || tag.contains("windowsservercore")
        || tag.contains("nanoserver")
}

/// Programs that switch to another user at run time.
const DROPPERS: &[&str] = &["gosu", "su-exec", "setpriv", "runuser", "chpst", "s6-setuidgid", "setuidgid"];

/// How an image's distribution creates a user.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Users {
    /// No shell or user tools (`scratch`, distroless): a numeric USER is all there is.
    None,
    /// Debian and Ubuntu: `useradd`.
    Useradd,
    /// Alpine and BusyBox: `adduser -D`.
    Adduser,
    /// Not known.
    Unknown,
}

fn users(word: &Word) -> Users {
    if word.text.eq_ignore_ascii_case("scratch") {
        return Users::None;
    }
    let (name, tag) = image_parts(word);
    if word.text.contains('$') {
        return Users::Unknown;
    }
    if name.starts_with("gcr.io/distroless/") {
        return Users::None;
    }
    let Some(o) = official(word) else { return Users::Unknown };
    match o.name {
        "alpine" | "busybox" => Users::Adduser,
        "debian" | "ubuntu" => Users::Useradd,
        // Official images built on Debian (Ubuntu for Temurin), or on Alpine in their
        // `-alpine` variants.
        "python" | "node" | "ruby" | "perl" | "rust" | "golang" | "php" | "nginx" | "httpd"
        | "eclipse-temurin" => {
            if tag.contains("alpine") {
                Users::Adduser
            } else if tag.contains("windows") || tag.contains("nanoserver") {
                Users::Unknown
            } else {
                Users::Useradd
            }
        }
        _ => Users::Unknown,
    }
}

/// Where a command can be appended to a RUN with ` && …`: after the last top-level command
/// of its shell-form script (its words and redirects), when it has no heredoc.
fn script_end(cx: &Cx, instr: &Instruction) -> Option<u32> {
    if instr.keyword != Keyword::Run || !instr.heredocs.is_empty() {
        return None;
    }
    let script = Script::of_run(instr, cx.source)?;
    let last = script.commands.last()?;
    if !script.unreadable.is_empty() || last.depth != 0 || last.in_substitution {
        return None;
    }
    last.words
        .iter()
        .map(|w| w.span.end)
        .chain(last.redirects.iter().map(|r| r.span.end))
        .chain(last.assignments.iter().map(|a| a.span.end))
        .max()
}

/// Creates user 10001 and switches to it after the final stage's last RUN, COPY, ADD or
/// WORKDIR (the steps that may need root), or after its FROM. `None` when the stage
/// already creates a user (which one to switch to is the author's call).
fn add_user(cx: &Cx, stage: usize) -> Option<Fix> {
    let source = cx.source;
    let creates = cx.analysis.lineage(cx.file, stage).any(|i| {
        i.keyword == Keyword::Run
            && i.logical
                .text
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|w| matches!(w, "useradd" | "adduser" | "groupadd" | "addgroup" | "usermod"))
    });
    if creates {
        return None;
    }
    let kind = cx.analysis.root_image(cx.file, stage).map_or(Users::Unknown, users);
    let instrs = cx.file.stage_instructions(&cx.file.stages[stage]);
    let anchor = instrs
        .iter()
        .rev()
        .find(|i| matches!(i.keyword, Keyword::Run | Keyword::Copy | Keyword::Add | Keyword::Workdir))
        .unwrap_or(&instrs[0]);
    let like = instrs[0].keyword_word.span.text(source);
    let (run, user) = (crate::edits::same_case(like, "RUN"), crate::edits::same_case(like, "USER"));
    let create = match kind {
        Users::Useradd | Users::Unknown => Some("useradd --no-log-init --uid 10001 app"),
        Users::Adduser => Some("adduser -D -u 10001 app"),
        Users::None => None,
    };
    let mut edits = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    if kind == Users::Unknown {
        lines.push(
            "# Adapt to the base image: `useradd` on Debian, Ubuntu and Fedora, `adduser -D` on Alpine."
                .to_string(),
        );
    }
    if let Some(create) = create {
        // Appended to a RUN right before (a RUN of its own would make two in a row: DL3059).
        match script_end(cx, anchor) {
            Some(at) if kind != Users::Unknown => edits.push(Edit::insert(at, format!(" && {create}"))),
            _ => lines.push(format!("{run} {create}")),
        }
    }
    lines.push(format!("{user} 10001"));
    let indent = crate::edits::indentation(source, anchor.span.start);
    let end = crate::edits::whole_lines(source, anchor.span).end as usize;
    let eol = crate::edits::line_break(source);
    let text: Vec<String> = lines.iter().map(|l| format!("{indent}{l}")).collect();
    let text = text.join(eol);
    edits.push(if source[..end].ends_with('\n') {
        Edit::insert(end as u32, format!("{text}{eol}"))
    } else {
        Edit::insert(end as u32, format!("{eol}{text}"))
    });
    Some(match kind {
        // The user tools of an unknown base are a guess.
        Users::Unknown => Fix::display_only("Add a non-root user and `USER`", edits),
        // Unsafe: the application then runs without root: files it writes, ports below 1024
        // and an entrypoint that needs root may stop working.
        _ => Fix::unsafe_("Add a non-root user and `USER`", edits),
    })
}

#[derive(Default)]
pub struct UserMissing;

impl Rule for UserMissing {
    fn finish(&mut self, cx: &mut Cx) {
        let Some(stage) = last_stage(cx.file) else { return };
        if !cx.state.posix_shell() {
            return;
        }
        if cx.analysis.root_image(cx.file, stage).is_some_and(runs_unprivileged) {
            return;
        }
        for instr in cx.analysis.lineage(cx.file, stage) {
            match instr.keyword {
                Keyword::User => return,
                Keyword::Cmd | Keyword::Entrypoint | Keyword::Run => {}
                _ => continue,
            }
            let text = instr.logical.text.to_ascii_lowercase();
            let mentions = |p: &str| {
                text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).any(|w| w == p)
            };
            if DROPPERS.iter().any(|p| mentions(p)) {
                return;
            }
        }
        if !runs_application(cx.analysis, cx.file, stage, true) || !adds_files(cx.analysis, cx.file, stage) {
            return;
        }
        let from = &cx.file.instructions[cx.file.stages[stage].instructions.start];
        let fix = add_user(cx, stage);
        let d = cx.report(
            from.keyword_word.span,
            "The final stage never sets `USER`, so the container runs as root",
        );
        d.with_help(
            "Create an unprivileged user (`RUN useradd --uid 10001 app`) and add `USER 10001` after the \
             steps that need root.",
        );
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:bookworm\nCOPY app /usr/local/bin/app\nCMD [\"app\"]", &["FROM"]).fixed(
        "FROM debian:bookworm\nCOPY app /usr/local/bin/app\nRUN useradd --no-log-init --uid 10001 app\nUSER 10001\nCMD [\"app\"]",
    ),
    Case::fires("FROM golang:1.22 AS build\nUSER 1000\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]", &["FROM"])
        .fixed("FROM golang:1.22 AS build\nUSER 1000\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nUSER 10001\nENTRYPOINT [\"/app\"]"),
    Case::fires("FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]", &["FROM"])
        .fixed("FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 10001\nENTRYPOINT [\"/app\"]"),
    Case::fires("FROM alpine:3.20\nCOPY app /app\nCMD [\"/app\"]", &["FROM"])
        .fixed("FROM alpine:3.20\nCOPY app /app\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"/app\"]"),
    // After the last step of the stage; continuation lines and comments are kept.
    Case::fires(
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir \\\n    # the deps\n    -r requirements.txt\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]",
        &["FROM"],
    )
    .fixed("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir \\\n    # the deps\n    -r requirements.txt && useradd --no-log-init --uid 10001 app\nUSER 10001\nEXPOSE 8000\nCMD [\"python\", \"app.py\"]"),
    Case::fires("# escape=`\nFROM node:20-alpine\nCOPY app `\n  /app\nCMD [\"node\", \"/app\"]", &["FROM"])
        .fixed("# escape=`\nFROM node:20-alpine\nCOPY app `\n  /app\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"node\", \"/app\"]"),
    // CRLF, lower-case keywords, the last step at the end of the file.
    Case::fires("from debian:bookworm\r\ncmd [\"/app\"]\r\ncopy app /app", &["from"])
        .fixed("from debian:bookworm\r\ncmd [\"/app\"]\r\ncopy app /app\r\nrun useradd --no-log-init --uid 10001 app\r\nuser 10001"),
    // A base whose tools are not known: a template to adapt.
    Case::fires("FROM myorg/base:1\nCOPY app /app\nCMD [\"/app\"]", &["FROM"])
        .fixed("FROM myorg/base:1\nCOPY app /app\n# Adapt to the base image: `useradd` on Debian, Ubuntu and Fedora, `adduser -D` on Alpine.\nRUN useradd --no-log-init --uid 10001 app\nUSER 10001\nCMD [\"/app\"]"),
    // A user is created but not switched to: which one is the author's call, no fix.
    Case::fires("FROM debian:bookworm\nRUN useradd app\nCOPY app /app\nCMD [\"/app\"]", &["FROM"]),
    Case::quiet("FROM debian:bookworm\nRUN useradd -u 10001 app\nCOPY app /app\nUSER 10001\nCMD [\"/app\"]"),
    // Nothing of its own: a base image configured.
    Case::quiet("FROM python:3.12-slim\nCMD [\"python\"]"),
    // Inherited from the stage it is built on.
    Case::quiet("FROM debian:bookworm AS base\nUSER 10001\nFROM base\nCOPY app /app\nCMD [\"/app\"]"),
    // No command: a base image for other images.
    Case::quiet("FROM debian:bookworm\nRUN apt-get update"),
    Case::quiet("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\nENTRYPOINT [\"/app\"]"),
    Case::quiet("FROM alpine:3.20\nRUN apk add --no-cache su-exec\nENTRYPOINT [\"/entrypoint.sh\"]"),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"cmd\"]"),
    // An explicit root user is DL3002's.
    Case::quiet("FROM debian:bookworm\nCOPY app /app\nUSER root\nCMD [\"/app\"]"),
    Case::quiet("FROM alpine:3.20\nRUN adduser -D -u 10001 app\nCOPY app /app\nUSER 10001\nCMD [\"/app\"]"),
    Case::quiet("FROM scratch\nCOPY app /app\nUSER 10001\nENTRYPOINT [\"/app\"]"),
    Case::quiet("FROM debian:bookworm\nCOPY app /app\nUSER app\nCMD [\"/app\"]"),
    Case::quiet("FROM debian:bookworm\nCOPY entrypoint.sh /\nENTRYPOINT [\"gosu\", \"app\", \"/app\"]"),
    Case::quiet("FROM bitnami/redis:7.2\nCOPY conf /conf\nCMD [\"redis-server\"]"),
    Case::quiet("FROM nginxinc/nginx-unprivileged:1.27\nCOPY site /usr/share/nginx/html\nCMD [\"nginx\", \"-g\", \"daemon off;\"]"),
    Case::quiet("FROM debian:bookworm\nCOPY app /app\nCMD [\"bash\"]"),
    Case::quiet("FROM alpine:3.20\nCOPY app /app\nUSER nobody\nCMD [\"/app\"]"),
    Case::quiet("FROM debian:bookworm\nCOPY app /app\nCMD [\"sleep\", \"infinity\"]"),
    Case::quiet("FROM debian:bookworm AS build\nCOPY app /app\nCMD [\"/app\"]\nFROM debian:bookworm\nUSER 10001\nCOPY --from=build /app /app\nCMD [\"/app\"]"),
];
