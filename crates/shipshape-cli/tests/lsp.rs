//! `shipshape lsp` as an editor meets it: framed JSON-RPC on the process's pipes.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path, env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shipshape"));
        cmd.arg("lsp")
            .current_dir(dir)
            .env("HOME", dir)
            .env_remove("XDG_CONFIG_HOME")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (key, _) in std::env::vars() {
            if key.starts_with("HADOLINT_") {
                cmd.env_remove(key);
            }
        }
        let mut child = cmd.envs(env.iter().copied()).spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client { child, stdin, stdout, next_id: 0 }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send_raw(&json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string());
    }

    /// Sends a request and returns its response (skipping the notifications before it).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send_raw(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string());
        loop {
            let msg = self.read();
            if msg["id"] == id {
                return msg;
            }
        }
    }

    fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap();
            assert_eq!(name, "Content-Length");
            length = value.trim().parse().unwrap();
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let msg = self.read();
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == uri {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn initialize(&mut self, dir: &Path) -> Value {
        let root = format!("file://{}", dir.display());
        let answer =
            self.request("initialize", json!({ "processId": null, "rootUri": root, "capabilities": {} }));
        self.notify("initialized", json!({}));
        answer
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        let doc = json!({ "uri": uri, "languageId": "dockerfile", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
        self.diagnostics(uri)
    }

    fn finish(mut self) -> Option<i32> {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code()
    }
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shipshape-lsp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

/// Applies LSP text edits (0-based UTF-16 positions) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) =
            (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap() as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let rest = &text[start..];
        for (i, c) in rest.char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, new) in edits {
        out.replace_range(a..b, new);
    }
    out
}

const FILE: &str = "FROM debian:12\n# é → UTF-16\nRUN echo \"é→🐳\" && apt-get install curl\n";

#[test]
fn diagnostics_quick_fixes_and_hover() {
    let dir = tempdir("main");
    let mut c = Client::start(&dir, &[]);
    let init = c.initialize(&dir);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 1, "{init}");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(init["result"]["serverInfo"]["name"], "shipshape");

    let uri = format!("file://{}/Dockerfile", dir.display());
    let diags = c.open(&uri, FILE);
    for code in ["DL3008", "DL3014", "DL3015"] {
        assert!(codes(&diags).contains(&code), "{code} missing: {diags:?}");
    }
    // `install` on line 3 comes after `RUN echo "é→🐳" && apt-get `: 27 UTF-16 units (é and
    // → are one unit each, 🐳 two; a count of characters would give 26, of bytes 32).
    let dl3014 = diags.iter().find(|d| d["code"] == "DL3014").unwrap();
    assert_eq!(
        dl3014["range"],
        json!({ "start": { "line": 2, "character": 27 }, "end": { "line": 2, "character": 34 } })
    );
    assert_eq!((dl3014["severity"].as_u64(), dl3014["source"].as_str()), (Some(2), Some("shipshape")));

    // Quick fixes at the caret on `install`: the safe -y, and the unsafe
    // --no-install-recommends, marked as such and not preferred.
    let at = json!({ "start": { "line": 2, "character": 30 }, "end": { "line": 2, "character": 30 } });
    let answer = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": at, "context": { "diagnostics": [], "only": ["quickfix"] } }),
    );
    let actions = answer["result"].as_array().unwrap().clone();
    let fix_of = |code: &str| {
        actions.iter().find(|a| {
            a["diagnostics"][0]["code"] == code && !a["title"].as_str().unwrap().starts_with("Ignore")
        })
    };
    let yes = fix_of("DL3014").expect("a fix for DL3014");
    assert_eq!((yes["kind"].as_str(), yes["isPreferred"].as_bool()), (Some("quickfix"), Some(true)));
    let fixed = apply(FILE, yes["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(fixed, FILE.replace("install curl", "install -y curl"));
    let rec = fix_of("DL3015").expect("a fix for DL3015");
    assert!(rec["title"].as_str().unwrap().contains("unsafe"), "{rec}");
    assert_eq!(rec["isPreferred"], false);
    assert!(actions.iter().all(|a| a["kind"] == "quickfix"), "only quick fixes were asked for");
    // Each finding can also be turned off for its instruction, with hadolint's pragma.
    let ignore = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Ignore DL3014"))
        .expect("an ignore action for DL3014");
    let ignored = apply(FILE, ignore["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(ignored, FILE.replace("RUN echo", "# hadolint ignore=DL3014\nRUN echo"));
    // No action for a line without findings.
    let line1 = json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 3 } });
    let none =
        c.request("textDocument/codeAction", json!({ "textDocument": { "uri": uri }, "range": line1, "context": { "diagnostics": [], "only": ["quickfix"] } }));
    assert_eq!(none["result"], json!([]));

    // Fix all: the same text as `shipshape check --fix`.
    let all = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": line1, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let action = &all["result"][0];
    assert_eq!(action["kind"], "source.fixAll.shipshape", "{all}");
    let fixed_all = apply(FILE, action["edit"]["changes"][&uri].as_array().unwrap());
    std::fs::write(dir.join("Dockerfile"), FILE).unwrap();
    Command::new(env!("CARGO_BIN_EXE_shipshape"))
        .args(["check", "--fix", "Dockerfile"])
        .current_dir(&dir)
        .env("HOME", &dir)
        .output()
        .unwrap();
    assert_eq!(fixed_all, std::fs::read_to_string(dir.join("Dockerfile")).unwrap());

    // Typing the fix in: the finding goes, with the version of the change.
    let change =
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] });
    c.notify("textDocument/didChange", change);
    let diags = c.diagnostics(&uri);
    assert!(!codes(&diags).contains(&"DL3014") && codes(&diags).contains(&"DL3008"), "{diags:?}");

    // Hover on `curl` shows DL3008's message and docs; hover on the comment, nothing.
    let curl = diags.iter().find(|d| d["code"] == "DL3008").unwrap();
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": curl["range"]["start"] }),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**DL3008**") && text.contains("curl"), "{text}");
    assert_eq!(hover["result"]["range"], curl["range"]);
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 2 } }),
    );
    assert_eq!(hover["result"], Value::Null);

    // Closing clears the document's diagnostics.
    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert!(c.diagnostics(&uri).is_empty());
    assert_eq!(c.finish(), Some(0));
}

/// The workspace's `.hadolint.yaml` and hadolint's variables apply, as for `check`.
#[test]
fn configuration_of_the_workspace() {
    let dir = tempdir("config");
    std::fs::write(dir.join(".hadolint.yaml"), "ignored: [DL3008]\noverride:\n  error: [DL3014]\n").unwrap();
    let mut c = Client::start(&std::env::temp_dir(), &[("HADOLINT_IGNORE", "DL3015")]);
    // A client that can watch files is asked to watch the configuration.
    let root = format!("file://{}", dir.display());
    let caps = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    c.request("initialize", json!({ "processId": null, "rootUri": root, "capabilities": caps }));
    c.notify("initialized", json!({}));
    let ask = c.read();
    assert_eq!(ask["method"], "client/registerCapability", "{ask}");
    let watcher = &ask["params"]["registrations"][0];
    assert_eq!(watcher["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(watcher["registerOptions"]["watchers"][0]["globPattern"], "**/.hadolint.{yaml,yml}");
    c.send_raw(&json!({ "jsonrpc": "2.0", "id": ask["id"], "result": null }).to_string());
    let uri = format!("file://{}/Dockerfile", dir.display());
    let diags = c.open(&uri, FILE);
    assert!(!codes(&diags).contains(&"DL3008") && !codes(&diags).contains(&"DL3015"), "{diags:?}");
    let dl3014 = diags.iter().find(|d| d["code"] == "DL3014").unwrap();
    assert_eq!(dl3014["severity"], 1, "the override makes it an error");
    // An edited configuration applies when the client reports the change.
    std::fs::write(dir.join(".hadolint.yaml"), "ignored: [DL3014]\n").unwrap();
    let changes =
        json!({ "changes": [{ "uri": format!("file://{}/.hadolint.yaml", dir.display()), "type": 2 }] });
    c.notify("workspace/didChangeWatchedFiles", changes);
    let diags = c.diagnostics(&uri);
    assert!(!codes(&diags).contains(&"DL3014") && codes(&diags).contains(&"DL3008"), "{diags:?}");
    assert_eq!(c.finish(), Some(0));
}

/// Bad input is answered, never a crash: the server goes on.
#[test]
fn bad_messages_are_answered_and_the_server_goes_on() {
    let dir = tempdir("bad");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    c.send_raw("{ not json");
    let answer = c.read();
    assert_eq!(answer["error"]["code"], -32700, "{answer}");
    let answer = c.request("workspace/symbol", json!({ "query": "x" }));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    let answer =
        c.request("textDocument/codeAction", json!({ "textDocument": { "uri": "file:///not/open" } }));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    // A file that does not parse still gets its findings, at the broken token.
    let uri = "untitled:Untitled-1";
    let diags = c.open(uri, "FROM debian:12\nRUNN echo\nRUN apt-get install curl\n");
    let broken = diags.iter().find(|d| d["range"]["start"]["line"] == 1).expect("the broken line");
    assert_eq!(broken["severity"], 1);
    assert!(codes(&diags).contains(&"DL3014"), "the rest of the file is linted: {diags:?}");
    assert_eq!(c.finish(), Some(0));
}

/// `exit` without `shutdown` exits 1, as the protocol asks.
#[test]
fn exit_without_shutdown() {
    let dir = tempdir("exit");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}

/// "Ignore" adds the code to a pragma already above the instruction, and puts a new one
/// above a continued instruction's first line, indented like it.
#[test]
fn ignore_actions_extend_a_pragma_or_add_one() {
    let dir = tempdir("ignore");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    let uri = format!("file://{}/Dockerfile", dir.display());
    let text = "FROM debian:12\n# hadolint ignore=DL3015 # why: small image\nRUN apt-get install curl\nFROM debian:12 AS b\n  RUN apt-get update && \\\n    apt-get install -y wget\n";
    let diags = c.open(&uri, text);
    let ignore = |c: &mut Client, code: &str, line: u64| {
        let d = diags
            .iter()
            .find(|d| d["code"] == code && d["range"]["start"]["line"] == line)
            .unwrap_or_else(|| panic!("{code} on line {line}: {diags:?}"));
        let answer = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [] } }),
        );
        let action = answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(&format!("Ignore {code}")))
            .cloned()
            .expect("an ignore action");
        apply(text, action["edit"]["changes"][&uri].as_array().unwrap())
    };
    assert_eq!(ignore(&mut c, "DL3014", 2), text.replace("ignore=DL3015 #", "ignore=DL3015,DL3014 #"));
    // DL3008 on `wget`, line 6: the pragma goes above line 5, where the RUN starts.
    assert_eq!(
        ignore(&mut c, "DL3008", 5),
        text.replace("  RUN apt-get update", "  # hadolint ignore=DL3008\n  RUN apt-get update")
    );
    // And the result is quiet for that code.
    let fixed = ignore(&mut c, "DL3008", 5);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    let after = c.diagnostics(&uri);
    assert!(!after.iter().any(|d| d["code"] == "DL3008" && d["range"]["start"]["line"] == 6), "{after:?}");
    assert_eq!(c.finish(), Some(0));
}

/// A quick fix that would break the build is not offered: DL3009's `rm -rf
/// /var/lib/apt/lists/*` on line 2 leaves the install on line 4 without package lists
/// (SS6001). Without that later install, the same fix is offered.
#[test]
fn quick_fixes_that_break_the_build_are_not_offered() {
    let dir = tempdir("breaks-build");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    let uri = format!("file://{}/Dockerfile", dir.display());
    let line2 = json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 1, "character": 44 } });
    let titles = |c: &mut Client| -> Vec<String> {
        let answer = c.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": line2, "context": { "diagnostics": [], "only": ["quickfix"] } }),
        );
        answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    let text =
        "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n";
    let diags = c.open(&uri, text);
    assert!(codes(&diags).contains(&"DL3009"), "{diags:?}");
    assert!(!codes(&diags).contains(&"SS6001"), "{diags:?}");
    let offered = titles(&mut c);
    assert!(!offered.iter().any(|t| t.contains("(DL3009")), "{offered:?}");
    // The finding's other actions stay: its pragma, and the fixes of the line's other findings.
    assert!(offered.iter().any(|t| t.starts_with("Ignore DL3009")), "{offered:?}");
    assert!(offered.iter().any(|t| t.contains("(DL3015, unsafe")), "{offered:?}");

    let alone = "FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCOPY x /x\n";
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": alone }] }),
    );
    c.diagnostics(&uri);
    let offered = titles(&mut c);
    assert!(
        offered.iter().any(|t| t.contains("/var/lib/apt/lists/*") && t.contains("(DL3009")),
        "{offered:?}"
    );
    assert_eq!(c.finish(), Some(0));
}

/// The outline: global ARGs, then the stages with their instructions.
#[test]
fn outline_of_stages_and_instructions() {
    let dir = tempdir("symbols");
    let mut c = Client::start(&dir, &[]);
    c.initialize(&dir);
    let uri = format!("file://{}/Dockerfile", dir.display());
    let text = "ARG GO=1.22\nFROM golang:${GO} AS build\nRUN go build \\\n    -o /out ./...\nFROM scratch\nCOPY --from=build /out /app\n";
    c.open(&uri, text);
    let answer = c.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let symbols = answer["result"].as_array().expect("a list");
    let names: Vec<&str> = symbols.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["ARG GO=1.22", "stage 0: build", "stage 1"], "{answer}");
    let build = &symbols[1];
    assert_eq!(build["detail"], "FROM golang:${GO}");
    // The stage runs from its FROM to the end of its last instruction (the continued RUN);
    // its name is what the editor selects.
    assert_eq!(
        build["range"],
        json!({ "start": { "line": 1, "character": 0 }, "end": { "line": 3, "character": 17 } })
    );
    assert_eq!(
        build["selectionRange"],
        json!({ "start": { "line": 1, "character": 21 }, "end": { "line": 1, "character": 26 } })
    );
    let children: Vec<&str> =
        build["children"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(children, vec!["FROM golang:${GO} AS build", "RUN go build -o /out ./..."]);
    assert_eq!(symbols[2]["children"].as_array().unwrap().len(), 2);
    assert_eq!(c.finish(), Some(0));
}

/// Build arguments come from the editor's settings: `initializationOptions.buildArgs`, then
/// `workspace/didChangeConfiguration` with a `shipshape` section.
#[test]
fn build_arguments_from_the_settings() {
    let dir = tempdir("build-args");
    let text = "FROM debian:12\nARG PKGS=\"curl wget\"\nRUN apt-get update && apt-get install -y --no-install-recommends $PKGS && rm -rf /var/lib/apt/lists/*\n";
    let uri = format!("file://{}/Dockerfile", dir.display());
    let messages = |diags: &[Value]| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["code"] == "DL3008")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let mut c = Client::start(&dir, &[]);
    let root = format!("file://{}", dir.display());
    let init = json!({ "processId": null, "rootUri": root, "capabilities": {},
        "initializationOptions": { "buildArgs": { "PKGS": "git" } } });
    c.request("initialize", init);
    c.notify("initialized", json!({}));
    let got = messages(&c.open(&uri, text));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].contains("`git` (from the build argument PKGS)"), "{got:?}");
    // New settings re-lint the open documents with their build arguments.
    let settings = json!({ "settings": { "shipshape": { "buildArgs": { "PKGS": "curl=7.88.1-10" } } } });
    c.notify("workspace/didChangeConfiguration", settings);
    assert_eq!(messages(&c.diagnostics(&uri)), Vec::<String>::new());
    // A settings change without them leaves none: the ARG's default again.
    c.notify("workspace/didChangeConfiguration", json!({ "settings": { "shipshape": {} } }));
    let got = messages(&c.diagnostics(&uri));
    assert!(got.len() == 2 && got[0].contains("`curl` (from ARG PKGS on line 2"), "{got:?}");
    // An entry that does not read is left out, and the editor is told.
    let settings = json!({ "settings": { "shipshape": { "buildArgs": { "PKGS": 3, "": "x" } } } });
    c.notify("workspace/didChangeConfiguration", settings);
    let note = c.read();
    assert_eq!(note["method"], "window/showMessage", "{note}");
    let text = note["params"]["message"].as_str().unwrap();
    assert!(text.contains("buildArgs") && text.contains("`PKGS` must be a string"), "{text}");
    assert_eq!(messages(&c.diagnostics(&uri)).len(), 2);
    assert_eq!(c.finish(), Some(0));
}
