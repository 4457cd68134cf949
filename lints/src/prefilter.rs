//! The prefilter: most files contain no date code at all, and a lint cannot fire on a file
//! that lacks the words its trigger needs. Every lint declares those words (its needles); one
//! Aho-Corasick automaton finds which of them occur in a file's bytes, and only a file with at
//! least one needle of an enabled lint is parsed, with only the lints whose needles it has.
//!
//! The needles are declared by each lint ([`crate::registry::Needles`]); date-API needles are
//! derived from the same data the lints match on (the API table in [`crate::api`]), so a new
//! constructor row is covered without touching this file. A test over the pinned corpus checks
//! that the findings are identical with and without the prefilter.

use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton as _, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, PatternID};

use crate::api::{Callee, DATE_CTORS};
use crate::registry::{Lint, NeedleGroup, Needles, LINTS};

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

    /// The lints that run in test code (see [`crate::registry::TestCode`]).
    pub fn in_tests(check_tests: bool) -> LintSet {
        LINTS
            .iter()
            .filter(|l| l.test_code.runs_in_tests(check_tests))
            .fold(LintSet::EMPTY, |set, l| set.with(LintSet::of(l)))
    }

    pub fn of(lint: &Lint) -> LintSet {
        LintSet(1u64 << lint.index())
    }

    pub fn contains(self, lint: &Lint) -> bool {
        self.0 & (1u64 << lint.index()) != 0
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

/// Words a date constructor call cannot be written without: method and function names from
/// the API table; for generic names (`Date::new`) the crate name, which the import needs.
fn constructor_needles() -> Vec<&'static str> {
    let mut out = vec!["jiff", "parse_from_str"];
    for row in DATE_CTORS {
        let n = match row.callee {
            // `civil::date(..)` is jiff's only through the crate's name, in the call's path or
            // in the `use` that brings it in (whose needles the item sees, `select.rs`).
            Callee::Free { .. } if !row.distinctive => {
                out.extend(row.krate.roots());
                continue;
            }
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

/// One needle group: its words, and its operator ([`NeedleGroup::Operator`]).
struct Group {
    words: Vec<(&'static str, bool)>,
    operator: Option<u8>,
}

/// The needles of a lint, as groups that must all occur (each group: any one of its words,
/// or its operator token). A word is `(text, whole)`: `whole` for the names of the API table,
/// which count only as a whole identifier (`from_ymd` is not in `from_ymd_res`, a crate's own
/// extension).
fn needles(lint: &Lint) -> Vec<Group> {
    let words = |words: &[&'static str]| words.iter().map(|w| (*w, false)).collect();
    match lint.needles {
        Needles::AllOf(groups) => groups
            .iter()
            .map(|g| match g {
                NeedleGroup::Words(w) => Group {
                    words: words(w),
                    operator: None,
                },
                NeedleGroup::Operator(op, w) => Group {
                    words: words(w),
                    operator: Some(*op),
                },
                NeedleGroup::DateApi(extra) => {
                    let ident = |w: &str| w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                    let mut v: Vec<_> = constructor_needles()
                        .into_iter()
                        .map(|w| (w, ident(w)))
                        .collect();
                    v.extend(extra.iter().map(|w| (*w, false)));
                    Group {
                        words: v,
                        operator: None,
                    }
                }
            })
            .collect(),
        Needles::None | Needles::Scan(_) => Vec::new(),
    }
}

struct Automaton {
    dfa: DFA,
    /// For each pattern: None for a word; for a number, whether it must end where the number
    /// ends (`365`) or must continue (`31_536` in `31_536_000`). A number only counts where a
    /// number starts: `0x365F` and `-956365200` do not contain the year length.
    numeric: Vec<Option<bool>>,
    /// For each pattern, the groups it satisfies wherever it occurs, as [`Groups`] slots...
    slots: Vec<u128>,
    /// ...and those it satisfies only as a whole identifier.
    ident_slots: Vec<u128>,
    /// For each lint, its slots: one per group, one for a scanner.
    lint_slots: Vec<u128>,
    /// The slots of [`NeedleGroup::Operator`] groups, with their operator: a file has them
    /// all ([`Automaton::every_operator`]), an item those whose operator is among its tokens.
    operators: Vec<(u8, u128)>,
    every_operator: u128,
}

/// Needle groups found in a piece of a file: one bit per group of each lint's
/// [`Needles::AllOf`], one per lint with a [`Needles::Scan`]. A lint's needles are complete
/// when all its bits are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Groups(u128);

impl Groups {
    pub const NONE: Groups = Groups(0);
    /// Every group of every lint: a piece that must be checked whatever it holds.
    pub const ALL: Groups = Groups(u128::MAX);

    pub fn with(self, other: Groups) -> Groups {
        Groups(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The lints of `lints` whose needles are all here.
    pub fn complete_lints(self, lints: LintSet) -> LintSet {
        let a = automaton();
        LINTS
            .iter()
            .enumerate()
            .filter(|&(li, l)| {
                let full = a.lint_slots[li];
                lints.contains(l) && full != 0 && self.0 & full == full
            })
            .fold(LintSet::EMPTY, |set, (_, l)| set.with(LintSet::of(l)))
    }

    /// Only the groups of `lints`.
    fn of(self, lints: LintSet) -> Groups {
        let a = automaton();
        let mask = LINTS
            .iter()
            .enumerate()
            .filter(|(_, l)| lints.contains(l))
            .fold(0, |m, (li, _)| m | a.lint_slots[li]);
        Groups(self.0 & mask)
    }
}

/// The needle groups each lint of a set needs, for asking many times whether pieces of a file
/// complete the needles of any of them.
pub(crate) struct Needed(Vec<u128>);

impl Needed {
    pub fn of(lints: LintSet) -> Needed {
        let a = automaton();
        Needed(
            LINTS
                .iter()
                .enumerate()
                .filter(|&(li, l)| lints.contains(l) && a.lint_slots[li] != 0)
                .map(|(li, _)| a.lint_slots[li])
                .collect(),
        )
    }

    /// Some lint has all its needles in `groups`.
    pub fn met(&self, groups: Groups) -> bool {
        self.0.iter().any(|full| full & !groups.0 == 0)
    }
}

fn automaton() -> &'static Automaton {
    static A: OnceLock<Automaton> = OnceLock::new();
    A.get_or_init(|| {
        // Slots: the lints' groups in order, then the scanners.
        let mut lint_slots = vec![0u128; LINTS.len()];
        let mut next = 0u32;
        let mut slot = || {
            assert!(next < 128, "more needle groups than `Groups` has bits");
            next += 1;
            1u128 << (next - 1)
        };
        let mut patterns: Vec<&'static str> = Vec::new();
        let (mut slots, mut ident_slots) = (Vec::new(), Vec::new());
        let mut operators = Vec::new();
        for (li, lint) in LINTS.iter().enumerate() {
            for group in needles(lint) {
                let bit = slot();
                lint_slots[li] |= bit;
                if let Some(op) = group.operator {
                    operators.push((op, bit));
                }
                for (word, whole) in group.words {
                    let pi = patterns.iter().position(|p| *p == word).unwrap_or_else(|| {
                        patterns.push(word);
                        slots.push(0);
                        ident_slots.push(0);
                        patterns.len() - 1
                    });
                    match whole {
                        true => ident_slots[pi] |= bit,
                        false => slots[pi] |= bit,
                    }
                }
            }
        }
        for (li, lint) in LINTS.iter().enumerate() {
            if let Needles::Scan(_) = lint.needles {
                lint_slots[li] = slot();
            }
        }
        // A number is whole unless written with a trailing `*` (the start of a longer one).
        let numeric = patterns
            .iter()
            .map(|p| {
                p.starts_with(|c: char| c.is_ascii_digit())
                    .then(|| !p.ends_with('*'))
            })
            .collect();
        let words = patterns.iter().map(|p| p.trim_end_matches('*'));
        // A DFA: twice as fast as the default NFA over a corpus where most files have no
        // needle at all, for a table of well under a megabyte built once per process. No
        // prefilter: with this many needles it would not skip anything, and without it only
        // match states are special ([`overlapping`]).
        let dfa = aho_corasick::dfa::Builder::new()
            .prefilter(false)
            .build(words)
            .expect("needles are plain strings");
        Automaton {
            dfa,
            numeric,
            slots,
            ident_slots,
            lint_slots,
            every_operator: operators.iter().fold(0, |g, &(_, slot)| g | slot),
            operators,
        }
    })
}

/// The groups a match of pattern `pi` at `start..end` satisfies, none when it is a number
/// inside a longer one.
fn groups_of(a: &Automaton, bytes: &[u8], pi: usize, start: usize, end: usize) -> u128 {
    if let Some(exact) = a.numeric[pi] {
        if !number_boundary(bytes, start, end, exact) {
            return 0;
        }
    }
    let word = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let whole = !word(start.checked_sub(1)) && !word(Some(end));
    a.slots[pi] | if whole { a.ident_slots[pi] } else { 0 }
}

/// The match is a number of its own: not inside an identifier or a longer number, and either
/// (`exact`) not continued by more digits, a type suffix (`365u64`) may follow, or (a prefix)
/// continued by more digits (`2_592` is the start of 2_592_000 seconds, not a count of them).
fn number_boundary(bytes: &[u8], start: usize, end: usize, exact: bool) -> bool {
    let before = start.checked_sub(1).map(|i| bytes[i]);
    // A negative number is no length (and time-zone tables are full of them).
    if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-') {
        return false;
    }
    let continued = match bytes.get(end) {
        Some(b) if b.is_ascii_digit() => true,
        Some(b'_') => bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    };
    match exact {
        true => {
            !continued
                && !bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphabetic() && !matches!(b, b'u' | b'i'))
        }
        false => continued,
    }
}

/// The lints among `wanted` whose needles occur in `src`.
pub fn scan(src: &str, wanted: LintSet) -> LintSet {
    scan_hits(src, wanted).0
}

/// Where needles occur in a file: the start of each match and the groups it satisfies, in
/// order (of every lint: [`Hits::of`] keeps those of some lints).
#[derive(Debug, Default)]
pub(crate) struct Hits(Vec<(usize, Groups)>);

impl Hits {
    /// The needles of `lints`, with only their groups.
    pub fn of(&self, lints: LintSet) -> Vec<(usize, Groups)> {
        let mask = Groups::ALL.of(lints);
        self.0
            .iter()
            .map(|&(at, g)| (at, Groups(g.0 & mask.0)))
            .filter(|(_, g)| !g.is_empty())
            .collect()
    }
}

/// [`scan`], and where the needles are: one pass over the text, whose matches then choose the
/// items of the file (`select.rs`) without a second one.
pub(crate) fn scan_hits(src: &str, wanted: LintSet) -> (LintSet, Hits) {
    // Every lint allowed (`-A all`): nothing to look for.
    if wanted.is_empty() {
        return (LintSet::EMPTY, Hits::default());
    }
    let a = automaton();
    let bytes = src.as_bytes();
    let mut groups = 0u128;
    let mut hits = Vec::new();
    overlapping(&a.dfa, bytes, |start, pid| {
        let pi = pid.as_usize();
        let g = groups_of(a, bytes, pi, start, start + a.dfa.pattern_len(pid));
        if g != 0 {
            groups |= g;
            hits.push((start, Groups(g)));
        }
    });
    let mut found = Groups(groups | a.every_operator).complete_lints(wanted);
    for lint in LINTS.iter().filter(|l| wanted.contains(l)) {
        if let Needles::Scan(scan) = lint.needles {
            if !found.contains(lint) && scan(bytes) {
                found = found.with(LintSet::of(lint));
            }
        }
    }
    (found, Hits(hits))
}

/// Pieces of a file searched side by side.
const STREAMS: usize = 8;

/// Calls `found(start, pattern)` for every occurrence of every needle in `bytes`, overlapping
/// ones included: the matches `find_overlapping_iter` finds, in order of their ends within
/// each piece of the text (the pieces in order), in about two thirds of the time.
///
/// A DFA search is one dependent table load per byte: its speed is the load's latency, not
/// the memory's bandwidth. So a text of some size is cut into [`STREAMS`] pieces searched in
/// one loop, whose loads overlap. Each piece's search starts afresh at its first byte (a
/// match that starts there or later is found, one that starts earlier is not: the piece
/// before finds it) and goes on past its end by the longest needle less one, keeping only
/// the matches that start inside the piece.
fn overlapping(dfa: &DFA, bytes: &[u8], mut found: impl FnMut(usize, PatternID)) {
    let start = dfa
        .start_state(Anchored::No)
        .expect("an unanchored DFA has an unanchored start state");
    let tail = dfa.max_pattern_len().saturating_sub(1);
    let mut matches = |sid: StateID, at: usize, piece_end: usize| {
        for i in 0..dfa.match_len(sid) {
            let pid = dfa.match_pattern(sid, i);
            let from = at + 1 - dfa.pattern_len(pid);
            if from < piece_end {
                found(from, pid);
            }
        }
    };
    // Short texts in one piece: eight would not fill the loop (1 KB: 240 -> 221 ms on the
    // pinned corpus, against 16 KB).
    if bytes.len() < 1024 {
        let mut sid = start;
        for (at, &b) in bytes.iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                matches(sid, at, usize::MAX);
            }
        }
        return;
    }
    let piece = bytes.len().div_ceil(STREAMS);
    // A piece's search: where it starts, ends, and stops, and its match states (kept apart
    // until all are done, to report them in order).
    struct Search {
        from: usize,
        end: usize,
        stop: usize,
        found: Vec<(usize, StateID)>,
    }
    let mut searches: [Search; STREAMS] = std::array::from_fn(|s| {
        let end = ((s + 1) * piece).min(bytes.len());
        Search {
            from: s * piece,
            end,
            stop: (end + tail).min(bytes.len()),
            found: Vec::new(),
        }
    });
    let together = searches.iter().map(|s| s.stop - s.from).min().unwrap_or(0);
    // The states apart from the searches, to stay in registers (218 -> 198 ms).
    let mut sids = [start; STREAMS];
    let froms: [usize; STREAMS] = std::array::from_fn(|s| searches[s].from);
    // Each piece's first `together` bytes, of one length: no bounds to check per byte. And
    // nothing is written to memory in the loop but after a special state (a match), so the
    // table's address stays in a register. Each alone: 198 -> 183 and 189 ms; both: 128 ms.
    let heads: [&[u8]; STREAMS] = std::array::from_fn(|s| &bytes[froms[s]..froms[s] + together]);
    for k in 0..together {
        let mut special = false;
        for (sid, head) in sids.iter_mut().zip(&heads) {
            *sid = dfa.next_state(Anchored::No, *sid, head[k]);
            special |= dfa.is_special(*sid);
        }
        if special {
            for ((&sid, &from), s) in sids.iter().zip(&froms).zip(searches.iter_mut()) {
                if dfa.is_special(sid) {
                    s.found.push((from + k, sid));
                }
            }
        }
    }
    for (s, mut sid) in searches.iter_mut().zip(sids) {
        let rest = s.from + together;
        for (i, &b) in bytes[rest..s.stop].iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                s.found.push((rest + i, sid));
            }
        }
        for &(at, state) in &s.found {
            matches(state, at, s.end);
        }
    }
}

/// The operators of the [`NeedleGroup::Operator`] groups of `lints`, each with its group.
pub(crate) fn operators(lints: LintSet) -> Vec<(u8, Groups)> {
    automaton()
        .operators
        .iter()
        .map(|&(op, slot)| (op, Groups(slot).of(lints)))
        .filter(|(_, g)| !g.is_empty())
        .collect()
}

/// The scanners ([`Needles::Scan`]) of `lints` that match `bytes`.
pub(crate) fn scanned(bytes: &[u8], lints: LintSet) -> Groups {
    let a = automaton();
    let mut out = Groups::NONE;
    for (li, lint) in LINTS.iter().enumerate() {
        if let Needles::Scan(scan) = lint.needles {
            if lints.contains(lint) && scan(bytes) {
                out = out.with(Groups(a.lint_slots[li]));
            }
        }
    }
    out
}

/// Some lint of `lints` has a scanner.
pub(crate) fn has_scanner(lints: LintSet) -> bool {
    LINTS
        .iter()
        .any(|l| lints.contains(l) && matches!(l.needles, Needles::Scan(_)))
}

/// A `31` followed by a `28` as the next list element: `31, 28`, `31u8, 28`, or one month per
/// line with a `// January` comment between them (the needle of the February-table lint).
pub fn has_feb_table(bytes: &[u8]) -> bool {
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
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::*;

    #[test]
    fn every_lint_that_checks_code_has_needles() {
        for lint in LINTS {
            let has_needles = !matches!(lint.needles, Needles::None);
            assert_eq!(
                has_needles,
                !lint.checks.is_empty() || lint.group == crate::Group::Suppression,
                "{}",
                lint.name
            );
        }
    }

    #[test]
    fn the_pieces_find_every_match_once() {
        let words = ["ab", "abcd", "bc", "cd", "d", "xyz", "zz"];
        let dfa = aho_corasick::dfa::Builder::new()
            .prefilter(false)
            .build(words)
            .unwrap();
        let reference = aho_corasick::AhoCorasick::new(words).unwrap();
        // Pseudo-random text over the needles' letters: matches across every piece's end.
        let mut x = 12345u32;
        for len in [0usize, 1, 5_000, 16 * 1024, 50_001, 80_003] {
            let mut text: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    b"abcdxyz \n"[(x >> 16) as usize % 9]
                })
                .collect();
            // And needles across the end of every piece.
            let piece = len.div_ceil(STREAMS);
            for s in 1..STREAMS {
                if s * piece + 2 < len {
                    text[s * piece - 2..s * piece + 2].copy_from_slice(b"abcd");
                }
            }
            let text = String::from_utf8(text).unwrap();
            let mut got = Vec::new();
            overlapping(&dfa, text.as_bytes(), |start, pid| got.push((start, pid)));
            let mut want: Vec<_> = reference
                .find_overlapping_iter(&text)
                .map(|m| (m.start(), m.pattern()))
                .collect();
            assert!(len < 5_000 || want.len() > len / 10);
            got.sort();
            want.sort();
            assert_eq!(got, want, "text of {len} bytes");
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
        // A prefix counts only as the start of a longer number: 2_592_000 seconds are 30
        // days, a 2592 is no duration (a language code in a generated table).
        let year = LintSet::of(&HAND_BUILT_YEAR_DURATION);
        assert!(scan("let len = 365; let code = 2592;", year).is_empty());
        assert!(!scan("let len = 365 * 2_592_000;", year).is_empty());
        assert!(!scan("let len = 365 * 86400;", year).is_empty());
        assert!(!scan("let len = 365 * 86_400_000;", year).is_empty());
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
        // API names count as whole identifiers only: `from_ymd_res` is a crate's own method.
        let ctor = LintSet::of(&PANICKING_DATE_CONSTRUCTOR);
        assert!(
            scan("NaiveDate::from_ymd(2024, 2, 29)", ctor).contains(&PANICKING_DATE_CONSTRUCTOR)
        );
        assert!(scan("NaiveDate::from_ymd_res(2024, 2, 29)?", ctor).is_empty());
        assert!(scan("x.with_year2(1)", ctor).is_empty());
        // Other words stay words: `day` in `with_day` or `today`.
        let s = scan("d.with_day(today)", all);
        assert!(s.contains(&DAY_ARITHMETIC_ON_DATE), "{s:?}");
        // Only wanted lints are reported.
        let s = scan(
            "Duration::from_secs(365 * 86400)",
            LintSet::of(&DAY_OF_YEAR_ARRAY_365),
        );
        assert!(!s.contains(&HAND_BUILT_YEAR_DURATION));
    }
}
