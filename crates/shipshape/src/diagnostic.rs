//! What the engine reports and proposes: findings with their severity, spans and labels,
//! and fixes as byte edits with an applicability. The lowest layer above the syntax:
//! configuration, rules, the linter and fix-all all build on it.

use crate::syntax::Span;

/// How bad a finding is. Ordered: `Error` is the most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "style" => Some(Severity::Style),
            _ => None,
        }
    }
}

/// A secondary span with a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Exactly the offending token.
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The change that would resolve it, if the rule can offer one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }
}

/// How far a fix can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Keeps the build's meaning: fix-all applies it.
    Safe,
    /// Changes behaviour, layering or the cache: applied only when asked for, after review.
    Unsafe,
    /// A suggestion shown as a diff; fix-all never applies it.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the bytes of `span` with `text` (an insertion when the span is empty, a
/// deletion when the text is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit { span, text: text.into() }
    }

    pub fn insert(at: u32, text: impl Into<String>) -> Edit {
        Edit { span: Span::empty(at), text: text.into() }
    }

    pub fn delete(span: Span) -> Edit {
        Edit { span, text: String::new() }
    }

    /// Whether two edits touch the same bytes (or insert at the same place, where their
    /// order would be a guess).
    pub fn overlaps(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        if a.is_empty() && b.is_empty() {
            return a.start == b.start;
        }
        if a.is_empty() {
            return b.start < a.start && a.start < b.end;
        }
        if b.is_empty() {
            return a.start < b.start && b.start < a.end;
        }
        a.start < b.end && b.start < a.end
    }
}

/// A proposed change for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a command: "Add `--no-install-recommends`".
    pub title: String,
    pub applicability: Applicability,
    /// Sorted by position, none overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Fix {
        crate::sort::by_key(&mut edits, |e| (e.span.start, e.span.end));
        Fix { title: title.into(), applicability, edits }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    pub fn display_only(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::DisplayOnly, edits)
    }

    /// Whether the fix's own edits are in bounds, on character boundaries and disjoint.
    pub fn is_well_formed(&self, source: &str) -> bool {
        let in_bounds = self.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && (e.span.end as usize) <= source.len()
                && source.is_char_boundary(e.span.start as usize)
                && source.is_char_boundary(e.span.end as usize)
        });
        let disjoint = self.edits.windows(2).all(|w| !w[0].overlaps(&w[1]));
        !self.edits.is_empty() && in_bounds && disjoint
    }

    pub(crate) fn overlaps(&self, other: &Fix) -> bool {
        self.edits.iter().any(|a| other.edits.iter().any(|b| a.overlaps(b)))
    }
}

/// Applies edits to `source`. The edits must be well formed and disjoint (see
/// [`Fix::is_well_formed`]); they are applied from the end so offsets stay valid.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::sort::by_key(&mut sorted, |e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0usize;
    for e in sorted {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        if start < at {
            continue; // overlapping: the caller broke the contract; keep the earlier edit
        }
        out.push_str(&source[at..start]);
        out.push_str(&e.text);
        at = end;
    }
    out.push_str(&source[at..]);
    out
}
