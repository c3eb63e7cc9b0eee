//! Variable references and word splitting, as BuildKit's shell lexer does them
//! (moby/buildkit `frontend/dockerfile/shell/lex.go`).
//!
//! BuildKit expands `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`,
//! `${X:?msg}`, `${X?msg}`, `${X#pat}`, `${X##pat}`, `${X%pat}`, `${X%%pat}`,
//! `${X/pat/repl}` and `${X//pat/repl}` in the arguments of ADD, COPY, ENV, EXPOSE, FROM,
//! LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR and ONBUILD, removes quotes, and (for some
//! callers) splits the result into words. This module does the same, and also records
//! every variable reference with its byte range in the input so that rules and fixes can
//! point at it.
//!
//! The quirks of the original are kept on purpose, since the point is to agree with
//! BuildKit: for instance a `${X:-…}` in the middle of a word resets the word collected so
//! far when words are split, and a backslash that escapes nothing inside double quotes is
//! written twice when raw escapes are kept.

use std::fmt;
use std::ops::Range;

/// Variables visible to an expansion.
pub trait Env {
    fn get(&self, name: &str) -> Option<&str>;
}

impl Env for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// No variables at all.
pub struct NoEnv;

impl Env for NoEnv {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
}

/// The operator of a `${…}` reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarOp {
    /// `$X` or `${X}`.
    Plain,
    /// `${X-word}` (`colon`: `${X:-word}`, where an empty value counts as unset too).
    Default { colon: bool },
    /// `${X+word}` / `${X:+word}`.
    Alternative { colon: bool },
    /// `${X?msg}` / `${X:?msg}`.
    Required { colon: bool },
    /// `${X#pat}` / `${X##pat}`.
    RemovePrefix { longest: bool },
    /// `${X%pat}` / `${X%%pat}`.
    RemoveSuffix { longest: bool },
    /// `${X/pat/repl}` / `${X//pat/repl}`.
    Replace { all: bool },
}

/// One variable reference found in a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    /// From `$` to the end of the reference, in bytes of the input.
    pub range: Range<usize>,
    pub name: String,
    pub name_range: Range<usize>,
    /// True for `${…}`, false for `$X`.
    pub braced: bool,
    pub op: VarOp,
    /// The word after the operator (default, alternative, message or pattern), as written.
    pub word_range: Option<Range<usize>>,
    /// How many `${…}` words this reference is nested in (0 at the top).
    pub depth: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    /// Where the lexer stopped.
    pub at: usize,
}

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A word produced by splitting, with the input range it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitWord {
    pub text: String,
    pub range: Range<usize>,
}

/// The result of processing one input string.
#[derive(Clone, Debug, Default)]
pub struct Processed {
    /// The expanded string, quotes removed (unless raw quotes were asked for).
    pub result: String,
    /// The result split into words (white space outside quotes separates words).
    pub words: Vec<SplitWord>,
    /// Every variable reference, in input order.
    pub refs: Vec<VarRef>,
    /// Names that had a value.
    pub matched: Vec<String>,
    /// Names that had none.
    pub unmatched: Vec<String>,
}

/// Options of BuildKit's `shell.Lex`.
#[derive(Clone, Copy, Debug)]
pub struct Lexer {
    pub escape: char,
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Do not treat quotes specially at all.
    pub skip_process_quotes: bool,
    /// Leave references to unset variables as written.
    pub skip_unset_env: bool,
}

/// Nesting deeper than this in `${…}` words is an error (BuildKit has no limit; nothing
/// real comes close, and the limit keeps the stack bounded).
const MAX_DEPTH: u32 = 64;

impl Lexer {
    pub fn new(escape: char) -> Self {
        Lexer {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            skip_unset_env: false,
        }
    }

    /// Expands and unquotes `input` (BuildKit's `ProcessWord`).
    pub fn process_word(&self, input: &str, env: &dyn Env) -> Result<Processed, LexError> {
        self.run(input, env)
    }

    /// Expands, unquotes and splits `input` into words (BuildKit's `ProcessWords`).
    pub fn process_words(&self, input: &str, env: &dyn Env) -> Result<Processed, LexError> {
        self.run(input, env)
    }

    fn run(&self, input: &str, env: &dyn Env) -> Result<Processed, LexError> {
        let mut sw = ShellWord {
            lex: *self,
            src: input,
            pos: 0,
            env,
            raw_escapes: self.raw_escapes,
            words_buf: String::new(),
            words_buf_start: None,
            out: Processed::default(),
            depth: 0,
        };
        let (result, words) = sw.process_stop_on(None, self.raw_escapes)?;
        sw.out.result = result;
        sw.out.words = words;
        Ok(sw.out)
    }
}

struct ShellWord<'a> {
    lex: Lexer,
    src: &'a str,
    pos: usize,
    env: &'a dyn Env,
    raw_escapes: bool,
    /// Shared by nested calls, as in BuildKit.
    words_buf: String,
    words_buf_start: Option<usize>,
    out: Processed,
    depth: u32,
}

struct Words {
    words: Vec<SplitWord>,
    in_word: bool,
}

impl<'a> ShellWord<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, LexError> {
        Err(LexError { message: message.into(), at: self.pos })
    }

    // --- the shared word buffer (BuildKit's wordsStruct) ---

    fn add_raw_char(&mut self, w: &mut Words, ch: char, from: usize) {
        if self.words_buf.is_empty() {
            self.words_buf_start = Some(from);
        }
        self.words_buf.push(ch);
        w.in_word = true;
    }

    fn add_char(&mut self, w: &mut Words, ch: char, from: usize) {
        if ch.is_whitespace() {
            if w.in_word && !self.words_buf.is_empty() {
                self.flush(w, from);
                w.in_word = false;
            }
        } else {
            self.add_raw_char(w, ch, from);
        }
    }

    fn add_string(&mut self, w: &mut Words, s: &str, from: usize) {
        for ch in s.chars() {
            self.add_char(w, ch, from);
        }
    }

    fn add_raw_string(&mut self, w: &mut Words, s: &str, from: usize) {
        if self.words_buf.is_empty() {
            self.words_buf_start = Some(from);
        }
        self.words_buf.push_str(s);
        w.in_word = true;
    }

    fn flush(&mut self, w: &mut Words, end: usize) {
        let start = self.words_buf_start.take().unwrap_or(end);
        w.words.push(SplitWord { text: std::mem::take(&mut self.words_buf), range: start..end.max(start) });
    }

    fn get_words(&mut self, mut w: Words) -> Vec<SplitWord> {
        if !self.words_buf.is_empty() {
            let end = self.pos;
            self.flush(&mut w, end);
            w.in_word = false;
        }
        w.words
    }

    /// Processes until `stop` (or the end), returning the expansion and the words.
    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<SplitWord>), LexError> {
        let mut result = String::new();
        self.words_buf.clear();
        self.words_buf_start = None;
        let mut words = Words { words: Vec::new(), in_word: false };
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let outcome = self.stop_on_loop(stop, &mut result, &mut words);
        self.raw_escapes = saved;
        let stopped = outcome?;
        if let Some(stop) = stop {
            if !stopped {
                return self.err(format!("unexpected end of statement while looking for matching {stop}"));
            }
        }
        let words = self.get_words(words);
        Ok((result, words))
    }

    fn stop_on_loop(
        &mut self,
        stop: Option<char>,
        result: &mut String,
        words: &mut Words,
    ) -> Result<bool, LexError> {
        while let Some(ch) = self.peek() {
            let start = self.pos;
            if Some(ch) == stop {
                self.next();
                return Ok(true);
            }
            if ch == '$' {
                let tmp = self.process_dollar()?;
                result.push_str(&tmp);
                self.add_string(words, &tmp, start);
                continue;
            }
            if !self.lex.skip_process_quotes && (ch == '\'' || ch == '"') {
                let tmp =
                    if ch == '\'' { self.process_single_quote()? } else { self.process_double_quote()? };
                result.push_str(&tmp);
                self.add_raw_string(words, &tmp, start);
                continue;
            }
            let mut ch = self.next().unwrap_or(ch);
            if ch == self.lex.escape {
                if self.raw_escapes {
                    self.add_raw_char(words, ch, start);
                    result.push(ch);
                }
                match self.next() {
                    None => break,
                    Some(c) => ch = c,
                }
                self.add_raw_char(words, ch, start);
            } else {
                self.add_char(words, ch, start);
            }
            result.push(ch);
        }
        Ok(false)
    }

    fn process_single_quote(&mut self) -> Result<String, LexError> {
        let mut result = String::new();
        let open = self.next().unwrap_or('\'');
        if self.lex.raw_quotes {
            result.push(open);
        }
        loop {
            match self.next() {
                None => {
                    return self.err("unexpected end of statement while looking for matching single-quote")
                }
                Some('\'') => {
                    if self.lex.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(ch) => result.push(ch),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, LexError> {
        let mut result = String::new();
        let open = self.next().unwrap_or('"');
        if self.lex.raw_quotes {
            result.push(open);
        }
        loop {
            match self.peek() {
                None => {
                    return self.err("unexpected end of statement while looking for matching double-quote")
                }
                Some('"') => {
                    self.next();
                    if self.lex.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let value = self.process_dollar()?;
                    result.push_str(&value);
                }
                Some(_) => {
                    let mut ch = self.next().unwrap_or('\0');
                    if ch == self.lex.escape {
                        if self.raw_escapes {
                            result.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.lex.escape => {
                                ch = self.next().unwrap_or(c);
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
    }

    fn process_dollar(&mut self) -> Result<String, LexError> {
        let dollar = self.pos;
        self.next(); // $
        if self.peek() != Some('{') {
            let name_start = self.pos;
            let name = self.process_name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            self.record(dollar, &name, name_start, false, VarOp::Plain, None);
            let value = self.get_env(&name);
            return Ok(match value {
                None if self.lex.skip_unset_env => format!("${name}"),
                v => v.unwrap_or_default(),
            });
        }
        self.next(); // {
        match self.peek() {
            None => return self.err("syntax error: missing '}'"),
            Some('{') | Some('}') | Some(':') => return self.err("syntax error: bad substitution"),
            _ => {}
        }
        let name_start = self.pos;
        let name = self.process_name();
        let name_end = self.pos;
        let ch = self.next();
        let mut chs: String = ch.map(String::from).unwrap_or_default();
        match ch {
            Some('}') => {
                self.record(dollar, &name, name_start, true, VarOp::Plain, None);
                let value = self.get_env(&name);
                Ok(match value {
                    None if self.lex.skip_unset_env => format!("${{{name}}}"),
                    v => v.unwrap_or_default(),
                })
            }
            Some(c @ (':' | '+' | '-' | '?' | '#' | '%')) => {
                let mut null_is_unset = false;
                let mut op = c;
                if c == ':' {
                    null_is_unset = true;
                    match self.next() {
                        Some(n) => {
                            op = n;
                            chs.push(n);
                        }
                        None => op = '\0',
                    }
                }
                let raw = op == '#' || op == '%';
                if null_is_unset && raw {
                    return self.err(format!("unsupported modifier ({chs}) in substitution"));
                }
                let word_start = self.pos;
                let word = self.nested(|sw| sw.process_stop_on(Some('}'), raw)).map_err(|e| {
                    if self.pos >= self.src.len() {
                        LexError { message: "syntax error: missing '}'".into(), at: e.at }
                    } else {
                        e
                    }
                })?;
                let word_end = self.pos.saturating_sub(1).max(word_start);
                let mut word = word.0;
                let var_op = match op {
                    '-' => VarOp::Default { colon: null_is_unset },
                    '+' => VarOp::Alternative { colon: null_is_unset },
                    '?' => VarOp::Required { colon: null_is_unset },
                    '#' => VarOp::RemovePrefix { longest: word.starts_with('#') },
                    '%' => VarOp::RemoveSuffix { longest: word.starts_with('%') },
                    _ => VarOp::Plain,
                };
                debug_assert!(name_end >= name_start);
                self.record(dollar, &name, name_start, true, var_op, Some(word_start..word_end));
                let value = self.get_env(&name);
                if self.lex.skip_unset_env && value.is_none() {
                    return Ok(format!("${{{name}{chs}{word}}}"));
                }
                let set = value.is_some();
                let value = value.unwrap_or_default();
                match op {
                    '-' => Ok(if !set || (null_is_unset && value.is_empty()) { word } else { value }),
                    '+' => Ok(if !set || (null_is_unset && value.is_empty()) { String::new() } else { word }),
                    '?' => {
                        if !set {
                            let msg =
                                if word.is_empty() { "is not allowed to be unset".to_string() } else { word };
                            return self.err(format!("{name}: {msg}"));
                        }
                        if null_is_unset && value.is_empty() {
                            let msg =
                                if word.is_empty() { "is not allowed to be empty".to_string() } else { word };
                            return self.err(format!("{name}: {msg}"));
                        }
                        Ok(value)
                    }
                    '%' | '#' => {
                        let mut greedy = false;
                        if word.starts_with(op) {
                            greedy = true;
                            word.remove(0);
                        }
                        let pattern = Pattern::parse(&word).map_err(|m| LexError {
                            message: format!("invalid pattern ({word}) in substitution: {m}"),
                            at: self.pos,
                        })?;
                        Ok(if op == '%' {
                            pattern.trim_suffix(&value, greedy)
                        } else {
                            pattern.trim_prefix(&value, greedy)
                        })
                    }
                    _ => self.err(format!("unsupported modifier ({chs}) in substitution")),
                }
            }
            Some('/') => {
                let replace_all = self.peek() == Some('/');
                if replace_all {
                    self.next();
                }
                let word_start = self.pos;
                let (pattern, _) = self.nested(|sw| sw.process_stop_on(Some('/'), true)).map_err(|e| {
                    if self.pos >= self.src.len() {
                        LexError { message: "syntax error: missing '/' in ${}".into(), at: e.at }
                    } else {
                        e
                    }
                })?;
                let (replacement, _) =
                    self.nested(|sw| sw.process_stop_on(Some('}'), true)).map_err(|e| {
                        if self.pos >= self.src.len() {
                            LexError { message: "syntax error: missing '}'".into(), at: e.at }
                        } else {
                            e
                        }
                    })?;
                let word_end = self.pos.saturating_sub(1).max(word_start);
                self.record(
                    dollar,
                    &name,
                    name_start,
                    true,
                    VarOp::Replace { all: replace_all },
                    Some(word_start..word_end),
                );
                let value = self.get_env(&name);
                if self.lex.skip_unset_env && value.is_none() {
                    return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
                }
                let value = value.unwrap_or_default();
                let compiled = Pattern::parse(&pattern).map_err(|m| LexError {
                    message: format!("invalid pattern ({pattern}) in substitution: {m}"),
                    at: self.pos,
                })?;
                Ok(compiled.replace(&value, &replacement, replace_all))
            }
            _ => self.err(format!("unsupported modifier ({chs}) in substitution")),
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, LexError>) -> Result<T, LexError> {
        if self.depth >= MAX_DEPTH {
            return self.err("syntax error: variable references nested too deeply");
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_ascii_digit() {
                while let Some(d) = self.peek().filter(|c| c.is_ascii_digit()) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphanumeric() && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    fn get_env(&mut self, name: &str) -> Option<String> {
        match self.env.get(name) {
            Some(v) => {
                if !self.out.matched.iter().any(|m| m == name) {
                    self.out.matched.push(name.to_string());
                }
                Some(v.to_string())
            }
            None => {
                if !self.out.unmatched.iter().any(|m| m == name) {
                    self.out.unmatched.push(name.to_string());
                }
                None
            }
        }
    }

    fn record(
        &mut self,
        dollar: usize,
        name: &str,
        name_start: usize,
        braced: bool,
        op: VarOp,
        word_range: Option<Range<usize>>,
    ) {
        self.out.refs.push(VarRef {
            range: dollar..self.pos,
            name: name.to_string(),
            name_range: name_start..name_start + name.len(),
            braced,
            op,
            word_range,
            depth: self.depth,
        });
    }
}

/// Every variable reference in `text`, read as BuildKit reads a word of ADD, COPY, ENV …
/// (escapes and quotes respected; single quotes hide references). Stops at a syntax error
/// and returns what it found before it.
pub fn var_refs(text: &str, escape: char) -> Vec<VarRef> {
    let mut lx = Lexer::new(escape);
    lx.skip_unset_env = true;
    let mut sw = ShellWord {
        lex: lx,
        src: text,
        pos: 0,
        env: &NoEnv,
        raw_escapes: false,
        words_buf: String::new(),
        words_buf_start: None,
        out: Processed::default(),
        depth: 0,
    };
    let _ = sw.process_stop_on(None, false);
    let mut refs = sw.out.refs;
    crate::sort::by_key(&mut refs, |r| r.range.start);
    refs
}

/// A shell pattern of `${X#pat}` and friends: `*` (any string), `?` (one character) and
/// literal characters; `\*`, `\?` and `\\` are literal, `\}` and `\/` drop the backslash.
#[derive(Debug)]
struct Pattern(Vec<Tok>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Star,
    Any,
    Lit(char),
}

impl Pattern {
    fn parse(p: &str) -> Result<Pattern, String> {
        let mut toks = Vec::new();
        let mut it = p.chars().peekable();
        while let Some(c) = it.next() {
            match c {
                '*' => toks.push(Tok::Star),
                '?' => toks.push(Tok::Any),
                '\\' => match it.peek().copied() {
                    Some('}') | Some('/') => {}
                    Some(n @ ('*' | '?' | '\\')) => {
                        it.next();
                        toks.push(Tok::Lit(n));
                    }
                    Some(n) => return Err(format!("invalid escape '\\{n}'")),
                    None => return Err("invalid escape '\\'".to_string()),
                },
                c => toks.push(Tok::Lit(c)),
            }
        }
        Ok(Pattern(toks))
    }

    /// Whether the whole of `s` matches.
    fn matches(&self, s: &[char]) -> bool {
        // Classic wildcard matching with backtracking on the last star: linear-ish.
        let p = &self.0;
        let (mut i, mut j) = (0usize, 0usize);
        let mut star: Option<(usize, usize)> = None;
        while j < s.len() {
            if i < p.len() && (p[i] == Tok::Any || p[i] == Tok::Lit(s[j])) {
                i += 1;
                j += 1;
            } else if i < p.len() && p[i] == Tok::Star {
                star = Some((i, j));
                i += 1;
            } else if let Some((si, sj)) = star {
                i = si + 1;
                j = sj + 1;
                star = Some((si, sj + 1));
            } else {
                return false;
            }
        }
        while i < p.len() && p[i] == Tok::Star {
            i += 1;
        }
        i == p.len()
    }

    fn trim_prefix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let lens: Box<dyn Iterator<Item = usize>> =
            if longest { Box::new((0..=chars.len()).rev()) } else { Box::new(0..=chars.len()) };
        for k in lens {
            if self.matches(&chars[..k]) {
                return chars[k..].iter().collect();
            }
        }
        value.to_string()
    }

    fn trim_suffix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let lens: Box<dyn Iterator<Item = usize>> =
            if longest { Box::new((0..=n).rev()) } else { Box::new(0..=n) };
        for k in lens {
            if self.matches(&chars[n - k..]) {
                return chars[..n - k].iter().collect();
            }
        }
        value.to_string()
    }

    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        let mut out = String::new();
        let mut start = 0;
        let mut last_match_end: Option<usize> = None;
        while start <= chars.len() {
            let found = (start..=chars.len()).rev().find(|&end| self.matches(&chars[start..end]));
            match found {
                Some(end) if !(end == start && last_match_end == Some(start)) => {
                    out.push_str(replacement);
                    last_match_end = Some(end);
                    if !all {
                        out.extend(&chars[end..]);
                        return out;
                    }
                    if end == start {
                        if start < chars.len() {
                            out.push(chars[start]);
                        }
                        start += 1;
                    } else {
                        start = end;
                    }
                }
                _ => {
                    if start < chars.len() {
                        out.push(chars[start]);
                    }
                    start += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, env: &[(&str, &str)]) -> Result<String, LexError> {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Lexer::new('\\').process_word(s, &env).map(|p| p.result)
    }

    #[test]
    fn expands_the_usual_forms() {
        let env = [("A", "1"), ("E", "")];
        assert_eq!(word("$A-${A}-${B:-x}-${E:-y}-${E-z}-${A:+alt}", &env).unwrap(), "1-1-x-y--alt");
        assert_eq!(word("'$A' \"$A\" \\$A", &env).unwrap(), "$A 1 $A");
        assert!(word("${B:?must be set}", &env).unwrap_err().message.contains("must be set"));
    }

    #[test]
    fn pattern_forms() {
        let env = [("P", "/usr/local/bin/app.tar.gz")];
        assert_eq!(word("${P#*/}", &env).unwrap(), "usr/local/bin/app.tar.gz");
        assert_eq!(word("${P##*/}", &env).unwrap(), "app.tar.gz");
        assert_eq!(word("${P%.*}", &env).unwrap(), "/usr/local/bin/app.tar");
        assert_eq!(word("${P%%.*}", &env).unwrap(), "/usr/local/bin/app");
        assert_eq!(word("${P/local/opt}", &env).unwrap(), "/usr/opt/bin/app.tar.gz");
        assert_eq!(word("${P//a/A}", &env).unwrap(), "/usr/locAl/bin/App.tAr.gz");
    }

    #[test]
    fn records_references_with_ranges() {
        let src = "a${B:-$C}d $E";
        let p = Lexer::new('\\').process_word(src, &NoEnv).unwrap();
        let names: Vec<_> =
            p.refs.iter().map(|r| (r.name.as_str(), &src[r.range.clone()], r.depth)).collect();
        assert_eq!(names, vec![("C", "$C", 1), ("B", "${B:-$C}", 0), ("E", "$E", 0)]);
        let b = &p.refs[1];
        assert_eq!(&src[b.name_range.clone()], "B");
        assert_eq!(&src[b.word_range.clone().unwrap()], "$C");
        assert_eq!(b.op, VarOp::Default { colon: true });
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "${A:-".repeat(10_000) + &"}".repeat(10_000);
        assert!(word(&deep, &[]).is_err());
    }

    #[test]
    fn words_keep_their_input_ranges() {
        let src = "cat <<EOF >\"out file\"";
        let mut lx = Lexer::new('\\');
        lx.raw_quotes = true;
        lx.raw_escapes = true;
        lx.skip_unset_env = true;
        let p = lx.process_words(src, &NoEnv).unwrap();
        let got: Vec<_> = p.words.iter().map(|w| (w.text.as_str(), &src[w.range.clone()])).collect();
        assert_eq!(got, vec![("cat", "cat"), ("<<EOF", "<<EOF"), (">\"out file\"", ">\"out file\"")]);
    }
}
