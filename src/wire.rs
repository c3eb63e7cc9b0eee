//! A `Summary` as numbers and strings, to cross from the lint worker to the page
//! (`postMessage` copies a `Uint32Array` and an array of strings cheaply; no serde in the
//! bundle). `encode` runs in the worker, `decode` in the page; both in the same wasm.

use shipshape::diagnostic::{Applicability, Edit, Fix, Severity};
use shipshape::size::{Figure, ImageSize, Layer, Saving, SizeReport, StageSize};
use shipshape::syntax::highlight::{Token, TokenKind};
use shipshape::syntax::{Keyword, Span};

use crate::summary::{ErrorRow, FindingRow, Mark, Summary};

/// A severity crosses as its place in the engine's order.
const SEVERITIES: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Style];
const APPLICABILITY: [Applicability; 3] =
    [Applicability::Safe, Applicability::Unsafe, Applicability::DisplayOnly];

/// The numbers and strings of one summary.
#[derive(Debug, Default, PartialEq)]
pub struct Wire {
    pub nums: Vec<u32>,
    pub strs: Vec<String>,
}

fn index_of<T: PartialEq>(list: &[T], v: &T) -> u32 {
    list.iter().position(|x| x == v).unwrap_or(0) as u32
}

pub fn encode(s: &Summary) -> Wire {
    let mut w = Wire::default();
    let n = &mut w.nums;
    n.extend([s.instructions as u32, s.stages as u32, s.safe_fixes as u32, s.unsafe_fixes as u32]);
    n.push(s.line_starts.len() as u32);
    n.extend(&s.line_starts);
    n.push(s.tokens.len() as u32);
    for t in &s.tokens {
        n.extend([t.start, t.end, t.kind as u32]);
    }
    n.push(s.marks.len() as u32);
    for m in &s.marks {
        n.extend([m.start, m.end, index_of(&SEVERITIES, &m.severity)]);
    }
    n.push(s.errors.len() as u32);
    for e in &s.errors {
        n.extend([e.line, e.col]);
        w.strs.push(e.message.clone());
        w.strs.push(e.code.to_string());
    }
    w.nums.push(s.findings.len() as u32);
    for f in &s.findings {
        w.nums.extend([
            index_of(&SEVERITIES, &f.severity),
            f.line,
            f.col,
            f.start,
            f.end,
            f.start_u16,
            f.end_u16,
        ]);
        w.strs.push(f.code.to_string());
        w.strs.push(f.message.clone());
        w.nums.push(u32::from(f.help.is_some()));
        if let Some(h) = &f.help {
            w.strs.push(h.clone());
        }
        match &f.fix {
            None => w.nums.push(0),
            Some(fix) => {
                let a = index_of(&APPLICABILITY, &fix.applicability);
                w.nums.extend([1, a, fix.edits.len() as u32]);
                w.strs.push(fix.title.clone());
                for e in &fix.edits {
                    w.nums.extend([e.span.start, e.span.end]);
                    w.strs.push(e.text.clone());
                }
            }
        }
    }
    w
}

/// Reads what `encode` wrote; None when the message is cut or from another version.
pub fn decode(w: &Wire) -> Option<Summary> {
    let mut nums = w.nums.iter().copied();
    let mut strs = w.strs.iter().cloned();
    let mut num = || nums.next();
    let mut text = || strs.next();
    let (instructions, stages, safe_fixes, unsafe_fixes) =
        (num()? as usize, num()? as usize, num()? as usize, num()? as usize);
    let line_starts = (0..num()?).map(|_| num()).collect::<Option<Vec<u32>>>()?;
    let mut tokens = Vec::new();
    for _ in 0..num()? {
        let (start, end, kind) = (num()?, num()?, *TokenKind::ALL.get(num()? as usize)?);
        tokens.push(Token { start, end, kind });
    }
    let mut marks = Vec::new();
    for _ in 0..num()? {
        let (start, end, severity) = (num()?, num()?, *SEVERITIES.get(num()? as usize)?);
        marks.push(Mark { start, end, severity });
    }
    let mut errors = Vec::new();
    for _ in 0..num()? {
        let (line, col) = (num()?, num()?);
        errors.push(ErrorRow { line, col, message: text()?, code: text()? });
    }
    let mut findings = Vec::new();
    for _ in 0..num()? {
        let severity = *SEVERITIES.get(num()? as usize)?;
        let (line, col, start, end, start_u16, end_u16) = (num()?, num()?, num()?, num()?, num()?, num()?);
        let meta = shipshape::rules::find_meta(&text()?)?;
        let message = text()?;
        let help = if num()? == 1 { Some(text()?) } else { None };
        let fix = if num()? == 1 {
            let applicability = *APPLICABILITY.get(num()? as usize)?;
            let n = num()?;
            let title = text()?;
            let mut edits = Vec::new();
            for _ in 0..n {
                let span = Span::new(num()?, num()?);
                edits.push(Edit { span, text: text()? });
            }
            Some(Fix { title, applicability, edits })
        } else {
            None
        };
        findings.push(FindingRow {
            severity,
            code: meta.code,
            name: meta.name,
            message,
            help,
            line,
            col,
            start,
            end,
            start_u16,
            end_u16,
            fix,
        });
    }
    Some(Summary {
        instructions,
        errors,
        findings,
        marks,
        tokens,
        line_starts,
        stages,
        safe_fixes,
        unsafe_fixes,
    })
}

/// A size report and what came with it, as the size worker sends it.
#[derive(Debug, PartialEq)]
pub struct SizeAnswer {
    pub report: SizeReport,
    /// Whether the Debian table was used.
    pub with_debian: bool,
    /// Why the small size tables, or the Debian table, could not be loaded.
    pub tables_error: Option<String>,
    pub debian_error: Option<String>,
}

/// How a stage's base was matched (`StageSize::base_match`).
const BASE_MATCHES: [&str; 7] =
    ["exact", "other-platform", "nearest-tag", "sibling-image", "unknown", "scratch", "stage"];

struct Out<'a>(&'a mut Wire);

impl Out<'_> {
    fn n(&mut self, v: usize) {
        self.0.nums.push(v as u32);
    }
    fn big(&mut self, v: u64) {
        self.0.nums.extend([v as u32, (v >> 32) as u32]);
    }
    fn s(&mut self, v: &str) {
        self.0.strs.push(v.to_string());
    }
    fn fig(&mut self, f: &Figure) {
        self.big(f.low);
        self.big(f.expected);
        self.big(f.high);
    }
    fn strs(&mut self, v: &[String]) {
        self.n(v.len());
        v.iter().for_each(|x| self.s(x));
    }
    fn opt(&mut self, v: Option<&str>) {
        self.n(usize::from(v.is_some()));
        v.into_iter().for_each(|x| self.s(x));
    }
    /// One of `list` by its index (a value not in it cannot be read back).
    fn pick(&mut self, list: &[&str], v: &str) {
        self.n(list.iter().position(|x| *x == v).unwrap_or(u32::MAX as usize));
    }
    fn code(&mut self, code: &str) {
        self.s(code);
    }
    fn image(&mut self, i: &ImageSize) {
        self.fig(&i.disk);
        self.fig(&i.compressed);
        self.big(i.compressed_expected);
        self.strs(&i.assumptions);
        self.n(usize::from(i.needs_debian)
            | usize::from(i.uses_context) << 1
            | usize::from(i.uses_requirements) << 2);
        self.n(i.stages.len());
        for st in &i.stages {
            self.n(st.index);
            self.s(&st.name);
            self.n(st.line);
            self.s(&st.base_ref);
            self.n(st.from_stage.map_or(0, |f| f + 1));
            self.pick(&BASE_MATCHES, st.base_match);
            self.fig(&st.base_disk);
            self.fig(&st.base_compressed);
            self.strs(&st.base_reasons);
            self.fig(&st.disk);
            self.fig(&st.compressed);
            self.big(st.compressed_expected);
            self.n(usize::from(st.is_final));
            self.n(st.layers.len());
            for l in &st.layers {
                self.n(l.line);
                self.n(l.span.start as usize);
                self.n(l.span.end as usize);
                self.pick(&keywords(), l.instruction);
                self.s(&l.summary);
                self.fig(&l.disk);
                self.fig(&l.compressed);
                self.big(l.compressed_expected);
                self.strs(&l.reasons);
            }
        }
    }
}

/// The instructions' keywords as the size report writes them.
fn keywords() -> [&'static str; 18] {
    Keyword::ALL.map(Keyword::as_str)
}

struct In<'a> {
    nums: std::slice::Iter<'a, u32>,
    strs: std::slice::Iter<'a, String>,
}

impl In<'_> {
    fn n(&mut self) -> Option<usize> {
        self.nums.next().map(|&v| v as usize)
    }
    fn big(&mut self) -> Option<u64> {
        Some(self.n()? as u64 | (self.n()? as u64) << 32)
    }
    fn s(&mut self) -> Option<String> {
        self.strs.next().cloned()
    }
    fn fig(&mut self) -> Option<Figure> {
        Some(Figure { low: self.big()?, expected: self.big()?, high: self.big()? })
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        (0..self.n()?).map(|_| self.s()).collect()
    }
    fn opt(&mut self) -> Option<Option<String>> {
        Some(if self.n()? == 1 { Some(self.s()?) } else { None })
    }
    fn pick(&mut self, list: &[&'static str]) -> Option<&'static str> {
        list.get(self.n()?).copied()
    }
    fn code(&mut self) -> Option<&'static str> {
        shipshape::rules::find_meta(&self.s()?).map(|m| m.code)
    }
    fn image(&mut self) -> Option<ImageSize> {
        let (disk, compressed, compressed_expected) = (self.fig()?, self.fig()?, self.big()?);
        let assumptions = self.strs()?;
        let flags = self.n()?;
        let mut stages = Vec::new();
        for _ in 0..self.n()? {
            let (index, name, line, base_ref) = (self.n()?, self.s()?, self.n()?, self.s()?);
            let from_stage = self.n()?.checked_sub(1);
            let base_match = self.pick(&BASE_MATCHES)?;
            let (base_disk, base_compressed, base_reasons) = (self.fig()?, self.fig()?, self.strs()?);
            let (sdisk, scompressed, sexpected, is_final) =
                (self.fig()?, self.fig()?, self.big()?, self.n()? == 1);
            let mut layers = Vec::new();
            for _ in 0..self.n()? {
                let (line, start, end) = (self.n()?, self.n()? as u32, self.n()? as u32);
                let instruction = self.pick(&keywords())?;
                layers.push(Layer {
                    line,
                    span: Span::new(start, end),
                    instruction,
                    summary: self.s()?,
                    disk: self.fig()?,
                    compressed: self.fig()?,
                    compressed_expected: self.big()?,
                    reasons: self.strs()?,
                });
            }
            stages.push(StageSize {
                index,
                name,
                line,
                base_ref,
                from_stage,
                base_match,
                base_disk,
                base_compressed,
                base_reasons,
                layers,
                disk: sdisk,
                compressed: scompressed,
                compressed_expected: sexpected,
                is_final,
            });
        }
        Some(ImageSize {
            disk,
            compressed,
            compressed_expected,
            stages,
            assumptions,
            needs_debian: flags & 1 != 0,
            uses_context: flags & 2 != 0,
            uses_requirements: flags & 4 != 0,
        })
    }
}

pub fn encode_size(a: &SizeAnswer) -> Wire {
    let mut w = Wire::default();
    let mut o = Out(&mut w);
    let r = &a.report;
    o.image(&r.before);
    o.image(&r.after);
    o.s(&r.after_text);
    o.n(r.applied.len());
    for (code, title) in &r.applied {
        o.code(code);
        o.s(title);
    }
    o.n(r.savings.len());
    for sv in &r.savings {
        o.code(sv.code);
        o.n(sv.line);
        o.n(sv.span.start as usize);
        o.n(sv.span.end as usize);
        o.s(&sv.title);
        o.fig(&sv.saving);
    }
    o.n(r.savings_left_out);
    o.n(usize::from(a.with_debian));
    o.opt(a.tables_error.as_deref());
    o.opt(a.debian_error.as_deref());
    w
}

/// Reads what `encode_size` wrote; None when the message is cut or from another version.
pub fn decode_size(w: &Wire) -> Option<SizeAnswer> {
    let mut i = In { nums: w.nums.iter(), strs: w.strs.iter() };
    let (before, after, after_text) = (i.image()?, i.image()?, i.s()?);
    let applied = (0..i.n()?).map(|_| Some((i.code()?, i.s()?))).collect::<Option<Vec<_>>>()?;
    let mut savings = Vec::new();
    for _ in 0..i.n()? {
        let (code, line, start, end) = (i.code()?, i.n()?, i.n()? as u32, i.n()? as u32);
        savings.push(Saving { code, line, span: Span::new(start, end), title: i.s()?, saving: i.fig()? });
    }
    let report = SizeReport { before, after, after_text, applied, savings, savings_left_out: i.n()? };
    let with_debian = i.n()? == 1;
    let (tables_error, debian_error) = (i.opt()?, i.opt()?);
    // Everything read, nothing left: the same version wrote it.
    if i.nums.next().is_some() || i.strs.next().is_some() {
        return None;
    }
    Some(SizeAnswer { report, with_debian, tables_error, debian_error })
}

/// A message as it crosses `postMessage`: the numbers, then the strings' UTF-8 lengths and
/// how many numbers there were, in one array; and the strings joined into one. One string
/// crosses the wasm boundary instead of one per string (a summary has hundreds).
pub fn pack(w: Wire) -> (Vec<u32>, String) {
    let mut nums = w.nums;
    let count = nums.len() as u32;
    nums.extend(w.strs.iter().map(|s| s.len() as u32));
    nums.push(count);
    (nums, w.strs.concat())
}

/// Reads what `pack` made; None when it does not add up.
pub fn unpack(nums: Vec<u32>, joined: &str) -> Option<Wire> {
    let (&count, rest) = nums.split_last()?;
    let (nums, lens) = rest.split_at_checked(count as usize)?;
    let mut at = 0usize;
    let mut strs = Vec::with_capacity(lens.len());
    for &len in lens {
        let end = at.checked_add(len as usize)?;
        strs.push(joined.get(at..end)?.to_string());
        at = end;
    }
    (at == joined.len()).then(|| Wire { nums: nums.to_vec(), strs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_cross_unchanged() {
        for src in [
            crate::example::EXAMPLE,
            "FROM debian:12\nRUN apt-get update && apt-get install curl\nADD a.py /app/\nRUNN x\n",
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\n",
            "",
            "é😀\nFROM alpine\nCOPY <<EOF /x\nhi $A\nEOF\n",
        ] {
            let s = Summary::of(src, &Default::default());
            let back = decode(&encode(&s)).expect("decodes");
            assert_eq!(back, s, "{src:?}");
        }
    }

    #[test]
    fn size_reports_cross_unchanged() {
        let debian =
            shipshape::size::Debian::parse(include_str!("../crates/shipshape/data/debian-bookworm.tsv"));
        let settings = std::rc::Rc::new(crate::settings::Settings::default());
        let examples: Vec<String> = crate::example::EXAMPLES
            .iter()
            .map(|e| std::fs::read_to_string(format!("www/{}", e.url())).expect("example file"))
            .collect();
        let mut sources: Vec<&str> = examples.iter().map(String::as_str).collect();
        sources.extend([
            "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n",
            "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n",
            "FROM python:3.12\nRUN pip install -r requirements.txt\nADD x.tar.gz /opt/\nRUNN x\n",
            "",
        ]);
        for src in sources {
            let e = crate::size_panel::Estimate::of(src.into(), Some(&debian), &settings);
            let answer = SizeAnswer {
                report: e.report,
                with_debian: e.with_debian,
                tables_error: None,
                debian_error: Some("the server answered 404 Not Found".into()),
            };
            let w = encode_size(&answer);
            assert_eq!(decode_size(&w).as_ref(), Some(&answer), "{src:?}");
            // A message cut short, or with something left over, is refused.
            let mut cut = encode_size(&answer);
            cut.nums.pop();
            assert_eq!(decode_size(&cut), None);
            let mut long = encode_size(&answer);
            long.strs.push(String::new());
            assert_eq!(decode_size(&long), None);
        }
    }

    #[test]
    fn packed_messages_unpack() {
        let w = Wire { nums: vec![1, 2, 3], strs: vec!["é😀".into(), String::new(), "RUN x".into()] };
        let (nums, joined) = pack(Wire { nums: w.nums.clone(), strs: w.strs.clone() });
        assert_eq!(unpack(nums.clone(), &joined), Some(w));
        // A length that cuts a character, or strings left over, is refused.
        assert_eq!(unpack(nums.clone(), &joined[..joined.len() - 1]), None);
        assert_eq!(unpack(vec![1, 0], "é"), None);
        assert_eq!(unpack(nums, &format!("{joined}x")), None);
        assert_eq!(unpack(vec![], ""), None);
        assert_eq!(unpack(vec![5], ""), None);
    }

    #[test]
    fn cut_messages_are_refused() {
        let s = Summary::of("FROM debian:12\nRUN apt-get install curl\n", &Default::default());
        let mut w = encode(&s);
        w.nums.truncate(w.nums.len() - 3);
        assert_eq!(decode(&w), None);
        assert_eq!(decode(&Wire::default()), None);
    }
}
