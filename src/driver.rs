//! Checks the discovered files in parallel and turns engine results into leveled findings.
//!
//! Failure policy (see also `main.rs`):
//! * A file that does not parse, or is not UTF-8, is a *finding* (`parse_error`, deny by
//!   default) at the position of the problem; the other files are still checked. A file found
//!   by a walk that no crate's module tree reaches (cargo never compiles it) is a *note*
//!   instead ([`skip_uncompiled`], `modtree.rs`).
//! * A file that cannot be checked at all (unreadable, not a regular file, or the engine
//!   panicked on it) is an *error* naming the file. The run goes on, but the process exits with
//!   status 2 at the end, even with `--exit-zero`: a clean exit must mean every file was
//!   checked, or CI would pass with files silently left out.

use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use anyhow::{Context, Result};
use leapcheck_lints::registry::PARSE_ERROR;
use leapcheck_lints::{
    check_source_with_suppressions, Certainty, Checked, Diagnostic, Edit, Level, LintSet, Options,
    Span, LINTS,
};
use rayon::prelude::*;

use crate::discover::{describe_io, FileJob};
use crate::fix::{FixMode, Fixed};
use crate::levels::Levels;

/// Stack size of the checking threads. syn parses recursively; the engine refuses nesting
/// beyond its `MAX_NESTING`, and this leaves ample room below that limit. Only touched pages
/// are committed, so the reservation costs address space, not memory.
pub const STACK_SIZE: usize = 256 * 1024 * 1024;

/// One reported finding with the level it is reported at (`Warn` or `Deny`; allowed findings
/// are dropped).
#[derive(Debug, Clone)]
pub struct Finding {
    pub diag: Diagnostic,
    pub level: Level,
    /// `Some(why)` when a suppression in the source silences the finding: the suppression's
    /// reason, or the form that silenced it (`leapcheck:allow comment`, `cfg_attr`) when it
    /// gives none. Suppressed findings are left out of every report, the summary and the exit
    /// status; only SARIF with `--include-suppressed` shows them (marked as suppressed).
    pub suppressed: Option<String>,
}

#[derive(Debug)]
pub enum Outcome {
    /// The file was checked. `source` is kept only when there are findings to show.
    Checked {
        source: Option<String>,
        findings: Vec<Finding>,
    },
    /// The file could not be checked; a complete message naming it.
    Failed(String),
    /// The file does not parse, and no crate's module tree reaches it: cargo never compiles
    /// it, so its syntax error is not a finding. A note naming the file and the error.
    NotCompiled(String),
}

#[derive(Debug)]
pub struct FileResult {
    pub job: FileJob,
    pub outcome: Outcome,
    /// With `--fix` or `--diff`: what fixing did (the outcome is the fixed text's).
    pub fixed: Option<Fixed>,
}

impl FileResult {
    /// The file's text and findings, when it was checked and has findings to show.
    pub fn findings_with_source(&self) -> Option<(&str, &[Finding])> {
        match &self.outcome {
            Outcome::Checked {
                source: Some(source),
                findings,
            } => Some((source, findings)),
            _ => None,
        }
    }
}

pub struct Settings {
    /// `test_file` is set per file from the job.
    pub options: Options,
    pub levels: Levels,
    /// Files of packages with their own `[package.metadata.leapcheck]`: their levels and
    /// `check-tests` instead of `levels` and `options.check_tests`.
    pub packages: crate::config::PackageProfiles,
    /// Worker threads; `None` = one per core.
    pub jobs: Option<usize>,
    /// `--fix` / `--diff`: apply the findings' fixes (in memory; the caller writes them).
    pub fix: Option<FixMode>,
}

/// Checks every file; results come back in the order of `files`.
pub fn run(files: Vec<FileJob>, settings: &Settings) -> Result<Vec<FileResult>> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE);
    if let Some(n) = settings.jobs {
        builder = builder.num_threads(n);
    }
    let pool = builder.build().context("cannot start the worker threads")?;
    Ok(pool.install(|| {
        files
            .into_par_iter()
            .map(|job| check_file(job, settings))
            .collect()
    }))
}

/// Turns the parse errors of files that no crate compiles into notes: a file found by a walk
/// (not named on the command line) whose package's module tree is known and does not reach it
/// (see `modtree.rs`). Its `parse_error` finding, at whatever level, is dropped. So is the
/// parse error of a file in an edition-2015 package (named or not): syn parses the syntax of
/// 2018 and later, so there the error is more likely the parser's than the file's, and the run
/// says the file was not checked instead of calling valid code an error.
pub fn skip_uncompiled(results: &mut [FileResult], metadata: Option<&cargo_metadata::Metadata>) {
    let candidates: Vec<usize> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| parse_error_of(&r.outcome).is_some())
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return;
    }
    // The module trees are read on a thread with the checking threads' stack: their files are
    // tokenized, and deeply nested input must not overflow the main thread's stack.
    let files: Vec<(std::path::PathBuf, bool)> = candidates
        .iter()
        .map(|&i| (results[i].job.path.clone(), results[i].job.named))
        .collect();
    let verdicts: Vec<Skip> = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                let mut trees = crate::modtree::ModuleTrees::new(metadata);
                files
                    .iter()
                    .map(|(p, named)| {
                        if !named && trees.compiled(p) == Some(false) {
                            Skip::NotCompiled
                        } else if trees.edition_2015(p) {
                            Skip::Edition2015
                        } else {
                            Skip::Keep
                        }
                    })
                    .collect()
            })
            .ok()
            .and_then(|h| h.join().ok())
            .unwrap_or_default()
    });
    // (No verdicts if the thread could not start: every parse error is kept.)
    for (&i, verdict) in candidates.iter().zip(verdicts) {
        let r = &mut results[i];
        let Some(why) = parse_error_of(&r.outcome) else {
            continue;
        };
        let because = match verdict {
            Skip::Keep => continue,
            Skip::NotCompiled => "no crate's module tree reaches it (no `mod` declares it), so cargo does not compile it either",
            Skip::Edition2015 => "its package is edition 2015, whose older syntax the parser (Rust 2018 and later) does not fully read, so this says nothing about the file",
        };
        r.outcome = Outcome::NotCompiled(format!(
            "`{}` was not checked: {why}; {because}",
            r.job.display
        ));
    }
}

/// What [`skip_uncompiled`] does with a file's parse error.
enum Skip {
    Keep,
    NotCompiled,
    Edition2015,
}

/// The parse error a checked file was reported with: message and position.
fn parse_error_of(outcome: &Outcome) -> Option<String> {
    let Outcome::Checked {
        source: Some(source),
        findings,
    } = outcome
    else {
        return None;
    };
    let f = findings.iter().find(|f| f.diag.lint == &PARSE_ERROR)?;
    let (line, col) = crate::report::LineIndex::new(source).line_col(f.diag.span.start);
    Some(format!(
        "{} at {line}:{col} ({})",
        f.diag.message, f.diag.label
    ))
}

/// Checks source text that does not come from a file (`--stdin-filename`): `job` names it.
pub fn run_source(job: FileJob, bytes: Vec<u8>, settings: &Settings) -> Result<FileResult> {
    // The engine needs the deep stack of a checking thread.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .num_threads(1)
        .build()
        .context("cannot start the worker thread")?;
    Ok(pool.install(|| check_bytes(job, bytes, settings)))
}

fn check_file(job: FileJob, settings: &Settings) -> FileResult {
    match read_regular_file(&job.path, job.walked) {
        Err(msg) => FileResult {
            outcome: Outcome::Failed(format!("cannot read `{}`: {msg}", job.display)),
            job,
            fixed: None,
        },
        Ok(bytes) => check_bytes(job, bytes, settings),
    }
}

/// Checks one file's bytes (also an editor's buffer: `cargo leapcheck server`). Run it on a
/// thread with a [`STACK_SIZE`] stack.
pub fn check_bytes(job: FileJob, bytes: Vec<u8>, settings: &Settings) -> FileResult {
    let package = settings.packages.get(&job.path);
    let options = Options {
        test_file: job.test_file,
        check_tests: package.map_or(settings.options.check_tests, |p| p.check_tests),
        ..settings.options.clone()
    };
    let levels = package.map_or(&settings.levels, |p| &p.levels);
    // Lints reported at `allow` do not run at all (and the prefilter does not look for them).
    let disabled = LINTS
        .iter()
        .filter(|l| levels.effective(l) == Level::Allow)
        .fold(LintSet::EMPTY, |set, l| set.with(LintSet::of(l)));
    let options = Options {
        disabled,
        ..options
    };
    let analysed = match settings.fix {
        Some(mode) => fix_rounds(bytes, levels, mode, &|bytes| analyse(bytes, &options)),
        None => analyse(bytes, &options).map(|checked| (checked, None)),
    };
    let (outcome, fixed) = match analysed {
        Ok(((source, diags), fixed)) => (leveled(source, diags, levels), fixed),
        Err(panic_message) => (
            Outcome::Failed(format!(
                "internal error while checking `{}`: {panic_message}\n  \
                 note: this is a bug in cargo-leapcheck; the other files were checked",
                job.display
            )),
            None,
        ),
    };
    FileResult {
        job,
        outcome,
        fixed,
    }
}

/// Checks and fixes a file's text round by round (see `fix.rs`); the result is the last
/// text's check and what fixing did. A file that is not UTF-8 or does not parse is left alone.
/// `analyse` is the engine ([`analyse`] with the file's options; a test passes a fake one).
fn fix_rounds(
    bytes: Vec<u8>,
    levels: &Levels,
    mode: FixMode,
    analyse: &dyn Fn(Vec<u8>) -> Result<Analysed, String>,
) -> Result<(Analysed, Option<Fixed>), String> {
    let (mut source, mut diags) = analyse(bytes)?;
    let mut fixed = Fixed {
        original: source.clone(),
        ..Fixed::default()
    };
    let parses = |diags: &[Checked]| !diags.iter().any(|c| c.diag.lint == &PARSE_ERROR);
    if !parses(&diags) {
        fixed.text = source.clone();
        return Ok(((source, diags), Some(fixed)));
    }
    for _ in 0..crate::fix::MAX_ROUNDS {
        let level_of = |c: &Checked| levels.shown(c.diag.lint, c.diag.certainty);
        let chosen = crate::fix::select(&diags, level_of, mode);
        if chosen.is_empty() {
            break;
        }
        let text = crate::fix::apply(&source, &chosen);
        for (lint, _) in &chosen {
            *fixed.applied.entry(lint).or_default() += 1;
        }
        let (text, next) = analyse(text.into_bytes())?;
        if !parses(&next) {
            let error = next
                .iter()
                .find(|c| c.diag.lint == &PARSE_ERROR)
                .map(|c| format!("{} ({})", c.diag.message, c.diag.label))
                .unwrap_or_default();
            fixed.reverted = Some(format!(
                "the fixed text does not parse: {error}; the file was left as it was \
                 (this is a bug in a fix of cargo-leapcheck)"
            ));
            fixed.applied.clear();
            let original = analyse(fixed.original.clone().into_bytes())?;
            fixed.text = fixed.original.clone();
            return Ok((original, Some(fixed)));
        }
        source = text;
        diags = next;
    }
    fixed.text = source.clone();
    Ok(((source, diags), Some(fixed)))
}

/// Reads a file only if it is a regular file. The type is checked before opening (opening a
/// FIFO for reading blocks until someone writes, opening a device can act on it), unless a
/// walk just saw a regular file there (`walked`), and again on the open handle, which is opened
/// non-blocking, so a file swapped for a FIFO in between cannot hang the run either.
fn read_regular_file(path: &Path, walked: bool) -> Result<Vec<u8>, String> {
    if !walked {
        let meta = std::fs::metadata(path).map_err(|e| describe_io(&e))?;
        if !meta.is_file() {
            return Err("not a regular file".to_string());
        }
    }
    let mut file = open_nonblocking(path).map_err(|e| describe_io(&e))?;
    let meta = file.metadata().map_err(|e| describe_io(&e))?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    let mut bytes = Vec::with_capacity(meta.len().try_into().unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(|e| describe_io(&e))?;
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// A file's text and the engine's diagnostics of it.
type Analysed = (String, Vec<Checked>);

/// Runs the engine on one file's bytes: the source text (lossily decoded when not UTF-8) and
/// the engine's diagnostics, or the panic message if the engine panicked.
fn analyse(bytes: Vec<u8>, options: &Options) -> Result<Analysed, String> {
    let source = match String::from_utf8(bytes) {
        Ok(source) => source,
        Err(e) => {
            // The prefix before the first invalid byte is kept as is by the lossy decoding,
            // so the offset is valid in the decoded text (where it points at U+FFFD).
            let offset = e.utf8_error().valid_up_to();
            let source = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let diag = parse_error(
                &source,
                offset,
                "file is not valid UTF-8",
                "invalid UTF-8 here".to_string(),
            );
            return Ok((source, vec![unsuppressed(diag)]));
        }
    };
    let result = catch_panic(|| check_source_with_suppressions(&source, options))?;
    let diags = match result {
        Ok(diags) => diags,
        Err(e) => vec![unsuppressed(parse_error(
            &source,
            e.offset,
            "could not parse file",
            e.message.clone(),
        ))],
    };
    Ok((source, diags))
}

fn unsuppressed(diag: Diagnostic) -> Checked {
    Checked {
        diag,
        suppressed: None,
    }
}

/// A `parse_error` finding on the character at `offset`.
fn parse_error(source: &str, offset: usize, message: &str, label: String) -> Diagnostic {
    let start = floor_char_boundary(source, offset.min(source.len()));
    let end = source[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    Diagnostic {
        lint: &PARSE_ERROR,
        certainty: Certainty::Certain,
        message: message.to_string(),
        span: Span::new(start, end),
        label,
        notes: vec![
            "none of this file was checked: a file is analysed only when it parses as a whole"
                .to_string(),
        ],
        help: None,
    }
}

fn fix_edits(diag: &mut Diagnostic) -> impl Iterator<Item = &mut Edit> {
    diag.help
        .as_mut()
        .and_then(|h| h.fix.as_mut())
        .into_iter()
        .flat_map(|fix| fix.edits.iter_mut())
}

/// Levels the engine's findings, dropping allowed ones, and makes every span safe to slice
/// with (within the text, on character boundaries) so no reporter can panic on an engine bug.
fn leveled(source: String, diags: Vec<Checked>, levels: &Levels) -> Outcome {
    // A byte-order mark is not a column (editors and rustc do not show it): report positions
    // in the text after it, as rustc does.
    let (source, shift) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), '\u{feff}'.len_utf8()),
        None => (source, 0),
    };
    let unshift =
        |sp: Span| Span::new(sp.start.saturating_sub(shift), sp.end.saturating_sub(shift));
    let diags: Vec<Checked> = diags
        .into_iter()
        .map(|mut c| {
            c.diag.span = unshift(c.diag.span);
            for edit in fix_edits(&mut c.diag) {
                edit.span = unshift(edit.span);
            }
            c
        })
        .collect();
    let findings: Vec<Finding> = diags
        .into_iter()
        .filter_map(
            |Checked {
                 mut diag,
                 suppressed,
             }| {
                let level = levels.shown(diag.lint, diag.certainty);
                if level == Level::Allow {
                    return None;
                }
                diag.span = clamp_span(&source, diag.span);
                for edit in fix_edits(&mut diag) {
                    edit.span = clamp_span(&source, edit.span);
                }
                Some(Finding {
                    diag,
                    level,
                    suppressed,
                })
            },
        )
        .collect();
    let source = (!findings.is_empty()).then_some(source);
    Outcome::Checked { source, findings }
}

fn clamp_span(source: &str, span: Span) -> Span {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let end = floor_char_boundary(source, span.end.min(source.len())).max(start);
    Span::new(start, end)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

thread_local! {
    /// Set while the engine runs on this thread: its panics are reported per file, so the
    /// default hook's message on stderr would only be noise.
    static IN_CHECK: Cell<bool> = const { Cell::new(false) };
    /// Message and location of the last panic caught on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that stays quiet for panics caught by [`catch_panic`] and defers to
/// the default hook otherwise (a panic in the CLI itself is still reported normally).
pub fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if IN_CHECK.with(Cell::get) {
            let payload = info.payload();
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let msg = match info.location() {
                Some(loc) => format!(
                    "the engine panicked at {}:{}: {msg}",
                    loc.file(),
                    loc.line()
                ),
                None => format!("the engine panicked: {msg}"),
            };
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
        } else {
            default(info);
        }
    }));
}

fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    IN_CHECK.with(|c| c.set(true));
    // The engine is pure (text in, diagnostics out); nothing it could leave half-updated is
    // observed after a panic, so asserting unwind safety is sound.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    IN_CHECK.with(|c| c.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "the engine panicked".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fix whose result does not parse (a bug in a fix) leaves the file as it was, and says
    /// so; the findings reported are the original text's.
    #[test]
    fn a_fix_that_breaks_the_syntax_is_reverted() {
        use leapcheck_lints::registry::YEAR_ARITHMETIC_ON_DATE;
        use leapcheck_lints::{Applicability, Fix, Help};
        let original = "fn f() { g() }\n";
        // The fake engine: the original has one finding whose fix drops the closing brace;
        // any other text is a parse error.
        let engine = |bytes: Vec<u8>| -> Result<Analysed, String> {
            let text = String::from_utf8(bytes).unwrap();
            let diag = if text == original {
                let at = text.find('}').unwrap();
                Diagnostic {
                    lint: &YEAR_ARITHMETIC_ON_DATE,
                    certainty: Certainty::Certain,
                    message: "m".to_string(),
                    span: Span::new(at, at + 1),
                    label: String::new(),
                    notes: Vec::new(),
                    help: Some(Help {
                        message: "h".to_string(),
                        fix: Some(Fix::replace(Span::new(at, at + 1), "", Applicability::Safe)),
                    }),
                }
            } else {
                parse_error(
                    &text,
                    text.len(),
                    "could not parse file",
                    "here".to_string(),
                )
            };
            Ok((text, vec![unsuppressed(diag)]))
        };
        let levels = Levels::from_flags(&[]).unwrap();
        let mode = FixMode {
            unsafe_fixes: false,
        };
        let ((text, diags), fixed) = fix_rounds(original.into(), &levels, mode, &engine).unwrap();
        let fixed = fixed.unwrap();
        assert_eq!(text, original);
        assert_eq!(fixed.text, original);
        assert!(!fixed.changed());
        assert!(fixed.applied.is_empty());
        let why = fixed.reverted.expect("the revert is said");
        assert!(
            why.contains("does not parse: could not parse file"),
            "{why}"
        );
        assert_eq!(diags[0].diag.lint.name, "year_arithmetic_on_date");
    }

    #[test]
    fn invalid_utf8_is_a_parse_error_at_the_first_bad_byte() {
        let (source, diags) =
            analyse(b"fn main() {}\n// \xff\xfe\n".to_vec(), &Options::default()).unwrap();
        assert_eq!(diags.len(), 1);
        let diag = &diags[0].diag;
        assert_eq!(diag.lint.name, "parse_error");
        assert_eq!(diag.message, "file is not valid UTF-8");
        assert_eq!(diag.span.start, 16);
        assert_eq!(&source[diag.span.start..diag.span.end], "\u{fffd}");
    }

    #[test]
    fn syntax_error_is_a_parse_error() {
        // Without the prefilter every file is parsed; with it, one with date code is.
        let no_prefilter = Options {
            prefilter: false,
            ..Options::default()
        };
        let (_, diags) = analyse(b"fn main() { let x = ; }".to_vec(), &no_prefilter).unwrap();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].diag.lint.name, "parse_error");
        let src = b"fn main() { let d = NaiveDate::from_ymd_opt(2024, 2, 1) + ; }".to_vec();
        let (_, diags) = analyse(src, &Options::default()).unwrap();
        assert_eq!(diags[0].diag.lint.name, "parse_error");
        // No date code, no parse: nothing to report.
        let (_, diags) = analyse(b"fn main() { let x = ; }".to_vec(), &Options::default()).unwrap();
        assert!(diags.is_empty());
    }

    #[test]
    fn a_file_deleted_after_discovery_is_reported_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.rs");
        std::fs::write(
            &good,
            "fn next_year(t: std::time::SystemTime) -> std::time::SystemTime { t + std::time::Duration::from_secs(365 * 86_400) }",
        )
        .unwrap();
        let gone = dir.path().join("gone.rs");
        let job = |p: &std::path::Path| FileJob {
            path: p.to_path_buf(),
            display: p.file_name().unwrap().to_string_lossy().into_owned(),
            test_file: false,
            named: true,
            walked: false,
        };
        let settings = Settings {
            options: Options::default(),
            levels: Levels::default(),
            packages: Default::default(),
            jobs: Some(2),
            fix: None,
        };
        let results = run(vec![job(&gone), job(&good)], &settings).unwrap();
        match &results[0].outcome {
            Outcome::Failed(msg) => assert!(msg.contains("gone.rs"), "{msg}"),
            other => panic!("expected a failure, got {other:?}"),
        }
        match &results[1].outcome {
            Outcome::Checked { findings, .. } => assert_eq!(findings.len(), 1),
            other => panic!("expected findings, got {other:?}"),
        }
    }

    /// A walked file is not looked up again before it is opened: one swapped for a FIFO since
    /// the walk is still refused, by its open handle, without blocking.
    #[cfg(unix)]
    #[test]
    fn a_walked_file_swapped_for_a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("swapped.rs");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.expect("mkfifo").success());
        let job = FileJob {
            path: fifo.clone(),
            display: "swapped.rs".to_string(),
            test_file: false,
            named: false,
            walked: true,
        };
        let settings = Settings {
            options: Options::default(),
            levels: Levels::default(),
            packages: Default::default(),
            jobs: Some(1),
            fix: None,
        };
        let results = run(vec![job], &settings).unwrap();
        match &results[0].outcome {
            Outcome::Failed(msg) => assert!(msg.contains("not a regular file"), "{msg}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn panics_are_caught_with_their_message() {
        install_panic_hook();
        let err = catch_panic(|| -> u32 { panic!("boom") }).unwrap_err();
        assert!(err.contains("boom"), "{err}");
        assert_eq!(catch_panic(|| 7).unwrap(), 7);
    }

    #[test]
    fn spans_are_clamped_to_char_boundaries() {
        let s = "aé";
        assert_eq!(clamp_span(s, Span::new(2, 99)), Span::new(1, 3));
        assert_eq!(clamp_span(s, Span::new(3, 1)), Span::new(3, 3));
    }
}
