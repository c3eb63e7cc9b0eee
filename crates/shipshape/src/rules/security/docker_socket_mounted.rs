//! SS5004: the Docker daemon's socket as a VOLUME or a RUN mount.

use crate::rules::prelude::*;

declare_rule! {
    DockerSocketMounted {
        code: "SS5004",
        name: "docker-socket-mounted",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not mount the Docker socket into a container or a build step",
        why: "Whoever can write to `/var/run/docker.sock` controls the Docker daemon, and through \
              it the host as root: a container or build step with the socket can start a \
              privileged container that mounts the host's disk. Declaring the socket as a \
              VOLUME invites running the image with it mounted. Semgrep's registry calls \
              this check dockerfile-dockerd-socket-mount.",
        bad: "FROM debian:bookworm\nVOLUME /var/run/docker.sock\n",
        good: "FROM debian:bookworm\nVOLUME /srv/data\n",
    }
}

/// Whether a path names the Docker socket.
pub(crate) fn is_docker_socket(path: &str) -> bool {
    let p = path.trim_matches(['"', '\'']).trim_end_matches('/');
    p == "docker.sock" || p.ends_with("/docker.sock")
}

#[derive(Default)]
pub struct DockerSocketMounted;

impl Rule for DockerSocketMounted {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let mut found: Vec<Span> = Vec::new();
        match (&instr.keyword, &instr.args) {
            (Keyword::Volume, Args::List { items, .. }) => {
                found.extend(items.iter().filter(|w| is_docker_socket(&w.text)).map(|w| w.span));
            }
            (Keyword::Run, _) => {
                for flag in instr.flags.iter().filter(|f| f.name.text == "mount") {
                    let Some(options) = flag.options() else { continue };
                    for o in options {
                        let Some(v) = &o.value else { continue };
                        let path_key = matches!(
                            o.key.text.as_str(),
                            "target" | "dst" | "destination" | "source" | "src"
                        );
                        if path_key && is_docker_socket(&v.text) {
                            found.push(v.span);
                        }
                    }
                }
            }
            _ => {}
        }
        for span in found {
            cx.report(span, "The Docker socket gives whoever can use it root on the host").with_help(
                "Do not mount `/var/run/docker.sock`; build images with BuildKit, or run a separate daemon.",
            );
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nVOLUME /var/run/docker.sock", &["/var/run/docker.sock"]),
    Case::fires("FROM debian:12\nVOLUME [\"/data\", \"/run/docker.sock\"]", &["\"/run/docker.sock\""]),
    Case::fires(
        "FROM docker:27-cli\nRUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps",
        &["/var/run/docker.sock", "/var/run/docker.sock"],
    ),
    Case::fires("FROM docker:27-cli\nRUN --mount=type=bind,dst=/var/run/docker.sock docker info", &["/var/run/docker.sock"]),
    Case::quiet("FROM debian:12\nVOLUME /var/lib/docker /data"),
    Case::quiet("FROM debian:12\nENV DOCKER_HOST=unix:///var/run/docker.sock"),
    Case::quiet("FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update"),
    Case::quiet(
        "FROM docker:27-cli\nRUN --mount=type=secret,id=dockercfg,target=/root/.docker/config.json docker pull alpine:3.20",
    ),
    Case::quiet("FROM jenkins/jenkins:2.462\nRUN groupadd -g 999 docker && usermod -aG docker jenkins"),
    Case::quiet("FROM docker:27-cli\nLABEL usage=\"docker run -v /var/run/docker.sock:/var/run/docker.sock image\""),
    Case::quiet("FROM debian:12\n# VOLUME /var/run/docker.sock\nVOLUME /data"),
    Case::quiet("FROM golang:1.22\nRUN --mount=type=bind,source=docker/,target=/src/docker make -C /src/docker"),
    Case::quiet("FROM debian:12\nRUN --mount=type=ssh,target=/run/ssh-agent.sock git clone git@github.com:acme/app.git"),
];
