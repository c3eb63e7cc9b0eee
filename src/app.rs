//! The page: a header with the views (playground, rules, lessons, settings), the theme
//! toggle and the engine version, and a hash router, so the site works from any static
//! host and any subpath. Routes:
//!
//! - `#/` the playground; `#/rules`, `#/rules/DL3008`; `#/learn`, `#/learn/<id>`; `#/settings`;
//! - `#/share/<data>` a shared state, `#/try/<code>` a rule's bad example, `#/example/<id>`:
//!   these load into the playground and the address becomes `#/`.
//!
//! The text and the settings are saved in localStorage as they change.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::text::cls;

use crate::docs::DocsState;
use crate::learn::LearnPage;
use crate::playground::{first_text, Playground};
use crate::rules_page::RulesPage;
use crate::settings::Settings;
use crate::settings_view::SettingsPage;
use crate::storage;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Playground,
    Rules(Option<String>),
    Learn(Option<String>),
    Settings,
    /// One-off loads into the playground.
    Share(String),
    Try(String),
    Example(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (head, rest) = path.split_once('/').unwrap_or((path, ""));
        let rest = (!rest.is_empty()).then(|| rest.trim_end_matches('/').to_string());
        match head {
            "rules" => Route::Rules(rest),
            "learn" => Route::Learn(rest),
            "settings" => Route::Settings,
            "share" => Route::Share(rest.unwrap_or_default()),
            "try" => Route::Try(rest.unwrap_or_default()),
            "example" => Route::Example(rest.unwrap_or_default()),
            _ => Route::Playground,
        }
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Sets the address to `#/…` without a new history entry (after a one-off load).
fn replace_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
        }
    }
}

/// The theme: the system's, or one chosen with the toggle (saved).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }
}

#[component]
pub fn App() -> Html {
    let route = use_state(|| Route::parse(&current_hash()));
    let source = use_state(|| storage::get(storage::SOURCE).map(Rc::<str>::from).unwrap_or_else(first_text));
    let settings = use_state(|| {
        Rc::new(storage::get(storage::SETTINGS).map(|t| Settings::from_text(&t)).unwrap_or_default())
    });
    let theme = use_state(|| Theme::parse(&storage::get(storage::THEME).unwrap_or_default()));
    let docs = use_state(|| DocsState::Idle);
    let focus = use_state(|| None::<&'static str>);
    let notice = use_state(|| None::<String>);
    let done = use_state(|| {
        Rc::new(
            storage::get(storage::LESSONS_DONE)
                .map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .unwrap_or_default(),
        )
    });

    // Follow the address.
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(Route::parse(&current_hash())));
            let window = web_sys::window().expect("a window");
            let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            move || {
                let _ = window
                    .remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                drop(listener);
            }
        });
    }
    // One-off routes load into the playground.
    {
        let (route, source, settings, focus, notice, docs) =
            (route.clone(), source.clone(), settings.clone(), focus.clone(), notice.clone(), docs.clone());
        use_effect_with((*route).clone(), move |r| {
            let to_playground = |route: &UseStateHandle<Route>| {
                replace_hash("#/");
                route.set(Route::Playground);
            };
            match r.clone() {
                Route::Share(data) => {
                    let (route, source, settings, notice) =
                        (route.clone(), source.clone(), settings.clone(), notice.clone());
                    yew::platform::spawn_local(async move {
                        match crate::share::decode(&data).await {
                            Ok((text, s)) => {
                                source.set(text.into());
                                settings.set(Rc::new(s));
                                notice.set(Some("Opened a shared Dockerfile with its settings.".into()));
                            }
                            Err(e) => notice.set(Some(format!(
                                "Could not open the shared link: {e}. Your own text is unchanged."
                            ))),
                        }
                        to_playground(&route);
                    });
                }
                Route::Try(code) => {
                    let meta = shipshape::rules::find_meta(&code);
                    let (source, focus, notice, route, docs) =
                        (source.clone(), focus.clone(), notice.clone(), route.clone(), docs.clone());
                    match meta {
                        Some(meta) => yew::platform::spawn_local(async move {
                            // The bad example lives in the docs asset: the one the page has,
                            // else fetched now and kept for the doc viewers.
                            let loaded = match &*docs {
                                DocsState::Ready(d) => Ok(Rc::clone(d)),
                                _ => crate::docs::load().await.map(Rc::new),
                            };
                            if let Ok(d) = &loaded {
                                docs.set(DocsState::Ready(Rc::clone(d)));
                            }
                            match loaded {
                                Ok(docs) => match docs.rules.get(meta.code) {
                                    Some(d) => {
                                        source.set(Rc::from(d.bad.as_str()));
                                        focus.set(Some(meta.code));
                                        notice.set(Some(format!(
                                            "The bad example of {}: fix it and watch the finding go.",
                                            meta.code
                                        )));
                                    }
                                    None => notice.set(Some(format!("{} has no example.", meta.code))),
                                },
                                Err(e) => notice
                                    .set(Some(format!("Could not load the example of {}: {e}.", meta.code))),
                            }
                            to_playground(&route);
                        }),
                        None => {
                            notice.set(Some(format!("No rule is called {code}.")));
                            to_playground(&route);
                        }
                    }
                }
                Route::Example(id) => match crate::example::example(&id) {
                    Some(ex) => {
                        let (source, notice, route) = (source.clone(), notice.clone(), route.clone());
                        yew::platform::spawn_local(async move {
                            match ex.fetch().await {
                                Ok(text) => {
                                    source.set(Rc::from(text));
                                    notice.set(Some(format!("Loaded the example “{}”.", ex.title)));
                                }
                                Err(e) => notice.set(Some(format!("Could not load the example: {e}."))),
                            }
                            to_playground(&route);
                        });
                    }
                    None => {
                        notice.set(Some(format!("No example is called “{id}”.")));
                        to_playground(&route);
                    }
                },
                _ => {}
            }
        });
    }
    // A new view starts at the top of the page (a rule's doc scrolls itself into view).
    {
        let view = match &*route {
            Route::Rules(Some(_)) => None,
            Route::Rules(None) => Some(1),
            Route::Learn(id) => Some(2 + id.as_ref().map_or(0, |i| i.len())),
            Route::Settings => Some(3),
            _ => Some(0),
        };
        use_effect_with(view, |view| {
            if view.is_some() {
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
            }
        });
    }
    // Autosave (after a short pause in typing).
    {
        use_effect_with(Rc::clone(&source), move |text| {
            let text = Rc::clone(text);
            let timer = Timeout::new(300, move || storage::set(storage::SOURCE, &text));
            move || drop(timer)
        });
    }
    {
        use_effect_with(Rc::clone(&settings), move |s| storage::set(storage::SETTINGS, &s.to_text()));
    }
    // The theme: an attribute on <html> that the stylesheet reads.
    {
        use_effect_with(*theme, move |t| {
            if let Some(root) =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("data-theme", t.name());
            }
            storage::set(storage::THEME, t.name());
        });
    }
    // The rule docs are fetched the first time they are needed.
    let need_docs = {
        let docs = docs.clone();
        Callback::from(move |()| {
            if matches!(*docs, DocsState::Idle | DocsState::Failed(_)) {
                docs.set(DocsState::Loading);
                let docs = docs.clone();
                yew::platform::spawn_local(async move {
                    docs.set(match crate::docs::load().await {
                        Ok(docs) => DocsState::Ready(Rc::new(docs)),
                        Err(e) => DocsState::Failed(e),
                    });
                });
            }
        })
    };
    {
        let need_docs = need_docs.clone();
        let wanted = matches!(*route, Route::Rules(_) | Route::Settings | Route::Learn(_));
        use_effect_with(wanted, move |&w| {
            if w {
                need_docs.emit(());
            }
        });
    }
    let onsource = {
        let (source, notice) = (source.clone(), notice.clone());
        Callback::from(move |text: Rc<str>| {
            source.set(text);
            if notice.is_some() {
                notice.set(None);
            }
        })
    };
    let onsettings = {
        let settings = settings.clone();
        Callback::from(move |s: Settings| settings.set(Rc::new(s)))
    };
    let onfocus = {
        let focus = focus.clone();
        Callback::from(move |f: Option<&'static str>| focus.set(f))
    };
    let ondone = {
        let done = done.clone();
        Callback::from(move |id: &'static str| {
            if !done.iter().any(|d| d == id) {
                let mut next = (*done).as_ref().clone();
                next.push(id.to_string());
                storage::set(storage::LESSONS_DONE, &next.join(" "));
                done.set(Rc::new(next));
            }
        })
    };
    let onreset = {
        let done = done.clone();
        Callback::from(move |()| {
            storage::remove(storage::LESSONS_DONE);
            done.set(Rc::new(Vec::new()));
        })
    };
    let toggle_theme = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| theme.set(theme.next()))
    };
    let nav = |href: &'static str, label: &'static str, here: bool| {
        html! { <a {href} class={cls(&["nav-link", if here { "current" } else { "" }])} aria-current={here.then_some("page")}>{ label }</a> }
    };
    let r = &*route;
    let view = match r {
        Route::Rules(code) => html! {
            <RulesPage selected={code.clone().map(AttrValue::from)} docs={(*docs).clone()} settings={(*settings).clone()} />
        },
        Route::Learn(id) => html! {
            <LearnPage lesson={id.clone().map(AttrValue::from)} done={(*done).clone()} {ondone} {onreset} docs={(*docs).clone()} />
        },
        Route::Settings => {
            html! { <SettingsPage settings={(*settings).clone()} onsettings={onsettings.clone()} docs={(*docs).clone()} /> }
        }
        _ => html! {
            <Playground
                source={(*source).clone()}
                {onsource}
                settings={(*settings).clone()}
                onsettings={onsettings}
                docs={(*docs).clone()}
                ondocs={need_docs}
                focus={*focus}
                {onfocus}
                notice={(*notice).clone()}
            />
        },
    };
    html! {
        <>
            <a class="skip-link" href="#editor">{ "Skip to the editor" }</a>
            <header class="masthead">
                <div class="brand">
                    <a href="#/" class="logo">{ "shipshape" }</a>
                    <span class="tagline">{ "Dockerfile playground: lint, fix and size, all in your browser" }</span>
                </div>
                <nav class="nav" aria-label="Views">
                    { nav("#/", "Playground", matches!(r, Route::Playground | Route::Share(_) | Route::Try(_) | Route::Example(_))) }
                    { nav("#/rules", "Rules", matches!(r, Route::Rules(_))) }
                    { nav("#/learn", "Lessons", matches!(r, Route::Learn(_))) }
                    { nav("#/settings", "Settings", matches!(r, Route::Settings)) }
                </nav>
                <button type="button" id="theme-toggle" class="theme-toggle" onclick={toggle_theme}
                    title="Theme: follow the system, light or dark" data-theme={theme.name()}>
                    { match *theme { Theme::System => "Theme: system", Theme::Light => "Theme: light", Theme::Dark => "Theme: dark" } }
                </button>
            </header>
            { view }
            <footer class="footer">
                <span>{ "Nothing you type leaves this page: no server, no tracking." }</span>
                <span id="engine-version">{ format!("shipshape engine {} · {} rules", shipshape::VERSION, shipshape::rules::all_metas().len()) }</span>
            </footer>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(Route::parse(""), Route::Playground);
        assert_eq!(Route::parse("#/"), Route::Playground);
        assert_eq!(Route::parse("#/rules"), Route::Rules(None));
        assert_eq!(Route::parse("#/rules/"), Route::Rules(None));
        assert_eq!(Route::parse("#/rules/DL3008"), Route::Rules(Some("DL3008".into())));
        assert_eq!(Route::parse("#/learn/one-process"), Route::Learn(Some("one-process".into())));
        assert_eq!(Route::parse("#/settings"), Route::Settings);
        assert_eq!(Route::parse("#/share/abc-_"), Route::Share("abc-_".into()));
        assert_eq!(Route::parse("#/try/DL3020"), Route::Try("DL3020".into()));
        assert_eq!(Route::parse("#/example/node"), Route::Example("node".into()));
        assert_eq!(Route::parse("#/nowhere"), Route::Playground);
    }
}
