//! The settings page (`#/settings`): rules on and off and their severities, the failure
//! threshold, trusted registries, the label schema, the size assumptions, and import and
//! export of `.hadolint.yaml`. Every change applies at once and is saved.

use std::rc::Rc;

use shipshape::config::LabelType;
use shipshape::rules::all_metas;
use shipshape::Severity;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::text::cls;

use crate::settings::{threshold_name, Settings, PLATFORMS};

#[derive(Properties, PartialEq)]
pub struct SettingsPageProps {
    pub settings: Rc<Settings>,
    /// For the rules' summaries.
    pub docs: crate::docs::DocsState,
    pub onsettings: Callback<Settings>,
}

const LEVELS: [&str; 4] = ["error", "warning", "info", "style"];

/// Lines of a text area, trimmed, blanks dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// `name: type` lines of the label schema; the lines that do not read are returned apart.
pub fn parse_labels(text: &str) -> (Vec<(String, LabelType)>, Vec<String>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for l in lines(text) {
        match l.rsplit_once(':').and_then(|(n, t)| Some((n.trim().to_string(), LabelType::parse(t.trim())?)))
        {
            Some((n, t)) if !n.is_empty() => ok.push((n, t)),
            _ => bad.push(l),
        }
    }
    (ok, bad)
}

#[component]
pub fn SettingsPage(props: &SettingsPageProps) -> Html {
    let s = &props.settings;
    let filter = use_state(String::new);
    let yaml_text = use_state(String::new);
    let yaml_status = use_state(|| None::<Result<String, String>>);
    let labels_text = use_state(|| {
        s.config
            .label_schema
            .iter()
            .map(|(n, t)| format!("{n}: {}", t.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    });
    // One handler for the form: every field says what it is by its id (and a rule's
    // fields by data-rule); `apply` holds the logic (tested natively).
    let on_change = {
        let (settings, on) = (props.settings.clone(), props.onsettings.clone());
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
            let (value, checked, number) = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                (i.value(), i.checked(), i.value_as_number())
            } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                (s.value(), false, f64::NAN)
            } else if let Some(a) = el.dyn_ref::<HtmlTextAreaElement>() {
                (a.value(), false, f64::NAN)
            } else {
                return;
            };
            let rule = el.get_attribute("data-rule");
            let change = Change { id: &el.id(), rule: rule.as_deref(), value: &value, checked, number };
            let mut next = (*settings).clone();
            if apply(&mut next, &change) {
                on.emit(next);
            }
        })
    };
    let (label_rows, label_bad) = parse_labels(&labels_text);
    let on_labels = {
        let (settings, on, labels_text) =
            (props.settings.clone(), props.onsettings.clone(), labels_text.clone());
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            let text = a.value();
            let (ok, _) = parse_labels(&text);
            labels_text.set(text);
            if ok != settings.config.label_schema {
                let mut next = (*settings).clone();
                next.config.label_schema = ok;
                on.emit(next);
            }
        })
    };
    let on_yaml_input = {
        let yaml_text = yaml_text.clone();
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            yaml_text.set(a.value());
        })
    };
    let import = {
        let (settings, on, yaml_text, status, labels_text) = (
            props.settings.clone(),
            props.onsettings.clone(),
            yaml_text.clone(),
            yaml_status.clone(),
            labels_text.clone(),
        );
        move |text: String| match settings.with_hadolint_yaml(&text) {
            Ok(next) => {
                let c = &next.config;
                status.set(Some(Ok(format!(
                    "Imported: {} rules off, {} severity changes, {} trusted registries, {} labels.",
                    c.ignored.len(),
                    c.overrides.len(),
                    c.trusted_registries.len(),
                    c.label_schema.len()
                ))));
                labels_text.set(
                    c.label_schema
                        .iter()
                        .map(|(n, t)| format!("{n}: {}", t.as_str()))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
                yaml_text.set(text);
                on.emit(next);
            }
            Err(e) => status.set(Some(Err(format!("Not imported: {e}.")))),
        }
    };
    let import_pasted = {
        let (import, yaml_text) = (import.clone(), yaml_text.clone());
        Callback::from(move |_: MouseEvent| import((*yaml_text).clone()))
    };
    let import_file = {
        let (import, status) = (import.clone(), yaml_status.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let (import, status) = (import.clone(), status.clone());
            yew::platform::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(text) => import(text.as_string().unwrap_or_default()),
                    Err(e) => status
                        .set(Some(Err(format!("Could not read the file: {}", crate::net::js_error(&e))))),
                }
            });
            input.set_value("");
        })
    };
    let exported = s.to_hadolint_yaml();
    let download = {
        let exported = exported.clone();
        Callback::from(move |_: MouseEvent| download_text(".hadolint.yaml", &exported))
    };
    let reset = {
        let on = props.onsettings.clone();
        Callback::from(move |_: MouseEvent| on.emit(Settings::default()))
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            filter.set(i.value());
        })
    };
    let rules: Vec<_> = all_metas()
        .iter()
        .filter(|m| crate::rules_page::matches(m, props.docs.summary(m.code), &filter))
        .collect();
    html! {
        <main class="settings-page" onchange={on_change}>
            <section class="pane" aria-labelledby="settings-title">
                <div class="pane-head">
                    <h1 class="page-title" id="settings-title">{ "Settings" }</h1>
                    <button type="button" id="settings-reset" onclick={reset} disabled={s.changes() == 0}>{ "Reset to defaults" }</button>
                    <a class="button primary" href="#/">{ "Back to the playground" }</a>
                </div>
                <p class="muted">{ "Saved in this browser and carried in share links. The same keys as hadolint's .hadolint.yaml." }</p>
                <div class="settings-grid">
                    <label for="threshold">{ "Failure threshold" }
                        <select id="threshold">
                            { for LEVELS.iter().chain(&["none"]).map(|l| html! {
                                <option value={*l} selected={threshold_name(s.config.failure_threshold) == *l}>
                                    { match *l { "none" => "never fail".to_string(), l => format!("{l} and above") } }
                                </option>
                            }) }
                        </select>
                        <span class="muted small">{ "CI fails on findings at this level or above." }</span>
                    </label>
                    <label for="trusted">{ "Trusted registries (DL3026), one per line" }
                        <textarea id="trusted" rows="3" placeholder="docker.io\n*.gcr.io"
                            value={s.config.trusted_registries.join("\n")} />
                    </label>
                    <label for="labels">{ "Label schema (DL3049–DL3058): name: type" }
                        <textarea id="labels" rows="3" oninput={on_labels}
                            placeholder="org.opencontainers.image.source: url\nmaintainer: text"
                            value={(*labels_text).clone()} />
                        if !label_bad.is_empty() {
                            <span class="bad small" role="alert">{ format!("Not read (types: text, url, semver, hash, rfc3339, spdx, email): {}", label_bad.join("; ")) }</span>
                        } else {
                            <span class="muted small">{ format!("{} labels required", label_rows.len()) }</span>
                        }
                    </label>
                    <label class="check"><input type="checkbox" id="strict-labels" checked={s.config.strict_labels} />
                        { " Strict labels: report labels outside the schema" }</label>
                    <label class="check"><input type="checkbox" id="disable-pragma" checked={s.config.disable_ignore_pragma} />
                        { " Ignore # hadolint ignore= comments" }</label>
                    <label for="platform">{ "Platform for size estimates" }
                        <select id="platform">
                            { for PLATFORMS.iter().map(|p| html! { <option value={*p} selected={*p == s.platform}>{ *p }</option> }) }
                        </select>
                    </label>
                    <label for="settings-context">{ "Build context size assumption (MB)" }
                        <input id="settings-context" type="number" min="0" step="any"
                            value={crate::size_panel::mb_number(s.context_bytes)} />
                    </label>
                </div>
            </section>
            <section class="pane" aria-labelledby="yaml-title">
                <h2 id="yaml-title">{ ".hadolint.yaml" }</h2>
                <div class="yaml-grid">
                    <div>
                        <label for="yaml-import">{ "Paste a .hadolint.yaml" }</label>
                        <textarea id="yaml-import" class="yaml" rows="8" value={(*yaml_text).clone()} oninput={on_yaml_input}
                            placeholder="ignored:\n  - DL3008\noverride:\n  error:\n    - DL3015" />
                        <div class="row">
                            <button type="button" id="yaml-apply" class="primary" onclick={import_pasted}>{ "Import" }</button>
                            <label class="button" for="yaml-file">{ "Import a file…" }</label>
                            <input type="file" id="yaml-file" class="visually-hidden" accept=".yaml,.yml,text/yaml" onchange={import_file} />
                        </div>
                        { (*yaml_status).as_ref().map(|st| match st {
                            Ok(m) => html! { <p id="yaml-status" class="ok" role="status">{ m.clone() }</p> },
                            Err(m) => html! { <p id="yaml-status" class="bad" role="alert">{ m.clone() }</p> },
                        }) }
                    </div>
                    <div>
                        <span class="label">{ "Export" }</span>
                        <pre id="yaml-export" class="yaml">{ exported }</pre>
                        <button type="button" id="yaml-download" onclick={download}>{ "Download .hadolint.yaml" }</button>
                    </div>
                </div>
            </section>
            <section class="pane" aria-labelledby="rules-settings-title">
                <div class="pane-head">
                    <h2 id="rules-settings-title">{ "Rules" }</h2>
                    <input type="search" id="settings-rule-filter" placeholder="Filter rules" aria-label="Filter rules"
                        value={(*filter).clone()} oninput={on_filter} />
                </div>
                <table class="rules-table">
                    <thead><tr><th scope="col">{ "On" }</th><th scope="col">{ "Rule" }</th><th scope="col">{ "Severity" }</th><th scope="col">{ "What it reports" }</th></tr></thead>
                    <tbody>
                        { for rules.iter().map(|m| rule_row(m, props.docs.summary(m.code), s)) }
                    </tbody>
                </table>
            </section>
        </main>
    }
}

fn rule_row(meta: &'static shipshape::rules::RuleMeta, summary: &str, s: &Settings) -> Html {
    let off = s.is_off(meta);
    let severity = s.severity_of(meta);
    let id = format!("rule-on-{}", meta.code);
    html! {
        <tr data-code={meta.code} class={cls(&[if off { "off" } else { "" }])}>
            <td><input type="checkbox" id={id.clone()} data-rule={meta.code} checked={!off}
                aria-label={format!("{} on", meta.code)} /></td>
            <td><label for={id}><code>{ meta.code }</code></label>{ " " }<a href={format!("#/rules/{}", meta.code)} class="muted small">{ meta.name }</a></td>
            <td>
                <select data-rule={meta.code} aria-label={format!("{} severity", meta.code)} disabled={off}>
                    if meta.severity.is_none() {
                        <option value="off" selected={severity.is_none()}>{ "off by default" }</option>
                    }
                    { for LEVELS.iter().map(|l| html! {
                        <option value={*l} selected={severity.map(|s| s.as_str()) == Some(*l)}>{ *l }</option>
                    }) }
                </select>
            </td>
            <td class="small">{ crate::text::rich(summary) }</td>
        </tr>
    }
}

/// One changed field of the settings form: its id, the rule it belongs to (`data-rule`),
/// its value, whether it is checked, and its value as a number (NaN when none).
pub struct Change<'a> {
    pub id: &'a str,
    pub rule: Option<&'a str>,
    pub value: &'a str,
    pub checked: bool,
    pub number: f64,
}

/// Applies a field's change; false when it changes nothing (or is not a settings field).
pub fn apply(s: &mut Settings, c: &Change) -> bool {
    let before = s.clone();
    if let Some(meta) = c.rule.and_then(shipshape::rules::find_meta) {
        if c.id.starts_with("rule-on-") {
            s.set_off(meta, !c.checked);
        } else {
            s.set_severity(meta, Severity::parse(c.value));
        }
        return *s != before;
    }
    match c.id {
        "threshold" => {
            if let Some(t) = shipshape::Config::parse_threshold(c.value) {
                s.config.failure_threshold = t;
            }
        }
        "trusted" => s.config.trusted_registries = lines(c.value),
        "strict-labels" => s.config.strict_labels = c.checked,
        "disable-pragma" => s.config.disable_ignore_pragma = c.checked,
        "platform" => {
            if let Some(p) = PLATFORMS.iter().find(|p| **p == c.value) {
                s.platform = p;
            }
        }
        // The browser reads the number (NaN when the field holds none).
        "settings-context" if c.number.is_finite() && (0.0..=1e6).contains(&c.number) => {
            s.context_bytes = (c.number * 1e6).round() as u64;
        }
        _ => {}
    }
    *s != before
}

/// Saves text as a file (a Blob link clicked once; nothing leaves the browser).
fn download_text(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/yaml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[cfg(test)]
mod tests {
    use super::*;
    use shipshape::config::Threshold;

    #[test]
    fn label_lines() {
        let (ok, bad) = parse_labels(
            "maintainer: text\n\n org.opencontainers.image.source : url\nversion: number\nnocolon\n",
        );
        assert_eq!(
            ok,
            vec![
                ("maintainer".into(), LabelType::Text),
                ("org.opencontainers.image.source".into(), LabelType::Url)
            ]
        );
        assert_eq!(bad, vec!["version: number".to_string(), "nocolon".to_string()]);
    }

    #[test]
    fn form_changes() {
        let change = |id, rule, value, checked, number| Change { id, rule, value, checked, number };
        let mut s = Settings::default();
        assert!(apply(&mut s, &change("rule-on-DL3008", Some("DL3008"), "on", false, f64::NAN)));
        assert!(s.is_off(shipshape::rules::find_meta("DL3008").unwrap()));
        assert!(apply(&mut s, &change("", Some("DL3015"), "error", false, f64::NAN)));
        assert_eq!(s.config.overrides, vec![("DL3015".to_string(), Severity::Error)]);
        assert!(apply(&mut s, &change("threshold", None, "none", false, f64::NAN)));
        assert_eq!(s.config.failure_threshold, Threshold::Never);
        assert!(apply(&mut s, &change("trusted", None, "docker.io\n\n *.gcr.io \n", false, f64::NAN)));
        assert_eq!(s.config.trusted_registries, ["docker.io", "*.gcr.io"]);
        assert!(apply(&mut s, &change("platform", None, "linux/arm64", false, f64::NAN)));
        assert!(apply(&mut s, &change("settings-context", None, "12.5", false, 12.5)));
        assert_eq!(s.context_bytes, 12_500_000);
        // Not settings fields, or values that do not read: nothing changes.
        assert!(!apply(&mut s, &change("settings-context", None, "x", false, f64::NAN)));
        assert!(!apply(&mut s, &change("platform", None, "linux/s390x", false, f64::NAN)));
        assert!(!apply(&mut s, &change("settings-rule-filter", None, "apt", false, f64::NAN)));
        assert!(!apply(&mut s, &change("", Some("XX0000"), "error", false, f64::NAN)));
    }

    #[test]
    fn threshold_names_read_back() {
        for t in [Threshold::At(Severity::Warning), Threshold::Never] {
            assert_eq!(shipshape::Config::parse_threshold(threshold_name(t)), Some(t));
        }
    }
}
