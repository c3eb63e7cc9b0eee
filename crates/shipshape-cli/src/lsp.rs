//! `shipshape lsp`: a language server on standard input and output, for editors.
//!
//! It publishes the findings of each open Dockerfile as diagnostics at their exact tokens
//! (UTF-16 positions, as the protocol counts), offers each finding's fix as a quick fix and
//! every safe fix at once as `source.fixAll.shipshape`, shows a rule's documentation on
//! hover, and outlines the file (its stages, and their instructions). Documents are synchronised whole (the files are small and a lint takes
//! milliseconds). The configuration is found as the `check` command finds it, from the
//! workspace folder: `.hadolint.yaml`, then hadolint's variables; it is read again when the
//! client reports changed settings or watched files. Build arguments (`docker build
//! --build-arg`) come from the editor's settings: `{"shipshape": {"buildArgs": {"NAME":
//! "VALUE"}}}` in `workspace/didChangeConfiguration`, or `{"buildArgs": {…}}` as
//! `initializationOptions` (the `{"shipshape": {"buildArgs": …}}` section is read there
//! too, for clients that send their settings as they are).
//!
//! Only JSON-RPC framing and the handful of messages above are implemented, with
//! `serde_json`; a malformed message is answered with an error and the server goes on.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{json, Value};
use shipshape::config::Config;
use shipshape::diagnostic::{Applicability, Edit};
use shipshape::rules::{Diagnostic, Severity};
use shipshape::syntax::{LineIndex, Span};

/// JSON-RPC error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;

const USAGE: &str = "\
usage: shipshape lsp [--stdio]
A language server on standard input and output. It reads .hadolint.yaml from the workspace
folder and hadolint's variables, as `shipshape check` does. Build arguments (docker build
--build-arg) come from the editor's settings, {\"shipshape\": {\"buildArgs\": {\"NAME\":
\"VALUE\"}}}, or from initializationOptions {\"buildArgs\": {\"NAME\": \"VALUE\"}}.
";

pub fn run(args: &[String]) -> ExitCode {
    if matches!(args, [h] if h == "--help" || h == "-h") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if !args.is_empty() && args != ["--stdio"] {
        eprintln!("shipshape: usage: shipshape lsp [--stdio]");
        return ExitCode::from(2);
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut server = Server::new(|msg: &Value| {
        let body = msg.to_string();
        let mut out = stdout.lock();
        // A client that went away cannot be told anything; the read loop ends at its EOF.
        let _ = write!(out, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = out.flush();
    });
    loop {
        let message = match read_message(&mut input) {
            Ok(Some(m)) => m,
            Ok(None) => break,
            Err(e) => {
                eprintln!("shipshape lsp: {e}");
                break;
            }
        };
        if let Some(code) = server.handle(&message) {
            return code;
        }
    }
    // The input ended without `exit`: as the protocol says, 1 unless `shutdown` came first.
    ExitCode::from(if server.shut_down { 0 } else { 1 })
}

/// One framed message: `Content-Length: N` headers, a blank line, N bytes of JSON. Returns
/// the body as text (`None` at the end of the input).
fn read_message(input: &mut impl BufRead) -> Result<Option<String>, String> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue; // Blank lines between messages.
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim()))?,
                );
            }
        }
    }
    let n = length.expect("the loop only breaks with a length");
    if n > 64 << 20 {
        return Err(format!("a message of {n} bytes is too large"));
    }
    let mut body = vec![0; n];
    input.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}

/// An open document and its lint, made once per change: diagnostics, code actions, hover
/// and the outline all read it.
struct Document {
    text: String,
    version: Option<i64>,
    /// The configuration it was linted with (the workspace's, with its `.dockerignore`).
    config: Config,
    result: shipshape::LintResult,
}

impl Document {
    fn new(text: String, version: Option<i64>, config: Config) -> Document {
        let result = shipshape::lint(&text, &config);
        Document { text, version, config, result }
    }
}

pub(crate) struct Server<W: FnMut(&Value)> {
    send: W,
    documents: HashMap<String, Document>,
    /// The workspace folder, where `.hadolint.yaml` is looked for.
    root: Option<PathBuf>,
    config: Config,
    /// The build arguments of the editor's settings (`buildArgs`).
    build_args: Vec<(String, String)>,
    shut_down: bool,
    /// The client can be asked to watch `.hadolint.yaml` (dynamic registration).
    can_watch: bool,
}

impl<W: FnMut(&Value)> Server<W> {
    pub(crate) fn new(send: W) -> Self {
        Server {
            send,
            documents: HashMap::new(),
            root: None,
            config: Config::default(),
            build_args: Vec::new(),
            shut_down: false,
            can_watch: false,
        }
    }

    /// Handles one message; `Some` when the server must stop with that exit code.
    pub(crate) fn handle(&mut self, text: &str) -> Option<ExitCode> {
        let msg: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                self.error(Value::Null, PARSE_ERROR, &format!("not JSON: {e}"));
                return None;
            }
        };
        let id = msg.get("id").cloned();
        let Some(method) = msg.get("method").and_then(Value::as_str) else {
            // A response to a request of ours (we send none), or nonsense.
            if msg.get("result").is_none() && msg.get("error").is_none() {
                self.error(id.unwrap_or(Value::Null), INVALID_REQUEST, "a message needs a method");
            }
            return None;
        };
        let params = msg.get("params").cloned().unwrap_or(Value::Null);
        if self.shut_down && method != "exit" {
            if let Some(id) = id {
                self.error(id, INVALID_REQUEST, "the server is shut down");
            }
            return None;
        }
        let answer = match method {
            "initialize" => Ok(self.initialize(&params)),
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "exit" => return Some(ExitCode::from(if self.shut_down { 0 } else { 1 })),
            "initialized" => {
                if self.can_watch {
                    // Ask to hear of edits to the configuration (the answer needs no action).
                    let watch = json!({ "registrations": [{
                        "id": "shipshape-config",
                        "method": "workspace/didChangeWatchedFiles",
                        "registerOptions": { "watchers": [{ "globPattern": "**/.hadolint.{yaml,yml}" }] },
                    }]});
                    let request = json!({ "jsonrpc": "2.0", "id": "shipshape-watch-config", "method": "client/registerCapability", "params": watch });
                    (self.send)(&request);
                }
                return None;
            }
            "textDocument/didOpen" => {
                let doc = &params["textDocument"];
                match (doc["uri"].as_str(), doc["text"].as_str()) {
                    (Some(uri), Some(text)) => {
                        let doc =
                            Document::new(text.to_string(), doc["version"].as_i64(), self.config_for(uri));
                        self.documents.insert(uri.to_string(), doc);
                        self.publish(uri);
                    }
                    _ => eprintln!("shipshape lsp: didOpen without a uri or text"),
                }
                return None;
            }
            "textDocument/didChange" => {
                let uri = params["textDocument"]["uri"].as_str().unwrap_or_default().to_string();
                // Whole-document sync: the last change holds the whole text.
                let text = params["contentChanges"]
                    .as_array()
                    .and_then(|c| c.last())
                    .and_then(|c| c["text"].as_str());
                match (self.documents.get_mut(&uri), text) {
                    (Some(doc), Some(text)) => {
                        let config = std::mem::take(&mut doc.config);
                        *doc = Document::new(
                            text.to_string(),
                            params["textDocument"]["version"].as_i64(),
                            config,
                        );
                        self.publish(&uri);
                    }
                    _ => eprintln!("shipshape lsp: didChange of a document that is not open: {uri}"),
                }
                return None;
            }
            "textDocument/didClose" => {
                if let Some(uri) = params["textDocument"]["uri"].as_str() {
                    self.documents.remove(uri);
                    let clear = json!({ "uri": uri, "diagnostics": [] });
                    self.notify("textDocument/publishDiagnostics", clear);
                }
                return None;
            }
            // The client says the settings or watched files changed (`.hadolint.yaml` among
            // them, when it watches it): read the configuration again and re-lint.
            "workspace/didChangeConfiguration" | "workspace/didChangeWatchedFiles" => {
                // Settings that hold a `shipshape` section replace the build arguments
                // (none there: none); a bare "something changed" keeps them.
                let section = &params["settings"]["shipshape"];
                if method == "workspace/didChangeConfiguration" && section.is_object() {
                    self.build_args = self.build_args_of(&section["buildArgs"]);
                }
                self.config = self.load_config();
                let uris: Vec<String> = self.documents.keys().cloned().collect();
                for uri in uris {
                    let config = self.config_for(&uri);
                    if let Some(doc) = self.documents.get_mut(&uri) {
                        *doc = Document::new(std::mem::take(&mut doc.text), doc.version, config);
                    }
                    self.publish(&uri);
                }
                return None;
            }
            "textDocument/codeAction" => self.code_actions(&params),
            "textDocument/hover" => self.hover(&params),
            "textDocument/documentSymbol" => self.symbols(&params),
            _ if id.is_none() => return None, // Notifications we do not use ($/…, didSave …).
            _ => {
                self.error(id.unwrap_or(Value::Null), METHOD_NOT_FOUND, &format!("no method `{method}`"));
                return None;
            }
        };
        if let Some(id) = id {
            match answer {
                Ok(result) => (self.send)(&json!({ "jsonrpc": "2.0", "id": id, "result": result })),
                Err(e) => self.error(id, INVALID_PARAMS, &e),
            }
        }
        None
    }

    fn error(&mut self, id: Value, code: i64, message: &str) {
        (self.send)(&json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }));
    }

    fn notify(&mut self, method: &str, params: Value) {
        (self.send)(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let folder =
            params["workspaceFolders"].as_array().and_then(|f| f.first()).and_then(|f| f["uri"].as_str());
        self.root = folder.or(params["rootUri"].as_str()).and_then(file_path).or_else(|| {
            params["rootPath"].as_str().map(PathBuf::from).or_else(|| std::env::current_dir().ok())
        });
        let options = &params["initializationOptions"];
        let args = if options["buildArgs"].is_null() {
            &options["shipshape"]["buildArgs"]
        } else {
            &options["buildArgs"]
        };
        self.build_args = self.build_args_of(args);
        self.config = self.load_config();
        self.can_watch =
            params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == true;
        json!({
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": { "openClose": true, "change": 1 },
                "codeActionProvider": { "codeActionKinds": ["quickfix", "source.fixAll.shipshape"] },
                "hoverProvider": true,
                "documentSymbolProvider": true,
            },
            "serverInfo": { "name": "shipshape", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// `.hadolint.yaml` of the workspace (or hadolint's other places), then hadolint's
    /// variables. A broken file is reported in the editor and the defaults are used.
    fn load_config(&mut self) -> Config {
        let dir = self.root.clone().unwrap_or_default();
        let mut config = match crate::check::find_config(&dir) {
            Some(path) => match crate::check::load_config(&path) {
                Ok(c) => c,
                Err(e) => {
                    let text = format!("shipshape: {e}; using the default configuration");
                    self.notify("window/showMessage", json!({ "type": 2, "message": text }));
                    Config::default()
                }
            },
            None => Config::default(),
        };
        match crate::check::env_config(|name| std::env::var(name).ok()) {
            Ok(env) => env.lay_on(&mut config),
            Err(e) => {
                self.notify("window/showMessage", json!({ "type": 2, "message": format!("shipshape: {e}") }))
            }
        }
        config.build_args = self.build_args.clone();
        config
    }

    /// `buildArgs` of the settings: `{"NAME": "VALUE"}` (absent or null: none). An entry
    /// that does not read is left out, and the editor is told which and why.
    fn build_args_of(&mut self, value: &Value) -> Vec<(String, String)> {
        let mut args = Vec::new();
        let mut bad = Vec::new();
        match value {
            Value::Null => {}
            Value::Object(map) => {
                for (name, v) in map {
                    match v.as_str() {
                        _ if name.trim().is_empty() => bad.push(format!("`{name}` has no name")),
                        Some(v) => args.push((name.clone(), v.to_string())),
                        None => bad.push(format!("`{name}` must be a string, not {v}")),
                    }
                }
            }
            other => bad.push(format!("must be an object such as {{\"NAME\": \"VALUE\"}}, not {other}")),
        }
        if !bad.is_empty() {
            let text = format!("shipshape: buildArgs: {}; left out", bad.join("; "));
            self.notify("window/showMessage", json!({ "type": 2, "message": text }));
        }
        args
    }

    fn config_for(&self, uri: &str) -> Config {
        let mut config = self.config.clone();
        config.dockerignore =
            file_path(uri).and_then(|p| crate::check::dockerignore_for(&p.to_string_lossy()));
        config
    }

    fn publish(&mut self, uri: &str) {
        let Some(doc) = self.documents.get(uri) else { return };
        let result = &doc.result;
        let idx = &result.parse.line_index;
        let diagnostics: Vec<Value> =
            result.diagnostics.iter().map(|d| lsp_diagnostic(uri, &doc.text, idx, d)).collect();
        let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
        if let Some(v) = doc.version {
            params["version"] = json!(v);
        }
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn code_actions(&mut self, params: &Value) -> Result<Value, String> {
        let uri = params["textDocument"]["uri"].as_str().ok_or("codeAction without a uri")?;
        let doc = self.documents.get(uri).ok_or_else(|| format!("{uri} is not open"))?;
        let (text, config, result) = (&doc.text, &doc.config, &doc.result);
        let idx = &result.parse.line_index;
        let wanted = |kind: &str| match params["context"]["only"].as_array() {
            None => true,
            Some(only) => {
                only.iter().filter_map(Value::as_str).any(|k| kind == k || kind.starts_with(&format!("{k}.")))
            }
        };
        let range = &params["range"];
        let (from, to) = (position(range, "start"), position(range, "end"));
        let mut actions = Vec::new();
        if wanted("quickfix") {
            // Each finding in the asked range (touching counts: a caret at either end of a
            // token asks for its actions): its fix, and a pragma above its instruction that
            // turns it off. The fixes come first in the list.
            let mut ignores = Vec::new();
            for d in &result.diagnostics {
                let r = lsp_range(text, idx, d.span);
                if (r.2, r.3) < from || (r.0, r.1) > to {
                    continue;
                }
                if let Some(edit) = ignore_edit(text, result, d) {
                    ignores.push(json!({
                        "title": format!("Ignore {} for this instruction (# hadolint ignore)", d.code),
                        "kind": "quickfix",
                        "diagnostics": [lsp_diagnostic(uri, text, idx, d)],
                        "edit": { "changes": { uri: [text_edit(text, idx, &edit)] } },
                    }));
                }
                let Some(fix) = &d.fix else { continue };
                // Display-only suggestions are never applied, and the engine refuses a fix
                // whose result would add a syntax error or break the build (a new finding
                // of error severity). Only the findings in the range are checked: two
                // lints per fix.
                if fix.applicability == Applicability::DisplayOnly
                    || shipshape::fix_all::apply_checked(text, fix, config).is_err()
                {
                    continue;
                }
                let edits: Vec<Value> = fix.edits.iter().map(|e| text_edit(text, idx, e)).collect();
                let title = match fix.applicability {
                    Applicability::Safe => format!("{} ({})", fix.title, d.code),
                    _ => format!("{} ({}, unsafe: check the result)", fix.title, d.code),
                };
                actions.push(json!({
                    "title": title,
                    "kind": "quickfix",
                    "diagnostics": [lsp_diagnostic(uri, text, idx, d)],
                    "isPreferred": fix.applicability == Applicability::Safe,
                    "edit": { "changes": { uri: edits } },
                }));
            }
            actions.extend(ignores);
        }
        if wanted("source.fixAll.shipshape") {
            let all = shipshape::fix_all::fix_all_from(
                text,
                config,
                &shipshape::FixOptions::default(),
                result.clone(),
            );
            if all.changed(text) {
                let n = all.applied.len();
                let whole = Edit::replace(Span::new(0, text.len() as u32), all.text);
                actions.push(json!({
                    "title": format!("Fix all safe shipshape findings ({n})"),
                    "kind": "source.fixAll.shipshape",
                    "edit": { "changes": { uri: [text_edit(text, idx, &whole)] } },
                }));
            }
        }
        Ok(Value::Array(actions))
    }

    /// The outline: global instructions, then each stage (named by `AS`, else its index,
    /// with its base image) holding its instructions.
    fn symbols(&mut self, params: &Value) -> Result<Value, String> {
        let uri = params["textDocument"]["uri"].as_str().ok_or("documentSymbol without a uri")?;
        let doc = self.documents.get(uri).ok_or_else(|| format!("{uri} is not open"))?;
        let text = &doc.text;
        let parse = &doc.result.parse;
        let idx = &parse.line_index;
        let file = &parse.file;
        let instruction = |i: &shipshape::syntax::ast::Instruction| {
            use shipshape::syntax::ast::Keyword as K;
            let kind = match i.keyword {
                K::Run | K::Cmd | K::Entrypoint | K::Healthcheck | K::Onbuild => 12, // Function
                K::Env | K::Arg | K::Label => 7,                                     // Property
                _ => 8,                                                              // Field
            };
            let words: String = i.logical.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut name: String = words.chars().take(60).collect();
            if words.chars().count() > 60 {
                name.push('…');
            }
            json!({
                "name": if name.is_empty() { i.keyword_word.text.clone() } else { name },
                "kind": kind,
                "range": range_json(lsp_range(text, idx, i.span)),
                "selectionRange": range_json(lsp_range(text, idx, i.keyword_word.span)),
            })
        };
        let mut out: Vec<Value> = file.global_instructions().iter().map(instruction).collect();
        for stage in &file.stages {
            let Some(first) = file.instructions.get(stage.instructions.start) else { continue };
            let last = file.instructions.get(stage.instructions.end.saturating_sub(1)).unwrap_or(first);
            let name = match &stage.name {
                Some(n) => format!("stage {}: {}", stage.index, n.text),
                None => format!("stage {}", stage.index),
            };
            let selection =
                stage.name.as_ref().or(stage.base.as_ref()).map_or(first.keyword_word.span, |w| w.span);
            let children: Vec<Value> = file
                .instructions
                .get(stage.instructions.clone())
                .unwrap_or_default()
                .iter()
                .map(instruction)
                .collect();
            out.push(json!({
                "name": name,
                "detail": stage.base.as_ref().map_or(String::new(), |b| format!("FROM {}", b.text)),
                "kind": 2, // Module
                "range": range_json(lsp_range(text, idx, Span::new(first.span.start, last.span.end))),
                "selectionRange": range_json(lsp_range(text, idx, selection)),
                "children": children,
            }));
        }
        Ok(Value::Array(out))
    }

    /// The documentation of the rules whose findings are under the position.
    fn hover(&mut self, params: &Value) -> Result<Value, String> {
        let uri = params["textDocument"]["uri"].as_str().ok_or("hover without a uri")?;
        let doc = self.documents.get(uri).ok_or_else(|| format!("{uri} is not open"))?;
        let at = position(params, "position");
        let result = &doc.result;
        let idx = &result.parse.line_index;
        let mut parts = Vec::new();
        let mut hit = None;
        for d in &result.diagnostics {
            let r = lsp_range(&doc.text, idx, d.span);
            if at < (r.0, r.1) || at > (r.2, r.3) {
                continue;
            }
            hit.get_or_insert(r);
            let mut part = format!("**{}** `{}` ({}): {}", d.code, d.name, d.severity.as_str(), d.message);
            if let Some(help) = &d.help {
                part.push_str(&format!("\n\n{help}"));
            }
            if let Some(meta) = shipshape::lint::meta_of(d) {
                let why = meta.docs.why.split_whitespace().collect::<Vec<_>>().join(" ");
                part.push_str(&format!("\n\n{why}"));
            }
            parts.push(part);
        }
        Ok(match hit {
            None => Value::Null,
            Some(r) => json!({
                "contents": { "kind": "markdown", "value": parts.join("\n\n---\n\n") },
                "range": range_json(r),
            }),
        })
    }
}

/// The edit that turns `d` off for its instruction: `# hadolint ignore=CODE` on the line
/// above (indented like it), or `,CODE` added to such a pragma already there. `None` for a
/// finding outside any instruction, or a syntax error (no pragma hides those).
fn ignore_edit(text: &str, result: &shipshape::LintResult, d: &Diagnostic) -> Option<Edit> {
    if d.code == "DL1000" {
        return None;
    }
    let instr = result
        .parse
        .file
        .instructions
        .iter()
        .find(|i| i.span.start <= d.span.start && d.span.start <= i.span.end)?;
    let line_start = text[..instr.span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    // The line above, when it is a pragma: add the code to its list.
    if line_start > 0 {
        let above_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let above = text[above_start..line_start - 1].trim_end_matches('\r');
        let trimmed = above.trim_start();
        if let Some(rest) =
            trimmed.strip_prefix('#').map(str::trim_start).and_then(|r| r.strip_prefix("hadolint"))
        {
            if let Some(list) = rest.trim_start().strip_prefix("ignore=") {
                let list_at = above_start + (above.len() - list.len());
                let end = list.find(|c: char| c.is_whitespace() || c == '#').unwrap_or(list.len());
                if list[..end].split(',').any(|c| c.trim() == d.code) {
                    return None;
                }
                return Some(Edit::insert((list_at + end) as u32, format!(",{}", d.code)));
            }
        }
    }
    Some(shipshape::edits::insert_line_above(
        text,
        instr.span.start,
        &format!("# hadolint ignore={}", d.code),
    ))
}

/// (line, character) of `params[key]`, 0-based UTF-16; missing fields read as 0.
fn position(params: &Value, key: &str) -> (u32, u32) {
    let p = &params[key];
    let n = |f: &str| p[f].as_u64().unwrap_or(0).min(u32::MAX as u64) as u32;
    (n("line"), n("character"))
}

/// A byte span as (start line, start character, end line, end character), 0-based UTF-16.
fn lsp_range(text: &str, idx: &LineIndex, span: Span) -> (u32, u32, u32, u32) {
    let a = idx.line_col_utf16(text, span.start);
    let b = idx.line_col_utf16(text, span.end.max(span.start));
    (a.line - 1, a.col - 1, b.line - 1, b.col - 1)
}

fn range_json(r: (u32, u32, u32, u32)) -> Value {
    json!({ "start": { "line": r.0, "character": r.1 }, "end": { "line": r.2, "character": r.3 } })
}

fn text_edit(text: &str, idx: &LineIndex, e: &Edit) -> Value {
    json!({ "range": range_json(lsp_range(text, idx, e.span)), "newText": e.text })
}

fn lsp_diagnostic(uri: &str, text: &str, idx: &LineIndex, d: &Diagnostic) -> Value {
    let severity = match d.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info | Severity::Style => 3,
    };
    let related: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            json!({
                "location": { "uri": uri, "range": range_json(lsp_range(text, idx, l.span)) },
                "message": l.message,
            })
        })
        .collect();
    let mut v = json!({
        "range": range_json(lsp_range(text, idx, d.span)),
        "severity": severity,
        "code": d.code,
        "source": "shipshape",
        "message": d.message,
    });
    if !related.is_empty() {
        v["relatedInformation"] = Value::Array(related);
    }
    v
}

/// The path of a `file:` URI (percent-decoded), or `None` for other schemes.
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` (an empty authority) or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(out).ok()?;
    Some(Path::new(&path).to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris() {
        assert_eq!(file_path("file:///home/a%20b/Dockerfile"), Some(PathBuf::from("/home/a b/Dockerfile")));
        assert_eq!(file_path("file://localhost/x"), Some(PathBuf::from("/x")));
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file:///100%"), Some(PathBuf::from("/100%")));
    }

    /// Messages built from valid ones with random changes (a fixed-seed generator, so a
    /// failure repeats): the server answers or ignores each, and never panics.
    #[test]
    fn random_messages_never_panic() {
        let mut seed: u64 = 0x5eed;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n.max(1)
        };
        let texts = [
            "FROM debian:12\r\n# hadolint ignore=DL3015\r\nRUN apt-get install curl\r\n",
            "FROM debian\nRUN <<EOF\napt-get install x\nEOF\nRUNN x\n  RUN a && \\\n  b\n",
            "\u{feff}FROM é→🐳\nONBUILD RUN cd /x\n",
            "",
        ];
        let mut sent = 0;
        let mut server = Server::new(|_: &Value| sent += 1);
        let uri = "file:///w/Dockerfile";
        for round in 0..3000 {
            let text = texts[next(texts.len() as u64) as usize];
            // Cut the text at a random character boundary, or keep it whole.
            let cut = text.char_indices().map(|(i, _)| i).nth(next(40) as usize).unwrap_or(text.len());
            let text = &text[..cut];
            let (l1, c1, l2, c2) = (next(8), next(60), next(8), next(60));
            let (p1, p2) = (json!({ "line": l1, "character": c1 }), json!({ "line": l2, "character": c2 }));
            let msg = match next(10) {
                0 => {
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": { "uri": uri, "text": text, "version": round } } })
                }
                1 => {
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "textDocument": { "uri": uri, "version": round }, "contentChanges": [{ "text": text }] } })
                }
                2 => {
                    json!({ "jsonrpc": "2.0", "id": round, "method": "textDocument/codeAction", "params": { "textDocument": { "uri": uri }, "range": { "start": p1, "end": p2 }, "context": { "diagnostics": [] } } })
                }
                3 => {
                    json!({ "jsonrpc": "2.0", "id": round, "method": "textDocument/hover", "params": { "textDocument": { "uri": uri }, "position": p1 } })
                }
                4 => {
                    json!({ "jsonrpc": "2.0", "id": round, "method": "textDocument/codeAction", "params": { "range": 7 } })
                }
                5 => {
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": { "contentChanges": "x" } })
                }
                6 => {
                    json!({ "jsonrpc": "2.0", "method": "textDocument/didClose", "params": { "textDocument": { "uri": uri } } })
                }
                7 => json!({ "id": [round], "method": 5 }),
                8 => {
                    json!({ "jsonrpc": "2.0", "id": round, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": uri } } })
                }
                _ => {
                    json!({ "jsonrpc": "2.0", "id": round, "method": "initialize", "params": { "rootUri": "file:///nowhere%zz" } })
                }
            };
            let mut body = msg.to_string();
            if next(10) == 0 {
                // Truncated JSON.
                let at =
                    body.char_indices().map(|(i, _)| i).nth(next(body.len() as u64) as usize).unwrap_or(0);
                body.truncate(at);
            }
            assert!(server.handle(&body).is_none(), "{body}");
        }
        drop(server);
        assert!(sent > 1000, "{sent} messages sent back");
    }

    #[test]
    fn framing() {
        let mut input = std::io::Cursor::new(
            b"Content-Length: 2\r\n\r\n{}\r\n\r\nContent-Length: 4\r\nContent-Type: x\r\n\r\nnull".to_vec(),
        );
        assert_eq!(read_message(&mut input).unwrap().as_deref(), Some("{}"));
        assert_eq!(read_message(&mut input).unwrap().as_deref(), Some("null"));
        assert_eq!(read_message(&mut input).unwrap(), None);
        let mut bad = std::io::Cursor::new(b"Content-Length: x\r\n\r\n".to_vec());
        assert!(read_message(&mut bad).is_err());
    }
}
