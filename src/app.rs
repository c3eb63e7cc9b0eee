//! The playground page: the editor on one side, what the parser sees on the other.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::example::EXAMPLE;
use crate::summary::{ErrorRow, FindingRow, InstructionRow, Summary};

/// The whole playground. Every `input` event re-lints the text: linting a page-sized
/// Dockerfile takes well under a millisecond, so there is no debounce and no worker yet.
#[component]
pub fn App() -> Html {
    let source = use_state(|| Rc::<str>::from(EXAMPLE));
    let summary = use_memo(Rc::clone(&source), |text| Summary::of(text));
    let editor = use_node_ref();
    let marks = use_node_ref();
    // The rule whose documentation is open, if any.
    let doc = use_state(|| None::<&'static str>);
    let open_doc = {
        let doc = doc.clone();
        Callback::from(move |code: Option<&'static str>| doc.set(code))
    };
    let oninput = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            let editor: HtmlTextAreaElement = e.target_unchecked_into();
            source.set(editor.value().into());
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
                <section class="pane results-pane" aria-label="Parse results">
                    <Status summary={summary.clone()} />
                    <h2 class="pane-title">{ "Findings" }</h2>
                    <Findings summary={summary.clone()} onselect={select} ondoc={open_doc.clone()} />
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
