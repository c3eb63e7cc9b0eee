//! `apt-get install`: the Debian closure minus the base, recommends, purges, apt lists.

use super::*;

pub(super) fn apt(
    cx: &mut StageCx,
    script: &Script,
    calls: &[PackageCall],
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
    needs_debian: &mut bool,
) {
    let mut update = false;
    let mut names: Vec<String> = Vec::new();
    let mut vars = 0usize;
    let mut local_debs = 0usize;
    let mut recommends = false;
    let mut installs = false;
    let mut purged: Vec<String> = Vec::new();
    let mut purge_unknown = false;
    let mut autoremove = false;
    let mut upgrade = false;
    let mut dist_clean = false;
    // `--download-only`: (names, recommends, packages in variables).
    let mut downloads: (Vec<String>, bool, usize) = (Vec::new(), false, 0);
    for c in calls.iter().filter(|c| c.manager == Manager::Apt) {
        match c.action {
            Action::Update => update = true,
            Action::Install if c.opts.download_only => {
                let (words, unknown) = package_names(c);
                downloads.0.extend(words.into_iter().map(|w| pkg_name(w).to_string()));
                downloads.1 |= !c.opts.no_recommends;
                downloads.2 += unknown;
            }
            Action::Install => {
                installs = true;
                update |= c.opts.refreshes_index;
                recommends |= !c.opts.no_recommends;
                let (words, unknown) = package_names(c);
                vars += unknown;
                for w in words {
                    if w.ends_with(".deb") {
                        local_debs += 1;
                    } else {
                        names.push(pkg_name(w).to_string());
                    }
                }
            }
            Action::Remove => {
                autoremove |= c.verb_text.as_deref() == Some("autoremove") || c.opts.auto_remove;
                let (words, unknown) = package_names(c);
                purge_unknown |= unknown > 0;
                purged.extend(words.into_iter().map(|w| pkg_name(w).to_string()));
            }
            Action::Upgrade => upgrade = true,
            _ => dist_clean |= matches!(c.verb_text.as_deref(), Some("dist-clean" | "distclean")),
        }
    }
    let marks_auto = script.commands.iter().any(|c| c.is("apt-mark") && c.has_arg("auto"));
    if upgrade {
        it.add(
            Figure::mb(0.0, 5.0, 100.0),
            "upgrades installed packages: the new versions are written again (assumed 0–100 MB)".into(),
        );
    }
    if installs {
        let (lo, mid, hi, note) = apt_factors(cx);
        let mut f = Figure::default();
        let mut parts: Vec<String> = Vec::new();
        match debian {
            Some(d) => {
                let mut stand_ins = Vec::new();
                for n in names.iter_mut() {
                    if d.find(n).is_none() {
                        if let Some(i) = d.stand_in(n) {
                            stand_ins
                                .push(format!("`{n}` is not in bookworm: `{}` stands in", d.pkg(i).name));
                            *n = d.pkg(i).name.to_string();
                        }
                    }
                }
                let c = d.closure(&names, recommends, &cx.installed);
                let known = names.len() - c.unknown.len();
                let mut layer = Figure::exact(c.bytes).spread(lo, mid, hi);
                let purge_all = (purge_unknown || marks_auto) && autoremove;
                let list = names_list(d, &c.added, known);
                if !c.added.is_empty() {
                    let rec = if recommends {
                        let plain = d.closure(&names, false, &cx.installed);
                        format!(
                            "; recommended packages included (no --no-install-recommends): {} of it",
                            mb(c.bytes.saturating_sub(plain.bytes))
                        )
                    } else {
                        String::new()
                    };
                    parts.push(format!("{list} = {} installed (Debian bookworm){rec}", mb(c.bytes)));
                } else if known > 0 {
                    parts.push(format!("{} already in the base image: 0 B", names.join(", ")));
                }
                if purge_all {
                    layer = Figure::new(0, layer.expected / 20, layer.high * 3 / 10);
                    parts.push("build dependencies are purged with --auto-remove in the same RUN; the runtime libraries kept are not visible: assumed 5 % stays (0–30 %)".into());
                } else if !purged.is_empty() {
                    let keep: Vec<String> = names.iter().filter(|n| !purged.contains(n)).cloned().collect();
                    let kept = if autoremove {
                        d.closure(&keep, recommends, &cx.installed).bytes
                    } else {
                        let purged_bytes: u64 = purged
                            .iter()
                            .filter_map(|p| d.find(p))
                            .filter(|i| c.added.contains(i))
                            .map(|i| d.pkg(i).installed_kib * 1024)
                            .sum();
                        c.bytes.saturating_sub(purged_bytes)
                    };
                    if kept < c.bytes {
                        parts.push(format!(
                            "{} purged in the same RUN: {} stays",
                            purged.join(", "),
                            mb(kept)
                        ));
                        layer = Figure::exact(kept).spread(lo, mid, hi);
                    }
                }
                f += layer;
                cx.installed.extend(c.added.iter().copied());
                for u in &c.unknown {
                    let g = Figure::mb(0.05, 2.0, 50.0);
                    f += g;
                    parts.push(format!(
                        "`{u}` is not in the Debian bookworm table: assumed {} ",
                        range_text(g)
                    ));
                }
                parts.extend(stand_ins);
                if let Some(n) = note {
                    parts.push(n);
                }
            }
            None => {
                *needs_debian = true;
                let n = names.len();
                if n > 0 {
                    let g = Figure::mb(0.05 * n as f64, 8.0 * n as f64, 80.0 * n as f64);
                    f += g;
                    parts.push(format!(
                        "{n} package(s): {} (the Debian package table is not loaded yet: assumed {})",
                        names.join(", "),
                        range_text(g)
                    ));
                }
            }
        }
        if vars > 0 {
            let g = Figure::mb(0.05, 10.0, 100.0).scale(vars as f64);
            f += g;
            parts.push(format!("{vars} package list(s) in a variable: assumed {}", range_text(g)));
        }
        if local_debs > 0 {
            let g = Figure::mb(0.1, 20.0, 200.0).scale(local_debs as f64);
            f += g;
            parts.push(format!("{local_debs} local .deb file(s): assumed {}", range_text(g)));
        }
        if cx.distro.uses_apt() && !gone("/var/cache/apt") {
            parts.push(
                "the downloaded .deb files are deleted by the image's own apt setting (docker-clean): 0 B"
                    .into(),
            );
        }
        it.add(f, format!("apt-get install: {}", parts.join("; ")));
    }
    let (dl_names, dl_recommends, dl_vars) = downloads;
    if (!dl_names.is_empty() || dl_vars > 0) && !gone("/var/cache/apt") {
        // Nothing is installed: the .deb files stay in /var/cache/apt/archives (dpkg never
        // runs, so the image's docker-clean hook does not delete them).
        let mut f = Figure::mb(0.05, 3.5, 35.0).scale(dl_vars as f64);
        let bytes = match debian {
            Some(d) => d.closure(&dl_names, dl_recommends, &cx.installed).bytes,
            None => dl_names.len() as u64 * 8_000_000,
        };
        f += Figure::exact(bytes).spread(0.2, 0.35, 0.6);
        it.add(
            f,
            format!(
                "apt-get install --download-only: the .deb files stay in /var/cache/apt/archives, about a third of the {} the packages install: assumed {}",
                mb(bytes),
                range_text(f)
            ),
        );
    }
    if update {
        if gone("/var/lib/apt/lists") || dist_clean {
            it.note("apt lists removed in the same RUN: 0 B".into());
        } else {
            let (f, what) = if cx.distro == Distro::Ubuntu {
                (Figure::mb(20.0, 40.0, 70.0), "Ubuntu")
            } else {
                (Figure::mb(9.0, 18.0, 50.0), "Debian")
            };
            it.add(
                f,
                format!(
                    "apt lists not removed: +{} ({what} package indexes, assumed {}; add `rm -rf /var/lib/apt/lists/*` to this RUN)",
                    mb(f.expected),
                    range_text(f)
                ),
            );
            cx.leftovers.push(("/var/lib/apt/lists".into(), "apt lists".into()));
        }
    }
}
