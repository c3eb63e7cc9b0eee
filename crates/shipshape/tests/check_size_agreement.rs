//! `shipshape check` and `shipshape size` agree on what a package-manager call does.
//!
//! Each row is a RUN spelled as in a real Dockerfile of the corpus (`../shared/corpus/real`;
//! package names sometimes shortened), with a canonical spelling of the same install: the
//! usual `apt-get install -y …`, `apk add …`, `pip install …` with every option that
//! matters written in its usual place, as a placeholder. For each option of the row:
//!
//! 1. the rule's reading (DL3015 fires: recommended packages are installed; DL3009: the apt
//!    lists stay; DL3019: the apk index stays; DL3042: the pip cache stays; DL3060, DL3032,
//!    DL3040, DL3036: the yarn, yum, dnf or zypper cache stays) must be the command model's,
//!    where the model holds the option as a fact of the call;
//! 2. the canonical spelling is filled in with that reading, and the estimator must size the
//!    row's RUN exactly as it sizes the canonical one: an option the estimator reads
//!    otherwise than the rule (a flag before the subcommand, an ENV, a cache mount) makes a
//!    different figure;
//! 3. flipping the option in the canonical spelling must change the estimate (so that the
//!    equality in 2 says something), and the rule must read the canonical spelling as it
//!    read the row's.
//!
//! Where the rule's reading does not apply (hadolint's DL3015 checks `apt-get` only, not
//! `apt`; DL3042 does not check `uv pip`), the model's reading fills the canonical spelling.
//!
//! `KNOWN` lists the spellings on which the rules, which follow hadolint, and the estimator,
//! which follows what the command does, still part: each must size as the opposite of the
//! rule's reading. When a rule learns the spelling, its row fails and moves to `ROWS`.

use std::sync::OnceLock;

use shipshape::analysis::commands::{Action, Manager, PackageCall};
use shipshape::analysis::Analysis;
use shipshape::size::{estimate, Debian, Figure, SizeOptions};
use shipshape::{lint, parse, Config};

fn debian() -> &'static Debian {
    static D: OnceLock<Debian> = OnceLock::new();
    D.get_or_init(|| Debian::parse(include_str!("../data/debian-bookworm.tsv")))
}

/// An option both the rules and the estimator judge.
struct Opt {
    /// Its placeholder in the canonical spellings.
    placeholder: &'static str,
    /// The rule that reports it.
    code: &'static str,
    /// What the canonical spelling writes when the option is off: no recommended packages,
    /// or nothing left in the layer. When it is on, the placeholder is left out.
    off: &'static str,
    /// Whether the rule reads this spelling at all (hadolint's scope of the rule).
    in_scope: fn(&[PackageCall]) -> bool,
    /// The model's reading ("on": recommends installed, cache kept), when it is a fact of
    /// the calls rather than of the whole RUN (a later `rm`, `clean`).
    model: fn(&[PackageCall]) -> Option<bool>,
}

fn installs(calls: &[PackageCall], m: Manager) -> impl Iterator<Item = &PackageCall> {
    calls.iter().filter(move |c| c.manager == m && c.action == Action::Install)
}

fn any_installs(calls: &[PackageCall], m: Manager) -> bool {
    installs(calls, m).next().is_some()
}

fn installs_by(calls: &[PackageCall], program: &str) -> bool {
    calls.iter().any(|c| c.program == program && c.action == Action::Install)
}

const OPTS: &[Opt] = &[
    Opt {
        placeholder: "{norec}",
        code: "DL3015",
        off: "--no-install-recommends",
        // hadolint's DL3015 reads `apt-get` only (`apt` is DL3027's concern).
        in_scope: |c| {
            any_installs(c, Manager::Apt) && installs(c, Manager::Apt).all(|c| c.program == "apt-get")
        },
        model: |c| {
            any_installs(c, Manager::Apt).then(|| installs(c, Manager::Apt).any(|c| !c.opts.no_recommends))
        },
    },
    Opt {
        placeholder: "{rmlists}",
        code: "DL3009",
        off: " && rm -rf /var/lib/apt/lists/*",
        // `apt-get update`, and apt 3's `install --update`.
        in_scope: |c| {
            c.iter()
                .any(|c| c.manager == Manager::Apt && (c.action == Action::Update || c.opts.refreshes_index))
        },
        model: |_| None,
    },
    Opt {
        placeholder: "{apknc}",
        code: "DL3019",
        off: "--no-cache",
        in_scope: |c| any_installs(c, Manager::Apk),
        model: |c| any_installs(c, Manager::Apk).then(|| installs(c, Manager::Apk).any(|c| !c.opts.no_cache)),
    },
    Opt {
        placeholder: "{pipnc}",
        code: "DL3042",
        off: "--no-cache-dir",
        // hadolint's DL3042 does not read `uv pip`.
        in_scope: |c| installs(c, Manager::Pip).any(|c| c.program != "uv"),
        model: |c| any_installs(c, Manager::Pip).then(|| installs(c, Manager::Pip).any(|c| !c.opts.no_cache)),
    },
    Opt {
        placeholder: "{yarnclean}",
        code: "DL3060",
        off: " && yarn cache clean",
        in_scope: |c| {
            c.iter().any(|c| c.manager == Manager::Yarn && c.verb_text.as_deref() == Some("install"))
        },
        model: |_| None,
    },
    Opt {
        placeholder: "{yumclean}",
        code: "DL3032",
        off: " && yum clean all",
        in_scope: |c| installs_by(c, "yum"),
        model: |_| None,
    },
    Opt {
        placeholder: "{dnfclean}",
        code: "DL3040",
        off: " && dnf clean all",
        in_scope: |c| installs_by(c, "dnf"),
        model: |_| None,
    },
    Opt {
        placeholder: "{microdnfclean}",
        code: "DL3040",
        off: " && microdnf clean all",
        in_scope: |c| installs_by(c, "microdnf"),
        model: |_| None,
    },
    Opt {
        placeholder: "{zypperclean}",
        code: "DL3036",
        off: " && zypper clean --all",
        in_scope: |c| any_installs(c, Manager::Zypper),
        model: |_| None,
    },
];

/// A spelling: the base image, instructions before the RUN (`ENV`, `ARG`; may be empty),
/// the RUN's text after `RUN`, and the canonical RUN with placeholders.
type Row = (&'static str, &'static str, &'static str, &'static str);

const DEBIAN: &str = "debian:bookworm";
const ALPINE: &str = "alpine:3.20";
const PYTHON: &str = "python:3.12-slim";
const NODE: &str = "node:22-slim";

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // ─── apt ───
    // The issue: the flags before the subcommand.
    (DEBIAN, "", "apt --yes --no-install-recommends install chromium",
        "apt-get install -y {norec} chromium"),
    (DEBIAN, "", "apt-get -y --no-install-recommends install wget gpg gnupg dirmngr",
        "apt-get install -y {norec} wget gpg gnupg dirmngr"),
    (DEBIAN, "", "apt-get --no-install-recommends install -y git binutils",
        "apt-get install -y {norec} git binutils"),
    (DEBIAN, "", "apt-get -o Debug::pkgProblemResolver=yes --no-install-recommends --yes install git",
        "apt-get install -y {norec} git"),
    // apt reads 0 as false.
    (DEBIAN, "", "apt-get -o APT::Install-Recommends=0 install -y git", "apt-get install -y {norec} git"),
    (DEBIAN, "", "apt-get install -y make gnupg wget",
        "apt-get install -y {norec} make gnupg wget"),
    (DEBIAN, "", "apt-get install -yq curl apt-transport-https",
        "apt-get install -y {norec} curl apt-transport-https"),
    (DEBIAN, "", "apt-get -qq -y install curl",
        "apt-get install -y {norec} curl"),
    (DEBIAN, "", "apt-get install --no-install-recommends --no-install-suggests -y curl devscripts equivs git",
        "apt-get install -y {norec} curl devscripts equivs git"),
    (DEBIAN, "", "apt-get install systemd strace tcpdump traceroute curl jq -y",
        "apt-get install -y {norec} systemd strace tcpdump traceroute curl jq"),
    (DEBIAN, "", "apt-get -q install --no-install-recommends -y ca-certificates git locales",
        "apt-get install -y {norec} ca-certificates git locales"),
    (DEBIAN, "", "env DEBIAN_FRONTEND=noninteractive apt-get install -yqq --no-install-recommends build-essential",
        "apt-get install -y {norec} build-essential"),
    (DEBIAN, "", "apt-get update && apt-get install -y --no-install-recommends ca-certificates wget && rm -rf /var/lib/apt/lists/*",
        "apt-get update && apt-get install -y {norec} ca-certificates wget{rmlists}"),
    (DEBIAN, "", "apt-get update && apt-get install -y curl",
        "apt-get update && apt-get install -y {norec} curl{rmlists}"),
    (DEBIAN, "", "apt-get update -qq && apt-get install --yes --no-install-recommends git && apt-get clean && rm -rf /var/lib/apt/lists/*",
        "apt-get update && apt-get install -y {norec} git{rmlists}"),
    (DEBIAN, "", "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl",
        "apt-get update && apt-get install -y {norec} curl{rmlists}"),
    // The packages a variable holds.
    (DEBIAN, "ARG PKGS=\"curl wget\"", "apt-get install -y --no-install-recommends $PKGS",
        "apt-get install -y {norec} curl wget"),
    // ─── apk ───
    (ALPINE, "", "apk --no-cache add curl", "apk add {apknc} curl"),
    (ALPINE, "", "apk add --no-cache git", "apk add {apknc} git"),
    (ALPINE, "", "apk add -U --no-cache bash iptables openssl-dev", "apk add {apknc} bash iptables openssl-dev"),
    (ALPINE, "", "apk add -U build-base ncurses-dev openssl-dev readline-dev zip zlib-dev",
        "apk add {apknc} build-base ncurses-dev openssl-dev readline-dev zip zlib-dev"),
    (ALPINE, "", "apk add musl-dev gcc", "apk add {apknc} musl-dev gcc"),
    (ALPINE, "", "apk add --update-cache --virtual .python-rundeps libffi", "apk add {apknc} libffi"),
    (ALPINE, "", "apk add --no-cache --virtual .build-deps gcc musl-dev && apk del .build-deps",
        "apk add {apknc} --virtual .b gcc musl-dev && apk del .b"),
    (ALPINE, "", "--mount=type=cache,target=/var/cache/apk,sharing=locked apk add --update-cache git",
        "apk add {apknc} git"),
    // ─── pip and uv ───
    // The issue: the flag before the subcommand.
    // DL3009 reads the model: apt 3's `install --update` fetches the lists too.
    (DEBIAN, "", "apt-get install --update -y --no-install-recommends git",
        "apt-get update && apt-get install -y {norec} git{rmlists}"),
    (PYTHON, "", "pip --no-cache-dir install flask", "pip install {pipnc} flask"),
    // DL3042 reads the command model: a mount on ~/.cache holds pip's cache, and pip turns
    // its cache off for any boolean PIP_NO_CACHE_DIR, `off` included.
    (PYTHON, "", "--mount=type=cache,target=/root/.cache pip install flask", "pip install {pipnc} flask"),
    (PYTHON, "ENV PIP_NO_CACHE_DIR=off", "pip install flask", "pip install {pipnc} flask"),
    (PYTHON, "", "export PIP_NO_CACHE_DIR=1 && pip install flask", "pip install {pipnc} flask"),
    (PYTHON, "", "pip install --no-cache-dir -r requirements.txt", "pip install {pipnc} -r requirements.txt"),
    (PYTHON, "", "pip install -r requirements.txt", "pip install {pipnc} -r requirements.txt"),
    (PYTHON, "", "python -m pip install --no-cache-dir -r /tmp/scanner-requirements.txt",
        "pip install {pipnc} -r /tmp/scanner-requirements.txt"),
    (PYTHON, "", "pip install --disable-pip-version-check --no-cache-dir --no-compile 'wheel<0.46'",
        "pip install {pipnc} wheel"),
    (PYTHON, "", "python3 -m pip install -U setuptools pip", "pip install {pipnc} setuptools pip"),
    (PYTHON, "", "pip3 install --upgrade pip wheel setuptools", "pip install {pipnc} pip wheel setuptools"),
    (PYTHON, "", "pip install torch==2.8.0 torchvision==0.23.0 --index-url https://download.pytorch.org/whl/xpu",
        "pip install {pipnc} torch torchvision"),
    (PYTHON, "ENV PIP_NO_CACHE_DIR=1", "pip install flask", "pip install {pipnc} flask"),
    (PYTHON, "", "--mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
        "pip install {pipnc} -r requirements.txt"),
    (PYTHON, "", "uv pip install -e \".[accelerate]\" --no-cache-dir", "uv pip install {pipnc} -e ."),
    (PYTHON, "", "--mount=type=cache,target=/root/.cache/uv uv pip install --system -r requirements.txt",
        "uv pip install {pipnc} -r requirements.txt"),
    // ─── yarn ───
    (NODE, "", "yarn install --frozen-lockfile", "yarn install{yarnclean}"),
    (NODE, "", "yarn install --frozen-lockfile && yarn cache clean", "yarn install{yarnclean}"),
    // ─── yum, dnf, microdnf, zypper ───
    ("centos:7", "", "yum -y install epel-release", "yum install -y epel-release{yumclean}"),
    ("centos:7", "", "yum -y install httpd && yum clean all", "yum install -y httpd{yumclean}"),
    ("centos:7", "ENV INSTALL_PKGS=\"rsync tar\"", "yum -y --setopt=tsflags=nodocs install $INSTALL_PKGS && yum clean all",
        "yum install -y rsync tar{yumclean}"),
    // A clean before the install keeps nothing out.
    ("centos:7", "", "yum clean all && yum -y install httpd", "yum install -y httpd{yumclean}"),
    ("fedora:40", "", "dnf install -y --nodocs libgc libevent nftables && dnf clean all",
        "dnf install -y libgc libevent nftables{dnfclean}"),
    ("fedora:40", "", "dnf install -y gnucobol make git", "dnf install -y gnucobol make git{dnfclean}"),
    ("redhat/ubi9-minimal", "", "microdnf install -y shadow-utils && microdnf clean all",
        "microdnf install -y shadow-utils{microdnfclean}"),
    ("redhat/ubi9-minimal", "", "microdnf install -y gnupg2", "microdnf install -y gnupg2{microdnfclean}"),
    ("opensuse/leap:15.6", "", "zypper --non-interactive in wget tar gzip coreutils zip unzip",
        "zypper install -y wget tar gzip coreutils zip unzip{zypperclean}"),
    ("opensuse/leap:15.6", "", "zypper install --no-confirm --auto-agree-with-licenses --no-recommends curl && zypper clean --all",
        "zypper install -y curl{zypperclean}"),
];

/// Spellings on which a rule (hadolint's reading) and the estimator (what the command
/// does) part, with the option they part on and why.
#[rustfmt::skip]
const KNOWN: &[(Row, &str, &str)] = &[
    ((DEBIAN, "", "apt install -y python3 python3-pip", "apt-get install -y {norec} python3 python3-pip"),
        "{norec}", "DL3015 reads `apt-get` only; `apt install` installs the recommended packages too"),
    (("centos:7", "", "--mount=type=cache,target=/var/cache/yum yum -y install httpd", "yum install -y httpd{yumclean}"),
        "{yumclean}", "DL3032 ignores cache mounts; the mount keeps yum's cache out of the layer"),
    (("centos:7", "", "yum install -y httpd && yum clean all && yum install -y git",
        "yum install -y httpd && yum install -y git{yumclean}"),
        "{yumclean}", "DL3032 compares the first install with the first clean; the last install fills the cache again"),
];

fn dockerfile(base: &str, prelude: &str, run: &str) -> String {
    let prelude = if prelude.is_empty() { String::new() } else { format!("{prelude}\n") };
    format!("FROM {base}\n{prelude}RUN {run}\n")
}

/// The estimate of the file's last RUN layer (on disk: low, expected, high).
fn run_layer(src: &str) -> Figure {
    let e = estimate(src, Some(debian()), &SizeOptions::default());
    let stage = e.final_stage().expect("a stage");
    stage.layers.iter().rev().find(|l| l.instruction == "RUN").expect("a RUN layer").disk
}

fn fires(src: &str, code: &str) -> bool {
    lint(src, &Config::default()).diagnostics.iter().any(|d| d.code == code)
}

/// The package-manager calls of the file's last instruction.
fn calls(src: &str) -> Vec<PackageCall> {
    let p = parse(src);
    let a = Analysis::new(src, &p.file, &[]);
    a.calls(p.file.instructions.len() - 1).to_vec()
}

fn fill(canonical: &str, readings: &[(&Opt, bool)]) -> String {
    let mut s = canonical.to_string();
    for (opt, on) in readings {
        s = s.replace(opt.placeholder, if *on { "" } else { opt.off });
    }
    s
}

/// Checks one row; `disagree` names the option on which the estimator must read the
/// opposite of the rule. Returns the problems found.
fn check((base, prelude, run, canonical): Row, disagree: Option<&str>) -> Vec<String> {
    let src = dockerfile(base, prelude, run);
    let model = calls(&src);
    let mut problems = Vec::new();
    let mut readings: Vec<(&Opt, bool)> = Vec::new();
    for opt in OPTS.iter().filter(|o| canonical.contains(o.placeholder)) {
        let known = disagree == Some(opt.placeholder);
        // On a known disagreement the rule's verdict counts even outside its scope (a rule
        // that does not read a spelling is quiet on it).
        let rule = ((opt.in_scope)(&model) || known).then(|| fires(&src, opt.code));
        let facts = (opt.model)(&model);
        if let (Some(r), Some(m), false) = (rule, facts, known) {
            if r != m {
                problems.push(format!("{}: {} says {r}, the command model {m}", opt.placeholder, opt.code));
            }
        }
        let Some(reading) = rule.or(facts) else {
            problems.push(format!("{}: neither {} nor the model reads it", opt.placeholder, opt.code));
            continue;
        };
        readings.push((opt, if known { !reading } else { reading }));
    }
    let expected = fill(canonical, &readings);
    let want = run_layer(&dockerfile(base, "", &expected));
    let got = run_layer(&src);
    if got != want {
        problems.push(format!(
            "sized {got:?}, but `{expected}` (what {readings_text}) is sized {want:?}",
            readings_text = describe(&readings)
        ));
    }
    for (i, (opt, on)) in readings.iter().enumerate() {
        let mut flipped = readings.clone();
        flipped[i].1 = !on;
        let other = fill(canonical, &flipped);
        if run_layer(&dockerfile(base, "", &other)) == want {
            problems.push(format!("{}: `{expected}` and `{other}` are sized the same", opt.placeholder));
        }
        let scope = (opt.in_scope)(&calls(&dockerfile(base, "", &expected)));
        let rule_on_spelling = (opt.in_scope)(&model).then(|| fires(&src, opt.code));
        if scope && disagree != Some(opt.placeholder) {
            if let Some(r) = rule_on_spelling {
                if fires(&dockerfile(base, "", &expected), opt.code) != r {
                    problems.push(format!("{}: {} reads `{expected}` otherwise", opt.placeholder, opt.code));
                }
            }
        }
    }
    problems
}

fn describe(readings: &[(&Opt, bool)]) -> String {
    readings
        .iter()
        .map(|(o, on)| format!("{} {}", o.code, if *on { "fires" } else { "is quiet" }))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn rules_and_estimator_read_every_spelling_alike() {
    assert!(ROWS.len() >= 30, "{} spellings", ROWS.len());
    let mut failures = Vec::new();
    for &row in ROWS {
        for p in check(row, None) {
            failures.push(format!("RUN {}\n    {p}", row.2));
        }
    }
    assert!(failures.is_empty(), "{} disagreement(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn known_disagreements_stay_as_documented() {
    let mut failures = Vec::new();
    for &(row, opt, why) in KNOWN {
        let problems = check(row, Some(opt));
        if !problems.is_empty() {
            failures.push(format!("RUN {} ({why})\n    {}", row.2, problems.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The three spellings of the issue: the options before the subcommand count.
#[test]
fn options_before_the_subcommand() {
    let cases = [
        (
            DEBIAN,
            "apt --yes --no-install-recommends install chromium",
            "apt-get install -y --no-install-recommends chromium",
            "apt-get install -y chromium",
        ),
        (ALPINE, "apk --no-cache add curl", "apk add --no-cache curl", "apk add curl"),
        (PYTHON, "pip --no-cache-dir install flask", "pip install --no-cache-dir flask", "pip install flask"),
    ];
    for (base, run, same, bigger) in cases {
        let got = run_layer(&dockerfile(base, "", run));
        assert_eq!(got, run_layer(&dockerfile(base, "", same)), "{run}");
        assert!(got.expected < run_layer(&dockerfile(base, "", bigger)).expected, "{run}");
    }
}
