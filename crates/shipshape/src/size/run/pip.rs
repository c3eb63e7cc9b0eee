//! pip and uv: the PyPI table, requirements files, virtual environments, the pip cache.

use super::*;

/// Wheels an earlier step left where `path` points (`pip wheel -w`, a `COPY --from` of
/// them): the artifact's path and size.
fn wheel_dir(cx: &StageCx, path: &str) -> Option<(String, Figure)> {
    let p = cx.abs(path.trim_end_matches("*.whl").trim_end_matches('*').trim_end_matches('/'));
    cx.artifacts
        .iter()
        .rev()
        .find(|(a, _, _)| *a == p || p.starts_with(&format!("{a}/")) || a.starts_with(&format!("{p}/")))
        .map(|(a, f, _)| (a.clone(), *f))
}

/// Installed size of a known PyPI package and its known dependencies.
fn py_closure(names: &[String]) -> (Figure, u64, usize, Vec<String>) {
    let t = tables();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = names.to_vec();
    let mut f = Figure::default();
    let mut wheels = 0u64;
    let mut unknown_deps = 0usize;
    let mut shown = Vec::new();
    while let Some(n) = queue.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        match t.pypi.get(&n) {
            Some(p) => {
                let g = match p.installed {
                    Some(i) => Figure::exact(i).spread(0.9, 1.05, 1.3),
                    None => Figure::exact(p.wheel).spread(1.3, 2.5, 4.0),
                };
                f += g;
                wheels += p.wheel;
                shown.push(format!("{} {}", p.name, mb(g.expected)));
                queue.extend(p.depends.iter().cloned());
            }
            None if !names.contains(&n) => unknown_deps += 1,
            None => {}
        }
    }
    (f, wheels, unknown_deps, shown)
}

pub(super) fn pip(
    cx: &mut StageCx,
    script: &Script,
    calls: &[PackageCall],
    opts: &SizeOptions,
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let t = tables();
    for (i, c) in script.commands.iter().enumerate() {
        let call = call_at(calls, i).filter(|k| k.manager == Manager::Pip);
        let n = c.name().unwrap_or("");
        if (n == "virtualenv"
            || (n.starts_with("python")
                && c.args().windows(2).any(|w| w[0].text() == "-m" && w[1].text() == "venv")))
            && call.is_none()
        {
            if let Some(p) =
                c.positionals().into_iter().map(|w| w.text()).rfind(|t| !t.starts_with('-') && *t != "venv")
            {
                let f = Figure::mb(5.0, 18.0, 30.0);
                let path = cx.abs(p);
                it.add(f, format!("virtual environment `{p}` with its own pip: assumed {}", range_text(f)));
                cx.artifacts.push((path, f, "a virtual environment".into()));
            }
            continue;
        }
        let Some(call) = call else { continue };
        let verb = match call.verb_text.as_deref() {
            Some("install") => "install",
            Some("wheel") => "wheel",
            _ => continue,
        };
        let mut f = Figure::default();
        let mut wheels = 0u64;
        let mut parts = Vec::new();
        let mut names = Vec::new();
        let mut others = 0usize;
        // Wheels an earlier step left (`pip wheel -w`, a `COPY --from` of them): installed
        // from there, they unpack to 1.3–4 times their size.
        let mut from_wheels: Vec<(String, Figure)> = Vec::new();
        let links = call.flag_value(&["f", "find-links"]).and_then(|d| wheel_dir(cx, d));
        if let Some(found) = links.clone() {
            from_wheels.push(found);
        }
        // The wheels found by --find-links are what gets installed, not the files' contents.
        for v in call.opts.requirements.iter().filter(|_| links.is_none()) {
            cx.requirements = true;
            let r = opts.requirements_bytes;
            let g = Figure::new(r / 6, r, r * 5);
            f += g;
            wheels += r * 2 / 5;
            parts.push(format!(
                "`-r {v}`: the file is not visible, assumed {} installed (adjustable assumption)",
                mb(r)
            ));
        }
        others += call.flags.iter().filter(|f| f.name == "e" || f.name == "editable").count();
        let (words, vars) = package_names(call);
        others += 3 * vars;
        for &w in &words {
            let name = w.split(['[', '=', '<', '>', '!', '~', ';', '@', ' ']).next().unwrap_or(w);
            if name.is_empty() || name.contains('/') || name.starts_with('.') || name.ends_with(".whl") {
                match wheel_dir(cx, w) {
                    Some(found) if !from_wheels.iter().any(|(a, _)| *a == found.0) => from_wheels.push(found),
                    Some(_) => {}
                    None => others += 1,
                }
            } else if matches!(py_name(name).as_str(), "pip" | "setuptools" | "wheel") {
                let g = Figure::mb(0.5, 5.0, 15.0);
                f += g;
                // Its wheel is downloaded (and cached) like any other.
                wheels += g.expected * 2 / 5;
                parts.push(format!("{name} (a packaging tool): assumed {}", range_text(g)));
            } else {
                names.push(py_name(name));
            }
        }
        for (dir, w) in &from_wheels {
            let g = w.spread(1.3, 2.5, 4.0);
            f += g;
            parts.push(format!(
                "the wheels in `{dir}` ({}) unpack to about {} (×2.5; the PyPI table's unpacked/wheel ratios run 1.3–4.0)",
                range_text(*w),
                mb(g.expected)
            ));
        }
        let known: Vec<String> = names.iter().filter(|n| t.pypi.contains_key(*n)).cloned().collect();
        let unknown: Vec<&String> = names.iter().filter(|n| !t.pypi.contains_key(*n)).collect();
        if !known.is_empty() {
            let (g, wb, unknown_deps, shown) = py_closure(&known);
            f += g;
            wheels += wb;
            let more = shown.len().saturating_sub(known.len());
            let mut s = shown.iter().take(known.len().min(4)).cloned().collect::<Vec<_>>().join(", ");
            if more > 0 {
                s.push_str(&format!(" and {more} known dependencies"));
            }
            parts.push(format!("{s} = {} installed (PyPI wheels, 2026-11)", mb(g.expected)));
            if unknown_deps > 0 {
                let h = Figure::mb(0.05, 1.0, 10.0).scale(unknown_deps as f64);
                f += h;
                wheels += h.expected / 3;
                parts
                    .push(format!("{unknown_deps} dependencies not in the table: assumed {}", range_text(h)));
            }
        }
        if !unknown.is_empty() || others > 0 {
            let k = unknown.len() + others;
            let g = Figure::mb(0.05, 2.0, 30.0).scale(k as f64);
            f += g;
            wheels += g.expected / 3;
            let what = if unknown.is_empty() {
                "local or variable packages".to_string()
            } else {
                unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            };
            parts.push(format!("{what}: not in the PyPI table, assumed {}", range_text(g)));
        }
        let uv = call.program == "uv";
        let cache_dir = if uv { "/root/.cache/uv" } else { "/root/.cache/pip" };
        // The flag (wherever it is written), PIP_NO_CACHE_DIR or UV_NO_CACHE, a cache mount
        // (the model's reading), or a `rm` of the cache in this RUN.
        let no_cache = call.opts.no_cache || gone(cache_dir) || gone("/root/.cache");
        let tool = if uv { "uv" } else { "pip" };
        if verb == "wheel" {
            // The layer holds the wheels, not installed packages.
            let w = Figure::new(f.low * 10 / 40, wheels.max(f.expected * 10 / 25), f.high * 10 / 13);
            it.add(
                w,
                format!(
                    "{tool} wheel: {} (wheels: about {}, what installing them would take ÷ 2.5)",
                    parts.join("; "),
                    mb(w.expected)
                ),
            );
            if let Some(dir) = call.flag_value(&["w", "wheel-dir"]) {
                cx.artifacts.push((cx.abs(dir), w, "Python wheels".into()));
            }
        } else {
            it.add(f, format!("{tool} {verb}: {}", parts.join("; ")));
            let target = call.flag_value(&["t", "target", "prefix"]).map(|p| cx.abs(p)).or_else(|| {
                if call.has_flag(&["user"]) {
                    Some("/root/.local".into())
                } else {
                    let prog = call.word(script, call.program_word).text();
                    prog.rsplit_once("/bin/").map(|(venv, _)| cx.abs(venv))
                }
            });
            let venv = cx
                .artifacts
                .iter()
                .rev()
                .find(|(_, _, w)| w == "a virtual environment")
                .map(|(p, _, _)| p.clone());
            let path = target.or(venv).unwrap_or_else(|| "/usr/local/lib/python3".into());
            cx.artifacts.push((path, f, "Python packages".into()));
        }
        if no_cache {
            it.note(format!("{tool} cache disabled or removed: 0 B"));
        } else if wheels > 0 {
            let g = Figure::exact(wheels).spread(0.8, 1.0, 1.3);
            it.add(g, format!("{tool} cache not disabled: +{} (downloaded wheels stay in {cache_dir}; use --no-cache-dir)", mb(g.expected)));
            cx.leftovers.push((cache_dir.into(), format!("{tool} cache")));
        }
    }
}
