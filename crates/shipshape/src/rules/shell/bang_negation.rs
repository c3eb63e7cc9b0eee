//! SS2251: `! cmd` as a statement, which `set -e` ignores (ShellCheck's SC2251).

use crate::shell::queries::{following, has_errexit, prev_nonblank, prev_word};
use crate::rules::prelude::*;

declare_rule! {
    BangNegation {
        code: "SS2251",
        name: "bang-negation",
        aliases: ["SC2251"],
        severity: Info,
        category: Correctness,
        fix: None,
        origin: Shipshape,
        onbuild: true,
        summary: "A `!` outside a condition does not fail the build under `set -e`",
        why: "`set -e` deliberately ignores the status of a pipeline negated with `!`, so \
              `! grep -q bad file; next` carries on even when `bad` is found. Write \
              `grep -q bad file && exit 1`, or use the negation in an `if` or at the end of an \
              `&&` chain where its status is checked. This is shipshape's equivalent of \
              ShellCheck's SC2251.",
        bad: "FROM debian:bookworm\nRUN set -e; ! grep -q debug /etc/app.conf; echo ok\n",
        good: "FROM debian:bookworm\nRUN set -e; if grep -q debug /etc/app.conf; then exit 1; fi; echo ok\n",
    }
}

#[derive(Default)]
pub struct BangNegation;

/// The offset just past the bracket that closes the one at `open` (quotes skipped).
fn matching_close(source: &str, open: usize) -> Option<usize> {
    let b = source.as_bytes();
    let (o, c) = (b[open], if b[open] == b'{' { b'}' } else { b')' });
    let (mut depth, mut quote) = (0usize, None);
    for (i, &ch) in b.iter().enumerate().skip(open) {
        match quote {
            Some(q) if ch == q => quote = None,
            Some(_) => {}
            None if ch == b'\'' || ch == b'"' => quote = Some(ch),
            None if ch == o => depth += 1,
            None if ch == c => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            None => {}
        }
    }
    None
}

/// A `!` that negates the pipeline starting with `cmd`: its offset, and where the negated
/// group ends when the pipeline is `! { …; }` or `! ( … )`.
fn bang_before(source: &str, cmd: &ShCommand) -> Option<(usize, usize)> {
    let src = source.as_bytes();
    let mut at = cmd.span.start;
    let mut group_end = cmd.span.end as usize;
    let mut opener = None;
    loop {
        let i = prev_nonblank(source, at)?;
        match src[i] {
            b'{' | b'(' => {
                opener = Some(i);
                at = i as u32;
            }
            b'!' => {
                let standalone = i == 0 || src[i - 1].is_ascii_whitespace() || b";&|({".contains(&src[i - 1]);
                if !standalone {
                    return None;
                }
                if let Some(o) = opener {
                    group_end = matching_close(source, o)?;
                }
                return Some((i, group_end));
            }
            _ => return None,
        }
    }
}

impl Rule for BangNegation {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, _)) = cx.analysable() else { return };
        if !has_errexit(script) {
            return;
        }
        let mut found = Vec::new();
        for cmd in script.commands.iter().filter(|c| matches!(c.joiner, Joiner::Start | Joiner::Seq)) {
            let Some((bang, group_end)) = bang_before(cx.source, cmd) else { continue };
            if matches!(prev_word(cx.source, bang as u32), "if" | "elif" | "while" | "until") {
                continue;
            }
            // The statement after the negated pipeline: `&&`/`||` check its status, and
            // the last statement of the script or of a subshell passes it on.
            let mut end = group_end;
            let mut next = None;
            for c in following(script, cmd) {
                if (c.span.start as usize) < group_end {
                    continue;
                }
                if c.joiner == Joiner::Pipe && c.depth >= cmd.depth {
                    end = end.max(c.span.end as usize);
                    continue;
                }
                next = Some(c);
                break;
            }
            let Some(next) = next else { continue };
            let between = cx.source.get(end..next.span.start as usize).unwrap_or("");
            // A `)` there closes a subshell (comment lines in a continuation excepted).
            let closes = between.lines().any(|l| !l.trim_start().starts_with('#') && l.contains(')'));
            if next.joiner == Joiner::Seq && !closes {
                found.push(Span::new(bang as u32, bang as u32 + 1));
            }
        }
        for span in found {
            cx.report(span, "`set -e` ignores a pipeline negated with `!`")
                .with_help("Write `cmd && exit 1`, or check the status in an `if`.");
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN set -e; ! grep x y; ls", &["!"]),
    Case::fires("FROM debian\nRUN set -o errexit; ! grep x y | wc; ls", &["!"]),
    Case::fires("FROM debian\nRUN set -eux; \\\n  ! grep x y; \\\n  ls", &["!"]),
    Case::fires(
        "FROM debian\nRUN set -e; if [ -f x ]; then ! grep -q a x; fi; ls; ! { ldd a | grep b; }; ls",
        &["!", "!"],
    ),
    Case::fires("FROM debian\nRUN set -e; ! grep a b; { echo; echo c; } >> f", &["!"]),
    Case::fires("FROM debian\nRUN set -ex; \\\n\tapk del x; \\\n\t\t! { ldd \"$d\"/*.so | grep 'not found'; }; \\\n# like 'foo' (tried: x)\n\terr=\"$(php 2>&1)\"; \\\n\t[ -z \"$err\" ]", &["!"]),
    Case::quiet("FROM debian\nRUN ! grep x y; ls"),
    Case::quiet("FROM debian\nRUN set -e; ( ! grep x y ); ls"),
    Case::quiet("FROM debian\nRUN set -e; ! grep x y"),
    Case::quiet("FROM debian\nRUN set -e; ! grep x y && ls; ! grep a b || ls"),
    Case::quiet("FROM debian\nRUN set -e; if ! grep x y; then ls; fi; while ! grep x y; do ls; done; ls"),
    Case::quiet("FROM debian\nRUN set -e; echo '!' x; ls"),
    // A negated loop condition (`until`) and an `elif` condition are checked.
    Case::quiet("FROM debian\nRUN set -e; until ! grep -q x y; do sleep 1; done; ls"),
    Case::quiet("FROM debian\nRUN set -e; if false; then :; elif ! grep x y; then ls; fi; ls"),
    // `!` as an argument of test and of find negates an expression, not a pipeline.
    Case::quiet("FROM debian\nRUN set -e; [ ! -f x ]; test ! -d /x; ls"),
    Case::quiet("FROM debian\nRUN set -e; find . ! -name \"*.o\" -delete; ls"),
    // `set -ux` has no errexit to skip.
    Case::quiet("FROM debian\nRUN set -ux; ! grep x y; ls"),
    // A `!` glued to a word or quoted.
    Case::quiet("FROM debian\nRUN set -e; echo hi! \"!\"; ls"),
    // The last command of a command substitution passes its status on.
    Case::quiet("FROM debian\nRUN set -e; x=$(! grep a b); echo \"$x\""),
];
