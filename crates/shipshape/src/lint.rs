//! The linter: the file's analysis (stages, variables, shells, scripts, package calls) made
//! once, then one pass over the instructions, every rule called on every instruction (and
//! on ONBUILD triggers for the rules that ask), decisions that need the whole file made at
//! the end, then suppression (pragmas, `# check=skip=`, configuration) and severity
//! overrides.

use crate::analysis::Analysis;
use crate::config::Config;
use crate::rules::{self, Cx, Diagnostic, Rule, RuleMeta, Severity, StageState};
use crate::syntax::{self, Args, DirectiveKind, Dockerfile, Keyword, Parse, Span};

/// Code of the diagnostics made from syntax errors (hadolint's code for "cannot parse").
pub const SYNTAX_CODE: &str = "DL1000";
/// Code of the diagnostic for an unknown rule code in a pragma.
pub const UNKNOWN_CODE: &str = "SS1001";

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Run only the rule with this code (tests).
    pub only: Option<&'static str>,
}

/// The parse and the findings of one file.
#[derive(Clone, Debug)]
pub struct LintResult {
    pub parse: Parse,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings pragmas and configuration removed.
    pub suppressed: usize,
}

pub fn lint(source: &str, config: &Config) -> LintResult {
    lint_with(source, config, &Options::default())
}

pub fn lint_with(source: &str, config: &Config, opts: &Options) -> LintResult {
    let parse = syntax::parse(source);
    let mut out: Vec<Diagnostic> = Vec::new();
    if opts.only.is_none() {
        for e in &parse.errors {
            out.push(Diagnostic {
                code: SYNTAX_CODE,
                name: e.code.as_str(),
                severity: Severity::Error,
                message: e.message.clone(),
                span: e.span,
                labels: Vec::new(),
                help: None,
                fix: None,
            });
        }
    }
    let check = CheckDirective::read(&parse.file);
    let mut rules: Vec<(&'static RuleMeta, Box<dyn Rule>)> = rules::new_rules()
        .into_iter()
        .filter(|(m, _)| match opts.only {
            Some(code) => m.code == code,
            None => {
                let on = m.severity.is_some() || config.override_for(m).is_some() || check.turns_on(m);
                on && !config.is_ignored(m)
            }
        })
        .collect();
    let analysis = Analysis::new(source, &parse.file, &config.build_args);
    run(source, &parse.file, &analysis, config, &mut rules, &mut out);

    let before = out.len();
    let pragmas = Pragmas::read(source, &parse.file);
    let mut unknown = pragmas.unknown_codes();
    suppress(&parse.file, config, &pragmas, &check, &mut out);
    let suppressed = before - out.len();
    if opts.only.is_none() {
        out.append(&mut unknown);
    }
    crate::sort::by(&mut out, |a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
    LintResult { parse, diagnostics: out, suppressed }
}

fn run(
    source: &str,
    file: &Dockerfile,
    analysis: &Analysis,
    config: &Config,
    rules: &mut [(&'static RuleMeta, Box<dyn Rule>)],
    out: &mut Vec<Diagnostic>,
) {
    let global_args: Vec<String> = file
        .global_instructions()
        .iter()
        .filter_map(|i| match &i.args {
            Args::ArgDecls(decls) => Some(decls.iter().map(|d| d.name.text.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    let stage_names: Vec<(String, usize)> = file
        .stages
        .iter()
        .filter_map(|s| Some((s.name.as_ref()?.text.to_ascii_lowercase(), s.index)))
        .collect();

    for (index, instr) in file.instructions.iter().enumerate() {
        let state = StageState::at(analysis, index);
        // Stage names of the stages before this instruction (a FROM's own name comes after).
        let seen = file.stages.iter().take_while(|s| s.instructions.start < index).count();
        let names_before = stage_names.iter().take_while(|(_, i)| *i < seen).count();
        let script = analysis.script(index);
        let mut cx = Cx {
            source,
            file,
            config,
            analysis,
            index,
            onbuild: false,
            state: &state,
            global_args: &global_args,
            stage_names: &stage_names[..names_before],
            script: if instr.keyword == Keyword::Run { script } else { None },
            rule: rules::all_metas()[0],
            out,
        };
        for (meta, rule) in rules.iter_mut() {
            cx.rule = meta;
            rule.check(&mut cx, instr);
        }
        if let Some(trigger) = instr.trigger() {
            // For ONBUILD RUN, the trigger's script (checked only by the rules that ask).
            cx.onbuild = true;
            cx.script = if instr.keyword == Keyword::Onbuild { script } else { None };
            for (meta, rule) in rules.iter_mut().filter(|(m, _)| m.onbuild) {
                cx.rule = meta;
                rule.check(&mut cx, trigger);
            }
        }
    }

    let last = file.instructions.len().saturating_sub(1);
    let state = StageState::at(analysis, file.instructions.len());
    let mut cx = Cx {
        source,
        file,
        config,
        analysis,
        index: last,
        onbuild: false,
        state: &state,
        global_args: &global_args,
        stage_names: &stage_names,
        script: None,
        rule: rules::all_metas()[0],
        out,
    };
    if !file.instructions.is_empty() {
        for (meta, rule) in rules.iter_mut() {
            cx.rule = meta;
            rule.finish(&mut cx);
        }
    }
}

// ─── Pragmas and suppression ────────────────────────────────────────────────────────────

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// The next instruction.
    Next,
    /// The whole file.
    Global,
    /// The stage that the next instruction (a FROM) starts.
    Stage,
}

/// One `# hadolint ignore=…` comment.
#[derive(Clone, Debug)]
pub struct Pragma {
    pub span: Span,
    scope: Scope,
    /// The codes, each with its span.
    pub codes: Vec<(String, Span)>,
}

/// Every ignore pragma of a file.
#[derive(Clone, Debug, Default)]
pub struct Pragmas {
    pub list: Vec<Pragma>,
}

impl Pragmas {
    /// Reads `# hadolint ignore=A,B`, `# hadolint global ignore=…` and
    /// `# hadolint stage ignore=…` (a trailing `# reason` is allowed).
    pub fn read(source: &str, file: &Dockerfile) -> Pragmas {
        let mut list = Vec::new();
        for c in &file.comments {
            let raw = c.span.text(source);
            let body = &raw[1..];
            let trimmed = body.trim_start();
            let Some(rest) = trimmed.strip_prefix("hadolint") else { continue };
            let rest_start = c.span.start + 1 + (body.len() - trimmed.len()) as u32 + "hadolint".len() as u32;
            let rest_trim = rest.trim_start();
            let mut at = rest_start + (rest.len() - rest_trim.len()) as u32;
            let (scope, rest) = if let Some(r) = rest_trim.strip_prefix("global") {
                at += "global".len() as u32;
                (Scope::Global, r)
            } else if let Some(r) = rest_trim.strip_prefix("stage") {
                at += "stage".len() as u32;
                (Scope::Stage, r)
            } else {
                (Scope::Next, rest_trim)
            };
            let r2 = rest.trim_start();
            at += (rest.len() - r2.len()) as u32;
            let Some(list_text) = r2.strip_prefix("ignore=") else { continue };
            at += "ignore=".len() as u32;
            // The code list ends at white space (a trailing `# reason` may follow).
            let list_text = list_text.split([' ', '\t', '#']).next().unwrap_or("");
            let mut codes = Vec::new();
            let mut offset = at;
            for code in list_text.split(',') {
                let len = code.len() as u32;
                if !code.trim().is_empty() {
                    codes.push((code.trim().to_string(), Span::new(offset, offset + len)));
                }
                offset += len + 1;
            }
            list.push(Pragma { span: c.span, scope, codes });
        }
        Pragmas { list }
    }

    /// Diagnostics for codes no rule answers to. ShellCheck codes (`SC1234`) are accepted
    /// silently: hadolint knows them, and shipshape implements the most frequent ones.
    fn unknown_codes(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for p in &self.list {
            for (code, span) in &p.codes {
                let known =
                    rules::find_meta(code).is_some() || code == SYNTAX_CODE || is_shellcheck_code(code);
                if !known {
                    // Codes hadolint retired: the advice they gave was judged obsolete.
                    let retired = matches!(code.as_str(), "DL3005" | "DL3017" | "DL3031" | "DL3039");
                    let message = if retired {
                        format!("`{code}` is a retired hadolint rule that nothing checks any more: this ignore has no effect")
                    } else {
                        format!("`{code}` is not a rule code, so this ignore pragma has no effect")
                    };
                    out.push(Diagnostic {
                        code: UNKNOWN_CODE,
                        name: "unknown-rule-code",
                        severity: Severity::Warning,
                        message,
                        span: *span,
                        labels: Vec::new(),
                        help: Some("Rule codes look like DL3008; `shipshape rules` lists them all.".into()),
                        fix: None,
                    });
                }
            }
        }
        out
    }
}

fn is_shellcheck_code(code: &str) -> bool {
    code.len() == 6 && code.starts_with("SC") && code[2..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether a diagnostic's code is named by `code` (its own code, a rule alias or name).
fn names(d: &Diagnostic, code: &str) -> bool {
    d.code.eq_ignore_ascii_case(code) || rules::find_meta(d.code).is_some_and(|m| m.answers_to(code))
}

/// BuildKit's `# check=skip=A,B;error=true;experimental=C` directive.
#[derive(Clone, Debug, Default)]
struct CheckDirective {
    skip: Vec<String>,
    experimental: Vec<String>,
    error: bool,
}

impl CheckDirective {
    fn read(file: &Dockerfile) -> CheckDirective {
        let mut c = CheckDirective::default();
        let Some(d) = file.directive(DirectiveKind::Check) else { return c };
        for part in d.value.text.split(';') {
            let Some((k, v)) = part.split_once('=') else { continue };
            let list = || v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            match k.trim() {
                "skip" => c.skip.extend(list()),
                "experimental" => c.experimental.extend(list()),
                "error" => c.error = matches!(v.trim(), "1" | "t" | "T" | "true" | "TRUE" | "True"),
                _ => {}
            }
        }
        c
    }

    /// Experimental BuildKit checks are off unless the directive names them (or `all`).
    fn turns_on(&self, m: &RuleMeta) -> bool {
        m.origin == rules::Origin::BuildKit
            && m.severity.is_none()
            && self.experimental.iter().any(|e| e == "all" || m.answers_to(e))
    }

    /// `skip=all` skips every BuildKit check (hadolint rules that BuildKit also checks
    /// included); named rules are skipped by any of their names.
    fn skips(&self, m: &RuleMeta) -> bool {
        self.skip.iter().any(|s| (s == "all" && m.buildkit_name().is_some()) || m.answers_to(s))
    }
}

fn suppress(
    file: &Dockerfile,
    config: &Config,
    pragmas: &Pragmas,
    check: &CheckDirective,
    out: &mut Vec<Diagnostic>,
) {
    // Ranges covered by each pragma.
    let mut covered: Vec<(Span, &str)> = Vec::new();
    if !config.disable_ignore_pragma {
        for p in &pragmas.list {
            let next = file.instructions.iter().find(|i| i.span.start > p.span.start);
            let range = match p.scope {
                Scope::Global => Some(Span::new(0, u32::MAX)),
                Scope::Next => next.map(|i| i.span),
                Scope::Stage => next.filter(|i| i.keyword == Keyword::From).and_then(|from| {
                    let stage = file
                        .stages
                        .iter()
                        .find(|s| file.instructions[s.instructions.start].span == from.span)?;
                    let last = &file.instructions[stage.instructions.end - 1];
                    Some(Span::new(from.span.start, last.span.end))
                }),
            };
            if let Some(range) = range {
                for (code, _) in &p.codes {
                    covered.push((range, code));
                }
            }
        }
    }
    out.retain(|d| {
        if d.code == SYNTAX_CODE {
            return true;
        }
        let by_pragma = covered
            .iter()
            .any(|(range, code)| range.start <= d.span.start && d.span.start <= range.end && names(d, code));
        let meta = rules::find_meta(d.code);
        let by_check = meta.is_some_and(|m| check.skips(m));
        let by_config = meta.is_some_and(|m| config.is_ignored(m));
        !(by_pragma || by_check || by_config)
    });
    for d in out.iter_mut() {
        let meta = rules::find_meta(d.code);
        if let Some(sev) = meta.and_then(|m| config.override_for(m)) {
            d.severity = sev;
        } else if check.error && meta.is_some_and(|m| m.buildkit_name().is_some()) {
            // `# check=error=true`: BuildKit fails the build on its check warnings.
            d.severity = Severity::Error;
        }
    }
}

/// Metadata of the rule behind a diagnostic (None for syntax errors and pragma codes).
pub fn meta_of(d: &Diagnostic) -> Option<&'static RuleMeta> {
    rules::find_meta(d.code)
}
