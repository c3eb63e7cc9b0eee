//! Lessons: the practices of the best-practice guide that a linter cannot check from the
//! Dockerfile alone (or only in part). Each has a short text, a Dockerfile to start from,
//! and, where rules can see the practice, the rules whose findings disappear when the
//! lesson is done. The playground's learning mode uses them.
//!
//! The texts and Dockerfiles are documentation: without the `docs` feature they are empty
//! (the playground reads them from `rule-docs.json`, under `lessons`).

/// One lesson.
#[derive(Debug)]
pub struct Lesson {
    /// Stable identifier, used in links.
    pub id: &'static str,
    pub title: &'static str,
    /// What to do, and why, in a few sentences.
    pub text: &'static str,
    /// A Dockerfile to start from.
    pub start: &'static str,
    /// Rule codes that fire on `start` and stop firing once the lesson is applied. Empty
    /// when the practice lives outside the Dockerfile (a registry, the runtime …).
    pub done_when_quiet: &'static [&'static str],
    /// How to apply the lesson when no rule can tell (or in addition to the rules).
    pub try_it: &'static str,
    /// The starting Dockerfile with the lesson applied.
    pub done: &'static str,
}

pub static LESSONS: &[Lesson] = &[
    Lesson {
        id: "one-process",
        title: "One process per container",
        text: doc_text!("A container is meant to run one thing. When it starts a web server, a worker and \
               a cron daemon together, `docker stop` signals only the first, logs interleave, \
               a crash of one part goes unnoticed, and you cannot scale the parts separately. \
               Run each process in its own container and let the orchestrator (Compose, \
               Kubernetes) start them side by side."),
        start: doc_text!("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./app/\nUSER 10001\nCMD [\"sh\", \"-c\", \"celery -A app worker & gunicorn app.wsgi\"]\n"),
        done_when_quiet: &["SS4010"],
        try_it: doc_text!("Keep one program in CMD (`CMD [\"gunicorn\", \"app.wsgi\"]`) and run the worker from \
                 the same image with another command in a second container."),
        done: doc_text!("FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./app/\nUSER 10001\n# The worker runs from the same image in its own container: `docker run IMAGE celery -A app worker`.\nCMD [\"gunicorn\", \"--worker-tmp-dir\", \"/dev/shm\", \"app.wsgi\"]\n"),
    },
    Lesson {
        id: "entrypoint-cmd",
        title: "ENTRYPOINT or CMD",
        text: doc_text!("CMD is the default command, easy to replace at `docker run IMAGE other-command`. \
               ENTRYPOINT is the program the container is; what follows the image name becomes \
               its arguments, and replacing it takes `--entrypoint`. Use ENTRYPOINT for an image \
               that wraps one tool, CMD for a default that people may swap, and both for a fixed \
               program with default arguments. Write them in JSON form, so that the program is \
               process 1 and receives signals."),
        start: doc_text!("FROM python:3.12-slim\nWORKDIR /app\nCOPY app/ ./app/\nUSER 10001\nENTRYPOINT gunicorn app.wsgi\nCMD -b 0.0.0.0:8000\n"),
        done_when_quiet: &["DL3025"],
        try_it: doc_text!("`ENTRYPOINT [\"gunicorn\", \"app.wsgi\"]` then `CMD [\"-b\", \"0.0.0.0:8000\"]`: \
                 `docker run IMAGE -b 0.0.0.0:9000` now changes only the arguments."),
        done: doc_text!("FROM python:3.12-slim\nWORKDIR /app\nCOPY app/ ./app/\nUSER 10001\nENTRYPOINT [\"gunicorn\", \"app.wsgi\"]\nCMD [\"-b\", \"0.0.0.0:8000\"]\n"),
    },
    Lesson {
        id: "dockerignore",
        title: "A .dockerignore for the build context",
        text: doc_text!("Before the first instruction runs, the whole build context is sent to the builder. \
               Without a `.dockerignore`, that includes `.git`, virtualenvs, `node_modules`, test \
               data and secrets such as `.env`: the build is slower, `COPY . .` busts the cache \
               whenever any of them changes, and a secret can end up in a layer. List what the \
               image does not need."),
        start: doc_text!("FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER 10001\nCMD [\"node\", \"server.js\"]\n"),
        done_when_quiet: &["SS4002"],
        try_it: doc_text!("Add a `.dockerignore` with `.git`, `node_modules`, `.env`, `**/*.log` and \
                 `Dockerfile`, and copy `package.json` and `package-lock.json` before the rest."),
        done: doc_text!("FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY src/ ./src/\nUSER 10001\nCMD [\"node\", \"src/server.js\"]\n"),
    },
    Lesson {
        id: "venv-multi-stage",
        title: "Virtualenvs in multi-stage builds",
        text: doc_text!("Inside a container a virtualenv is rarely needed for isolation, but it is the \
               neatest way to carry dependencies from a build stage to a slim final stage: build \
               everything (compilers included) into `/opt/venv` in the first stage, then copy only \
               that directory. The final image gets no compiler and no wheel files left behind."),
        start: doc_text!("FROM python:3.12-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1 && rm -rf /var/lib/apt/lists/*\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./app/\nUSER 10001\nCMD [\"python\", \"-m\", \"app\"]\n"),
        done_when_quiet: &["SS4001"],
        try_it: doc_text!("In a `builder` stage run `python -m venv /opt/venv`, put `/opt/venv/bin` first on \
                 PATH and install the requirements; in the final stage `COPY --from=builder \
                 /opt/venv /opt/venv` and set the same PATH."),
        done: doc_text!("FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libpq-dev=15.8-0+deb12u1 && rm -rf /var/lib/apt/lists/*\nRUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nWORKDIR /app\nCOPY app/ ./app/\nUSER 10001\nCMD [\"python\", \"-m\", \"app\"]\n"),
    },
    Lesson {
        id: "logging",
        title: "Log to stdout and stderr",
        text: doc_text!("The container runtime collects what a process writes to stdout and stderr, and \
               sends it wherever the logging driver says (a file, journald, CloudWatch …). Logs \
               written to files inside the container are lost with it, fill its writable layer, \
               and are invisible to `docker logs`. Configure the application to log to the \
               console; for programs that insist on a file, link it to `/dev/stdout`."),
        start: doc_text!("FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\n"),
        done_when_quiet: &[],
        try_it: doc_text!("`RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr \
                 /var/log/nginx/error.log` (the official nginx image already does this)."),
        done: doc_text!("FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/nginx.conf\nRUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log\n"),
    },
    Lesson {
        id: "limits",
        title: "Memory and CPU limits",
        text: doc_text!("A Dockerfile cannot limit resources: limits are set when the container runs. \
               Without them one container can take all the memory of the host and starve the \
               others. Set `--memory` and `--cpus` on `docker run`, or `deploy.resources` in a \
               Compose file (limits for the hard cap, reservations for what it should get when \
               the host is busy)."),
        start: doc_text!("FROM redis:7.4-alpine\nCMD [\"redis-server\", \"--maxmemory\", \"400mb\"]\n"),
        done_when_quiet: &[],
        try_it: doc_text!("`docker run --cpus=2 -m 512m IMAGE`, or in Compose: `deploy: { resources: { \
                 limits: { cpus: '2', memory: 512M }, reservations: { cpus: '1', memory: 256M } } }`."),
        done: doc_text!("FROM redis:7.4-alpine\n# Limits are set where the container runs: docker run --cpus=2 -m 512m IMAGE\nCMD [\"redis-server\", \"--maxmemory\", \"400mb\"]\n"),
    },
    Lesson {
        id: "scanning",
        title: "Scan images, not only Dockerfiles",
        text: doc_text!("A linter reads the Dockerfile; it cannot see the known vulnerabilities of the \
               packages inside the base image and your dependencies. Scan the built image in CI \
               (Trivy, Grype, Docker Scout, Snyk …), rebuild when the base image is patched, and \
               prefer small base images, which have fewer packages to be vulnerable."),
        start: doc_text!("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends openssl=3.0.15-1~deb12u1 && rm -rf /var/lib/apt/lists/*\n"),
        done_when_quiet: &[],
        try_it: doc_text!("Add a CI step such as `trivy image --exit-code 1 --severity HIGH,CRITICAL IMAGE` \
                 after the build."),
        done: doc_text!("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssl=3.0.15-1~deb12u1 && rm -rf /var/lib/apt/lists/*\n"),
    },
    Lesson {
        id: "signing",
        title: "Signed images and pinned digests",
        text: doc_text!("A tag can be moved, and an image can be tampered with on the way or in a broken \
               registry. Signing (Docker Content Trust, Notary, cosign) lets a client refuse \
               images nobody trusted signed: with `DOCKER_CONTENT_TRUST=1` a pull of an unsigned \
               image fails. In the Dockerfile, pinning the base image by digest makes the build \
               take exactly the image you reviewed."),
        start: doc_text!("FROM python:3.12-slim\nUSER 10001\nCMD [\"python\", \"-c\", \"print('hello')\"]\n"),
        done_when_quiet: &["SS5012"],
        try_it: doc_text!("`FROM python:3.12-slim@sha256:<digest>` (from `docker buildx imagetools inspect \
                 python:3.12-slim`), and `export DOCKER_CONTENT_TRUST=1` where images are pulled."),
        done: doc_text!("FROM python:3.12-slim@sha256:2ff1a6d2bb1c0e4c5d94a3d8c7a6e5f4b3a2918070f6e5d4c3b2a1908f7e6d5c\nUSER 10001\nCMD [\"python\", \"-c\", \"print('hello')\"]\n"),
    },
];

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[cfg(feature = "docs")]
    #[test]
    fn lessons_parse_and_their_rules_fire_on_the_start() {
        for l in LESSONS {
            for text in [l.start, l.done] {
                let parse = crate::parse(text);
                assert!(parse.errors.is_empty(), "{}: {:?}", l.id, parse.errors);
            }
            for code in l.done_when_quiet {
                let meta =
                    crate::rules::find_meta(code).unwrap_or_else(|| panic!("{}: no rule {code}", l.id));
                let mut config = Config::default();
                config.overrides.push((meta.code.to_string(), crate::Severity::Info));
                let found = crate::lint(l.start, &config).diagnostics.iter().any(|d| d.code == meta.code);
                assert!(found, "{}: {code} does not fire on the starting Dockerfile", l.id);
                let still = crate::lint(l.done, &config).diagnostics.iter().any(|d| d.code == meta.code);
                assert!(!still, "{}: {code} still fires once the lesson is applied", l.id);
            }
        }
        assert_eq!(LESSONS.len(), 8);
    }
}
