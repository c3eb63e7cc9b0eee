use super::*;
use crate::analysis::Analysis;
use crate::syntax::parse;

/// The violations of a file, each as `line: kind text`.
fn violations(src: &str) -> Vec<String> {
    let p = parse(src);
    let a = Analysis::new(src, &p.file, &[]);
    a.build
        .violations
        .iter()
        .map(|(_, v)| {
            let line = crate::syntax::text::line_of(src, v.span().start);
            let kind = match v {
                Violation::NoPackageLists { .. } => "lists",
                Violation::UnknownUser { .. } => "user",
                Violation::MissingPath { .. } => "path",
                Violation::MissingProgram { .. } => "program",
            };
            format!("{line}: {kind} {}", v.span().text(src))
        })
        .collect()
}

#[test]
fn apt_lists() {
    // The seed's example after DL3009's fix alone: the lists are gone before the install.
    assert_eq!(
        violations(
            "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y gcc\n"
        ),
        ["3: lists install"]
    );
    // Never fetched in the stage.
    assert_eq!(violations("FROM python:3.12-slim\nRUN apt-get install -y gcc\n"), ["2: lists install"]);
    // Removed earlier in the same RUN.
    assert_eq!(
        violations("FROM ubuntu:24.04\nRUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get install -y gcc\n"),
        ["2: lists install"]
    );
    // The right order, a stage built on one with lists, a mount, an unknown image, a local .deb.
    for ok in [
        "FROM debian:12\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\n",
        "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y gcc\n",
        "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y gcc\n",
        "FROM acme/debian:12\nRUN apt-get install -y gcc\n",
        "FROM debian:12\nCOPY x.deb /tmp/\nRUN apt-get install -y /tmp/x.deb\n",
        "FROM debian:12\nRUN apt-get update || true\nRUN apt-get install -y gcc\n",
        "FROM debian:trixie-slim\nRUN apt-get install --update -y gcc\n",
    ] {
        assert_eq!(violations(ok), Vec::<String>::new(), "{ok}");
    }
}

#[test]
fn users() {
    assert_eq!(violations("FROM debian:12\nUSER app\n"), ["2: user app"]);
    assert_eq!(
        violations("FROM alpine:3.20\nRUN adduser -D appuser\nUSER apuser:apuser\n"),
        ["3: user apuser"]
    );
    for ok in [
        "FROM debian:12\nRUN useradd -r -u 10001 -g nogroup app\nUSER app\n",
        "FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\nUSER app:app\n",
        "FROM node:20\nUSER node\n",
        "FROM debian:12\nUSER 10001:10001\n",
        "FROM debian:12\nUSER nobody\n",
        "FROM acme/base:1\nUSER app\n",
        "FROM debian:12\nRUN ./setup.sh\nUSER app\n",
        "FROM debian:12\nRUN apt-get update && apt-get install -y postgresql\nUSER postgres\n",
        "FROM debian:12\nARG USERNAME\nUSER $USERNAME\n",
        "FROM debian:12 AS base\nRUN useradd app\nFROM base\nUSER app\n",
    ] {
        assert_eq!(violations(ok), Vec::<String>::new(), "{ok}");
    }
}

#[test]
fn copy_from_paths() {
    let src = "FROM scratch AS assets\nCOPY static/ /srv/static/\nWORKDIR /srv\nFROM nginx:1.27\nCOPY --from=assets /srv/static /usr/share/nginx/html\nCOPY --from=assets /srv/dist /usr/share/nginx/html\n";
    assert_eq!(violations(src), ["6: path /srv/dist"]);
    // A stage that runs commands may make anything.
    let src = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nCOPY --from=build /nowhere /x\n";
    assert_eq!(violations(src), Vec::<String>::new());
}

#[test]
fn programs_the_image_lacks() {
    assert_eq!(violations("FROM alpine:3.20\nRUN apt-get update\n"), ["2: program apt-get"]);
    assert_eq!(violations("FROM debian:12\nRUN apk add --no-cache curl\n"), ["2: program apk"]);
    assert_eq!(violations("FROM alpine:3.20\nRUN useradd app\n"), ["2: program useradd"]);
    assert_eq!(violations("FROM alpine:3.20\nRUN bash -c 'echo hi'\n"), ["2: program bash"]);
    assert_eq!(violations("FROM scratch\nRUN echo hi\n"), ["2: program RUN"]);
    for ok in [
        "FROM alpine:3.20\nRUN apk add --no-cache bash && bash -c 'echo hi'\n",
        "FROM alpine:3.20\nRUN apk add --no-cache shadow && useradd app\n",
        "FROM alpine:3.20\nRUN apk add --no-cache bash\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\n",
        "FROM acme/alpine\nRUN apt-get update\n",
        "FROM debian:12\nRUN if command -v apk; then apk add curl; fi\n",
        "FROM scratch\nCOPY app /app\nRUN [\"/app\", \"--selftest\"]\n",
        "FROM alpine:3.20 AS os\nFROM scratch\nCOPY --from=os / /\nRUN echo hi\n",
        "FROM scratch\nADD rootfs.tar.gz /\nRUN echo hi\n",
    ] {
        assert_eq!(violations(ok), Vec::<String>::new(), "{ok}");
    }
    assert_eq!(
        violations("FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\n"),
        ["3: program RUN"]
    );
}
