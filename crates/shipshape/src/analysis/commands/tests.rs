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

/// The calls of the last instruction of `src`, with its script.
fn calls_of(src: &str) -> (Vec<PackageCall>, Script) {
    let p = parse(src);
    let a = Analysis::new(src, &p.file, &[]);
    let last = p.file.instructions.len() - 1;
    (a.calls(last).to_vec(), a.script(last).cloned().expect("a script"))
}

fn one(src: &str) -> (PackageCall, Script) {
    let (calls, script) = calls_of(src);
    assert_eq!(calls.len(), 1, "{src}: {calls:?}");
    (calls.into_iter().next().unwrap(), script)
}

#[test]
fn every_flag_and_operand_is_kept() {
    let (c, s) = one("FROM node\nRUN npm run build -- --prod");
    assert_eq!(c.action, Action::Other);
    assert_eq!(c.operand(&s, 0), Some("build"));
    let (c, s) = one("FROM node\nRUN npm cache clean --force");
    assert!(c.is(&s, "cache", Some("clean")) && !c.is(&s, "cache", Some("verify")));
    assert!(c.has_flag(&["force"]));
    let (c, s) = one("FROM golang\nRUN go build -trimpath -o /out/app ./cmd/app");
    assert_eq!(c.flag_value(&["o"]), Some("/out/app"));
    assert!(c.has_flag(&["trimpath"]));
    assert_eq!(c.operand(&s, 0), Some("./cmd/app"));
    let (c, _) = one("FROM golang\nRUN go clean -cache -modcache");
    assert_eq!(c.action, Action::Clean);
    assert!(c.has_flag(&["cache"]) && c.has_flag(&["modcache"]));
    // Combined short flags are one entry each; values after `=`, glued or in the next word.
    let (c, _) = one("FROM debian\nRUN apt-get -yq -o Dpkg::Use-Pty=0 install -t bookworm curl");
    let names: Vec<&str> = c.flags.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["y", "q", "o", "t"]);
    assert_eq!(c.flag_value(&["o"]), Some("Dpkg::Use-Pty=0"));
    assert_eq!(c.names().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["curl"]);
}

#[test]
fn pip_wheel_download_and_their_directories() {
    let (c, _) = one("FROM python\nRUN pip wheel --no-cache-dir --no-deps -w /wheels jupyter pandas");
    assert_eq!(c.verb_text.as_deref(), Some("wheel"));
    assert_eq!(c.names().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["jupyter", "pandas"]);
    assert_eq!(c.flag_value(&["w", "wheel-dir"]), Some("/wheels"));
    assert!(c.opts.no_cache);
    let (c, _) = one("FROM python\nRUN pip download -d /pkgs flask");
    assert_eq!(c.names().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["flask"]);
    let (c, _) = one("FROM python\nRUN pip install --no-index -f /wheels --target /app/deps -e . flask");
    assert_eq!(c.flag_value(&["f", "find-links"]), Some("/wheels"));
    assert_eq!(c.flag_value(&["t", "target"]), Some("/app/deps"));
    assert_eq!(c.flags.iter().filter(|f| f.name == "e").count(), 1);
    assert_eq!(c.names().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["flask"]);
    // A variable names the program's directory: still pip.
    let (c, _) = one("FROM python\nENV VENV=/opt/venv\nRUN \"$VENV/bin/pip\" install flask");
    assert_eq!((c.manager, c.program.as_str()), (Manager::Pip, "pip"));
    let (c, _) = one("FROM python\nRUN ${APP_ROOT}/bin/pip install /opt/wheels/pip-*");
    assert_eq!(c.program, "pip");
    assert!(calls_of("FROM python\nRUN $PIP install flask").0.is_empty());
}

#[test]
fn uv_reads_its_own_cache_settings() {
    assert_eq!(read("FROM python\nRUN UV_NO_CACHE=1 uv pip install flask"), ["pip Install [flask] no-cache"]);
    assert_eq!(
        read("FROM python\nENV UV_NO_CACHE=true\nRUN uv pip install flask"),
        ["pip Install [flask] no-cache"]
    );
    // uv does not read pip's variable, and keeps its cache in ~/.cache/uv.
    assert_eq!(
        read("FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN uv pip install flask"),
        ["pip Install [flask]"]
    );
    assert_eq!(
        read("FROM python\nRUN --mount=type=cache,target=/root/.cache/uv uv pip install flask"),
        ["pip Install [flask] no-cache mounted"]
    );
    assert_eq!(
        read("FROM python\nRUN --mount=type=cache,target=/root/.cache/pip uv pip install flask"),
        ["pip Install [flask]"]
    );
    let (c, _) = one("FROM python\nRUN uv pip install --system flask");
    assert_eq!(c.cache_dirs(), UV_CACHE_DIRS);
    let (c, _) = one("FROM python\nRUN pip install flask");
    assert_eq!(c.cache_dirs(), Manager::Pip.cache_dirs());
}

#[test]
fn apt_update_auto_remove_and_download_only() {
    let (c, _) = one("FROM debian\nRUN apt-get install --update -y --no-install-recommends curl");
    assert!(c.opts.refreshes_index && c.opts.no_recommends && c.opts.yes);
    let (c, _) = one("FROM debian\nRUN apt-get purge -y --auto-remove gcc");
    assert!(c.opts.auto_remove && c.action == Action::Remove);
    let (c, _) = one("FROM debian\nRUN apt-get --autoremove remove -y gcc");
    assert!(c.opts.auto_remove);
    let (c, _) = one("FROM debian\nRUN apt-get remove -y gcc");
    assert!(!c.opts.auto_remove);
    assert_eq!(
        read("FROM debian\nRUN apt-get install -y --download-only gcc"),
        ["apt Install [gcc] yes download-only"]
    );
}

#[test]
fn node_production_installs() {
    let prod = |src: &str| one(src).0.opts.production;
    assert!(prod("FROM node\nRUN npm ci --omit=dev"));
    assert!(prod("FROM node\nRUN npm ci --omit dev"));
    assert!(prod("FROM node\nRUN npm install --only=production"));
    assert!(prod("FROM node\nRUN npm install --production"));
    assert!(prod("FROM node\nRUN yarn install --frozen-lockfile --production"));
    assert!(prod("FROM node\nRUN pnpm install --prod --frozen-lockfile"));
    assert!(prod("FROM node\nRUN pnpm install -P"));
    assert!(prod("FROM node\nENV NODE_ENV=production\nRUN npm ci"));
    assert!(prod("FROM node\nRUN NODE_ENV=production yarn"));
    assert!(!prod("FROM node\nRUN npm ci"));
    assert!(!prod("FROM node\nRUN npm ci --omit=optional"));
    assert!(!prod("FROM node\nRUN npm install --production=false"));
    assert!(!prod("FROM node\nENV NODE_ENV=development\nRUN npm ci"));
}

#[test]
fn yarn_zypper_and_gem_details() {
    // Bare yarn installs; `yarn --version` only prints.
    assert_eq!(read("FROM node\nRUN yarn --frozen-lockfile"), ["yarn Install []"]);
    assert_eq!(read("FROM node\nRUN yarn --version && yarn -v"), ["yarn Other []", "yarn Other []"]);
    assert_eq!(
        read("FROM opensuse/leap\nRUN zypper -n in curl && zypper cc -a"),
        ["zypper Install [curl] yes", "zypper Clean []"]
    );
    assert_eq!(read("FROM ruby\nRUN gem install rails --no-doc"), ["gem Install [rails] no-docs"]);
}

#[test]
fn unknown_package_words() {
    let words = |src: &str| one(src).0.packages;
    let w = words("FROM debian\nRUN apt-get install -y curl $(cat /pkgs) $NOT_DECLARED");
    assert_eq!(w.iter().map(|p| p.unknown()).collect::<Vec<_>>(), [false, true, true]);
    // Declared without a value: the build gives it. Known to be empty: no package.
    let w = words("FROM debian\nARG EXTRA\nARG NONE=\"\"\nRUN apt-get install -y $EXTRA $NONE");
    assert_eq!(w.iter().map(|p| p.unknown()).collect::<Vec<_>>(), [true, false]);
    assert!(w[1].names.is_empty());
}

#[test]
fn cache_mount_targets_of_a_run() {
    let src = "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt/,sharing=locked --mount=type=bind,target=/src --mount=type=tmpfs,dst=/tmp apt-get install -y curl";
    let p = parse(src);
    assert_eq!(cache_mount_targets(&p.file.instructions[1]), ["/var/cache/apt", "/tmp"]);
    let src = "FROM debian\nONBUILD RUN --mount=type=cache,target=/root/.npm npm ci";
    let p = parse(src);
    assert_eq!(cache_mount_targets(&p.file.instructions[1]), ["/root/.npm"]);
}

#[test]
fn options_held_in_variables() {
    let src = "FROM debian:12\nARG OPTS=\"--no-install-recommends -y\"\nRUN apt-get install $OPTS curl";
    assert_eq!(read(src), ["apt Install [curl] yes no-recommends"]);
}
