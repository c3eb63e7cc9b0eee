//! Build variables: the platform ARGs BuildKit defines, the global ARG defaults, and
//! expansion of variable references.

use crate::syntax::lex::{Lexer, NoEnv, VarRef};
use crate::syntax::{Args, Dockerfile, Span};

/// The platform arguments BuildKit defines in the global scope, with the values they take on
/// a plain `linux/amd64` build (the variants are empty there).
pub(crate) const PLATFORM_ARGS: &[(&str, &str)] = &[
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", ""),
];

/// Whether `name` is one of BuildKit's predefined platform arguments.
pub(crate) fn is_platform_arg(name: &str) -> bool {
    PLATFORM_ARGS.iter().any(|(n, _)| *n == name)
}

/// Names that are not variables but shell parameters (`$1`, `$@`, `$?` …): BuildKit looks
/// them up like any name, but no Dockerfile means them as build variables.
pub(crate) fn is_special_name(name: &str) -> bool {
    name.chars().next().is_none_or(|c| c.is_ascii_digit() || "@*#?-$!".contains(c))
}

/// BuildKit's platform arguments for a build on `platform` (`os/arch[/variant]`); with
/// `linux/amd64` these are [`PLATFORM_ARGS`].
pub(crate) fn platform_args(platform: &str) -> Vec<(String, String)> {
    let mut parts = platform.split('/');
    let (os, arch, variant) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    PLATFORM_ARGS
        .iter()
        .map(|(name, _)| {
            let value = match name.trim_start_matches("BUILD").trim_start_matches("TARGET") {
                "PLATFORM" => platform,
                "OS" => os,
                "ARCH" => arch,
                "VARIANT" => variant,
                _ => "",
            };
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// The global scope as the FROM lines see it without any `--build-arg`: the platform
/// arguments, then each global ARG that has a default, expanded in order. `None` when a
/// default cannot be expanded (BuildKit then gives up on these checks too).
pub(crate) fn global_defaults_of(file: &Dockerfile, platform: &str) -> Option<Vec<(String, String)>> {
    let mut env = platform_args(platform);
    let lexer = Lexer::new(file.escape);
    for instr in file.global_instructions() {
        let Args::ArgDecls(decls) = &instr.args else { continue };
        for d in decls {
            if let Some(default) = &d.default {
                let value = lexer.process_word(&default.text, &env).ok()?.result;
                env.push((d.name.text.clone(), value));
            }
        }
    }
    Some(env)
}

/// The variable references BuildKit finds when it expands a heredoc body of COPY or ADD: it
/// reads the body with `\` as the escape character and without quote processing. Spans
/// point into the source.
pub(crate) fn raw_refs(body: Span, source: &str) -> Vec<(Span, VarRef)> {
    let mut lexer = Lexer::new('\\');
    lexer.skip_process_quotes = true;
    lexer.skip_unset_env = true;
    let text = body.text(source);
    let Ok(processed) = lexer.process_word(text, &NoEnv) else { return Vec::new() };
    processed
        .refs
        .into_iter()
        .map(|r| (Span::new(body.start + r.range.start as u32, body.start + r.range.end as u32), r))
        .collect()
}

/// Expands variable references in `text` with `env` (None when the text does not lex).
pub(crate) fn expand(escape: char, text: &str, env: &Vec<(String, String)>) -> Option<String> {
    Lexer::new(escape).process_word(text, env).ok().map(|p| p.result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_args_follow_the_platform() {
        let amd64 = platform_args("linux/amd64");
        let table: Vec<(String, String)> =
            PLATFORM_ARGS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(amd64, table);
        let arm = platform_args("linux/arm64/v8");
        assert!(arm.contains(&("TARGETARCH".into(), "arm64".into())));
        assert!(arm.contains(&("BUILDVARIANT".into(), "v8".into())));
        assert!(arm.contains(&("TARGETPLATFORM".into(), "linux/arm64/v8".into())));
    }
}
