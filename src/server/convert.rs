//! Findings as LSP sees them: diagnostics (shaped like rustc's as rust-analyzer shows them),
//! the hover on a diagnostic's range, and the code actions.

use std::collections::HashMap;

use leapcheck_lints::registry::{PARSE_ERROR, UNKNOWN_LINT_IN_SUPPRESSION, UNUSED_SUPPRESSION};
use leapcheck_lints::{Applicability, Level, Lint, Span};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, Hover, HoverContents, Location,
    MarkupContent, MarkupKind, NumberOrString, TextEdit, Url, WorkspaceEdit,
};

use super::document::Document;
use super::text::{Encoding, Lines};
use crate::add_allow::{comment_before, newline_of, still_parses};
use crate::driver::Finding;
use crate::report::{help_uri, level_word, LineIndex};

/// `source` of every diagnostic: editors show it next to the code (`leapcheck(lint_name)`).
pub const SOURCE: &str = "leapcheck";

/// The reason written by "allow this lint here", for the user to replace: a suppression
/// should say why the code is safe, and `TODO` is what editors highlight and people grep for.
pub const REASON_PLACEHOLDER: &str = "TODO: why this is safe";

/// Lints that a `leapcheck:allow` comment cannot silence: a file that does not parse, and the
/// lints about the suppressions themselves (see lints/src/suppress.rs).
const NOT_SUPPRESSIBLE: [&Lint; 3] = [
    &PARSE_ERROR,
    &UNKNOWN_LINT_IN_SUPPRESSION,
    &UNUSED_SUPPRESSION,
];

/// The findings shown: suppressed ones are not.
pub fn shown(doc: &Document) -> impl Iterator<Item = &Finding> {
    doc.findings.iter().filter(|f| f.suppressed.is_none())
}

/// A finding as an LSP diagnostic: severity from its level, `code` the lint's name linking its
/// page, the message with the label under the span (rustc's primary label), the notes (the
/// date on which the code breaks) and the help as related information at the same place.
pub fn diagnostic(uri: &Url, lines: &Lines<'_>, f: &Finding) -> Diagnostic {
    let diag = &f.diag;
    let range = lines.range(diag.span);
    let mut message = diag.message.clone();
    if !diag.label.is_empty() {
        message.push('\n');
        message.push_str(&diag.label);
    }
    let related = diag
        .notes
        .iter()
        .cloned()
        .chain(diag.help.iter().map(|h| format!("help: {}", h.message)))
        .map(|message| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range),
            message,
        })
        .collect::<Vec<_>>();
    Diagnostic {
        range,
        severity: Some(match f.level {
            Level::Deny => DiagnosticSeverity::ERROR,
            _ => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diag.lint.name.to_string())),
        code_description: Url::parse(&help_uri(diag.lint))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn diagnostics(doc: &Document, encoding: Encoding) -> Vec<Diagnostic> {
    let lines = doc.lines(encoding);
    shown(doc)
        .map(|f| diagnostic(&doc.uri, &lines, f))
        .collect()
}

/// Whether the character at `offset` is in `span` (an empty span: the position itself).
fn covers(span: Span, offset: usize) -> bool {
    span.start <= offset && (offset < span.end || offset == span.start)
}

/// The hover at `offset`: for each finding there, the lint's summary and the notes (which name
/// the date on which the code breaks), with a link to the lint's page.
pub fn hover(doc: &Document, offset: usize, encoding: Encoding) -> Option<Hover> {
    let here: Vec<&Finding> = shown(doc).filter(|f| covers(f.diag.span, offset)).collect();
    let first = here.first()?;
    let sections: Vec<String> = here
        .iter()
        .map(|f| {
            let lint = f.diag.lint;
            let mut text = format!(
                "**leapcheck::{}** ({}): {}\n",
                lint.name,
                level_word(f.level),
                lint.summary
            );
            for note in &f.diag.notes {
                text.push_str(&format!("\n- {note}"));
            }
            text.push_str(&format!("\n\n[Documentation]({})", help_uri(lint)));
            text
        })
        .collect();
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(doc.lines(encoding).range(first.diag.span)),
    })
}

/// The quick fixes for the findings that `range` touches: each finding's fix (preferred when it
/// is safe; a display-only fix has placeholders and is never offered as an edit), then "allow
/// this lint here", which writes the suppression comment `cargo leapcheck --add-allow` writes,
/// with a reason to fill in.
pub fn code_actions(doc: &Document, range: Span, encoding: Encoding) -> Vec<CodeActionOrCommand> {
    let lines = doc.lines(encoding);
    let index = LineIndex::new(&doc.text);
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    // Whether a comment line above a line keeps the buffer parsing, by line (a finding inside a
    // multi-line string literal would put it in the string).
    let mut parses = doc.memo.comment_parses.borrow_mut();
    let mut actions = Vec::new();
    let touched =
        shown(doc).filter(|f| f.diag.span.start <= range.end && range.start <= f.diag.span.end);
    for f in touched {
        let diag = &f.diag;
        let diagnostics = Some(vec![diagnostic(&doc.uri, &lines, f)]);
        if let Some((help, fix)) = diag
            .help
            .as_ref()
            .and_then(|h| h.fix.as_ref().map(|fix| (h, fix)))
            .filter(|(_, fix)| fix.applicability != Applicability::DisplayOnly)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: help.message.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostics.clone(),
                edit: Some(edit(
                    fix.edits
                        .iter()
                        .map(|e| TextEdit::new(lines.range(e.span), e.code.clone()))
                        .collect(),
                )),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        if NOT_SUPPRESSIBLE.contains(&diag.lint) {
            continue;
        }
        let line = index.line(diag.span.start);
        let Some(line_range) = index.line_range(line) else {
            continue;
        };
        let (at, comment) = comment_before(
            &doc.text[line_range.clone()],
            &[diag.lint.name],
            REASON_PLACEHOLDER,
            newline_of(&doc.text),
        );
        let insert = line_range.start + at;
        let ok = *parses.entry(line).or_insert_with(|| {
            let mut text = doc.text.clone();
            text.insert_str(insert, &comment);
            still_parses(&text)
        });
        if !ok {
            continue;
        }
        let at = lines.position(insert);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Allow `{}` here (leapcheck:allow comment)", diag.lint.name),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics,
            edit: Some(edit(vec![TextEdit::new(
                lsp_types::Range::new(at, at),
                comment,
            )])),
            is_preferred: Some(false),
            ..CodeAction::default()
        }));
    }
    actions
}

/// The kind of the "fix all" action, which editors can run on save
/// (`"editor.codeActionsOnSave": { "source.fixAll.leapcheck": "explicit" }` in VS Code).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.leapcheck")
}

/// Whether some finding shown carries a safe fix (before computing the fixed text).
pub fn has_safe_fix(doc: &Document) -> bool {
    shown(doc).any(|f| {
        f.diag
            .help
            .as_ref()
            .and_then(|h| h.fix.as_ref())
            .is_some_and(|fix| fix.applicability == Applicability::Safe)
    })
}

/// "Fix all": the buffer's text becomes `fixed` (the safe fixes applied round by round, as
/// `--fix` applies them), through one edit of the part that differs, so the editor keeps the
/// cursor and the undo history of the rest.
pub fn fix_all(
    doc: &Document,
    fixed: &str,
    count: usize,
    encoding: Encoding,
) -> Option<CodeActionOrCommand> {
    let old = doc.text.as_str();
    let mut start = old
        .bytes()
        .zip(fixed.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !fixed.is_char_boundary(start) {
        start -= 1;
    }
    let mut common_end = old[start..]
        .bytes()
        .rev()
        .zip(fixed[start..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - common_end)
        || !fixed.is_char_boundary(fixed.len() - common_end)
    {
        common_end -= 1;
    }
    let replaced = Span::new(start, old.len() - common_end);
    if replaced.start == replaced.end && start == fixed.len() - common_end {
        return None;
    }
    let text_edit = TextEdit::new(
        doc.lines(encoding).range(replaced),
        fixed[start..fixed.len() - common_end].to_string(),
    );
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Apply the safe leapcheck fix{} ({count})",
            if count == 1 { "" } else { "es" }
        ),
        kind: Some(fix_all_kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), vec![text_edit])])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}
