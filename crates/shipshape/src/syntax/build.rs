//! Builds a typed [`Instruction`] from the grammar's parse of one logical line.
//!
//! The grammar gives spans in the logical text (continuations removed); the logical line
//! maps them back to the source.

use pest::iterators::Pair;
use pest::Parser;

use super::ast::*;
use super::grammar::{DockerfileGrammar, Rule};
use super::span::Span;
use super::text::{go_quote, is_valid_json, json_unescape, process_flag_word};
use super::{ErrorCode, SyntaxError};

/// ONBUILD triggers nested deeper than this are not parsed further (BuildKit rejects
/// `ONBUILD ONBUILD` anyway).
const MAX_ONBUILD_DEPTH: usize = 4;

pub(crate) struct Builder {
    pub escape: char,
}

struct Ctx<'l> {
    logical: &'l LogicalLine,
    /// Offset of the parsed text inside the logical line (non-zero for ONBUILD triggers).
    base: u32,
    errors: Vec<SyntaxError>,
}

impl Ctx<'_> {
    fn span(&self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        self.logical.source_span(self.base + s.start() as u32, self.base + s.end() as u32)
    }

    fn word(&self, p: &Pair<Rule>) -> Word {
        Word { span: self.span(p), text: p.as_str().to_string() }
    }

    /// A pair's text with trailing white space dropped (BuildKit trims the arguments).
    fn trimmed_word(&self, p: &Pair<Rule>) -> Word {
        let text = p.as_str().trim_end_matches(char::is_whitespace);
        self.sub_word(p, 0, text.len())
    }

    /// A word made of part of a pair's text, `from..to` in bytes of that text.
    fn sub_word(&self, p: &Pair<Rule>, from: usize, to: usize) -> Word {
        let start = self.base + (p.as_span().start() + from) as u32;
        let end = self.base + (p.as_span().start() + to) as u32;
        Word { span: self.logical.source_span(start, end), text: p.as_str()[from..to].to_string() }
    }

    fn error(&mut self, code: ErrorCode, span: Span, message: String) {
        self.errors.push(SyntaxError { code, message, span });
    }
}

impl Builder {
    /// Parses one logical line. `span` is the instruction's extent in the source.
    pub fn instruction(&self, logical: LogicalLine, span: Span) -> (Instruction, Vec<SyntaxError>) {
        let mut ctx = Ctx { logical: &logical, base: 0, errors: Vec::new() };
        let mut instr = self.parse_at(&mut ctx, &logical.text, 0, span);
        let errors = std::mem::take(&mut ctx.errors);
        instr.logical = logical;
        (instr, errors)
    }

    fn parse_at(&self, ctx: &mut Ctx, text: &str, depth: usize, span: Span) -> Instruction {
        let rule = if self.escape == '`' { Rule::instruction_bt } else { Rule::instruction_bs };
        let mut instr = Instruction {
            span,
            keyword: Keyword::Unknown,
            keyword_word: Word { span: Span::empty(span.start), text: String::new() },
            flags: Vec::new(),
            args: Args::None,
            heredocs: Vec::new(),
            empty_continuation_lines: Vec::new(),
            logical: LogicalLine::default(),
        };
        let pair = match DockerfileGrammar::parse(rule, text) {
            Ok(mut pairs) => pairs.next().expect("instruction rule yields one pair"),
            Err(_) => {
                // The grammar accepts every line; this is a safety net, not a code path.
                let sp = ctx.logical.source_span(ctx.base, ctx.base + text.len() as u32);
                ctx.error(ErrorCode::UnknownInstruction, sp, "cannot read this instruction".into());
                return instr;
            }
        };
        let Some(body) = pair.into_inner().next() else {
            return instr;
        };
        let body_rule = body.as_rule();
        let mut parts = body.into_inner();
        let kw = parts.next().expect("every instruction starts with its keyword");
        instr.keyword_word = ctx.word(&kw);
        instr.keyword = match body_rule {
            Rule::unknown_instr => Keyword::Unknown,
            _ => Keyword::from_name(kw.as_str()),
        };
        let mut args = None;
        for p in parts {
            match p.as_rule() {
                Rule::flags => instr.flags = self.flags(ctx, p),
                _ => args = Some(p),
            }
        }
        instr.args = match (instr.keyword, args) {
            (Keyword::Onbuild, Some(trigger)) => {
                if depth >= MAX_ONBUILD_DEPTH {
                    Args::Onbuild(None)
                } else {
                    let start = trigger.as_span().start() as u32;
                    let end = start + trigger.as_str().trim_end_matches(char::is_whitespace).len() as u32;
                    let sub = ctx.logical.source_span(ctx.base + start, ctx.base + end);
                    let saved = ctx.base;
                    ctx.base += start;
                    let child = self.parse_at(ctx, trigger.as_str(), depth + 1, sub);
                    ctx.base = saved;
                    Args::Onbuild(Some(Box::new(child)))
                }
            }
            (Keyword::Onbuild, None) => Args::Onbuild(None),
            (kw, Some(p)) => self.args(ctx, kw, p),
            (Keyword::Unknown, None) => Args::Unknown(None),
            (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell, None) => {
                Args::Command(Command::Empty)
            }
            (Keyword::Copy | Keyword::Add | Keyword::Volume, None) => {
                Args::List { json: false, items: vec![] }
            }
            (Keyword::From | Keyword::Expose, None) => Args::Words(vec![]),
            (Keyword::Env | Keyword::Label, None) => Args::KeyValues { legacy: false, pairs: vec![] },
            (Keyword::Arg, None) => Args::ArgDecls(vec![]),
            (_, None) => Args::None,
        };
        instr
    }

    fn flags(&self, ctx: &mut Ctx, p: Pair<Rule>) -> Vec<Flag> {
        let mut flags = Vec::new();
        for f in p.into_inner().filter(|f| f.as_rule() == Rule::flag) {
            let span = ctx.span(&f);
            let processed = process_flag_word(f.as_str());
            let mut name = Word { span: Span::empty(span.start + 2), text: String::new() };
            let mut value = None;
            for part in f.into_inner() {
                let w = Word { span: ctx.span(&part), text: process_flag_word(part.as_str()) };
                match part.as_rule() {
                    Rule::flag_name => name = w,
                    Rule::flag_value => value = Some(w),
                    _ => {}
                }
            }
            flags.push(Flag { span, name, value, processed });
        }
        flags
    }

    fn args(&self, ctx: &mut Ctx, kw: Keyword, p: Pair<Rule>) -> Args {
        match p.as_rule() {
            Rule::word_list => Args::Words(p.into_inner().map(|w| ctx.word(&w)).collect()),
            Rule::exec_or_shell => Args::Command(self.command(ctx, kw, p)),
            Rule::json_or_list => {
                let inner = p.into_inner().next().expect("json_or_list has one child");
                match inner.as_rule() {
                    Rule::json_array => Args::List {
                        json: true,
                        items: inner.into_inner().map(|s| json_word(ctx, &s)).collect(),
                    },
                    _ => {
                        let text = inner.as_str();
                        if text.starts_with('[') && is_valid_json(text) {
                            let sp = ctx.span(&inner);
                            not_strings(ctx, sp);
                        }
                        Args::List { json: false, items: inner.into_inner().map(|w| ctx.word(&w)).collect() }
                    }
                }
            }
            Rule::key_values => self.key_values(ctx, kw, p),
            Rule::words => Args::ArgDecls(p.into_inner().map(|w| arg_decl(ctx, &w)).collect()),
            Rule::text => match kw {
                Keyword::Unknown => Args::Unknown(Some(ctx.trimmed_word(&p))),
                _ => Args::Text(ctx.trimmed_word(&p)),
            },
            Rule::health_args => {
                let mut it = p.into_inner();
                let kind = ctx.word(&it.next().expect("health_args starts with its type"));
                let command = match it.next() {
                    Some(c) => self.command(ctx, kw, c),
                    None => Command::Empty,
                };
                Args::Healthcheck { kind, command }
            }
            _ => Args::None,
        }
    }

    fn command(&self, ctx: &mut Ctx, _kw: Keyword, p: Pair<Rule>) -> Command {
        let span = ctx.span(&p);
        let inner = p.into_inner().next().expect("exec_or_shell has one child");
        match inner.as_rule() {
            Rule::json_array => {
                Command::Exec { span, args: inner.into_inner().map(|s| json_word(ctx, &s)).collect() }
            }
            _ => {
                let text = ctx.trimmed_word(&inner);
                let looks_like_json = text.text.starts_with('[');
                if looks_like_json && is_valid_json(&text.text) {
                    not_strings(ctx, text.span);
                }
                let logical_offset = ctx.base + inner.as_span().start() as u32;
                Command::Shell { text, looks_like_json, logical_offset }
            }
        }
    }

    fn key_values(&self, ctx: &mut Ctx, kw: Keyword, p: Pair<Rule>) -> Args {
        let inner = p.into_inner().next().expect("key_values has one child");
        match inner.as_rule() {
            Rule::words => {
                let mut pairs = Vec::new();
                for w in inner.into_inner() {
                    let text = w.as_str();
                    match text.find('=') {
                        Some(eq) => pairs.push(KeyValue {
                            span: ctx.span(&w),
                            key: ctx.sub_word(&w, 0, eq),
                            value: ctx.sub_word(&w, eq + 1, text.len()),
                        }),
                        None => {
                            let sp = ctx.span(&w);
                            ctx.error(
                                ErrorCode::MissingValue,
                                sp,
                                format!(
                                    "Syntax error - can't find = in {}. Must be of the form: name=value",
                                    go_quote(text)
                                ),
                            );
                        }
                    }
                }
                Args::KeyValues { legacy: false, pairs }
            }
            _ => {
                // legacy_pair
                let span = ctx.span(&inner);
                let mut it = inner.into_inner();
                let key = ctx.word(&it.next().expect("legacy_pair starts with its key"));
                match it.next() {
                    Some(v) => {
                        let value = ctx.word(&v);
                        Args::KeyValues { legacy: true, pairs: vec![KeyValue { span, key, value }] }
                    }
                    None => {
                        ctx.error(
                            ErrorCode::MissingValue,
                            key.span,
                            format!("{} must have two arguments", kw.as_str()),
                        );
                        Args::KeyValues { legacy: true, pairs: vec![] }
                    }
                }
            }
        }
    }
}

fn json_word(ctx: &Ctx, s: &Pair<Rule>) -> Word {
    let inner = s.as_str();
    let inner = &inner[1..inner.len() - 1];
    Word { span: ctx.span(s), text: json_unescape(inner) }
}

fn not_strings(ctx: &mut Ctx, span: Span) {
    ctx.error(
        ErrorCode::JsonNotStrings,
        span,
        "when using JSON array syntax, arrays must be comprised of strings only".into(),
    );
}

fn arg_decl(ctx: &Ctx, w: &Pair<Rule>) -> ArgDecl {
    let text = w.as_str();
    match text.find('=') {
        Some(eq) => ArgDecl {
            span: ctx.span(w),
            name: ctx.sub_word(w, 0, eq),
            default: Some(ctx.sub_word(w, eq + 1, text.len())),
        },
        None => ArgDecl { span: ctx.span(w), name: ctx.word(w), default: None },
    }
}

/// Parses a `--mount`-style value with the grammar's `mount_spec` rule.
pub(crate) fn flag_options(value: &Word) -> Option<Vec<FlagOption>> {
    let pairs = DockerfileGrammar::parse(Rule::mount_spec, &value.text).ok()?;
    let direct = value.span.len() as usize == value.text.len();
    let at = |s: usize, e: usize| {
        if direct {
            Span::new(value.span.start + s as u32, value.span.start + e as u32)
        } else {
            value.span
        }
    };
    let mut out = Vec::new();
    for field in pairs.flatten().filter(|p| p.as_rule() == Rule::mount_field) {
        let (fs, fe) = (field.as_span().start(), field.as_span().end());
        let mut inner = field.into_inner();
        let first = inner.next()?;
        let (text, base) = match first.as_rule() {
            Rule::mount_quoted => {
                let t = first.as_str();
                (t[1..t.len() - 1].replace("\"\"", "\""), None)
            }
            _ => (String::new(), Some(first.clone())),
        };
        let (key, val) = match base {
            Some(k) => {
                let key = Word {
                    span: at(k.as_span().start(), k.as_span().end()),
                    text: k.as_str().to_ascii_lowercase(),
                };
                let val = inner.next().map(|v| Word {
                    span: at(v.as_span().start(), v.as_span().end()),
                    text: v.as_str().to_string(),
                });
                (key, val)
            }
            None => {
                let (k, v) = match text.split_once('=') {
                    Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
                    None => (text.to_ascii_lowercase(), None),
                };
                (Word { span: at(fs, fe), text: k }, v.map(|v| Word { span: at(fs, fe), text: v }))
            }
        };
        out.push(FlagOption { span: at(fs, fe), key, value: val });
    }
    Some(out)
}
