//! yum, dnf, microdnf and zypper: Debian sizes of the same names; the package cache.

use super::*;

pub(super) fn rpm(
    cx: &mut StageCx,
    script: &Script,
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let managers = ["yum", "dnf", "microdnf", "tdnf", "zypper"];
    let mut used: Option<&str> = None;
    for c in script.commands.iter().filter(|c| c.is_any(&managers)) {
        let verbs: &[&str] = if c.is("zypper") { &["install", "in"] } else { &["install"] };
        let Some((words, _)) =
            after_verb(c, verbs, &["--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude"], &cx.env)
        else {
            continue;
        };
        used = c.name().map(|n| if n == "zypper" { "zypper" } else { "yum" });
        let names: Vec<String> =
            words.iter().filter(|w| **w != "$").map(|w| pkg_name(w).to_string()).collect();
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
        let unknown = names.len() - known.len() + 3 * words.iter().filter(|w| **w == "$").count();
        if unknown > 0 {
            let g = Figure::mb(0.1, 5.0, 60.0).scale(unknown as f64);
            f += g;
            parts.push(format!("{unknown} package(s) not in any table: assumed {}", range_text(g)));
        }
        it.add(f, format!("{} install: {}", c.name().unwrap_or("yum"), parts.join("; ")));
    }
    let Some(kind) = used else { return };
    let cleaned =
        script.commands.iter().any(|c| c.is_any(&managers) && (c.has_arg("clean") || c.has_arg("cc")));
    let dirs: &[&str] =
        if kind == "zypper" { &["/var/cache/zypp"] } else { &["/var/cache/yum", "/var/cache/dnf"] };
    if cleaned || dirs.iter().any(|d| gone(d)) {
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
