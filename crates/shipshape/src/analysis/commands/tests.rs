//! The command model on spellings taken from real Dockerfiles.

use super::*;
use crate::analysis::Analysis;
use crate::syntax::parse;

/// The calls of the last RUN, each as `manager action [packages] options`.
fn read(src: &str) -> Vec<String> {
    let p = parse(src);
    let a = Analysis::new(src, &p.file, &[]);
    let last = p.file.instructions.len() - 1;
    a.calls(last).iter().map(describe).collect()
}

fn describe(c: &PackageCall) -> String {
    let names: Vec<&str> = c.names().map(|n| n.text.as_str()).collect();
    let o = &c.opts;
    let mut flags = Vec::new();
    for (on, name) in [
        (o.yes, "yes"),
        (o.no_recommends, "no-recommends"),
        (o.no_cache, "no-cache"),
        (o.cache_mounted, "mounted"),
        (o.download_only, "download-only"),
        (o.refreshes_index, "refresh"),
        (o.global, "global"),
        (o.no_docs, "no-docs"),
        (o.noninteractive, "noninteractive"),
    ] {
        if on {
            flags.push(name.to_string());
        }
    }
    if let Some(v) = &o.virtual_name {
        flags.push(format!("virtual={v}"));
    }
    if let Some(t) = &o.target_release {
        flags.push(format!("release={t}"));
    }
    for r in &o.requirements {
        flags.push(format!("r={r}"));
    }
    format!("{} {:?} [{}] {}", c.manager.as_str(), c.action, names.join(" "), flags.join(" "))
        .trim_end()
        .to_string()
}

#[test]
fn spellings() {
    let cases: &[(&str, &[&str])] = &[
        ("RUN apt-get install -y --no-install-recommends curl", &["apt Install [curl] yes no-recommends"]),
        (
            "RUN apt --yes --no-install-recommends install chromium",
            &["apt Install [chromium] yes no-recommends"],
        ),
        ("RUN apt-get -yq install --no-install-recommends git", &["apt Install [git] yes no-recommends"]),
        ("RUN apt-get -qq install git", &["apt Install [git] yes"]),
        ("RUN apt-get --quiet=2 install git", &["apt Install [git] yes"]),
        (
            "RUN apt-get install -o APT::Install-Recommends=false -y vim",
            &["apt Install [vim] yes no-recommends"],
        ),
        (
            "RUN apt-get -o APT::Install-Recommends=0 -o Dpkg::Options::=--force-confold install -y vim",
            &["apt Install [vim] yes no-recommends"],
        ),
        (
            "RUN apt-get -t bookworm-backports install -y golang",
            &["apt Install [golang] yes release=bookworm-backports"],
        ),
        (
            "RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata",
            &["apt Install [tzdata] yes noninteractive"],
        ),
        ("RUN sudo apt-get install --assume-yes make", &["apt Install [make] yes"]),
        (
            "RUN apt-get update && apt-get install -y curl && apt-get clean",
            &["apt Update []", "apt Install [curl] yes", "apt Clean []"],
        ),
        ("RUN aptitude install -y htop", &["apt Install [htop] yes"]),
        (
            "RUN --mount=type=cache,target=/var/cache/apt apt-get install -y gcc",
            &["apt Install [gcc] yes no-cache mounted"],
        ),
        ("RUN apk add --no-cache curl", &["apk Install [curl] no-cache"]),
        ("RUN apk --no-cache add curl bash", &["apk Install [curl bash] no-cache"]),
        (
            "RUN apk add --update --virtual .build-deps gcc musl-dev",
            &["apk Install [gcc musl-dev] refresh virtual=.build-deps"],
        ),
        ("RUN apk add -U -t .deps build-base", &["apk Install [build-base] refresh virtual=.deps"]),
        ("RUN apk del .build-deps", &["apk Remove [.build-deps]"]),
        ("RUN --mount=type=cache,target=/etc/apk/cache apk add git", &["apk Install [git] no-cache mounted"]),
        (
            "RUN dnf install -y --setopt=install_weak_deps=False --nodocs httpd",
            &["dnf Install [httpd] yes no-recommends no-docs"],
        ),
        (
            "RUN yum -y install java-17-openjdk && yum clean all",
            &["dnf Install [java-17-openjdk] yes", "dnf Clean []"],
        ),
        ("RUN microdnf install -y --nodocs python3", &["dnf Install [python3] yes no-docs"]),
        (
            "RUN zypper --non-interactive install --no-recommends curl",
            &["zypper Install [curl] yes no-recommends"],
        ),
        ("RUN zypper -n in git", &["zypper Install [git] yes"]),
        ("RUN pip install --no-cache-dir flask==3.0.0", &["pip Install [flask==3.0.0] no-cache"]),
        ("RUN pip --no-cache-dir install flask", &["pip Install [flask] no-cache"]),
        ("RUN pip3 install -r requirements.txt", &["pip Install [] r=requirements.txt"]),
        ("RUN python3 -m pip install --upgrade pip", &["pip Install [pip]"]),
        ("RUN PIP_NO_CACHE_DIR=1 pip install requests", &["pip Install [requests] no-cache"]),
        ("RUN uv pip install --system -r requirements.txt", &["pip Install [] r=requirements.txt"]),
        (
            "RUN --mount=type=cache,target=/root/.cache/pip pip install numpy",
            &["pip Install [numpy] no-cache mounted"],
        ),
        ("RUN npm install -g typescript@5.4.5", &["npm Install [typescript@5.4.5] global"]),
        ("RUN npm ci --omit=dev && npm cache clean --force", &["npm Install []", "npm Clean []"]),
        ("RUN yarn global add serve", &["yarn Install [serve] global"]),
        ("RUN yarn install --frozen-lockfile", &["yarn Install []"]),
        ("RUN pnpm add -g pnpm@9", &["pnpm Install [pnpm@9] global"]),
        ("RUN gem install bundler -v 2.5.6 --no-document", &["gem Install [bundler] no-docs"]),
        ("RUN go install -ldflags \"-s -w\" github.com/x/y@v1.2.3", &["go Install [github.com/x/y@v1.2.3]"]),
        ("RUN cargo install --locked --version 0.9.1 ripgrep", &["cargo Install [ripgrep]"]),
    ];
    assert!(cases.len() >= 30);
    for (run, want) in cases {
        let src = format!("FROM debian:12\n{run}\n");
        assert_eq!(read(&src), *want, "{run}");
    }
}

#[test]
fn environment_and_variables() {
    // ENV of the stage counts, as an inline assignment does.
    assert_eq!(
        read("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask"),
        ["pip Install [flask] no-cache"]
    );
    // pip reads any boolean as "no cache", false included; an empty value is not one.
    assert_eq!(
        read("FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask"),
        ["pip Install [flask] no-cache"]
    );
    assert_eq!(
        read("FROM python:3.12\nENV PIP_NO_CACHE_DIR=\nRUN pip install flask"),
        ["pip Install [flask]"]
    );
    // A variable names several packages.
    let src = "FROM debian:12\nARG PKGS=\"curl wget\"\nRUN apt-get install -y $PKGS";
    let p = parse(src);
    let a = Analysis::new(src, &p.file, &[]);
    let call = &a.calls(2)[0];
    assert_eq!(call.names().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["curl", "wget"]);
    assert!(call.names().all(|n| n.from_variable));
    assert_eq!(
        call.packages[0].resolved.as_ref().unwrap().certainty,
        crate::analysis::vars::Certainty::Overridable
    );
    // A value made by a command is not known.
    assert_eq!(read("FROM debian:12\nRUN apt-get install -y $(cat pkgs.txt)"), ["apt Install [] yes"]);
}
