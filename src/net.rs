//! Fetching the page's own assets (the size tables, the rule docs, the examples) and
//! reading JavaScript errors. Everything comes from this site: nothing else is asked.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableWritablePair, Response};

/// Fetches a text asset from this site; a gzipped body (by its magic bytes) is unpacked
/// with the browser's `DecompressionStream`. A plain (already unpacked) body is read as
/// it is, so a server that sends the file with `Content-Encoding: gzip` works too.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    // The global `fetch`: the page's, or the size worker's (src/worker.rs).
    let global = js_sys::global();
    let fetch = js_sys::Reflect::get(&global, &JsValue::from_str("fetch"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser cannot fetch")?;
    let asked = fetch.call1(&global, &JsValue::from_str(url)).map_err(|e| js_error(&e))?;
    let response: Response = JsFuture::from(js_sys::Promise::from(asked))
        .await
        .map_err(|e| format!("the request failed ({})", js_error(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| format!("the download broke off ({})", js_error(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let gzipped = bytes.length() >= 2 && bytes.get_index(0) == 0x1f && bytes.get_index(1) == 0x8b;
    let body =
        Response::new_with_opt_buffer_source(Some(buffer.unchecked_ref())).map_err(|e| js_error(&e))?;
    let text_of = if gzipped {
        // DecompressionStream is behind web-sys's unstable flag: look it up by name.
        let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("DecompressionStream"))
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
            .ok_or("this browser cannot unpack gzip (it has no DecompressionStream)")?;
        let unzip = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&JsValue::from_str("gzip")))
            .map_err(|e| js_error(&e))?;
        let stream = body.body().ok_or("the download is empty")?;
        let unpacked = stream.pipe_through(unzip.unchecked_ref::<ReadableWritablePair>());
        Response::new_with_opt_readable_stream(Some(&unpacked)).map_err(|e| js_error(&e))?
    } else {
        body
    };
    JsFuture::from(text_of.text().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| format!("unpacking failed ({})", js_error(&e)))?
        .as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// A JavaScript error as text.
pub fn js_error(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
