//! `--add-allow[=REASON]`: writes `// leapcheck:allow(LINT) REASON` above each line where a
//! finding starts (ruff's `--add-noqa`), so that an existing code base can adopt the checker
//! with every current finding recorded in the code, next to it, and new ones reported.
//!
//! One comment per line, naming every lint found there, with the line's indentation and line
//! ending. `parse_error` is left alone (a file that does not parse is no line's fault). A file
//! that would no longer parse is not written (said on stderr). A second run finds nothing
//! left to allow: the comments suppress what they name.

use std::collections::BTreeMap;
use std::path::Path;

use crate::driver::FileResult;

/// What `--add-allow` did.
#[derive(Debug, Default)]
pub struct Added {
    pub comments: usize,
    pub files: usize,
    /// Files that could not be written, with why.
    pub failed: Vec<String>,
}

pub fn add_allow(results: &[FileResult], reason: &str) -> Added {
    let mut added = Added::default();
    for result in results {
        let Some((source, findings)) = result.findings_with_source() else {
            continue;
        };
        // Line index (0-based) → lint names, in order of first appearance.
        let mut lines: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        let index = crate::report::LineIndex::new(source);
        for f in findings.iter().filter(|f| f.suppressed.is_none()) {
            let name = f.diag.lint.name;
            if name == "parse_error" {
                continue;
            }
            let line = index.line(f.diag.span.start) - 1;
            let names = lines.entry(line).or_default();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if lines.is_empty() {
            continue;
        }
        let text = with_comments(source, &lines, reason);
        if !still_parses(&text) {
            added.failed.push(format!(
                "`{}`: not changed, the comments would break its syntax",
                result.job.display
            ));
            continue;
        }
        match crate::report::write_atomically(Path::new(&result.job.path), text.as_bytes()) {
            Ok(()) => {
                added.comments += lines.len();
                added.files += 1;
            }
            Err(e) => added
                .failed
                .push(format!("`{}`: cannot write: {e}", result.job.display)),
        }
    }
    added
}

/// The edited text still parses. Checked like any file (on a thread with the large stack a
/// deeply nested file needs, with the engine's nesting limit and span cleanup).
pub fn still_parses(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').to_string();
    std::thread::Builder::new()
        .stack_size(crate::driver::STACK_SIZE)
        .spawn(move || {
            leapcheck_lints::check_source(&text, &leapcheck_lints::Options::default()).is_ok()
        })
        .ok()
        .and_then(|t| t.join().ok())
        .unwrap_or(false)
}

/// `source` with a comment line above each line of `lines` (0-based).
fn with_comments(source: &str, lines: &BTreeMap<usize, Vec<&str>>, reason: &str) -> String {
    let newline = newline_of(source);
    let mut out = String::with_capacity(source.len() + lines.len() * 60);
    for (i, line) in source.split_inclusive('\n').enumerate() {
        match lines.get(&i) {
            Some(names) => {
                let (at, comment) = comment_before(line, names, reason, newline);
                out.push_str(&line[..at]);
                out.push_str(&comment);
                out.push_str(&line[at..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The line ending a comment line gets: the file's own.
pub fn newline_of(source: &str) -> &'static str {
    if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The `// leapcheck:allow(NAMES) REASON` line to insert before `line` (one line of the file,
/// with or without its line ending): the byte offset in `line` to insert it at (after a
/// byte-order mark, which belongs to the file, not to the line) and the text, with the line's
/// indentation and `newline`. The editor's "allow this lint here" action inserts the same line.
pub fn comment_before(line: &str, names: &[&str], reason: &str, newline: &str) -> (usize, String) {
    let at = if line.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let indent: String = line[at..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let mut comment = format!("{indent}// leapcheck:allow({})", names.join(", "));
    let reason = reason.trim();
    if !reason.is_empty() {
        comment.push(' ');
        comment.push_str(reason);
    }
    comment.push_str(newline);
    (at, comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_keep_indentation_line_endings_and_the_bom() {
        let mut lines = BTreeMap::new();
        lines.insert(0, vec!["a"]);
        lines.insert(2, vec!["b", "c"]);
        let src = "\u{feff}fn f() {\r\n    x();\r\n    y();\r\n}\r\n";
        assert_eq!(
            with_comments(src, &lines, " legacy "),
            "\u{feff}// leapcheck:allow(a) legacy\r\nfn f() {\r\n    x();\r\n    \
             // leapcheck:allow(b, c) legacy\r\n    y();\r\n}\r\n"
        );
        let mut one = BTreeMap::new();
        one.insert(1, vec!["a"]);
        assert_eq!(
            with_comments("fn f() {\n\tx();\n}", &one, ""),
            "fn f() {\n\t// leapcheck:allow(a)\n\tx();\n}"
        );
    }
}
