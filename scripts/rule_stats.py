#!/usr/bin/env python3
"""`make rule-stats`: how often each rule fires over ../shared/corpus/real.

Prints, per rule: findings, files it fires on, and the share of files. Rules that fire on
more than 20 % of files are marked; docs/rule-stats.md records whether their findings are
real. `--sample CODE` prints a few findings of one rule with their source line.
"""

import argparse
import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    env = os.environ.get("SHIPSHAPE_CORPUS")
    return Path(env) / "real" if env else ROOT.parent / "shared" / "corpus" / "real"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", help="print a random sample of one rule's findings")
    ap.add_argument("-n", type=int, default=12)
    args = ap.parse_args()
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"rule-stats: SKIPPED: the corpus ({corpus}) is not here")
        return 0
    files = sorted(corpus.glob("*.Dockerfile"))
    subprocess.run(["cargo", "build", "-q", "--profile", "release-native", "-p", "shipshape-cli"], check=True, cwd=ROOT)
    exe = ROOT / "target" / "release-native" / "shipshape"
    out = subprocess.run(
        [str(exe), "check", "--format", "json", "--no-fail", "--no-color"] + [str(f) for f in files],
        capture_output=True, text=True, check=True, cwd="/",
    )
    found = json.loads(out.stdout)
    rules = json.loads(subprocess.run([str(exe), "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    by_rule = defaultdict(list)
    for d in found:
        by_rule[d["code"]].append(d)

    if args.sample:
        items = by_rule.get(args.sample, [])
        random.Random(7).shuffle(items)
        for d in items[: args.n]:
            lines = Path(d["file"]).read_text(errors="replace").splitlines()
            src = lines[d["line"] - 1] if d["line"] - 1 < len(lines) else ""
            print(f"{Path(d['file']).name}:{d['line']}:{d['column']}: {d['message']}\n    {src.strip()[:160]}")
        print(f"({len(items)} findings in all)")
        return 0

    total = len(files)
    print(f"{'rule':34} {'origin':9} {'sev':8} {'findings':>8} {'files':>6} {'share':>6}")
    rows = []
    for r in rules:
        ds = by_rule.get(r["code"], [])
        nfiles = len({d["file"] for d in ds})
        rows.append((nfiles, len(ds), r))
    for nfiles, n, r in sorted(rows, key=lambda t: (-t[0], -t[1], t[2]["code"])):
        share = nfiles / total
        mark = "  > 20 %" if share > 0.20 else ""
        print(f"{r['code']:34} {r['origin']:9} {r['severity']:8} {n:8} {nfiles:6} {share:6.1%}{mark}")
    other = {c for c in by_rule} - {r["code"] for r in rules}
    for c in sorted(other):
        ds = by_rule[c]
        print(f"{c:34} {'-':9} {'-':8} {len(ds):8} {len({d['file'] for d in ds}):6}")
    print(f"\n{len(found)} findings over {total} files; rules firing on no file: "
          f"{sum(1 for t in rows if t[0] == 0)} of {len(rules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
