//! SS2046: an unquoted `$(…)` or backticks in a command argument (ShellCheck's SC2046).

use crate::edits::{backtick_spans, quote_part};
use crate::shell::queries::{split_words, unsplit_context};
use crate::shell::spans::part_span;
use crate::rules::prelude::*;

declare_rule! {
    UnquotedCommandSubstitution {
        code: "SS2046",
        name: "unquoted-command-substitution",
        aliases: ["SC2046"],
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "Quote command substitutions to prevent word splitting",
        why: "The output of an unquoted `$(cmd)` is split on white space and globbed, so a path \
              with a space becomes two arguments and a `*` in the output expands to file names. \
              Write `\"$(cmd)\"` for one argument; when you do want a list, read it into \
              separate arguments on purpose (`xargs`, a loop). This is shipshape's equivalent of \
              ShellCheck's SC2046. The fix (unsafe) adds the double quotes when the command \
              prints one value (`nproc`, `dirname`, `uname -m` …).",
        bad: "FROM debian:bookworm\nRUN chown -R app $(dirname /opt/app/bin)\n",
        good: "FROM debian:bookworm\nRUN chown -R app \"$(dirname /opt/app/bin)\"\n",
    }
}

#[derive(Default)]
pub struct UnquotedCommandSubstitution;

/// Commands that print a single value: quoting their output cannot merge a list that was
/// meant to be split.
const ONE_VALUE: &[&str] = &[
    "nproc",
    "pwd",
    "date",
    "id",
    "uname",
    "whoami",
    "hostname",
    "mktemp",
    "dirname",
    "basename",
    "readlink",
    "realpath",
    "which",
    "arch",
    "getconf",
    "lsb_release",
];

/// Whether the substitution at `span` runs a command known to print one value (its
/// first command; a pipe after it only reshapes that value).
fn prints_one_value(script: &Script, span: Span) -> bool {
    let first = script
        .commands
        .iter()
        .filter(|c| c.in_substitution && span.start < c.span.start && c.span.end <= span.end)
        .min_by_key(|c| c.span.start);
    first.is_some_and(|c| c.is_any(ONE_VALUE) || (c.is("dpkg") && c.has_flag("print-architecture")))
}

impl Rule for UnquotedCommandSubstitution {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, dialect)) = cx.analysable() else { return };
        let backticks = backtick_spans(cx.source, script);
        let windows = cx.windows_stage();
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| !unsplit_context(c, cx.source)) {
            for w in split_words(cmd, dialect) {
                for p in
                    w.parts.iter().filter(|p| matches!(p.kind, PartKind::CommandSub | PartKind::Backtick))
                {
                    if p.quoted {
                        continue;
                    }
                    let span = part_span(cx.source, w, p);
                    let fix = (!windows && prints_one_value(script, span))
                        .then(|| {
                            quote_part(cx.source, w, p, &backticks, "Double-quote the command substitution")
                        })
                        .flatten();
                    found.push((span, fix));
                }
            }
        }
        for (span, fix) in found {
            let d = cx.report(span, "Quote this command substitution to prevent word splitting");
            d.with_help("Wrap it in double quotes: \"$(…)\".");
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN make -j$(nproc)", &["$(nproc)"]).fixed("FROM debian\nRUN make -j\"$(nproc)\""),
    Case::fires("FROM debian\nRUN echo `date` > $(mktemp)", &["`date`", "$(mktemp)"])
        .fixed("FROM debian\nRUN echo \"`date`\" > \"$(mktemp)\""),
    Case::fires(
        "FROM debian\nRUN [ $(id -u) = 0 ] && export PATH=$PATH:$(go env GOPATH)/bin",
        &["$(id -u)", "$(go env GOPATH)"],
    )
    .fixed("FROM debian\nRUN [ \"$(id -u)\" = 0 ] && export PATH=$PATH:$(go env GOPATH)/bin"),
    Case::fires("FROM debian\nRUN X=\"$(echo $(ls))\"", &["$(ls)"]),
    Case::fires(
        "FROM debian\nRUN mkdir -p /opt \\\n# the arch\n && cp a /opt/$(dpkg --print-architecture | \\\n    sed 's/-/_/')",
        &["$(dpkg --print-architecture | \\\n    sed 's/-/_/')"],
    )
    .fixed("FROM debian\nRUN mkdir -p /opt \\\n# the arch\n && cp a /opt/\"$(dpkg --print-architecture | \\\n    sed 's/-/_/')\""),
    Case::fires("# escape=`\nFROM debian\nRUN cd $(dirname /a/b) `\n  && ls $(pwd)/x", &["$(dirname /a/b)", "$(pwd)"])
        .fixed("# escape=`\nFROM debian\nRUN cd \"$(dirname /a/b)\" `\n  && ls \"$(pwd)\"/x"),
    Case::fires("FROM debian\nONBUILD RUN chown app $(readlink -f \"/opt/app\")", &["$(readlink -f \"/opt/app\")"])
        .fixed("FROM debian\nONBUILD RUN chown app \"$(readlink -f \"/opt/app\")\""),
    // Output that is likely a list on purpose, and a substitution inside backticks: no fix.
    Case::fires(
        "FROM debian\nRUN apt-get install -y $(cat /deps | xargs) && echo `ls $(pwd)`",
        &["$(cat /deps | xargs)", "`ls $(pwd)`", "$(pwd)"],
    )
    .fixed("FROM debian\nRUN apt-get install -y $(cat /deps | xargs) && echo `ls $(pwd)`"),
    Case::quiet("FROM debian\nRUN X=$(nproc) && echo \"$(date)\""),
    Case::quiet("FROM debian\nRUN $(which python) -V && echo $(( $(nproc) + 1 ))"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN export X=$(ls) && [[ -n $(ls) ]]"),
    Case::quiet("FROM debian\nRUN echo '$(ls)'"),
    // A case subject is not split.
    Case::quiet("FROM debian\nRUN case $(uname -m) in x86_64) echo amd64 ;; *) echo other ;; esac"),
    // The word list of a for loop is meant to be split.
    Case::quiet("FROM debian\nRUN for i in $(seq 1 3); do echo \"$i\"; done"),
    // An assignment before a command is not split.
    Case::quiet("FROM debian\nRUN GOOS=$(go env GOOS) go build -o /app ."),
    // Nested quoted substitutions, quoted backticks, and a substitution in a comment.
    Case::quiet(
        "FROM debian\nRUN x=`date` && echo \"$(basename \"$(pwd)\")\" \"`id -u`\" && make  # -j$(nproc)",
    ),
    // Near misses of the fixed cases.
    Case::quiet("FROM debian\nRUN make -j\"$(nproc)\""),
    Case::quiet(
        "FROM debian\nRUN mkdir -p /opt \\\n# the arch\n && cp a /opt/\"$(dpkg --print-architecture | \\\n    sed 's/-/_/')\"",
    ),
    Case::quiet("# escape=`\nFROM debian\nRUN cd \"$(dirname /a/b)\" `\n  && ls \"$(pwd)\"/x"),
    Case::quiet("FROM debian\nONBUILD RUN chown app \"$(readlink -f \"/opt/app\")\""),
    Case::quiet("FROM debian\nRUN for p in $(cat /deps); do apt-get install -y \"$p\"; done"),
    Case::quiet("FROM debian\nRUN ARCH=$(dpkg --print-architecture) && echo \"$ARCH\""),
    Case::quiet("FROM debian\nRUN cat <<EOF > /x\nmake -j$(nproc)\nEOF"),
    Case::quiet("FROM debian\nRUN [\"make\", \"-j$(nproc)\"]"),
];
