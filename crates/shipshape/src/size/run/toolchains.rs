//! bundler and gem, go build, cargo: their outputs and the caches they leave.

use super::*;

pub(super) fn ruby_go_rust(
    cx: &mut StageCx,
    script: &Script,
    calls: &[PackageCall],
    gone: &dyn Fn(&str) -> bool,
    it: &mut Items,
) {
    let mut go_modules = false;
    let mut go_cache = false;
    let mut cargo_registry = false;
    for (i, c) in script.commands.iter().enumerate() {
        // bundler is not a package manager of the command model: its Gemfile decides.
        if c.is("bundle") && c.has_arg("install") {
            let f = Figure::mb(10.0, 80.0, 400.0);
            it.add(f, format!("`bundle install`: gems from the Gemfile, which the estimator cannot see: assumed {} (assumption)", range_text(f)));
            cx.artifacts.push(("/usr/local/bundle".into(), f, "gems".into()));
            if !gone("/usr/local/bundle/cache") && !gone("/root/.bundle/cache") {
                let g = f.scale(0.2);
                it.add(g, format!("bundler keeps the .gem files in /usr/local/bundle/cache: +{} (remove them in the same RUN)", mb(g.expected)));
            }
            continue;
        }
        let Some(call) = call_at(calls, i) else { continue };
        let sub = call.verb_text.as_deref().unwrap_or("");
        match call.manager {
            Manager::Gem if sub == "install" => {
                let (names, unknown) = package_names(call);
                let n = (names.len() + unknown).max(1);
                let mut f = Figure::mb(0.05, 3.0, 30.0).scale(n as f64);
                let docs = !call.opts.no_docs;
                if docs {
                    f = f.scale(1.3);
                }
                it.add(
                    f,
                    format!(
                        "gem install ({n} gem(s)): assumed {}{}",
                        range_text(f),
                        if docs { ", with documentation (add --no-document)" } else { "" }
                    ),
                );
            }
            Manager::Go => {
                if matches!(sub, "build" | "install") {
                    let f = Figure::mb(2.0, 15.0, 80.0);
                    let out = call.flag_value(&["o"]);
                    it.add(f, format!("`go {sub}`: a Go binary, assumed {} (assumption)", range_text(f)));
                    let path = match out {
                        Some(o) => cx.abs(o),
                        None if sub == "install" => "/go/bin".into(),
                        None => cx.workdir.clone(),
                    };
                    cx.artifacts.push((path, f, "a Go binary".into()));
                    go_cache = true;
                    go_modules = true;
                }
                if call.is(script, "mod", Some("download")) {
                    go_modules = true;
                }
            }
            Manager::Cargo => {
                if sub == "build" {
                    let target = cx.abs("target");
                    if gone(&target) {
                        it.note("cargo's target directory is a cache mount or removed: 0 B".into());
                    } else {
                        let f = Figure::mb(100.0, 700.0, 4000.0);
                        it.add(f, format!("`cargo build` leaves its target directory in the layer: assumed {} (use a cache mount)", range_text(f)));
                    }
                    let bin = Figure::mb(1.0, 10.0, 80.0);
                    cx.artifacts.push((format!("{target}/release"), bin, "a Rust binary".into()));
                    cargo_registry = true;
                }
                if sub == "install" {
                    let f = Figure::mb(2.0, 15.0, 80.0);
                    it.add(f, format!("`cargo install`: a Rust binary, assumed {}", range_text(f)));
                    cx.artifacts.push(("/usr/local/cargo/bin".into(), f, "a Rust binary".into()));
                    cargo_registry = true;
                }
                if sub == "fetch" {
                    cargo_registry = true;
                }
            }
            _ => {}
        }
    }
    let go_cleans = |what: &str| {
        calls.iter().any(|c| c.manager == Manager::Go && c.action == Action::Clean && c.has_flag(&[what]))
    };
    if go_cache {
        if gone("/root/.cache/go-build") || gone("/root/.cache") || go_cleans("cache") {
            it.note("Go build cache is a cache mount or cleaned: 0 B".into());
        } else {
            let f = Figure::mb(20.0, 150.0, 800.0);
            it.add(
                f,
                format!(
                    "Go build cache left in /root/.cache/go-build: assumed {} (use a cache mount)",
                    range_text(f)
                ),
            );
            cx.leftovers.push(("/root/.cache/go-build".into(), "Go build cache".into()));
        }
    }
    if go_modules {
        if gone("/go/pkg/mod") || gone("/go/pkg") || go_cleans("modcache") {
            it.note("Go module cache is a cache mount or cleaned: 0 B".into());
        } else {
            let f = Figure::mb(5.0, 100.0, 800.0);
            it.add(f, format!("Go module cache left in /go/pkg/mod: assumed {} (assumption)", range_text(f)));
            cx.leftovers.push(("/go/pkg/mod".into(), "Go module cache".into()));
        }
    }
    if cargo_registry {
        if gone("/usr/local/cargo/registry") || gone("/root/.cargo/registry") {
            it.note("cargo registry is a cache mount or removed: 0 B".into());
        } else {
            let f = Figure::mb(20.0, 150.0, 600.0);
            it.add(f, format!("cargo registry cache left in the layer: assumed {}", range_text(f)));
        }
    }
}
