//! The playground page: the editor on one side, what the parser sees on the other.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::example::EXAMPLE;
use crate::fixes::{fix_all_preview, one_fix_preview, Preview, Row};
use crate::size_panel::{
    load_debian, saving_badge, ContextSize, DebianState, Estimate, SizePanel, DEBOUNCE_MS,
};
use crate::summary::{ErrorRow, FindingRow, InstructionRow, Summary};

/// What the fix preview shows.
#[derive(Clone, Debug, PartialEq)]
enum PreviewOf {
    /// Fix-all with the safe fixes.
    Safe,
    /// Fix-all with the unsafe fixes too.
    All,
    /// One finding's fix (display-only suggestions open here).
    One(&'static str, shipshape::Fix),
}

/// A text before a fix, kept for Undo.
#[derive(Clone, Debug, PartialEq)]
struct Undo {
    text: Rc<str>,
    title: String,
}

/// The whole playground. Every `input` event re-lints the text: linting a page-sized
/// Dockerfile takes well under a millisecond, so there is no debounce and no worker for it.
/// The size estimate runs fix-all again (milliseconds to tens of them), so it waits until
/// typing pauses for `DEBOUNCE_MS`.
#[component]
pub fn App() -> Html {
    let source = use_state(|| Rc::<str>::from(EXAMPLE));
    let summary = use_memo(Rc::clone(&source), |text| Summary::of(text));
    // Image size: the Debian table (fetched when first needed), the context-size field and
    // the latest estimate.
    let debian = use_state(|| DebianState::Idle);
    let context = use_state(ContextSize::default);
    let requirements = use_state(|| ContextSize::new(shipshape::size::DEFAULT_REQUIREMENTS_BYTES));
    let estimate = use_state(|| None::<Rc<Estimate>>);
    {
        let debian = debian.clone();
        let wanted = matches!(*debian, DebianState::Idle) && shipshape::size::needs_debian(&source);
        use_effect_with(wanted, move |&wanted| {
            if wanted {
                debian.set(DebianState::Loading);
                yew::platform::spawn_local(async move {
                    debian.set(match load_debian().await {
                        Ok(table) => DebianState::Ready(Rc::new(table)),
                        Err(why) => DebianState::Failed(why),
                    });
                });
            }
        });
    }
    {
        let estimate = estimate.clone();
        let deps =
            (Rc::clone(&source), debian.table().cloned().map(TableRef), context.bytes, requirements.bytes);
        use_effect_with(deps, move |(text, table, bytes, req)| {
            let (text, table, bytes, req) = (Rc::clone(text), table.clone(), *bytes, *req);
            // Dropping the timeout cancels it: only the last text of a burst is estimated.
            let timer = Timeout::new(DEBOUNCE_MS, move || {
                let table = table.as_ref().map(|t| &*t.0);
                estimate.set(Some(Rc::new(Estimate::of(text, table, bytes, req))));
            });
            move || drop(timer)
        });
    }
    // The estimate is behind while it is of another text or context size, or still waits
    // for a table that has arrived.
    let busy = (*estimate).as_ref().is_none_or(|e| {
        *e.source != **source
            || e.context_bytes != context.bytes
            || e.requirements_bytes != requirements.bytes
            || (!e.with_debian && debian.table().is_some() && shipshape::size::needs_debian(&e.source))
    });
    // Savings beside findings only when they are about this very text.
    let fresh = (*estimate).clone().filter(|e| *e.source == **source);
    let on_context = {
        let context = context.clone();
        Callback::from(move |(text, mb): (String, f64)| context.set(context.typed(text, mb)))
    };
    let on_requirements = {
        let requirements = requirements.clone();
        Callback::from(move |(text, mb): (String, f64)| requirements.set(requirements.typed(text, mb)))
    };
    let retry_debian = {
        let debian = debian.clone();
        Callback::from(move |()| debian.set(DebianState::Idle))
    };
    let editor = use_node_ref();
    let marks = use_node_ref();
    // The rule whose documentation is open, if any.
    let doc = use_state(|| None::<&'static str>);
    let open_doc = {
        let doc = doc.clone();
        Callback::from(move |code: Option<&'static str>| doc.set(code))
    };
    // Fixes: the texts before each applied fix (for Undo), the open preview, the last notice.
    let history = use_state(Vec::<Undo>::new);
    let preview_of = use_state(|| None::<PreviewOf>);
    let notice = use_state(String::new);
    let preview = use_memo((Rc::clone(&source), (*preview_of).clone()), |(text, of)| match of {
        None => None,
        Some(PreviewOf::Safe) => Some(fix_all_preview(text, false)),
        Some(PreviewOf::All) => Some(fix_all_preview(text, true)),
        Some(PreviewOf::One(code, fix)) => Some(one_fix_preview(text, code, fix)),
    });
    // Replaces the editor text with a fixed one, remembering the old one for Undo.
    let apply = {
        let (source, history, preview_of, notice) =
            (source.clone(), history.clone(), preview_of.clone(), notice.clone());
        Callback::from(move |(text, title): (String, String)| {
            if text.as_str() == &**source {
                return;
            }
            let mut h = (*history).clone();
            h.push(Undo { text: Rc::clone(&source), title: title.clone() });
            history.set(h);
            source.set(text.into());
            preview_of.set(None);
            notice.set(format!("Applied: {title}"));
        })
    };
    let undo = {
        let (source, history, notice) = (source.clone(), history.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let mut h = (*history).clone();
            if let Some(last) = h.pop() {
                source.set(last.text);
                notice.set(format!("Undone: {}", last.title));
                history.set(h);
            }
        })
    };
    let fix_one = {
        let (source, apply, preview_of, notice) =
            (source.clone(), apply.clone(), preview_of.clone(), notice.clone());
        Callback::from(move |f: FindingRow| {
            let Some(fix) = f.fix else { return };
            if fix.applicability == shipshape::Applicability::DisplayOnly {
                preview_of.set(Some(PreviewOf::One(f.code, fix)));
                return;
            }
            match shipshape::fix::apply_fix(&source, &fix) {
                Some(text) => apply.emit((text, format!("{} ({})", fix.title, f.code))),
                None => notice.set(format!("Not applied: {} would break the file", fix.title)),
            }
        })
    };
    let fix_all_safe = {
        let (source, apply, notice) = (source.clone(), apply.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let p = fix_all_preview(&source, false);
            if p.can_apply {
                apply.emit((p.text, fixes_title(p.applied.len(), "safe ")));
            } else {
                notice.set("No safe fixes to apply".into());
            }
        })
    };
    let open_preview = {
        let preview_of = preview_of.clone();
        Callback::from(move |of: Option<PreviewOf>| preview_of.set(of))
    };
    let apply_preview = {
        let (apply, preview, preview_of) = (apply.clone(), preview.clone(), preview_of.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(p) = preview.as_ref().as_ref().filter(|p| p.can_apply) {
                let kind = if *preview_of == Some(PreviewOf::Safe) { "safe " } else { "" };
                let title = match p.applied.as_slice() {
                    [one] => format!("{} ({})", one.title, one.code),
                    many => fixes_title(many.len(), kind),
                };
                apply.emit((p.text.clone(), title));
            }
        })
    };
    let oninput = {
        let (source, history, notice) = (source.clone(), history.clone(), notice.clone());
        Callback::from(move |e: InputEvent| {
            let editor: HtmlTextAreaElement = e.target_unchecked_into();
            source.set(editor.value().into());
            // Undo is for fixes; once the text is typed over, the editor's own undo takes over.
            if !history.is_empty() {
                history.set(Vec::new());
            }
            if !notice.is_empty() {
                notice.set(String::new());
            }
        })
    };
    // The marker layer scrolls with the text.
    let onscroll = {
        let marks = marks.clone();
        Callback::from(move |e: Event| {
            let editor: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(layer) = marks.cast::<HtmlElement>() {
                layer.set_scroll_top(editor.scroll_top());
                layer.set_scroll_left(editor.scroll_left());
            }
        })
    };
    // Clicking a finding selects its span in the editor.
    let select = {
        let editor = editor.clone();
        Callback::from(move |f: FindingRow| {
            if let Some(ta) = editor.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
                let _ = ta.set_selection_range(f.start_u16, f.end_u16);
                // Bring the line into view (the line height is fixed by the stylesheet).
                let line_height = 14.0 * 1.55;
                let target = (f64::from(f.line) - 3.0).max(0.0) * line_height;
                let top = f64::from(ta.scroll_top());
                let visible = f64::from(ta.client_height());
                if target < top || target > top + visible - 3.0 * line_height {
                    ta.set_scroll_top(target as i32);
                }
            }
        })
    };

    html! {
        <>
            <header class="masthead">
                <h1>{ "shipshape" }</h1>
                <p class="tagline">
                    { "A Dockerfile playground: parsed as you type, entirely in your browser." }
                </p>
            </header>
            <main class="panes">
                <div class="column">
                    <section class="pane editor-pane">
                        <label class="pane-title" for="editor">{ "Dockerfile" }</label>
                        <div class="editor-box">
                            <pre id="marks" class="marks" ref={marks} aria-hidden="true">
                                { for summary.segments.iter().map(|g| match g.severity {
                                    Some(sev) => html! { <mark class={classes!("sev", sev)}>{ g.text.clone() }</mark> },
                                    None => html! { { g.text.clone() } },
                                }) }
                                { "\n" }
                            </pre>
                            <textarea
                                id="editor"
                                ref={editor}
                                value={AttrValue::from(Rc::clone(&source))}
                                {oninput}
                                {onscroll}
                                spellcheck="false"
                                autocomplete="off"
                                autocapitalize="off"
                                wrap="off"
                            />
                        </div>
                    </section>
                    <SizePanel
                        estimate={(*estimate).clone()}
                        {busy}
                        debian={(*debian).clone()}
                        context={(*context).clone()}
                        oncontext={on_context}
                        requirements={(*requirements).clone()}
                        onrequirements={on_requirements}
                        onretry={retry_debian}
                    />
                </div>
                <section class="pane results-pane" aria-label="Parse results">
                    <Status summary={summary.clone()} />
                    <h2 class="pane-title">{ "Findings" }</h2>
                    <FixBar
                        summary={summary.clone()}
                        onfixall={fix_all_safe}
                        onpreview={open_preview.clone()}
                        onundo={undo}
                        undo_title={history.last().map(|u| u.title.clone())}
                        notice={(*notice).clone()}
                    />
                    { for preview.as_ref().as_ref().map(|p| html! {
                        <FixPreview
                            preview={p.clone()}
                            heading={preview_heading((*preview_of).as_ref())}
                            onapply={apply_preview}
                            onclose={open_preview.reform(|_| None)}
                        />
                    }) }
                    <Findings summary={summary.clone()} onselect={select} ondoc={open_doc.clone()} onfix={fix_one} estimate={fresh} />
                    { for doc.map(|code| html! { <RuleDoc {code} onclose={open_doc.reform(|_| None)} /> }) }
                    <h2 class="pane-title">{ "Syntax errors" }</h2>
                    <Errors summary={summary.clone()} />
                    <h2 class="pane-title">{ "Instructions" }</h2>
                    <Instructions {summary} />
                </section>
            </main>
            <footer class="footer">{ "Nothing you type leaves this page." }</footer>
        </>
    }
}

/// The Debian table as an effect dependency: the same table when it is the same `Rc`.
#[derive(Clone)]
struct TableRef(Rc<shipshape::size::Debian>);

impl PartialEq for TableRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    summary: Rc<Summary>,
}

#[component]
fn Status(props: &SummaryProps) -> Html {
    let s = &props.summary;
    let state = if s.errors.is_empty() { "ok" } else { "bad" };
    html! {
        <p id="status" class={classes!("status", state)} role="status">
            { count(s.instructions.len(), "instruction") }
            { " · " }
            { count(s.stages, "stage") }
            { " · " }
            { count(s.findings.len(), "finding") }
            { " · " }
            { count(s.errors.len(), "error") }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct FindingsProps {
    summary: Rc<Summary>,
    onselect: Callback<FindingRow>,
    ondoc: Callback<Option<&'static str>>,
    onfix: Callback<FindingRow>,
    /// The size estimate of this text, for "saves about …" beside a fix.
    estimate: Option<Rc<Estimate>>,
}

#[component]
fn Findings(props: &FindingsProps) -> Html {
    let findings = &props.summary.findings;
    let body = if findings.is_empty() {
        html! { <p class="empty">{ "No findings" }</p> }
    } else {
        html! {
            <ul class="list">
                { for findings.iter().map(|f| {
                    let onclick = { let f = f.clone(); props.onselect.reform(move |_| f.clone()) };
                    html! {
                        <li class={classes!("finding", f.severity)} data-code={f.code}>
                            <button type="button" class="finding-button" {onclick} title="Select in the editor">
                                <span class={classes!("sev-badge", f.severity)}>{ f.severity }</span>
                                { " " }
                                <code class="code">{ f.code }</code>
                                { " " }
                                <span class="where">{ format!("{}:{}", f.line, f.col) }</span>
                                { " " }
                                <span class="message">{ f.message.clone() }</span>
                            </button>
                            { for f.help.iter().map(|h| html! { <p class="help">{ h.clone() }</p> }) }
                            { fix_button(f, &props.onfix) }
                            { saving_badge(props.estimate.as_deref(), f.code, f.line, f.start) }
                            { doc_link(f.code, &props.ondoc) }
                        </li>
                    }
                }) }
            </ul>
        }
    };
    html! { <div id="findings" data-count={findings.len().to_string()}>{ body }</div> }
}

#[component]
fn Errors(props: &SummaryProps) -> Html {
    let errors = &props.summary.errors;
    let body = if errors.is_empty() {
        html! { <p class="empty">{ "No syntax errors" }</p> }
    } else {
        html! { <ul class="list">{ for errors.iter().map(error_item) }</ul> }
    };
    html! { <div id="errors" data-count={errors.len().to_string()}>{ body }</div> }
}

fn error_item(e: &ErrorRow) -> Html {
    html! {
        <li class="error">
            <span class="where">{ format!("Line {}, column {}: ", e.line, e.col) }</span>
            <span class="message">{ e.message.clone() }</span>
            { " " }
            <code class="code">{ e.code }</code>
        </li>
    }
}

#[component]
fn Instructions(props: &SummaryProps) -> Html {
    let rows = &props.summary.instructions;
    html! {
        <ol id="instructions" class="list" data-count={rows.len().to_string()}>
            { for rows.iter().map(instruction_item) }
        </ol>
    }
}

fn instruction_item(row: &InstructionRow) -> Html {
    let lines = match row.lines {
        (first, last) if first == last => format!("line {first}"),
        (first, last) => format!("lines {first}–{last}"),
    };
    html! {
        <li class={classes!("instruction", (!row.known).then_some("unknown"))}>
            <span class="keyword">{ row.keyword.clone() }</span>
            { " " }
            <span class="lines">{ lines }</span>
            { " " }
            <span class="stage" title="Build stage">{ row.stage.clone() }</span>
        </li>
    }
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "About DL3008": opens the rule's documentation (for rules; syntax errors have none).
fn doc_link(code: &'static str, ondoc: &Callback<Option<&'static str>>) -> Html {
    if shipshape::rules::find_meta(code).is_none() {
        return html! {};
    }
    let onclick = ondoc.reform(move |_: MouseEvent| Some(code));
    html! {
        <button type="button" class="doc-link" {onclick} data-doc={code}>{ format!("About {code}") }</button>
    }
}

#[derive(Properties, PartialEq)]
struct RuleDocProps {
    code: &'static str,
    onclose: Callback<MouseEvent>,
}

/// A rule's documentation, from the same metadata the CLI prints with `shipshape explain`.
#[component]
fn RuleDoc(props: &RuleDocProps) -> Html {
    let Some(meta) = shipshape::rules::find_meta(props.code) else { return html! {} };
    let why = meta.docs.why.split_whitespace().collect::<Vec<_>>().join(" ");
    html! {
        <aside id="rule-doc" class="rule-doc" aria-label={format!("Rule {}", meta.code)}>
            <header class="rule-doc-head">
                <h2><code>{ meta.code }</code>{ " " }<span class="rule-name">{ meta.name }</span></h2>
                <button type="button" class="close" onclick={props.onclose.clone()} aria-label="Close">{ "×" }</button>
            </header>
            <p class="rule-summary">{ meta.summary }</p>
            <p class="rule-meta">
                { meta.severity.map_or("off by default", |s| s.as_str()) }
                { " · " }{ meta.category.as_str() }
                { " · " }{ shipshape::rules::doc::upstream(meta) }
                { " · " }
                { match meta.fix {
                    shipshape::rules::FixAvailability::Always => "has a fix",
                    shipshape::rules::FixAvailability::Sometimes => "has a fix in some cases",
                    shipshape::rules::FixAvailability::None => "no automatic fix",
                } }
            </p>
            <h3>{ "Why" }</h3>
            <p>{ why }</p>
            <h3>{ "Bad" }</h3>
            <pre class="example bad">{ meta.docs.bad }</pre>
            <h3>{ "Good" }</h3>
            <pre class="example good">{ meta.docs.good }</pre>
        </aside>
    }
}

fn fixes_title(n: usize, kind: &str) -> String {
    if n == 1 {
        format!("1 {kind}fix")
    } else {
        format!("{n} {kind}fixes")
    }
}

fn preview_heading(of: Option<&PreviewOf>) -> String {
    match of {
        Some(PreviewOf::Safe) => "Fix all (safe): what changes".into(),
        Some(PreviewOf::All) => "All fixes, unsafe included: review before applying".into(),
        Some(PreviewOf::One(code, fix)) => format!("{code}: {}", fix.title),
        None => String::new(),
    }
}

/// The Fix button of a finding: applies a safe or unsafe fix; opens a display-only
/// suggestion in the preview.
fn fix_button(f: &FindingRow, onfix: &Callback<FindingRow>) -> Html {
    let Some(fix) = &f.fix else { return html! {} };
    let (label, hint) = match fix.applicability {
        shipshape::Applicability::Safe => ("Fix", "Safe: keeps what the build does"),
        shipshape::Applicability::Unsafe => {
            ("Fix (unsafe)", "Unsafe: changes behaviour, layers or cache; review it")
        }
        shipshape::Applicability::DisplayOnly => {
            ("Show suggestion", "A suggestion to adapt; never applied by itself")
        }
    };
    let onclick = {
        let f = f.clone();
        onfix.reform(move |_: MouseEvent| f.clone())
    };
    html! {
        <span class="fix">
            <button
                type="button"
                class={classes!("fix-button", fix.applicability.as_str().replace(' ', "-"))}
                {onclick}
                data-fix={f.code}
                title={hint}
            >{ label }</button>
            { " " }
            <span class="fix-title">{ fix.title.clone() }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct FixBarProps {
    summary: Rc<Summary>,
    onfixall: Callback<MouseEvent>,
    onpreview: Callback<Option<PreviewOf>>,
    onundo: Callback<MouseEvent>,
    undo_title: Option<String>,
    notice: String,
}

/// Fix all (safe), the previews, Undo and what the last action did.
#[component]
fn FixBar(props: &FixBarProps) -> Html {
    let (safe, unsafe_) = (props.summary.safe_fixes, props.summary.unsafe_fixes);
    let preview_safe = props.onpreview.reform(|_: MouseEvent| Some(PreviewOf::Safe));
    let preview_all = props.onpreview.reform(|_: MouseEvent| Some(PreviewOf::All));
    html! {
        <div id="fix-bar" class="fix-bar" data-safe={safe.to_string()} data-unsafe={unsafe_.to_string()}>
            <button type="button" id="fix-all" class="primary" disabled={safe == 0} onclick={props.onfixall.clone()}
                title="Apply every safe fix, repeated until nothing changes">
                { format!("Fix all (safe) · {safe}") }
            </button>
            <button type="button" id="preview-safe" disabled={safe == 0} onclick={preview_safe}>
                { "Show diff" }
            </button>
            <button type="button" id="review-all" disabled={safe + unsafe_ == 0} onclick={preview_all}
                title="See every fix, unsafe ones included, as a diff before applying">
                { format!("Review all fixes · {}", safe + unsafe_) }
            </button>
            <button type="button" id="undo" disabled={props.undo_title.is_none()} onclick={props.onundo.clone()}
                title={props.undo_title.as_ref().map(|t| format!("Undo: {t}"))}>
                { "Undo" }
            </button>
            <span id="fix-notice" class="fix-notice" role="status" aria-live="polite">{ props.notice.clone() }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FixPreviewProps {
    preview: Preview,
    heading: String,
    onapply: Callback<MouseEvent>,
    onclose: Callback<MouseEvent>,
}

/// The before/after diff of a fix-all or of one suggestion, with Apply and Close.
#[component]
fn FixPreview(props: &FixPreviewProps) -> Html {
    let p = &props.preview;
    let number = |n: Option<u32>| n.map_or(String::new(), |n| n.to_string());
    let apply_label = match p.applied.len() {
        1 => "Apply this fix".to_string(),
        n => format!("Apply {n} fixes"),
    };
    html! {
        <section id="fix-preview" class="fix-preview" aria-label="Preview of fixes"
            data-applied={p.applied.len().to_string()}>
            <header class="fix-preview-head">
                <h3>{ props.heading.clone() }</h3>
                <span class="diff-stat">
                    <span class="added">{ format!("+{}", p.added) }</span>{ " " }
                    <span class="removed">{ format!("−{}", p.removed) }</span>
                </span>
            </header>
            if p.rows.iter().all(|r| !matches!(r, Row::Line { kind: "added" | "removed", .. })) {
                <p class="empty">{ "Nothing would change." }</p>
            } else {
                <table class="diff">
                    { for p.rows.iter().map(|r| match r {
                        Row::Line { kind, old, new, text } => html! {
                            <tr class={*kind}>
                                <td class="ln">{ number(*old) }</td>
                                <td class="ln">{ number(*new) }</td>
                                <td class="sign">{ match *kind { "added" => "+", "removed" => "−", _ => " " } }</td>
                                <td class="text"><code>{ text.clone() }</code></td>
                            </tr>
                        },
                        Row::Fold(n) => html! {
                            <tr class="fold"><td colspan="4">{ format!("⋯ {n} unchanged line{}", if *n == 1 { "" } else { "s" }) }</td></tr>
                        },
                    }) }
                </table>
            }
            <ul class="fix-items">
                { for p.applied.iter().map(|a| html! {
                    <li class={classes!("fix-item", a.applicability.replace(' ', "-"))}>
                        <code>{ a.code }</code>{ " " }{ a.title.clone() }
                        if a.applicability != "safe" { { " " }<span class="badge">{ a.applicability }</span> }
                    </li>
                }) }
            </ul>
            if !p.left.is_empty() {
                <details class="fix-left">
                    <summary>{ format!("{} not included", p.left.len()) }</summary>
                    <ul>
                        { for p.left.iter().map(|l| html! {
                            <li><code>{ l.code }</code>{ " " }{ l.title.clone() }{ " — " }{ l.reason }</li>
                        }) }
                    </ul>
                </details>
            }
            <div class="preview-actions">
                if p.can_apply {
                    <button type="button" id="apply-preview" class="primary" onclick={props.onapply.clone()}>
                        { apply_label }
                    </button>
                } else if !p.applied.is_empty() {
                    <span class="note">{ "A suggestion to adapt by hand: copy what fits." }</span>
                }
                <button type="button" id="close-preview" onclick={props.onclose.clone()}>{ "Close" }</button>
            </div>
        </section>
    }
}
