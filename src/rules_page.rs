//! The rules reference (`#/rules`, `#/rules/DL3008`): every rule, searchable, with its
//! documentation and a "try it" link that opens the playground on the rule's bad example.

use std::rc::Rc;

use shipshape::rules::{all_metas, FixAvailability, RuleMeta};
use yew::prelude::*;

use crate::text::cls;

use crate::docs::DocsState;
use crate::settings::Settings;

#[derive(Properties, PartialEq)]
pub struct RulesPageProps {
    /// The rule open from the route.
    pub selected: Option<AttrValue>,
    pub docs: DocsState,
    pub settings: Rc<Settings>,
}

/// Whether a rule matches a search: its code, name, aliases, summary or category.
pub fn matches(meta: &RuleMeta, summary: &str, query: &str) -> bool {
    let q = query.trim().to_ascii_lowercase();
    q.is_empty()
        || q.split_whitespace().all(|w| {
            meta.code.to_ascii_lowercase().contains(w)
                || meta.name.contains(w)
                || summary.to_ascii_lowercase().contains(w)
                || meta.category.as_str().contains(w)
                || meta.aliases.iter().any(|a| a.to_ascii_lowercase().contains(w))
        })
}

#[component]
pub fn RulesPage(props: &RulesPageProps) -> Html {
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            query.set(i.value());
        })
    };
    let selected = props.selected.as_ref().and_then(|c| shipshape::rules::find_meta(c));
    let list: Vec<&RuleMeta> =
        all_metas().iter().copied().filter(|m| matches(m, props.docs.summary(m.code), &query)).collect();
    // Bring the open rule into view when it is opened by a link.
    {
        let code = selected.map(|m| m.code);
        use_effect_with(code, move |code| {
            if code.is_some() {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("rule-detail"))
                {
                    // Only as far as needed: on a wide screen the doc is already in view.
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        });
    }
    html! {
        <main class="rules-page">
            <section class="pane rules-list-pane" aria-labelledby="rules-title">
                <div class="pane-head">
                    <h1 class="page-title" id="rules-title">{ format!("Rules ({})", all_metas().len()) }</h1>
                    <input id="rules-search" type="search" placeholder="Search: code, name, text or category"
                        aria-label="Search the rules" value={(*query).clone()} {oninput} />
                </div>
                <p class="muted" id="rules-count">{ format!("{} shown", list.len()) }</p>
                <ul class="rules-list" id="rules-list">
                    { for list.iter().map(|m| {
                        let current = selected.is_some_and(|s| s.code == m.code);
                        let off = props.settings.is_off(m);
                        let sev = props.settings.severity_of(m).map_or("off", |s| s.as_str());
                        html! {
                            <li class={cls(&["rule-row", if current { "current" } else { "" }])} data-code={m.code}>
                                <a href={format!("#/rules/{}", m.code)} aria-current={current.then_some("page")}>
                                    <code>{ m.code }</code>{ " " }<span class="rule-name">{ m.name }</span>
                                </a>
                                { " " }
                                <span class={cls(&["sev-badge", if off { "off" } else { sev }])}>
                                    { if off { "off" } else { sev } }
                                </span>
                                <span class="rule-summary">{ crate::text::rich(props.docs.summary(m.code)) }</span>
                            </li>
                        }
                    }) }
                </ul>
            </section>
            if let Some(meta) = selected {
                <article id="rule-detail" class="pane rule-detail" aria-labelledby="rule-detail-title">
                    <h2 id="rule-detail-title"><code>{ meta.code }</code>{ " " }<span class="rule-name">{ meta.name }</span></h2>
                    { doc_body(meta, &props.docs) }
                    <p>
                        <a class="button primary" id="try-it" href={format!("#/try/{}", meta.code)}>
                            { "Try it in the playground" }
                        </a>
                    </p>
                </article>
            } else if let Some(code) = &props.selected {
                <p class="pane" role="alert">{ format!("No rule is called {code}.") }</p>
            }
        </main>
    }
}

/// A rule's summary, facts and (once loaded) why, bad and good examples.
pub fn doc_body(meta: &RuleMeta, docs: &DocsState) -> Html {
    let texts = match docs {
        DocsState::Ready(_) => match docs.get(meta.code) {
            Some(d) => html! {
                <>
                    <h3>{ "Why" }</h3>
                    <p class="rule-why">{ crate::text::rich(&d.why) }</p>
                    <h3>{ "Bad" }</h3>
                    <pre class="example bad">{ d.bad.clone() }</pre>
                    <h3>{ "Good" }</h3>
                    <pre class="example good">{ d.good.clone() }</pre>
                </>
            },
            None => html! { <p class="muted">{ "This rule has no further documentation." }</p> },
        },
        DocsState::Failed(why) => html! {
            <p class="size-note bad" role="alert">{ format!("Could not load the rule documentation: {why}.") }</p>
        },
        _ => html! { <p class="muted" aria-busy="true">{ "Loading the documentation…" }</p> },
    };
    let pragma = meta
        .buildkit_name()
        .map_or(String::new(), |n| format!(", or for the whole file with # check=skip={n}"));
    html! {
        <>
            <p class="rule-summary">{ crate::text::rich(docs.summary(meta.code)) }</p>
            <p class="rule-meta">
                { meta.severity.map_or("off by default", |s| s.as_str()) }
                { " · " }{ meta.category.as_str() }
                { " · " }{ shipshape::rules::doc::upstream(meta) }
                { " · " }
                { match meta.fix {
                    FixAvailability::Always => "has a fix",
                    FixAvailability::Sometimes => "has a fix in some cases",
                    FixAvailability::None => "no automatic fix",
                } }
            </p>
            { texts }
            <p class="muted small">
                { format!("Turn it off for one instruction with # hadolint ignore={} on the line above{pragma}.", meta.code) }
            </p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_codes_names_and_words() {
        let m = shipshape::rules::find_meta("DL3008").unwrap();
        assert!(matches(m, "", ""));
        assert!(matches(m, "", "dl3008"));
        assert!(matches(m, "", "apt pin"));
        assert!(matches(m, "versions of the packages", "versions"));
        assert!(!matches(m, "", "versions"));
        assert!(!matches(m, "", "apt zzz"));
        let hits = all_metas().iter().filter(|m| matches(m, "", "dl30")).count();
        assert!(hits > 20 && hits < all_metas().len(), "{hits}");
    }
}
