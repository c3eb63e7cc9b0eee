//! DL3064: an ARG or ENV whose name suggests it holds a secret.

use crate::rules::prelude::*;
use crate::syntax::Word;

declare_rule! {
    SecretInArgOrEnv {
        code: "DL3064",
        name: "secret-in-arg-or-env",
        aliases: ["SecretsUsedInArgOrEnv"],
        severity: Warning,
        category: Security,
        fix: None,
        origin: Hadolint,
        onbuild: true,
        summary: "An ARG or ENV whose name says it holds a secret",
        why: "Values of ARG and ENV are kept in the image: `docker history` and \
              `docker inspect` show them to anyone who can pull the image, and build caches \
              keep them too. Passwords, tokens and keys belong in a secret mount \
              (`RUN --mount=type=secret`), which is never written into a layer. BuildKit calls \
              this check SecretsUsedInArgOrEnv. A name is suspicious when one of its words is (or \
              ends with) password, secret, token or username, or it says API key, client key \
              or private key; names of where a secret is kept (`DB_PASSWORD_FILE`) and words \
              that only start that way (`TOKENIZERS_PARALLELISM`) are not.",
        bad: "FROM alpine:3.20\nARG GITHUB_TOKEN\n",
        good: "FROM alpine:3.20\nRUN --mount=type=secret,id=github_token \\\n    git clone https://$(cat /run/secrets/github_token)@github.com/acme/app\n",
    }
}

/// Names known to hold credentials (compared in upper case).
const KNOWN: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

/// Words of names that suggest a credential (compared in lower case). A word also matches
/// when it ends with one (`mysecret`, `npmtoken`), not when it only starts with one
/// (`TOKENIZERS_PARALLELISM` is a setting).
const SUSPICIOUS: &[&str] = &["password", "secret", "token", "username"];

/// Two-word names that suggest a credential (`API_KEY`, `apiKey`, `apikey`).
const SUSPICIOUS_PAIRS: &[(&str, &str)] = &[("api", "key"), ("client", "key"), ("private", "key")];

/// The words of a name: split at `_`, `-`, `.` and lower-to-upper case changes, lowercased.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.') {
            out.push(String::new());
            prev_lower = false;
            continue;
        }
        if out.is_empty() || (prev_lower && c.is_uppercase()) {
            out.push(String::new());
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.last_mut().expect("pushed above").push(c.to_ascii_lowercase());
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Whether a variable name looks like it holds a secret. Names of where a secret is kept
/// (`DB_PASSWORD_FILE`, `TOKEN_PATH`, the official images' convention for secret files)
/// do not.
pub(crate) fn looks_secret(name: &str) -> bool {
    if KNOWN.contains(&name.to_ascii_uppercase().as_str()) {
        return true;
    }
    let words = words(name);
    if words.len() > 1 && words.last().is_some_and(|w| matches!(w.as_str(), "file" | "path" | "dir")) {
        return false;
    }
    let single = words.iter().any(|w| SUSPICIOUS.iter().any(|s| w.ends_with(s)));
    let pair = SUSPICIOUS_PAIRS.iter().any(|(a, b)| {
        words.windows(2).any(|p| p[0].ends_with(a) && p[1] == *b)
            || words.iter().any(|w| w.ends_with(&format!("{a}{b}")))
    });
    single || pair
}

#[derive(Default)]
pub struct SecretInArgOrEnv;

impl Rule for SecretInArgOrEnv {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let names: Vec<&Word> = match (&instr.keyword, &instr.args) {
            (Keyword::Arg, Args::ArgDecls(decls)) => decls.iter().map(|d| &d.name).collect(),
            (Keyword::Env, Args::KeyValues { pairs, .. }) => pairs.iter().map(|p| &p.key).collect(),
            _ => return,
        };
        let kind = instr.keyword.as_str();
        for name in names.into_iter().filter(|n| looks_secret(&n.text)) {
            cx.report(
                name.span,
                format!("`{kind} {}` looks like a secret, and its value stays in the image", name.text),
            )
            .with_help("Pass secrets with `RUN --mount=type=secret,id=…` instead of ARG or ENV.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM alpine:3.20\nARG GITHUB_TOKEN", &["GITHUB_TOKEN"]),
    Case::fires("FROM alpine:3.20\nENV DB_PASSWORD=hunter2 PORT=80 api_key=x", &["DB_PASSWORD", "api_key"]),
    Case::fires(
        "ARG aws_access_key_id\nFROM alpine:3.20\nENV MySecretThing value",
        &["aws_access_key_id", "MySecretThing"],
    ),
    Case::fires("FROM alpine:3.20\nONBUILD ARG NPM_TOKEN", &["NPM_TOKEN"]),
    Case::fires("FROM alpine:3.20\nARG USERNAME=app", &["USERNAME"]),
    Case::quiet("FROM alpine:3.20\nARG VERSION=1.0\nENV PATH=/app/bin:$PATH"),
    Case::quiet("FROM alpine:3.20\nENV KEYBOARD=us PASS=1 AUTH_URL=x"),
    Case::quiet("FROM alpine:3.20\nRUN echo $GITHUB_TOKEN"),
    // Short words that are on neither list.
    Case::quiet("FROM alpine:3.20\nARG PASSWD\nARG AUTH\nARG KEY"),
    // Suspicious words in the values, not the names.
    Case::quiet("FROM alpine:3.20\nENV API_URL=https://token.example.com MODE=secret"),
    // Another instruction: LABEL keys are not ARG or ENV names.
    Case::quiet("FROM alpine:3.20\nLABEL secret=no password=none"),
    // The fixed form: the name only in a comment and a secret mount.
    Case::quiet(
        "# ARG GITHUB_TOKEN\nFROM alpine:3.20\nRUN --mount=type=secret,id=github_token cat /run/secrets/github_token",
    ),
    // A value that references a secret variable: the declared name is harmless.
    Case::quiet("FROM alpine:3.20\nARG REPO_URL=https://${GITHUB_TOKEN}@github.com/acme/app"),
    // Prefixes of known names (TRAVIS_SUDO, …) are not known names.
    Case::quiet("FROM alpine:3.20\nENV TRAVIS=true USER=app NAME=x"),
    // Public key material: `key` alone is not suspicious, only `api_key` and `client_key`.
    Case::quiet("FROM alpine:3.20\nARG PUBLIC_KEY_URL\nENV GPG_KEY=ABCDEF KEYRING=/usr/share/keyrings/x.gpg"),
    // Words that only start like a suspicious one, and where a secret is kept (not the
    // secret itself): hadolint reports these, BuildKit does not.
    Case::quiet("FROM python:3.12\nENV TOKENIZERS_PARALLELISM=false PRIVATE_REGISTRY=registry.example.com"),
    Case::quiet("FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db_root TOKEN_PATH=/run/secrets/t"),
    // Compound and camelCase names.
    Case::fires(
        "FROM alpine:3.20\nARG microscannertoken\nARG dbPassword\nARG OPENAI_API_KEY\nARG privateKey",
        &["microscannertoken", "dbPassword", "OPENAI_API_KEY", "privateKey"],
    ),
];
