//! The one source of truth for lint metadata.
//!
//! Every consumer — the CLI's `--list` and `--explain`, level flags, the config file, SARIF
//! rules, the docs index test — reads [`LINTS`]. A lint's long explanation is its page under
//! `docs/lints/`, included here so the terminal and the web show the same text.

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

/// Static metadata of one lint.
#[derive(Debug)]
pub struct Lint {
    /// Stable snake_case name: used in flags, config, suppressions and SARIF `ruleId`.
    pub name: &'static str,
    pub group: Group,
    /// One line, no trailing period: `--list`, SARIF `shortDescription`.
    pub summary: &'static str,
    /// The lint's documentation page (markdown): `--explain`, SARIF `fullDescription`/help.
    pub explanation: &'static str,
    pub precision: Precision,
}

impl Lint {
    pub fn default_level(&self) -> Level {
        self.group.default_level()
    }

    /// Path of the documentation page, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("docs/lints/{}.md", self.name)
    }

    /// The `code` shown in diagnostics: `leapcheck::NAME`.
    pub fn code(&self) -> String {
        format!("leapcheck::{}", self.name)
    }
}

impl PartialEq for Lint {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Lint {}

macro_rules! declare_lint {
    ($ident:ident, $name:literal, $group:ident, $precision:ident, $summary:literal) => {
        pub static $ident: Lint = Lint {
            name: $name,
            group: Group::$group,
            summary: $summary,
            explanation: include_str!(concat!("../../docs/lints/", $name, ".md")),
            precision: Precision::$precision,
        };
    };
}

declare_lint!(
    PARSE_ERROR,
    "parse_error",
    Input,
    VeryHigh,
    "a file could not be read as Rust source (syntax error or not UTF-8)"
);
declare_lint!(
    YEAR_ARITHMETIC_ON_DATE,
    "year_arithmetic_on_date",
    Correctness,
    High,
    "a date built from another date's year ± N keeps a month and day that may not exist (Feb 29)"
);
declare_lint!(
    MONTH_ARITHMETIC_ON_DATE,
    "month_arithmetic_on_date",
    Correctness,
    High,
    "a date built from another date's month ± N keeps a day that may not exist (the 29th-31st, month 13)"
);
declare_lint!(
    DAY_ARITHMETIC_ON_DATE,
    "day_arithmetic_on_date",
    Correctness,
    High,
    "a date built from another date's day ± N breaks at the end or start of a month"
);
declare_lint!(
    UNWRAP_ON_DATE_CONSTRUCTION,
    "unwrap_on_date_construction",
    Suspicious,
    Medium,
    "`unwrap`/`expect` on a fallible date constructor whose inputs are not known to be valid"
);
declare_lint!(
    PANICKING_DATE_CONSTRUCTOR,
    "panicking_date_constructor",
    Suspicious,
    Medium,
    "a date constructor that panics on invalid input, called with non-literal arguments"
);
declare_lint!(
    HAND_BUILT_YEAR_DURATION,
    "hand_built_year_duration",
    Suspicious,
    High,
    "a year written as a fixed length (365 days, 31_536_000 seconds) instead of calendar arithmetic"
);
declare_lint!(
    UNCHECKED_LOCAL_TIME,
    "unchecked_local_time",
    Suspicious,
    High,
    "a local date-time is unwrapped although it does not exist in a DST gap or is ambiguous in an overlap"
);

declare_lint!(
    INVALID_DATE_CONSTANT,
    "invalid_date_constant",
    Correctness,
    VeryHigh,
    "literal arguments that can never form a valid date or time (2023-02-29, 04-31, hour 24)"
);
declare_lint!(
    INCOMPLETE_LEAP_YEAR_RULE,
    "incomplete_leap_year_rule",
    Correctness,
    High,
    "a leap-year test that only checks divisibility by 4 (2100 is not a leap year)"
);
declare_lint!(
    NON_LEAP_DAYS_IN_MONTH_TABLE,
    "non_leap_days_in_month_table",
    Suspicious,
    High,
    "a days-in-month table with February = 28 used without any leap-year adjustment"
);
declare_lint!(
    DAY_OF_YEAR_ARRAY_365,
    "day_of_year_array_365",
    Suspicious,
    Medium,
    "storage or bounds sized for 365 days of year: day 366 of a leap year overflows"
);
declare_lint!(
    WEEK_YEAR_FORMAT_MISMATCH,
    "week_year_format_mismatch",
    Correctness,
    VeryHigh,
    "a date format mixing the ISO week-based year with calendar month/day, or the calendar year with ISO weeks"
);
declare_lint!(
    TIMESTAMP_TRUNCATION_Y2038,
    "timestamp_truncation_y2038",
    Suspicious,
    High,
    "Unix seconds narrowed to 32 bits: wraps on 2038-01-19 (i32) or 2106-02-07 (u32)"
);
declare_lint!(
    DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
    "day_count_loop_may_not_terminate",
    Correctness,
    High,
    "a loop converting a day count to years with a path that neither changes the count nor exits (Zune, 2008-12-31)"
);
declare_lint!(
    HAND_BUILT_MONTH_DURATION,
    "hand_built_month_duration",
    Pedantic,
    Medium,
    "a month written as a fixed length (30 or 31 days, 2_592_000 seconds)"
);
declare_lint!(
    UNKNOWN_LINT_IN_SUPPRESSION,
    "unknown_lint_in_suppression",
    Suppression,
    VeryHigh,
    "a suppression names a lint or group that does not exist (or is malformed), so it silences nothing"
);
declare_lint!(
    UNUSED_SUPPRESSION,
    "unused_suppression",
    Suppression,
    High,
    "a suppression silences no finding: stale, misplaced, or naming the wrong lint"
);

/// Every lint, in catalog order. `parse_error` comes first and is not a member of any group.
pub static LINTS: &[&Lint] = &[
    &PARSE_ERROR,
    &YEAR_ARITHMETIC_ON_DATE,
    &MONTH_ARITHMETIC_ON_DATE,
    &DAY_ARITHMETIC_ON_DATE,
    &UNWRAP_ON_DATE_CONSTRUCTION,
    &PANICKING_DATE_CONSTRUCTOR,
    &HAND_BUILT_YEAR_DURATION,
    &UNCHECKED_LOCAL_TIME,
    &INVALID_DATE_CONSTANT,
    &INCOMPLETE_LEAP_YEAR_RULE,
    &NON_LEAP_DAYS_IN_MONTH_TABLE,
    &DAY_OF_YEAR_ARRAY_365,
    &WEEK_YEAR_FORMAT_MISMATCH,
    &TIMESTAMP_TRUNCATION_Y2038,
    &DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
    &HAND_BUILT_MONTH_DURATION,
    &UNKNOWN_LINT_IN_SUPPRESSION,
    &UNUSED_SUPPRESSION,
];

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
