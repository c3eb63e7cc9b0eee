//! DL4005: `ln … /bin/sh` to change the default shell.

use crate::rules::prelude::*;

declare_rule! {
    LnBinSh {
        code: "DL4005",
        name: "ln-bin-sh",
        severity: Warning,
        category: Correctness,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "Use SHELL to change the default shell, not a symlink over `/bin/sh`",
        why: "Replacing `/bin/sh` with a link to another shell changes the shell of every \
              script and package hook in the image, not only of your RUN lines, and package \
              upgrades may restore the original link. The SHELL instruction changes the shell \
              that RUN uses, visibly and for the build only. When the RUN does nothing but \
              the link, the fix (unsafe) replaces it with `SHELL [\"/bin/bash\", \"-c\"]`.",
        bad: "FROM debian:bookworm\nRUN ln -sf /bin/bash /bin/sh\n",
        good: "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-c\"]\n",
    }
}

/// Shells that take a script with `-c`, as SHELL runs it.
const SHELLS: &[&str] = &["bash", "dash", "zsh", "ksh", "mksh", "ash", "yash"];

/// The shell an `ln [-sfnv] SHELL /bin/sh` links to, as an absolute path.
fn linked_shell(c: &ShCommand) -> Option<String> {
    let known = ["s", "f", "n", "v", "symbolic", "force", "no-dereference", "verbose"];
    if !c.flags().iter().all(|f| known.contains(&f.name.as_str())) || c.has_arg("--") {
        return None;
    }
    let [from, to] = c.positionals()[..] else { return None };
    let path = from.value.as_deref()?;
    if to.text() != "/bin/sh"
        || !path.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '/' | '.' | '_' | '-'))
    {
        return None;
    }
    let name = path.rsplit('/').next()?;
    if !SHELLS.contains(&name) {
        return None;
    }
    match path.starts_with('/') {
        true => Some(path.to_string()),
        // `ln -s bash /bin/sh` links to `/bin/bash`.
        false if !path.contains('/') => Some(format!("/bin/{path}")),
        false => None,
    }
}

/// `rm [-f] /bin/sh` before the link.
fn removes_bin_sh(c: &ShCommand) -> bool {
    c.is("rm")
        && c.flags().iter().all(|f| f.name == "f" || f.name == "force")
        && c.positionals().iter().map(|w| w.text()).eq(["/bin/sh"])
}

/// When the RUN only links a shell over `/bin/sh` (maybe after `rm /bin/sh`), on lines
/// without comments: the RUN rewritten as `SHELL ["<shell>", "-c"]`.
fn shell_instead(cx: &Cx, instr: &Instruction, script: &Script) -> Option<Fix> {
    let outer = cx.instruction();
    if !instr.flags.is_empty() || !outer.heredocs.is_empty() || !script.unreadable.is_empty() {
        return None;
    }
    let plain = |c: &ShCommand| {
        c.depth == 0
            && !c.in_substitution
            && c.assignments.is_empty()
            && c.redirects.is_empty()
            && matches!(c.joiner, Joiner::Start | Joiner::And | Joiner::Seq)
    };
    let (last, before) = script.commands.split_last()?;
    if !script.commands.iter().all(plain) || !before.iter().all(removes_bin_sh) {
        return None;
    }
    let shell = linked_shell(last)?;
    let span = Span::new(instr.keyword_word.span.start, last.words.last()?.span.end);
    // Nothing after the command (a `# comment` or `;`), and no comment line inside.
    let after = &cx.source[span.end as usize..outer.span.end as usize];
    let comment_inside = cx.file.comments.iter().any(|c| span.start < c.span.start && c.span.end <= span.end);
    if !after.trim().is_empty() || comment_inside {
        return None;
    }
    let keyword = crate::edits::same_case(instr.keyword_word.span.text(cx.source), "SHELL");
    // Unsafe: SHELL changes the shell of the later RUNs of this stage only, while the link
    // changed `/bin/sh` in the image itself (its scripts, later stages, the container).
    Some(Fix::unsafe_(
        "Replace the link with `SHELL`",
        vec![Edit::replace(span, format!("{keyword} [\"{shell}\", \"-c\"]"))],
    ))
}

#[derive(Default)]
pub struct LnBinSh;

impl Rule for LnBinSh {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let Some(script) = cx.script else { return };
        let fix = shell_instead(cx, instr, script);
        let spans: Vec<Span> = script
            .commands
            .iter()
            .filter(|c| c.is("ln"))
            .flat_map(|c| c.args().iter().filter(|w| w.text() == "/bin/sh"))
            .map(|w| w.span)
            .collect();
        for span in spans {
            let d =
                cx.report(span, "Use `SHELL` to change the default shell instead of linking over `/bin/sh`");
            d.with_help("Write `SHELL [\"/bin/bash\", \"-c\"]` before the RUN instructions that need bash.");
            if let Some(fix) = fix.clone() {
                d.with_fix(fix);
            }
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN ln -sfv /bin/bash /bin/sh", &["/bin/sh"])
        .fixed("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]"),
    Case::fires("FROM debian\nRUN rm /bin/sh && ln -s bash \"/bin/sh\"", &["\"/bin/sh\""])
        .fixed("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]"),
    // Continuation lines; a comment line elsewhere.
    Case::fires(
        "FROM debian\n# bash for the scripts\nrun ln -sf \\\n    /bin/bash \\\n    /bin/sh\nRUN ./build.sh",
        &["/bin/sh"],
    )
    .fixed("FROM debian\n# bash for the scripts\nshell [\"/bin/bash\", \"-c\"]\nRUN ./build.sh"),
    Case::fires("# escape=`\r\nFROM debian\r\n  RUN rm -f /bin/sh `\r\n   && ln -s /usr/bin/zsh /bin/sh\r\nRUN make\r\n", &["/bin/sh"])
        .fixed("# escape=`\r\nFROM debian\r\n  SHELL [\"/usr/bin/zsh\", \"-c\"]\r\nRUN make\r\n"),
    Case::fires("FROM debian\nONBUILD RUN ln -snf /bin/dash /bin/sh", &["/bin/sh"])
        .fixed("FROM debian\nONBUILD SHELL [\"/bin/dash\", \"-c\"]"),
    // The RUN does more than the link, or a comment line would be lost: no fix.
    Case::fires("FROM debian\nRUN ln -sf /bin/bash /bin/sh && apt-get update", &["/bin/sh"]),
    Case::fires("FROM debian\nRUN ln -sf /bin/bash \\\n# the shell\n  /bin/sh", &["/bin/sh"]),
    Case::fires("FROM debian\nRUN ln -sf /bin/bash /bin/sh # for pipefail", &["/bin/sh"]),
    Case::fires("FROM debian\nRUN --mount=type=cache,target=/x ln -sf /bin/bash /bin/sh", &["/bin/sh"]),
    Case::fires("FROM debian\nRUN ln -sf /usr/local/bin/tool /bin/sh", &["/bin/sh"]),
    Case::quiet("FROM debian\nRUN ln -sf /bin/true /sbin/initctl"),
    Case::quiet("FROM debian\nRUN ln -s foo bar && unrelated && something_with /bin/sh"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi"),
    // The ln command only inside an echoed string.
    Case::quiet("FROM debian\nRUN echo \"ln -s /bin/bash /bin/sh\" >> /notes && ln -s /opt/app/run /usr/local/bin/run"),
    // Inspecting `/bin/sh` without linking over it.
    Case::quiet("FROM debian\nRUN ls -l /bin/sh && readlink -f /bin/sh"),
    Case::quiet("FROM debian\nSHELL [\"/bin/bash\", \"-c\"]"),
    Case::quiet("FROM debian\nRUN ln -sf /bin/bash /bin/bash5"),
    Case::quiet("FROM debian\nRUN ln -s /bin/shell /usr/local/bin/sh"),
    Case::quiet("FROM debian\nRUN ln -sf /bin/bash /bin/sh.orig && true"),
    Case::quiet("FROM debian\nENV SHELL=/bin/sh"),
    Case::quiet("FROM debian\nRUN rm /bin/sh"),
    Case::quiet("FROM debian\nRUN ln -sf /bin/bash /usr/bin/sh"),
    Case::quiet("# escape=`\nFROM debian\nRUN ln -sf /bin/bash `\n  /bin/bash-link"),
    Case::quiet("FROM debian\nCMD ln -sf /bin/bash /bin/sh"),
    Case::quiet("FROM debian\nRUN [\"ln\", \"-sf\", \"/bin/bash\", \"/bin/sh2\"]"),
    Case::quiet("FROM debian\nRUN echo /bin/sh > /tmp/shells"),
    Case::quiet("FROM debian\n# RUN ln -sf /bin/bash /bin/sh\nRUN true"),
    Case::quiet("FROM debian\nRUN cp /bin/sh /tmp/sh"),
    Case::quiet("FROM debian\nRUN unlink /bin/sh.bak"),
    Case::quiet("FROM debian\nRUN ln -sf bash sh"),
];
