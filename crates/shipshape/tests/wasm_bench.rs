//! `make bench`: how long linting a 200-line Dockerfile takes in WebAssembly (run in Node by
//! wasm-bindgen-test-runner). A benchmark, not a timed test: it prints, it never fails on
//! time. Goal (issue 3): under 2 ms per lint.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

/// A realistic 200-line, three-stage Dockerfile (written here, not taken from the corpus).
fn dockerfile_200_lines() -> String {
    let mut s = String::from(
        "# syntax=docker/dockerfile:1\nARG PYTHON=3.12\nFROM python:${PYTHON}-slim AS build\nWORKDIR /src\n",
    );
    let mut i = 0;
    while s.lines().count() < 190 {
        i += 1;
        s.push_str(&format!(
            "RUN apt-get update && apt-get install -y --no-install-recommends \\\n    gcc=4:12.2.0-3 \\\n    libpq-dev \\\n    curl \\\n && rm -rf /var/lib/apt/lists/*\nCOPY requirements-{i}.txt ./\nRUN pip install --no-cache-dir -r requirements-{i}.txt\nENV STEP_{i}=done PATH=/opt/venv/bin:$PATH\nRUN cd /src && make build-{i} | tee build-{i}.log\n"
        ));
        if i % 6 == 0 {
            s.push_str(&format!("FROM build AS stage{i}\nUSER 1000\n"));
        }
    }
    s.push_str("FROM python:3.12-slim\nCOPY --from=build /src/dist /app\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\nCMD [\"python\", \"-m\", \"app\"]\n");
    s
}

#[wasm_bindgen_test]
fn lint_a_200_line_dockerfile() {
    let src = dockerfile_200_lines();
    let lines = src.lines().count();
    let config = shipshape::Config::default();
    for _ in 0..20 {
        std::hint::black_box(shipshape::lint(&src, &config));
    }
    let now = || js_sys::Date::now();
    let (rounds, per_round) = (9, 40);
    // Cold: every RUN parsed again (a freshly pasted file). Warm: the shell-parse cache
    // holds the RUNs (re-linting after a keystroke, when one RUN at most has changed).
    let measure = |cold: bool| {
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let t = now();
                for _ in 0..per_round {
                    if cold {
                        shipshape::shell::clear_cache();
                    }
                    std::hint::black_box(shipshape::lint(&src, &config));
                }
                (now() - t) / per_round as f64
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times
    };
    let cold = measure(true);
    let warm = measure(false);
    let findings = shipshape::lint(&src, &config).diagnostics.len();
    wasm_bindgen_test::console_log!(
        "wasm: lint of a {lines}-line Dockerfile ({} bytes, {findings} findings): cold median {:.2} ms (min {:.2}); warm (re-lint after an edit) median {:.2} ms (min {:.2}); {rounds} rounds of {per_round}; goal < 2 ms",
        src.len(),
        cold[rounds / 2],
        cold[0],
        warm[rounds / 2],
        warm[0]
    );
}

#[wasm_bindgen_test]
fn fix_all_of_a_200_line_dockerfile() {
    let src = dockerfile_200_lines();
    let config = shipshape::Config::default();
    let now = || js_sys::Date::now();
    for (label, unsafe_fixes) in [("safe", false), ("with unsafe", true)] {
        let opts = shipshape::FixOptions { unsafe_fixes, ..Default::default() };
        let fa = shipshape::fix_all(&src, &config, &opts);
        let mut times: Vec<f64> = (0..9)
            .map(|_| {
                let t = now();
                for _ in 0..5 {
                    std::hint::black_box(shipshape::fix_all(&src, &config, &opts));
                }
                (now() - t) / 5.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        wasm_bindgen_test::console_log!(
            "wasm: fix-all ({label}) of the {}-line Dockerfile: {} fixes in {} rounds, median {:.2} ms (min {:.2})",
            src.lines().count(),
            fa.applied.len(),
            fa.rounds,
            times[4],
            times[0]
        );
    }
}

#[wasm_bindgen_test]
fn size_estimate_and_report_in_wasm() {
    let now = || js_sys::Date::now();
    let t = now();
    let debian = shipshape::size::Debian::parse(include_str!("../data/debian-bookworm.tsv"));
    let parse_ms = now() - t;
    let config = shipshape::Config::default();
    let opts = shipshape::size::SizeOptions::default();
    let seed = "FROM python:3.9\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n";
    let big = dockerfile_200_lines();
    for (label, src) in [("the 5-line seed example", seed), ("the 200-line Dockerfile", big.as_str())] {
        std::hint::black_box(shipshape::size::report(src, &config, Some(&debian), &opts));
        let time = |f: &dyn Fn()| {
            let mut v: Vec<f64> = (0..7)
                .map(|_| {
                    let t = now();
                    for _ in 0..20 {
                        f();
                    }
                    (now() - t) / 20.0
                })
                .collect();
            v.sort_by(f64::total_cmp);
            v[3]
        };
        let lint = time(&|| {
            std::hint::black_box(shipshape::lint(src, &config));
        });
        let size_fixes = shipshape::FixOptions {
            unsafe_fixes: true,
            categories: Some(&[shipshape::rules::Category::Size]),
            ..Default::default()
        };
        let fix = time(&|| {
            std::hint::black_box(shipshape::fix_all(src, &config, &size_fixes));
        });
        let estimate = time(&|| {
            std::hint::black_box(shipshape::size::estimate(src, Some(&debian), &opts));
        });
        let report = time(&|| {
            std::hint::black_box(shipshape::size::report(src, &config, Some(&debian), &opts));
        });
        wasm_bindgen_test::console_log!(
            "wasm: size of {label}: estimate median {estimate:.2} ms; report (estimate, fix-all, one estimate per size fix) median {report:.2} ms (its parts: lint {lint:.2} ms, fix-all of the size fixes {fix:.2} ms)"
        );
    }
    wasm_bindgen_test::console_log!(
        "wasm: parsing the Debian package table ({} packages, {} bytes): {parse_ms:.0} ms, once per page",
        debian.len(),
        include_str!("../data/debian-bookworm.tsv").len()
    );
}
