//! Linting off the page's thread. The page starts a module worker (`www/worker.js`) that
//! loads this same wasm (no second bundle) and calls [`summarize`]; the answer crosses as
//! numbers and strings (`wire`). Until the worker is ready, or where it cannot start (an
//! old browser, a page without Trunk's preload links such as the wasm tests), the page
//! lints on its own thread as before.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::settings::Settings;
use crate::summary::Summary;
use crate::wire::{self, Wire};

/// In the worker: lints `text` with the settings of `settings` (`Settings::to_text`).
#[wasm_bindgen]
pub fn summarize(text: &str, settings: &str) -> js_sys::Array {
    let s = Settings::from_text(settings);
    let w = wire::encode(&Summary::of(text, &s.config));
    let strs: js_sys::Array = w.strs.iter().map(|s| JsValue::from_str(s)).collect();
    js_sys::Array::of2(&js_sys::Uint32Array::from(&w.nums[..]), &strs)
}

/// The page's handle on the worker.
pub struct LintWorker {
    worker: web_sys::Worker,
    ready: Rc<Cell<bool>>,
    _onmessage: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for LintWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// The href of the first `<link>` matching `selector` (Trunk's preload links).
fn link(selector: &str) -> Option<String> {
    let el = web_sys::window()?.document()?.query_selector(selector).ok()??;
    el.dyn_into::<web_sys::HtmlLinkElement>().ok().map(|l| l.href())
}

impl LintWorker {
    /// Starts the worker; `on_result` gets (request id, summary) for each answer.
    pub fn start(on_result: Callback<(u32, Summary)>) -> Option<LintWorker> {
        let glue = link("link[rel=modulepreload]")?;
        let wasm = link("link[rel=preload][as=fetch]")?;
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("worker.js", &opts).ok()?;
        let ready = Rc::new(Cell::new(false));
        let onmessage = {
            let ready = ready.clone();
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let get = |k: &str| {
                    js_sys::Reflect::get(&data, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
                };
                if get("ready").is_truthy() {
                    ready.set(true);
                    return;
                }
                let Some(id) = get("id").as_f64() else { return };
                let nums = js_sys::Uint32Array::from(get("nums")).to_vec();
                let strs = js_sys::Array::from(&get("strs"))
                    .iter()
                    .map(|s| s.as_string().unwrap_or_default())
                    .collect();
                if let Some(summary) = wire::decode(&Wire { nums, strs }) {
                    on_result.emit((id as u32, summary));
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        let urls = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&urls, &"glue".into(), &glue.into());
        let _ = js_sys::Reflect::set(&urls, &"wasm".into(), &wasm.into());
        let _ = js_sys::Reflect::set(&init, &"init".into(), &urls);
        worker.post_message(&init).ok()?;
        Some(LintWorker { worker, ready, _onmessage: onmessage })
    }

    /// Whether the worker answers (else the page lints itself).
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Asks for the summary of `text`; the answer comes to `on_result` with `id`.
    pub fn lint(&self, id: u32, text: &str, settings: &Settings) {
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from(id));
        let _ = js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(text));
        let _ = js_sys::Reflect::set(&msg, &"settings".into(), &JsValue::from_str(&settings.to_text()));
        let _ = self.worker.post_message(&msg);
    }
}
