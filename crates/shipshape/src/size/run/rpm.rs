//! yum, dnf, microdnf and zypper: Debian sizes of the same names; the package cache.

use super::*;

pub(super) fn rpm(
    cx: &mut StageCx,
    calls: &[PackageCall],
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let rpm = |c: &&PackageCall| matches!(c.manager, Manager::Dnf | Manager::Zypper);
    let mut used: Option<&str> = None;
    let mut last_install = 0;
    let mut mounted = false;
    for c in calls.iter().filter(rpm).filter(|c| c.installs()) {
        used = Some(if c.manager == Manager::Zypper { "zypper" } else { "yum" });
        last_install = c.command;
        mounted |= c.opts.cache_mounted;
        let (words, vars) = package_names(c);
        let names: Vec<String> = words.iter().map(|w| pkg_name(w).to_string()).collect();
        let mut f = Figure::default();
        let mut parts = Vec::new();
        let known: Vec<String> = match debian {
            Some(d) => names.iter().filter(|n| d.find(n).is_some()).cloned().collect(),
            None => Vec::new(),
        };
        if let (Some(d), false) = (debian, known.is_empty()) {
            let m = d.base_set("minimal", &[]);
            let c = d.closure(&known, false, &m);
            let g = Figure::exact(c.bytes).spread(0.4, 1.0, 2.0);
            f += g;
            parts.push(format!(
                "{} ≈ {} (no RPM sizes in the data: Debian sizes of the same names, range ×0.4–×2)",
                known.join(" "),
                range_text(g)
            ));
        }
        let unknown = names.len() - known.len() + 3 * vars;
        if unknown > 0 {
            let g = Figure::mb(0.1, 5.0, 60.0).scale(unknown as f64);
            f += g;
            parts.push(format!("{unknown} package(s) not in any table: assumed {}", range_text(g)));
        }
        if c.opts.download_only {
            // Nothing is installed: the packages are kept in the cache, compressed.
            f = f.scale(0.35);
            parts.push(
                "downloads only (--download-only): the packages stay in the cache, about a third of that"
                    .into(),
            );
        }
        it.add(f, format!("{} install: {}", c.program, parts.join("; ")));
    }
    let Some(kind) = used else { return };
    // Only a clean after the last install empties the cache that install filled.
    let cleaned = calls.iter().filter(rpm).any(|c| c.action == Action::Clean && c.command > last_install);
    let dirs: &[&str] =
        if kind == "zypper" { &["/var/cache/zypp"] } else { &["/var/cache/yum", "/var/cache/dnf"] };
    if cleaned || mounted || dirs.iter().any(|d| gone(d)) {
        it.note("package manager cache cleaned in the same RUN: 0 B".into());
    } else {
        let f = if kind == "zypper" { Figure::mb(10.0, 40.0, 150.0) } else { Figure::mb(20.0, 60.0, 250.0) };
        it.add(
            f,
            format!(
                "{kind} metadata and package cache not cleaned: assumed {} (add `{kind} clean all`)",
                range_text(f)
            ),
        );
        cx.leftovers.push((dirs[0].into(), format!("{kind} cache")));
    }
}
