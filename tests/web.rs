//! The playground in a real browser: mount the App, type into the editor, read the lists.
//!
//! `cargo test --target wasm32-unknown-unknown -p shipshape-app` (headless Chromium through
//! wasm-bindgen-test-runner and chromedriver).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo::timers::future::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlTextAreaElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector} on the page"))
}

/// Mounts a fresh App into its own div and waits for the first render. What an earlier
/// test saved (the text, the settings) is cleared first, as for a first visit.
async fn mount() -> Element {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<shipshape_app::App>::with_root(root.clone()).render();
    sleep(Duration::from_millis(30)).await;
    root
}

/// Replaces the editor text the way a keystroke does: new value, then an `input` event.
async fn type_text(root: &Element, typed: &str) {
    let editor: HtmlTextAreaElement = find(root, "#editor").dyn_into().unwrap();
    editor.set_value(typed);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertText");
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    editor.dispatch_event(&event).unwrap();
    // Rendered when the highlight layer under the editor draws the new text (one line per
    // line, so its text is the source without line breaks) and the findings are those of
    // the new text (the results pane is no longer busy: the text is drawn first, the lint
    // lands a moment later); a debug build in a busy browser can take a while.
    for _ in 0..400 {
        sleep(Duration::from_millis(15)).await;
        let drawn = text(root, ".hl-inner").replace('\u{200b}', "") == typed.replace('\n', "");
        let linted = find(root, ".results-pane").get_attribute("aria-busy").as_deref() == Some("false");
        if drawn && linted {
            return;
        }
    }
    panic!("the page did not render and lint the typed text within 6 s");
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> String {
    find(root, selector).get_attribute("data-count").unwrap_or_default()
}

#[wasm_bindgen_test]
async fn example_parses_clean() {
    let root = mount().await;
    assert!(root.query_selector("#errors").unwrap().is_none(), "an error list without errors");
    let status = text(&root, "#status");
    assert!(
        status.starts_with("9 instructions · 1 stage · ") && status.contains(" · 0 syntax errors"),
        "{status}"
    );
    // Highlighted by the parser: the continued RUN's keyword and its continuation marks.
    let keywords = root.query_selector_all(".highlight .tok-keyword").unwrap();
    let words: Vec<String> =
        (0..keywords.length()).map(|i| keywords.item(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(words.iter().filter(|w| *w == "RUN").count(), 2, "{words:?}");
    assert_eq!(root.query_selector_all(".highlight .tok-continuation").unwrap().length(), 2);
}

#[wasm_bindgen_test]
async fn errors_follow_the_text() {
    let root = mount().await;

    type_text(&root, "FROM alpine\nRUNN echo hi\n").await;
    assert_eq!(count(&root, "#errors"), "1");
    let errors = text(&root, "#errors");
    assert!(errors.contains("Line 2, column 1: unknown instruction: RUNN"), "{errors}");
    assert!(errors.contains("unknown-instruction"), "{errors}");
    assert!(text(&root, "#status").starts_with("2 instructions · 1 stage · "));
    assert!(text(&root, "#status").contains(" · 1 syntax error"), "{}", text(&root, "#status"));

    type_text(&root, "FROM alpine\nRUN echo hi\n").await;
    assert!(root.query_selector("#errors").unwrap().is_none());
    assert!(text(&root, "#status").contains(" · 0 syntax errors"));
}

fn findings(root: &Element) -> Vec<String> {
    let list = root.query_selector_all("#findings li").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("data-code").unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn findings_show_at_their_columns_and_pragmas_hide_them() {
    let root = mount().await;
    type_text(&root, "FROM debian:12\nRUN apt-get install curl\n").await;
    let codes = findings(&root);
    for code in ["DL3014", "DL3015", "DL3008"] {
        assert!(codes.iter().any(|c| c == code), "{code} missing from {codes:?}");
    }
    let shown = text(&root, "#findings");
    assert!(shown.contains("DL3014 2:13"), "{shown}");
    assert!(shown.contains("DL3008 2:21"), "{shown}");
    // The spans are underlined in the editor: `install` and `curl`.
    let marks = root.query_selector_all(".highlight .mark").unwrap();
    let marked: Vec<String> =
        (0..marks.length()).map(|i| marks.item(i).unwrap().text_content().unwrap()).collect();
    assert!(marked.iter().any(|m| m == "curl") && marked.iter().any(|m| m.contains("install")), "{marked:?}");

    // Clicking a finding selects its span.
    let button: web_sys::HtmlElement =
        find(&root, "#findings li[data-code=\"DL3008\"] button").dyn_into().unwrap();
    button.click();
    sleep(Duration::from_millis(20)).await;
    let editor: HtmlTextAreaElement = find(&root, "#editor").dyn_into().unwrap();
    let (start, end) = (editor.selection_start().unwrap().unwrap(), editor.selection_end().unwrap().unwrap());
    assert_eq!(&editor.value()[start as usize..end as usize], "curl");

    type_text(&root, "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install curl\n").await;
    let mut after = findings(&root);
    let mut expected: Vec<String> = codes.into_iter().filter(|c| c != "DL3008").collect();
    after.sort();
    expected.sort();
    assert_eq!(after, expected, "only DL3008 is hidden");
}

#[wasm_bindgen_test]
async fn every_finding_links_to_its_rule_doc() {
    let root = mount().await;
    type_text(&root, "FROM debian:12\nRUN apt-get install curl\n").await;
    let link: web_sys::HtmlElement = find(&root, "#findings button[data-doc=\"DL3008\"]").dyn_into().unwrap();
    link.click();
    sleep(Duration::from_millis(30)).await;
    let doc = text(&root, "#rule-doc");
    assert!(doc.contains("DL3008") && doc.contains("apt-get-unpinned"), "{doc}");
    assert!(doc.contains("warning") && doc.contains("hadolint DL3008"), "{doc}");
    // The texts come from rule-docs.json, which this test server does not serve: the doc
    // says it is loading or that it could not load them (the end-to-end test reads them).
    assert!(
        doc.contains("Loading the documentation") || doc.contains("Could not load the rule documentation"),
        "{doc}"
    );
    let close: web_sys::HtmlElement = find(&root, "#rule-doc button.close").dyn_into().unwrap();
    close.click();
    sleep(Duration::from_millis(30)).await;
    assert!(root.query_selector("#rule-doc").unwrap().is_none());
}
