//! DL3025: CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form.

use crate::rules::prelude::*;

pub static META: RuleMeta = RuleMeta {
    code: "DL3025",
    name: "shell-form-cmd",
    aliases: &["JSONArgsRecommended"],
    severity: Some(Severity::Warning),
    category: Category::Correctness,
    fix: FixAvailability::None,
    origin: Origin::Hadolint,
    onbuild: false,
    summary: "Use the JSON (exec) form for CMD and ENTRYPOINT",
    docs: Docs {
        why: "In shell form the command runs under `/bin/sh -c`, so the shell, not your \
              program, is process 1: `docker stop` sends SIGTERM to the shell, which does not \
              pass it on, and the container is killed after the timeout. The JSON form runs \
              the program directly and lets it receive signals. BuildKit calls this check \
              JSONArgsRecommended (it skips a stage that sets a SHELL, and does not look at \
              HEALTHCHECK).",
        bad: "FROM node:20-bookworm-slim\nCMD node server.js\n",
        good: "FROM node:20-bookworm-slim\nCMD [\"node\", \"server.js\"]\n",
    },
};

#[derive(Default)]
pub struct Check;

impl Rule for Check {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let command = match (&instr.keyword, &instr.args) {
            (Keyword::Cmd | Keyword::Entrypoint, Args::Command(c)) => c,
            (Keyword::Healthcheck, Args::Healthcheck { command, .. }) => command,
            _ => return,
        };
        let Command::Shell { text, looks_like_json, .. } = command else { return };
        let what = instr.keyword.as_str();
        let message = if *looks_like_json {
            format!("This {what} is not a valid JSON array, so it runs in shell form")
        } else {
            format!("Use the JSON form for {what}: the shell form runs the command under `/bin/sh -c`")
        };
        cx.report(text.span, message)
            .with_help("Write the command as a JSON array of strings, e.g. `[\"node\", \"server.js\"]`.");
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nCMD node server.js", &["node server.js"]),
    Case::fires("FROM node:20\nENTRYPOINT exec ./run.sh --port 80", &["exec ./run.sh --port 80"]),
    Case::fires(
        "FROM node:20\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/",
        &["curl -f http://localhost/"],
    ),
    Case::fires("FROM node:20\nCMD ['node', 'server.js']", &["['node', 'server.js']"]),
    Case::quiet("FROM node:20\nCMD [\"node\", \"server.js\"]"),
    Case::quiet("FROM node:20\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD []"),
    Case::quiet("FROM node:20\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]\nHEALTHCHECK NONE"),
    Case::quiet("FROM node:20\nRUN npm ci\nONBUILD CMD node server.js"),
    // A shell run on purpose, in the JSON form.
    Case::quiet("FROM node:20\nENTRYPOINT [\"/bin/sh\", \"-c\", \"exec node server.js\"]"),
    // JSON with spaces around its items, over two lines, and with escaped quotes.
    Case::quiet("FROM node:20\nCMD [ \"node\" , \"server.js\" ]"),
    Case::quiet("FROM node:20\nCMD [\"node\", \\\n    \"server.js\"]"),
    Case::quiet("FROM node:20\nCMD [\"echo\", \"say \\\"hi\\\"\"]"),
    // A commented-out shell form, RUN's shell form, and a CMD inside a label.
    Case::quiet(
        "FROM node:20\n# CMD node server.js\nRUN node build.js\nLABEL cmd=\"node server.js\"\nCMD [\"node\", \"server.js\"]",
    ),
];
