//! The image-size panel: the estimate before and after the size fixes, a stacked bar per
//! stage drawn as inline SVG (one segment per layer), the reasons behind each segment and
//! the build-context assumption, editable in place. Every number comes from
//! `shipshape::size`; this module only lays them out.
//!
//! The Debian bookworm package table (6.6 MB) is not in the bundle: it is a separate
//! gzipped asset (`DEBIAN_URL`, copied by Trunk) that the page fetches from its own origin
//! the first time a Dockerfile runs apt, unpacks with the browser's `DecompressionStream`,
//! parses once and keeps. Until it arrives the engine still estimates, with wide ranges.

use std::borrow::Cow;
use std::rc::Rc;

use shipshape::size::{self, Debian, Figure, ImageSize, SizeOptions, SizeReport, StageSize};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::text::cls;

use crate::net::fetch_text;

/// The gzipped Debian table, next to index.html (see `index.html` and `Trunk.toml`).
pub const DEBIAN_URL: &str = "debian-bookworm.tsv.gz";
/// The small size tables (base images, PyPI, npm, Alpine, ratios), fetched at start.
pub const TABLES_URL: &str = "size-tables.tsv.gz";

/// How long typing must pause before the estimate is recomputed (it runs fix-all again).
pub const DEBOUNCE_MS: u32 = 100;

/// Where the Debian package table is.
#[derive(Clone)]
pub enum DebianState {
    /// Not asked for yet: no Dockerfile so far has needed it.
    Idle,
    Loading,
    Ready(Rc<Debian>),
    /// The fetch or the unpacking failed (offline on the first visit, an old browser …).
    Failed(String),
}

impl PartialEq for DebianState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (DebianState::Idle, DebianState::Idle) | (DebianState::Loading, DebianState::Loading) => true,
            (DebianState::Ready(a), DebianState::Ready(b)) => Rc::ptr_eq(a, b),
            (DebianState::Failed(a), DebianState::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl DebianState {
    pub fn table(&self) -> Option<&Rc<Debian>> {
        match self {
            DebianState::Ready(d) => Some(d),
            _ => None,
        }
    }
}

/// Fetches, unpacks and parses the Debian table.
pub async fn load_debian() -> Result<Debian, String> {
    let table = Debian::from_text(fetch_text(DEBIAN_URL).await?);
    if table.is_empty() {
        return Err("the table is empty".into());
    }
    Ok(table)
}

/// Fetches the small size tables (base images, PyPI, npm …) and hands them to the engine.
pub async fn load_tables() -> Result<(), String> {
    size::load_tables(&fetch_text(TABLES_URL).await?)
}

/// One size report and what it was computed from. Estimates are made, never changed: two
/// are equal when they are the same one (so props compare in O(1)).
#[derive(Debug)]
pub struct Estimate {
    pub source: Rc<str>,
    /// The settings it was made with (linter config, platform, assumptions).
    pub settings: Rc<crate::settings::Settings>,
    /// Whether the Debian table was used (it is only passed when the file runs apt).
    pub with_debian: bool,
    pub report: SizeReport,
}

impl PartialEq for Estimate {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Estimate {
    /// The engine's report for `source`; the Debian table is used when the file needs it.
    pub fn of(
        source: Rc<str>,
        debian: Option<&Debian>,
        settings: &Rc<crate::settings::Settings>,
    ) -> Estimate {
        let debian = debian.filter(|_| size::needs_debian(&source));
        let opts = SizeOptions {
            context_bytes: settings.context_bytes,
            requirements_bytes: settings.requirements_bytes,
            platform: Some(settings.platform.to_string()),
            ..SizeOptions::default()
        };
        let report = size::report(&source, &settings.config, debian, &opts);
        Estimate { source, settings: Rc::clone(settings), with_debian: debian.is_some(), report }
    }

    /// Waits for the Debian table: the file runs apt and was sized without it.
    pub fn needs_debian(&self) -> bool {
        self.report.before.needs_debian || self.report.after.needs_debian
    }

    /// What the fix of the finding `code` at 1-based `line` (byte offset `start`) saves.
    pub fn saving(&self, code: &str, line: u32, start: u32) -> Option<&size::Saving> {
        let mut hits = self.report.savings.iter().filter(|s| s.code == code && s.line == line as usize);
        let first = hits.next()?;
        if first.span.start == start {
            return Some(first);
        }
        std::iter::once(first).chain(hits).find(|s| s.span.start == start)
    }
}

/// The context size field: what is typed, and the last valid value in bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextSize {
    pub text: AttrValue,
    pub bytes: u64,
}

impl Default for ContextSize {
    fn default() -> Self {
        ContextSize::new(size::DEFAULT_CONTEXT_BYTES)
    }
}

impl ContextSize {
    /// A field showing `bytes` (as MB).
    pub fn new(bytes: u64) -> ContextSize {
        ContextSize { text: AttrValue::from(mb_number(bytes)), bytes }
    }

    /// The field after an edit: its text and the number the browser read from it (NaN when
    /// it is not one). A number of MB (decimal) updates the bytes; anything else keeps the
    /// last valid size.
    pub fn typed(&self, text: String, mb: f64) -> ContextSize {
        let valid = mb.is_finite() && (0.0..=1e6).contains(&mb);
        let bytes = if valid { (mb * 1e6).round() as u64 } else { self.bytes };
        ContextSize { text: text.into(), bytes }
    }
}

/// `5000000` → `5`, `2500000` → `2.5` (the field shows MB; integers only, no float formatting).
pub fn mb_number(bytes: u64) -> String {
    let (whole, kb) = (bytes / 1_000_000, (bytes % 1_000_000) / 1_000);
    if kb == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{kb:03}").trim_end_matches('0'))
    }
}

/// "saves about 18.0 MB" beside a finding whose fix makes the image smaller.
pub fn saving_badge(saving: size::Figure) -> Html {
    html! {
        <span class="saving" data-saving={saving.expected.to_string()}
            title={format!("This fix alone: {} smaller on disk (estimate)", size::range_text(saving))}>
            { if saving.low == saving.high {
                format!("saves about {}", size::mb(saving.expected))
            } else {
                format!("saves about {} ({})", size::mb(saving.expected), size::range_text(saving))
            } }
        </span>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

impl Side {
    fn id(self) -> &'static str {
        match self {
            Side::Before => "before",
            Side::After => "after",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Side::Before => "As written",
            Side::After => "After the size fixes",
        }
    }
}

/// A segment of a bar: the side, the stage (index into `stages`) and the layer (`None`:
/// the base image).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SegKey {
    side: Side,
    stage: usize,
    layer: Option<usize>,
}

/// What a segment stands for.
struct Seg<'a> {
    layer: Option<usize>,
    line: usize,
    instruction: &'a str,
    summary: Cow<'a, str>,
    disk: Figure,
    compressed: u64,
    reasons: &'a [String],
}

/// The base image first, then each RUN, COPY and ADD.
fn segments(stage: &StageSize) -> Vec<Seg<'_>> {
    let base = Seg {
        layer: None,
        line: stage.line,
        instruction: "FROM",
        summary: Cow::Owned(format!("FROM {}", stage.base_ref)),
        disk: stage.base_disk,
        compressed: stage.base_compressed.expected,
        reasons: &stage.base_reasons,
    };
    let layers = stage.layers.iter().enumerate().map(|(i, l)| Seg {
        layer: Some(i),
        line: l.line,
        instruction: l.instruction,
        summary: Cow::Borrowed(l.summary.as_str()),
        disk: l.disk,
        compressed: l.compressed_expected,
        reasons: &l.reasons,
    });
    std::iter::once(base).chain(layers).collect()
}

fn image_of(report: &SizeReport, side: Side) -> &ImageSize {
    match side {
        Side::Before => &report.before,
        Side::After => &report.after,
    }
}

#[derive(Properties, PartialEq)]
pub struct SizePanelProps {
    /// The latest estimate (possibly of an older text while typing).
    pub estimate: Option<Rc<Estimate>>,
    /// The estimate is behind the editor or the context field.
    pub busy: bool,
    pub debian: DebianState,
    pub context: ContextSize,
    /// The context field's text and its value as a number (NaN when it is not one).
    pub oncontext: Callback<(String, f64)>,
    /// What an unseen requirements file installs (shown when the file has `pip install -r`).
    pub requirements: ContextSize,
    pub onrequirements: Callback<(String, f64)>,
    pub onretry: Callback<()>,
    /// The size tables could not be fetched: images are unknown.
    pub tables_error: Option<String>,
    /// The text has this many lines and is estimated only on request.
    pub large: Option<usize>,
    pub onestimate: Callback<()>,
}

/// An assumption in MB, editable in place: the field's text and the number the browser
/// read from it go to `oninput`.
fn mb_field(
    id: &'static str,
    label: &'static str,
    title: &'static str,
    value: &ContextSize,
    oninput: &Callback<(String, f64)>,
) -> Html {
    let oninput = oninput.reform(|e: InputEvent| {
        let field = e.target_unchecked_into::<HtmlInputElement>();
        (field.value(), field.value_as_number())
    });
    html! {
        <label class="context-size" for={id} {title}>
            { label }
            <input {id} type="number" min="0" step="any" inputmode="decimal"
                value={value.text.clone()} {oninput} aria-describedby="size-assumptions" />
            { " MB" }
        </label>
    }
}

/// The panel: totals, context size, assumptions, notes, the chart and the details.
#[component]
pub fn SizePanel(props: &SizePanelProps) -> Html {
    let active = use_state(|| None::<SegKey>);
    let onactivate = {
        let active = active.clone();
        Callback::from(move |k: SegKey| {
            if *active != Some(k) {
                active.set(Some(k));
            }
        })
    };
    let context_field = mb_field(
        "context-size",
        "Build context ",
        "What `COPY . …` brings from the build context: the estimator cannot see your files",
        &props.context,
        &props.oncontext,
    );
    let requirements_field = mb_field(
        "requirements-size",
        "Requirements file installs ",
        "What `pip install -r requirements.txt` installs: the estimator cannot see the file",
        &props.requirements,
        &props.onrequirements,
    );
    let ask = props.large.map(|n| {
        html! {
            <p id="size-large" class="size-note" role="status">
                { format!("This file has {n} lines: its estimate takes a few seconds and pauses the page, so it runs when you ask. ") }
                <button type="button" id="estimate-now" class="retry" onclick={props.onestimate.reform(|_: MouseEvent| ())}>{ "Estimate now" }</button>
            </p>
        }
    });
    let Some(est_rc) = props.estimate.as_ref() else {
        if let Some(ask) = ask {
            return html! {
                <section id="size-panel" class="pane size-pane" aria-label="Image size" aria-busy="false" data-state="large">
                    <h2 class="pane-title">{ "Image size" }</h2>
                    { ask }
                    { context_field }
                </section>
            };
        }
        return html! {
            <section id="size-panel" class="pane size-pane" aria-label="Image size" aria-busy="true" data-state="waiting">
                <h2 class="pane-title">{ "Image size" }</h2>
                <p class="size-note">{ "Estimating…" }</p>
                { context_field }
            </section>
        };
    };
    let est: &Estimate = est_rc;
    let r = &est.report;
    let waiting = est.needs_debian() && !matches!(props.debian, DebianState::Failed(_));
    let state = match (&props.debian, est.needs_debian()) {
        (DebianState::Failed(_), true) => "failed",
        (_, true) => "loading",
        _ => "ready",
    };
    let mut assumptions: Vec<&String> = r.before.assumptions.iter().collect();
    assumptions.extend(r.after.assumptions.iter().filter(|a| !r.before.assumptions.contains(a)));
    // One scale for every bar, before and after, so lengths compare.
    let scale = r.before.stages.iter().chain(&r.after.stages).map(|s| s.disk.expected).max().unwrap_or(0);
    let details = (*active).and_then(|k| {
        let stage = image_of(r, k.side).stages.get(k.stage)?;
        let seg = segments(stage).into_iter().find(|s| s.layer == k.layer)?;
        Some(segment_details(k.side, stage, &seg))
    });
    html! {
        <section id="size-panel" class="pane size-pane" aria-label="Image size"
            aria-busy={props.busy.to_string()} data-state={state}>
            <h2 class="pane-title">{ "Image size" }<span class="badge">{ "estimate" }</span></h2>
            { ask.unwrap_or_default() }
            if r.savings_left_out > 0 {
                <p class="size-note" id="size-savings-left-out">
                    { format!("{} more size fixes are included in “after”, but their savings are not shown one by one for a file this large.", r.savings_left_out) }
                </p>
            }
            if r.before.stages.is_empty() {
                <p class="size-note">{ "No FROM yet: nothing to estimate." }</p>
                { context_field }
            } else {
                <div class="size-totals">
                    <Total side={Side::Before} estimate={Rc::clone(est_rc)} />
                    <Total side={Side::After} estimate={Rc::clone(est_rc)} />
                </div>
                <div class="size-settings">
                    { context_field }
                    if r.before.uses_requirements || r.after.uses_requirements {
                        { requirements_field }
                    }
                </div>
                if let Some(why) = &props.tables_error {
                    <p id="size-tables-error" class="size-note bad" role="alert">
                        { format!("Could not load the image size tables: {why}. Base images are shown as unknown, with wide ranges. ") }
                        <button type="button" class="retry" onclick={props.onretry.reform(|_: MouseEvent| ())}>{ "Retry" }</button>
                    </p>
                }
                if waiting {
                    <p id="size-loading" class="size-note loading" role="status">
                        { "Loading package sizes… package installs show a wide range until the table is here." }
                    </p>
                }
                if let (DebianState::Failed(why), true) = (&props.debian, est.needs_debian()) {
                    <p id="size-debian-error" class="size-note bad" role="alert">
                        { format!("Could not load the Debian package sizes: {why}. Package installs are shown with a wide assumed range. ") }
                        <button type="button" class="retry" onclick={props.onretry.reform(|_: MouseEvent| ())}>{ "Retry" }</button>
                    </p>
                }
                if !assumptions.is_empty() {
                    <ul id="size-assumptions" class="size-assumptions">
                        { for assumptions.iter().map(|a| html! { <li>{ (*a).clone() }</li> }) }
                    </ul>
                }
                <div id="size-chart" class="size-chart">
                    { for [Side::Before, Side::After].into_iter().map(|side| html! {
                        <Bars {side} estimate={Rc::clone(est_rc)} {scale} active={*active}
                            onactivate={onactivate.clone()} />
                    }) }
                    <p class="size-scale">
                        { format!("Bars: expected size on disk, full width = {}.", size::mb(scale)) }
                        <span class="legend">
                            <span class="swatch base" />{ "base image" }
                            <span class="swatch run" />{ "RUN" }
                            <span class="swatch copy" />{ "COPY / ADD" }
                        </span>
                    </p>
                </div>
                <div id="size-details" class="size-details" aria-live="polite">
                    { details.unwrap_or_else(|| html! {
                        <p class="hint">{ "Hover, focus or click a segment to see why it is that size." }</p>
                    }) }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TotalProps {
    side: Side,
    estimate: Rc<Estimate>,
}

/// A total: expected on disk, its range and the pulled size.
#[component]
fn Total(props: &TotalProps) -> Html {
    let r = &props.estimate.report;
    let i = image_of(r, props.side);
    let d = i.disk;
    // "After" shows what the size fixes take off and which fixes those are.
    let less = (props.side == Side::After).then(|| r.before.disk.expected.saturating_sub(d.expected));
    html! {
        <div id={format!("size-{}", props.side.id())} class={cls(&["size-total", props.side.id()])}
            data-expected={d.expected.to_string()} data-low={d.low.to_string()} data-high={d.high.to_string()}
            data-compressed={i.compressed_expected.to_string()}>
            <div class="total-label">{ props.side.label() }</div>
            <div class="total-figure">
                <strong>{ size::mb(d.expected) }</strong>{ " on disk" }
                { for less.filter(|n| *n > 0).map(|n| html! {
                    <span class="total-delta">{ format!(" −{}", size::mb(n)) }</span>
                }) }
            </div>
            <div class="total-range">{ format!("range {}", size::range_text(d)) }</div>
            <div class="total-pull">{ format!("about {} to pull", size::mb(i.compressed_expected)) }</div>
            if props.side == Side::After {
                if r.applied.is_empty() {
                    <div class="total-fixes">{ "no size fixes apply" }</div>
                } else {
                    <crate::text::Disclosure class="total-fixes"
                        label={match r.applied.len() { 1 => "with 1 fix".to_string(), n => format!("with {n} fixes") }}>
                        <ul>
                            { for r.applied.iter().map(|(code, title)| html! {
                                <li><code>{ *code }</code>{ " " }{ title.clone() }</li>
                            }) }
                        </ul>
                    </crate::text::Disclosure>
                }
            }
        </div>
    }
}

/// Stage rows drawn per side at most (the image's stage always is).
const MAX_STAGE_ROWS: usize = 12;

#[derive(Properties, PartialEq)]
struct BarsProps {
    side: Side,
    estimate: Rc<Estimate>,
    /// Bytes at full width.
    scale: u64,
    active: Option<SegKey>,
    onactivate: Callback<SegKey>,
}

/// Width of the SVG's coordinate system (the bar is stretched to the panel's width).
/// Integers only, so that no float formatting code is needed for the coordinates.
const BAR_W: u64 = 100_000;
const BAR_H: u64 = 22;
const VIEW_BOX: &str = "0 0 100000 22";
/// The narrowest a segment is drawn, so that small layers can still be seen and pointed at.
const MIN_SEG_W: u64 = 300;

/// One side's stages, each as a labelled stacked bar.
#[component]
fn Bars(props: &BarsProps) -> Html {
    let side = props.side;
    // A file of a hundred stages would draw thousands of segments (seconds of the page's
    // thread): the image's stage and the first others are drawn, the rest counted.
    let stages = &image_of(&props.estimate.report, side).stages;
    let drawn = |si: usize, stage: &StageSize| stage.is_final || si + 1 < MAX_STAGE_ROWS;
    let left_out = stages.iter().enumerate().filter(|(si, st)| !drawn(*si, st)).count();
    html! {
        <div class={cls(&["size-side", side.id()])} role="group" aria-label={side.label()}>
            <h3 class="size-side-title">{ side.label() }</h3>
            { for stages.iter().enumerate().filter(|(si, st)| drawn(*si, st)).map(|(si, stage)| {
                let segs = segments(stage);
                // Segment edges at the running total, so rounding never adds up.
                let mut bytes = 0;
                let edge = |b: u64| if props.scale == 0 { 0 } else { (b.min(props.scale) as u128 * BAR_W as u128 / props.scale as u128) as u64 };
                html! {
                    <div class={cls(&["stage-row", if stage.is_final { "" } else { "dimmed" }])}
                        data-stage={stage.index.to_string()}>
                        <div class="stage-label">
                            <span class="stage-name">{ stage.name.clone() }</span>
                            <code class="stage-base">{ stage.base_ref.clone() }</code>
                            <span class={cls(&["stage-role", if stage.is_final { "final" } else { "" }])}>
                                { if stage.is_final { "the image" } else { "not in the image" } }
                            </span>
                            <span class="stage-total">
                                { size::mb(stage.disk.expected) }
                                <span class="stage-range">{ format!(" ({})", size::range_text(stage.disk)) }</span>
                            </span>
                        </div>
                        <svg class="bar" viewBox={VIEW_BOX} preserveAspectRatio="none"
                            width="100%" height={BAR_H.to_string()} role="group"
                            aria-label={format!("{}: {} layers", stage.name, segs.len())}>
                            <rect class="track" x="0" y="0" width={BAR_W.to_string()} height={BAR_H.to_string()} />
                            { for segs.iter().enumerate().map(|(n, seg)| {
                                let at = edge(bytes);
                                bytes += seg.disk.expected;
                                let w = edge(bytes) - at;
                                let key = SegKey { side, stage: si, layer: seg.layer };
                                segment(seg, key, n, at, w.max(MIN_SEG_W), props.active == Some(key), &props.onactivate)
                            }) }
                        </svg>
                    </div>
                }
            }) }
            if left_out > 0 {
                <p class="hint size-left-out">{ format!("{left_out} more stages, not in the image, are not drawn.") }</p>
            }
        </div>
    }
}

/// One focusable segment with its tooltip and accessible label.
fn segment(
    seg: &Seg<'_>,
    key: SegKey,
    n: usize,
    x: u64,
    w: u64,
    active: bool,
    on: &Callback<SegKey>,
) -> Html {
    let kind = match seg.layer {
        None => "base",
        Some(_) if seg.instruction == "RUN" => "run",
        Some(_) => "copy",
    };
    let label = format!(
        "{}, line {}: {} — {} on disk ({})",
        key.side.label(),
        seg.line,
        seg.summary,
        size::mb(seg.disk.expected),
        size::range_text(seg.disk)
    );
    let tooltip =
        format!("{label}\n{}", seg.reasons.iter().map(|r| format!("• {r}")).collect::<Vec<_>>().join("\n"));
    let activate = on.reform(move |_: MouseEvent| key);
    let onfocus = on.reform(move |_: FocusEvent| key);
    let onmouseenter = on.reform(move |_: MouseEvent| key);
    let onkeydown = {
        let on = on.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on.emit(key);
            }
        })
    };
    html! {
        <rect class={cls(&["seg", kind, if n % 2 == 1 { "alt" } else { "" }, if active { "active" } else { "" }])}
            x={x.to_string()} y="0" width={w.to_string()} height={BAR_H.to_string()}
            tabindex="0" role="button" aria-label={label} aria-controls="size-details"
            data-side={key.side.id()} data-line={seg.line.to_string()} data-instruction={seg.instruction.to_string()}
            data-expected={seg.disk.expected.to_string()}
            onclick={activate} {onfocus} {onmouseenter} {onkeydown}>
            <title>{ tooltip }</title>
        </rect>
    }
}

/// The details of the active segment: where it comes from, its figures and its reasons.
fn segment_details(side: Side, stage: &StageSize, seg: &Seg<'_>) -> Html {
    html! {
        <div class="seg-details" data-line={seg.line.to_string()} data-side={side.id()}>
            <p class="seg-where">
                <span class="seg-side">{ side.label() }</span>
                { " · " }{ stage.name.clone() }
                { format!(" · line {}", seg.line) }
            </p>
            <p><code class="seg-summary">{ seg.summary.to_string() }</code></p>
            <p class="seg-figures">
                <strong>{ size::mb(seg.disk.expected) }</strong>
                { format!(" on disk, range {}, about {} to pull", size::range_text(seg.disk), size::mb(seg.compressed)) }
            </p>
            if seg.reasons.is_empty() {
                <p class="hint">{ "No reasons given." }</p>
            } else {
                <ul class="reasons">{ for seg.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_field_keeps_the_last_valid_size() {
        let c = ContextSize::default();
        assert_eq!((c.text.as_str(), c.bytes), ("5", 5_000_000));
        let c = c.typed("20".into(), 20.0);
        assert_eq!(c.bytes, 20_000_000);
        let c = c.typed("".into(), f64::NAN);
        assert_eq!((c.text.as_str(), c.bytes), ("", 20_000_000));
        assert_eq!(c.typed("-3".into(), -3.0).bytes, 20_000_000);
        assert_eq!(c.typed("0.25".into(), 0.25).bytes, 250_000);
        assert_eq!(mb_number(2_500_000), "2.5");
        assert_eq!(mb_number(250_000), "0.25");
        assert_eq!(mb_number(12_345_678), "12.345");
    }

    #[test]
    fn savings_match_their_finding() {
        let src: Rc<str> =
            "FROM python:3.9\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\n".into();
        let e = Estimate::of(src, None, &Rc::new(crate::settings::Settings::default()));
        let lists = e.report.savings.iter().find(|s| s.code == "DL3009").expect("DL3009 saves");
        assert!(e.saving("DL3009", 2, lists.span.start).is_some());
        assert!(e.saving("DL3009", 3, lists.span.start).is_none());
        assert!(e.needs_debian());
        let base = segments(&e.report.before.stages[0]);
        assert_eq!(base[0].instruction, "FROM");
        assert_eq!(base.len(), 3);
    }
}
