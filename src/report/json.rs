//! `--message-format json`: cargo's JSON message stream, as `cargo check
//! --message-format=json` and clippy print it — one `compiler-message` line per finding with a
//! rustc diagnostic inside, then one `build-finished` line. rust-analyzer
//! (`check.overrideCommand`), bacon, clippy-sarif and reviewdog read this stream.
//!
//! Paths (`file_name`) are relative to the workspace root, as cargo's are for workspace
//! members (rust-analyzer joins them to the root it ran the command in); a file outside the
//! workspace, or a run outside any workspace, gets a path relative to the current directory
//! or, failing that, an absolute one. Lines and columns are 1-based, columns count characters
//! and the end column is exclusive, exactly like rustc's.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use codespan_reporting::term::termcolor::WriteColor;
use leapcheck_lints::Span;
use serde::Serialize;
use serde_json::Value;

use super::{
    human, level_word, relative_to, Context, FileReport, LineIndex, Located, Region, Reporter,
    Summary,
};

pub struct Json {
    ctx: Context,
    /// Where `file_name`s are relative to.
    base: PathBuf,
}

impl Json {
    pub fn new(ctx: Context) -> Json {
        let base = ctx
            .metadata
            .as_ref()
            .map(|m| m.workspace_root.as_std_path().to_path_buf())
            .unwrap_or_else(|| ctx.cwd.clone());
        Json { ctx, base }
    }

    fn file_name(&self, abs: &Path) -> String {
        relative_to(abs, &self.base)
            .or_else(|| relative_to(abs, &self.ctx.cwd))
            .unwrap_or_else(|| abs.display().to_string())
    }

    /// `package_id`, `manifest_path` and `target` of the package owning `abs`: from cargo
    /// metadata when a member package contains the file, else synthesized in the shapes cargo
    /// uses (a `path+file://` id, a `lib` target named after the file).
    fn owner(&self, abs: &Path) -> (String, String, Value) {
        if let Some(meta) = &self.ctx.metadata {
            let owner = meta
                .workspace_packages()
                .into_iter()
                .filter_map(|p| {
                    let root = p.manifest_path.parent()?.as_std_path();
                    relative_to(abs, root).map(|_| (root.components().count(), p))
                })
                .max_by_key(|(depth, _)| *depth)
                .map(|(_, p)| p);
            if let Some(pkg) = owner {
                if let Some(target) = owning_target(&pkg.targets, abs) {
                    if let Ok(target) = serde_json::to_value(target) {
                        return (pkg.id.repr.clone(), pkg.manifest_path.to_string(), target);
                    }
                }
            }
        }
        let dir = abs
            .ancestors()
            .skip(1)
            .find(|a| a.join("Cargo.toml").is_file())
            .unwrap_or(&self.base);
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "leapcheck-input".to_string());
        let stem = abs
            .file_stem()
            .map(|n| n.to_string_lossy().replace('-', "_"))
            .unwrap_or_else(|| name.clone());
        let target = serde_json::json!({
            "kind": ["lib"],
            "crate_types": ["lib"],
            "name": stem,
            "src_path": abs.display().to_string(),
            "edition": "2021",
            "doctest": false,
            "test": false,
            "doc": false,
        });
        (
            format!("path+file://{}#{name}@0.0.0", dir.display()),
            dir.join("Cargo.toml").display().to_string(),
            target,
        )
    }
}

/// The target a file belongs to: the target whose root file it is, else the one whose source
/// directory contains it most closely (a library before binaries on a tie), else the first.
fn owning_target<'a>(
    targets: &'a [cargo_metadata::Target],
    abs: &Path,
) -> Option<&'a cargo_metadata::Target> {
    if let Some(t) = targets.iter().find(|t| t.src_path.as_std_path() == abs) {
        return Some(t);
    }
    targets
        .iter()
        .filter_map(|t| {
            let dir = t.src_path.parent()?.as_std_path();
            abs.starts_with(dir)
                .then(|| (dir.components().count(), !t.is_lib(), t))
        })
        // Deepest directory first; among equals, the library (`false` sorts first).
        .min_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)))
        .map(|(_, _, t)| t)
        .or_else(|| targets.first())
}

#[derive(Serialize)]
struct CompilerMessage<'a> {
    reason: &'static str,
    package_id: &'a str,
    manifest_path: &'a str,
    target: &'a Value,
    message: Diagnostic,
}

/// rustc's JSON diagnostic.
#[derive(Serialize)]
pub struct Diagnostic {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<DiagnosticSpan>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Code {
    code: String,
    explanation: Option<&'static str>,
}

#[derive(Serialize)]
struct DiagnosticSpan {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: usize,
    line_end: usize,
    column_start: usize,
    column_end: usize,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<&'static str>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: usize,
    highlight_end: usize,
}

fn span(file_name: &str, lines: &LineIndex<'_>, span: Span, r: Region) -> DiagnosticSpan {
    let text = (r.start_line..=r.end_line)
        .map(|n| {
            let text = lines.line_text(n);
            SpanLine {
                highlight_start: if n == r.start_line { r.start_col } else { 1 },
                highlight_end: if n == r.end_line {
                    r.end_col
                } else {
                    text.chars().count() + 1
                },
                text: text.to_string(),
            }
        })
        .collect();
    DiagnosticSpan {
        file_name: file_name.to_string(),
        byte_start: span.start,
        byte_end: span.end,
        line_start: r.start_line,
        line_end: r.end_line,
        column_start: r.start_col,
        column_end: r.end_col,
        is_primary: true,
        text,
        label: None,
        suggested_replacement: None,
        suggestion_applicability: None,
        expansion: None,
    }
}

fn child(level: &'static str, message: &str, spans: Vec<DiagnosticSpan>) -> Diagnostic {
    Diagnostic {
        message_type: "diagnostic",
        message: message.to_string(),
        code: None,
        level,
        spans,
        children: Vec::new(),
        rendered: None,
    }
}

/// The rustc diagnostic of one finding; `file_name` is the path shown in spans and in
/// `rendered`.
pub fn diagnostic(file_name: &str, lines: &LineIndex<'_>, f: &Located<'_>) -> Diagnostic {
    let diag = f.diag;
    let mut primary = span(file_name, lines, diag.span, f.region);
    primary.label = Some(diag.label.clone()).filter(|l| !l.is_empty());
    let mut children: Vec<Diagnostic> = diag
        .notes
        .iter()
        .map(|n| child("note", n, Vec::new()))
        .collect();
    if let Some(help) = &diag.help {
        // rustc's multipart suggestion: one span per edit, all with the same applicability,
        // which rust-analyzer applies together as one quick fix.
        let spans = match &f.fix {
            Some(fix) => fix
                .edits
                .iter()
                .map(|(edit, region)| {
                    let mut s = span(file_name, lines, edit.span, *region);
                    s.suggested_replacement = Some(edit.code.clone());
                    s.suggestion_applicability = Some(fix.fix.applicability.rustc_name());
                    s
                })
                .collect(),
            None => Vec::new(),
        };
        children.push(child("help", &help.message, spans));
    }
    Diagnostic {
        message_type: "diagnostic",
        message: diag.message.clone(),
        code: Some(Code {
            code: diag.lint.code(),
            explanation: Some(diag.lint.explanation).filter(|e| !e.is_empty()),
        }),
        level: level_word(f.level),
        spans: vec![primary],
        children,
        rendered: Some(human::render_plain(file_name, lines, f.finding)),
    }
}

impl Reporter for Json {
    fn file(&mut self, out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        let abs = self.ctx.absolute(file.file);
        let file_name = self.file_name(&abs);
        let (package_id, manifest_path, target) = self.owner(&abs);
        for f in file.located() {
            let msg = CompilerMessage {
                reason: "compiler-message",
                package_id: &package_id,
                manifest_path: &manifest_path,
                target: &target,
                message: diagnostic(&file_name, &file.lines, &f),
            };
            serde_json::to_writer(&mut *out, &msg)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn WriteColor,
        err: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        let success = summary.errors == 0 && summary.failed == 0;
        writeln!(
            out,
            "{}",
            serde_json::json!({"reason": "build-finished", "success": success})
        )?;
        out.flush()?;
        writeln!(err, "leapcheck: {}", summary.line())
    }
}
