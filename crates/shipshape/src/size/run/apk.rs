//! `apk add`: Alpine packages, sized from Debian's where the names match; the index cache.

use super::*;

/// Alpine names of common packages that Debian calls otherwise.
fn alpine_to_debian(name: &str) -> String {
    match name {
        "build-base" => "build-essential".into(),
        "musl-dev" => "libc6-dev".into(),
        "openssl-dev" | "libressl-dev" => "libssl-dev".into(),
        "postgresql-dev" | "libpq-dev" => "libpq-dev".into(),
        "linux-headers" => "linux-libc-dev".into(),
        "zlib-dev" => "zlib1g-dev".into(),
        "jpeg-dev" | "libjpeg-turbo-dev" => "libjpeg-dev".into(),
        "libxslt-dev" => "libxslt1-dev".into(),
        "py3-pip" => "python3-pip".into(),
        "openssh" => "openssh-client".into(),
        "nodejs" => "nodejs".into(),
        n if n.starts_with("py3-") => format!("python3-{}", &n[4..]),
        n if n.starts_with("openjdk") && n.ends_with("-jre") => {
            format!("openjdk-{}-jre-headless", n.trim_start_matches("openjdk").trim_end_matches("-jre"))
        }
        n if n.starts_with("openjdk") => format!("openjdk-{}-jdk-headless", n.trim_start_matches("openjdk")),
        n => n.to_string(),
    }
}

pub(super) fn apk(
    cx: &mut StageCx,
    calls: &[PackageCall],
    debian: Option<&Debian>,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let t = tables();
    let mut index = false;
    let mut groups: Vec<(String, usize)> = Vec::new();
    let apk = || calls.iter().filter(|c| c.manager == Manager::Apk);
    for c in apk() {
        if c.action == Action::Update {
            index |= !c.opts.no_cache;
        }
        if c.action != Action::Install {
            continue;
        }
        index |= !c.opts.no_cache;
        let (words, vars) = package_names(c);
        let mut f = Figure::default();
        let mut known = Vec::new();
        let mut guessed = Vec::new();
        let mut base = 0usize;
        // Debian's equivalents of what the Alpine base image already has (musl, busybox,
        // OpenSSL's libraries, zlib).
        let minimal =
            debian.map(|d| d.base_set("alpine", &["libssl3", "zlib1g", "busybox", "libc6", "libc-bin"]));
        for w in &words {
            let n = pkg_name(w);
            if t.alpine.iter().any(|(p, _)| p == n) {
                base += 1;
                continue;
            }
            match (debian, &minimal) {
                (Some(d), Some(_)) if d.find(&alpine_to_debian(n)).is_some() => {
                    known.push(alpine_to_debian(n));
                }
                _ => guessed.push(n.to_string()),
            }
        }
        let mut parts = Vec::new();
        if let (Some(d), Some(m), false) = (debian, &minimal, known.is_empty()) {
            let c = d.closure(&known, false, m);
            let g = Figure::exact(c.bytes).spread(0.25, 0.6, 1.2);
            f += g;
            parts.push(format!(
                "{} ≈ {} (no Alpine package sizes in the data: the Debian size of the same packages × 0.6, range ×0.25–×1.2)",
                words.join(" "),
                range_text(g)
            ));
        }
        if !guessed.is_empty() || vars > 0 {
            let n = guessed.len() + vars * 3;
            let g = Figure::mb(0.05, 3.0, 40.0).scale(n as f64);
            f += g;
            parts.push(format!(
                "{} not in any table: assumed {} ",
                if guessed.is_empty() { "packages in a variable".to_string() } else { guessed.join(", ") },
                range_text(g)
            ));
        }
        if base > 0 {
            parts.push(format!("{base} package(s) already in the Alpine base"));
        }
        if let Some(g) = &c.opts.virtual_name {
            groups.push((g.clone(), it.list.len()));
        }
        it.add(f, format!("apk add: {}", parts.join("; ")));
    }
    for c in apk().filter(|c| c.action == Action::Remove) {
        for (g, at) in &groups {
            if c.names().any(|n| n.text == *g) {
                let (f, r) = &mut it.list[*at];
                *f = Figure::new(0, f.expected / 10, f.expected / 5 + 1);
                r.push_str(&format!(
                    " — removed again by `apk del {g}` in the same RUN (assumed 0–20 % stays)"
                ));
            }
        }
    }
    if index {
        if gone("/var/cache/apk") {
            it.note("apk cache removed in the same RUN: 0 B".into());
        } else {
            let f = Figure::mb(1.0, 2.5, 6.0);
            it.add(
                f,
                format!("apk index cache not removed (use `apk add --no-cache`): assumed {}", range_text(f)),
            );
            cx.leftovers.push(("/var/cache/apk".into(), "apk cache".into()));
        }
    }
}
