#!/usr/bin/env python3
"""`make new-rule CATEGORY=packages NAME=apt-list-missing CODE=SS4016`: a new rule file
with its metadata, docs, check and test cases to fill in, registered in rules/mod.rs.

The file compiles as it is; its test cases fail until they are written (the harness
needs at least one firing and two quiet cases, and runs the docs' bad and good examples),
so a rule cannot be left half done.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "crates" / "shipshape" / "src" / "rules"
CATEGORIES = ["images", "stages", "instructions", "layers", "packages", "shell", "security", "labels", "buildkit", "build"]


def fail(message: str) -> None:
    print(f"new-rule: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    args = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
    category, name, code = args.get("CATEGORY", ""), args.get("NAME", ""), args.get("CODE", "")
    if category not in CATEGORIES:
        fail(f"CATEGORY must be one of {', '.join(CATEGORIES)} (got {category!r})")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        fail(f"NAME must be kebab-case and say what the rule checks, e.g. apt-lists-not-removed (got {name!r})")
    if not re.fullmatch(r"(SS|DL)\d{4}|[A-Z][A-Za-z]+", code):
        fail(f"CODE must look like SS4016 (ours), DL3099 (hadolint's) or a BuildKit check name (got {code!r})")
    registry = (RULES / "mod.rs").read_text()
    if f'"{code}"' in "".join(p.read_text() for p in RULES.rglob("*.rs")):
        fail(f"a rule with code {code} exists already")
    file_name = name.replace("-", "_")
    type_name = "".join(part.capitalize() for part in name.split("-"))
    path = RULES / category / f"{file_name}.rs"
    if path.exists():
        fail(f"{path.relative_to(ROOT)} exists already")
    origin = "Hadolint" if code.startswith("DL") else ("Shipshape" if code.startswith("SS") else "BuildKit")
    path.write_text(TEMPLATE.format(code=code, name=name, type_name=type_name, origin=origin))

    # Register it: the last entry of its category in the registry! list.
    block = re.search(rf"\n    {category}(?: \[[^\]]*\])? \{{\n(.*?)\n    \}}", registry, re.S)
    if not block:
        fail(f"could not find the `{category}` block of registry! in rules/mod.rs")
    entry = f"\n        {file_name} => {type_name},"
    registry = registry[: block.end(1)] + entry + registry[block.end(1) :]
    (RULES / "mod.rs").write_text(registry)
    print(f"new-rule: wrote {path.relative_to(ROOT)} and registered {type_name} in rules/mod.rs")
    print("new-rule: next, fill in the docs, the check and the test cases, then `cargo test -p shipshape`")


TEMPLATE = '''//! {code}: TODO one line saying what the rule reports.

use crate::rules::prelude::*;

declare_rule! {{
    {type_name} {{
        code: "{code}",
        name: "{name}",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: {origin},
        summary: "TODO one line: what the rule reports",
        why: "TODO why it matters, for a reader who has never seen the rule.",
        bad: "FROM debian:12\\nTODO a Dockerfile where the rule fires\\n",
        good: "FROM debian:12\\nTODO the same Dockerfile, fixed\\n",
    }}
}}

/// Per file: what the rule remembers between instructions (nothing yet).
#[derive(Default)]
pub struct {type_name};

impl Rule for {type_name} {{
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {{
        // Facts about the build come from `cx.analysis` (stages, variables in scope,
        // shells, `cx.script`, `cx.calls()`); report with `cx.report(span, message)`.
        let _ = (cx, instr);
    }}
}}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    Case::fires("FROM debian:12\\nTODO", &["TODO the exact text of the finding's span"]),
    Case::quiet("FROM debian:12\\nTODO a case that looks close but is fine"),
    Case::quiet("FROM debian:12\\nTODO another"),
];
'''

if __name__ == "__main__":
    main()
