//! Lint metadata: the types of a lint's declaration ([`Lint`]), and the registry generated
//! from the declarations (`build.rs`): [`LINTS`], [`LintId`] and one static per lint.
//!
//! Every consumer — the CLI's `--list` and `--explain`, level flags, the config file, SARIF
//! rules, the prefilter, the dispatch of the walk — reads [`LINTS`]. A lint's long explanation
//! is its page under `lints/docs/`, included so the terminal and the web show the same text.

use crate::diagnostic::Applicability;
use std::fmt;

/// How loudly a finding is reported. Ordered: `Allow < Warn < Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lint groups, following clippy: the group sets the default level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Code that is wrong on a real date. Deny by default.
    Correctness,
    /// Code that is very likely wrong. Warn by default.
    Suspicious,
    /// Stricter checks with more false positives. Allow by default.
    Pedantic,
    /// Reports about the input itself (a file that does not parse). Not a member of `all`.
    Input,
    /// Reports about the suppressions written in the source (an unknown lint name, a
    /// suppression that silences nothing). Warn by default; not a member of `all`.
    Suppression,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Correctness, Group::Suspicious, Group::Pedantic];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Correctness => "correctness",
            Group::Suspicious => "suspicious",
            Group::Pedantic => "pedantic",
            Group::Input => "input",
            Group::Suppression => "suppression",
        }
    }

    pub fn default_level(self) -> Level {
        match self {
            Group::Correctness | Group::Input => Level::Deny,
            Group::Suspicious | Group::Suppression => Level::Warn,
            Group::Pedantic => Level::Allow,
        }
    }

    /// A group name as written on the command line or in config (`all` is handled by callers).
    pub fn parse(s: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a lint is that a finding is a real bug (SARIF `precision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    VeryHigh,
    High,
    Medium,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::VeryHigh => "very-high",
            Precision::High => "high",
            Precision::Medium => "medium",
        }
    }
}

/// What a lint does in test code (`#[cfg(test)]`, `#[test]`, files under `tests/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestCode {
    /// Checked like any other code.
    Check,
    /// Skipped unless `check-tests`: tests hold fixtures (literal dates, expected arrays, fixed
    /// durations, impossible values built on purpose) and unwrap by design.
    Skip,
    /// Reported only when the values come from the real clock (`now()`): such a test fails on
    /// the day the lint names (every Feb 29, say); fixture values are skipped unless
    /// `check-tests`.
    ClockDependent,
    /// Never reported in test code, not even with `check-tests`: the lint judges what a
    /// function promises its callers, and a test helper has no callers to promise anything: a
    /// bad fixture panics, which is how a test is meant to fail.
    Never,
}

impl TestCode {
    /// Whether the lint runs in test code at all.
    pub fn runs_in_tests(self, check_tests: bool) -> bool {
        match self {
            TestCode::Check | TestCode::ClockDependent => true,
            TestCode::Skip => check_tests,
            TestCode::Never => false,
        }
    }
}

/// Which of a lint's findings carry a fix (JSON `suggested_replacement`, SARIF `fixes`,
/// `--fix`), and the most that applying one may change: a lint declaring `Safe` never emits an
/// unsafe fix (the UI tests check it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    No,
    /// Some findings carry a fix (where the library and the code's shape allow one).
    Sometimes(Applicability),
    /// Every finding carries one.
    Always(Applicability),
}

impl Fixable {
    /// For the docs index: `safe`, `unsafe`, `shown` (a suggestion with placeholders) or `—`.
    pub fn describe(self) -> &'static str {
        match self.applicability() {
            None => "—",
            Some(Applicability::Safe) => "safe",
            Some(Applicability::Unsafe) => "unsafe",
            Some(Applicability::DisplayOnly) => "shown",
        }
    }

    /// The least safe fix the lint may emit.
    pub fn applicability(self) -> Option<Applicability> {
        match self {
            Fixable::No => None,
            Fixable::Sometimes(a) | Fixable::Always(a) => Some(a),
        }
    }
}

/// The words a lint cannot fire without, for the prefilter ([`crate::prefilter`]).
#[derive(Debug, Clone, Copy)]
pub enum Needles {
    /// No words: the lint runs on every file that is parsed.
    None,
    /// Every group must occur in the file; a group occurs when any one of its words does.
    AllOf(&'static [NeedleGroup]),
    /// A scanner of the file's bytes (a pattern no list of words expresses).
    Scan(fn(&[u8]) -> bool),
}

/// One group of [`Needles::AllOf`].
#[derive(Debug, Clone, Copy)]
pub enum NeedleGroup {
    /// Any one of these words. A word starting with a digit is a number and matches only as a
    /// whole number (`365`, not `1365` or `0x365F`); a trailing `*` makes it the start of a
    /// longer one (`31_536*` matches `31_536_000`, not `31_536`).
    Words(&'static [&'static str]),
    /// The name of any date constructor or setter of the API table ([`crate::api`]), or one
    /// of the extra words.
    DateApi(&'static [&'static str]),
    /// An operator in code (`b'/'`: a division), or one of the words (`div_euclid`). A scan
    /// of the text cannot tell an operator from the same character in a comment (`//` is in
    /// every file), so a file counts as having it, and only the items of a file are told
    /// apart, by their tokens (`select.rs`).
    Operator(u8, &'static [&'static str]),
}

/// The kinds of syntax a lint asks to see; the walk hands each node only to the lints that
/// want its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Call,
    MethodCall,
    Binary,
    Cast,
    Lit,
    Array,
    Repeat,
    While,
    Tuple,
    Index,
    Assign,
    Struct,
    Loop,
}

impl Syntax {
    pub const COUNT: usize = 13;

    /// The kind of an expression, if any lint can want it.
    pub fn of(e: &syn::Expr) -> Option<Syntax> {
        use syn::Expr;
        Some(match e {
            Expr::Call(_) => Syntax::Call,
            Expr::MethodCall(_) => Syntax::MethodCall,
            Expr::Binary(_) => Syntax::Binary,
            Expr::Cast(_) => Syntax::Cast,
            Expr::Lit(_) => Syntax::Lit,
            Expr::Array(_) => Syntax::Array,
            Expr::Repeat(_) => Syntax::Repeat,
            Expr::While(_) => Syntax::While,
            Expr::Tuple(_) => Syntax::Tuple,
            Expr::Index(_) => Syntax::Index,
            Expr::Assign(_) => Syntax::Assign,
            Expr::Struct(_) => Syntax::Struct,
            Expr::Loop(_) => Syntax::Loop,
            _ => return None,
        })
    }
}

/// A lint's entry points: which syntax it is handed, and the function that checks it.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// Expressions of these kinds.
    Expr(
        &'static [Syntax],
        for<'c, 'ast> fn(&crate::context::ExprCx<'c, 'ast>, &'ast syn::Expr),
    ),
    /// Calls of a known date constructor or setter (recognised once for all lints).
    DateCall(for<'c, 'ast> fn(&crate::context::ExprCx<'c, 'ast>, &crate::calls::CtorCall<'ast>)),
    /// Array types `[T; N]`.
    TypeArray(for<'c, 'ast> fn(&crate::context::ExprCx<'c, 'ast>, &'ast syn::TypeArray)),
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Check::Expr(kinds, _) => write!(f, "Expr({kinds:?})"),
            Check::DateCall(_) => f.write_str("DateCall"),
            Check::TypeArray(_) => f.write_str("TypeArray"),
        }
    }
}

/// The declaration of one lint: everything the engine and the CLI know about it. Each lint
/// declares one in its own file (`src/lints/NAME.rs`); the registry, the prefilter, the
/// dispatch, the precedence between lints, `--list`, `--explain` and SARIF rules derive from it.
#[derive(Debug)]
pub struct Lint {
    pub id: LintId,
    /// Stable snake_case name: used in flags, config, suppressions and SARIF `ruleId`.
    pub name: &'static str,
    pub group: Group,
    /// One line, no trailing period: `--list`, SARIF `shortDescription`.
    pub summary: &'static str,
    /// The lint's page (`lints/docs/NAME.md`): `--explain`, SARIF help, the docs.
    pub explanation: &'static str,
    pub precision: Precision,
    pub needles: Needles,
    pub test_code: TestCode,
    pub fix: Fixable,
    /// Lints whose finding on the same call this lint's finding replaces (the generic unwrap
    /// lint gives way to the arithmetic lint that explains why the unwrap fails), also when
    /// this lint proves the call safe.
    pub supersedes: &'static [LintId],
    pub(crate) checks: &'static [Check],
}

impl Lint {
    /// A declaration with its required parts; the others default to: no needles, no checks,
    /// test code checked, no fix, superseding nothing. Use it with struct update syntax.
    pub const fn new(
        id: LintId,
        group: Group,
        precision: Precision,
        summary: &'static str,
    ) -> Lint {
        Lint {
            id,
            name: id.name(),
            group,
            summary,
            explanation: id.page(),
            precision,
            needles: Needles::None,
            test_code: TestCode::Check,
            fix: Fixable::No,
            supersedes: &[],
            checks: &[],
        }
    }

    pub fn default_level(&self) -> Level {
        self.group.default_level()
    }

    /// Path of the documentation page, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("lints/docs/{}.md", self.name)
    }

    /// The `code` shown in diagnostics: `leapcheck::NAME`.
    pub fn code(&self) -> String {
        format!("leapcheck::{}", self.name)
    }

    /// The lint checks source code (as opposed to reporting on the input or the suppressions).
    pub fn checks_code(&self) -> bool {
        !self.checks.is_empty()
    }

    /// Index in [`LINTS`].
    pub fn index(&self) -> usize {
        self.id as usize
    }
}

impl PartialEq for Lint {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for Lint {}

pub use crate::lints::statics::*;
pub use crate::lints::{LintId, LINTS};

/// The copy of a lint's page under `docs/lints/NAME.md`, beside the user guides. The page
/// itself lives in this crate (`lints/docs/NAME.md`: `--explain`, SARIF help) so that the crate
/// packages on its own; the copy is written by `cargo xtask docs` and checked by a test. Its
/// relative links work from both places (both are two directories deep).
pub fn docs_page_copy(name: &str, page: &str) -> String {
    format!(
        "<!-- Generated from lints/docs/{name}.md by `cargo xtask docs`: edit that page. -->\n{page}"
    )
}

/// The lint table of the documentation index (`docs/README.md`), one row per lint in catalog
/// order; `page_dir` is the pages' directory relative to the index. Generated by
/// `cargo xtask docs`, and checked against the file by a test.
pub fn docs_index_table(page_dir: &str) -> String {
    let mut out = String::from(
        "| Lint | Group | Default | Fix | What it finds |\n|------|-------|---------|-----|---------------|\n",
    );
    for lint in LINTS {
        out.push_str(&format!(
            "| [{name}]({page_dir}/{name}.md) | {group} | {level} | {fix} | {summary} |\n",
            name = lint.name,
            group = lint.group,
            level = lint.default_level(),
            fix = lint.fix.describe(),
            summary = lint.summary,
        ));
    }
    out
}

/// The files that hold the generated lint table, each with the path from it to the lint pages.
pub const DOCS_INDEXES: &[(&str, &str)] = &[
    ("docs/README.md", "../lints/docs"),
    ("README.md", "lints/docs"),
];

/// The markers around the generated table in each of `DOCS_INDEXES`.
pub const DOCS_INDEX_MARKERS: (&str, &str) = (
    "<!-- lint table: generated by `cargo xtask docs` from the declarations -->",
    "<!-- end of lint table -->",
);

/// Looks a lint up by name; accepts the `leapcheck::` prefix and `-` for `_`.
pub fn find_lint(name: &str) -> Option<&'static Lint> {
    let name = name.strip_prefix("leapcheck::").unwrap_or(name);
    let name = name.replace('-', "_");
    LINTS.iter().copied().find(|l| l.name == name)
}

/// Every name a user may write where a lint is expected: lint names, group names and `all`.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    LINTS
        .iter()
        .map(|l| l.name)
        .chain(Group::ALL.iter().map(|g| g.as_str()))
        .chain(std::iter::once("all"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lint_file_is_registered_under_its_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lints");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|n| n != "mod")
            .collect();
        files.sort();
        let mut registered: Vec<String> = LINTS.iter().map(|l| l.name.to_string()).collect();
        registered.sort();
        assert_eq!(files, registered);
        for (i, lint) in LINTS.iter().enumerate() {
            assert_eq!(lint.index(), i, "{}", lint.name);
            assert!(
                !lint.supersedes.contains(&lint.id),
                "{} supersedes itself",
                lint.name
            );
        }
    }

    #[test]
    fn catalog_order_is_by_group_then_name() {
        let rank = |g: Group| {
            [
                Group::Input,
                Group::Correctness,
                Group::Suspicious,
                Group::Pedantic,
                Group::Suppression,
            ]
            .iter()
            .position(|x| *x == g)
            .unwrap()
        };
        let keys: Vec<(usize, &str)> = LINTS.iter().map(|l| (rank(l.group), l.name)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn docs_index_has_a_row_per_lint() {
        let table = docs_index_table("pages");
        assert_eq!(table.lines().count(), LINTS.len() + 2);
        assert!(table.contains(
            "| [year_arithmetic_on_date](pages/year_arithmetic_on_date.md) | correctness | deny |"
        ));
    }
}
