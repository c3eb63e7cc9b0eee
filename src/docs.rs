//! The rules' documentation texts (why, bad example, good example). They are not in the
//! wasm (the engine is built without its `docs` feature, 22 KB gzipped less): `make docs`
//! writes them into `docs/rules/rule-docs.json`, Trunk copies that next to index.html, and
//! the page fetches it the first time a rule's documentation is shown.

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

pub const DOCS_URL: &str = "rule-docs.json";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocText {
    pub summary: String,
    pub why: String,
    pub bad: String,
    pub good: String,
}

/// A lesson's texts and Dockerfiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonText {
    pub text: String,
    pub try_it: String,
    pub start: String,
    pub done: String,
}

/// The texts of `rule-docs.json`.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Docs {
    pub rules: HashMap<String, DocText>,
    pub lessons: HashMap<String, LessonText>,
}

/// Where the texts are.
#[derive(Clone, Debug, PartialEq)]
pub enum DocsState {
    Idle,
    Loading,
    Ready(Rc<Docs>),
    Failed(String),
}

impl DocsState {
    /// A rule's one-line summary, once the texts are here.
    pub fn summary(&self, code: &str) -> &str {
        self.get(code).map_or("", |d| d.summary.as_str())
    }

    pub fn get(&self, code: &str) -> Option<&DocText> {
        match self {
            DocsState::Ready(d) => d.rules.get(code),
            _ => None,
        }
    }

    pub fn lesson(&self, id: &str) -> Option<&LessonText> {
        match self {
            DocsState::Ready(d) => d.lessons.get(id),
            _ => None,
        }
    }
}

/// Fetches and reads `rule-docs.json` (parsed by the browser's JSON, not by Rust code).
pub async fn load() -> Result<Docs, String> {
    let text = crate::net::fetch_text(DOCS_URL).await?;
    let json = js_sys::JSON::parse(&text).map_err(|_| "the file is not JSON".to_string())?;
    let get = |o: &JsValue, key: &str| {
        js_sys::Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let text = |o: &JsValue, key: &str| get(o, key).as_string().unwrap_or_default();
    let entries = |o: JsValue| -> Vec<(String, JsValue)> {
        if !o.is_object() {
            return Vec::new();
        }
        js_sys::Object::entries(o.unchecked_ref())
            .iter()
            .map(|e| {
                let pair: js_sys::Array = e.unchecked_into();
                (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
            })
            .collect()
    };
    let rules = entries(get(&json, "rules"))
        .into_iter()
        .map(|(code, d)| {
            let doc = DocText {
                summary: text(&d, "summary"),
                why: text(&d, "why"),
                bad: text(&d, "bad"),
                good: text(&d, "good"),
            };
            (code, doc)
        })
        .collect::<HashMap<_, _>>();
    let lessons = entries(get(&json, "lessons"))
        .into_iter()
        .map(|(id, l)| {
            let lesson = LessonText {
                text: text(&l, "text"),
                try_it: text(&l, "try_it"),
                start: text(&l, "start"),
                done: text(&l, "done"),
            };
            (id, lesson)
        })
        .collect();
    if rules.is_empty() {
        return Err("the file has no rules".into());
    }
    Ok(Docs { rules, lessons })
}
