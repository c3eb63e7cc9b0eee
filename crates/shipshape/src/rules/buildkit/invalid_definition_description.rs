//! InvalidDefinitionDescription (experimental): the comment right above a named stage or an
//! ARG does not start with its name.

use crate::rules::prelude::*;

declare_rule! {
    InvalidDefinitionDescription {
        code: "InvalidDefinitionDescription",
        name: "invalid-definition-description",
        severity: Off,
        category: Maintainability,
        fix: None,
        origin: BuildKit,
        summary: "A comment right above a stage or an ARG should read `# <name> <description>`",
        why: "`docker build --call=outline` and `--call=targets` show the comment directly \
              above `FROM … AS name` or `ARG name` as the description of that stage or \
              argument, when it starts with the name. A comment placed there for another \
              purpose is easy to mistake for a description; start it with the name, or put \
              an empty line between it and the instruction. BuildKit calls this experimental \
              check InvalidDefinitionDescription; turn it on with \
              `# check=experimental=InvalidDefinitionDescription`.",
        bad: "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20 AS base\n# a non-descriptive comment\nARG VERSION=1\nRUN echo \"$VERSION\"\n",
        good: "# check=experimental=InvalidDefinitionDescription\nFROM alpine:3.20 AS base\n# VERSION is the version to build\nARG VERSION=1\nRUN echo \"$VERSION\"\n",
    }
}

#[derive(Default)]
pub struct InvalidDefinitionDescription;

impl Rule for InvalidDefinitionDescription {
    fn check(&mut self, cx: &mut Cx, instr: &Instruction) {
        let (what, names): (&str, Vec<String>) = match (&instr.keyword, &instr.args) {
            (Keyword::From, Args::Words(words)) => match words.as_slice() {
                // BuildKit compares with the stage name in lower case.
                [_, kw, name] if kw.text.eq_ignore_ascii_case("as") => {
                    ("stage", vec![name.text.to_ascii_lowercase()])
                }
                _ => return,
            },
            (Keyword::Arg, Args::ArgDecls(decls)) if !decls.is_empty() => {
                ("ARG", decls.iter().map(|d| d.name.text.clone()).collect())
            }
            _ => return,
        };
        let Some(comment) = comment_above(cx, instr) else { return };
        let source = cx.source;
        let line = comment.text(source);
        // As BuildKit reads it: the line without its first character, trimmed (so an
        // indented comment keeps its `#`).
        let text = line[1..].trim();
        let first = text.split(' ').next().unwrap_or("");
        // A `# hadolint ignore=…` pragma is an instruction to linters, not a description
        // (BuildKit would report it; shipshape users rely on it being there).
        if text.is_empty() || first == "hadolint" || names.iter().any(|n| n == first) {
            return;
        }
        let example = if names.len() == 1 { names[0].as_str() } else { "<name>" };
        cx.report(comment, format!("This comment sits right above the {what} but does not describe it as `# {example} <description>`"))
            .with_help(format!("Start the comment with `{example}`, or separate it from the {what} with an empty line."));
    }
}

/// The comment line right above the instruction (leading white space included), if there is
/// one and it is not a parser directive.
fn comment_above(cx: &Cx, instr: &Instruction) -> Option<Span> {
    let source = cx.source;
    let start = instr.span.start as usize;
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 {
        return None;
    }
    let prev_end = line_start - 1;
    let prev_start = source[..prev_end].rfind('\n').map_or(0, |i| i + 1);
    let prev = source[prev_start..prev_end].trim_end_matches('\r');
    if !prev.trim_start().starts_with('#') {
        return None;
    }
    let span = Span::new(prev_start as u32, (prev_start + prev.len()) as u32);
    if cx
        .file
        .directives
        .iter()
        .any(|d| d.span.start >= span.start && d.span.start < span.end.max(span.start + 1))
    {
        return None;
    }
    Some(span)
}

#[cfg(test)]
pub(crate) const TESTS: &[Case] = &[
    // docs.docker.com/reference/build-checks/invalid-definition-description
    Case::fires(
        "# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1",
        &["# a non-descriptive comment", "# another non-descriptive comment"],
    ),
    Case::quiet("# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1"),
    Case::quiet("# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG VERSION=1"),
    Case::quiet("# build-cli builds the CLI binary\nFROM alpine AS build-cli\n# VERSION controls the version of the program\nARG VERSION=1"),
    // The stage name is compared in lower case, as BuildKit stores it.
    Case::fires("# BasE this is the BasE image\nFROM scratch AS base", &["# BasE this is the BasE image"]),
    Case::fires("FROM alpine\n# build number\nARG A B", &["# build number"]),
    Case::quiet("FROM alpine\n# B is the second one\nARG A B"),
    // Directives are not comments; unnamed stages and other instructions are not checked.
    Case::quiet("# syntax=docker/dockerfile:1\nARG VERSION=1\n# the base\nFROM alpine\n# install\nRUN echo hi"),
    Case::quiet("FROM alpine\n#\nARG VERSION=1"),
    Case::quiet("# hadolint ignore=DL3006\nFROM alpine AS base\n# hadolint ignore=DL3064\nARG TOKEN"),
];
