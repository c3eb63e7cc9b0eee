//! DL3009: `apt-get update` whose package lists stay in the image.

use crate::analysis::commands::{Action, Manager};
use crate::rules::prelude::*;

use crate::analysis::command_words as pkg;

declare_rule! {
    AptListsNotRemoved {
        code: "DL3009",
        name: "apt-lists-not-removed",
        severity: Info,
        category: Size,
        fix: Sometimes,
        origin: Hadolint,
        onbuild: true,
        summary: "Delete the apt lists (`/var/lib/apt/lists`) in the RUN that downloaded them",
        why: "`apt-get update` downloads package indexes into `/var/lib/apt/lists`: tens of \
              megabytes that nothing in the running container needs. A later RUN cannot make \
              the image smaller again, so remove them in the same RUN (or keep them in a \
              BuildKit cache mount). Stages that no other stage builds on are not checked: \
              their files never reach the final image. The fix (unsafe) appends \
              `&& rm -rf /var/lib/apt/lists/*` to the RUN.",
        bad: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
        good: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n    && rm -rf /var/lib/apt/lists/*\n",
    }
}

/// The `update` words of one RUN, with the program that ran each.
type Updates = Vec<(Span, String)>;

#[derive(Default)]
pub struct AptListsNotRemoved {
    /// The `update` words of RUNs that keep the lists, with their stage and the fix of their
    /// RUN, decided at the end.
    pending: Vec<(Option<usize>, Updates, Option<Fix>)>,
}

fn report(cx: &mut Cx, span: Span, program: &str, fix: Option<&Fix>) {
    let d = cx.report(
        span,
        format!("`{program} update` leaves its package lists in the layer: delete `/var/lib/apt/lists/*` in the same RUN"),
    )
    .with_help("End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a cache on `/var/lib/apt/lists`.");
    if let Some(fix) = fix {
        d.with_fix(fix.clone());
    }
}

/// Whether the current RUN fetches apt's lists without installing after that, while a later
/// RUN of the stage installs with apt (and so relies on these lists).
fn later_install_relies(cx: &Cx) -> bool {
    use crate::analysis::commands::{Action, Manager};
    let apt = |c: &&crate::analysis::commands::PackageCall| c.manager == Manager::Apt;
    let calls = cx.analysis.calls(cx.index);
    let last_update =
        calls.iter().filter(apt).filter(|c| c.action == Action::Update).map(|c| c.command).max();
    let Some(update) = last_update else { return false };
    if calls.iter().filter(apt).any(|c| c.installs() && c.command > update) {
        return false;
    }
    let Some(stage) = cx.state.stage.and_then(|s| cx.file.stages.get(s)) else { return false };
    (cx.index + 1..stage.instructions.end)
        .any(|i| cx.analysis.calls(i).iter().filter(apt).any(|c| c.installs()))
}

impl Rule for AptListsNotRemoved {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::Run {
            return;
        }
        let Some((script, calls, _)) = cx.package_calls() else { return };
        // `apt-get update`, and apt 3's `apt-get install --update`, which fetches them too.
        let updates: Updates = calls
            .iter()
            .filter(|c| c.manager == Manager::Apt && (c.action == Action::Update || c.opts.refreshes_index))
            .filter_map(|c| Some((c.word(script, c.verb?).span, c.program.clone())))
            .collect();
        if updates.is_empty() {
            return;
        }
        let cleaned = script.commands.iter().any(|c| pkg::is(c, "rm") && pkg::has_arg(c, &["-rf", "/var/lib/apt/lists/*"]));
        let mounted = pkg::cache_mount(instr, "/var/lib/apt/lists")
            || (pkg::cache_mount(instr, "/var/lib/apt") && pkg::cache_mount(instr, "/var/cache/apt"));
        if cleaned || mounted {
            return;
        }
        // Unsafe: a later RUN that installs without `apt-get update` finds no lists.
        // No fix when a mount is on apt's directories: the removal would empty the mount.
        // No fix on an update that a later RUN's install relies on: removing the lists here
        // would break that install. Moving the update into the install's RUN (SS4008's fix)
        // comes first; this finding's fix then cleans at the end of that RUN.
        let fix = Some(())
            .filter(|_| !pkg::mounts(instr, "/var/lib/apt"))
            .filter(|_| !later_install_relies(cx))
            .and_then(|_| crate::edits::append_command(cx.script, "rm -rf /var/lib/apt/lists/*"))
            .map(|edit| Fix::unsafe_("Remove `/var/lib/apt/lists/*` at the end of the RUN", vec![edit]));
        if cx.onbuild {
            // The trigger runs in a child image whose stages are unknown here.
            for (span, program) in updates {
                report(cx, span, &program, fix.as_ref());
            }
            return;
        }
        self.pending.push((cx.state.stage, updates, fix));
    }

    fn finish(&mut self, cx: &mut Cx) {
        let mut found = Vec::new();
        for (stage, updates, fix) in std::mem::take(&mut self.pending) {
            if crate::analysis::stages::stage_reaches_image(cx.file, stage) {
                found.extend(updates.into_iter().map(|(span, program)| (span, program, fix.clone())));
            }
        }
        for (span, program, fix) in found {
            report(cx, span, &program, fix.as_ref());
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian\nRUN apt-get update && apt-get install -y curl", &["update"])
        .fixed("FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    Case::fires("FROM debian\nRUN apt update && apt install -y curl", &["update"])
        .fixed("FROM debian\nRUN apt update && apt install -y curl && rm -rf /var/lib/apt/lists/*"),
    Case::fires(
        "FROM debian\nRUN apt-get update \\\n# the tools\n && apt-get install -y \\\n    curl \\\n    git\nCMD [\"bash\"]",
        &["update"],
    )
    .fixed("FROM debian\nRUN apt-get update \\\n# the tools\n && apt-get install -y \\\n    curl \\\n    git && rm -rf /var/lib/apt/lists/*\nCMD [\"bash\"]"),
    Case::fires("# escape=`\r\nFROM debian\r\nRUN apt-get update `\r\n && apt-get install -y curl\r\n", &["update"])
        .fixed("# escape=`\r\nFROM debian\r\nRUN apt-get update `\r\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n"),
    Case::fires("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl # the client\nEOF\n", &["update"])
        .fixed("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/* # the client\nEOF\n"),
    Case::fires("FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl", &["update"])
        .fixed("FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    // No fix: the RUN ends inside a compound command.
    Case::fires("FROM debian\nRUN apt-get update && { apt-get install -y curl; }", &["update"]),
    Case::fires(
        "FROM ubuntu AS foo\nRUN apt-get update && apt-get install -y python3\nFROM foo\nRUN echo hi",
        &["update"],
    ),
    Case::fires(
        "FROM ubuntu AS foo\nRUN echo hi\nFROM scratch\nRUN apt-get update && apt-get install -y python3",
        &["update"],
    ),
    Case::fires(
        "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl",
        &["update"],
    ),
    // No fix: a mount on apt's directories.
    Case::fires(
        "FROM debian\nRUN --mount=type=bind,from=lists,target=/var/lib/apt,rw apt-get update && apt-get install -y curl",
        &["update"],
    ),
    // No fix: exec form.
    Case::fires("FROM debian\nRUN [\"apt-get\", \"update\"]", &["update"]),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get install -y curl \\\n && rm -fr /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl"),
    Case::quiet("FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update"),
    Case::quiet(
        "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y curl",
    ),
    Case::quiet("FROM debian\nRUN apt-get install -y curl"),
    // Lower-case `run` keeps the harness from wrapping this RUN in ONBUILD: a trigger is
    // always reported, while a stage nothing builds on is not.
    Case::quiet("FROM ubuntu AS foo\nrun apt-get update && apt-get install -y python3\nFROM scratch\nRUN echo hi"),
    Case::quiet("FROM ubuntu AS foo\nrun apt-get update\nFROM debian AS bar\nCOPY --from=foo /x /x"),
    // `update` that is not apt's.
    Case::quiet("FROM debian\nRUN echo \"apt-get update\" && pip install update"),
    // The cleanup with more paths, split flags, or in a `;` list.
    Case::quiet("FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* /tmp/*"),
    Case::quiet("FROM debian\nRUN apt-get update && apt-get install -y curl && rm -r -f /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN set -eux; apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*"),
    // A cache mount with more options.
    Case::quiet(
        "FROM debian\nRUN --mount=type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl",
    ),
    Case::quiet("# escape=`\r\nFROM debian\r\nRUN apt-get update `\r\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n"),
    Case::quiet("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/* # the client\nEOF\n"),
    Case::quiet("FROM debian\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN apt-get update && { apt-get install -y curl; } && rm -rf /var/lib/apt/lists/*"),
    Case::quiet("FROM debian\nRUN [\"sh\", \"-c\", \"apt-get update && rm -rf /var/lib/apt/lists/*\"]"),
    Case::quiet(
        "FROM debian\nRUN apt-get update \\\n# the tools\n && apt-get install -y \\\n    curl \\\n && rm -rf /var/lib/apt/lists/*",
    ),
    Case::quiet("FROM debian\nRUN apt-get upgrade -y && apt-get clean"),
    Case::quiet("FROM debian\nRUN aptitude update && rm -rf /var/lib/apt/lists/* # no lists"),
    Case::quiet("FROM debian\nRUN echo apt-get update"),
    Case::quiet(
        "FROM debian\nRUN --mount=type=bind,from=lists,target=/var/lib/apt,rw apt-get update && rm -rf /var/lib/apt/lists/*",
    ),
    Case::quiet("FROM debian\nRUN apt-get install -y ./local.deb"),
];
