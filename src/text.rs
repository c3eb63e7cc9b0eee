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

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(h: Html) -> String {
        format!("{h:?}")
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
