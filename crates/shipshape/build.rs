//! Compacts the size tables that are compiled into the engine: only the columns the
//! estimator reads, so the browser bundle carries no notes or per-layer lists. The files
//! in `data/` stay the one source (written by `make data`); this only drops columns.

use std::path::Path;

fn keep(name: &str, out_name: &str, columns: &[usize]) {
    let src = Path::new("data").join(name);
    println!("cargo:rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let mut out = String::with_capacity(text.len() / 2);
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let picked: Vec<&str> = columns.iter().map(|&i| fields.get(i).copied().unwrap_or("")).collect();
        out.push_str(&picked.join("\t"));
        out.push('\n');
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join(out_name);
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // image, tag, arch, kind, same_as, compressed_bytes, disk_bytes, flags, date, source
    keep("base-images.tsv", "base-images.tsv", &[0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);
    // family, factor, median, min, max, n
    keep("ratios.tsv", "ratios.tsv", &[0, 1, 2, 3, 4, 5]);
    // package, version, wheel_bytes, installed_bytes, deps_known, depends
    keep("pypi.tsv", "pypi.tsv", &[0, 1, 2, 3, 4, 5]);
    // package, version, tarball_bytes, unpacked_bytes, depends
    keep("npm.tsv", "npm.tsv", &[0, 1, 2, 3, 4]);
    // package, version, installed_bytes
    keep("alpine.tsv", "alpine.tsv", &[0, 1, 2]);
}
