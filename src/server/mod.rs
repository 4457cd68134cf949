//! `cargo leapcheck server`: a Language Server Protocol server over stdio, for diagnostics as
//! you type (docs/editors.md).
//!
//! Built on `lsp-server` and `lsp-types`, rust-analyzer's own protocol crates: the server is
//! a plain synchronous loop. The engine checks a file in milliseconds and is pure, so there is
//! nothing to overlap that would pay for an async runtime (`tower-lsp` needs tokio and makes
//! every handler a future); one thread owns every buffer, which keeps the order of edits,
//! checks and answers obvious. A second thread only reads stdin.
//!
//! What the server does, and the decisions the protocol leaves open:
//! * Buffers are checked as the editor has them (`didOpen`, then incremental `didChange`),
//!   with the settings the command line would use for that file (`workspace.rs`). A buffer is
//!   checked at once when opened; after a change, once the edits pause for [`DEBOUNCE`]
//!   (typing does not queue a check per keystroke). Only Rust buffers are checked.
//! * Diagnostics are pushed (`publishDiagnostics`) unless the client can pull them
//!   (`textDocument/diagnostic`, LSP 3.17): then it pulls and nothing is pushed, as ruff's
//!   server does; pushing as well would show every finding twice in VS Code.
//! * `leapcheck.toml` and `Cargo.toml` are watched through the client
//!   (`workspace/didChangeWatchedFiles`); a change reloads the settings and re-checks every
//!   open buffer. A client that cannot watch files gets the reload on every save.
//! * Quick fixes: each finding's fix (preferred when safe, display-only fixes never) and
//!   "allow this lint here"; "fix all" (`source.fixAll.leapcheck`) applies the safe fixes as
//!   `--fix` does; the hover on a finding gives the lint's summary and the date.
//! * Nothing a client sends stops the server: a malformed message is logged and skipped, an
//!   unknown request gets MethodNotFound, positions are clamped (`text.rs`), an engine panic
//!   is caught by the driver, and a panic anywhere else in a handler becomes an error answer.
//!   Logs go to stderr, which editors show as the server's log.

mod convert;
mod document;
mod text;
mod workspace;

use std::collections::HashMap;
use std::ffi::OsString;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use clap::Parser;
use leapcheck_lints::registry::PARSE_ERROR;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, DocumentDiagnosticRequest, HoverRequest, RegisterCapability, Request as _,
    WorkspaceDiagnosticRefresh,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DiagnosticOptions, DiagnosticServerCapabilities, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FileSystemWatcher,
    FullDocumentDiagnosticReport, GlobPattern, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MessageType, PublishDiagnosticsParams, Registration,
    RegistrationParams, RelatedFullDocumentDiagnosticReport, SaveOptions, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use self::document::Document;
use self::text::Encoding;
use self::workspace::Workspaces;
use crate::driver::{self, Outcome};
use crate::fix::FixMode;

/// How long edits must pause before a changed buffer is checked again.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// The files whose change reloads the settings.
const CONFIG_FILES: [&str; 2] = [crate::config::FILE_NAME, "Cargo.toml"];

#[derive(Parser, Debug)]
#[command(
    name = "cargo-leapcheck-server",
    bin_name = "cargo leapcheck server",
    version,
    about = "Language server (LSP) over stdio: leapcheck's diagnostics as you type, quick fixes \
             and hovers in any editor with an LSP client",
    after_help = "Set-up for VS Code, Neovim, Helix, Zed and Emacs: docs/editors.md."
)]
struct Args {
    /// Talk over stdin and stdout (the only transport; accepted because LSP clients such as
    /// vscode-languageclient pass it)
    #[arg(long)]
    stdio: bool,
}

/// Runs the server until the client says `exit` or closes stdin; the process's exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    let _ = Args::parse_from(std::iter::once(OsString::from("cargo leapcheck server")).chain(args));
    driver::install_panic_hook();
    if let Err(msg) = crate::today::today() {
        eprintln!("error: {msg}");
        return 2;
    }
    let (sender, receiver) = mpsc::channel();
    // Never joined: it blocks in a read of stdin until the process ends.
    let reader = std::thread::Builder::new()
        .name("lsp-reader".to_string())
        .spawn(move || read_messages(&sender));
    if let Err(e) = reader {
        eprintln!("error: cannot start the server: {e}");
        return 2;
    }
    // The engine needs the deep stack of a checking thread.
    let server = std::thread::Builder::new()
        .name("lsp-server".to_string())
        .stack_size(driver::STACK_SIZE)
        .spawn(move || Server::default().run(&receiver));
    match server.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => 101,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            2
        }
    }
}

fn read_messages(sender: &Sender<Message>) {
    let mut input = io::stdin().lock();
    loop {
        match Message::read(&mut input) {
            Ok(Some(msg)) => {
                if sender.send(msg).is_err() {
                    return;
                }
            }
            Ok(None) => return,
            // The message was read whole (its bytes are consumed): skip it and go on.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                log(&format!(
                    "ignored a malformed message: {}",
                    shorten(&e.to_string())
                ));
            }
            Err(e) => {
                log(&format!("cannot read from the client: {e}"));
                return;
            }
        }
    }
}

fn log(msg: &str) {
    eprintln!("leapcheck server: {msg}");
}

/// At most a few hundred characters of `s` (a malformed message can hold a whole buffer).
fn shorten(s: &str) -> String {
    match s.char_indices().nth(300) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    #[default]
    Uninitialized,
    Running,
    ShutDown,
}

#[derive(Default)]
struct Server {
    phase: Phase,
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): none are pushed.
    pull: bool,
    /// The client can be asked to pull again (`workspace/diagnostic/refresh`).
    refresh: bool,
    /// The client watches the configuration files for the server.
    watching: bool,
    docs: HashMap<Url, Document>,
    workspaces: Workspaces,
    requests_sent: u64,
}

/// A handler failed to write to the client: the connection is gone.
type Sent = io::Result<()>;

impl Server {
    fn run(mut self, receiver: &Receiver<Message>) -> i32 {
        loop {
            let next = self.docs.values().filter_map(|d| d.due).min();
            let received = match next {
                Some(due) => receiver.recv_timeout(due.saturating_duration_since(Instant::now())),
                None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let sent = match received {
                Ok(msg) => {
                    if let Message::Notification(n) = &msg {
                        if n.method == lsp_types::notification::Exit::METHOD {
                            return if self.phase == Phase::ShutDown { 0 } else { 1 };
                        }
                    }
                    self.handle(msg)
                }
                Err(RecvTimeoutError::Timeout) => Ok(()),
                Err(RecvTimeoutError::Disconnected) => {
                    return if self.phase == Phase::ShutDown { 0 } else { 1 };
                }
            };
            // A panic here is a bug of the server's own (the driver catches the engine's): the
            // hook has logged it, and the buffer it happened on is not retried until it changes.
            let sent = sent.and_then(|()| {
                panic::catch_unwind(AssertUnwindSafe(|| self.check_due())).unwrap_or(Ok(()))
            });
            if let Err(e) = sent {
                log(&format!("cannot write to the client: {e}"));
                return 1;
            }
        }
    }

    /// Handles one message; a panic in a handler is logged (by the panic hook) and a request
    /// gets an error answer, and the server goes on.
    fn handle(&mut self, msg: Message) -> Sent {
        let id = match &msg {
            Message::Request(r) => Some(r.id.clone()),
            _ => None,
        };
        match panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(msg))) {
            Ok(sent) => sent,
            Err(_) => match id {
                Some(id) => self.send(Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    "internal error in leapcheck's server (a bug: see its log)".to_string(),
                )),
                None => Ok(()),
            },
        }
    }

    fn dispatch(&mut self, msg: Message) -> Sent {
        match msg {
            Message::Request(req) => self.on_request(req),
            Message::Notification(n) => self.on_notification(n),
            Message::Response(r) => {
                if let Err(e) = r.response_result {
                    log(&format!(
                        "the client answered {:?} with an error: {}",
                        r.id, e.message
                    ));
                }
                Ok(())
            }
        }
    }

    fn on_request(&mut self, req: Request) -> Sent {
        let method = req.method.as_str();
        match self.phase {
            Phase::Uninitialized if method != lsp_types::request::Initialize::METHOD => {
                return self.send(Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".to_string(),
                ));
            }
            Phase::ShutDown => {
                return self.send(Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shut down".to_string(),
                ));
            }
            Phase::Running if method == lsp_types::request::Initialize::METHOD => {
                return self.send(Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is already initialized".to_string(),
                ));
            }
            _ => {}
        }
        match method {
            lsp_types::request::Initialize::METHOD => self.answer(req, Self::initialize),
            lsp_types::request::Shutdown::METHOD => {
                self.phase = Phase::ShutDown;
                self.send(Response::new_ok(req.id, ()))
            }
            HoverRequest::METHOD => self.answer(req, |s, p: HoverParams| {
                let at = p.text_document_position_params;
                s.fresh(&at.text_document.uri)?;
                Ok(s.docs.get(&at.text_document.uri).and_then(|doc| {
                    let offset = doc.lines(s.encoding).offset(at.position);
                    convert::hover(doc, offset, s.encoding)
                }))
            }),
            CodeActionRequest::METHOD => self.answer(req, |s, p: CodeActionParams| {
                let only = p.context.only.as_deref();
                let uri = &p.text_document.uri;
                s.fresh(uri)?;
                let Some(doc) = s.docs.get_mut(uri) else {
                    return Ok(Vec::new());
                };
                let mut actions = Vec::new();
                if wanted(only, &CodeActionKind::QUICKFIX) {
                    let span = doc.lines(s.encoding).span(p.range);
                    actions = convert::code_actions(doc, span, s.encoding);
                }
                if wanted(only, &convert::fix_all_kind()) && convert::has_safe_fix(doc) {
                    if doc.memo.fixed.is_none() {
                        let fixed = fix_all(&mut s.workspaces, doc.path.as_deref(), &doc.text);
                        doc.memo.fixed = Some(fixed);
                    }
                    if let Some(Some((text, count))) = &doc.memo.fixed {
                        actions.extend(convert::fix_all(doc, text, *count, s.encoding));
                    }
                }
                Ok(actions)
            }),
            DocumentDiagnosticRequest::METHOD => {
                self.answer(req, |s, p: DocumentDiagnosticParams| {
                    s.fresh(&p.text_document.uri)?;
                    let items = s
                        .docs
                        .get(&p.text_document.uri)
                        .map(|doc| convert::diagnostics(doc, s.encoding))
                        .unwrap_or_default();
                    Ok(DocumentDiagnosticReportResult::Report(
                        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                            related_documents: None,
                            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                                result_id: None,
                                items,
                            },
                        }),
                    ))
                })
            }
            _ => self.send(Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("leapcheck's server does not handle `{}`", req.method),
            )),
        }
    }

    /// Answers a request: its parameters, or an InvalidParams error when they do not fit.
    fn answer<P: DeserializeOwned, R: Serialize>(
        &mut self,
        req: Request,
        f: impl FnOnce(&mut Self, P) -> io::Result<R>,
    ) -> Sent {
        let response = match serde_json::from_value::<P>(req.params) {
            Ok(params) => Response::new_ok(req.id, f(self, params)?),
            Err(e) => Response::new_err(
                req.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid parameters for `{}`: {e}", req.method),
            ),
        };
        self.send(response)
    }

    fn initialize(&mut self, params: InitializeParams) -> io::Result<InitializeResult> {
        let caps = &params.capabilities;
        self.encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.pull = caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let workspace = caps.workspace.as_ref();
        self.refresh = workspace
            .and_then(|w| w.diagnostic.as_ref())
            .and_then(|d| d.refresh_support)
            == Some(true);
        self.watching = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            == Some(true);
        self.phase = Phase::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, convert::fix_all_kind()]),
                ..CodeActionOptions::default()
            })),
            diagnostic_provider: self.pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some(convert::SOURCE.to_string()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..DiagnosticOptions::default()
                })
            }),
            ..ServerCapabilities::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "leapcheck".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    fn on_notification(&mut self, n: Notification) -> Sent {
        if self.phase != Phase::Running {
            return Ok(());
        }
        match n.method.as_str() {
            lsp_types::notification::Initialized::METHOD => self.watch_config(),
            DidOpenTextDocument::METHOD => self.notified(n, |s, p: DidOpenTextDocumentParams| {
                let doc = p.text_document;
                if doc.language_id != "rust" && !doc.uri.path().ends_with(".rs") {
                    return Ok(());
                }
                let uri = doc.uri.clone();
                s.docs
                    .insert(uri.clone(), Document::new(doc.uri, doc.version, doc.text));
                s.check(&uri)
            }),
            DidChangeTextDocument::METHOD => {
                self.notified(n, |s, p: DidChangeTextDocumentParams| {
                    if let Some(doc) = s.docs.get_mut(&p.text_document.uri) {
                        doc.version = p.text_document.version;
                        doc.apply(p.content_changes, s.encoding);
                        doc.due = Some(Instant::now() + DEBOUNCE);
                    }
                    Ok(())
                })
            }
            DidCloseTextDocument::METHOD => self.notified(n, |s, p: DidCloseTextDocumentParams| {
                let uri = p.text_document.uri;
                if s.docs.remove(&uri).is_some() && !s.pull {
                    s.publish(uri, Vec::new(), None)?;
                }
                Ok(())
            }),
            DidSaveTextDocument::METHOD if !self.watching => self.reload(),
            DidChangeWatchedFiles::METHOD => {
                self.notified(n, |s, p: DidChangeWatchedFilesParams| {
                    let config_changed = p.changes.iter().any(|c| {
                        c.uri
                            .path_segments()
                            .and_then(|mut segments| segments.next_back())
                            .is_some_and(|name| CONFIG_FILES.contains(&name))
                    });
                    if config_changed {
                        s.reload()?;
                    }
                    Ok(())
                })
            }
            _ => Ok(()),
        }
    }

    fn notified<P: DeserializeOwned>(
        &mut self,
        n: Notification,
        f: impl FnOnce(&mut Self, P) -> Sent,
    ) -> Sent {
        match serde_json::from_value::<P>(n.params) {
            Ok(params) => f(self, params),
            Err(e) => {
                log(&format!(
                    "ignored `{}` with invalid parameters: {e}",
                    n.method
                ));
                Ok(())
            }
        }
    }

    /// Asks the client to watch the configuration files.
    fn watch_config(&mut self) -> Sent {
        if !self.watching {
            return Ok(());
        }
        let watchers = CONFIG_FILES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "leapcheck-configuration".to_string(),
                method: DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.request(RegisterCapability::METHOD, params)
    }

    /// Reads the settings again and re-checks every open buffer.
    fn reload(&mut self) -> Sent {
        self.workspaces.reload();
        for doc in self.docs.values_mut() {
            // "Fix all" depends on the levels.
            doc.memo = Default::default();
        }
        let uris: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in &uris {
            self.check(uri)?;
        }
        if self.pull && self.refresh {
            self.request(WorkspaceDiagnosticRefresh::METHOD, ())?;
        }
        Ok(())
    }

    /// Checks the buffers whose edits have paused.
    fn check_due(&mut self) -> Sent {
        let now = Instant::now();
        let due: Vec<Url> = self
            .docs
            .values()
            .filter(|d| d.due.is_some_and(|due| due <= now))
            .map(|d| d.uri.clone())
            .collect();
        for uri in &due {
            self.check(uri)?;
        }
        Ok(())
    }

    /// Checks a buffer now if it changed since its last check (before answering about it).
    fn fresh(&mut self, uri: &Url) -> Sent {
        if self.docs.get(uri).is_some_and(|d| d.due.is_some()) {
            self.check(uri)?;
        }
        Ok(())
    }

    /// Checks one buffer and, unless the client pulls, publishes its diagnostics.
    fn check(&mut self, uri: &Url) -> Sent {
        let Some(doc) = self.docs.get_mut(uri) else {
            return Ok(());
        };
        doc.due = None;
        if let Some(findings) = check_buffer(&mut self.workspaces, doc.path.as_deref(), &doc.text) {
            doc.findings = findings;
        }
        let (diagnostics, version) = (convert::diagnostics(doc, self.encoding), doc.version);
        for problem in self.workspaces.take_problems() {
            log(&problem);
            self.notify(
                ShowMessage::METHOD,
                ShowMessageParams {
                    typ: MessageType::ERROR,
                    message: format!("leapcheck: {problem}"),
                },
            )?;
        }
        if self.pull {
            return Ok(());
        }
        self.publish(uri.clone(), diagnostics, Some(version))
    }

    fn publish(
        &mut self,
        uri: Url,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Sent {
        self.notify(
            PublishDiagnostics::METHOD,
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        )
    }

    fn notify(&mut self, method: &str, params: impl Serialize) -> Sent {
        self.send(Notification::new(method.to_string(), params))
    }

    fn request(&mut self, method: &str, params: impl Serialize) -> Sent {
        self.requests_sent += 1;
        let id = RequestId::from(format!("leapcheck-{}", self.requests_sent));
        self.send(Request::new(id, method.to_string(), params))
    }

    fn send(&mut self, msg: impl Into<Message>) -> Sent {
        msg.into().write(&mut io::stdout().lock())
    }
}

/// The findings of a buffer's text with the settings of its file, or `None` when there are
/// no new ones to show: the buffer does not parse (the previous findings, moved along with
/// the edits, stay), or the engine failed on it (logged). A file the command line would not
/// check (excluded) has none.
fn check_buffer(
    workspaces: &mut Workspaces,
    path: Option<&Path>,
    text: &str,
) -> Option<Vec<driver::Finding>> {
    let Some((job, settings)) = workspaces.settings(path) else {
        return Some(Vec::new());
    };
    match driver::check_bytes(job, text.as_bytes().to_vec(), &settings).outcome {
        Outcome::Checked { findings, .. } => {
            if findings.iter().any(|f| f.diag.lint == &PARSE_ERROR) {
                return None;
            }
            // The driver reports positions in the text after a byte-order mark; the editor's
            // positions count it.
            let bom = if text.starts_with('\u{feff}') {
                '\u{feff}'.len_utf8()
            } else {
                0
            };
            let mut findings = findings;
            for f in &mut findings {
                f.diag.span = shift(f.diag.span, bom);
                for edit in f.diag.help.iter_mut().flat_map(|h| h.fix.iter_mut()) {
                    for e in &mut edit.edits {
                        e.span = shift(e.span, bom);
                    }
                }
            }
            Some(findings)
        }
        Outcome::Failed(msg) | Outcome::NotCompiled(msg) => {
            log(&msg);
            None
        }
    }
}

/// Whether a client that asked for `only` these kinds wants actions of `kind`: LSP kinds are
/// hierarchical (`source` covers `source.fixAll.leapcheck`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|asked| {
        asked.iter().any(|a| {
            let (a, kind) = (a.as_str(), kind.as_str());
            a.is_empty() || kind == a || kind.starts_with(a) && kind[a.len()..].starts_with('.')
        })
    })
}

/// The buffer's text with every safe fix applied, as `cargo leapcheck --fix` would write it,
/// and how many fixes that is; `None` when none applies.
fn fix_all(
    workspaces: &mut Workspaces,
    path: Option<&Path>,
    text: &str,
) -> Option<(String, usize)> {
    let (job, mut settings) = workspaces.settings(path)?;
    settings.fix = Some(FixMode {
        unsafe_fixes: false,
    });
    let fixed = driver::check_bytes(job, text.as_bytes().to_vec(), &settings).fixed?;
    if let Some(why) = &fixed.reverted {
        log(why);
    }
    (fixed.changed() && fixed.reverted.is_none())
        .then(|| (fixed.text, fixed.applied.values().sum()))
}

fn shift(span: leapcheck_lints::Span, by: usize) -> leapcheck_lints::Span {
    leapcheck_lints::Span::new(span.start + by, span.end + by)
}
