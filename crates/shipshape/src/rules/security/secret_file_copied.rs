//! SS5008: COPY or ADD of files that usually hold credentials (`.env`, SSH keys,
//! `.aws/`, `*.pem`, `*.key`, `.npmrc`, `.netrc` …).

use crate::rules::prelude::*;

declare_rule! {
    SecretFileCopied {
        code: "SS5008",
        name: "secret-file-copied",
        severity: Warning,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not copy credential files into the image",
        why: "A file copied into an image stays in its layer for good, even if a later step \
              deletes it, and anyone who can pull the image can extract it. `.env` files, SSH \
              and TLS private keys, cloud credentials and package-manager tokens (`.npmrc`, \
              `.pypirc`, `.netrc`) should reach the build through \
              `RUN --mount=type=secret` (or `--mount=type=ssh`) and the container through \
              its runtime environment. Trivy's DS-0031 covers part of this.",
        bad: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci --omit=dev\n",
        good: "FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci --omit=dev\n",
    }
}

/// `.env` variants that are templates, not secrets.
const ENV_TEMPLATES: &[&str] =
    &["example", "sample", "template", "dist", "defaults", "default", "tmpl", "schema"];

/// Whether a COPY/ADD source names a file or directory that usually holds credentials.
pub(crate) fn secret_file(source: &str) -> bool {
    let path = source.trim_end_matches('/');
    let lower = path.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or(&lower);
    if lower.contains("://") || base.is_empty() {
        return false;
    }
    // Directories (and anything inside them) that hold credentials.
    let in_dir = |d: &str| {
        lower == d
            || lower.ends_with(&format!("/{d}"))
            || lower.starts_with(&format!("{d}/"))
            || lower.contains(&format!("/{d}/"))
    };
    if in_dir(".aws") || (in_dir(".docker") && base == "config.json") {
        return true;
    }
    if in_dir(".ssh") {
        // Public parts of an SSH directory.
        return !(base.ends_with(".pub") || base == "known_hosts" || base == "config");
    }
    // `.env`, and globs that match it (`.env*`).
    if base == ".env" || base.starts_with(".env*") {
        return true;
    }
    if let Some(rest) = base.strip_prefix(".env.") {
        return !rest.split('.').any(|p| ENV_TEMPLATES.contains(&p));
    }
    if matches!(
        base,
        "id_rsa"
            | "id_dsa"
            | "id_ecdsa"
            | "id_ed25519"
            | ".npmrc"
            | ".pypirc"
            | ".netrc"
            | "_netrc"
            | ".git-credentials"
            | ".dockercfg"
            | "credentials.json"
    ) {
        return true;
    }
    let ext = base.rsplit_once('.').map(|(_, e)| e);
    match ext {
        Some("key" | "p12" | "pfx") => !["pub", "gpg", "pgp", "signing", "keyring", "release", "archive"]
            .iter()
            .any(|w| base.contains(w)),
        // `.pem` holds certificates (and Diffie-Hellman parameters) as often as keys: only
        // names that do not say certificate.
        Some("pem") => {
            !["cert", "crt", "chain", "bundle", "ca.", "ca-", "ca_", "root", "pub", "public", "dhparam"]
                .iter()
                .any(|w| base.contains(w))
        }
        _ => false,
    }
}

#[derive(Default)]
pub struct SecretFileCopied;

impl Rule for SecretFileCopied {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if !matches!(instr.keyword, Keyword::Copy | Keyword::Add) {
            return;
        }
        let Args::List { items, .. } = &instr.args else { return };
        let Some((dest, sources)) = items.split_last() else { return };
        // A key copied to a public key's name (`COPY jenkins.key /war/jenkins-key.pub`).
        let dest = dest.text.trim_matches(['"', '\'']).to_ascii_lowercase();
        if [".pub", ".gpg", ".asc"].iter().any(|e| dest.ends_with(e)) {
            return;
        }
        for s in sources {
            let text = s.text.trim_matches(['"', '\'']);
            if text.starts_with("<<") || !secret_file(text) {
                continue;
            }
            cx.report(s.span, format!("`{text}` looks like a credential file, and it stays in the image's layer"))
                .with_help("Use `RUN --mount=type=secret,id=…` (or `--mount=type=ssh`) where the file is needed, and list it in `.dockerignore`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nWORKDIR /app\nCOPY .env ./", &[".env"]),
    Case::fires(
        "FROM debian:12\nCOPY id_rsa id_ed25519.pub /root/.ssh/\nADD config/.env.production /app/",
        &["id_rsa", "config/.env.production"],
    ),
    Case::fires("FROM debian:12\nCOPY .aws/ /root/.aws/\nCOPY --chown=10001 .ssh /home/app/.ssh", &[".aws/", ".ssh"]),
    Case::fires("FROM nginx:1.27\nCOPY [\"certs/server.key\", \"tls/private.pem\", \"/etc/nginx/tls/\"]", &["\"certs/server.key\"", "\"tls/private.pem\""]),
    Case::fires("FROM python:3.12\nCOPY .pypirc .netrc .git-credentials /root/", &[".pypirc", ".netrc", ".git-credentials"]),
    Case::fires("FROM debian:12\nCOPY --from=build /src/*.pem /etc/app/", &["/src/*.pem"]),
    Case::fires("FROM debian:12\nCOPY backend/.env* /app/", &["backend/.env*"]),
    Case::quiet("FROM node:20\nWORKDIR /app\nCOPY .env.example package.json ./\nCOPY .envrc.sample ./"),
    Case::quiet("FROM nginx:1.27\nCOPY certs/fullchain.pem certs/ca.pem certs/server-cert.pem /etc/nginx/tls/"),
    Case::quiet("FROM debian:12\nCOPY .ssh/known_hosts /root/.ssh/known_hosts\nCOPY keys.txt apikey.go /app/"),
    Case::quiet("FROM debian:12\nCOPY . /app\nADD https://example.com/.env /tmp/x"),
    Case::quiet("FROM jenkins/jenkins:2.462\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\nCOPY repo-signing.key /etc/apt/"),
    Case::quiet("FROM debian:12\nRUN cp /src/.env /app/.env"),
    Case::quiet("FROM continuumio/miniconda3:24.5.0-0\nCOPY environment.yml /tmp/environment.yml"),
    Case::quiet("FROM debian:12\nCOPY .ssh/id_ed25519.pub /root/.ssh/authorized_keys\nCOPY .ssh/config /root/.ssh/config"),
    Case::quiet("FROM node:20\nCOPY docker/config.json config/credentials.example.json /app/config/"),
    Case::quiet("FROM debian:12\nCOPY nodesource.gpg.key Release.key /tmp/"),
    Case::quiet("FROM nginx:1.27\nCOPY certs/server.crt certs/dhparam.pem /etc/nginx/tls/"),
    Case::quiet("FROM node:20\nCOPY .nvmrc .python-version .tool-versions ./"),
    Case::quiet("FROM public.ecr.aws/lambda/python:3.12\nCOPY .aws-sam/build/App/ /var/task/"),
    Case::quiet("FROM amazon/aws-cli:2.17.0\nCOPY aws-config /root/.aws/config"),
    Case::quiet("FROM node:20\nCOPY .env.production.sample .env.dist ./"),
];
