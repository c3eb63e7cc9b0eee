//! SS3037: `echo -e`/`echo -n` under POSIX sh (ShellCheck's SC3037).

use crate::shell::queries::{Dialect};
use crate::rules::prelude::*;

declare_rule! {
    EchoFlags {
        code: "SS3037",
        name: "echo-flags",
        aliases: ["SC3037"],
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Shipshape,
        onbuild: true,
        summary: "In POSIX sh, echo flags such as `-e` and `-n` are undefined: use printf",
        why: "RUN uses `/bin/sh` unless SHELL says otherwise, and POSIX leaves `echo -e` and \
              `echo -n` undefined: dash (Debian, Ubuntu) prints `-e` literally and always \
              interprets backslashes, while bash and busybox behave differently. `printf` \
              behaves the same everywhere. This is shipshape's equivalent of ShellCheck's \
              SC3037. For literal arguments, the fix (unsafe: under dash the output changes to \
              what bash prints) rewrites `echo -n x` as `printf '%s' x` and `echo -e 'a\\nb'` \
              as `printf 'a\\nb\\n'`.",
        bad: "FROM debian:bookworm\nRUN echo -e 'a\\tb' > /etc/app.conf\n",
        good: "FROM debian:bookworm\nRUN printf 'a\\tb\\n' > /etc/app.conf\n",
    }
}

/// The escapes that `echo -e` and printf's format read alike.
fn printf_escapes_alike(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && !matches!(chars.next(), Some('\\' | 'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v')) {
            return false;
        }
    }
    true
}

/// `echo -FLAGS ARGS…` as printf, when every argument is a literal on the same logical
/// line: with `-e`, the arguments become the format (`printf 'a\\nb\\n'`); otherwise the
/// arguments stay as written after a `%s` format (`printf '%s %s\\n' a b`).
fn printf(cx: &Cx, cmd: &ShCommand) -> Option<Fix> {
    let (echo, flag, args) = match &cmd.words[..] {
        [echo, flag, args @ ..] if !args.is_empty() => (echo, flag, args),
        _ => return None,
    };
    let flags = flag.value.as_deref()?;
    let newline = !flags.contains('n');
    // The last of `-e` and `-E` wins, as in bash.
    let escapes = flags.rfind('e') > flags.rfind('E');
    let values: Vec<&str> = args.iter().map(|w| w.value.as_deref()).collect::<Option<_>>()?;
    let span = if escapes {
        Span::new(echo.span.start, args.last().expect("not empty").span.end)
    } else {
        Span::new(echo.span.start, flag.span.end)
    };
    let plain = values.iter().all(|v| !v.contains(['\n', '\r', '\'']) && (escapes || !v.contains('\\')))
        && !values[0].starts_with('-')
        && (!escapes || values.iter().all(|v| printf_escapes_alike(v)))
        && !cmd.redirects.iter().any(|r| span.start < r.span.start && r.span.start < span.end)
        && !cx.file.comments.iter().any(|c| span.start < c.span.start && c.span.start < span.end);
    if !plain {
        return None;
    }
    let nl = if newline { "\\n" } else { "" };
    let format = match escapes {
        true => values.join(" ").replace('%', "%%"),
        false => vec!["%s"; args.len()].join(" "),
    };
    let edit = Edit::replace(span, format!("printf '{format}{nl}'"));
    // Unsafe: under dash, `echo -n`/`-e` printed the flag or read backslashes differently;
    // printf now does what bash's echo did.
    Some(Fix::unsafe_("Replace `echo` with `printf`", vec![edit]))
}

#[derive(Default)]
pub struct EchoFlags;

impl Rule for EchoFlags {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some((script, Dialect::Sh)) = cx.analysable() else { return };
        let found: Vec<(Span, String, Option<Fix>)> = script
            .commands
            .iter()
            .filter(|c| c.is("echo"))
            .filter_map(|c| c.args().first().map(|w| (c, w)))
            .filter(|(_, w)| {
                let t = w.text();
                t.len() > 1 && t.starts_with('-') && t[1..].bytes().all(|b| matches!(b, b'n' | b'e' | b'E'))
            })
            .map(|(c, w)| (w.span, w.text().to_string(), printf(cx, c)))
            .collect();
        for (span, flag, fix) in found {
            let d = cx
                .report(span, format!("`echo {flag}` is not portable: POSIX sh does not define echo flags"));
            d.with_help("Use `printf` (e.g. `printf '%s\\n' …`), or set `SHELL [\"/bin/bash\", \"-c\"]`.");
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN echo -e 'a\\nb' > f", &["-e"])
        .fixed("FROM debian\nRUN printf 'a\\nb\\n' > f"),
    Case::fires("FROM debian\nRUN echo -n x && echo -ne y && /bin/echo \"-E\" z", &["-n", "-ne", "\"-E\""])
        .fixed("FROM debian\nRUN printf '%s' x && printf 'y' && printf '%s\\n' z"),
    // Across continuation lines, with a comment line before the arguments.
    Case::fires("FROM debian\nRUN echo -n \\\n  # the name\n  \"my app\" v1 \\\n  > /etc/name", &["-n"])
        .fixed("FROM debian\nRUN printf '%s %s' \\\n  # the name\n  \"my app\" v1 \\\n  > /etc/name"),
    Case::fires(
        "# escape=`\nFROM debian\nRUN echo -e \"[main]\\tport=80 100%\" `\n  >> /etc/app.conf",
        &["-e"],
    )
    .fixed("# escape=`\nFROM debian\nRUN printf '[main]\\tport=80 100%%\\n' `\n  >> /etc/app.conf"),
    Case::fires("FROM debian\nRUN <<EOF\necho -en 'a\\\\b\\n' > f\nEOF\n", &["-en"])
        .fixed("FROM debian\nRUN <<EOF\nprintf 'a\\\\b\\n' > f\nEOF\n"),
    // Not literal, or escapes printf reads otherwise, or a backslash without -e: no fix.
    Case::fires("FROM debian\nRUN echo -n \"$VERSION\" > /VERSION", &["-n"]),
    Case::fires(
        "FROM debian\nRUN echo -e 'a\\0101\\c' && echo -e \"it's\" && echo -n 'a\\tb'",
        &["-e", "-e", "-n"],
    ),
    Case::fires("FROM debian\nRUN echo -e && echo -n -e x", &["-e", "-n"]),
    Case::quiet("FROM debian\nRUN echo a -e && echo -x y && echo -- -e"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -e 'a\\nb'"),
    Case::quiet("FROM alpine\nSHELL [\"/bin/ash\", \"-c\"]\nRUN echo -n x"),
    Case::quiet("FROM debian\nRUN printf 'a\\n'"),
    Case::quiet("FROM debian\nRUN printf '%s' x && printf 'y' && printf '%s\\n' z"),
    Case::quiet("FROM debian\nRUN echo x -n"),
    Case::quiet("FROM debian\nRUN echo \"-e is a flag\""),
    Case::quiet("FROM debian\nRUN echo"),
    Case::quiet("FROM debian\nRUN echo '-n'x"),
    Case::quiet("FROM debian\nCMD echo -n x"),
    Case::quiet("FROM debian\n# RUN echo -e 'a'\nRUN true"),
    Case::quiet("# escape=`\nFROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo -n `\n  x"),
    Case::quiet("FROM debian\nRUN [\"echo\", \"-n\", \"x\"]"),
    Case::quiet("FROM debian\nRUN grep -e x f && sed -n 1p f"),
    Case::quiet("FROM debian\nRUN echo -- -n"),
    Case::quiet("FROM debian\nRUN echo -- -e"),
];
