//! `leapcheck-lints`: the analysis engine of cargo-leapcheck.
//!
//! Pure: source text in, diagnostics out. No I/O, no clock, no CLI. The caller passes "today"
//! in [`Options`] so that notes can name the next real date on which the code breaks, and so
//! that tests are reproducible.
//!
//! Layout: `lints/` one file per lint, each with its declaration; [`registry`] the declaration
//! types and the registry generated from the lint files; [`api`] the date APIs of
//! chrono/time/jiff/std/rcgen as data; [`resolve`] the `use` resolution; [`bindings`] local
//! `let` tracking; [`guards`] the recognition of handled failures.

pub mod api;
pub mod bindings;
pub mod calendar;
mod calls;
mod context;
pub mod diagnostic;
mod durations;
mod facts;
mod formats;
pub mod guards;
mod imports;
mod items;
mod lints;
mod macros;
pub mod modules;
mod parse_checks;
pub mod prefilter;
pub mod registry;
pub mod resolve;
mod select;
mod source;
pub mod suppress;
mod values;
mod verdict;
mod writes;
mod zones;

pub use calendar::CivilDate;
pub use diagnostic::{Applicability, Certainty, Diagnostic, Edit, Fix, Help, ParseError, Span};
pub use prefilter::LintSet;
pub use registry::{find_lint, Fixable, Group, Level, Lint, LintId, LINTS};
pub use suppress::Checked;

/// Per-file analysis options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Report `unwrap_on_date_construction` inside `#[cfg(test)]`/`#[test]` code too.
    pub check_tests: bool,
    /// The whole file is test code (an integration test under `tests/`, a bench).
    pub test_file: bool,
    /// The date notes count from: "on 2028-02-29 this builds 2029-02-29".
    pub today: CivilDate,
    /// Skip files (and lints) whose needles do not occur in the source; see [`prefilter`].
    /// A skipped file is not parsed, so its syntax errors are not reported. In a file that is
    /// checked, only the items that can hold a finding and those they read are parsed (see
    /// `select.rs`): a syntax error in the others is not reported either. In test code, only
    /// the needles of the lints that run there count. Without it, every file is parsed whole.
    pub prefilter: bool,
    /// Lints that do not run at all (those the caller reports at `allow` level).
    pub disabled: LintSet,
}

impl Options {
    /// The lints that run on a file: all but the disabled ones.
    pub fn enabled(&self) -> LintSet {
        LintSet::all().without(self.disabled)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            check_tests: false,
            test_file: false,
            today: CivilDate::new(2026, 1, 1),
            prefilter: true,
            disabled: LintSet::EMPTY,
        }
    }
}

/// Checks one file's source text. Findings come sorted by position.
///
/// Deeply nested input needs a deep stack: syn parses recursively. Callers run this on threads
/// with a large stack (the CLI uses 256 MiB); nesting beyond [`MAX_NESTING`] is reported as a
/// parse error without parsing.
///
/// With proc-macro2's `span-locations`, every parse appends the file to a thread-local source
/// map that is never freed (and whose 32-bit offsets overflow after 4 GiB). This function
/// therefore invalidates the current thread's spans before it returns: a caller must not hold
/// `proc_macro2::Span`s of its own across a call on the same thread.
pub fn check_source(src: &str, opts: &Options) -> Result<Vec<Diagnostic>, ParseError> {
    analyse(src, opts, |_, _| (), |_, diags, ()| diags)
}

/// [`check_source`] with the suppressions written in the file applied: each finding says
/// whether the source silences it, and findings about the suppressions themselves
/// (`unknown_lint_in_suppression`, `unused_suppression`) are added. See [`suppress`].
pub fn check_source_with_suppressions(
    src: &str,
    opts: &Options,
) -> Result<Vec<Checked>, ParseError> {
    analyse(
        src,
        opts,
        // Read before the lints run: they rewrite macro calls in the tree.
        suppress::collect,
        |text, diags, suppressions| suppressions.apply(text, diags, opts.enabled()),
    )
}

/// The one pipeline behind both entry points: prefilter, nesting check, parse (with the
/// prefilter, of the items that matter, batch by batch: see [`check_batches`]), `before` on the
/// fresh tree, the lints, then `after` on their findings. The thread's proc-macro2 spans are
/// reset at the end, whatever happened.
fn analyse<S, T>(
    src: &str,
    opts: &Options,
    before: impl Fn(&str, &syn::File) -> S,
    after: impl FnOnce(&str, Vec<Diagnostic>, S) -> Vec<T>,
) -> Result<Vec<T>, ParseError> {
    let Some((active, hits)) = active_lints(src, opts) else {
        return Ok(Vec::new());
    };
    let result = (|| {
        source::check_nesting(src, MAX_NESTING)?;
        let text = source::prepare(src);
        if opts.prefilter {
            if let Some((diags, seen)) = check_batches(&text, opts, active, &hits, &before) {
                return Ok(after(&text, diags, seen));
            }
        }
        let file = source::parse(&text)?;
        let seen = before(&text, &file);
        let diags = lint_file(&text, file, opts, active, false)
            .expect("an analysis finds all it reads in the whole file");
        Ok(after(&text, diags, seen))
    })();
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// Checks the items that can matter ([`select::batches`]) batch by batch, each tree dropped
/// before the next is parsed, so that memory is bounded by a batch, not by the file. `None`
/// when the file is to be parsed whole instead: it cannot be split, every item matters and
/// fits one batch, a batch does not parse (the whole file's parse then reports the syntax
/// error as it is), or an analysis asks for the whole file.
///
/// `before` runs on the first batch only: a file with suppressions (what it reads) is one
/// batch.
fn check_batches<S>(
    text: &str,
    opts: &Options,
    active: LintSet,
    hits: &prefilter::Hits,
    before: &impl Fn(&str, &syn::File) -> S,
) -> Option<(Vec<Diagnostic>, S)> {
    let batches = select::batches(text, active, opts, hits)?;
    let mut seen = None;
    let mut diags = Vec::new();
    for ranges in batches {
        let file = syn::parse_str::<syn::File>(&select::reduced_text(text, &ranges)).ok()?;
        if seen.is_none() {
            seen = Some(before(text, &file));
        }
        diags.extend(lint_file(text, file, opts, active, true)?);
        // Findings hold byte offsets, not spans: the batch's text can leave the span map.
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    sort_findings(&mut diags);
    Some((diags, seen?))
}

/// How many bytes of `src` the engine parses with these options (0 when the prefilter skips the
/// file): for the benchmark's statistics.
pub fn parsed_len(src: &str, opts: &Options) -> usize {
    let Some((active, hits)) = active_lints(src, opts) else {
        return 0;
    };
    let text = source::prepare(src);
    match opts.prefilter {
        true => select::chosen_len(&text, active, opts, &hits).unwrap_or(text.len()),
        false => text.len(),
    }
}

/// The lints to run on this source, or None when no enabled lint can fire on it (the file is
/// then not parsed at all). A disabled lint that supersedes an enabled one runs too, silently:
/// `-A year_arithmetic_on_date` must not turn the year lint's calls into the generic unwrap
/// lint's findings. With the prefilter, also where the needles are.
fn active_lints(src: &str, opts: &Options) -> Option<(LintSet, prefilter::Hits)> {
    let enabled = opts.enabled();
    let superseding = LINTS
        .iter()
        .filter(|l| !enabled.contains(l))
        .filter(|l| {
            l.supersedes
                .iter()
                .any(|id| enabled.contains(LINTS[*id as usize]))
        })
        .fold(LintSet::EMPTY, |set, l| set.with(LintSet::of(l)));
    let mut wanted = enabled.with(superseding);
    if opts.prefilter && opts.test_file {
        // All of the file is test code: a lint that does not run there cannot report in it.
        wanted = wanted.intersect(LintSet::in_tests(opts.check_tests));
    }
    let (active, hits) = match opts.prefilter {
        true => prefilter::scan_hits(src, wanted),
        false => (wanted, prefilter::Hits::default()),
    };
    (!active.intersect(enabled).is_empty()).then_some((active, hits))
}

/// The findings, or `None` when an analysis needs the whole file and only some items were
/// parsed.
fn lint_file(
    text: &str,
    file: syn::File,
    opts: &Options,
    active: LintSet,
    partial: bool,
) -> Option<Vec<Diagnostic>> {
    let mut diags = context::check_file(text, file, opts, active, partial)?;
    // Lints that only ran to supersede others report nothing.
    let enabled = opts.enabled();
    diags.retain(|d| enabled.contains(d.lint));
    sort_findings(&mut diags);
    Some(diags)
}

/// By position; one finding per lint and span (the header of a container is parsed with each
/// batch that holds items of it).
fn sort_findings(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| (a.span, a.lint.name).cmp(&(b.span, b.lint.name)));
    diags.dedup_by(|a, b| a.span == b.span && a.lint == b.lint);
}

/// Runs `f` with the items of a file checked in batches of about `bytes` of source instead of
/// the default (`select::BATCH_BYTES`), on this thread: for tests, which check with batches
/// of one group each that batches change no finding.
#[doc(hidden)]
pub fn with_batch_bytes<R>(bytes: usize, f: impl FnOnce() -> R) -> R {
    select::with_batch_bytes(bytes, f)
}

/// Bracket nesting deeper than this is refused: no real code comes close, and the parser and
/// the tree's drop both recurse once per level.
pub const MAX_NESTING: usize = 2_000;
