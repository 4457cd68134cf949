//! `cargo leapcheck server`, driven over stdio through the protocol as an editor drives it:
//! the real binary, framed JSON-RPC messages, answers and notifications read back with a
//! timeout. The real-client test (Neovim) is in `editor.rs`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::util::{Project, BIN, CHRONO, TODAY};

/// How long to wait for an answer before the test fails (the machine may be busy).
const WAIT: Duration = Duration::from_secs(20);

/// The issue's buffer: `year_arithmetic_on_date` (deny) at line 2 (0-based), characters 6..29.
const BUGGY: &str = "use chrono::{Datelike, Months, NaiveDate};
pub fn renew(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() + 1).unwrap()
}
";

/// An LSP client over the server's stdin and stdout.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages received while waiting for another one.
    pending: VecDeque<Value>,
    next_id: i64,
    /// The server's log (stderr), complete once it exits.
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Client {
    /// Tells the server that a file it asked to watch changed, as a watching client does.
    fn file_changed(&mut self, path: &Path) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(path), "type": 2 }] }),
        );
    }

    fn start(dir: &Path) -> Client {
        let mut child = Command::new(BIN)
            .arg("server")
            .current_dir(dir)
            .env("LEAPCHECK_TODAY", TODAY)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut stderr = child.stderr.take().unwrap();
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(msg) = read_message(&mut stdout) {
                if sender.send(msg).is_err() {
                    return;
                }
            }
        });
        let stderr = Some(std::thread::spawn(move || {
            let mut text = String::new();
            stderr.read_to_string(&mut text).ok();
            text
        }));
        Client {
            child,
            stdin,
            messages,
            pending: VecDeque::new(),
            next_id: 0,
            stderr,
        }
    }

    /// Starts a server and initializes it with the client `capabilities`; returns the server's
    /// capabilities.
    fn initialized(dir: &Path, capabilities: Value) -> (Client, Value) {
        let mut client = Client::start(dir);
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.notify("initialized", json!({}));
        (client, result["result"]["capabilities"].clone())
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, mut msg: Value) {
        msg["jsonrpc"] = json!("2.0");
        let body = msg.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole message).
    #[track_caller]
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "id": id, "method": method, "params": params }));
        self.expect(&format!("the response to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    /// The first message (received or still to come) that `wanted` accepts, within `limit`.
    fn wait(&mut self, limit: Duration, wanted: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + limit;
        loop {
            match self
                .messages
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(msg) if wanted(&msg) => return Some(msg),
                Ok(msg) => self.pending.push_back(msg),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server stopped ({:?}); its log:\n{}",
                    self.child.wait(),
                    self.log()
                ),
            }
        }
    }

    #[track_caller]
    fn expect(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        match self.wait(WAIT, wanted) {
            Some(msg) => msg,
            None => panic!("no {what} within {WAIT:?}; received: {:?}", self.pending),
        }
    }

    /// The next `publishDiagnostics` for `uri`: its parameters.
    #[track_caller]
    fn diagnostics(&mut self, uri: &str) -> Value {
        let msg = self.expect(&format!("diagnostics for {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        msg["params"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "rust", "version": 1, "text": text } }),
        );
    }

    /// Replaces the whole text of the buffer.
    fn replace(&mut self, uri: &str, version: i32, text: &str) {
        self.change(uri, version, json!([{ "text": text }]));
    }

    fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    fn code_actions(&mut self, uri: &str, range: Value) -> Vec<Value> {
        let response = self.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
        );
        response["result"].as_array().cloned().unwrap_or_default()
    }

    fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )["result"]
            .clone()
    }

    /// `shutdown`, then `exit`: the exit status.
    fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null);
        self.exit_status()
    }

    fn exit_status(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server's log, once it has exited.
    fn log(&mut self) -> String {
        self.stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// One framed message, or `None` at the end of the stream.
fn read_message(input: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    input.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sent invalid JSON"))
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({ "start": { "line": start.0, "character": start.1 },
            "end": { "line": end.0, "character": end.1 } })
}

/// The byte offset of an LSP position (UTF-16 columns), counted independently of the server.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `text` with the `TextEdit`s of a code action applied, as an editor applies them.
fn apply(text: &str, action: &Value, uri: &str) -> String {
    let mut edits: Vec<(usize, usize, String)> = action["edit"]["changes"][uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edits for {uri} in {action}"))
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    out
}

/// A cargo package `demo` using chrono, with `src/lib.rs` on disk (the server must check the
/// buffer, not this file).
fn project() -> Project {
    let p = Project::chrono();
    p.file("src/lib.rs", "pub fn on_disk() {}\n");
    p
}

/// A [`project`] with `config` as its `leapcheck.toml`.
fn project_with_config(config: &str) -> Project {
    let p = project();
    p.file("leapcheck.toml", config);
    p
}

/// The URI of `src/lib.rs` in `p`.
fn lib_uri(p: &Project) -> String {
    uri(&p.path().join("src/lib.rs"))
}

/// A server for `p`, initialized without client capabilities, with [`BUGGY`] open (unsaved)
/// as `src/lib.rs`; and that file's URI.
fn open_buggy(p: &Project) -> (Client, String) {
    let file = lib_uri(p);
    let (mut client, _) = Client::initialized(p.path(), json!({}));
    client.open(&file, BUGGY);
    (client, file)
}

#[test]
fn diagnostics_as_you_type_quick_fix_and_allow_comment() {
    let p = project();
    let file = lib_uri(&p);
    let (mut client, caps) = Client::initialized(p.path(), json!({}));
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(
        caps["textDocumentSync"]["change"], 2,
        "incremental sync: {caps}"
    );
    assert!(caps.get("diagnosticProvider").is_none(), "{caps}");

    // Opened: an error diagnostic at the range of the call, from the buffer's text.
    client.open(&file, BUGGY);
    let published = client.diagnostics(&file);
    assert_eq!(published["version"], 1);
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{published}");
    let d = &diags[0];
    assert_eq!(d["code"], "year_arithmetic_on_date");
    assert_eq!(d["source"], "leapcheck");
    assert_eq!(d["severity"], 1, "error");
    assert_eq!(d["range"], range((2, 6), (2, 29)));
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("/lints/docs/year_arithmetic_on_date.md"));
    assert!(d["message"]
        .as_str()
        .unwrap()
        .starts_with("year arithmetic on a date"));
    assert!(d.get("tags").is_none(), "{d}");
    let related: Vec<&str> = d["relatedInformation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["location"]["uri"], file.as_str());
            r["message"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        related[0],
        "on 2028-02-29 this builds 2029-02-29, which does not exist"
    );
    assert!(related[1].starts_with("help: "), "{related:?}");

    // The hover on the range: the lint's summary and the date.
    let explain = crate::util::run({
        let mut cmd = Command::new(BIN);
        cmd.args([
            "--explain",
            "year_arithmetic_on_date",
            "--message-format",
            "json",
        ]);
        cmd
    });
    let summary = serde_json::from_str::<Value>(&explain.stdout).unwrap()["summary"]
        .as_str()
        .unwrap()
        .to_string();
    let hover = client.hover(&file, 2, 10);
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains(&summary), "{shown}");
    assert!(shown.contains("on 2028-02-29"), "{shown}");
    assert_eq!(hover["range"], range((2, 6), (2, 29)));
    assert_eq!(client.hover(&file, 1, 3), Value::Null, "no finding there");

    // The quick fix, applied as an editor applies it, clears the diagnostic.
    let actions = client.code_actions(&file, range((2, 10), (2, 10)));
    assert_eq!(actions.len(), 2, "{actions:?}");
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "year_arithmetic_on_date");
    // The fix changes what Feb 29 + 1 year is (Feb 28 instead of a panic): not preferred.
    assert_eq!(fix["isPreferred"], false);
    let fixed = apply(BUGGY, fix, &file);
    assert!(
        fixed.contains("    d.checked_add_months(Months::new(12)).unwrap()\n"),
        "{fixed}"
    );
    client.replace(&file, 2, &fixed);
    let published = client.diagnostics(&file);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]));

    // Back to the bug; "allow this lint here" writes the suppression comment, which silences it.
    client.replace(&file, 3, BUGGY);
    assert_eq!(
        client.diagnostics(&file)["diagnostics"][0]["code"],
        "year_arithmetic_on_date"
    );
    let actions = client.code_actions(&file, range((2, 0), (2, 40)));
    let allow = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Allow `year_arithmetic_on_date`")
        })
        .unwrap_or_else(|| panic!("no allow action in {actions:?}"));
    assert_eq!(allow["isPreferred"], false);
    let allowed = apply(BUGGY, allow, &file);
    assert!(
        allowed.contains(
            "    // leapcheck:allow(year_arithmetic_on_date) TODO: why this is safe\n    d.with_year("
        ),
        "{allowed}"
    );
    client.replace(&file, 4, &allowed);
    let published = client.diagnostics(&file);
    assert_eq!(published["version"], 4);
    assert_eq!(published["diagnostics"], json!([]));

    // Closing the buffer clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": file } }),
    );
    assert_eq!(client.diagnostics(&file)["diagnostics"], json!([]));
    assert_eq!(client.shutdown(), 0);
}

/// The issue's budget: diagnostics within 200 ms of `didOpen`. The fastest of three opens is
/// held to it (the tests run in parallel on a shared machine, and one open may wait for a
/// CPU); every one must come within a second.
#[test]
fn diagnostics_within_200_ms_of_opening() {
    let p = project();
    let (mut client, _) = Client::initialized(p.path(), json!({}));
    let mut times = Vec::new();
    for name in ["a", "b", "c"] {
        let file = uri(&p.path().join(format!("src/{name}.rs")));
        let start = Instant::now();
        client.open(&file, BUGGY);
        let published = client.diagnostics(&file);
        times.push(start.elapsed());
        assert_eq!(
            published["diagnostics"][0]["code"],
            "year_arithmetic_on_date"
        );
    }
    let fastest = times.iter().min().unwrap();
    assert!(fastest < &Duration::from_millis(200), "{times:?}");
    assert!(
        times.iter().all(|t| t < &Duration::from_secs(1)),
        "{times:?}"
    );
}

#[test]
fn typing_is_debounced_and_edits_are_incremental() {
    let p = project();
    let (mut client, file) = open_buggy(&p);
    assert_eq!(
        client.diagnostics(&file)["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Type `d.checked_add_months(Months::new(12))` over `d.with_year(d.year() + 1)`, a few
    // characters per change, faster than the debounce: one check, after the last change.
    client.change(
        &file,
        2,
        json!([{ "range": range((2, 4), (2, 29)), "text": "" }]),
    );
    let mut last = Instant::now();
    let mut longest_pause = Duration::ZERO;
    let mut version = 2;
    let mut column = 4;
    for piece in "d.checked_add_months(Months::new(12))".as_bytes().chunks(6) {
        std::thread::sleep(Duration::from_millis(10));
        version += 1;
        let piece = std::str::from_utf8(piece).unwrap();
        client.change(
            &file,
            version,
            json!([{ "range": range((2, column), (2, column)), "text": piece }]),
        );
        longest_pause = longest_pause.max(last.elapsed());
        last = Instant::now();
        column += piece.len() as u32;
    }
    let published = client.diagnostics(&file);
    // On a machine so busy that a 10 ms pause took most of the debounce, a check in between
    // is right: the order is then asserted, not the debounce.
    if longest_pause < Duration::from_millis(80) {
        assert_eq!(
            published["version"], version,
            "checked before the typing paused"
        );
    }
    let mut published = published;
    while published["version"] != version {
        published = client.diagnostics(&file);
    }
    assert_eq!(published["diagnostics"], json!([]));
    // The server's text is the editor's: the pulled code actions see the new call.
    assert!(client.code_actions(&file, range((2, 0), (3, 0))).is_empty());
}

/// "Fix all" (`source.fixAll.leapcheck`, what editors run on save) applies the safe fixes
/// only, as `cargo leapcheck --fix` does; a safe fix is the preferred quick fix.
#[test]
fn fix_all_applies_the_safe_fixes() {
    let p = project();
    let file = lib_uri(&p);
    let text = BUGGY.replace(
        "pub fn renew",
        "pub fn is_leap_year(year: i32) -> bool {\n    year % 4 == 0\n}\n\npub fn renew",
    );
    let (mut client, caps) = Client::initialized(p.path(), json!({}));
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.leapcheck"])
    );
    client.open(&file, &text);
    let codes: Vec<Value> = client.diagnostics(&file)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(
        codes,
        ["incomplete_leap_year_rule", "year_arithmetic_on_date"]
    );
    let quick = client.code_actions(&file, range((2, 6), (2, 6)));
    assert_eq!(quick[0]["kind"], "quickfix");
    assert_eq!(quick[0]["isPreferred"], true, "a safe fix: {quick:?}");

    let request = |client: &mut Client, only: Value| {
        client.request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": file }, "range": range((0, 0), (0, 0)),
                    "context": { "diagnostics": [], "only": only } }),
        )["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    assert!(request(&mut client, json!(["quickfix"]))
        .iter()
        .all(|a| a["kind"] == "quickfix"));
    let actions = request(&mut client, json!(["source.fixAll"]));
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.leapcheck");
    assert_eq!(actions[0]["title"], "Apply the safe leapcheck fix (1)");
    let fixed = apply(&text, &actions[0], &file);
    assert_eq!(
        fixed,
        text.replace(
            "year % 4 == 0\n",
            "year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)\n"
        ),
        "the unsafe fix is not applied"
    );
    // One edit of the part that changed (an insertion here), not the whole text.
    let edits = &actions[0]["edit"]["changes"][file.as_str()];
    assert_eq!(
        edits,
        &json!([{ "range": range((2, 17), (2, 17)),
                  "newText": " && (year % 100 != 0 || year % 400 == 0)" }])
    );
    client.replace(&file, 2, &fixed);
    let codes: Vec<Value> = client.diagnostics(&file)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, ["year_arithmetic_on_date"]);
    assert!(
        request(&mut client, json!(["source"])).is_empty(),
        "no safe fix left"
    );
    // Two safe fixes; once one lint is allowed, "fix all" applies the other only.
    let two = format!(
        "{text}pub fn stamp(d: NaiveDate) -> String {{\n    d.format(\"%G-%m-%d\").to_string()\n}}\n"
    );
    client.replace(&file, 3, &two);
    let title = |actions: &[Value]| actions[0]["title"].clone();
    assert_eq!(
        title(&request(&mut client, json!(["source"]))),
        "Apply the safe leapcheck fixes (2)"
    );
    p.file(
        "leapcheck.toml",
        "[lints]\nincomplete_leap_year_rule = \"allow\"\n",
    );
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": file } }),
    );
    let actions = request(&mut client, json!(["source"]));
    assert_eq!(title(&actions), "Apply the safe leapcheck fix (1)");
    assert!(apply(&two, &actions[0], &file).contains("year % 4 == 0\n"));
}

#[test]
fn pull_diagnostics_when_the_client_asks() {
    let p = project();
    let file = lib_uri(&p);
    let caps = json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } });
    let (mut client, server_caps) = Client::initialized(p.path(), caps);
    assert_eq!(
        server_caps["diagnosticProvider"]["interFileDependencies"],
        false
    );
    client.open(&file, BUGGY);
    let pull = |client: &mut Client| {
        client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": file } }),
        )["result"]
            .clone()
    };
    let report = pull(&mut client);
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"][0]["code"], "year_arithmetic_on_date");
    assert_eq!(report["items"][0]["range"], range((2, 6), (2, 29)));
    // A pulled change is answered for the new text at once, debounce or not.
    client.change(
        &file,
        2,
        json!([{ "range": range((2, 4), (2, 29)), "text": "d" }]),
    );
    assert_eq!(pull(&mut client)["items"], json!([]));
    // Nothing is pushed to a client that pulls.
    let pushed = client.wait(Duration::from_millis(300), |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    assert_eq!(pushed, None);
}

#[test]
fn columns_in_utf16_and_utf8() {
    let p = project();
    let file = lib_uri(&p);
    let text = BUGGY.replace("    d.with_year", "    let _s = \"é😀\"; d.with_year");
    let line = text.lines().nth(2).unwrap();
    let at = line.find("with_year").unwrap();
    for (encoding, column) in [("utf-16", line[..at].encode_utf16().count()), ("utf-8", at)] {
        let caps = json!({ "general": { "positionEncodings": [encoding] } });
        let (mut client, server_caps) = Client::initialized(p.path(), caps);
        assert_eq!(server_caps["positionEncoding"], encoding);
        client.open(&file, &text);
        let d = &client.diagnostics(&file)["diagnostics"][0];
        assert_eq!(
            d["range"]["start"],
            json!({ "line": 2, "character": column }),
            "{encoding}"
        );
    }
}

#[test]
fn half_typed_code_keeps_the_last_findings_in_place() {
    let p = project();
    let (mut client, file) = open_buggy(&p);
    assert_eq!(
        client.diagnostics(&file)["diagnostics"][0]["range"],
        range((2, 6), (2, 29))
    );
    // A half-typed line above the finding: the file no longer parses. The finding stays, one
    // line lower; no syntax error is reported (rust-analyzer does that).
    client.change(
        &file,
        2,
        json!([{ "range": range((2, 0), (2, 0)), "text": "    let x = d.\n" }]),
    );
    let published = client.diagnostics(&file);
    assert_eq!(published["version"], 2);
    let diags = published["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{published}");
    assert_eq!(diags[0]["range"], range((3, 6), (3, 29)));
    // An edit inside the finding's code drops it at once, parse or not.
    client.change(
        &file,
        3,
        json!([{ "range": range((3, 10), (3, 12)), "text": "(" }]),
    );
    assert_eq!(client.diagnostics(&file)["diagnostics"], json!([]));
}

#[test]
fn settings_come_from_the_workspace_and_reload_when_it_changes() {
    let p = project_with_config(
        "exclude = [\"generated/**\"]\n\n[lints]\nyear_arithmetic_on_date = \"warn\"\n",
    );
    let file = lib_uri(&p);
    let excluded = uri(&p.path().join("generated/dates.rs"));
    let caps = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } });
    let (mut client, _) = Client::initialized(p.path(), caps);
    // The server asks the client to watch the configuration files.
    let register = client.expect("client/registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    assert_eq!(globs, ["**/leapcheck.toml", "**/Cargo.toml"]);
    client.send(json!({ "id": register["id"], "result": null }));

    client.open(&file, BUGGY);
    assert_eq!(
        client.diagnostics(&file)["diagnostics"][0]["severity"],
        2,
        "warn from leapcheck.toml"
    );
    client.open(&excluded, BUGGY);
    assert_eq!(
        client.diagnostics(&excluded)["diagnostics"],
        json!([]),
        "excluded"
    );

    // The configuration changes: the open buffers are checked again with it.
    p.file(
        "leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"deny\"\n",
    );
    client.file_changed(&p.path().join("leapcheck.toml"));
    assert_eq!(client.diagnostics(&file)["diagnostics"][0]["severity"], 1);
    assert_eq!(
        client.diagnostics(&excluded)["diagnostics"][0]["severity"],
        1,
        "no longer excluded"
    );

    // A broken configuration is said, and the last one that loaded stays in effect.
    p.file(
        "leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"dney\"\n",
    );
    client.file_changed(&p.path().join("leapcheck.toml"));
    let message = client.expect("a message about the configuration", |m| {
        m["method"] == "window/showMessage"
    });
    let text = message["params"]["message"].as_str().unwrap();
    assert!(text.contains("leapcheck.toml:2:"), "{text}");
    assert!(text.contains("did you mean `deny`"), "{text}");
    assert_eq!(message["params"]["type"], 1, "an error");
    assert_eq!(client.diagnostics(&file)["diagnostics"][0]["severity"], 1);

    // [package.metadata.leapcheck] of the member, read from Cargo.toml.
    p.file("leapcheck.toml", "");
    p.file(
        "Cargo.toml",
        &crate::util::manifest(
            "demo",
            &format!("{CHRONO}\n[package.metadata.leapcheck.lints]\nyear_arithmetic_on_date = \"allow\"\n"),
        ),
    );
    client.file_changed(&p.path().join("Cargo.toml"));
    assert_eq!(client.diagnostics(&file)["diagnostics"], json!([]));
}

/// A client that pulls diagnostics is asked to pull again when the settings change.
#[test]
fn a_pulling_client_is_asked_to_refresh_after_a_reload() {
    let p = project_with_config("[lints]\nyear_arithmetic_on_date = \"warn\"\n");
    let file = lib_uri(&p);
    let caps = json!({
        "textDocument": { "diagnostic": {} },
        "workspace": { "diagnostic": { "refreshSupport": true },
                       "didChangeWatchedFiles": { "dynamicRegistration": true } },
    });
    let (mut client, _) = Client::initialized(p.path(), caps);
    client.open(&file, BUGGY);
    let pull = |client: &mut Client| {
        client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": file } }),
        )["result"]["items"]
            .clone()
    };
    assert_eq!(pull(&mut client)[0]["severity"], 2);
    p.file("leapcheck.toml", "");
    client.file_changed(&p.path().join("leapcheck.toml"));
    let refresh = client.expect("workspace/diagnostic/refresh", |m| {
        m["method"] == "workspace/diagnostic/refresh"
    });
    client.send(json!({ "id": refresh["id"], "result": null }));
    assert_eq!(pull(&mut client)[0]["severity"], 1);
}

/// A client that cannot watch files for the server gets the reload when a file is saved.
#[test]
fn without_file_watching_the_settings_reload_on_save() {
    let p = project_with_config("[lints]\nyear_arithmetic_on_date = \"warn\"\n");
    let (mut client, file) = open_buggy(&p);
    assert_eq!(client.diagnostics(&file)["diagnostics"][0]["severity"], 2);
    p.file(
        "leapcheck.toml",
        "[lints]\nyear_arithmetic_on_date = \"allow\"\n",
    );
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": file } }),
    );
    assert_eq!(client.diagnostics(&file)["diagnostics"], json!([]));
}

/// Nothing a client sends stops the server: malformed messages, bad parameters, unknown
/// methods, garbage and half-typed buffers, positions out of range, huge and deeply nested
/// buffers. After all of it the server still checks a buffer and shuts down cleanly.
#[test]
fn never_crashes_on_any_input() {
    let p = project();
    let file = lib_uri(&p);
    let mut client = Client::start(p.path());
    // Before initialize: refused, not fatal.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.request("initialize", json!({ "capabilities": {} }));
    client.notify("initialized", json!({}));

    // Malformed messages: not JSON, not JSON-RPC, a lone surrogate in a string.
    for body in [
        "{not json".to_string(),
        "[1, 2, 3]".to_string(),
        json!({ "jsonrpc": "2.0", "method": 7 }).to_string(),
        r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.rs","languageId":"rust","version":1,"text":"\ud800"}}}"#.to_string(),
    ] {
        client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    // Bytes that are not UTF-8 inside a message's text.
    let mut body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///y.rs","languageId":"rust","version":1,"text":""#.to_vec();
    body.extend_from_slice(b"fn f() { \xff\xfe\xc3 }\"}}}");
    client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    client.send_raw(&body);
    // Parameters of the wrong shape, an unknown method, notifications about unknown buffers.
    let bad = client.request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = client.request("textDocument/completion", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.change("file:///nowhere.rs", 2, json!([{ "text": "x" }]));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": "file:///nowhere.rs" } }),
    );
    assert_eq!(client.hover("file:///nowhere.rs", 0, 0), Value::Null);

    // Garbage buffers: control characters, astral characters, NULs, random punctuation.
    let mut seed = 0x2545_f491_u32;
    let mut garbage = String::new();
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let c = match seed % 7 {
            0 => char::from_u32(seed % 0x11_0000).unwrap_or('\u{fffd}'),
            1 => '\0',
            2 => '😀',
            3 => ['{', '}', '(', ')', '"', '\'', '/', '*', '#', '!'][(seed >> 8) as usize % 10],
            4 => '\n',
            _ => char::from(b' ' + (seed >> 8) as u8 % 95),
        };
        garbage.push(c);
    }
    client.open(&file, &garbage);
    client.diagnostics(&file);
    // Every prefix of a buggy file, as it is typed.
    let chars: Vec<(usize, char)> = BUGGY.char_indices().collect();
    let mut version = 1;
    for (i, _) in chars.iter().step_by(3) {
        version += 1;
        client.replace(&file, version, &BUGGY[..*i]);
        client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": file } }),
        );
    }
    // Positions out of range and inside a surrogate pair, empty and reversed ranges.
    version += 1;
    client.replace(&file, version, "// 😀\nfn f() {}\n");
    for (start, end) in [
        ((0, 4), (0, 4)),
        ((99, 0), (99, 5)),
        ((1, 999), (0, 0)),
        ((0, u32::MAX), (u32::MAX, u32::MAX)),
    ] {
        version += 1;
        client.change(
            &file,
            version,
            json!([{ "range": range(start, end), "text": "é" }]),
        );
        client.hover(&file, start.0, start.1);
        client.code_actions(&file, range(start, end));
    }
    // Deep nesting and a huge buffer (2,000 findings).
    version += 1;
    client.replace(
        &file,
        version,
        &format!(
            "fn f() {{ let d = NaiveDate::MIN; {} }}",
            "(".repeat(100_000)
        ),
    );
    client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": file } }),
    );
    let huge: String = (0..2_000)
        .map(|i| {
            BUGGY
                .replace("renew", &format!("renew{i}"))
                .replace("use chrono::{Datelike, Months, NaiveDate};", "")
        })
        .collect();
    version += 1;
    client.replace(
        &file,
        version,
        &format!("use chrono::{{Datelike, NaiveDate}};\n{huge}"),
    );
    let report = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": file } }),
    );
    assert_eq!(report["result"]["items"].as_array().unwrap().len(), 2_000);

    // Still serving: a fresh buffer is checked, and the server shuts down cleanly.
    let other = uri(&p.path().join("src/other.rs"));
    client.open(&other, BUGGY);
    let published = client.diagnostics(&other);
    assert_eq!(
        published["diagnostics"][0]["code"],
        "year_arithmetic_on_date"
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn lifecycle_and_usage() {
    // `exit` without `shutdown` is status 1 (LSP); the help names the transport.
    let p = project();
    let (mut client, _) = Client::initialized(p.path(), json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_status(), 1);
    let help = crate::util::run({
        let mut cmd = Command::new(BIN);
        cmd.args(["server", "--help"]);
        cmd
    });
    help.code(0)
        .stdout_has("Language server")
        .stdout_has("--stdio");
}
