//! The prefilter: most files contain no date code at all, and a lint cannot fire on a file
//! that lacks the words its trigger needs. Every lint declares those words (its needles); one
//! Aho-Corasick automaton finds which of them occur in a file's bytes, and only a file with at
//! least one needle of an enabled lint is parsed, with only the lints whose needles it has.
//!
//! The needles are derived from the same data the lints match on (the API table in
//! [`crate::api`]), so a new constructor row is covered without touching this file. A test over
//! the pinned corpus checks that the findings are identical with and without the prefilter.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::api::{Callee, DATE_CTORS};
use crate::registry::{self, Lint, LINTS};

/// A set of lints, by their index in [`LINTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LintSet(u64);

impl LintSet {
    pub const EMPTY: LintSet = LintSet(0);

    pub fn all() -> LintSet {
        LintSet(if LINTS.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << LINTS.len()) - 1
        })
    }

    pub fn of(lint: &Lint) -> LintSet {
        LintSet(index(lint).map_or(0, |i| 1u64 << i))
    }

    pub fn contains(self, lint: &Lint) -> bool {
        index(lint).is_some_and(|i| self.0 & (1u64 << i) != 0)
    }

    pub fn with(self, other: LintSet) -> LintSet {
        LintSet(self.0 | other.0)
    }

    pub fn without(self, other: LintSet) -> LintSet {
        LintSet(self.0 & !other.0)
    }

    pub fn intersect(self, other: LintSet) -> LintSet {
        LintSet(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

fn index(lint: &Lint) -> Option<usize> {
    LINTS.iter().position(|l| l.name == lint.name)
}

/// Words a date constructor call cannot be written without: method and function names from
/// the API table; for generic names (`Date::new`) the crate name, which the import needs.
fn constructor_needles() -> Vec<&'static str> {
    let mut out = vec!["jiff", "civil", "parse_from_str"];
    for row in DATE_CTORS {
        let n = match row.callee {
            // `Utc.yo(..)`, `Utc.ymd(..)`: a bare "yo" would match every "you" in a comment.
            Callee::Method { name: "yo" } => ".yo(",
            Callee::Method { name: "ymd" } => ".ymd(",
            Callee::Method { name } => name,
            Callee::Assoc { func: "new", .. } => "jiff",
            Callee::Assoc { func, .. } => func,
            Callee::Free { path } => path.split("::").next().unwrap_or(path),
        };
        out.push(n);
    }
    out
}

/// Spellings of a year as a number of days, hours, minutes, seconds or milliseconds.
const YEAR_NUMBERS: &[&str] = &[
    "365", "366", "8760", "8_760", "8784", "8_784", "525600", "525_600", "527040", "527_040",
    "31536", "31_536", "31622", "31_622", "31557", "31_557", "31556", "31_556", "weeks",
];

/// Names of duration constructors and of year-named constants: a hard-coded year length is
/// only reported as an argument of one, or as the value of the other.
/// Constructors with their opening parenthesis (`days(`, `.days()`), so that the word "days"
/// in a comment does not count; and the upper-case words of a constant's name (constants are
/// UPPER_CASE; a lower-case "year" would match "Longyearbyen", "yr" "Kyrgyz").
const DURATION_WORDS: &[&str] = &[
    "from_secs(",
    "from_secs_f64(",
    "from_millis(",
    "from_micros(",
    "from_nanos(",
    "from_mins(",
    "from_hours(",
    "from_days(",
    "from_weeks(",
    "days(",
    "weeks(",
    "hours(",
    "minutes(",
    "seconds(",
    "milliseconds(",
    "days()",
    "weeks()",
    "days_from_now(",
    "YEAR",
    "ANNUAL",
    "_YR",
    "YR_",
];

/// The needles of each lint, as groups that must all occur (each group: any one of its words).
/// A lint without needles (parse_error) runs whenever the file is parsed.
fn needles(lint: &Lint) -> Vec<Vec<&'static str>> {
    use registry::*;
    let ctor = constructor_needles;
    match lint.name {
        // Arithmetic on a field needs the field: `.year()`, `year`, `yr` (see values.rs).
        n if n == YEAR_ARITHMETIC_ON_DATE.name => {
            let mut v = ctor();
            v.extend(["strptime", "parse::<", "::parse("]);
            vec![v, vec!["year", "yr", "yyyy"]]
        }
        n if n == MONTH_ARITHMETIC_ON_DATE.name => vec![ctor(), vec!["mon"]],
        n if n == DAY_ARITHMETIC_ON_DATE.name => vec![ctor(), vec!["day", "dom"]],
        n if [
            UNWRAP_ON_DATE_CONSTRUCTION.name,
            PANICKING_DATE_CONSTRUCTOR.name,
            INVALID_DATE_CONSTANT.name,
        ]
        .contains(&n) =>
        {
            vec![ctor()]
        }
        n if n == UNCHECKED_LOCAL_TIME.name => {
            let mut v = ctor();
            v.push("unambiguous");
            vec![v]
        }
        n if n == HAND_BUILT_YEAR_DURATION.name => {
            vec![YEAR_NUMBERS.to_vec(), DURATION_WORDS.to_vec()]
        }
        n if n == HAND_BUILT_MONTH_DURATION.name => vec![
            vec![
                "30", "31", "720", "744", "43200", "43_200", "44640", "44_640", "2592", "2_592",
                "2678", "2_678", "2629", "2_629",
            ],
            DURATION_WORDS.to_vec(),
        ],
        // The operand must read as a year: `year`, `yr`, `.year()`, or `y` in a `*leap*` fn.
        n if n == INCOMPLETE_LEAP_YEAR_RULE.name => vec![
            vec!["% 4", "%4", "& 3", "&3"],
            vec![
                "year", "Year", "YEAR", "yr", "Yr", "YR", "yyyy", "leap", "Leap", "LEAP",
            ],
        ],
        // `31, 28` in any layout: found by `has_feb_table`, not by the automaton.
        n if n == NON_LEAP_DAYS_IN_MONTH_TABLE.name => Vec::new(),
        // rustfmt spaces these forms: `[T; 365]`, `== 365`, `% 365`.
        n if n == DAY_OF_YEAR_ARRAY_365.name => vec![vec![
            "; 365]", ";365]", "== 365", "<= 365", "> 365", "!= 365", "% 365", "365 ==", "365 >=",
            "365 <", "365 !=",
        ]],
        n if n == WEEK_YEAR_FORMAT_MISMATCH.name => {
            vec![vec!["%G", "%g", "%V", "iso_week", "week_number"]]
        }
        n if n == TIMESTAMP_TRUNCATION_Y2038.name => {
            // rustfmt writes casts as `x as i32`.
            vec![
                vec!["timestamp", "as_secs", "as_second"],
                vec!["as i32", "as u32", "i32::try_from", "u32::try_from"],
            ]
        }
        n if n == DAY_COUNT_LOOP_MAY_NOT_TERMINATE.name => vec![vec!["365", "366"], vec!["while"]],
        // Suppression comments and attributes: the meta-lints report on them.
        _ if lint.group == registry::Group::Suppression => vec![vec!["leapcheck"]],
        _ => Vec::new(),
    }
}

struct Automaton {
    ac: AhoCorasick,
    /// For each pattern: None for a word; for a number, whether it must end where the number
    /// ends (`365`) or may continue (`31_536` in `31_536_000`). A number only counts where a
    /// number starts: `0x365F` and `-956365200` do not contain the year length.
    numeric: Vec<Option<bool>>,
    /// For each pattern, the (lint index, group index) pairs it satisfies.
    serves: Vec<Vec<(usize, u32)>>,
    /// For each lint, the bit mask of all its groups; 0 for a lint without needles.
    full: Vec<u32>,
}

fn automaton() -> &'static Automaton {
    static A: OnceLock<Automaton> = OnceLock::new();
    A.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut serves: Vec<Vec<(usize, u32)>> = Vec::new();
        let mut full = vec![0u32; LINTS.len()];
        for (li, lint) in LINTS.iter().enumerate() {
            for (gi, group) in needles(lint).into_iter().enumerate() {
                full[li] |= 1 << gi;
                for n in group {
                    let pi = match patterns.iter().position(|p| *p == n) {
                        Some(i) => i,
                        None => {
                            patterns.push(n);
                            serves.push(Vec::new());
                            patterns.len() - 1
                        }
                    };
                    if !serves[pi].contains(&(li, gi as u32)) {
                        serves[pi].push((li, gi as u32));
                    }
                }
            }
        }
        let ac = AhoCorasick::new(&patterns).expect("needles are plain strings");
        let numeric = patterns
            .iter()
            .map(|p| {
                p.starts_with(|c: char| c.is_ascii_digit())
                    .then(|| EXACT_NUMBERS.contains(p))
            })
            .collect();
        Automaton {
            ac,
            numeric,
            serves,
            full,
        }
    })
}

/// Numeric needles that are whole numbers, as opposed to prefixes of longer ones.
const EXACT_NUMBERS: &[&str] = &[
    "365", "366", "8760", "8_760", "8784", "8_784", "525600", "525_600", "527040", "527_040", "30",
    "31", "720", "744", "28", "43200", "43_200", "44640", "44_640",
];

/// The match is a number of its own: not inside an identifier or a longer number, and (when
/// `exact`) not continued by more digits; a type suffix (`365u64`) may follow.
fn number_boundary(bytes: &[u8], start: usize, end: usize, exact: bool) -> bool {
    let before = start.checked_sub(1).map(|i| bytes[i]);
    // A negative number is no length (and time-zone tables are full of them).
    if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-') {
        return false;
    }
    if !exact {
        return true;
    }
    match bytes.get(end) {
        Some(b) if b.is_ascii_digit() => false,
        Some(b'_') => !bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(b) if b.is_ascii_alphabetic() => matches!(b, b'u' | b'i'),
        _ => true,
    }
}

/// The lints among `wanted` whose needles occur in `src`.
pub fn scan(src: &str, wanted: LintSet) -> LintSet {
    let a = automaton();
    let mut groups = vec![0u32; LINTS.len()];
    let mut found = LintSet::EMPTY;
    let bytes = src.as_bytes();
    for m in a.ac.find_overlapping_iter(src) {
        let pi = m.pattern().as_usize();
        if let Some(exact) = a.numeric[pi] {
            if !number_boundary(bytes, m.start(), m.end(), exact) {
                continue;
            }
        }
        for &(li, gi) in &a.serves[pi] {
            groups[li] |= 1 << gi;
            if groups[li] == a.full[li] {
                found = found.with(LintSet::of(LINTS[li]).intersect(wanted));
            }
        }
        if found == wanted {
            break;
        }
    }
    if wanted.contains(&registry::NON_LEAP_DAYS_IN_MONTH_TABLE) && has_feb_table(bytes) {
        found = found.with(LintSet::of(&registry::NON_LEAP_DAYS_IN_MONTH_TABLE));
    }
    found
}

/// A `31` followed by a `28` as the next list element: `31, 28`, `31u8, 28`, or one month per
/// line with a `// January` comment between them.
fn has_feb_table(bytes: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = find(&bytes[from..], b"28").map(|i| i + from) {
        from = i + 2;
        if !number_boundary(bytes, i, i + 2, true) {
            continue;
        }
        let mut j = i;
        // Back over whitespace, and over comments at the ends of earlier lines.
        loop {
            while j > 0 && bytes[j - 1].is_ascii_whitespace() {
                j -= 1;
            }
            let line_start = bytes[..j]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            match find(&bytes[line_start..j], b"//") {
                Some(c) if j > 0 && bytes[j - 1] != b',' => j = line_start + c,
                _ => break,
            }
        }
        if j == 0 || bytes[j - 1] != b',' {
            continue;
        }
        j -= 1;
        while j > 0 && bytes[j - 1].is_ascii_whitespace() {
            j -= 1;
        }
        // An integer suffix: `31u8`, `31_u32`.
        let digits_end = j;
        while j > 0 && (bytes[j - 1].is_ascii_alphanumeric() || bytes[j - 1] == b'_') {
            j -= 1;
        }
        let token = &bytes[j..digits_end];
        let number: Vec<u8> = token
            .iter()
            .copied()
            .take_while(|b| b.is_ascii_digit() || *b == b'_')
            .filter(|b| *b != b'_')
            .collect();
        if number == b"31" {
            return true;
        }
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::*;

    #[test]
    fn every_lint_but_parse_error_has_needles() {
        for lint in LINTS {
            assert_eq!(
                needles(lint).is_empty(),
                ["parse_error", "non_leap_days_in_month_table"].contains(&lint.name),
                "{}",
                lint.name
            );
        }
    }

    #[test]
    fn scan_finds_the_right_lints() {
        let all = LintSet::all();
        let s = scan("fn main() { println!(\"hello\"); }", all);
        assert!(s.is_empty());
        let s = scan("let d = NaiveDate::from_ymd_opt(s.year() + 1, m, d);", all);
        assert!(s.contains(&YEAR_ARITHMETIC_ON_DATE));
        assert!(!s.contains(&HAND_BUILT_YEAR_DURATION));
        let s = scan("Duration::from_secs(365 * 86400)", all);
        assert!(s.contains(&HAND_BUILT_YEAR_DURATION) && !s.contains(&DAY_OF_YEAR_ARRAY_365));
        // Numbers count only as whole numbers.
        assert!(scan("let x = 0x365F; from_secs(1365)", all).is_empty());
        assert!(scan("let a = [0u8; 365];", all).contains(&DAY_OF_YEAR_ARRAY_365));
        let feb = LintSet::of(&NON_LEAP_DAYS_IN_MONTH_TABLE);
        assert!(!scan("[31, 30, 28]", feb).contains(&NON_LEAP_DAYS_IN_MONTH_TABLE));
        assert!(!scan("[131, 28]", feb).contains(&NON_LEAP_DAYS_IN_MONTH_TABLE));
        for table in [
            "[31, 28, 31]",
            "[31u8, 28, 31]",
            "[\n 31, // January\n 28, // February\n]",
        ] {
            assert!(
                scan(table, feb).contains(&NON_LEAP_DAYS_IN_MONTH_TABLE),
                "{table}"
            );
        }
        // Only wanted lints are reported.
        let s = scan(
            "Duration::from_secs(365 * 86400)",
            LintSet::of(&DAY_OF_YEAR_ARRAY_365),
        );
        assert!(!s.contains(&HAND_BUILT_YEAR_DURATION));
    }
}
