//! The settings page (`#/settings`): rules on and off and their severities, the failure
//! threshold, trusted registries, the label schema, the build arguments, the size
//! assumptions, and import and export of `.hadolint.yaml`. Every change applies at once
//! and is saved.

use std::rc::Rc;

use shipshape::config::{LabelType, Threshold};
use shipshape::rules::all_metas;
use shipshape::Severity;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::text::cls;

use crate::settings::{parse_build_arg, Settings, PLATFORMS};

#[derive(Properties, PartialEq)]
pub struct SettingsPageProps {
    pub settings: Rc<Settings>,
    /// For the rules' summaries.
    pub docs: crate::docs::DocsState,
    pub onsettings: Callback<Settings>,
}

/// The severities from the most severe (the engine's order: a test checks it).
const LEVELS: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Style];

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

/// `NAME=VALUE` lines of the build arguments; the lines that do not read are returned apart,
/// each with its line number and why.
pub fn parse_build_args(text: &str) -> (Vec<(String, String)>, Vec<String>) {
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for (n, l) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match parse_build_arg(l) {
            Ok(arg) => ok.push(arg),
            Err(why) => bad.push(format!("line {} `{}`: {why}", n + 1, l.trim())),
        }
    }
    (ok, bad)
}

/// The build arguments as the text area shows them.
fn build_args_text(args: &[(String, String)]) -> String {
    args.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("\n")
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
    // The text as typed, bad lines included (they show an error and are not applied).
    let args_text = use_state(|| build_args_text(&s.config.build_args));
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
    let (_, args_bad) = parse_build_args(&args_text);
    let on_build_args = {
        let (settings, on, args_text) = (props.settings.clone(), props.onsettings.clone(), args_text.clone());
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            let text = a.value();
            let (ok, _) = parse_build_args(&text);
            args_text.set(text);
            if ok != settings.config.build_args {
                let mut next = (*settings).clone();
                next.config.build_args = ok;
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
        let (on, args_text) = (props.onsettings.clone(), args_text.clone());
        Callback::from(move |_: MouseEvent| {
            args_text.set(String::new());
            on.emit(Settings::default())
        })
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
                            { for LEVELS.iter().map(|l| html! {
                                <option value={l.as_str()} selected={s.config.failure_threshold == Threshold::At(*l)}>
                                    { format!("{} and above", l.as_str()) }
                                </option>
                            }) }
                            <option value="none" selected={s.config.failure_threshold == Threshold::Never}>{ "never fail" }</option>
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
                    <label for="build-args">{ "Build arguments (docker build --build-arg), NAME=VALUE per line" }
                        <textarea id="build-args" rows="3" oninput={on_build_args} spellcheck="false"
                            aria-invalid={(!args_bad.is_empty()).to_string()}
                            aria-describedby="build-args-note"
                            placeholder="PKGS=curl wget\nPYTHON_VERSION=3.12"
                            value={(*args_text).clone()} />
                        if !args_bad.is_empty() {
                            <span id="build-args-note" class="bad small" role="alert">{ format!("Not applied: {}", args_bad.join("; ")) }</span>
                        } else {
                            <span id="build-args-note" class="muted small">{ "The values declared ARGs take, as in the build (not a .hadolint.yaml key)." }</span>
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
                        <option value={l.as_str()} selected={severity == Some(*l)}>{ l.as_str() }</option>
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
            assert_eq!(shipshape::Config::parse_threshold(crate::settings::threshold_name(t)), Some(t));
        }
        assert!(LEVELS.windows(2).all(|w| w[0] < w[1]), "{LEVELS:?}");
    }

    #[test]
    fn build_argument_lines() {
        let (ok, bad) =
            parse_build_args("PKGS=curl wget\n\n VERSION = 3.12 \nEMPTY=\nPKGS\n=git\nMY VAR=1\n");
        assert_eq!(
            ok,
            [
                ("PKGS".into(), "curl wget".into()),
                ("VERSION".into(), "3.12".into()),
                ("EMPTY".into(), String::new())
            ]
        );
        assert_eq!(
            bad,
            [
                "line 5 `PKGS`: no `=`: write NAME=VALUE",
                "line 6 `=git`: no name before `=`: write NAME=VALUE",
                "line 7 `MY VAR=1`: a name has no spaces",
            ]
        );
        assert_eq!(build_args_text(&ok), "PKGS=curl wget\nVERSION=3.12\nEMPTY=");
    }
}
