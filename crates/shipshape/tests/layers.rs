//! The engine's layers point one way: each top-level module may use only modules of a
//! lower layer, so no module imports a module that imports it. Reads the sources and
//! checks every `crate::…` path outside test code against the table below.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use the modules of the layers before its own.
const LAYERS: &[&[&str]] = &[
    &["sort", "peg"],
    &["syntax"],
    &["yaml_lite", "shell"],
    &["diagnostic"],
    &["rule_meta"],
    &["analysis", "edits"],
    &["config"],
    &["rules"],
    &["lint"],
    &["fix_all"],
    &["size"],
    &["report", "lessons", "diff"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text of a file without its test code: test-only files, and everything from a
/// `#[cfg(test)] mod tests` to the end (where the tests live).
fn code(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if matches!(name, "tests.rs" | "testing.rs") || path.components().any(|c| c.as_os_str() == "tests") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).expect("readable source");
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The top-level modules a text refers to through `crate::` (and `crate::{…}` groups).
fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        if before_ok {
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String =
                        item.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    out.push(name);
                }
            } else {
                out.push(after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
            }
        }
        rest = after;
    }
    out
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut edges = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let module = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
        let module = module.trim_end_matches(".rs");
        if module == "lib" {
            continue; // the crate root declares and re-exports every module
        }
        let Some(own) = layer(module) else {
            panic!("module `{module}` ({}) has no layer: add it to LAYERS", rel.display());
        };
        for used in uses(&code(file)) {
            // Names that are not top-level modules (crate-root re-exports, macros) are
            // looked up like modules only when they are one.
            let Some(theirs) = layer(&used) else { continue };
            if used == module {
                continue;
            }
            edges += 1;
            if theirs >= own {
                wrong.entry(format!("{} ({module})", rel.display())).or_default().push(used);
            }
        }
    }
    assert!(edges > 50, "only {edges} uses found: is the scan broken?");
    assert!(wrong.is_empty(), "modules that use a module of the same or a higher layer: {wrong:#?}");
}

#[test]
fn the_scan_sees_groups_and_paths() {
    assert_eq!(
        uses("use crate::{lint, Config};\nlet x = crate::fix_all::fix_all(a);"),
        ["lint", "Config", "fix_all"]
    );
    assert_eq!(uses("$crate::rules::RuleMeta"), ["rules"]);
    assert!(uses("mycrate::x").is_empty());
}
