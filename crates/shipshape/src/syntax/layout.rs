//! The layout driver: BuildKit's `parser.Parse` loop, with the grammar doing the
//! recognising.
//!
//! BuildKit reads physical lines one at a time. While it is still in the leading block it
//! tests each line for a parser directive. A comment or blank line outside an instruction
//! is skipped. An instruction starts on the next other line and goes on while lines end in
//! the escape character; comment lines and blank lines inside it are skipped. The joined
//! text is parsed as one instruction, and if it is a RUN, COPY or ADD with heredoc markers,
//! the lines after it up to each terminator are the heredoc bodies.
//!
//! Where BuildKit would stop at the first error, this driver records the error and goes
//! on, so the rest of the file is still read.

use pest::Parser;

use super::ast::*;
use super::build::Builder;
use super::grammar::{DockerfileGrammar, Rule};
use super::lex::{Lexer, NoEnv};
use super::span::Span;
use super::{ErrorCode, SyntaxError};

/// BuildKit reads lines with a `bufio.Scanner`, whose tokens are at most 64 KiB.
const MAX_LINE: usize = 64 * 1024;

/// A physical line: `start..end` without the line break; `content_end` also drops the
/// trailing `\r`s.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    content_end: usize,
    /// Offset of the next line (after the `\n`), or the end of the source.
    next: usize,
}

#[derive(Clone)]
enum Class {
    Comment(Span),
    Content { indent_end: usize, text_end: usize, continues: bool },
}

pub(crate) fn read(source: &str) -> (Dockerfile, Vec<SyntaxError>) {
    let mut reader = Reader { src: source, escape: '\\', errors: Vec::new(), file: Dockerfile::default() };
    reader.run();
    reader.file.escape = reader.escape;
    (reader.file, reader.errors)
}

struct Reader<'a> {
    src: &'a str,
    escape: char,
    errors: Vec<SyntaxError>,
    file: Dockerfile,
}

impl<'a> Reader<'a> {
    fn run(&mut self) {
        let src = self.src;
        let mut pos = 0;
        if src.starts_with('\u{FEFF}') {
            self.file.bom = Some(Span::new(0, 3));
            pos = 3;
        }
        let lines = split_lines(src, pos);
        // The leading block of parser directives, one line at a time: `# escape=` decides
        // how every later line is read.
        let mut i = 0;
        while i < lines.len() && lines[i].next - lines[i].start <= MAX_LINE {
            let line = lines[i];
            if !self.directive(line, &src[line.start..line.content_end]) {
                break;
            }
            i += 1;
        }
        // Then every other line is classified in one pass of the grammar.
        let first = i;
        let classes = self.classify_all(&lines, first);
        let class = |k: usize| classes[k - first].clone();
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.next - line.start > MAX_LINE {
                self.error(
                    ErrorCode::LineTooLong,
                    Span::new(line.start as u32, line.content_end as u32),
                    format!("dockerfile line greater than max allowed size of {}", MAX_LINE - 1),
                );
                continue;
            }
            let (indent_end, text_end, continues) = match class(i - 1) {
                Class::Comment(span) => {
                    self.file.comments.push(Comment { span, in_continuation: false });
                    continue;
                }
                Class::Content { indent_end, text_end, continues } => (indent_end, text_end, continues),
            };
            if !continues && indent_end == text_end {
                continue; // blank line
            }

            // An instruction starts here.
            let mut logical = LogicalLine::default();
            logical.push(src, Span::new(indent_end as u32, text_end as u32));
            let mut end = line.content_end;
            let mut empty_lines = Vec::new();
            let mut continues = continues;
            while continues && i < lines.len() {
                let next = lines[i];
                if next.next - next.start > MAX_LINE {
                    break;
                }
                i += 1;
                match class(i - 1) {
                    Class::Comment(span) => {
                        self.file.comments.push(Comment { span, in_continuation: true });
                    }
                    Class::Content { indent_end, text_end, continues: more } => {
                        if !more && indent_end == text_end {
                            empty_lines.push(Span::new(next.start as u32, next.content_end as u32));
                            continue;
                        }
                        logical.push(src, Span::new(next.start as u32, text_end as u32));
                        end = next.content_end;
                        continues = more;
                    }
                }
            }

            let builder = Builder { escape: self.escape };
            let (mut instr, errors) = builder.instruction(logical, Span::new(indent_end as u32, end as u32));
            self.errors.extend(errors);
            instr.empty_continuation_lines = empty_lines;
            i = self.heredocs(&mut instr, &lines, i);
            self.file.instructions.push(instr);
        }

        if self.file.instructions.is_empty() {
            let at = Span::new(src.len() as u32, src.len() as u32);
            let message =
                if src.is_empty() { "the Dockerfile cannot be empty" } else { "file with no instructions" };
            self.error(ErrorCode::NoInstructions, at, message.to_string());
        }
        self.file.stages = stages(&self.file.instructions);
    }

    fn error(&mut self, code: ErrorCode, span: Span, message: String) {
        self.errors.push(SyntaxError { code, message, span });
    }

    /// Tests a line of the leading block for a parser directive. Returns true when the line
    /// is one (even a refused one), false when the directive block is over.
    fn directive(&mut self, line: Line, text: &str) -> bool {
        let Ok(mut pairs) = DockerfileGrammar::parse(Rule::directive, text) else {
            return false;
        };
        let pair = pairs.next().expect("directive rule yields one pair");
        let base = line.start as u32;
        let mut name = None;
        let mut value = None;
        for p in pair.into_inner() {
            let span = Span::new(base + p.as_span().start() as u32, base + p.as_span().end() as u32);
            match p.as_rule() {
                Rule::directive_name => name = Some(Word { span, text: p.as_str().to_string() }),
                Rule::directive_value => value = Some(Word { span, text: p.as_str().to_string() }),
                _ => {}
            }
        }
        let (Some(name), Some(value)) = (name, value) else {
            return false;
        };
        let kind = match name.text.to_ascii_lowercase().as_str() {
            "syntax" => DirectiveKind::Syntax,
            "escape" => DirectiveKind::Escape,
            "check" => DirectiveKind::Check,
            _ => return false,
        };
        // The directive's span starts at its `#` (the rule allows leading white space).
        let hash = text.find('#').map_or(0, |h| h as u32);
        let span = Span::new(base + hash, value.span.end);
        if self.file.directive(kind).is_some() {
            self.error(
                ErrorCode::InvalidDirective,
                span,
                format!("only one {} parser directive can be used", kind.name()),
            );
            return true;
        }
        if kind == DirectiveKind::Escape {
            match value.text.as_str() {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                other => {
                    let message = format!("invalid escape token '{other}' does not match ` or \\");
                    self.error(ErrorCode::InvalidDirective, value.span, message);
                }
            }
        }
        self.file.directives.push(Directive { span, kind, name, value });
        true
    }

    /// Classifies `lines[from..]` with one call of the grammar's `lines_bs`/`lines_bt`.
    fn classify_all(&self, lines: &[Line], from: usize) -> Vec<Class> {
        let Some(first) = lines.get(from) else { return Vec::new() };
        let base = first.start;
        let rule = if self.escape == '`' { Rule::lines_bt } else { Rule::lines_bs };
        let mut out = Vec::with_capacity(lines.len() - from);
        let parsed = DockerfileGrammar::parse(rule, &self.src[base..]);
        if let Ok(pairs) = parsed {
            for (line, pair) in lines[from..].iter().zip(pairs.filter(|p| p.as_rule() == Rule::layout_line)) {
                let mut indent_end = line.start;
                let mut text_end = line.start;
                let mut continues = false;
                let mut comment = None;
                for p in pair.into_inner() {
                    let (s, e) = (base + p.as_span().start(), base + p.as_span().end());
                    match p.as_rule() {
                        Rule::indent => indent_end = e.min(line.content_end),
                        Rule::comment => comment = Some(Span::new(s as u32, e.min(line.content_end) as u32)),
                        Rule::line_text => text_end = e.min(line.content_end),
                        Rule::continuation => continues = true,
                        _ => {}
                    }
                }
                text_end = text_end.max(indent_end);
                out.push(match comment {
                    Some(span) => Class::Comment(span),
                    None => Class::Content { indent_end, text_end, continues },
                });
            }
        }
        // The grammar accepts any text; should it ever not, read every line as plain text.
        while out.len() < lines.len() - from {
            let line = lines[from + out.len()];
            out.push(Class::Content { indent_end: line.start, text_end: line.content_end, continues: false });
        }
        out
    }

    /// Finds the heredoc markers of a RUN/COPY/ADD line and reads their bodies from the
    /// lines after it. Returns the index of the next line to read.
    fn heredocs(&mut self, instr: &mut Instruction, lines: &[Line], mut i: usize) -> usize {
        let target = match instr.keyword {
            Keyword::Onbuild => match instr.trigger() {
                Some(t) => t,
                None => return i,
            },
            _ => &*instr,
        };
        let allowed = matches!(target.keyword, Keyword::Run | Keyword::Copy | Keyword::Add);
        let json = match &target.args {
            Args::Command(c) => c.is_exec(),
            Args::List { json, .. } => *json,
            _ => false,
        };
        if !allowed || json || !instr.logical.text.contains("<<") {
            return i;
        }
        let markers = match heredoc_markers(&instr.logical.text) {
            Ok(m) => m,
            Err(message) => {
                self.error(ErrorCode::InvalidHeredoc, instr.line_span(), message);
                return i;
            }
        };
        let src = self.src;
        for m in markers {
            let marker = instr.logical.source_span(m.range.0, m.range.1);
            let body_start = lines.get(i).map_or(src.len(), |l| l.start);
            let mut found = None;
            for (k, line) in lines.iter().enumerate().skip(i) {
                let mut candidate = &src[line.start..line.content_end];
                if m.chomp {
                    candidate = candidate.trim_start_matches('\t');
                }
                if candidate == m.name {
                    found = Some(k);
                    break;
                }
            }
            match found {
                Some(k) => {
                    let term = lines[k];
                    instr.heredocs.push(Heredoc {
                        marker,
                        name: m.name,
                        chomp: m.chomp,
                        expand: m.expand,
                        fd: m.fd,
                        body: Span::new(body_start as u32, term.start as u32),
                        terminator: Span::new(term.start as u32, term.content_end as u32),
                    });
                    instr.span.end = term.content_end as u32;
                    i = k + 1;
                }
                None => {
                    // Recover: take the body up to the next line that starts with an
                    // instruction keyword, so the instructions after it are still read.
                    let stop = (i..lines.len())
                        .find(|&k| starts_with_keyword(&src[lines[k].start..lines[k].content_end]))
                        .unwrap_or(lines.len());
                    let body_end = lines.get(stop).map_or(src.len(), |l| l.start);
                    if stop > i {
                        instr.span.end = lines[stop - 1].content_end as u32;
                    }
                    instr.heredocs.push(Heredoc {
                        marker,
                        name: m.name.clone(),
                        chomp: m.chomp,
                        expand: m.expand,
                        fd: m.fd,
                        body: Span::new(body_start as u32, body_end as u32),
                        terminator: Span::empty(body_end as u32),
                    });
                    self.error(
                        ErrorCode::UnterminatedHeredoc,
                        marker,
                        format!("unterminated heredoc: no line `{}` ends it", m.name),
                    );
                    return stop;
                }
            }
        }
        i
    }
}

/// Whether a line begins with an upper-case instruction keyword (used only to recover from
/// an unterminated heredoc).
fn starts_with_keyword(line: &str) -> bool {
    let word = line.split([' ', '\t']).next().unwrap_or("");
    word.len() > 1
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && Keyword::from_name(word) != Keyword::Unknown
}

fn split_lines(src: &str, from: usize) -> Vec<Line> {
    let mut lines = Vec::with_capacity(src.len() / 40 + 1);
    let bytes = src.as_bytes();
    let mut start = from;
    while start < bytes.len() {
        let end = memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k);
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\r' | b'\n') {
            content_end -= 1;
        }
        let next = if end < bytes.len() { end + 1 } else { end };
        lines.push(Line { start, content_end, next });
        start = next;
    }
    lines
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

pub(crate) struct Marker {
    range: (u32, u32),
    name: String,
    chomp: bool,
    expand: bool,
    fd: Option<u32>,
}

/// BuildKit's `heredocsFromLine`: split the line into shell words (quotes and escapes kept,
/// unset variables left as written) and take the words that are heredoc markers.
fn heredoc_markers(line: &str) -> Result<Vec<Marker>, String> {
    let mut lx = Lexer::new('\\');
    lx.raw_quotes = true;
    lx.raw_escapes = true;
    lx.skip_unset_env = true;
    let Ok(words) = lx.process_words(line, &NoEnv) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for w in words.words {
        if let Some(m) = heredoc_marker(&w.text)? {
            out.push(Marker { range: (w.range.start as u32, w.range.end as u32), ..m });
        }
    }
    Ok(out)
}

/// BuildKit's `ParseHeredoc` on one word.
pub(crate) fn heredoc_marker(word: &str) -> Result<Option<Marker>, String> {
    let Ok(mut pairs) = DockerfileGrammar::parse(Rule::heredoc_marker, word) else {
        return Ok(None);
    };
    let mut fd = None;
    let mut chomp = false;
    let mut rest = "";
    for p in pairs.next().expect("one pair").into_inner() {
        match p.as_rule() {
            Rule::heredoc_fd if !p.as_str().is_empty() => fd = p.as_str().parse().ok(),
            Rule::heredoc_chomp => chomp = true,
            Rule::heredoc_name => rest = p.as_str(),
            _ => {}
        }
    }
    if rest.is_empty() {
        return Ok(None);
    }
    let mut lx = Lexer::new('\\');
    lx.skip_unset_env = true;
    let words = lx.process_words(rest, &NoEnv).map_err(|e| format!("failed to process {rest:?}: {e}"))?;
    if words.words.len() != 1 {
        return Ok(None);
    }
    lx.raw_quotes = true;
    let raw = lx.process_words(rest, &NoEnv).map_err(|e| format!("failed to process {rest:?}: {e}"))?;
    if raw.words.len() != 1 {
        return Err(format!("internal lexing of heredoc produced inconsistent results: {rest}"));
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let name = words.words[0].text.clone();
    let expand = quotes(&name) == quotes(&raw.words[0].text);
    Ok(Some(Marker { range: (0, 0), name, chomp, expand, fd }))
}

/// Groups instructions into stages: one per FROM.
fn stages(instructions: &[Instruction]) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    for (i, instr) in instructions.iter().enumerate() {
        if instr.keyword == Keyword::From {
            if let Some(last) = stages.last_mut() {
                last.instructions.end = i;
            }
            let (base, name) = match &instr.args {
                Args::Words(w) => {
                    let name = (w.len() == 3 && w[1].text.eq_ignore_ascii_case("as")).then(|| w[2].clone());
                    (w.first().cloned(), name)
                }
                _ => (None, None),
            };
            let platform = instr.flag("platform").and_then(|f| f.value.clone());
            stages.push(Stage { index: stages.len(), name, base, platform, instructions: i..i + 1 });
        }
    }
    if let Some(last) = stages.last_mut() {
        last.instructions.end = instructions.len();
    }
    stages
}
