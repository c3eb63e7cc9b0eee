//! The engine's results as plain data: what `shipshape check --format json`,
//! `shipshape size --format json` and `shipshape rules --format json` print, and what the
//! npm package returns. One definition serves both, so the fields are the same.
//!
//! Field names follow hadolint's JSON (`code`, `line`, `column`, `level`, `message`, …).
//! Lines and `column`/`end_column` are 1-based and count characters, as hadolint does.
//! Every finding also has its byte range (`start`, `end`) and its columns in UTF-16 code
//! units (`column_utf16`, `end_column_utf16`), which is what JavaScript strings and
//! editors index by.
//!
//! Fields are declared in alphabetical order: the JSON keeps the key order the CLI has
//! always printed.

use serde::Serialize;

use crate::fix_all::{Applied, FixAll, Skipped};
use crate::rules::{all_metas, FixAvailability, RuleMeta};
use crate::size::{Figure, ImageSize, SizeReport};
use crate::syntax::LineIndex;
use crate::{Diagnostic, LintResult};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub column: u32,
    pub column_utf16: u32,
    /// Byte offset just past the finding.
    pub end: u32,
    pub end_column: u32,
    pub end_column_utf16: u32,
    pub end_line: u32,
    pub file: String,
    pub fix: Option<FixOut>,
    /// The first line of the instruction the finding is in (where hadolint reports it).
    pub instruction_line: u32,
    /// `error`, `warning`, `info` or `style`.
    pub level: &'static str,
    pub line: u32,
    pub message: String,
    pub name: &'static str,
    /// Byte offset of the finding's first character.
    pub start: u32,
}

/// The fix a finding offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixOut {
    /// `safe`, `unsafe` or `display-only`.
    pub applicability: &'static str,
    pub edits: Vec<EditOut>,
    pub title: String,
}

/// One edit of a fix: replace the bytes `start..end` with `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditOut {
    pub column: u32,
    pub end: u32,
    pub end_column: u32,
    pub end_line: u32,
    pub line: u32,
    pub start: u32,
    pub text: String,
}

/// The findings of one lint of `source`, reported under the name `file`.
pub fn findings(file: &str, source: &str, result: &LintResult) -> Vec<Finding> {
    result.diagnostics.iter().map(|d| finding(file, source, result, d)).collect()
}

fn finding(file: &str, source: &str, result: &LintResult, d: &Diagnostic) -> Finding {
    let idx: &LineIndex = &result.parse.line_index;
    let (start, end) = (d.span.start, d.span.end.max(d.span.start));
    let (a, b) = (idx.line_col_chars(source, start), idx.line_col_chars(source, end));
    let (a16, b16) = (idx.line_col_utf16(source, start), idx.line_col_utf16(source, end));
    let instruction =
        result.parse.file.instructions.iter().find(|i| i.span.start <= start && start <= i.span.end);
    let fix = d.fix.as_ref().map(|f| FixOut {
        applicability: f.applicability.as_str(),
        edits: f
            .edits
            .iter()
            .map(|e| {
                let (a, b) =
                    (idx.line_col_chars(source, e.span.start), idx.line_col_chars(source, e.span.end));
                EditOut {
                    column: a.col,
                    end: e.span.end,
                    end_column: b.col,
                    end_line: b.line,
                    line: a.line,
                    start: e.span.start,
                    text: e.text.clone(),
                }
            })
            .collect(),
        title: f.title.clone(),
    });
    Finding {
        code: d.code,
        column: a.col,
        column_utf16: a16.col,
        end,
        end_column: b.col,
        end_column_utf16: b16.col,
        end_line: b.line,
        file: file.to_string(),
        fix,
        instruction_line: instruction.map_or(a.line, |i| idx.line_col(i.span.start).line),
        level: d.severity.as_str(),
        line: a.line,
        message: d.message.clone(),
        name: d.name,
        start,
    }
}

/// What fix-all did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixOutcome {
    pub applied: Vec<AppliedOut>,
    pub changed: bool,
    /// The findings left on the fixed text.
    pub findings: Vec<Finding>,
    /// The fixed text (the source itself when nothing applied).
    pub output: String,
    pub skipped: Vec<SkippedOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedOut {
    pub applicability: &'static str,
    pub code: &'static str,
    /// The fix-all round it was applied in, from 1.
    pub round: usize,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedOut {
    pub applicability: &'static str,
    pub code: &'static str,
    /// Why it was not applied, in words.
    pub reason: &'static str,
    pub title: String,
}

/// A fix-all of `source` as plain data.
pub fn fix_outcome(file: &str, source: &str, fixed: &FixAll) -> FixOutcome {
    FixOutcome {
        applied: fixed.applied.iter().map(applied).collect(),
        changed: fixed.changed(source),
        findings: findings(file, &fixed.text, &fixed.result),
        output: fixed.text.clone(),
        skipped: fixed.skipped.iter().map(skipped).collect(),
    }
}

fn applied(a: &Applied) -> AppliedOut {
    AppliedOut {
        applicability: a.applicability.as_str(),
        code: a.code,
        round: a.round,
        title: a.title.clone(),
    }
}

fn skipped(s: &Skipped) -> SkippedOut {
    SkippedOut {
        applicability: s.applicability.as_str(),
        code: s.code,
        reason: s.reason.as_str(),
        title: s.title.clone(),
    }
}

/// One rule, with its documentation (`shipshape rules --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleOut {
    pub aliases: &'static [&'static str],
    pub category: &'static str,
    pub code: &'static str,
    pub docs: DocsOut,
    /// `always`, `sometimes` or `never`.
    pub fixable: &'static str,
    pub name: &'static str,
    pub onbuild: bool,
    pub origin: &'static str,
    /// `error`, `warning`, `info`, `style`, or `off` for a rule that is off by default.
    pub severity: &'static str,
    pub summary: &'static str,
    pub upstream: String,
}

/// A rule's documentation: why it matters, a bad example and a good one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocsOut {
    pub bad: &'static str,
    pub good: &'static str,
    pub why: &'static str,
}

/// How often a rule can fix what it reports, in one word.
pub fn fix_word(f: FixAvailability) -> &'static str {
    match f {
        FixAvailability::None => "never",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

pub fn rule(m: &RuleMeta) -> RuleOut {
    RuleOut {
        aliases: m.aliases,
        category: m.category.as_str(),
        code: m.code,
        docs: DocsOut { bad: m.docs.bad, good: m.docs.good, why: m.docs.why },
        fixable: fix_word(m.fix),
        name: m.name,
        onbuild: m.onbuild,
        origin: m.origin.as_str(),
        severity: m.severity.map_or("off", |s| s.as_str()),
        summary: m.summary,
        upstream: crate::rules::doc::upstream(m),
    }
}

/// Every rule, in the registry's order.
pub fn rules() -> Vec<RuleOut> {
    all_metas().iter().map(|m| rule(m)).collect()
}

/// The size estimate (`shipshape size --format json`): before and after the size fixes,
/// each as a low–expected–high range in bytes with the reasons, stage by stage and layer
/// by layer, and what each fix saves on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SizeOut {
    pub after: ImageOut,
    pub applied_fixes: Vec<CodeTitle>,
    pub before: ImageOut,
    pub savings: Vec<SavingOut>,
    /// Size fixes whose own saving was not estimated (a very large file); `after`
    /// includes them.
    pub savings_left_out: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeTitle {
    pub code: &'static str,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavingOut {
    pub code: &'static str,
    pub column: u32,
    pub expected_bytes: u64,
    pub high_bytes: u64,
    pub line: usize,
    pub low_bytes: u64,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageOut {
    /// What the estimate had to assume (a build context size, a requirements file …).
    pub assumptions: Vec<String>,
    pub compressed_expected_bytes: u64,
    pub expected_bytes: u64,
    pub high_bytes: u64,
    pub low_bytes: u64,
    pub stages: Vec<StageOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageOut {
    pub base: BaseOut,
    pub compressed_expected_bytes: u64,
    pub expected_bytes: u64,
    #[serde(rename = "final")]
    pub is_final: bool,
    pub high_bytes: u64,
    pub layers: Vec<LayerOut>,
    pub line: usize,
    pub low_bytes: u64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseOut {
    pub compressed_expected_bytes: u64,
    pub expected_bytes: u64,
    pub from_stage: Option<usize>,
    pub high_bytes: u64,
    pub image: String,
    pub low_bytes: u64,
    /// How the base image was found in the data (`exact`, `tag`, `sibling` …).
    #[serde(rename = "match")]
    pub base_match: &'static str,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerOut {
    pub compressed_expected_bytes: u64,
    pub expected_bytes: u64,
    pub high_bytes: u64,
    pub instruction: &'static str,
    pub line: usize,
    pub low_bytes: u64,
    pub reasons: Vec<String>,
    pub summary: String,
}

fn image(e: &ImageSize) -> ImageOut {
    let Figure { low, expected, high } = e.disk;
    ImageOut {
        assumptions: e.assumptions.clone(),
        compressed_expected_bytes: e.compressed_expected,
        expected_bytes: expected,
        high_bytes: high,
        low_bytes: low,
        stages: e
            .stages
            .iter()
            .map(|s| StageOut {
                base: BaseOut {
                    compressed_expected_bytes: s.base_compressed.expected,
                    expected_bytes: s.base_disk.expected,
                    from_stage: s.from_stage,
                    high_bytes: s.base_disk.high,
                    image: s.base_ref.clone(),
                    low_bytes: s.base_disk.low,
                    base_match: s.base_match,
                    reasons: s.base_reasons.clone(),
                },
                compressed_expected_bytes: s.compressed_expected,
                expected_bytes: s.disk.expected,
                is_final: s.is_final,
                high_bytes: s.disk.high,
                layers: s
                    .layers
                    .iter()
                    .map(|l| LayerOut {
                        compressed_expected_bytes: l.compressed_expected,
                        expected_bytes: l.disk.expected,
                        high_bytes: l.disk.high,
                        instruction: l.instruction,
                        line: l.line,
                        low_bytes: l.disk.low,
                        reasons: l.reasons.clone(),
                        summary: l.summary.clone(),
                    })
                    .collect(),
                line: s.line,
                low_bytes: s.disk.low,
                name: s.name.clone(),
            })
            .collect(),
    }
}

/// The size report of `source` as plain data.
pub fn size(r: &SizeReport, source: &str) -> SizeOut {
    let lines = LineIndex::new(source);
    SizeOut {
        after: image(&r.after),
        applied_fixes: r
            .applied
            .iter()
            .map(|(code, title)| CodeTitle { code, title: title.clone() })
            .collect(),
        before: image(&r.before),
        savings: r
            .savings
            .iter()
            .map(|s| SavingOut {
                code: s.code,
                column: lines.line_col(s.span.start).col,
                expected_bytes: s.saving.expected,
                high_bytes: s.saving.high,
                line: s.line,
                low_bytes: s.saving.low,
                title: s.title.clone(),
            })
            .collect(),
        savings_left_out: r.savings_left_out,
    }
}
