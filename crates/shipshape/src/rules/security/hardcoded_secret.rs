//! SS5007: a credential written into the Dockerfile (AWS keys, GitHub, GitLab and Slack
//! tokens, private keys, `password=` literals).

use crate::rules::security::secrets::{find_secrets, mask, placeholder, Found, SecretKind};
use crate::shell::spans::text_span;
use crate::shell::queries::unquote;
use crate::rules::prelude::*;

declare_rule! {
    HardcodedSecret {
        code: "SS5007",
        name: "hardcoded-secret",
        severity: Error,
        category: Security,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "Do not write credentials into the Dockerfile",
        why: "A key, token or password written in a Dockerfile ends up in the repository, in \
              the image's layers or history (`docker history` shows ENV, ARG defaults, LABELs \
              and every RUN command line), and in every registry and cache the image passes \
              through. Treat it as leaked: revoke it, then pass the secret at build time with \
              `RUN --mount=type=secret` and at run time from the environment or a secret \
              store. Trivy's DS-0031 and KICS's \"Secrets Stored In Dockerfile\" look for the \
              same thing; the message shows only a masked excerpt.",
        bad: "FROM amazon/aws-cli:2.17.0\nRUN aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n",
        good: "FROM amazon/aws-cli:2.17.0\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials \\\n    aws s3 cp s3://acme-artifacts/app.tar.gz /tmp/app.tar.gz\n",
    }
}

/// What follows `password` in names whose value is not the password itself
/// (`DB_PASSWORD_FILE`, `PASSWORD_MIN_LENGTH`).
const NOT_THE_PASSWORD: &[&str] = &[
    "file", "path", "dir", "length", "len", "min", "max", "hash", "hashed", "policy", "env", "var",
    "location", "url", "uri", "enabled", "enable", "required", "type", "mode", "prompt", "reset", "expiry",
    "rounds",
];

/// Whether a variable name says its value is a password (`DB_PASSWORD`, `passwd`,
/// `ADMIN_PASSWORD_ROOT`, `MYSQL_PASS`).
fn password_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower == "pass" || lower.ends_with("_pass") {
        return true;
    }
    let Some(at) = lower.find("password").map(|i| i + 8).or_else(|| lower.find("passwd").map(|i| i + 6))
    else {
        return false;
    };
    let suffix = &lower[at..];
    !suffix.split(['_', '-', '.']).any(|part| NOT_THE_PASSWORD.contains(&part))
}

#[derive(Default)]
pub struct HardcodedSecret;

impl Rule for HardcodedSecret {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        // (span, kind, secret text)
        let mut found: Vec<(Span, SecretKind, String)> = Vec::new();
        let mut in_word = |found: &mut Vec<(Span, SecretKind, String)>, span: Span, text: &str| {
            for Found { range, kind } in find_secrets(text) {
                found.push((text_span(cx.source, span, text, range.clone()), kind, text[range].to_string()));
            }
        };
        match (&instr.keyword, &instr.args) {
            (Keyword::Env | Keyword::Label, Args::KeyValues { pairs, .. }) => {
                for p in pairs {
                    value_findings(cx.source, &p.key.text, &p.value, &mut found, &mut in_word);
                }
            }
            (Keyword::Arg, Args::ArgDecls(decls)) => {
                for d in decls {
                    if let Some(v) = &d.default {
                        value_findings(cx.source, &d.name.text, v, &mut found, &mut in_word);
                    }
                }
            }
            (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint, Args::Command(c))
            | (Keyword::Healthcheck, Args::Healthcheck { command: c, .. }) => match c {
                Command::Shell { text, logical_offset, .. } => {
                    // The shell text maps to the source through the instruction's line
                    // (for an ONBUILD trigger, the ONBUILD's line).
                    let logical = &cx.instruction().logical;
                    for Found { range, kind } in find_secrets(&text.text) {
                        let span = logical.source_span(
                            logical_offset + range.start as u32,
                            logical_offset + range.end as u32,
                        );
                        let span = if span.is_empty() { text.span } else { span };
                        found.push((span, kind, text.text[range].to_string()));
                    }
                }
                Command::Exec { args, .. } => {
                    for a in args {
                        in_word(&mut found, a.span, &a.text);
                    }
                }
                Command::Empty => {}
            },
            _ => {}
        }
        // Heredoc bodies: scripts of RUN, files written by COPY and ADD.
        if matches!(instr.keyword, Keyword::Run | Keyword::Copy | Keyword::Add) {
            for h in &cx.instruction().heredocs {
                let body = h.body.text(cx.source);
                for Found { range, kind } in find_secrets(body) {
                    let span = Span::new(h.body.start + range.start as u32, h.body.start + range.end as u32);
                    found.push((span, kind, body[range].to_string()));
                }
            }
        }
        crate::sort::by_key(&mut found, |(s, _, _)| (s.start, s.end));
        found.dedup_by(|b, a| b.0.start < a.0.end);
        for (span, kind, secret) in found {
            let shown = if kind == SecretKind::PrivateKey {
                secret.lines().next().unwrap_or("").to_string()
            } else {
                mask(&secret)
            };
            cx.report(
                span,
                format!(
                    "This looks like {} (`{shown}`), written where anyone with the image can read it",
                    kind.describe()
                ),
            )
            .with_help("Revoke it, and pass it at build time with `RUN --mount=type=secret` instead.");
        }
    }
}

/// Whether a value is a yes/no switch, as in settings named after passwords that are not
/// passwords (`MYSQL_RANDOM_ROOT_PASSWORD=yes`, `MYSQL_ALLOW_EMPTY_PASSWORD=no`).
fn switch(value: &str) -> bool {
    matches!(value.to_ascii_lowercase().as_str(), "yes" | "no" | "on" | "off")
}

/// Findings in the value of `NAME=value` (ENV, LABEL, ARG default): a literal password
/// under a password name, an AWS secret key under its usual name, or any token shape.
fn value_findings(
    source: &str,
    name: &str,
    value: &Word,
    found: &mut Vec<(Span, SecretKind, String)>,
    in_word: &mut impl FnMut(&mut Vec<(Span, SecretKind, String)>, Span, &str),
) {
    let (inner, offset) = unquote(&value.text);
    let range = offset..offset + inner.len();
    if password_name(name) && !placeholder(inner) && !switch(inner) && !inner.starts_with(['/', '.', '~']) {
        found.push((
            text_span(source, value.span, &value.text, range),
            SecretKind::Password,
            inner.to_string(),
        ));
        return;
    }
    if name.eq_ignore_ascii_case("aws_secret_access_key")
        && inner.len() == 40
        && inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
    {
        found.push((
            text_span(source, value.span, &value.text, range),
            SecretKind::AwsSecretKey,
            inner.to_string(),
        ));
        return;
    }
    in_word(found, value.span, &value.text);
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", &["AKIAIOSFODNN7EXAMPLE"]),
    Case::fires(
        "FROM debian:12\nENV AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        &["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ),
    Case::fires(
        "FROM debian:12\nRUN aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        &["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ),
    Case::fires(
        "FROM debian:12\nRUN git clone https://ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com/acme/app",
        &["ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"],
    ),
    Case::fires(
        "FROM debian:12\nARG GITLAB_TOKEN=glpat-a1B2c3D4e5F6g7H8i9J0\nLABEL hook=\"xoxb-123456789012-1234567890123-a1B2c3D4e5F6g7H8\"",
        &["glpat-a1B2c3D4e5F6g7H8i9J0", "xoxb-123456789012-1234567890123-a1B2c3D4e5F6g7H8"],
    ),
    Case::fires("FROM debian:12\nENV DB_PASSWORD=hunter2 PORT=5432", &["hunter2"]),
    Case::fires("FROM debian:12\nENV NEKO_PASSWORD_ADMIN=admin MYSQL_PASS='t0psecret'", &["admin", "t0psecret"]),
    Case::fires("FROM debian:12\nENV MYSQL_ROOT_PASSWORD \"s3cr3t!\"", &["s3cr3t!"]),
    Case::fires(
        "FROM debian:12\nRUN ./configure --admin-password=Tr0ub4dor && echo \"db.password=\\\"hunter2\\\"\" > app.ini",
        &["Tr0ub4dor", "hunter2"],
    ),
    Case::fires(
        "FROM debian:12\nRUN mkdir -p /root/.ssh && echo \"-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\n-----END OPENSSH PRIVATE KEY-----\" > /root/.ssh/id_ed25519",
        &["-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\n-----END OPENSSH PRIVATE KEY-----"],
    ),
    Case::fires(
        "FROM debian:12\nCOPY <<EOF /root/.aws/credentials\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nEOF",
        &["AKIAIOSFODNN7EXAMPLE"],
    ),
    Case::fires("FROM debian:12\nRUN curl -u admin:x \\\n    --data password=Sup3rS3cret https://x/api", &["Sup3rS3cret"]),
    Case::quiet("FROM debian:12\nENV DB_PASSWORD=changeme ADMIN_PASSWORD=\"\" PG_PASSWORD=${PG_PASSWORD}"),
    Case::quiet("FROM debian:12\nENV DB_PASSWORD_FILE=/run/secrets/db AWS_ACCESS_KEY_ID=${AWS_KEY}"),
    Case::quiet("FROM debian:12\nENV PASSWORD_MIN_LENGTH=12 PASSWD=/etc/passwd COMPASS=north"),
    Case::quiet("FROM debian:12\nARG DB_PASSWORD\nRUN ./setup --password=\"$DB_PASSWORD\" --user=app"),
    Case::quiet("FROM debian:12\nRUN echo password= > /etc/app.conf && echo \"passwd=$(cat /run/secrets/pw)\""),
    Case::quiet("FROM debian:12\nLABEL usage=\"docker run -e POSTGRESQL_PASSWORD=pass image\""),
    Case::quiet("FROM debian:12\nENV GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx TAG=AKIA1234"),
    Case::quiet(
        "FROM debian:12\nRUN sed -i 's/password=.*/password=${DB_PASS}/' /etc/app.ini && sed -n '/-----BEGIN PRIVATE KEY-----/,/-----END PRIVATE KEY-----/p' x.pem",
    ),
    Case::quiet("FROM debian:12\nRUN echo '-----BEGIN PUBLIC KEY-----' > /tmp/x && ssh-keygen -t ed25519 -N '' -f /root/key"),
    // A key marker as a search pattern, followed by paths: no key material.
    Case::quiet("FROM debian:12\nRUN grep -L -- '-----BEGIN RSA PRIVATE KEY-----' /etc/ssl/private/*.key"),
    Case::quiet(
        "FROM debian:12\nRUN --mount=type=secret,id=gh,env=GITHUB_TOKEN git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app.git",
    ),
    Case::quiet("FROM debian:12\nARG AWS_SECRET_ACCESS_KEY\nENV AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}"),
    Case::quiet("FROM debian:12\nENV SLACK_BOT_TOKEN=xoxb-your-bot-token GITLAB_TOKEN=glpat-REPLACE_ME"),
    Case::quiet(
        "FROM nginx:1.27\nCOPY <<EOF /etc/ssl/certs/corp-ca.pem\n-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2xvdWRmbGFyZSBJbmMuMB4XDTI0\n-----END CERTIFICATE-----\nEOF",
    ),
    Case::quiet(
        "FROM docker:27-cli\nRUN --mount=type=secret,id=reg cat /run/secrets/reg | docker login --username ci --password-stdin registry.example.com",
    ),
    Case::quiet("FROM debian:12\nRUN passwd -l root && usermod -p '!' app"),
    // The official mysql and mariadb images' switches, not passwords.
    Case::quiet("FROM mysql:8.4\nENV MYSQL_RANDOM_ROOT_PASSWORD=yes MYSQL_ALLOW_EMPTY_PASSWORD=no"),
    Case::quiet("FROM debian:12\nCMD [\"sh\", \"-c\", \"exec app --db-password=\\\"$DB_PASSWORD\\\"\"]"),
    Case::quiet("FROM mysql:8.4\nHEALTHCHECK CMD mysqladmin ping --password=\"$MYSQL_ROOT_PASSWORD\" || exit 1"),
    Case::quiet(
        "FROM amazon/aws-cli:2.17.0\n# export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE before building\nRUN --mount=type=secret,id=aws,target=/root/.aws/credentials aws s3 ls",
    ),
    Case::quiet("FROM postgres:16\nENV PGPASSFILE=/root/.pgpass"),
    Case::quiet("FROM debian:12\nCOPY <<EOF /etc/app.ini\n[db]\npassword=${DB_PASSWORD}\nEOF"),
    Case::quiet(
        "FROM debian:12\nRUN echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb0n5Vd3kM8qW1yJ7pTzXcR4sHfL2uE6aNoB9iKdQwS deploy@ci' >> /root/.ssh/authorized_keys",
    ),
    Case::quiet("FROM python:3.12\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305"),
    Case::quiet("FROM nginx:1.27\nRUN htpasswd -B -c -i /etc/nginx/.htpasswd admin < /run/secrets/admin_pw"),
];
