//! UndefinedArgInFrom: FROM uses a variable that no global ARG declares.

use crate::analysis::vars::{is_platform_arg, is_special_name, PLATFORM_ARGS};
use crate::rules::prelude::*;
use crate::syntax::text::suggest;

declare_rule! {
    UndefinedArgInFrom {
        code: "UndefinedArgInFrom",
        name: "undefined-arg-in-from",
        severity: Warning,
        category: Correctness,
        fix: None,
        origin: BuildKit,
        summary: "FROM should only use ARGs declared before the first FROM",
        why: "A FROM line sees only the global ARGs (those before the first FROM) and the \
              platform arguments BuildKit predefines. Any other variable expands to an empty \
              string, and `--build-arg` cannot set it, so the image silently becomes another \
              one, often because of a typo such as `$BUILDPLATFROM`. BuildKit calls this check \
              UndefinedArgInFrom.",
        bad: "FROM node:22${VARIANT} AS jsbuilder\nWORKDIR /app\nRUN node --version\n",
        good: "ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder\nWORKDIR /app\nRUN node --version\n",
    }
}

#[derive(Default)]
pub struct UndefinedArgInFrom;

impl Rule for UndefinedArgInFrom {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        if instr.keyword != Keyword::From {
            return;
        }
        let Args::Words(words) = &instr.args else { return };
        let platform = instr.flag("platform").and_then(|f| f.value.as_ref());
        let escape = cx.file.escape;
        let mut refs = platform.map(|p| p.var_refs(escape)).unwrap_or_default();
        refs.extend(words.first().map(|b| b.var_refs(escape)).unwrap_or_default());
        for (span, r) in refs {
            let name = &r.name;
            if is_special_name(name) || is_platform_arg(name) || cx.global_args.iter().any(|a| a == name) {
                continue;
            }
            let options =
                cx.global_args.iter().map(String::as_str).chain(PLATFORM_ARGS.iter().map(|(n, _)| *n));
            let mut message =
                format!("`{name}` is not declared by a global ARG, so it expands to nothing here");
            if let Some(s) = suggest(name, options, true) {
                message.push_str(&format!(" (did you mean `{s}`?)"));
            }
            cx.report(span, message)
                .with_help(format!("Declare `ARG {name}` (with a default) before the first FROM."));
        }
    }
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/undefined-arg-in-from
    Case::fires("FROM node:22${VARIANT} AS jsbuilder", &["${VARIANT}"]),
    Case::quiet("ARG VARIANT=\"-alpine3.20\"\nFROM node:22${VARIANT} AS jsbuilder"),
    Case::fires("FROM --platform=$BUILDPLATFROM golang:1.22 AS build", &["$BUILDPLATFROM"]),
    Case::quiet("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine:${TARGETARCH}"),
    Case::quiet("ARG BASE\nFROM ${BASE}"),
    // ARGs inside a stage are not visible to the next FROM.
    Case::fires("FROM alpine\nARG TAG=3\nFROM alpine:${TAG}", &["${TAG}"]),
    Case::fires("ARG A=1\nFROM img:${A}-${B:-x}", &["${B:-x}"]),
    Case::quiet("FROM alpine\nRUN echo $UNDEFINED"),
    // BuildKit's own cases: a global ARG without a default is declared, modifiers too.
    Case::quiet("ARG DEBUG\nFROM scratch${DEBUG}"),
    Case::quiet("ARG DEBUG\nFROM scra${DEBUG:-tch}"),
    // Several global ARGs on one line.
    Case::quiet("ARG REGISTRY=docker.io TAG=3.20\nFROM ${REGISTRY}/library/alpine:${TAG}"),
    // A variable in a comment.
    Case::quiet("# FROM node:22${VARIANT}\nFROM node:22-alpine"),
];
