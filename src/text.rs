//! Messages, docs and lessons write code in backticks (`apt-get update`): shown as code.

use yew::prelude::*;

/// The text with each `backticked` part as `<code>`. An unpaired backtick stays as it is.
pub fn rich(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() < 3 {
        return html! { { text.to_string() } };
    }
    // With an even number of parts the last backtick is unpaired: keep it in the text.
    let paired = if parts.len() % 2 == 1 { parts.len() } else { parts.len() - 1 };
    let mut out: Vec<Html> = Vec::with_capacity(parts.len());
    for (i, part) in parts[..paired].iter().enumerate() {
        if i % 2 == 1 {
            out.push(html! { <code class="inline">{ part.to_string() }</code> });
        } else if !part.is_empty() {
            out.push(html! { { part.to_string() } });
        }
    }
    if paired < parts.len() {
        out.push(html! { { format!("`{}", parts[paired..].join("`")) } });
    }
    out.into_iter().collect::<Html>()
}

/// A `class` attribute from its parts, the empty ones left out. One shared function
/// instead of `classes!`, which the compiler expands anew at every use (0.6 KB of the
/// gzipped wasm over 26 uses).
pub fn cls(parts: &[&str]) -> AttrValue {
    let mut out = String::new();
    for p in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    out.into()
}

#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    pub class: &'static str,
    pub label: AttrValue,
    pub children: Html,
}

/// A button that shows or hides what follows it: what `<details>` does. Not `<details>`
/// itself: with a closed one anywhere in the page, Chromium's paste into the editor's
/// textarea took 1 s instead of 0.15 s for 5,000 lines (measured with tests/perf/run.mjs;
/// an open one, or this, costs nothing).
#[component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div class={cls(&["disclosure", props.class])}>
            <button type="button" class="link" aria-expanded={(*open).to_string()} onclick={toggle}>
                { props.label.clone() }
            </button>
            <div hidden={!*open}>{ props.children.clone() }</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(h: Html) -> String {
        format!("{h:?}")
    }

    #[test]
    fn class_parts_join_without_empties() {
        assert_eq!(cls(&["finding", "", "warning"]).as_str(), "finding warning");
        assert_eq!(cls(&["", ""]).as_str(), "");
    }

    #[test]
    fn backticks_become_code() {
        assert!(shown(rich("Run `apt-get update` first")).contains("\"code\""));
        assert!(!shown(rich("no code here")).contains("\"code\""));
        // An unpaired backtick stays text.
        let odd = shown(rich("a `b` c ` d"));
        assert!(odd.contains("` d"), "{odd}");
    }
}
