//! DL3004: `sudo` inside RUN.


use crate::rules::prelude::*;

declare_rule! {
    SudoInRun {
        code: "DL3004",
        name: "sudo-in-run",
        severity: Error,
        category: Security,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "Do not use sudo: switch users with USER, or use gosu at run time",
        why: "`sudo` is built for interactive logins: it may ask for a password, needs a TTY or \
              a sudoers entry, changes the environment, and leaves a setuid binary in the image \
              that widens the attack surface. A build runs as root unless USER says otherwise, \
              so switch with USER, and use a tool like `gosu` in the entrypoint to drop \
              privileges when the container starts. The fix (unsafe) drops a plain `sudo` \
              (with no `-u`, `-g` or other options that change what runs).",
        bad: "FROM debian:bookworm\nUSER 1000\nRUN sudo mkdir -p /srv/app\n",
        good: "FROM debian:bookworm\nUSER root\nRUN apt-get update\nUSER app\n",
    }
}

#[derive(Default)]
pub struct SudoInRun;

impl Rule for SudoInRun {
    fn check(&mut self, cx: &mut Cx, _instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let found: Vec<(Span, Option<Fix>)> = script
            .commands
            .iter()
            .filter(|c| c.is("sudo"))
            .filter_map(|c| Some((c.program()?.span, drop_sudo(cx.source, c).filter(|_| !cx.windows_stage()))))
            .collect();
        for (span, fix) in found {
            let d = cx.report(span, "Do not use `sudo` in a build");
            d.with_help(
                "Switch users with `USER root` … `USER app`, or use `gosu` when the container starts.",
            );
            if let Some(fix) = fix {
                d.with_fix(fix);
            }
        }
    }
}

/// `sudo` options that do not change who runs the command or how.
const HARMLESS: &[&str] =
    &["-E", "-H", "-n", "-S", "--preserve-env", "--set-home", "--non-interactive", "--stdin"];

/// Deletes `sudo` and its harmless options up to the command it runs. None when sudo has
/// other options (`-u app` would change the user), no command, a redirection among the
/// deleted words, or a comment line in between that the deletion would lose.
fn drop_sudo(source: &str, cmd: &ShCommand) -> Option<Fix> {
    let args = cmd.args();
    let n = args.iter().take_while(|w| HARMLESS.contains(&w.raw.as_str())).count();
    let next = args.get(n)?;
    if next.raw.starts_with('-') {
        return None;
    }
    let start = cmd.program()?.span.start;
    if cmd.redirects.iter().any(|r| r.span.start >= start && r.span.start < next.span.start) {
        return None;
    }
    let last = if n == 0 { cmd.program()? } else { &args[n - 1] };
    let between = Span::new(start, next.span.start).text(source);
    if between.contains('#') {
        return None;
    }
    let gap = Span::new(last.span.end, next.span.start).text(source);
    // On one line, up to the command; across a continuation, up to the end of the blanks
    // after the last deleted word (the continuation stays).
    let end = if gap.contains('\n') {
        last.span.end + (gap.len() - gap.trim_start_matches([' ', '\t']).len()) as u32
    } else {
        next.span.start
    };
    // Unsafe: the command now runs as the build's current USER, which may lack the rights.
    Some(Fix::unsafe_("Remove `sudo`", vec![Edit::delete(Span::new(start, end))]))
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN sudo apt-get install -y curl", &["sudo"])
        .fixed("FROM debian\nRUN apt-get install -y curl"),
    Case::fires("FROM debian\nRUN echo a && X=$(sudo id -u) && sudo -u app make", &["sudo", "sudo"])
        .fixed("FROM debian\nRUN echo a && X=$(id -u) && sudo -u app make"),
    Case::fires(
        "FROM debian\nRUN apt-get update \\\n  # the build\n  && sudo -E \\\n    make install",
        &["sudo"],
    )
    .fixed("FROM debian\nRUN apt-get update \\\n  # the build\n  && \\\n    make install"),
    Case::fires("# escape=`\nFROM debian\nRUN sudo -n make `\n  && sudo `\n  install", &["sudo", "sudo"])
        .fixed("# escape=`\nFROM debian\nRUN make `\n  && `\n  install"),
    Case::fires("FROM debian\nONBUILD RUN sudo /usr/bin/make \"a b\"", &["sudo"])
        .fixed("FROM debian\nONBUILD RUN /usr/bin/make \"a b\""),
    // Options that change the user or need a command: reported, not fixed.
    Case::fires("FROM debian\nRUN sudo -u app make && sudo -i && sudo", &["sudo", "sudo", "sudo"])
        .fixed("FROM debian\nRUN sudo -u app make && sudo -i && sudo"),
    // A comment line between sudo and its command would be lost.
    Case::fires("FROM debian\nRUN sudo \\\n# why\n  make", &["sudo"])
        .fixed("FROM debian\nRUN sudo \\\n# why\n  make"),
    Case::quiet("FROM debian\nRUN apt-get install -y sudo"),
    Case::quiet("FROM debian\nRUN echo sudo"),
    Case::quiet("FROM debian\nUSER root\nRUN make install"),
    Case::quiet("FROM debian\nRUN gosu app make"),
    Case::quiet(
        "FROM debian\nRUN echo \"app ALL=(ALL) NOPASSWD:ALL\" > /etc/sudoers.d/app && usermod -aG sudo app",
    ),
    Case::quiet("FROM debian\nCMD sudo -u app ./run"),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get install -y sudo gosu"),
    Case::quiet("FROM debian\nRUN echo 'sudo make' > /notes"),
    Case::quiet("FROM debian\nRUN [\"sudo\", \"make\"]"),
    Case::quiet("FROM debian\nRUN make # then sudo make install"),
    Case::quiet("FROM debian\nENTRYPOINT [\"sudo\", \"-E\", \"/run.sh\"]"),
    Case::quiet("FROM debian\nRUN visudo -c && ls /etc/sudoers.d"),
    Case::quiet("FROM debian\nRUN useradd app && echo 'app ALL=(ALL) ALL' >> /etc/sudoers"),
    Case::quiet("FROM debian\nRUN cat <<EOF > /x\nsudo make\nEOF"),
];
