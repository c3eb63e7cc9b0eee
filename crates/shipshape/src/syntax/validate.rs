//! What BuildKit rejects after its parser has accepted a file: its instructions layer
//! (`frontend/dockerfile/instructions/parse.go`, `bflag.go`) and the checks that
//! `dockerfile2llb` makes on every stage before building anything.
//!
//! BuildKit stops at the first error of the file. Here every instruction gets its own
//! first error, at the exact token, so a file with three mistakes shows three.

use super::ast::*;
use super::image::reference_error;
use super::layout::heredoc_marker;
use super::lex::{Lexer, NoEnv};
use super::span::Span;
use super::text::{go_quote, suggest};
use super::{ErrorCode, SyntaxError};

#[derive(Clone, Copy, PartialEq)]
enum FlagKind {
    Bool,
    Str,
    List,
}

type Err = (ErrorCode, Span, String);

pub(crate) fn check(file: &Dockerfile, errors: &mut Vec<SyntaxError>) {
    let escape = file.escape;
    // Instructions that already have a parser error get no second one (BuildKit would
    // have stopped at the first). Sorted starts make the lookup a binary search.
    let mut already: Vec<u32> = errors.iter().map(|e| e.span.start).collect();
    crate::sort::plain(&mut already);
    let mut push = |e: Err| errors.push(SyntaxError { code: e.0, span: e.1, message: e.2 });

    if let Some(d) = file.directive(DirectiveKind::Check) {
        if let Err(e) = check_directive(d) {
            push(e);
        }
    }

    let has_own_error = |instr: &Instruction| {
        let i = already.partition_point(|&s| s < instr.span.start);
        already.get(i).is_some_and(|&s| s <= instr.span.end)
    };

    let mut seen_from = false;
    let mut stage_names: Vec<String> = Vec::new();
    for instr in &file.instructions {
        if has_own_error(instr) {
            if instr.keyword == Keyword::From {
                seen_from = true;
            }
            continue;
        }
        if let Some(e) = instruction(instr) {
            push(e);
        } else if instr.keyword == Keyword::From {
            if let Some(e) = base_reference(instr, &stage_names, escape) {
                push(e);
            }
        } else if !seen_from && instr.keyword != Keyword::Arg {
            push((
                ErrorCode::NoBuildStage,
                instr.keyword_word.span,
                "no build stage in current context".into(),
            ));
        }
        if instr.keyword == Keyword::From {
            seen_from = true;
            if let Args::Words(w) = &instr.args {
                if w.len() == 3 {
                    stage_names.push(w[2].text.to_ascii_lowercase());
                }
            }
        }
    }
    if !seen_from
        && !file.instructions.is_empty()
        && file.instructions.iter().all(|i| i.keyword == Keyword::Arg)
    {
        let last = file.instructions.last().map_or(Span::empty(0), |i| i.line_span());
        push((ErrorCode::NoBuildStage, last, "dockerfile contains no stages to build".into()));
    }
}

/// The first error BuildKit's instructions layer would raise for this instruction.
fn instruction(instr: &Instruction) -> Option<Err> {
    let kw = instr.keyword;
    let name = kw.as_str();
    let whole = instr.line_span();
    let kw_span = instr.keyword_word.span;
    // "KEYWORD requires …", at the keyword.
    let requires =
        |what: &str| Some((ErrorCode::InvalidArguments, kw_span, format!("{name} requires {what}")));
    match (kw, &instr.args) {
        (Keyword::Unknown, _) => {
            let word = &instr.keyword_word.text;
            let mut message = format!("unknown instruction: {word}");
            if let Some(s) = suggest(word, Keyword::ALL.iter().map(|k| k.as_str()), false) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            Some((ErrorCode::UnknownInstruction, if word.is_empty() { whole } else { kw_span }, message))
        }
        (Keyword::From, Args::Words(w)) => {
            if w.len() == 3 && w[1].text.eq_ignore_ascii_case("as") {
                let stage = w[2].text.to_ascii_lowercase();
                if !valid_stage_name(&stage) {
                    return Some((
                        ErrorCode::InvalidStageName,
                        w[2].span,
                        format!(
                            "invalid name for build stage: {}, name can't start with a number or contain symbols",
                            go_quote(&w[2].text)
                        ),
                    ));
                }
            } else if w.len() != 1 {
                let span = args_span(w).unwrap_or(kw_span);
                return Some((
                    ErrorCode::InvalidArguments,
                    span,
                    "FROM requires either one or three arguments".into(),
                ));
            }
            flags(instr, &[("platform", FlagKind::Str)])
        }
        (Keyword::Copy | Keyword::Add, Args::List { items, .. }) => {
            if items.len() < 2 {
                let span = args_span(items).unwrap_or(kw_span);
                return Some((
                    ErrorCode::InvalidArguments,
                    span,
                    format!(
                        "{name} requires at least two arguments, but only one was provided. Destination could not be determined"
                    ),
                ));
            }
            let allowed: &[(&str, FlagKind)] = if kw == Keyword::Copy {
                &[
                    ("chown", FlagKind::Str),
                    ("from", FlagKind::Str),
                    ("chmod", FlagKind::Str),
                    ("link", FlagKind::Bool),
                    ("exclude", FlagKind::List),
                    ("parents", FlagKind::Bool),
                ]
            } else {
                &[
                    ("chown", FlagKind::Str),
                    ("chmod", FlagKind::Str),
                    ("link", FlagKind::Bool),
                    ("keep-git-dir", FlagKind::Bool),
                    ("checksum", FlagKind::Str),
                    ("unpack", FlagKind::Bool),
                    ("exclude", FlagKind::List),
                ]
            };
            if let Some(e) = flags(instr, allowed) {
                return Some(e);
            }
            let dest = items.last().expect("two or more items");
            if matches!(heredoc_marker(&dest.text), Ok(Some(_))) {
                return Some((
                    ErrorCode::InvalidHeredoc,
                    dest.span,
                    format!("{name} cannot accept a heredoc as a destination"),
                ));
            }
            None
        }
        (Keyword::Run, _) => {
            let allowed = [
                ("mount", FlagKind::List),
                ("network", FlagKind::Str),
                ("security", FlagKind::Str),
                ("device", FlagKind::List),
            ];
            if let Some(e) = flags(instr, &allowed) {
                return Some(e);
            }
            for f in &instr.flags {
                let v = f.value.as_ref().map_or("", |v| v.text.as_str());
                let vspan = f.value.as_ref().map_or(f.span, |v| v.span);
                match f.name.text.as_str() {
                    "network" if !matches!(v, "default" | "none" | "host") => {
                        return Some((
                            ErrorCode::InvalidFlag,
                            vspan,
                            format!("invalid network mode {}", go_quote(v)),
                        ));
                    }
                    "security" if !matches!(v, "insecure" | "sandbox") => {
                        return Some((
                            ErrorCode::InvalidFlag,
                            vspan,
                            format!("security {} is not valid", go_quote(v)),
                        ));
                    }
                    "mount" => {
                        if let Some(m) = mount(v) {
                            return Some((ErrorCode::InvalidFlag, vspan, m));
                        }
                    }
                    "device" => {
                        if let Some(m) = device(v) {
                            return Some((ErrorCode::InvalidFlag, vspan, m));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        (Keyword::Cmd | Keyword::Entrypoint, _) => flags(instr, &[]),
        (Keyword::Shell, Args::Command(c)) => {
            if let Some(e) = flags(instr, &[]) {
                return Some(e);
            }
            match c {
                Command::Empty | Command::Exec { args: _, .. } if command_len(c) == 0 => {
                    requires("at least one argument")
                }
                Command::Shell { text, .. } => Some((
                    ErrorCode::InvalidArguments,
                    text.span,
                    "SHELL requires the arguments to be in JSON form".into(),
                )),
                _ => None,
            }
        }
        (Keyword::Healthcheck, args) => healthcheck(instr, args),
        (Keyword::Env | Keyword::Label, Args::KeyValues { pairs, .. }) => {
            if let Some(e) = flags(instr, &[]) {
                return Some(e);
            }
            if pairs.is_empty() {
                return requires("at least one argument");
            }
            pairs
                .iter()
                .find(|p| p.key.text.is_empty())
                .map(|p| (ErrorCode::InvalidArguments, p.span, format!("{name} names can not be blank")))
        }
        (Keyword::Arg, Args::ArgDecls(decls)) => {
            // BuildKit never parses ARG's flags, so any flag is silently ignored.
            if decls.is_empty() {
                return requires("at least one argument");
            }
            decls
                .iter()
                .find(|d| d.name.text.is_empty())
                .map(|d| (ErrorCode::InvalidArguments, d.span, "ARG names can not be blank".into()))
        }
        (Keyword::Maintainer | Keyword::Workdir | Keyword::User | Keyword::Stopsignal, args) => {
            if matches!(args, Args::None) {
                return requires("exactly one argument");
            }
            if kw == Keyword::Stopsignal {
                return None; // flags are never parsed
            }
            flags(instr, &[])
        }
        (Keyword::Expose, Args::Words(w)) => {
            if w.is_empty() {
                return requires("at least one argument");
            }
            flags(instr, &[])
        }
        (Keyword::Volume, Args::List { items, .. }) => {
            if items.is_empty() {
                return requires("at least one argument");
            }
            if let Some(e) = flags(instr, &[]) {
                return Some(e);
            }
            items.iter().find(|v| v.text.trim().is_empty()).map(|v| {
                (ErrorCode::InvalidArguments, v.span, "VOLUME specified can not be an empty string".into())
            })
        }
        (Keyword::Onbuild, Args::Onbuild(trigger)) => {
            let Some(trigger) = trigger else {
                return requires("at least one argument");
            };
            if let Some(e) = flags(instr, &[]) {
                return Some(e);
            }
            let t = trigger.keyword_word.text.trim().to_ascii_uppercase();
            match t.as_str() {
                "ONBUILD" => Some((
                    ErrorCode::InvalidArguments,
                    trigger.keyword_word.span,
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into(),
                )),
                "MAINTAINER" | "FROM" => Some((
                    ErrorCode::InvalidArguments,
                    trigger.keyword_word.span,
                    format!("{t} isn't allowed as an ONBUILD trigger"),
                )),
                _ => None,
            }
        }
        _ => None,
    }
}

fn command_len(c: &Command) -> usize {
    match c {
        Command::Empty => 0,
        Command::Exec { args, .. } => args.len(),
        Command::Shell { .. } => 1,
    }
}

fn args_span(words: &[Word]) -> Option<Span> {
    Some(words.first()?.span.cover(words.last()?.span))
}

fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

/// BuildKit's `BFlags.Parse` for the flags this instruction declares.
fn flags(instr: &Instruction, allowed: &[(&str, FlagKind)]) -> Option<Err> {
    let mut used: Vec<&str> = Vec::new();
    for f in &instr.flags {
        let name = f.name.text.as_str();
        let Some(&(_, kind)) = allowed.iter().find(|(n, _)| *n == name) else {
            let mut message = format!("unknown flag: --{name}");
            if let Some(s) = suggest(name, allowed.iter().map(|(n, _)| *n), true) {
                message.push_str(&format!(" (did you mean {s}?)"));
            }
            return Some((ErrorCode::UnknownFlag, f.span, message));
        };
        if kind != FlagKind::List && used.contains(&name) {
            return Some((ErrorCode::InvalidFlag, f.span, format!("duplicate flag specified: --{name}")));
        }
        used.push(name);
        match (&f.value, kind) {
            (None, FlagKind::Bool) => {}
            (None, _) => {
                return Some((ErrorCode::InvalidFlag, f.span, format!("missing a value on flag: --{name}")))
            }
            (Some(v), FlagKind::Bool) => {
                if v.text.is_empty() {
                    return Some((
                        ErrorCode::InvalidFlag,
                        f.span,
                        format!("missing a value on flag: --{name}"),
                    ));
                }
                let lower = v.text.to_ascii_lowercase();
                if lower != "true" && lower != "false" {
                    return Some((
                        ErrorCode::InvalidFlag,
                        v.span,
                        format!("expecting boolean value for flag --{name}, not: {}", v.text),
                    ));
                }
            }
            (Some(_), _) => {}
        }
    }
    None
}

fn healthcheck(instr: &Instruction, args: &Args) -> Option<Err> {
    let Args::Healthcheck { kind, command } = args else {
        return Some((
            ErrorCode::InvalidArguments,
            instr.keyword_word.span,
            "HEALTHCHECK requires at least one argument".into(),
        ));
    };
    let typ = kind.text.to_ascii_uppercase();
    if typ == "NONE" {
        if command_len(command) != 0 {
            let span = match command {
                Command::Exec { span, .. } => *span,
                Command::Shell { text, .. } => text.span,
                Command::Empty => kind.span,
            };
            return Some((ErrorCode::InvalidArguments, span, "HEALTHCHECK NONE takes no arguments".into()));
        }
        return None;
    }
    let allowed = [
        ("interval", FlagKind::Str),
        ("timeout", FlagKind::Str),
        ("start-period", FlagKind::Str),
        ("start-interval", FlagKind::Str),
        ("retries", FlagKind::Str),
    ];
    if let Some(e) = flags(instr, &allowed) {
        return Some(e);
    }
    if typ != "CMD" {
        return Some((
            ErrorCode::InvalidArguments,
            kind.span,
            format!("Unknown type {} in HEALTHCHECK (try CMD)", go_quote(&typ)),
        ));
    }
    if command_len(command) == 0 {
        return Some((
            ErrorCode::InvalidArguments,
            kind.span,
            "Missing command after HEALTHCHECK CMD".into(),
        ));
    }
    for name in ["interval", "timeout", "start-period", "start-interval"] {
        let Some(f) = instr.flag(name) else { continue };
        let Some(v) = &f.value else { continue };
        if v.text.is_empty() {
            continue;
        }
        match parse_duration(&v.text) {
            Err(m) => return Some((ErrorCode::InvalidFlag, v.span, m)),
            Ok(ns) if ns != 0 && ns < 1_000_000 => {
                return Some((
                    ErrorCode::InvalidFlag,
                    v.span,
                    format!("Interval {} cannot be less than 1ms", go_quote(name)),
                ))
            }
            Ok(_) => {}
        }
    }
    if let Some(v) = instr.flag("retries").and_then(|f| f.value.as_ref()) {
        if !v.text.is_empty() {
            match v.text.parse::<i64>() {
                Ok(n) if n < i32::MIN as i64 || n > i32::MAX as i64 => {
                    return Some((
                        ErrorCode::InvalidFlag,
                        v.span,
                        format!("strconv.ParseInt: parsing {}: value out of range", go_quote(&v.text)),
                    ))
                }
                Ok(n) if n < 0 => {
                    return Some((
                        ErrorCode::InvalidFlag,
                        v.span,
                        format!("--retries cannot be negative ({n})"),
                    ))
                }
                Ok(_) => {}
                Err(_) => {
                    return Some((
                        ErrorCode::InvalidFlag,
                        v.span,
                        format!("strconv.ParseInt: parsing {}: invalid syntax", go_quote(&v.text)),
                    ))
                }
            }
        }
    }
    None
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub(crate) fn parse_duration(s: &str) -> Result<i128, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(s));
    let mut rest = s;
    let mut neg = false;
    if let Some(r) = rest.strip_prefix('-') {
        neg = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    // Integer arithmetic, as Go does it (and no float parsing in the browser build).
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(invalid());
        }
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {}", go_quote(s)));
        }
        let scale: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return Err(format!("time: unknown unit {} in duration {}", go_quote(unit), go_quote(s))),
        };
        let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
        // More digits than any duration needs add nothing but overflow risk.
        let digits = |d: &str| d.bytes().take(30).fold(0u128, |n, b| n * 10 + u128::from(b - b'0'));
        let frac = &frac[..frac.len().min(30)];
        let value = digits(whole)
            .checked_mul(scale)
            .and_then(|v| v.checked_add(digits(frac) * scale / 10u128.pow(frac.len() as u32)))
            .filter(|_| whole.len() <= 30)
            .ok_or_else(invalid)?;
        total = total.checked_add(value).ok_or_else(invalid)?;
    }
    if total > i64::MAX as u128 {
        return Err(invalid());
    }
    Ok(if neg { -(total as i128) } else { total as i128 })
}

/// The parse-time checks of a `RUN --mount` value: CSV syntax, and no variables in `from`.
fn mount(value: &str) -> Option<String> {
    let fields = match csv_fields(value) {
        Ok(f) => f,
        Err(e) => return Some(format!("failed to parse csv mounts: {e}")),
    };
    for field in fields {
        if let Some((k, v)) = field.split_once('=') {
            if k.eq_ignore_ascii_case("from") && v.find('$').is_some_and(|i| i + 1 < v.len()) {
                return Some("'from' doesn't support variable expansion, define alias stage instead".into());
            }
        }
    }
    None
}

/// BuildKit's `ParseDevice` for `RUN --device`.
fn device(value: &str) -> Option<String> {
    let fields = match csv_fields(value) {
        Ok(f) => f,
        Err(e) => return Some(format!("failed to parse csv devices: {e}")),
    };
    let mut name: Option<String> = None;
    for field in fields {
        match field.split_once('=') {
            None => {
                if field.eq_ignore_ascii_case("required") {
                } else if name.is_none() {
                    name = Some(field);
                } else {
                    return Some(format!("invalid field '{field}' must be a key=value pair"));
                }
            }
            Some((k, v)) => match k.to_ascii_lowercase().as_str() {
                "name" => {
                    if let Some(n) = &name {
                        return Some(format!("device name already set to {n}"));
                    }
                    name = Some(v.to_string());
                }
                "required" => {
                    if !go_bool(v) {
                        return Some(format!("invalid value for {k}: {v}"));
                    }
                }
                _ => {
                    if name.is_none() {
                        name = Some(field.clone());
                    } else {
                        return Some(format!("unexpected key '{k}' in '{field}'"));
                    }
                }
            },
        }
    }
    None
}

/// Whether Go's `strconv.ParseBool` reads `s` as a boolean.
fn go_bool(s: &str) -> bool {
    matches!(s, "1" | "t" | "T" | "TRUE" | "true" | "True" | "0" | "f" | "F" | "FALSE" | "false" | "False")
}

/// Splits one CSV record (commas; double-quoted fields with `""` for a quote).
pub(crate) fn csv_fields(s: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    loop {
        let mut field = String::new();
        if i < b.len() && b[i] == '"' {
            i += 1;
            loop {
                if i >= b.len() {
                    return Err("extraneous or missing \" in quoted-field".into());
                }
                if b[i] == '"' {
                    if i + 1 < b.len() && b[i + 1] == '"' {
                        field.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                field.push(b[i]);
                i += 1;
            }
            if i < b.len() && b[i] != ',' {
                return Err("extraneous or missing \" in quoted-field".into());
            }
        } else {
            while i < b.len() && b[i] != ',' {
                if b[i] == '"' {
                    return Err("bare \" in non-quoted-field".into());
                }
                field.push(b[i]);
                i += 1;
            }
        }
        fields.push(field);
        if i >= b.len() {
            return Ok(fields);
        }
        i += 1; // the comma
    }
}

/// `# check=skip=…;error=…;experimental=…` as BuildKit's `ParseLintOptions` reads it.
fn check_directive(d: &Directive) -> Result<(), Err> {
    let value = d.value.text.trim();
    if value.is_empty() {
        return Ok(());
    }
    for part in value.splitn(3, ';') {
        let bad = |m: String| {
            Err((ErrorCode::InvalidDirective, d.value.span, format!("failed to parse check options: {m}")))
        };
        let Some((k, v)) = part.split_once('=') else {
            return bad(format!("invalid check option {}", go_quote(part)));
        };
        match k.trim() {
            "skip" | "experimental" => {}
            "error" => {
                if !go_bool(v.trim()) {
                    return bad(format!(
                        "failed to parse check option {}: strconv.ParseBool: parsing {}: invalid syntax",
                        go_quote(part),
                        go_quote(v.trim())
                    ));
                }
            }
            other => return bad(format!("invalid check option {}", go_quote(other))),
        }
    }
    Ok(())
}

/// Docker's reference grammar for a FROM base that holds no variable and is not an earlier
/// stage (`reference.ParseNormalizedNamed`).
fn base_reference(instr: &Instruction, stage_names: &[String], escape: char) -> Option<Err> {
    let Args::Words(w) = &instr.args else {
        return None;
    };
    let base = w.first()?;
    if base.text.contains('$') {
        return None; // depends on build arguments: the ARG rules look at it
    }
    // BuildKit expands the base name first, which also removes quotes.
    let expanded = Lexer::new(escape).process_word(&base.text, &NoEnv).ok()?.result;
    let name = expanded.as_str();
    if name == "scratch" || stage_names.iter().any(|s| *s == name.to_ascii_lowercase()) {
        return None;
    }
    reference_error(name).map(|m| {
        (
            ErrorCode::InvalidReference,
            base.span,
            format!("failed to parse stage name {}: {m}", go_quote(name)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_like_go() {
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("1m30s"), Ok(90_000_000_000));
        assert_eq!(parse_duration("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("abc").unwrap_err(), "time: invalid duration \"abc\"");
        assert_eq!(parse_duration("10").unwrap_err(), "time: missing unit in duration \"10\"");
        assert_eq!(parse_duration("10x").unwrap_err(), "time: unknown unit \"x\" in duration \"10x\"");
        // Fractions in integer arithmetic, and the int64 limit Go has.
        assert_eq!(parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(parse_duration("1.000000001s"), Ok(1_000_000_001));
        assert_eq!(parse_duration("-2.25ms"), Ok(-2_250_000));
        assert_eq!(parse_duration("2562047h"), Ok(9_223_369_200_000_000_000));
        assert!(parse_duration("2562048h").is_err());
        assert!(parse_duration("99999999999999999999999999999999999999h").is_err());
    }

    #[test]
    fn csv() {
        assert_eq!(csv_fields("type=cache,target=/x").unwrap(), vec!["type=cache", "target=/x"]);
        assert_eq!(csv_fields("\"a,b\",c").unwrap(), vec!["a,b", "c"]);
        assert!(csv_fields("a\"b").is_err());
    }
}
