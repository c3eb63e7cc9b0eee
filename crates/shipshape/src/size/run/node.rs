//! npm, yarn and pnpm: the npm table, node_modules from a package.json, caches, builds.

use super::*;

fn npm_closure(names: &[&str]) -> (Figure, u64, Vec<String>, usize) {
    let t = tables();
    let mut seen: HashSet<String> = HashSet::new();
    let mut queue: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let (mut f, mut tar, mut shown, mut unknown) = (Figure::default(), 0u64, Vec::new(), 0usize);
    while let Some(n) = queue.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        match t.npm.get(&n) {
            Some(p) => {
                f += Figure::exact(p.unpacked).spread(0.9, 1.0, 1.2);
                tar += p.tarball;
                shown.push(format!("{} {}", p.name, mb(p.unpacked)));
                queue.extend(p.depends.iter().cloned());
            }
            None => unknown += 1,
        }
    }
    (f, tar, shown, unknown)
}

pub(super) fn node(
    cx: &mut StageCx,
    script: &Script,
    calls: &[PackageCall],
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let node = |c: &&PackageCall| matches!(c.manager, Manager::Npm | Manager::Yarn | Manager::Pnpm);
    for c in calls.iter().filter(node) {
        let tool = c.program.as_str();
        let verb = c.verb_text.as_deref().unwrap_or("");
        if (matches!(verb, "run" | "run-script") && c.operand(script, 0).is_some_and(|s| s.contains("build")))
            || (tool != "npm" && verb == "build")
        {
            let f = Figure::mb(0.1, 5.0, 100.0);
            let words: Vec<&str> = std::iter::once(verb)
                .chain((0..c.operands.len()).filter_map(|k| c.operand(script, k)))
                .collect();
            it.add(
                f,
                format!("`{tool} {}`: build output, assumed {} (assumption)", words.join(" "), range_text(f)),
            );
            for d in ["dist", "build", ".next", "out"] {
                let p = cx.abs(d);
                cx.artifacts.push((p, f, "build output".into()));
            }
            continue;
        }
        if !c.installs() {
            continue;
        }
        let sub = if verb.is_empty() { "install" } else { verb };
        let (names, unknown_words) = package_names(c);
        let (f, tarballs, reason) = if c.packages.is_empty() {
            let prod = c.opts.production;
            let f = if prod { Figure::mb(5.0, 80.0, 400.0) } else { Figure::mb(10.0, 150.0, 800.0) };
            (
                f,
                f.expected * 35 / 100,
                format!(
                    "`{tool} {sub}`: node_modules from package.json, which the estimator cannot see: assumed {}{} (assumption)",
                    range_text(f),
                    if prod { ", production only" } else { "" }
                ),
            )
        } else {
            let bare: Vec<&str> = names
                .iter()
                .map(|n| match n.strip_prefix('@') {
                    Some(rest) => rest.split_once('@').map_or(*n, |(a, _)| &n[..a.len() + 1]),
                    None => n.split('@').next().unwrap_or(n),
                })
                .collect();
            let (f, tar, shown, unknown) = npm_closure(&bare);
            let unknown = unknown + unknown_words;
            let g = Figure::mb(0.05, 3.0, 40.0).scale(unknown as f64);
            let mut r = String::new();
            if !shown.is_empty() {
                r.push_str(&format!(
                    "{} = {} unpacked (npm registry, 2026-11)",
                    shown.join(", "),
                    mb(f.expected)
                ));
            }
            if unknown > 0 {
                if !r.is_empty() {
                    r.push_str("; ");
                }
                r.push_str(&format!("{unknown} package(s) not in the npm table: assumed {}", range_text(g)));
            }
            (f + g, tar + g.expected / 3, format!("`{tool} {sub}`: {r}"))
        };
        it.add(f, reason);
        let path =
            if c.opts.global { "/usr/local/lib/node_modules".to_string() } else { cx.abs("node_modules") };
        cx.artifacts.push((path, f, "node_modules".into()));
        let (cache, verb, operand) = match c.manager {
            Manager::Yarn => ("/usr/local/share/.cache/yarn", "cache", "clean"),
            Manager::Pnpm => ("/root/.local/share/pnpm/store", "store", "prune"),
            _ => ("/root/.npm", "cache", "clean"),
        };
        let cleaned = calls.iter().any(|k| k.manager == c.manager && k.is(script, verb, Some(operand)));
        // A cache mount on the manager's cache is in the model's `no_cache`.
        if cleaned || c.opts.no_cache || gone(cache) || (tool == "npm" && gone("/root/.npm/_cacache")) {
            it.note(format!("{tool} cache cleaned in the same RUN: 0 B"));
        } else if tarballs > 0 {
            let g = Figure::exact(tarballs).spread(0.5, 1.0, 2.0);
            it.add(
                g,
                format!(
                    "{tool} cache left in {cache}: +{} (clean it in the same RUN or use a cache mount)",
                    mb(g.expected)
                ),
            );
            cx.leftovers.push((cache.into(), format!("{tool} cache")));
        }
    }
}
