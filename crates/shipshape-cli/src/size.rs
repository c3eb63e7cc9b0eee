//! `shipshape size FILE`: the image-size estimate before and after the size fixes.

use std::process::ExitCode;
use std::sync::OnceLock;

use shipshape::size::{self, range_text, Debian, Figure, ImageSize, SizeOptions, SizeReport};
use shipshape::Config;

use crate::input;

/// The Debian bookworm table, compiled into the binary so the CLI needs no files.
const DEBIAN: &str = include_str!("../../shipshape/data/debian-bookworm.tsv");

pub fn debian() -> &'static Debian {
    static D: OnceLock<Debian> = OnceLock::new();
    D.get_or_init(|| Debian::parse(DEBIAN))
}

/// `20MB`, `1.5GB`, `300kB`, `1048576` → bytes (decimal units; KiB/MiB/GiB binary).
pub fn parse_bytes(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().ok()?;
    let m = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1048576.0,
        "gib" => 1073741824.0,
        _ => return None,
    };
    let bytes = n * m;
    (bytes >= 0.0 && bytes <= size::MAX_ASSUMPTION_BYTES as f64).then_some(bytes as u64)
}

const USAGE: &str = "usage: shipshape size FILE [--format text|json] [--platform linux/amd64] [--target STAGE] [--context-size 20MB] [--requirements-size 60MB] [--build-arg NAME=VALUE]...";

pub fn run(args: &[String]) -> ExitCode {
    let mut opts = SizeOptions::default();
    let mut config = Config::default();
    let mut format = "text".to_string();
    let mut file: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a, None),
        };
        let mut value = || -> Option<String> {
            if inline.is_some() {
                return inline.clone();
            }
            i += 1;
            args.get(i).cloned()
        };
        match name {
            "--format" => match value() {
                Some(v) if v == "text" || v == "json" => format = v,
                _ => return usage("--format takes text or json"),
            },
            "--platform" => match value() {
                Some(v) if v.contains('/') => opts.platform = Some(v),
                _ => return usage("--platform takes an OS/ARCH such as linux/arm64"),
            },
            "--context-size" => match value().as_deref().and_then(parse_bytes) {
                Some(b) => opts.context_bytes = b,
                None => return usage("--context-size takes a size such as 20MB"),
            },
            "--target" => match value() {
                Some(v) if !v.is_empty() => opts.target = Some(v),
                _ => return usage("--target takes a stage name"),
            },
            "--requirements-size" => match value().as_deref().and_then(parse_bytes) {
                Some(b) => opts.requirements_bytes = b,
                None => return usage("--requirements-size takes a size such as 60MB"),
            },
            "--build-arg" => {
                let Some(spec) = value() else { return usage("--build-arg takes NAME=VALUE") };
                match crate::check::build_arg(&spec, |name| std::env::var(name).ok()) {
                    Ok(arg) => config.build_args.extend(arg),
                    // One line that says how to write it.
                    Err(e) => {
                        eprintln!("shipshape size: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            _ if file.is_none() => file = Some(a.to_string()),
            _ => return usage("one FILE at a time"),
        }
        i += 1;
    }
    let path = file.unwrap_or_else(|| "-".into());
    let source = match input::read(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shipshape: {e}");
            return ExitCode::from(2);
        }
    };
    let debian = size::needs_debian(&source).then(debian);
    let report = size::report(&source, &config, debian, &opts);
    if format == "json" {
        println!("{}", serde_json::to_string_pretty(&to_json(&report, &source)).expect("json"));
    } else {
        print!("{}", to_text(&report, &path));
    }
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("shipshape size: {msg}\n{USAGE}");
    ExitCode::from(2)
}

pub fn to_json(r: &SizeReport, source: &str) -> serde_json::Value {
    serde_json::to_value(shipshape::report::size(r, source)).expect("plain values")
}

fn total_line(label: &str, e: &ImageSize) -> String {
    format!(
        "{label}: {} on disk (range {}), about {} to pull\n",
        size::mb(e.disk.expected),
        range_text(e.disk),
        size::mb(e.compressed_expected)
    )
}

fn figure(f: Figure) -> String {
    format!("{:>9}  ({})", size::mb(f.expected), range_text(f))
}

pub fn to_text(r: &SizeReport, path: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("{path}\n"));
    out.push_str(&total_line("before", &r.before));
    out.push_str(&total_line("after ", &r.after));
    if r.before.disk.expected > r.after.disk.expected {
        out.push_str(&format!(
            "the size fixes save about {}\n",
            size::mb(r.before.disk.expected - r.after.disk.expected)
        ));
    }
    for s in &r.before.stages {
        out.push_str(&format!(
            "\n{}{} (line {}): {}\n",
            if s.name.starts_with("stage ") { s.name.clone() } else { format!("stage {}", s.name) },
            if s.is_final { ", the image" } else { ", not in the image" },
            s.line,
            figure(s.disk).trim_start()
        ));
        out.push_str(&format!("  FROM {:<30} {}\n", s.base_ref, figure(s.base_disk)));
        for reason in &s.base_reasons {
            out.push_str(&format!("      - {reason}\n"));
        }
        for l in &s.layers {
            out.push_str(&format!("  {:>4} {:<30} {}\n", l.line, l.instruction, figure(l.disk)));
            for reason in &l.reasons {
                out.push_str(&format!("      - {reason}\n"));
            }
        }
    }
    for a in &r.before.assumptions {
        out.push_str(&format!("\nassumption: {a}\n"));
    }
    if !r.savings.is_empty() {
        out.push_str("\nsavings (each fix on its own):\n");
        for s in &r.savings {
            out.push_str(&format!(
                "  line {:>4} {:<8} saves about {} ({})  {}\n",
                s.line,
                s.code,
                size::mb(s.saving.expected),
                range_text(s.saving),
                s.title
            ));
        }
    }
    if r.savings_left_out > 0 {
        out.push_str(&format!(
            "  ({} more size fixes: their savings are not estimated one by one for a file this large; \"after\" includes them)\n",
            r.savings_left_out
        ));
    }
    out
}
