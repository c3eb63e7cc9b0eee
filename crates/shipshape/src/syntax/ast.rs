//! The typed syntax tree. Every node carries byte spans into the original source.
//!
//! Text values are what BuildKit's parser hands to the build: continuations are removed,
//! and quotes and variables are left as written (except in flags and JSON strings, which
//! BuildKit decodes while parsing). A span may cross a line continuation, so slicing the
//! source with it gives the token as written, continuation included.

use super::span::Span;

/// A Dockerfile as BuildKit reads it.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    /// A UTF-8 byte-order mark at the start of the file (BuildKit drops it).
    pub bom: Option<Span>,
    /// The escape character in force: `\` unless `# escape=` chose `` ` ``.
    pub escape: char,
    /// Parser directives of the leading block, in file order.
    pub directives: Vec<Directive>,
    /// Comment lines (directives excluded), including those inside a continued instruction.
    pub comments: Vec<Comment>,
    /// Top-level instructions, in file order.
    pub instructions: Vec<Instruction>,
    /// Build stages: one per `FROM`, each owning the instructions up to the next `FROM`.
    pub stages: Vec<Stage>,
}

impl Dockerfile {
    /// The directive of this kind, if the file has one.
    pub fn directive(&self, kind: DirectiveKind) -> Option<&Directive> {
        self.directives.iter().find(|d| d.kind == kind)
    }

    /// Instructions before the first `FROM` (the global scope: only ARGs belong there).
    pub fn global_instructions(&self) -> &[Instruction] {
        let end = self.stages.first().map_or(self.instructions.len(), |s| s.instructions.start);
        &self.instructions[..end]
    }

    /// The instructions of a stage, its `FROM` first.
    pub fn stage_instructions(&self, stage: &Stage) -> &[Instruction] {
        &self.instructions[stage.instructions.clone()]
    }
}

/// A string value with the span it came from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Word {
    pub span: Span,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    Syntax,
    Escape,
    Check,
}

impl DirectiveKind {
    pub fn name(self) -> &'static str {
        match self {
            DirectiveKind::Syntax => "syntax",
            DirectiveKind::Escape => "escape",
            DirectiveKind::Check => "check",
        }
    }
}

/// `# key=value` in the leading block of the file.
#[derive(Clone, Debug)]
pub struct Directive {
    /// The whole line, from `#` to the end of the value.
    pub span: Span,
    pub kind: DirectiveKind,
    /// The key as written (keys are case-insensitive).
    pub name: Word,
    pub value: Word,
}

#[derive(Clone, Debug)]
pub struct Comment {
    /// From `#` to the end of the line (without the line break).
    pub span: Span,
    /// True for a comment line inside a continued instruction (BuildKit skips those lines).
    pub in_continuation: bool,
}

impl Comment {
    /// The comment text after `#`, trimmed.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        self.span.text(source)[1..].trim()
    }
}

/// Instruction keywords. Keywords are case-insensitive; the span keeps the original case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    From,
    Run,
    Cmd,
    Entrypoint,
    Shell,
    Copy,
    Add,
    Volume,
    Expose,
    Env,
    Label,
    Arg,
    Maintainer,
    User,
    Workdir,
    Stopsignal,
    Healthcheck,
    Onbuild,
    /// Not a Dockerfile instruction: BuildKit's parser keeps it, and the build rejects it.
    Unknown,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// The keyword in upper case, as the Dockerfile reference writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::From => "FROM",
            Keyword::Run => "RUN",
            Keyword::Cmd => "CMD",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Shell => "SHELL",
            Keyword::Copy => "COPY",
            Keyword::Add => "ADD",
            Keyword::Volume => "VOLUME",
            Keyword::Expose => "EXPOSE",
            Keyword::Env => "ENV",
            Keyword::Label => "LABEL",
            Keyword::Arg => "ARG",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::User => "USER",
            Keyword::Workdir => "WORKDIR",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Unknown => "UNKNOWN",
        }
    }

    pub fn from_name(name: &str) -> Keyword {
        Keyword::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(name)).unwrap_or(Keyword::Unknown)
    }
}

/// One instruction: a logical line (physical lines joined by continuations), plus the
/// bodies of its heredocs.
#[derive(Clone, Debug)]
pub struct Instruction {
    /// From the first character of the keyword to the end of the last line of the
    /// instruction, heredoc bodies and terminators included (line break excluded).
    pub span: Span,
    pub keyword: Keyword,
    /// The keyword as written (its case is kept).
    pub keyword_word: Word,
    /// Flags (`--name[=value]`) before the arguments. Values are unquoted, as BuildKit does.
    pub flags: Vec<Flag>,
    pub args: Args,
    /// Heredocs opened on this instruction's line, in order.
    pub heredocs: Vec<Heredoc>,
    /// Blank lines inside the continuation (BuildKit warns about them).
    pub empty_continuation_lines: Vec<Span>,
    /// The instruction's text with continuations removed, as BuildKit reads it.
    pub logical: LogicalLine,
}

impl Instruction {
    /// The flag with this name (the last one when repeated).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name.text == name)
    }

    /// For ONBUILD, the trigger instruction.
    pub fn trigger(&self) -> Option<&Instruction> {
        match &self.args {
            Args::Onbuild(Some(trigger)) => Some(trigger),
            _ => None,
        }
    }

    /// The source span of the logical line (keyword to end of the last continued line),
    /// without heredoc bodies.
    pub fn line_span(&self) -> Span {
        self.logical.source_span(0, self.logical.text.len() as u32)
    }
}

/// `--name[=value]` as BuildKit reads it.
#[derive(Clone, Debug)]
pub struct Flag {
    /// The whole flag word as written.
    pub span: Span,
    /// The name without `--`.
    pub name: Word,
    /// The value after the first `=`, unquoted; `None` for `--name` without `=`.
    pub value: Option<Word>,
    /// The flag word after quote and escape processing, e.g. `--from=builder`.
    pub processed: String,
}

impl Flag {
    /// The value as a boolean flag reads it: `--link` and `--link=true` are true.
    pub fn bool_value(&self) -> Option<bool> {
        match &self.value {
            None => Some(true),
            Some(v) if v.text.eq_ignore_ascii_case("true") => Some(true),
            Some(v) if v.text.eq_ignore_ascii_case("false") => Some(false),
            Some(_) => None,
        }
    }

    /// The `key[=value]` fields of a `--mount` (or `--device`) value, comma-separated with
    /// CSV quoting. Spans point into the source when the value is written plainly (no
    /// quotes, escapes or continuations inside it); otherwise each field spans the whole
    /// value. `None` when the value is not valid CSV.
    pub fn options(&self) -> Option<Vec<FlagOption>> {
        super::build::flag_options(self.value.as_ref()?)
    }
}

/// One `key[=value]` field of a `--mount` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagOption {
    pub span: Span,
    /// The key in lower case, as BuildKit compares it.
    pub key: Word,
    pub value: Option<Word>,
}

impl Word {
    /// The variable references in this word (`$X`, `${X:-d}` …), with source spans when
    /// the word is written on one line without continuations inside it (otherwise each
    /// reference spans the whole word). `escape` is the file's escape character.
    pub fn var_refs(&self, escape: char) -> Vec<(Span, super::lex::VarRef)> {
        super::lex::var_refs(&self.text, escape)
            .into_iter()
            .map(|r| (self.sub_span(r.range.clone()), r))
            .collect()
    }

    /// The source span of `range` (bytes of `text`).
    pub fn sub_span(&self, range: std::ops::Range<usize>) -> Span {
        if self.span.len() as usize == self.text.len() {
            Span::new(self.span.start + range.start as u32, self.span.start + range.end as u32)
        } else {
            self.span
        }
    }
}

/// The arguments of an instruction, in the form its keyword takes.
#[derive(Clone, Debug)]
pub enum Args {
    /// No arguments at all.
    None,
    /// RUN, CMD, ENTRYPOINT, SHELL (and the command of HEALTHCHECK).
    Command(Command),
    /// COPY, ADD, VOLUME: a JSON array or white-space separated words.
    List { json: bool, items: Vec<Word> },
    /// FROM and EXPOSE: white-space separated words.
    Words(Vec<Word>),
    /// ENV and LABEL.
    KeyValues { legacy: bool, pairs: Vec<KeyValue> },
    /// ARG name[=default] …
    ArgDecls(Vec<ArgDecl>),
    /// MAINTAINER, USER, WORKDIR, STOPSIGNAL: the rest of the line.
    Text(Word),
    /// HEALTHCHECK TYPE [command].
    Healthcheck { kind: Word, command: Command },
    /// ONBUILD trigger (None when the line has nothing after ONBUILD).
    Onbuild(Option<Box<Instruction>>),
    /// An unknown instruction; its text is kept but BuildKit ignores it.
    Unknown(Option<Word>),
}

/// A command in exec form (JSON array) or shell form.
#[derive(Clone, Debug)]
pub enum Command {
    Empty,
    /// A JSON array of strings: each item decoded, spanned on its quoted token.
    Exec {
        span: Span,
        args: Vec<Word>,
    },
    /// Shell form: the text as written. `looks_like_json` is set when the text starts with
    /// `[` but is not a valid JSON array of strings (BuildKit then silently runs it as a
    /// shell command). `logical_offset` is where the text starts in the instruction's
    /// logical line (to map shell positions back to the source).
    Shell {
        text: Word,
        looks_like_json: bool,
        logical_offset: u32,
    },
}

impl Command {
    pub fn is_exec(&self) -> bool {
        matches!(self, Command::Exec { .. })
    }
}

/// `key=value` (or the legacy `key value`) of ENV and LABEL.
#[derive(Clone, Debug)]
pub struct KeyValue {
    pub span: Span,
    pub key: Word,
    /// The value as written (quotes kept, variables unexpanded).
    pub value: Word,
}

/// `name[=default]` of ARG.
#[derive(Clone, Debug)]
pub struct ArgDecl {
    pub span: Span,
    pub name: Word,
    /// The default as written (quotes kept), when there is a `=`.
    pub default: Option<Word>,
}

#[derive(Clone, Debug)]
pub struct Heredoc {
    /// The marker word, e.g. `<<-"EOF"`.
    pub marker: Span,
    /// The terminator name, unquoted.
    pub name: String,
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub chomp: bool,
    /// False when the name was quoted: variables in the body are not expanded.
    pub expand: bool,
    /// The file descriptor before `<<`, if any (`3<<EOF`).
    pub fd: Option<u32>,
    /// The body: from the line after the instruction to the line break before the
    /// terminator (empty when the body is empty).
    pub body: Span,
    /// The terminator line (without its line break).
    pub terminator: Span,
}

/// A build stage: a `FROM` and the instructions after it.
#[derive(Clone, Debug)]
pub struct Stage {
    pub index: usize,
    /// `FROM … AS name`: the name as written (BuildKit compares names in lower case).
    pub name: Option<Word>,
    /// The base image (or earlier stage) as written.
    pub base: Option<Word>,
    /// The `--platform` flag value, if any.
    pub platform: Option<Word>,
    /// Indexes into `Dockerfile::instructions`, starting with the FROM.
    pub instructions: std::ops::Range<usize>,
}

/// The text of an instruction with continuations removed, and the map back to the source.
#[derive(Clone, Debug, Default)]
pub struct LogicalLine {
    pub text: String,
    /// Pieces of the source, in order: (offset in `text`, offset in the source, length).
    pub(crate) segments: Vec<(u32, u32, u32)>,
}

impl LogicalLine {
    pub(crate) fn push(&mut self, source: &str, span: Span) {
        self.segments.push((self.text.len() as u32, span.start, span.len()));
        self.text.push_str(span.text(source));
    }

    /// The source offset of a character start in the logical text.
    pub fn source_offset(&self, at: u32) -> u32 {
        let i = self.segments.partition_point(|s| s.0 <= at).saturating_sub(1);
        match self.segments.get(i) {
            Some(&(logical, source, len)) => {
                if at >= logical + len {
                    // At the end of a segment: belongs to the start of the next one.
                    match self.segments.get(i + 1) {
                        Some(&(_, next, _)) => next,
                        None => source + len,
                    }
                } else {
                    source + (at - logical)
                }
            }
            None => 0,
        }
    }

    /// The source offset of the end of a range that ends at `at` in the logical text.
    pub fn source_end(&self, at: u32) -> u32 {
        let i = self.segments.partition_point(|s| s.0 < at).saturating_sub(1);
        match self.segments.get(i) {
            Some(&(logical, source, len)) => source + (at - logical).min(len),
            None => 0,
        }
    }

    /// The source span of the logical range `start..end`.
    pub fn source_span(&self, start: u32, end: u32) -> Span {
        if start >= end {
            let at = self.source_offset(start);
            return Span::new(at, at);
        }
        Span::new(self.source_offset(start), self.source_end(end))
    }
}
