//! The playground page: the editor on one side, what the parser sees on the other.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::example::EXAMPLE;
use crate::summary::{ErrorRow, InstructionRow, Summary};

/// The whole playground. Every `input` event re-parses the text: parsing takes
/// microseconds, so there is no debounce and no worker.
#[component]
pub fn App() -> Html {
    let source = use_state(|| Rc::<str>::from(EXAMPLE));
    let summary = use_memo(Rc::clone(&source), |text| Summary::of(text));
    let oninput = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            let editor: HtmlTextAreaElement = e.target_unchecked_into();
            source.set(editor.value().into());
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
                    <textarea
                        id="editor"
                        value={AttrValue::from(Rc::clone(&source))}
                        {oninput}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                    />
                </section>
                <section class="pane results-pane" aria-label="Parse results">
                    <Status summary={summary.clone()} />
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
            { count(s.errors.len(), "error") }
        </p>
    }
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
