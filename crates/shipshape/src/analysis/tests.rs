use super::vars::{Certainty, Origin};
use super::*;
use crate::syntax::parse;

fn analyse(src: &str, build_args: &[(&str, &str)]) -> (crate::syntax::Parse, Analysis) {
    let p = parse(src);
    let args: Vec<(String, String)> =
        build_args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let a = Analysis::new(src, &p.file, &args);
    (p, a)
}

/// The index of the first instruction whose text is `text`, or starts with it when it
/// ends with `…`.
fn at(p: &crate::syntax::Parse, src: &str, text: &str) -> usize {
    let matches = |t: &str| match text.strip_suffix('…') {
        Some(prefix) => t.starts_with(prefix),
        None => t == text,
    };
    p.file.instructions.iter().position(|i| matches(i.span.text(src))).expect(text)
}

#[test]
fn arg_defaults_build_args_and_env() {
    let src = "ARG TAG=latest\nFROM debian:${TAG}\nARG PKGS=\"curl wget\"\nENV HOME_DIR=/srv \\\n    APP=$HOME_DIR/app\nRUN apt-get install -y $PKGS\n";
    let (p, a) = analyse(src, &[]);
    let from = a.stages[0].image.as_ref().unwrap();
    assert_eq!(from.value, "debian:latest");
    assert_eq!(from.certainty, Certainty::Overridable);
    assert!(matches!(from.used[0].origin, Origin::Arg { instruction: 0, .. }));

    let run = at(&p, src, "RUN…");
    let r = a.resolve(run, "$PKGS").unwrap();
    assert_eq!((r.value.as_str(), r.certainty), ("curl wget", Certainty::Overridable));
    assert_eq!(
        r.provenance(|i| instruction_line(src, &p.file, i)),
        "from ARG PKGS on line 3, which a build argument can change"
    );
    // ENV expands the whole line first: APP does not see HOME_DIR of the same line.
    let app = a.scope(run).get("APP").unwrap();
    assert_eq!(app.value.as_deref(), Some("/app"));
    assert_eq!(a.scope(run).get("HOME_DIR").unwrap().certainty, Certainty::Known);

    // A build argument wins over the default, and is known.
    let (_, a) = analyse(src, &[("TAG", "12-slim"), ("PKGS", "git")]);
    assert_eq!(a.stages[0].image.as_ref().unwrap().value, "debian:12-slim");
    assert_eq!(a.stages[0].image.as_ref().unwrap().certainty, Certainty::Known);
    let r = a.resolve(run, "${PKGS}").unwrap();
    assert_eq!((r.value.as_str(), r.certainty), ("git", Certainty::Known));
    assert_eq!(r.provenance(|_| 0), "from the build argument PKGS");
    // A build argument for an ARG nobody declares is not seen.
    let (_, a) = analyse("FROM alpine\nRUN echo $NOPE\n", &[("NOPE", "x")]);
    assert_eq!(a.resolve(1, "$NOPE").unwrap().value, "");
}

#[test]
fn unknown_values_and_default_forms() {
    let src = "FROM debian:12\nARG MODE\nRUN echo $PATH ${MODE:-fast} ${UNSET:-d}\n";
    let (_, a) = analyse(src, &[]);
    // PATH comes from the base image: unknown here.
    assert_eq!(a.resolve(2, "$PATH").unwrap().certainty, Certainty::Unknown);
    // MODE is declared without default: a build argument can set it.
    let r = a.resolve(2, "${MODE:-fast}").unwrap();
    assert_eq!((r.value.as_str(), r.certainty), ("fast", Certainty::Overridable));
    // In a scratch stage nothing else is set.
    let (_, a) = analyse("FROM scratch\nCOPY ${SRC:-app} /app\n", &[]);
    let r = a.resolve(1, "${SRC:-app}").unwrap();
    assert_eq!((r.value.as_str(), r.certainty), ("app", Certainty::Known));
}

#[test]
fn variables_across_stages() {
    let src = "ARG VERSION=1.2\nFROM golang:1.22 AS build\nARG VERSION\nENV CGO_ENABLED=0\nRUN echo $VERSION\nFROM build AS test\nRUN echo $VERSION $CGO_ENABLED\nFROM alpine:3.20\nRUN echo $CGO_ENABLED\n";
    let (p, a) = analyse(src, &[]);
    // A global ARG redeclared in a stage takes its global value.
    let r = a.resolve(at(&p, src, "RUN echo $VERSION"), "$VERSION").unwrap();
    assert_eq!((r.value.as_str(), r.certainty), ("1.2", Certainty::Overridable));
    // A stage built on another inherits its ENV, not its ARGs.
    let second = at(&p, src, "RUN echo $VERSION $CGO_ENABLED");
    assert_eq!(a.scope(second).get("VERSION"), None);
    assert_eq!(a.scope(second).get("CGO_ENABLED").unwrap().value.as_deref(), Some("0"));
    // An unrelated stage sees neither.
    let last = p.file.instructions.len() - 1;
    assert_eq!(a.scope(last).get("CGO_ENABLED"), None);
    assert_eq!(a.stages[1].base, Base::Stage(0));
}

#[test]
fn stage_graph() {
    let src = "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS unused\nRUN true\nFROM deps AS build\nRUN npm run build\nFROM nginx:1.27\nARG FROM_STAGE=build\nCOPY --from=${FROM_STAGE} /app/dist /usr/share/nginx/html\nRUN --mount=type=bind,from=0,target=/x true\n";
    let (_, a) = analyse(src, &[]);
    assert_eq!(a.target, Some(3));
    assert_eq!(a.stages[3].copies_from, vec![2, 0]);
    assert_eq!(a.stages[2].base, Base::Stage(0));
    let used: Vec<bool> = a.stages.iter().map(|s| s.used).collect();
    assert_eq!(used, vec![true, false, true, true]);
    assert_eq!(a.stages[3].image_ref().unwrap().name(), "nginx");
}

#[test]
fn windows_stages_and_shells() {
    let src = "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN dir\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem | Select-Object Name\nFROM win\nRUN echo inherited\nFROM --platform=windows/amd64 example/app:1\nRUN dir\nFROM debian:12\nRUN ls | wc -l\n";
    let (p, a) = analyse(src, &[]);
    assert!(a.stages[0].windows && a.stages[1].windows && a.stages[2].windows && !a.stages[3].windows);
    assert_eq!(a.at(1).unwrap().shell.kind, shells::ShellKind::Cmd);
    let ps = at(&p, src, "RUN Get-ChildItem…");
    assert_eq!(a.at(ps).unwrap().shell.kind, shells::ShellKind::PowerShell);
    // A PowerShell line is read for its commands, but its shell is not POSIX; the stage
    // built on it keeps PowerShell.
    assert!(a.script(ps).is_some() && !a.at(ps).unwrap().shell.is_posix());
    let (_, py) = analyse("FROM python:3.12\nSHELL [\"python3\", \"-c\"]\nRUN print(1)\n", &[]);
    assert!(py.script(2).is_none());
    assert_eq!(a.at(at(&p, src, "RUN echo inherited")).unwrap().shell.kind, shells::ShellKind::PowerShell);
    let last = p.file.instructions.len() - 1;
    assert!(a.script(last).is_some());
    assert!(a.at(last).unwrap().shell.is_posix());
}

#[test]
fn workdir_and_user() {
    let src = "FROM debian:12\nWORKDIR /srv\nWORKDIR app\nUSER nobody\nRUN true\n";
    let (_, a) = analyse(src, &[]);
    let run = a.at(4).unwrap();
    assert_eq!(run.workdir.as_deref(), Some("/srv/app"));
    assert_eq!(run.user.as_deref(), Some("nobody"));
    assert_eq!(a.at(1).unwrap().workdir, None);
}
