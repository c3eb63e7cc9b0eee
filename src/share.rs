//! Share links: the Dockerfile and the settings, compressed into the URL fragment
//! (`#/share/…`). The fragment never reaches a server, and nothing is uploaded: the link
//! carries the whole state. Compression is the browser's own `CompressionStream`
//! (deflate-raw), so it costs the bundle nothing; the bytes are written in URL-safe base64.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableWritablePair, Response};

use crate::settings::Settings;
use crate::summary::Summary;

/// The route prefix of a share link.
pub const PREFIX: &str = "#/share/";
const HEADER: &str = "shipshape 1\n";
const SEPARATOR: &str = "---\n";

/// The state as text: a header, the settings lines, a separator, the Dockerfile.
pub fn state_text(source: &str, settings: &Settings) -> String {
    format!("{HEADER}{}{SEPARATOR}{source}", settings.to_text())
}

/// Reads `state_text` back.
pub fn parse_state(text: &str) -> Result<(String, Settings), String> {
    let rest = text.strip_prefix(HEADER).ok_or("this link was not made by shipshape")?;
    let (settings, source) = if let Some(source) = rest.strip_prefix(SEPARATOR) {
        ("", source)
    } else {
        let at = rest.find(&format!("\n{SEPARATOR}")).ok_or("the link is cut short")?;
        (&rest[..at + 1], &rest[at + 1 + SEPARATOR.len()..])
    };
    Ok((source.to_string(), Settings::from_text(settings)))
}

/// The fragment (`#/share/…`) for this state.
pub async fn encode(source: &str, settings: &Settings) -> Result<String, String> {
    let bytes = transform(state_text(source, settings).as_bytes(), "CompressionStream").await?;
    Ok(format!("{PREFIX}{}", base64url(&bytes)))
}

/// The state in a fragment made by `encode` (the part after `#/share/`).
pub async fn decode(payload: &str) -> Result<(String, Settings), String> {
    let bytes = unbase64url(payload).ok_or("the link is damaged (not base64)")?;
    let text = transform(&bytes, "DecompressionStream").await.map_err(|_| "the link is damaged")?;
    parse_state(&String::from_utf8(text).map_err(|_| "the link is damaged (not text)")?)
}

/// Runs bytes through `CompressionStream` or `DecompressionStream` (deflate-raw).
async fn transform(bytes: &[u8], stream: &str) -> Result<Vec<u8>, String> {
    let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(stream))
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or(format!("this browser has no {stream}"))?;
    let codec = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&JsValue::from_str("deflate-raw")))
        .map_err(|e| crate::net::js_error(&e))?;
    let input = js_sys::Uint8Array::from(bytes);
    let body = Response::new_with_opt_buffer_source(Some(input.unchecked_ref()))
        .map_err(|e| crate::net::js_error(&e))?;
    let piped = body.body().ok_or("empty")?.pipe_through(codec.unchecked_ref::<ReadableWritablePair>());
    let out = Response::new_with_opt_readable_stream(Some(&piped)).map_err(|e| crate::net::js_error(&e))?;
    let buffer = JsFuture::from(out.array_buffer().map_err(|e| crate::net::js_error(&e))?)
        .await
        .map_err(|e| crate::net::js_error(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|&a| a == c).or(match c {
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        })? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// "Copy as Markdown": the link, then the findings (syntax errors first).
pub fn markdown(link: &str, summary: &Summary) -> String {
    let mut out = format!("[Open this Dockerfile in the shipshape playground]({link})\n\n");
    if summary.errors.is_empty() && summary.findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    for e in &summary.errors {
        out.push_str(&format!("- **syntax error** (line {}, column {}): {}\n", e.line, e.col, e.message));
    }
    for f in &summary.findings {
        out.push_str(&format!(
            "- **{}** {} (line {}, column {}): {}\n",
            f.code,
            f.severity.as_str(),
            f.line,
            f.col,
            f.message.replace('\n', " ")
        ));
    }
    out
}

/// Puts text on the clipboard (`navigator.clipboard.writeText`).
pub async fn copy(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined())
        .ok_or("this browser gives no clipboard access here")?;
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .map_err(|e| crate::net::js_error(&e))?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "no clipboard")?;
    let promise = write.call1(&clipboard, &JsValue::from_str(text)).map_err(|e| crate::net::js_error(&e))?;
    JsFuture::from(js_sys::Promise::from(promise)).await.map_err(|e| crate::net::js_error(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trip() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(unbase64url(&text).unwrap(), bytes, "{n}");
        }
        assert_eq!(base64url(b"Man"), "TWFu");
        assert_eq!(base64url(b"Ma"), "TWE");
        assert_eq!(unbase64url("TWE=").unwrap(), b"Ma");
        assert_eq!(unbase64url("T*E"), None);
    }

    #[test]
    fn state_round_trip() {
        let mut s = Settings::default();
        s.set_off(shipshape::rules::find_meta("DL3008").unwrap(), true);
        s.platform = "linux/arm64";
        for source in ["FROM alpine\n", "", "---\nFROM x\n---\n"] {
            let text = state_text(source, &s);
            assert_eq!(parse_state(&text).unwrap(), (source.to_string(), s.clone()));
            let plain = state_text(source, &Settings::default());
            assert_eq!(parse_state(&plain).unwrap(), (source.to_string(), Settings::default()));
        }
        assert!(parse_state("hello").is_err());
    }

    #[test]
    fn markdown_lists_findings() {
        let s = Summary::of("FROM debian\nRUN apt-get install curl\n", &Default::default());
        let md = markdown("http://x/#/share/abc", &s);
        assert!(
            md.starts_with("[Open this Dockerfile in the shipshape playground](http://x/#/share/abc)\n\n")
        );
        assert!(md.contains("- **DL3008** warning (line 2, column 21): "), "{md}");
        assert_eq!(md.lines().filter(|l| l.starts_with("- ")).count(), s.findings.len());
    }
}
