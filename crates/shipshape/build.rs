//! Compacts the small size tables into one text: only the columns the estimator reads,
//! each table under a `## name` line. The engine compiles it in (feature
//! `embedded-tables`); the playground fetches the same text as `data/size-tables.tsv`
//! (a test keeps that copy equal to this output). The files in `data/` stay the one
//! source (written by `make data`); this only drops columns.

use std::path::Path;

/// The compacted table, under a `## name` line (all of them go into one file).
fn keep(name: &str, columns: &[usize]) -> String {
    let src = Path::new("data").join(name);
    println!("cargo:rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let mut out = format!("## {}\n", name.trim_end_matches(".tsv"));
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let picked: Vec<&str> = columns.iter().map(|&i| fields.get(i).copied().unwrap_or("")).collect();
        out.push_str(&picked.join("\t"));
        out.push('\n');
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let tables = [
        // image, tag, arch, kind, same_as, compressed_bytes, disk_bytes, flags, date, source
        keep("base-images.tsv", &[0, 1, 2, 3, 4, 5, 6, 8, 9, 10]),
        // family, factor, median, min, max, n
        keep("ratios.tsv", &[0, 1, 2, 3, 4, 5]),
        // package, version, wheel_bytes, installed_bytes, deps_known, depends
        keep("pypi.tsv", &[0, 1, 2, 3, 4, 5]),
        // package, version, tarball_bytes, unpacked_bytes, depends
        keep("npm.tsv", &[0, 1, 2, 3, 4]),
        // package, version, installed_bytes
        keep("alpine.tsv", &[0, 1, 2]),
    ];
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("size-tables.tsv");
    std::fs::write(&dest, tables.concat()).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
