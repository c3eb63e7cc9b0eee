//! Shell analysis of RUN: the grammar in `grammar/shell.pest`, read into a flat list of
//! simple commands with spans, and a command model (program, subcommand, flags,
//! arguments) that rules query like sentences: `cmd.is("apt-get")`,
//! `cmd.has_any_flag(&["y", "yes", "assume-yes"])`, `cmd.args_after("install")`.
//!
//! Positions: the parser works on the shell text of one instruction; a [`SpanMap`] turns
//! text offsets into source spans through the instruction's continuations.

mod command;
pub mod grammar;
pub(crate) mod queries;
pub(crate) mod spans;

pub use command::FlagArg;

use pest::iterators::Pair;
use pest::Parser;

use crate::syntax::{Args, Command as DfCommand, Instruction, Keyword, LogicalLine, Span};
use grammar::{Rule, ShellGrammar};

/// How a command is joined to the one before it in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joiner {
    /// The first command of a list (or of a subshell, group, substitution …).
    Start,
    /// `a && b`
    And,
    /// `a || b`
    Or,
    /// `a; b`, `a & b` or a new line.
    Seq,
    /// `a | b`
    Pipe,
}

/// A piece of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    Literal,
    /// `'…'`
    SingleQuoted,
    /// Text inside `"…"`.
    DoubleQuotedText,
    /// `\x`
    Escaped,
    /// `$x`, `${x}`, `${x:-y}` …
    Param,
    /// `$(…)`
    CommandSub,
    /// `` `…` ``
    Backtick,
    /// `$((…))`
    Arith,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    /// Text offsets in the script.
    pub start: u32,
    pub end: u32,
    /// Inside double quotes.
    pub quoted: bool,
    /// For `Param`: the variable name.
    pub name: Option<String>,
}

/// A shell word: its raw text, and its value when it has no expansion in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShWord {
    pub span: Span,
    /// Text offsets in the script.
    pub start: u32,
    pub end: u32,
    pub raw: String,
    /// The word after quote removal, when it holds no `$…` or backtick expansion.
    pub value: Option<String>,
    pub parts: Vec<Part>,
}

impl ShWord {
    /// The value if static, else the raw text (good enough to compare names and flags).
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or(&self.raw)
    }

    pub fn has_expansion(&self) -> bool {
        self.value.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub span: Span,
    pub name: String,
    pub value: Option<ShWord>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub span: Span,
    /// `>`, `>>`, `2>&1`'s `>&`, `<<`, `<<-` …
    pub op: String,
    pub fd: Option<u32>,
    pub target: Option<ShWord>,
}

/// One simple command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub span: Span,
    pub assignments: Vec<Assignment>,
    /// The program and its arguments.
    pub words: Vec<ShWord>,
    pub redirects: Vec<Redirect>,
    pub joiner: Joiner,
    /// Nesting: 0 at the top of the script, +1 inside each subshell, group, compound
    /// command or command substitution.
    pub depth: u32,
    /// Inside `$(…)` or backticks.
    pub in_substitution: bool,
}

/// A parsed script: its simple commands in source order.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub commands: Vec<Command>,
    /// Pieces the grammar could not read as shell (skipped, one token at a time).
    pub unreadable: Vec<Span>,
    /// The script was too deeply nested to analyse (nothing was parsed).
    pub too_complex: bool,
    /// `a | b` appears at the top level or anywhere (for pipefail checks).
    pub has_pipe: bool,
}

/// Maps text offsets of a script to source spans.
pub enum SpanMap<'a> {
    /// The text is a slice of the source starting at this offset (heredoc bodies).
    Direct(u32),
    /// The text starts at this offset of an instruction's logical line.
    Logical(&'a LogicalLine, u32),
}

impl SpanMap<'_> {
    pub fn span(&self, start: u32, end: u32) -> Span {
        match self {
            SpanMap::Direct(base) => Span::new(base + start, base + end),
            SpanMap::Logical(line, base) => line.source_span(base + start, base + end),
        }
    }
}

/// How many parsed scripts the cache keeps (it is emptied when full).
const CACHE_ENTRIES: usize = 256;

thread_local! {
    static CACHE: std::cell::RefCell<std::collections::HashMap<String, Script>> = Default::default();
}

/// Empties the parse cache (benchmarks measure cold parses with it).
pub fn clear_cache() {
    CACHE.with(|c| c.borrow_mut().clear());
}

/// Nesting deeper than this (parentheses, braces, compound commands) is not parsed: the
/// grammar recurses, and no real RUN comes close.
const MAX_NESTING: usize = 48;
/// Command substitutions are parsed again inside, up to this depth.
const MAX_SUBSTITUTION_DEPTH: u32 = 4;

impl Script {
    /// Parses shell text. Never fails.
    ///
    /// Parses are cached by text (per thread, a few hundred scripts): when the playground
    /// lints again after a keystroke, only the RUN that changed is parsed again; the others
    /// are copied and their spans moved to where the text now is.
    pub fn parse(text: &str, map: &SpanMap) -> Script {
        let cached = CACHE.with(|c| c.borrow().get(text).cloned());
        let mut script = match cached {
            Some(s) => s,
            None => {
                let s = Script::parse_text_offsets(text);
                CACHE.with(|c| {
                    let mut c = c.borrow_mut();
                    if c.len() >= CACHE_ENTRIES {
                        c.clear();
                    }
                    c.insert(text.to_string(), s.clone());
                });
                s
            }
        };
        script.remap(map);
        script
    }

    /// A parse whose spans are offsets in `text`.
    fn parse_text_offsets(text: &str) -> Script {
        let mut script = Script::default();
        if nesting(text) > MAX_NESTING {
            script.too_complex = true;
            return script;
        }
        let map = SpanMap::Direct(0);
        let mut b = Builder { text, map: &map, out: &mut script, base: 0 };
        b.parse_text(text, 0, 0, false);
        crate::sort::by_key(&mut script.commands, |c| (c.span.start, c.depth));
        script
    }

    /// Moves every span from text offsets to the source, through `map`.
    fn remap(&mut self, map: &SpanMap) {
        let m = |s: &mut Span| *s = map.span(s.start, s.end);
        let word = |w: &mut ShWord| w.span = map.span(w.start, w.end);
        for c in &mut self.commands {
            m(&mut c.span);
            c.words.iter_mut().for_each(word);
            for a in &mut c.assignments {
                m(&mut a.span);
                a.value.iter_mut().for_each(word);
            }
            for r in &mut c.redirects {
                m(&mut r.span);
                r.target.iter_mut().for_each(word);
            }
        }
        self.unreadable.iter_mut().for_each(m);
    }

    /// The script of a RUN (or of an ONBUILD RUN): its shell-form text, or the body of a
    /// heredoc when the command is the heredoc itself (`RUN <<EOF`). None for exec form.
    pub fn of_run(instr: &Instruction, source: &str) -> Option<Script> {
        let target = match instr.keyword {
            Keyword::Onbuild => instr.trigger()?,
            _ => instr,
        };
        if target.keyword != Keyword::Run {
            return None;
        }
        let Args::Command(DfCommand::Shell { text, logical_offset, .. }) = &target.args else {
            return None;
        };
        // `RUN <<EOF [interpreter]`: the body is the script.
        if let Some(h) = instr.heredocs.first() {
            let first_word = text.text.split_whitespace().next().unwrap_or("");
            if first_word.contains("<<") && h.marker.start == text.span.start {
                let interpreter = text.text.split_whitespace().nth(1);
                if interpreter.is_some_and(|i| !matches!(i, "sh" | "bash" | "/bin/sh" | "/bin/bash")) {
                    return None; // python, node …: not shell
                }
                let body = h.body.text(source);
                if body.starts_with("#!") && !body.lines().next().is_some_and(|l| l.ends_with("sh")) {
                    return None;
                }
                return Some(Script::parse(body, &SpanMap::Direct(h.body.start)));
            }
        }
        Some(Script::parse(&text.text, &SpanMap::Logical(&instr.logical, *logical_offset)))
    }

    /// Commands whose program is `name` (compared on the program's base name).
    pub fn commands_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Command> + 's {
        self.commands.iter().filter(move |c| c.is(name))
    }

    pub fn uses(&self, name: &str) -> bool {
        self.commands_named(name).next().is_some()
    }
}

/// The deepest nesting of brackets and compound keywords, as a cheap guard.
fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'(' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let keywords = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| matches!(*w, "if" | "for" | "while" | "until" | "case"))
        .count();
    max.max(keywords / 4)
}

/// pest rule calls allowed for one parse of a shell text (process-wide in pest, so one
/// constant for every thread; it bounds the Dockerfile grammar's parses too). Every file
/// of the real corpus lints the same with a tenth of it; a text that reaches it costs
/// about 15 ms natively.
pub const PARSE_CALL_LIMIT: usize = 1_000_000;

struct Builder<'a, 'm> {
    text: &'a str,
    map: &'a SpanMap<'m>,
    out: &'a mut Script,
    /// Offset of the text being parsed within the whole script text.
    base: u32,
}

impl Builder<'_, '_> {
    fn parse_text(&mut self, text: &str, base: u32, depth: u32, in_sub: bool) {
        // The grammar backtracks: broken shell such as `x((((((((` or `{ a; { a; { a;`
        // (compound commands that never close) costs twice as much per opener. A bound on
        // pest's calls keeps it linear in practice; a text that reaches it is unreadable
        // (as a text the grammar rejects would be) and the rest of the file is still linted.
        pest::set_call_limit(std::num::NonZeroUsize::new(PARSE_CALL_LIMIT));
        let Ok(mut pairs) = ShellGrammar::parse(Rule::script, text) else {
            self.out.unreadable.push(self.map.span(base, base + text.len() as u32));
            return;
        };
        let saved = self.base;
        self.base = base;
        let script = pairs.next().expect("script rule yields one pair");
        self.items(script, depth, in_sub, Joiner::Start);
        self.base = saved;
    }

    fn off(&self, p: &Pair<Rule>) -> (u32, u32) {
        (self.base + p.as_span().start() as u32, self.base + p.as_span().end() as u32)
    }

    /// Walks a `script` or `body` pair.
    fn items(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, first: Joiner) {
        let mut joiner = first;
        for item in p.into_inner() {
            match item.as_rule() {
                Rule::item => {
                    let mut inner = item.into_inner();
                    if let Some(and_or) = inner.next() {
                        self.and_or(and_or, depth, in_sub, joiner);
                    }
                    joiner = Joiner::Seq;
                }
                Rule::stray | Rule::stray_inner => {
                    let (s, e) = self.off(&item);
                    if !item.as_str().trim().is_empty() {
                        self.out.unreadable.push(self.map.span(s, e));
                    }
                    // Substitutions inside a stray word are still worth reading.
                    for w in item.into_inner().filter(|w| w.as_rule() == Rule::word) {
                        self.word(w, depth, true);
                    }
                    joiner = Joiner::Seq;
                }
                _ => {}
            }
        }
    }

    fn and_or(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, first: Joiner) {
        let mut joiner = first;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::pipeline => self.pipeline(part, depth, in_sub, joiner),
                Rule::and_or_op => joiner = if part.as_str() == "&&" { Joiner::And } else { Joiner::Or },
                _ => {}
            }
        }
    }

    fn pipeline(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, first: Joiner) {
        let mut joiner = first;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::command => {
                    self.command(part, depth, in_sub, joiner);
                }
                Rule::pipe_op => {
                    joiner = Joiner::Pipe;
                    self.out.has_pipe = true;
                }
                _ => {}
            }
        }
    }

    fn command(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, joiner: Joiner) {
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::simple_command => self.simple(part, depth, in_sub, joiner),
                Rule::redirect => {
                    let _ = self.redirect(part, depth);
                }
                _ => self.compound(part, depth + 1, in_sub, joiner),
            }
        }
    }

    /// Subshells, groups and compound commands: read every body inside.
    fn compound(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, joiner: Joiner) {
        let mut first = joiner;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::body => {
                    self.items(part, depth, in_sub, first);
                    first = Joiner::Seq;
                }
                Rule::brace_group | Rule::subshell => self.compound(part, depth, in_sub, first),
                Rule::case_item => self.compound(part, depth, in_sub, Joiner::Seq),
                Rule::word => {
                    self.word(part, depth, true);
                }
                _ => {}
            }
        }
    }

    fn simple(&mut self, p: Pair<Rule>, depth: u32, in_sub: bool, joiner: Joiner) {
        let (s, e) = self.off(&p);
        let mut cmd = Command {
            span: self.map.span(s, e),
            assignments: Vec::new(),
            words: Vec::new(),
            redirects: Vec::new(),
            joiner,
            depth,
            in_substitution: in_sub,
        };
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::assignment => {
                    let (s, e) = self.off(&part);
                    let mut name = String::new();
                    let mut value = None;
                    for a in part.into_inner() {
                        match a.as_rule() {
                            Rule::name => name = a.as_str().to_string(),
                            Rule::word => value = Some(self.word(a, depth, true)),
                            _ => {}
                        }
                    }
                    cmd.assignments.push(Assignment { span: self.map.span(s, e), name, value });
                }
                Rule::redirect | Rule::fd_redirect => {
                    if let Some(r) = self.redirect(part, depth) {
                        cmd.redirects.push(r);
                    }
                }
                Rule::cmd_word => {
                    if let Some(w) = part.into_inner().next() {
                        let w = self.word(w, depth, true);
                        cmd.words.push(w);
                    }
                }
                Rule::word => {
                    let w = self.word(part, depth, true);
                    cmd.words.push(w);
                }
                _ => {}
            }
        }
        self.out.commands.push(cmd);
    }

    fn redirect(&mut self, p: Pair<Rule>, depth: u32) -> Option<Redirect> {
        let (s, e) = self.off(&p);
        let mut r = Redirect { span: self.map.span(s, e), op: String::new(), fd: None, target: None };
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::io_number => r.fd = part.as_str().parse().ok(),
                Rule::heredoc_op | Rule::redirect_op => r.op = part.as_str().to_string(),
                Rule::heredoc_word => {
                    if let Some(w) = part.into_inner().next() {
                        r.target = Some(self.word(w, depth, false));
                    }
                }
                Rule::word => r.target = Some(self.word(part, depth, true)),
                _ => {}
            }
        }
        Some(r)
    }

    /// Reads a word; with `recurse`, command substitutions inside are parsed as commands.
    fn word(&mut self, p: Pair<Rule>, depth: u32, recurse: bool) -> ShWord {
        let (s, e) = self.off(&p);
        let raw = p.as_str().to_string();
        let mut parts = Vec::new();
        let mut value = Some(String::new());
        let mut subs = Vec::new();
        self.parts(p, false, &mut parts, &mut value, &mut subs);
        if recurse && depth < MAX_SUBSTITUTION_DEPTH {
            for (inner_start, inner) in subs {
                let text = self.text;
                let local = &text[inner_start as usize..inner_start as usize + inner.len()];
                self.parse_text(local, inner_start, depth + 1, true);
            }
        }
        ShWord { span: self.map.span(s, e), start: s, end: e, raw, value, parts }
    }

    fn parts(
        &mut self,
        p: Pair<Rule>,
        quoted: bool,
        parts: &mut Vec<Part>,
        value: &mut Option<String>,
        subs: &mut Vec<(u32, String)>,
    ) {
        for part in p.into_inner() {
            let (s, e) = self.off(&part);
            let text = part.as_str();
            let part_of =
                |kind: PartKind, name: Option<String>| Part { kind, start: s, end: e, quoted, name };
            let add = |value: &mut Option<String>, t: &str| {
                if let Some(v) = value.as_mut() {
                    v.push_str(t);
                }
            };
            match part.as_rule() {
                Rule::literal => {
                    parts.push(part_of(PartKind::Literal, None));
                    add(value, text);
                }
                Rule::sq => {
                    parts.push(part_of(PartKind::SingleQuoted, None));
                    add(value, &text[1..text.len() - 1]);
                }
                Rule::escaped => {
                    parts.push(part_of(PartKind::Escaped, None));
                    add(value, &text[1..]);
                }
                Rule::dq => self.parts(part, true, parts, value, subs),
                Rule::dq_text => {
                    parts.push(part_of(PartKind::DoubleQuotedText, None));
                    add(value, text);
                }
                Rule::dq_escaped => {
                    parts.push(part_of(PartKind::Escaped, None));
                    // Inside double quotes a backslash escapes only $ ` " \ and a line break.
                    let c = &text[1..];
                    add(value, if matches!(c, "$" | "`" | "\"" | "\\" | "\n") { c } else { text });
                }
                Rule::lone_dollar => {
                    parts.push(part_of(PartKind::Literal, None));
                    add(value, "$");
                }
                Rule::param => {
                    let name = part.clone().into_inner().next().map(|n| match n.as_rule() {
                        Rule::param_braced => braced_name(n.as_str()),
                        _ => n.as_str().to_string(),
                    });
                    parts.push(part_of(PartKind::Param, name));
                    *value = None;
                }
                Rule::command_sub | Rule::backtick => {
                    let kind = if part.as_rule() == Rule::backtick {
                        PartKind::Backtick
                    } else {
                        PartKind::CommandSub
                    };
                    parts.push(part_of(kind, None));
                    *value = None;
                    if let Some(inner) = part.into_inner().next() {
                        subs.push((self.base + inner.as_span().start() as u32, inner.as_str().to_string()));
                    }
                }
                Rule::arith => {
                    parts.push(part_of(PartKind::Arith, None));
                    *value = None;
                }
                _ => {}
            }
        }
    }
}

/// The name in `{name…}` of a `${…}` reference.
fn braced_name(braced: &str) -> String {
    let inner = braced.trim_start_matches('{');
    let inner = inner.strip_prefix('#').filter(|r| !r.is_empty() && *r != "}").unwrap_or(inner);
    inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}
