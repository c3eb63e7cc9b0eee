//! SS2086: an unquoted `$var` in a command argument (ShellCheck's SC2086).

use std::collections::HashSet;

use crate::edits::{backtick_spans, quote_part};
use crate::shell::queries::{assignment_word, param_ref, split_words, unsplit_context, DECLARATIONS};
use crate::shell::spans::{part_span, part_text};
use crate::rules::prelude::*;
use crate::shell::Part;

declare_rule! {
    UnquotedExpansion {
        code: "SS2086",
        name: "unquoted-expansion",
        aliases: ["SC2086"],
        severity: Info,
        category: Correctness,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "Double-quote variable expansions to prevent word splitting and globbing",
        why: "An unquoted `$var` is split on white space and each piece is expanded as a glob, \
              so a value with a space or a `*` turns into several arguments or into file names, \
              and an empty value makes the argument vanish. Writing `\"$var\"` passes the value \
              as it is. This is shipshape's equivalent of ShellCheck's SC2086; like hadolint, it \
              trusts ARG and ENV variables and values assigned in the same RUN that cannot \
              split. The fix (unsafe) wraps the expansion in double quotes.",
        bad: "FROM debian:bookworm\nRUN DIR=\"$(mktemp -d)\" && cp app.conf $DIR\n",
        good: "FROM debian:bookworm\nRUN DIR=\"$(mktemp -d)\" && cp app.conf \"$DIR\"\n",
    }
}

/// Variables whose value never holds white space or glob characters.
const NUMERIC_BUILTINS: &[&str] = &[
    "#",
    "?",
    "$",
    "!",
    "-",
    "_",
    "BASHPID",
    "BASH_ARGC",
    "BASH_LINENO",
    "BASH_SUBSHELL",
    "EUID",
    "LINENO",
    "OPTIND",
    "PPID",
    "RANDOM",
    "SECONDS",
    "SHELLOPTS",
    "SHLVL",
    "UID",
    "COLUMNS",
    "HISTFILESIZE",
    "HISTSIZE",
    "LINES",
];

/// Proxy variables that hadolint declares for ShellCheck.
const PROXY_VARS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
];

/// Variables declared by `ONBUILD ARG`/`ONBUILD ENV` in the current stage (hadolint
/// counts them as declared too).
#[derive(Default)]
pub struct UnquotedExpansion {
    onbuild_vars: Vec<String>,
}

/// Which variables currently hold a value that cannot split. An assignment inside a
/// compound command only holds until the command ends (after it, the variable is only
/// maybe assigned): `scoped` remembers what to restore.
struct Flow {
    safe: HashSet<String>,
    scoped: Vec<(u32, String, bool)>,
}

impl Flow {
    fn param_is_safe(&self, text: &str) -> bool {
        let r = param_ref(text);
        if r.length || r.alternative {
            return true;
        }
        if r.indirect || r.array_all.is_some() {
            return false;
        }
        self.safe.contains(&r.name) || NUMERIC_BUILTINS.contains(&r.name.as_str())
    }

    /// Whether a value (the parts of `word` from byte `from` of its raw text) cannot
    /// split: not empty, no blank or glob character, no command output, only safe
    /// variables.
    fn value_is_safe(&self, word: &ShWord, from: usize) -> bool {
        let mut text = String::new();
        let mut non_empty = false;
        for p in &word.parts {
            let t = part_text(word, p);
            let offset = (p.start - word.start) as usize;
            let t = if offset < from { t.get(from - offset..).unwrap_or("") } else { t };
            match p.kind {
                PartKind::Literal | PartKind::DoubleQuotedText => text.push_str(t),
                PartKind::SingleQuoted => text.push_str(t.trim_matches('\'')),
                PartKind::Escaped => text.push_str(t.get(1..).unwrap_or("")),
                PartKind::Param => {
                    if !self.param_is_safe(t) {
                        return false;
                    }
                    non_empty = true;
                }
                PartKind::CommandSub | PartKind::Backtick => return false,
                PartKind::Arith => non_empty = true,
            }
        }
        (non_empty || !text.is_empty()) && !text.contains(|c: char| c.is_whitespace() || "*?[".contains(c))
    }

    fn set(&mut self, name: &str, safe: bool) {
        if safe {
            self.safe.insert(name.to_string());
        } else {
            self.safe.remove(name);
        }
    }

    /// An assignment made by `cmd`. One that may not run (after `&&`, `||` or in a
    /// pipeline) can only make the variable unsafe.
    fn assign(&mut self, cmd: &ShCommand, name: &str, safe: bool) {
        if safe && !matches!(cmd.joiner, Joiner::Start | Joiner::Seq) {
            return;
        }
        if cmd.depth > 0 {
            let before = self.safe.contains(name);
            self.scoped.push((cmd.depth, name.to_string(), before));
        }
        self.set(name, safe);
    }

    /// Leaves the compound commands deeper than `depth`: their assignments become
    /// "maybe", which keeps a variable safe only if it was safe before.
    fn leave(&mut self, depth: u32) {
        while let Some((d, name, before)) = self.scoped.last().cloned() {
            if d <= depth {
                break;
            }
            self.scoped.pop();
            let now = self.safe.contains(&name);
            self.set(&name, before && now);
        }
    }

    /// What a command leaves behind: plain assignments, declarations, `read`, `unset`.
    fn update(&mut self, cmd: &ShCommand) {
        if cmd.in_substitution {
            return;
        }
        self.leave(cmd.depth);
        if cmd.words.is_empty() {
            for a in &cmd.assignments {
                let safe = a.value.as_ref().is_some_and(|v| self.value_is_safe(v, 0));
                self.assign(cmd, &a.name, safe);
            }
        } else if cmd.is_any(DECLARATIONS) {
            for w in cmd.args() {
                if let Some((name_len, value_at)) = assignment_word(w) {
                    let safe = self.value_is_safe(w, value_at);
                    self.assign(cmd, &w.raw[..name_len], safe);
                }
            }
        } else if cmd.is_any(&["read", "unset"]) {
            for w in cmd.args().iter().filter(|w| !w.text().starts_with('-')) {
                self.assign(cmd, w.text(), false);
            }
        }
    }
}

/// `for NAME in WORDS` loops in the instruction's text: (offset, name, whether every
/// word is a plain literal).
fn for_loops(text: &str, base: u32) -> Vec<(u32, String, bool)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text[i..].find("for") {
        let at = i + pos;
        i = at + 3;
        let starts_word =
            at == 0 || matches!(b[at - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b'{');
        if !starts_word || !text[i..].starts_with([' ', '\t']) {
            continue;
        }
        let rest = text[i..].trim_start();
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name.is_empty() {
            continue;
        }
        let after = rest[name.len()..].trim_start();
        let Some(list) = after.strip_prefix("in").filter(|l| l.starts_with([' ', '\t'])) else {
            out.push((base + at as u32, name, false));
            continue;
        };
        let end = list.find([';', '\n']).unwrap_or(list.len());
        let list = list[..end].trim_end_matches('\\');
        let literal = !list.trim().is_empty() && !list.contains(['$', '`', '*', '?', '[', '"', '\'']);
        out.push((base + at as u32, name, literal));
    }
    out
}

/// Whether `text` starts with `word` as a whole word.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word)
        .is_some_and(|r| r.is_empty() || r.starts_with(|c: char| !c.is_ascii_alphanumeric() && c != '_'))
}

/// The offsets of `word` in `text` where it stands as a word of its own.
fn word_positions<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let b = text.as_bytes();
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b'{');
        before && starts_with_word(&text[i..], word)
    })
}

/// A literal value (quotes allowed) that cannot split.
fn literal_is_safe(value: &str) -> bool {
    let v = value.trim_matches(|c| c == '\'' || c == '"');
    !v.is_empty() && !v.contains(|c: char| c.is_whitespace() || "$`*?[\\'\"".contains(c))
}

/// `case … esac` statements in the instruction's text where every branch, including a
/// `*)` default, either exits or assigns a variable a value that cannot split: after the
/// `esac` that variable is safe. Returns (offset after `esac`, name).
fn case_assignments(text: &str, base: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for start in word_positions(text, "case") {
        let rest = &text[start..];
        let Some(in_at) = word_positions(rest, "in").next() else { continue };
        let Some(esac_at) = word_positions(rest, "esac").next() else { continue };
        if esac_at < in_at {
            continue;
        }
        let mut branches: Vec<(HashSet<String>, bool)> = Vec::new();
        let mut default = false;
        for item in rest[in_at + 2..esac_at].split(";;") {
            let item = item.replace("\\\n", " ");
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some(close) = item.find(')') else { continue };
            let pattern = item[..close].trim().trim_start_matches('(').trim();
            default |= pattern == "*";
            let mut assigned = HashSet::new();
            let mut exits = false;
            for stmt in item[close + 1..].split([';', '\n']) {
                let stmt = stmt.trim();
                exits |= starts_with_word(stmt, "exit");
                let name_len = stmt.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
                if name_len > 0 && stmt.as_bytes()[name_len..].first() == Some(&b'=') {
                    let value = &stmt[name_len + 1..];
                    if literal_is_safe(value) {
                        assigned.insert(stmt[..name_len].to_string());
                    }
                }
            }
            branches.push((assigned, exits));
        }
        if !default || branches.is_empty() {
            continue;
        }
        let Some((first, _)) = branches.iter().find(|(_, exits)| !exits) else { continue };
        for name in first {
            if branches.iter().all(|(a, exits)| *exits || a.contains(name)) {
                out.push((base + (start + esac_at + 4) as u32, name.clone()));
            }
        }
    }
    out
}

/// Variables the script assigns a value that may well be a list on purpose: command
/// output (`deps="$(scanelf …)"`) or text with blanks. Quoting them would pass the list
/// as one argument (`apt-mark manual "$savedAptMark"` fails), so they get no fix.
fn list_variables(script: &Script) -> HashSet<String> {
    let mut out = HashSet::new();
    let listy = |w: &ShWord, from: usize| {
        w.parts.iter().any(|p| matches!(p.kind, PartKind::CommandSub | PartKind::Backtick))
            || w.raw.get(from..).is_some_and(|t| t.contains(char::is_whitespace))
    };
    for cmd in &script.commands {
        for a in &cmd.assignments {
            if a.value.as_ref().is_some_and(|v| listy(v, 0)) {
                out.insert(a.name.clone());
            }
        }
        if cmd.is_any(DECLARATIONS) {
            for w in cmd.args() {
                if let Some((name_len, value_at)) = assignment_word(w) {
                    if listy(w, value_at) {
                        out.insert(w.raw[..name_len].to_string());
                    }
                }
            }
        }
    }
    out
}

/// `${X:-}` or `${X-}`: a value that may be left out on purpose (quoted, an empty value
/// would become an empty argument).
fn optional(text: &str) -> bool {
    text.ends_with(":-}") || text.ends_with("-}") && !text.starts_with("${#")
}

/// Names that say the variable holds several words (`FLAGS`, `runDeps`, `packages`).
fn list_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    ["flag", "flags", "opts", "options", "args", "deps", "packages", "pkgs", "list", "mark"]
        .iter()
        .any(|s| n.ends_with(s))
}

impl Rule for UnquotedExpansion {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        match (&instr.keyword, &instr.args) {
            (Keyword::From, _) => self.onbuild_vars.clear(),
            (Keyword::Arg, Args::ArgDecls(decls)) if cx.onbuild => {
                self.onbuild_vars.extend(decls.iter().map(|d| d.name.text.clone()))
            }
            (Keyword::Env, Args::KeyValues { pairs, .. }) if cx.onbuild => {
                self.onbuild_vars.extend(pairs.iter().map(|p| p.key.text.clone()))
            }
            _ => {}
        }
        let Some((script, dialect)) = cx.analysable() else { return };
        let mut flow = Flow { safe: HashSet::new(), scoped: Vec::new() };
        flow.safe.extend(cx.state.args.iter().cloned());
        flow.safe.extend(cx.state.envs.iter().cloned());
        flow.safe.extend(PROXY_VARS.iter().map(|v| v.to_string()));
        flow.safe.extend(self.onbuild_vars.iter().cloned());
        let text = instr.span.text(cx.source);
        let mut loops = for_loops(text, instr.span.start).into_iter().peekable();
        let mut cases = case_assignments(text, instr.span.start);
        crate::sort::plain(&mut cases);
        let mut cases = cases.into_iter().peekable();

        let backticks = backtick_spans(cx.source, script);
        let lists = list_variables(script);
        let windows = cx.windows_stage();
        let mut found: Vec<(Span, Option<Fix>)> = Vec::new();
        for cmd in &script.commands {
            if !cmd.in_substitution {
                flow.leave(cmd.depth);
            }
            while let Some((_, name, safe)) = loops.next_if(|l| l.0 < cmd.span.start) {
                flow.set(&name, safe);
            }
            while let Some((_, name)) = cases.next_if(|c| c.0 <= cmd.span.start) {
                flow.set(&name, true);
            }
            if !unsplit_context(cmd, cx.source) {
                for w in split_words(cmd, dialect) {
                    let unquoted = w.parts.iter().filter(|p: &&Part| p.kind == PartKind::Param && !p.quoted);
                    for p in unquoted {
                        let t = part_text(w, p);
                        // `$@` and `${a[@]}` are ShellCheck's SC2068, not this rule.
                        let r = param_ref(t);
                        if r.name == "@" || r.array_all == Some('@') {
                            continue;
                        }
                        if !flow.param_is_safe(t) {
                            let fix = (!windows
                                && !lists.contains(&r.name)
                                && !list_name(&r.name)
                                && !optional(t))
                            .then(|| quote_part(cx.source, w, p, &backticks, "Double-quote the expansion"))
                            .flatten();
                            found.push((part_span(cx.source, w, p), fix));
                        }
                    }
                }
            }
            flow.update(cmd);
        }
        for (span, fix) in found {
            let text = cx.text(span).to_string();
            let d = cx.report(span, format!("Double-quote `{text}` to prevent word splitting and globbing"));
            d.with_help(format!("Write \"{text}\"."));
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN echo $X", &["$X"]).fixed("FROM debian\nRUN echo \"$X\""),
    Case::fires("FROM debian\nRUN ls ${DIR}/bin a$Y \"$Z\"", &["${DIR}", "$Y"])
        .fixed("FROM debian\nRUN ls \"${DIR}\"/bin a\"$Y\" \"$Z\""),
    Case::fires("FROM debian\nRUN X=$(nproc) && make -j$X", &["$X"]),
    Case::fires("FROM debian\nRUN echo hi > $LOG", &["$LOG"]).fixed("FROM debian\nRUN echo hi > \"$LOG\""),
    Case::fires(
        "FROM debian\nRUN mkdir -p /out \\\n# copy there\n && cp a \\\n    $D/$D",
        &["$D", "$D"],
    )
    .fixed("FROM debian\nRUN mkdir -p /out \\\n# copy there\n && cp a \\\n    \"$D\"/\"$D\""),
    // Command output and names that say "list" are likely split on purpose: no fix.
    Case::fires(
        "FROM debian\nRUN deps=\"$(ls)\"; apk add $deps $BUILD_FLAGS ${EXTRA:-} $env:X",
        &["$deps", "$BUILD_FLAGS", "${EXTRA:-}", "$env"],
    )
    .fixed("FROM debian\nRUN deps=\"$(ls)\"; apk add $deps $BUILD_FLAGS ${EXTRA:-} $env:X"),
    Case::fires("# escape=`\nFROM debian\nRUN echo $A$B `\n  ${C:-x}", &["$A", "$B", "${C:-x}"])
        .fixed("# escape=`\nFROM debian\nRUN echo \"$A\"\"$B\" `\n  \"${C:-x}\""),
    Case::fires("FROM debian\nRUN <<EOF\nrm -rf $DIR\nEOF", &["$DIR"]).fixed("FROM debian\nRUN <<EOF\nrm -rf \"$DIR\"\nEOF"),
    // A Windows image runs `cmd`, where `$` means nothing: no fix.
    // A Windows stage runs `cmd` unless SHELL says otherwise: not POSIX shell.
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $X"),
    Case::fires("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"bash\", \"-c\"]\nRUN echo $X", &["$X"])
        .fixed("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"bash\", \"-c\"]\nRUN echo $X"),
    // Inside backticks, or with quotes inside the expansion: reported, not quoted.
    Case::fires("FROM debian\nRUN echo `ls $D` ${X:-'a b'}", &["$D", "${X:-'a b'}"])
        .fixed("FROM debian\nRUN echo `ls $D` ${X:-'a b'}"),
    Case::fires("FROM debian\nRUN cp a/\\\n$X\\\n/b${Y}c d", &["$X", "${Y}"])
        .fixed("FROM debian\nRUN cp a/\\\n\"$X\"\\\n/b\"${Y}\"c d"),
    Case::fires("FROM debian\nRUN [ -f $F ] && echo $1 $*", &["$F", "$1", "$*"])
        .fixed("FROM debian\nRUN [ -f \"$F\" ] && echo \"$1\" \"$*\""),
    Case::fires("FROM debian\nRUN X=abc; echo $X; X=\"a b\"; echo $X", &["$X"]),
    Case::fires("FROM debian\nRUN export X=$Y", &["$Y"]),
    Case::fires("FROM debian\nRUN echo \"$(echo $X)\"", &["$X"])
        .fixed("FROM debian\nRUN echo \"$(echo \"$X\")\""),
    Case::fires("FROM debian\nRUN for f in *; do echo $f; done", &["$f"]),
    Case::fires("FROM debian\nRUN true && X=jar && echo $X; Y=1; if true; then Y=$(ls); fi; echo $Y", &["$X", "$Y"]),
    Case::fires("FROM debian\nRUN case \"$A\" in a) B=x ;; b) B=y ;; esac; echo $B", &["$B"]),
    Case::fires("FROM debian\nRUN case \"$A\" in a) B=x ;; *) echo ;; esac; echo $B", &["$B"]),
    // A global ARG is not in scope inside a stage until the stage declares it again.
    Case::fires("ARG V=1\nFROM debian\nRUN echo $V", &["$V"]),
    Case::quiet("FROM debian\nRUN echo \"$X\" \"${Y}\""),
    Case::quiet("FROM debian\nARG VERSION\nENV DIR=/opt\nRUN echo $VERSION $DIR $HTTP_PROXY"),
    Case::quiet("FROM debian\nRUN X=1 && echo $X"),
    Case::quiet("FROM debian\nRUN X=1; if true; then X=2; echo $X; fi; echo $X"),
    Case::quiet("FROM debian\nRUN case \"$A\" in a) B=x ;; *) B=y ;; esac; echo $B"),
    Case::quiet("FROM debian\nONBUILD ARG V\nONBUILD ENV W=1\nRUN echo $V $W"),
    Case::quiet(
        "FROM debian\nRUN case \"$(uname -m)\" in \\\n  x86_64) A='amd64' ;; \\\n  aarch64) A=arm64; B=x ;; \\\n  *) echo no; exit 1 ;; \\\nesac; \\\n  echo $A",
    ),
    Case::quiet("FROM debian\nRUN echo $# $? $$ $! ${#X} ${X:+set} $((X + 1)) $UID"),
    Case::quiet("FROM debian\nRUN X=$Y && $CMD arg && echo $@ ${A[@]}"),
    Case::quiet("FROM debian\nRUN echo '$X' \\$Y"),
    Case::quiet("FROM debian\nRUN for f in a b; do echo $f; done"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -n $X ]] && export A=$B && local C=$D"),
    Case::quiet("FROM debian\nSHELL [\"/bin/zsh\", \"-c\"]\nRUN echo $X"),
    Case::quiet("FROM debian\nRUN echo \"unclosed $X"),
    // The global ARG declared again in the stage.
    Case::quiet("ARG V=1\nFROM debian\nARG V\nRUN echo $V"),
    // An ENV that refers to itself, and one continued over two lines.
    Case::quiet("FROM debian\nENV PATH=/opt/bin:$PATH\nENV C=3 \\\n    D=4\nRUN echo $PATH $D"),
    // A case subject is not split.
    Case::quiet("FROM debian\nRUN case $X in a) echo a ;; esac"),
    // An assignment before a command is not split.
    Case::quiet("FROM debian\nRUN A=$X make"),
    // Literal values assigned through declarations.
    Case::quiet("FROM debian\nRUN export X=abc && echo $X"),
    Case::quiet("FROM debian\nRUN readonly DIR=/opt/app; cp a $DIR/"),
    // A value copied from a safe variable is safe too.
    Case::quiet("FROM debian\nRUN X=abc; Y=$X; echo $Y"),
    // Several assignments in one statement.
    Case::quiet("FROM debian\nRUN X=1 Y=2; echo $X$Y"),
    // Quoted forms: in the middle of a string, with a default, glued to a flag.
    Case::quiet("FROM debian\nRUN echo \"a $X b\" \"${Y:-z}\" && make -j\"$N\""),
    // Arithmetic results cannot split, also when reassigned in a loop.
    Case::quiet("FROM debian\nRUN X=3; while [ $X -gt 0 ]; do X=$((X - 1)); done; echo $X"),
    // Variables only in a shell comment.
    Case::quiet("FROM debian\nRUN make  # uses $X and ${Y}"),
    // bash's numeric variables cannot split.
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $RANDOM $PPID $EUID $LINENO $SECONDS"),
    // A literal `local` inside a function.
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN f() { local X=1; echo $X; }; f"),
    // PowerShell is not a POSIX shell: `$env:X` is its own syntax.
    Case::quiet("FROM debian\nSHELL [\"powershell\", \"-Command\"]\nRUN Write-Host $env:X $Y"),
    // Near misses of the fixed cases: already quoted, or trusted.
    Case::quiet("FROM debian\nRUN mkdir -p /out \\\n# copy there\n && cp a \\\n    \"$D\"/\"$D\""),
    Case::quiet("FROM debian\nARG BUILD_FLAGS\nRUN deps=abc; apk add $deps $BUILD_FLAGS"),
    Case::quiet("FROM debian\nRUN deps=\"$(ls)\"; apk add \"$deps\""),
    Case::quiet("# escape=`\nFROM debian\nRUN echo \"$A\"\"$B\" `\n  \"${C:-x}\""),
    Case::quiet("FROM debian\nRUN <<EOF\nrm -rf \"$DIR\"\nEOF"),
    Case::quiet("FROM debian\nRUN cat <<EOF > /x\nrm -rf $DIR\nEOF"),
    Case::quiet("FROM debian\nRUN echo \"`ls \"$D\"`\""),
    Case::quiet("FROM debian\nARG D\nRUN echo `ls $D`"),
    Case::quiet("FROM debian\nENV F=/x\nRUN [ -f $F ] && echo \"$1\""),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo \"$X\""),
    Case::quiet("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG X\nRUN echo $X"),
    Case::quiet("FROM debian\nRUN echo \"${X:-'a b'}\" \"$1\" \"$*\""),
];
