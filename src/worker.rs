//! The engine off the page's thread. The page starts two module workers (`www/worker.js`),
//! one that lints and one that estimates image sizes, so that neither waits for the other.
//! Both load this same wasm (no second bundle): the lint worker calls [`summarize`], the
//! size worker [`estimate`], and the answers cross as numbers and strings (`wire`).
//!
//! At most one request is in flight per worker: while it is busy only the newest request
//! waits, and an answer for a text that has been edited since is dropped. Where a worker
//! cannot start (an old browser, a page without Trunk's preload links such as the wasm
//! tests), fails to load or throws (its `error` event), the page does the work on its own
//! thread.

use std::cell::RefCell;
use std::rc::Rc;

use shipshape::size::{self, Debian};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::settings::Settings;
use crate::size_panel::{load_debian, load_tables, Estimate};
use crate::summary::Summary;
use crate::wire::{self, SizeAnswer, Wire};

/// A wire message for `postMessage` (see `wire::pack`).
fn to_js(w: Wire) -> js_sys::Array {
    let (nums, joined) = wire::pack(w);
    js_sys::Array::of2(&js_sys::Uint32Array::from(&nums[..]), &JsValue::from_str(&joined))
}

/// In the lint worker: lints `text` with the settings of `settings` (`Settings::to_text`).
#[wasm_bindgen]
pub fn summarize(text: &str, settings: &str) -> js_sys::Array {
    let s = Settings::from_text(settings);
    to_js(wire::encode(&Summary::of(text, &s.config)))
}

thread_local! {
    /// The size worker's Debian table, once loaded.
    static DEBIAN: RefCell<Option<Rc<Debian>>> = const { RefCell::new(None) };
}

/// In the size worker: the size report of `text`, handed to `done(nums, strs)`. The size
/// tables, and the Debian table when the text installs packages, are fetched first (once);
/// a table that fails to load is said in the answer and tried again with the next request.
#[wasm_bindgen]
pub fn estimate(text: String, settings: String, done: js_sys::Function) {
    wasm_bindgen_futures::spawn_local(async move {
        let settings = Rc::new(Settings::from_text(&settings));
        let tables_error = match size::tables_loaded() {
            true => None,
            false => load_tables().await.err(),
        };
        let mut debian = DEBIAN.with(|d| d.borrow().clone());
        let mut debian_error = None;
        if debian.is_none() && size::needs_debian(&text) {
            match load_debian().await {
                Ok(table) => {
                    let table = Rc::new(table);
                    DEBIAN.with(|d| *d.borrow_mut() = Some(Rc::clone(&table)));
                    debian = Some(table);
                }
                Err(why) => debian_error = Some(why),
            }
        }
        let e = Estimate::of(Rc::from(text), debian.as_deref(), &settings);
        let answer = SizeAnswer { report: e.report, with_debian: e.with_debian, tables_error, debian_error };
        let out = to_js(wire::encode_size(&answer));
        let _ = done.call2(&JsValue::NULL, &out.get(0), &out.get(1));
    });
}

/// A text and the settings to work on it with.
pub type Request = (Rc<str>, Rc<Settings>);

/// What the page hears from a worker.
pub enum Answer {
    /// The answer to the newest request.
    Done(Request, Wire),
    /// The worker could not start: work on the page from now on.
    Failed,
}

/// At most one request in flight; while it is, only the newest request waits. Plain data,
/// so that the rule "stale answers are dropped" is tested natively.
#[derive(Debug)]
pub struct Flight<R> {
    /// The request being worked on: (id, request).
    in_flight: Option<(u32, R)>,
    /// The newest request, sent when the worker is free.
    waiting: Option<R>,
    next_id: u32,
}

impl<R> Default for Flight<R> {
    fn default() -> Self {
        Flight { in_flight: None, waiting: None, next_id: 0 }
    }
}

/// What to do with an answer.
#[derive(Debug, PartialEq)]
pub enum Landed<R> {
    /// Not the answer to the request in flight (a worker that restarted …): ignore it.
    Unknown,
    /// The text changed meanwhile: drop the answer and send this newer request (its id).
    Stale(u32),
    /// The answer to the newest request.
    Fresh(R),
}

impl<R: Clone> Flight<R> {
    /// A new request: Some(id) to send it now, None when it waits for the one in flight
    /// (it replaces whatever waited before).
    pub fn ask(&mut self, request: R) -> Option<u32> {
        if self.in_flight.is_some() {
            self.waiting = Some(request);
            return None;
        }
        Some(self.start(request))
    }

    fn start(&mut self, request: R) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.in_flight = Some((self.next_id, request));
        self.next_id
    }

    /// The request being worked on.
    pub fn current(&self) -> Option<&R> {
        self.in_flight.as_ref().map(|(_, r)| r)
    }

    /// The answer with `id` came back.
    pub fn landed(&mut self, id: u32) -> Landed<R> {
        let Some((_, request)) = self.in_flight.take_if(|(want, _)| *want == id) else {
            return Landed::Unknown;
        };
        match self.waiting.take() {
            Some(newer) => Landed::Stale(self.start(newer)),
            None => Landed::Fresh(request),
        }
    }

    /// The worker failed: nothing is in flight any more.
    pub fn clear(&mut self) {
        self.in_flight = None;
        self.waiting = None;
    }
}

#[derive(Default)]
struct State {
    failed: bool,
    flight: Flight<Request>,
    listener: Option<Callback<Answer>>,
    /// The last settings sent, as text (they rarely change between keystrokes).
    settings_text: Option<(Rc<Settings>, Rc<str>)>,
}

/// The worker's event handlers (kept alive as long as the worker).
type Handler = Closure<dyn Fn(JsValue)>;

/// The page's handle on one worker (each kept for the page's whole life).
pub struct EngineWorker {
    job: &'static str,
    worker: web_sys::Worker,
    state: RefCell<State>,
    _handlers: RefCell<Vec<Handler>>,
}

/// Which worker: the lint one or the size one.
#[derive(Clone, Copy)]
pub enum Job {
    Lint,
    Size,
}

thread_local! {
    static WORKERS: RefCell<[Option<Option<Rc<EngineWorker>>>; 2]> = const { RefCell::new([None, None]) };
}

/// The href of the first `<link>` matching `selector` (Trunk's preload links).
fn link(selector: &str) -> Option<String> {
    let el = web_sys::window()?.document()?.query_selector(selector).ok()??;
    el.dyn_into::<web_sys::HtmlLinkElement>().ok().map(|l| l.href())
}

fn get(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), &value);
}

impl EngineWorker {
    /// The page's worker for `job`, started on first use; None where none can run.
    pub fn get(job: Job) -> Option<Rc<EngineWorker>> {
        let name = match job {
            Job::Lint => "lint",
            Job::Size => "size",
        };
        WORKERS
            .with(|w| w.borrow_mut()[job as usize].get_or_insert_with(|| EngineWorker::start(name)).clone())
            .filter(|w| !w.state.borrow().failed)
    }

    fn start(job: &'static str) -> Option<Rc<EngineWorker>> {
        let glue = link("link[rel=modulepreload]")?;
        let wasm = link("link[rel=preload][as=fetch]")?;
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        opts.set_name(job);
        let worker = web_sys::Worker::new_with_options("worker.js", &opts).ok()?;
        let me =
            Rc::new(EngineWorker { job, worker, state: RefCell::default(), _handlers: RefCell::default() });
        let weak = Rc::downgrade(&me);
        let onmessage = Handler::new(move |e: JsValue| {
            if let Some(me) = weak.upgrade() {
                me.answer(&get(&e, "data"));
            }
        });
        // worker.js itself failed to load (missing from the site, offline before it was
        // cached), or the worker threw: the same as a worker that says it failed.
        let weak = Rc::downgrade(&me);
        let onerror = Handler::new(move |_| {
            if let Some(me) = weak.upgrade() {
                let failed = js_sys::Object::new();
                set(&failed, "failed", JsValue::TRUE);
                me.answer(&failed);
            }
        });
        me.worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        me.worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        me._handlers.borrow_mut().extend([onmessage, onerror]);
        let (init, urls) = (js_sys::Object::new(), js_sys::Object::new());
        set(&urls, "glue", glue.into());
        set(&urls, "wasm", wasm.into());
        set(&init, "init", urls.into());
        me.worker.post_message(&init).ok()?;
        Some(me)
    }

    /// Where answers go (the playground on screen).
    pub fn listen(&self, listener: Callback<Answer>) {
        self.state.borrow_mut().listener = Some(listener);
    }

    /// Asks for the work on `request`; the answer comes to the listener unless a newer
    /// request is made before it is ready.
    pub fn ask(&self, request: Request) {
        let id = self.state.borrow_mut().flight.ask(request);
        if let Some(id) = id {
            self.send(id);
        }
    }

    /// Posts the request in flight, `id`.
    fn send(&self, id: u32) {
        let mut st = self.state.borrow_mut();
        let Some((text, settings)) = st.flight.current().cloned() else { return };
        let settings_text = match &st.settings_text {
            Some((s, t)) if Rc::ptr_eq(s, &settings) => Rc::clone(t),
            _ => {
                let t: Rc<str> = settings.to_text().into();
                st.settings_text = Some((settings, Rc::clone(&t)));
                t
            }
        };
        drop(st);
        let msg = js_sys::Object::new();
        set(&msg, "job", JsValue::from_str(self.job));
        set(&msg, "id", JsValue::from(id));
        set(&msg, "text", JsValue::from_str(&text));
        set(&msg, "settings", JsValue::from_str(&settings_text));
        let _ = self.worker.post_message(&msg);
    }

    fn answer(&self, data: &JsValue) {
        let listener = self.state.borrow().listener.clone();
        if get(data, "failed").is_truthy() {
            let mut st = self.state.borrow_mut();
            st.failed = true;
            st.flight.clear();
            drop(st);
            if let Some(l) = listener {
                l.emit(Answer::Failed);
            }
            return;
        }
        let Some(id) = get(data, "id").as_f64() else { return };
        let landed = self.state.borrow_mut().flight.landed(id as u32);
        let request = match landed {
            Landed::Unknown => return,
            Landed::Stale(next) => return self.send(next),
            Landed::Fresh(request) => request,
        };
        let nums = js_sys::Uint32Array::from(get(data, "nums")).to_vec();
        let joined = get(data, "strs").as_string().unwrap_or_default();
        if let (Some(wire), Some(l)) = (wire::unpack(nums, &joined), listener) {
            l.emit(Answer::Done(request, wire));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_request_in_flight_and_stale_answers_dropped() {
        let mut f = Flight::default();
        assert_eq!(f.ask("a"), Some(1));
        // Typing on while "a" is linted: only the newest text waits.
        assert_eq!(f.ask("ab"), None);
        assert_eq!(f.ask("abc"), None);
        // The answer for "a" is stale: "abc" goes out, "ab" never does.
        assert_eq!(f.landed(1), Landed::Stale(2));
        assert_eq!(f.current(), Some(&"abc"));
        // An answer with another id (an old one, a restarted worker) changes nothing.
        assert_eq!(f.landed(1), Landed::Unknown);
        assert_eq!(f.landed(2), Landed::Fresh("abc"));
        assert_eq!(f.current(), None);
        // Free again: the next request goes at once.
        assert_eq!(f.ask("abcd"), Some(3));
        f.clear();
        assert_eq!(f.landed(3), Landed::Unknown);
        assert_eq!(f.ask("x"), Some(4));
    }
}
