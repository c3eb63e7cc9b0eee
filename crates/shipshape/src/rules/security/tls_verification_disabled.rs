//! SS5006: TLS certificate verification turned off (`curl -k`, `wget
//! --no-check-certificate`, pip `--trusted-host`, npm `strict-ssl false`, git
//! `http.sslVerify false`, `GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED=0` …).

use crate::shell::queries::{program, unquote};
use crate::rules::prelude::*;
use crate::shell::Assignment;

declare_rule! {
    TlsVerificationDisabled {
        code: "SS5006",
        name: "tls-verification-disabled",
        aliases: [
        "CKV2_DOCKER_2",
        "CKV2_DOCKER_3",
        "CKV2_DOCKER_4",
        "CKV2_DOCKER_5",
        "CKV2_DOCKER_6",
        "CKV2_DOCKER_12",
        "CKV2_DOCKER_13",
        "CKV2_DOCKER_14",
        "CKV2_DOCKER_15",
        "CKV2_DOCKER_16",
    ],
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not turn off TLS certificate verification",
        why: "Without certificate verification, anyone on the network path between the builder \
              and the server (a proxy, a hijacked mirror, a hostile Wi-Fi) can serve their own \
              packages, scripts or source code, and the build accepts them as genuine. Settings \
              left in ENV stay on in every container started from the image. If a private CA \
              is the problem, add its certificate to the trust store instead. Checkov calls \
              these checks CKV2_DOCKER_2 to 6 and 12 to 16.",
        bad: "FROM debian:bookworm\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
        good: "FROM debian:bookworm\nCOPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt\nRUN update-ca-certificates\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt\n",
    }
}

/// curl's short options that take a value (the rest of the word is that value).
const CURL_VALUED: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

fn is_false(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "false" | "0" | "no" | "off")
}

/// Whether an environment setting turns verification off (names compared as the tools
/// read them).
fn bad_env(name: &str, value: Option<&str>) -> bool {
    let v = value.map(|v| unquote(v).0);
    match name {
        // git checks only that the variable is set.
        "GIT_SSL_NO_VERIFY" => value.is_some(),
        "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => v == Some("0"),
        "PIP_TRUSTED_HOST" => v.is_some_and(|v| !v.is_empty()),
        _ => {
            let upper = name.to_ascii_uppercase();
            matches!(upper.as_str(), "NPM_CONFIG_STRICT_SSL" | "YARN_ENABLE_STRICT_SSL" | "YARN_STRICT_SSL")
                && v.is_some_and(is_false)
        }
    }
}

#[derive(Default)]
pub struct TlsVerificationDisabled;

impl Rule for TlsVerificationDisabled {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let mut found: Vec<(Span, String)> = Vec::new();
        match (&instr.keyword, &instr.args) {
            (Keyword::Env, Args::KeyValues { pairs, .. }) => {
                for p in pairs.iter().filter(|p| bad_env(&p.key.text, Some(&p.value.text))) {
                    found.push((p.span, cx.text(p.span).to_string()));
                }
            }
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                for d in decls {
                    if d.default.as_ref().is_some_and(|v| bad_env(&d.name.text, Some(&v.text))) {
                        found.push((d.span, cx.text(d.span).to_string()));
                    }
                }
            }
            _ => {}
        }
        if let Some(script) = cx.script {
            for cmd in &script.commands {
                for a in &cmd.assignments {
                    if assignment_is_bad(a) {
                        found.push((a.span, cx.text(a.span).to_string()));
                    }
                }
                if let Some((name, args)) = program(cmd) {
                    command_findings(name, args, &mut found);
                }
            }
        }
        for (span, what) in found {
            cx.report(span, format!("`{what}` turns off TLS certificate verification"))
                .with_help("Keep verification on; trust a private CA by adding its certificate (`update-ca-certificates`).");
        }
    }
}

fn assignment_is_bad(a: &Assignment) -> bool {
    bad_env(&a.name, Some(a.value.as_ref().map_or("", |v| v.text())))
}

/// Findings in one command: its flags and settings, and `export NAME=value`.
fn command_findings(name: &str, args: &[ShWord], found: &mut Vec<(Span, String)>) {
    let texts: Vec<&str> = args.iter().map(|w| w.text()).collect();
    let end = texts.iter().position(|t| *t == "--").unwrap_or(texts.len());
    let mut push = |w: &ShWord| found.push((w.span, w.text().to_string()));
    match name {
        "curl" => {
            for w in &args[..end] {
                let t = w.text();
                if t == "--insecure" {
                    push(w);
                } else if let Some(letters) = t.strip_prefix('-').filter(|l| !l.starts_with('-')) {
                    for c in letters.chars() {
                        if c == 'k' {
                            push(w);
                            break;
                        }
                        if CURL_VALUED.contains(c) {
                            break;
                        }
                    }
                }
            }
        }
        "wget" => args[..end].iter().filter(|w| w.text() == "--no-check-certificate").for_each(push),
        "export" | "declare" | "typeset" | "readonly" => {
            for w in args {
                if let Some((n, v)) = w.text().split_once('=') {
                    if bad_env(n, Some(v)) {
                        push(w);
                    }
                }
            }
        }
        "git" => {
            for (i, w) in args.iter().enumerate() {
                let lower = w.text().to_ascii_lowercase();
                // `git -c http.sslVerify=false …`
                if let Some((key, v)) = lower.split_once('=') {
                    if key.ends_with(".sslverify") && is_false(v) {
                        push(w);
                    }
                } else if lower.ends_with(".sslverify") && texts.get(i + 1).is_some_and(|v| is_false(v)) {
                    // `git config --global http.sslVerify false`
                    push(w);
                }
            }
        }
        "npm" | "yarn" | "pnpm" => {
            for (i, w) in args.iter().enumerate() {
                let t = w.text().trim_start_matches('-');
                let key_is = |k: &str| k == "strict-ssl" || k == "enableStrictSsl";
                if let Some((k, v)) = t.split_once('=') {
                    if key_is(k) && is_false(v) {
                        push(w);
                    }
                } else if (key_is(t) && texts.get(i + 1).is_some_and(|v| is_false(v))) || t == "no-strict-ssl"
                {
                    push(w);
                }
            }
        }
        "yum" | "dnf" | "microdnf" | "tdnf" | "yum-config-manager" | "dnf-config-manager" => {
            for w in args {
                let lower = w.text().to_ascii_lowercase();
                if let Some(at) = lower.find("sslverify=") {
                    if is_false(&lower[at + 10..]) {
                        push(w);
                    }
                }
            }
        }
        _ if name.starts_with("pip") || name.starts_with("python") || name == "uv" => {
            for (i, w) in args[..end].iter().enumerate() {
                let t = w.text();
                if t == "--trusted-host" || t.starts_with("--trusted-host=") {
                    push(w);
                } else if t.ends_with(".trusted-host") && i > 0 && texts[i - 1] == "set" {
                    // `pip config set global.trusted-host …`
                    push(w);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nRUN curl -k https://example.com/a.tgz -o a.tgz", &["-k"]),
    Case::fires(
        "FROM debian:12\nRUN curl -fsSLk https://a.example/x -o x && curl --insecure -o y https://b.example/y",
        &["-fsSLk", "--insecure"],
    ),
    Case::fires("FROM debian:12\nRUN wget -q --no-check-certificate https://example.com/a.tgz", &["--no-check-certificate"]),
    Case::fires(
        "FROM python:3.12\nRUN pip install --trusted-host pypi.example.com -r requirements.txt",
        &["--trusted-host"],
    ),
    Case::fires(
        "FROM python:3.12\nRUN python -m pip install --trusted-host=pypi.org app==1.0 && pip config set global.trusted-host pypi.org",
        &["--trusted-host=pypi.org", "global.trusted-host"],
    ),
    Case::fires(
        "FROM node:20\nRUN npm config set strict-ssl false && yarn config set strict-ssl=false",
        &["strict-ssl", "strict-ssl=false"],
    ),
    Case::fires(
        "FROM debian:12\nRUN git config --global http.sslVerify false && git -c http.sslverify=0 clone https://x/y",
        &["http.sslVerify", "http.sslverify=0"],
    ),
    Case::fires(
        "FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 PORT=80 GIT_SSL_NO_VERIFY=true",
        &["NODE_TLS_REJECT_UNAUTHORIZED=0", "GIT_SSL_NO_VERIFY=true"],
    ),
    Case::fires(
        "FROM python:3.12\nARG PYTHONHTTPSVERIFY=0\nENV npm_config_strict_ssl=false PIP_TRUSTED_HOST=pypi.org",
        &["PYTHONHTTPSVERIFY=0", "npm_config_strict_ssl=false", "PIP_TRUSTED_HOST=pypi.org"],
    ),
    Case::fires(
        "FROM node:20\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci && export GIT_SSL_NO_VERIFY=1",
        &["NODE_TLS_REJECT_UNAUTHORIZED=0", "GIT_SSL_NO_VERIFY=1"],
    ),
    Case::fires("FROM fedora:40\nRUN dnf install -y --setopt=sslverify=false make", &["--setopt=sslverify=false"]),
    Case::quiet("FROM debian:12\nRUN curl -fsSL -o /tmp/k https://example.com/k && wget -k -q https://example.com/"),
    Case::quiet("FROM debian:12\nRUN curl -H 'X-k: 1' -okey.pem https://example.com/key.pem"),
    Case::quiet("FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1\nARG GIT_SSL_NO_VERIFY"),
    Case::quiet("FROM node:20\nRUN npm config set strict-ssl true && git config --global http.sslVerify true"),
    Case::quiet("FROM python:3.12\nRUN pip install --index-url https://pypi.example.com/simple app==1.0"),
    Case::quiet("FROM debian:12\nHEALTHCHECK CMD curl -k https://localhost/health || exit 1"),
    Case::quiet("FROM debian:12\nRUN curl -sK /etc/curlrc -o /tmp/a.tgz https://example.com/a.tgz"),
    Case::quiet(
        "FROM debian:12\nRUN curl -fsSL --cacert /etc/ssl/certs/corp.pem --capath /etc/ssl/certs https://internal.example.com/a.tgz -o a.tgz",
    ),
    Case::quiet("FROM debian:12\nRUN curl --keepalive-time 30 --compressed -fsSL https://example.com/a.tgz -o a.tgz"),
    Case::quiet("FROM debian:12\nRUN wget --ca-certificate=/etc/ssl/certs/corp.pem --no-verbose https://internal.example.com/a.tgz"),
    Case::quiet("FROM debian:12\nRUN ! grep -rq -- '--insecure' /app/scripts"),
    Case::quiet(
        "FROM debian:12\nRUN git config --global --unset http.sslVerify; git config --global http.sslCAInfo /etc/ssl/certs/corp.pem",
    ),
    Case::quiet("FROM node:20\nRUN npm config set cafile /etc/ssl/certs/corp.pem && npm config delete strict-ssl"),
    Case::quiet("FROM node:20\nRUN pnpm config set strict-peer-dependencies false && pnpm install --frozen-lockfile"),
    Case::quiet("FROM python:3.12\nRUN pip install --cert /etc/ssl/certs/corp.pem app==1.0"),
    Case::quiet("FROM python:3.12\nRUN pip config set global.index-url https://pypi.example.com/simple"),
    Case::quiet("FROM python:3.12\nRUN uv pip install --system --native-tls app==1.0"),
    Case::quiet("FROM python:3.12\nENV GIT_SSL_CAINFO=/etc/ssl/certs/corp.pem REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt"),
    Case::quiet("FROM node:20\nENV npm_config_strict_ssl=true YARN_ENABLE_STRICT_SSL=true"),
    Case::quiet("FROM debian:12\nRUN unset GIT_SSL_NO_VERIFY && git clone https://github.com/acme/app.git"),
    Case::quiet("FROM node:20\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=1 && npm ci"),
    Case::quiet("FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False --setopt=sslverify=1 make"),
    Case::quiet("FROM rockylinux:9\nRUN yum-config-manager --setopt=sslcacert=/etc/pki/tls/certs/corp.pem --save"),
    Case::quiet(
        "FROM debian:12\n# curl -k was needed before the corporate CA was installed\nRUN curl -fsSL https://example.com/a.tgz -o a.tgz",
    ),
];
