//! `--message-format sarif`: one SARIF 2.1.0 log for the whole run, for GitHub code scanning
//! (`github/codeql-action/upload-sarif`) and other SARIF viewers.
//!
//! * `tool.driver.rules`: one rule per lint of the registry, in catalog order (`ruleIndex`
//!   points into it), with the lint's page as help and as `helpUri`.
//! * Locations: `artifactLocation.uri` relative to the repository root (the git top level,
//!   else the scanned root) with `uriBaseId` `%SRCROOT%`, which `originalUriBaseIds` maps to
//!   the root's absolute `file://` URI; a file outside the root gets an absolute URI. Regions
//!   are 1-based with an exclusive `endColumn` counted in code points
//!   (`run.columnKind` = `unicodeCodePoints`).
//! * `partialFingerprints.primaryLocationLineHash` is computed exactly as GitHub's upload
//!   action computes it when it is missing ([`line_hashes`]), so uploading our log gives the
//!   same alert identities as letting the action fingerprint it.
//! * Suppressed findings appear only with `--include-suppressed`, marked with `suppressions`
//!   (GitHub ignores the marker, so by default they are left out).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::WriteColor;
use leapcheck_lints::{Level, Lint, LINTS};
use serde_json::{json, Value};

use super::{Context, FileReport, Region, Reporter, Summary};
use crate::driver::Finding;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

pub struct Sarif {
    ctx: Context,
    results: Vec<Value>,
}

impl Sarif {
    pub fn new(ctx: Context) -> Sarif {
        Sarif {
            ctx,
            results: Vec::new(),
        }
    }

    /// `artifactLocation` of a reported file.
    fn artifact_location(&self, file: &Path) -> Value {
        match self.ctx.repo_relative(file) {
            Some(rel) => json!({"uri": encode_uri_path(&rel), "uriBaseId": SRCROOT}),
            None => json!({"uri": file_uri(&self.ctx.absolute(file), false)}),
        }
    }
}

/// The URL of a lint's documentation page in the repository.
pub fn help_uri(lint: &Lint) -> String {
    format!(
        "{}/blob/main/{}",
        env!("CARGO_PKG_REPOSITORY").trim_end_matches('/'),
        lint.doc_path()
    )
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "none",
    }
}

/// The first paragraph under `## What it does` of a lint page, as one line of plain text.
fn first_paragraph(lint: &Lint) -> String {
    let body = lint
        .explanation
        .split_once("## What it does")
        .map_or("", |(_, rest)| rest);
    let para: Vec<&str> = body
        .trim_start()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let para = para.join(" ");
    // A paragraph that introduces a list ("Reports ...:") is no sentence on its own.
    if para.is_empty() || para.ends_with(':') {
        sentence(lint.summary)
    } else {
        sentence(&para)
    }
}

/// `text` as a whole sentence: a capital first letter and a final full stop (the lint
/// summaries are written as `--list` shows them, lower case and without one).
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

fn rule(lint: &Lint) -> Value {
    let default = lint.default_level();
    let mut config = json!({"level": sarif_level(default)});
    if default == Level::Allow {
        config["enabled"] = json!(false);
    }
    json!({
        "id": lint.name,
        "name": lint.name,
        "shortDescription": {"text": sentence(lint.summary)},
        "fullDescription": {"text": first_paragraph(lint)},
        "help": {"text": lint.explanation, "markdown": lint.explanation},
        "helpUri": help_uri(lint),
        "defaultConfiguration": config,
        "properties": {
            "tags": [lint.group.as_str()],
            "precision": lint.precision.as_str(),
        },
    })
}

fn region(r: Region) -> Value {
    json!({
        "startLine": r.start_line,
        "startColumn": r.start_col,
        "endLine": r.end_line,
        "endColumn": r.end_col,
    })
}

/// The result's message: the headline, then the notes and the help as rustc prints them.
fn message_text(finding: &Finding) -> String {
    let diag = &finding.diag;
    let mut text = diag.message.clone();
    for note in &diag.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if let Some(help) = &diag.help {
        text.push_str("\nhelp: ");
        text.push_str(&help.message);
    }
    text
}

impl Reporter for Sarif {
    fn file(&mut self, _out: &mut dyn WriteColor, file: &FileReport<'_>) -> io::Result<()> {
        let artifact = self.artifact_location(file.file);
        let hashes = line_hashes(file.source());
        for f in file.located() {
            let diag = f.diag;
            let rule_index = LINTS.iter().position(|l| l.name == diag.lint.name);
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": region(f.region),
                },
            });
            if !diag.label.is_empty() {
                location["message"] = json!({"text": diag.label});
            }
            let mut result = json!({
                "ruleId": diag.lint.name,
                "level": sarif_level(f.level),
                "message": {"text": message_text(f.finding)},
                "locations": [location],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if let Some(hash) = hashes.get(f.region.start_line - 1) {
                result["partialFingerprints"] = json!({"primaryLocationLineHash": hash});
            }
            if let Some(fix) = &f.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|(edit, r)| {
                        json!({
                            "deletedRegion": region(*r),
                            "insertedContent": {"text": edit.code},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": fix.help.message},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": replacements,
                    }],
                }]);
                result["properties"] = json!({"fixApplicability": fix.fix.applicability.as_str()});
            }
            if let Some(reason) = &f.finding.suppressed {
                let mut suppression = json!({"kind": "inSource"});
                if !reason.is_empty() {
                    suppression["justification"] = json!(reason);
                }
                result["suppressions"] = json!([suppression]);
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn WriteColor,
        err: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": env!("CARGO_PKG_NAME"),
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "informationUri": env!("CARGO_PKG_REPOSITORY"),
                        "rules": LINTS.iter().map(|l| rule(l)).collect::<Vec<_>>(),
                    },
                },
                "originalUriBaseIds": {
                    SRCROOT: {"uri": file_uri(&self.ctx.repo_root, true)},
                },
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        out.write_all(b"\n")?;
        out.flush()?;
        writeln!(err, "leapcheck: {}", summary.line())
    }
}

/// Percent-encodes a `/`-separated relative path for a URI reference: everything but RFC
/// 3986's unreserved characters and the separators.
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `file://` URI of an absolute path (`dir`: with a trailing `/`, as a base URI needs).
fn file_uri(path: &Path, dir: bool) -> String {
    let mut p = path.to_string_lossy().replace('\\', "/");
    if !p.starts_with('/') {
        // `C:/x` → `/C:/x`
        p.insert(0, '/');
    }
    if dir && !p.ends_with('/') {
        p.push('/');
    }
    // A drive letter's colon is kept: `file:///C:/x`.
    let encoded: String = p
        .split('/')
        .map(|seg| {
            if seg.len() == 2 && seg.ends_with(':') {
                seg.to_string()
            } else {
                encode_uri_path(seg)
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    format!("file://{encoded}")
}

/// `primaryLocationLineHash` of every line of `text` (index 0 = line 1), computed like
/// github/codeql-action's `fingerprints.ts`: a rolling hash (base 37, wrapping 64-bit
/// arithmetic) over a window of the next 100 UTF-16 code units of the file starting at each
/// line, with spaces and tabs skipped and `\r\n`/`\r` read as `\n`, padded at the end of the
/// file with one 65535 and zeros; written as lowercase hex plus `:n` where n counts earlier
/// lines with the same hash. A file ending in a line break has one more (empty) line.
pub fn line_hashes(text: &str) -> Vec<String> {
    const BLOCK: usize = 100;
    const MOD: u64 = 37;
    const EOF: u16 = 65535;
    const TAB: u16 = b'\t' as u16;
    const SPACE: u16 = b' ' as u16;
    const LF: u16 = b'\n' as u16;
    const CR: u16 = b'\r' as u16;

    struct State {
        window: [u64; BLOCK],
        /// The line starting at each window slot, if one does.
        line_numbers: [Option<usize>; BLOCK],
        hash: u64,
        first_mod: u64,
        index: usize,
        line_number: usize,
        line_start: bool,
        prev_cr: bool,
        counts: HashMap<u64, usize>,
        out: Vec<String>,
    }

    impl State {
        fn output(&mut self) {
            let n = self.counts.entry(self.hash).or_insert(0);
            *n += 1;
            // Lines come out in order, each once.
            debug_assert_eq!(self.line_numbers[self.index], Some(self.out.len() + 1));
            self.out.push(format!("{:x}:{n}", self.hash));
            self.line_numbers[self.index] = None;
        }

        fn update(&mut self, current: u64) {
            let begin = self.window[self.index];
            self.window[self.index] = current;
            self.hash = MOD
                .wrapping_mul(self.hash)
                .wrapping_add(current)
                .wrapping_sub(self.first_mod.wrapping_mul(begin));
            self.index = (self.index + 1) % BLOCK;
        }

        fn process(&mut self, mut current: u16) {
            if current == SPACE || current == TAB || (self.prev_cr && current == LF) {
                self.prev_cr = false;
                return;
            }
            if current == CR {
                current = LF;
                self.prev_cr = true;
            } else {
                self.prev_cr = false;
            }
            if self.line_numbers[self.index].is_some() {
                self.output();
            }
            if self.line_start {
                self.line_start = false;
                self.line_number += 1;
                self.line_numbers[self.index] = Some(self.line_number);
            }
            if current == LF {
                self.line_start = true;
            }
            self.update(u64::from(current));
        }
    }

    let mut s = State {
        window: [0; BLOCK],
        line_numbers: [None; BLOCK],
        hash: 0,
        first_mod: MOD.wrapping_pow(BLOCK as u32),
        index: 0,
        line_number: 0,
        line_start: true,
        prev_cr: false,
        counts: HashMap::new(),
        out: Vec::new(),
    };
    for unit in text.encode_utf16() {
        s.process(unit);
    }
    s.process(EOF);
    for _ in 0..BLOCK {
        if s.line_numbers[s.index].is_some() {
            s.output();
        }
        s.update(0);
    }
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of github/codeql-action's `src/fingerprints.test.ts`.
    #[test]
    fn line_hashes_match_the_upload_action() {
        assert_eq!(line_hashes(""), ["c129715d7a2bc9a3:1"]);
        assert_eq!(
            line_hashes(" a\nb\n  \t\tc\n d"),
            [
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1"
            ]
        );
        assert_eq!(
            line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            [
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ]
        );
        let expected = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        for input in [
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        ] {
            assert_eq!(line_hashes(input), expected, "{input:?}");
        }
        assert_eq!(
            line_hashes(&"Lorem ipsum dolor sit amet.\n".repeat(10)),
            [
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1"
            ]
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(encode_uri_path("src/a b/é.rs"), "src/a%20b/%C3%A9.rs");
        assert_eq!(
            file_uri(Path::new("/w/my repo"), true),
            "file:///w/my%20repo/"
        );
    }

    #[test]
    fn rules_cover_every_lint_with_its_page() {
        for lint in LINTS {
            let r = rule(lint);
            assert_eq!(r["id"], lint.name);
            let uri = r["helpUri"].as_str().unwrap();
            assert!(
                uri.ends_with(&format!("/blob/main/lints/docs/{}.md", lint.name)),
                "{uri}"
            );
            // The page the URI names is in the repository.
            let page = uri.split_once("/blob/main/").unwrap().1;
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(page).is_file(),
                "{page}"
            );
            for key in ["shortDescription", "fullDescription"] {
                let text = r[key]["text"].as_str().unwrap();
                assert!(
                    text.starts_with(|c: char| c.is_uppercase() || c == '`') && text.ends_with('.'),
                    "{key} of {}: {text}",
                    r["id"]
                );
            }
        }
    }
}
