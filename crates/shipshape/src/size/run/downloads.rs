//! Downloads, builds from source, `chown -R` copies, `mv`, and programs of unknown effect.

use super::*;

pub(super) fn downloads_and_builds(cx: &mut StageCx, script: &Script, it: &mut Items) {
    let mut downloads = 0usize;
    let mut small_downloads = 0usize;
    let mut installers = 0usize;
    let mut build = false;
    let mut unknown: Vec<String> = Vec::new();
    let handled = [
        "apt-get",
        "apt",
        "aptitude",
        "apk",
        "yum",
        "dnf",
        "microdnf",
        "tdnf",
        "zypper",
        "pip",
        "pip3",
        "uv",
        "npm",
        "yarn",
        "pnpm",
        "bundle",
        "gem",
        "go",
        "cargo",
        "virtualenv",
        "curl",
        "wget",
        "make",
        "cmake",
        "ninja",
        "configure",
        "npx",
        "corepack",
    ];
    for (i, c) in script.commands.iter().enumerate() {
        let name = c.name().unwrap_or("");
        if matches!(name, "curl" | "wget")
            && c.args().iter().any(|w| w.text().contains("://") || w.has_expansion())
        {
            let piped_to_shell = script.commands.get(i + 1).is_some_and(|n| {
                n.joiner == crate::shell::Joiner::Pipe && n.is_any(&["sh", "bash", "python", "python3"])
            });
            let archive = c.args().iter().any(|w| {
                let t = w.raw.trim_matches(|ch| ch == '"' || ch == '\'');
                [
                    ".tar",
                    ".tgz",
                    ".tar.gz",
                    ".tar.xz",
                    ".tar.bz2",
                    ".txz",
                    ".zip",
                    ".deb",
                    ".rpm",
                    ".jar",
                    ".whl",
                    ".bin",
                    ".run",
                    ".AppImage",
                ]
                .iter()
                .any(|e| t.ends_with(e))
            }) || script.commands.get(i + 1).is_some_and(|n| {
                n.joiner == crate::shell::Joiner::Pipe && n.is_any(&["tar", "unzip", "gunzip", "xz"])
            });
            if piped_to_shell {
                installers += 1;
            } else if archive {
                downloads += 1;
            } else {
                small_downloads += 1;
            }
        } else if matches!(name, "make" | "cmake" | "ninja" | "configure")
            || name.ends_with("/configure")
            || c.program().is_some_and(|p| p.text() == "./configure")
        {
            build = true;
        } else if matches!(name, "chown" | "chmod") && c.has_any_flag(&["R", "recursive"]) {
            let paths: Vec<String> = c
                .positionals()
                .iter()
                .skip(1) // the owner or the mode
                .map(|w| cx.abs(w.text()))
                .collect();
            for (path, f, what) in cx.artifacts.clone() {
                if paths.iter().any(|p| p == &path || path.starts_with(&format!("{p}/"))) && f.expected > 0 {
                    it.add(f, format!("`{name} -R` on `{path}` ({what}) from an earlier layer copies those files into this layer: +{}", range_text(f)));
                }
            }
        } else if !name.is_empty()
            && !handled.contains(&name)
            && !QUIET.contains(&name)
            && !name.starts_with("python")
            && !name.starts_with("pip")
            && !name.starts_with("docker-php")
            && !unknown.iter().any(|u| u == name)
        {
            unknown.push(name.to_string());
        }
    }
    if build {
        let f = Figure::mb(5.0, 60.0, 400.0);
        let src = if downloads > 0 { " from downloaded sources" } else { "" };
        it.add(
            f,
            format!("a build from source (configure/make){src}: assumed {} (assumption)", range_text(f)),
        );
    } else if downloads > 0 {
        let f = Figure::mb(0.5, 40.0, 400.0).scale(downloads.min(3) as f64);
        it.add(
            f,
            format!(
                "{downloads} archive download(s) of unknown size (curl/wget): assumed {} (assumption)",
                range_text(f)
            ),
        );
        // Where the archive is unpacked, for a later `COPY --from`.
        for c in script.commands.iter().filter(|c| c.is("tar")) {
            let args = c.args();
            let dir = args.iter().enumerate().find_map(|(i, w)| match w.text() {
                "-C" | "--directory" => args.get(i + 1).map(|v| v.text().to_string()),
                t => t.strip_prefix("--directory=").map(str::to_string),
            });
            if let Some(dir) = dir {
                let path = cx.abs(&dir);
                cx.artifacts.push((path, f, "an unpacked download".into()));
            }
        }
    }
    // `mv` carries what an earlier command of this layer (or stage) put at its source.
    for c in script.commands.iter().filter(|c| c.is("mv")) {
        let pos = c.positionals();
        let [src, dst] = pos.as_slice() else { continue };
        let (src, dst) = (cx.abs(src.text()), cx.abs(dst.text()));
        let moved: Vec<(String, Figure, String)> = cx
            .artifacts
            .iter()
            .filter(|(a, _, _)| {
                src == *a || src.starts_with(&format!("{a}/")) || a.starts_with(&format!("{src}/"))
            })
            .map(|(_, f, w)| (dst.clone(), *f, w.clone()))
            .collect();
        cx.artifacts.extend(moved);
    }
    if small_downloads > 0 {
        let f = Figure::mb(0.0, 0.05, 20.0).scale(small_downloads.min(5) as f64);
        it.add(
            f,
            format!(
                "{small_downloads} other download(s) (keys, checksums, scripts): assumed {} (assumption)",
                range_text(f)
            ),
        );
    }
    if installers > 0 {
        let f = Figure::mb(1.0, 50.0, 500.0).scale(installers as f64);
        it.add(f, format!("an install script piped to a shell: assumed {} (assumption)", range_text(f)));
    }
    if !unknown.is_empty() {
        let n = unknown.len().min(4);
        let f = Figure::mb(0.0, 0.1, 10.0).scale(n as f64);
        it.add(
            f,
            format!(
                "{}: writes an amount the estimator cannot know, assumed {} (assumption)",
                unknown.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", "),
                range_text(f)
            ),
        );
    }
}
