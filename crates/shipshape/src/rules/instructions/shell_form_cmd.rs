//! DL3025: CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form.

use crate::rules::prelude::*;

declare_rule! {
    ShellFormCmd {
        code: "DL3025",
        name: "shell-form-cmd",
        aliases: ["JSONArgsRecommended"],
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        summary: "Use the JSON (exec) form for CMD and ENTRYPOINT",
        why: "In shell form the command runs under `/bin/sh -c`, so the shell, not your \
              program, is process 1: `docker stop` sends SIGTERM to the shell, which does not \
              pass it on, and the container is killed after the timeout. The JSON form runs \
              the program directly and lets it receive signals. BuildKit calls this check \
              JSONArgsRecommended (it skips a stage that sets a SHELL, and does not look at \
              HEALTHCHECK). The fix (unsafe: the program then gets the signals, and an \
              ENTRYPOINT gets CMD's arguments) writes a plain command in the JSON form, or a \
              single-quoted array in double quotes.",
        bad: "FROM node:20-bookworm-slim\nCMD node server.js\n",
        good: "FROM node:20-bookworm-slim\nCMD [\"node\", \"server.js\"]\n",
    }
}

#[derive(Default)]
pub struct ShellFormCmd;

impl Rule for ShellFormCmd {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let command = match (&instr.keyword, &instr.args) {
            (Keyword::Cmd | Keyword::Entrypoint, Args::Command(c)) => c,
            (Keyword::Healthcheck, Args::Healthcheck { command, .. }) => command,
            _ => return,
        };
        let Command::Shell { text, looks_like_json, logical_offset } = command else { return };
        let fix = if *looks_like_json {
            double_quotes(cx, instr, text, *logical_offset)
        } else {
            exec_form(cx, instr, text, *logical_offset)
        };
        let what = instr.keyword.as_str();
        let message = if *looks_like_json {
            format!("This {what} is not a valid JSON array, so it runs in shell form")
        } else {
            format!("Use the JSON form for {what}: the shell form runs the command under `/bin/sh -c`")
        };
        let d = cx.report(text.span, message);
        d.with_help("Write the command as a JSON array of strings, e.g. `[\"node\", \"server.js\"]`.");
        if let Some(fix) = fix {
            d.with_fix(fix);
        }
    }
}

/// Shell reserved words and builtins that are no program of their own: in the JSON form
/// there is no shell to run them.
const SHELL_WORDS: &[&str] = &[
    "!", ".", ":", "[[", "{", "}", "alias", "case", "cd", "do", "done", "elif", "else", "esac", "eval",
    "exit", "export", "fi", "for", "function", "if", "local", "readonly", "return", "select", "set", "shift",
    "source", "then", "time", "trap", "ulimit", "umask", "unset", "until", "wait", "while",
];

/// The JSON form of a shell-form command, when the shell only splits it at blanks and
/// removes quotes: plain words, `'…'` and `"…"` without `$`, `` ` `` or `\` inside (no
/// variables, escapes, globs, operators, redirections or comments); the first word a program
/// (not an assignment or a shell builtin). A leading `exec` is dropped (the JSON form runs
/// the program directly). Each word is rewritten where it stands, so continuation lines and
/// the comment lines among them stay. Quotes count only for a POSIX shell (not under the
/// backtick escape of Windows files, whose `cmd` does not know single quotes).
///
/// Unsafe: the program becomes process 1 and gets the signals the shell used to get, and
/// an ENTRYPOINT in the JSON form receives CMD's arguments, which the shell form ignored.
fn exec_form(cx: &Cx, instr: &Instruction, text: &Word, logical_offset: u32) -> Option<Fix> {
    let t = text.text.as_str();
    let quotes = cx.file.escape != '`' && cx.state.posix_shell();
    let words = shell_words(t, quotes)?;
    let skip = usize::from(words.first().is_some_and(|w| &t[w.0..w.1] == "exec"));
    let first = words.get(skip).map(|w| w.2.as_str())?;
    if first.is_empty() || first.contains('=') || first.starts_with('-') || SHELL_WORDS.contains(&first) {
        return None;
    }
    let spans: Vec<Span> = words
        .iter()
        .map(|&(s, e, _)| {
            let (s, e) = (logical_offset + s as u32, logical_offset + e as u32);
            Span::new(instr.logical.source_offset(s), instr.logical.source_end(e))
        })
        .collect();
    // Every word written plainly in the source (none split by a continuation).
    if spans.iter().zip(&words).any(|(span, w)| span.text(cx.source) != &t[w.0..w.1]) {
        return None;
    }
    let mut edits = Vec::new();
    for i in skip..words.len() {
        let open = if i == skip { "[" } else { "" };
        let close = if i + 1 == words.len() { "]" } else { "," };
        let mut span = spans[i];
        if i == 1 && skip == 1 {
            // `exec` goes, with the blanks after it (unless a comment line is among them).
            if Span::new(spans[0].end, span.start).text(cx.source).contains('#') {
                return None;
            }
            span = Span::new(spans[0].start, span.end);
        }
        edits.push(Edit::replace(span, format!("{open}{}{close}", json_string(&words[i].2))));
    }
    Some(Fix::unsafe_("Use the JSON (exec) form", edits))
}

/// `['node', 'server.js']` (a JSON array in single quotes, which BuildKit runs as a shell
/// command) with double quotes, when that makes it a JSON array of strings: no double quote
/// or backslash in it already. Unsafe: the command then runs in the JSON form, not as the
/// shell command that failed.
fn double_quotes(cx: &Cx, instr: &Instruction, text: &Word, logical_offset: u32) -> Option<Fix> {
    let t = text.text.as_str();
    if !t.contains('\'') || t.contains(['"', '\\', cx.file.escape]) {
        return None;
    }
    let json = t.replace('\'', "\"");
    let probe = crate::syntax::parse(&format!("FROM scratch\nCMD {json}\n"));
    let exec =
        probe.file.instructions.get(1).is_some_and(|i| matches!(&i.args, Args::Command(c) if c.is_exec()));
    if !exec {
        return None;
    }
    let mut edits = Vec::new();
    for (i, _) in t.match_indices('\'') {
        let at = instr.logical.source_offset(logical_offset + i as u32);
        if cx.source.get(at as usize..at as usize + 1) != Some("'") {
            return None;
        }
        edits.push(Edit::replace(Span::new(at, at + 1), "\""));
    }
    Some(Fix::unsafe_("Use double quotes in the JSON form", edits))
}

/// The words the shell makes of `t`, as (start, end, value), when it does nothing but split
/// at blanks and (if `quotes`) remove plain quotes; `None` when it would do more.
fn shell_words(t: &str, quotes: bool) -> Option<Vec<(usize, usize, String)>> {
    let mut words = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut chars = t.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ' ' | '\t' => {
                if let Some((s, w)) = current.take() {
                    words.push((s, i, w));
                }
            }
            '\'' | '"' if quotes => {
                let word = &mut current.get_or_insert_with(|| (i, String::new())).1;
                loop {
                    let (_, q) = chars.next()?;
                    if q == c {
                        break;
                    }
                    if c == '"' && matches!(q, '$' | '`' | '\\') {
                        return None;
                    }
                    word.push(q);
                }
            }
            c if c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c) => {
                current.get_or_insert_with(|| (i, String::new())).1.push(c)
            }
            _ => return None,
        }
    }
    if let Some((s, w)) = current {
        words.push((s, t.len(), w));
    }
    Some(words)
}

/// `s` as a JSON string.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM node:20\nCMD node server.js", &["node server.js"])
        .fixed("FROM node:20\nCMD [\"node\", \"server.js\"]"),
    Case::fires("FROM node:20\nENTRYPOINT exec ./run.sh --port 80", &["exec ./run.sh --port 80"])
        .fixed("FROM node:20\nENTRYPOINT [\"./run.sh\", \"--port\", \"80\"]"),
    Case::fires(
        "FROM node:20\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/",
        &["curl -f http://localhost/"],
    )
    .fixed("FROM node:20\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://localhost/\"]"),
    // A JSON array in single quotes gets double quotes (where it stands, over continuation lines).
    Case::fires("FROM node:20\nCMD ['node', 'server.js']", &["['node', 'server.js']"])
        .fixed("FROM node:20\nCMD [\"node\", \"server.js\"]"),
    Case::fires("FROM node:20\nENTRYPOINT ['node', \\\n  # the app\n  'server.js']", &["['node', \\\n  # the app\n  'server.js']"])
        .fixed("FROM node:20\nENTRYPOINT [\"node\", \\\n  # the app\n  \"server.js\"]"),
    // Not an array of strings once quoted, or quotes of both kinds: no fix.
    Case::fires("FROM node:20\nCMD ['node', 1]\nCMD ['say \"hi\"']", &["['node', 1]", "['say \"hi\"']"]),
    // Each word is quoted where it stands: continuation and comment lines stay.
    Case::fires(
        "FROM node:20\n# start\nCMD node \\\n    # the app\n    server.js --port=80",
        &["node \\\n    # the app\n    server.js --port=80"],
    )
    .fixed("FROM node:20\n# start\nCMD [\"node\", \\\n    # the app\n    \"server.js\", \"--port=80\"]"),
    Case::fires("# escape=`\nFROM node:20\nCMD node `\n    server.js", &["node `\n    server.js"])
        .fixed("# escape=`\nFROM node:20\nCMD [\"node\", `\n    \"server.js\"]"),
    Case::fires("FROM node:20\r\ncmd  node\tserver.js\r\nUSER node\r\n", &["node\tserver.js"])
        .fixed("FROM node:20\r\ncmd  [\"node\",\t\"server.js\"]\r\nUSER node\r\n"),
    // No fix where the shell does more than split at blanks, or where the first word is
    // no program: operators, variables, quotes, escapes, globs, assignments, builtins.
    Case::fires(
        "FROM node:20\nCMD node a.js && node b.js\nCMD echo $HOME\nCMD \"node\" server.js\nCMD ls *.js\nCMD PORT=80 node server.js\nCMD cd /app\nCMD node a\\ b.js",
        &["node a.js && node b.js", "echo $HOME", "\"node\" server.js", "ls *.js", "PORT=80 node server.js", "cd /app", "node a\\ b.js"],
    ),
    // Quotes the shell removes; a quoted `"` becomes `\"` in JSON.
    Case::fires("FROM nginx:1.27\nCMD nginx -g 'daemon off;'", &["nginx -g 'daemon off;'"])
        .fixed("FROM nginx:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]"),
    Case::fires("FROM node:20\nCMD node -e 'console.log(\"hi\")' \"a b\"c ''", &["node -e 'console.log(\"hi\")' \"a b\"c ''"])
        .fixed("FROM node:20\nCMD [\"node\", \"-e\", \"console.log(\\\"hi\\\")\", \"a bc\", \"\"]"),
    // No fix: a variable in double quotes, an open quote, quotes under a Windows shell.
    Case::fires(
        "FROM node:20\nCMD node \"$APP\"\nCMD node 'a\nSHELL [\"cmd\", \"/S\", \"/C\"]\nCMD app.exe 'x'",
        &["node \"$APP\"", "node 'a", "app.exe 'x'"],
    ),
    // A word split by a continuation, a comment line after `exec`, `exec` alone.
    Case::fires(
        "FROM node:20\nCMD no\\\nde server.js\nENTRYPOINT exec \\\n  # run\n  node\nENTRYPOINT exec",
        &["no\\\nde server.js", "exec \\\n  # run\n  node", "exec"],
    ),
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
    // Near misses: the fixed forms, over continuation lines with comments, under the
    // backtick escape, with CRLF.
    Case::quiet("FROM node:20\nENTRYPOINT [\"./run.sh\", \"--port\", \"80\"]"),
    Case::quiet("FROM node:20\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://localhost/\"]"),
    Case::quiet("FROM node:20\n# start\nCMD [\"node\", \\\n    # the app\n    \"server.js\", \"--port=80\"]"),
    Case::quiet("# escape=`\nFROM node:20\nCMD [\"node\", `\n    \"server.js\"]"),
    Case::quiet("FROM node:20\r\ncmd  [\"node\",\t\"server.js\"]\r\nUSER node\r\n"),
    Case::quiet("FROM node:20\nRUN node a.js && node b.js\nRUN echo $HOME"),
    Case::quiet("FROM node:20\nONBUILD ENTRYPOINT exec ./run.sh"),
    Case::quiet("FROM node:20\nHEALTHCHECK NONE"),
    Case::quiet("FROM node:20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi"),
    Case::quiet("FROM node:20\nLABEL entrypoint=\"exec ./run.sh\""),
    Case::quiet("FROM node:20\nENV CMD=\"node server.js\""),
    Case::quiet("FROM node:20\nCMD [\"node\"]\nENTRYPOINT [\"tini\", \"--\"]"),
    Case::quiet("FROM node:20\nCMD [\"sh\", \"-c\", \"node a.js && node b.js\"]"),
    Case::quiet("FROM node:20\nHEALTHCHECK --interval=30s --timeout=3s CMD [\"node\", \"check.js\"]"),
    Case::quiet("FROM node:20\nENTRYPOINT [\"node\", \\\n    \"server.js\"]"),
    Case::quiet("FROM node:20\n# CMD node \\\n#   server.js\nCMD [\"node\"]"),
    Case::quiet("FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci"),
    Case::quiet("FROM nginx:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]"),
    Case::quiet("FROM node:20\nRUN node -e 'console.log(1)'"),
    Case::quiet("FROM node:20\nCMD [\"node\", \"-e\", \"console.log(\\\"hi\\\")\"]"),
    Case::quiet("FROM node:20\nLABEL cmd=\"nginx -g 'daemon off;'\""),
    Case::quiet("FROM node:20\nENTRYPOINT [\"sh\", \"-c\", \"node \\\"$APP\\\"\"]"),
    Case::quiet("FROM node:20\n# CMD node 'a\nCMD [\"node\"]"),
    Case::quiet("FROM node:20\nENTRYPOINT [\"node\", \\\n  # the app\n  \"server.js\"]"),
    Case::quiet("FROM node:20\nCMD [\"it's\", \"ok\"]"),
    Case::quiet("FROM node:20\nRUN ['node', 'build.js'] || true"),
    Case::quiet("FROM node:20\nLABEL cmd=\"['node', 'server.js']\""),
];
