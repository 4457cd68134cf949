// incomplete_leap_year_rule: a leap-year test that checks only divisibility by 4 where the
// operand is a year, with no 100/400 rule in the same expression or function. 2100, 2200 and
// 2300 are not leap years; 2000 and 2400 are.

use chrono::{Datelike, NaiveDate};

// ---------------------------------------------------------------- std (hand-rolled calendars)

// flagged: the incident's shape: Lotus 1-2-3 treated 1900 as a leap year, and Excel still
// shows 1900-02-29 for compatibility; the same rule breaks again on 2100-02-29
pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 //~ ERROR incomplete_leap_year_rule
}

// flagged: the bitwise form, `y` inside a function about leap years
pub fn leap(y: u32) -> bool {
    y & 3 == 0 //~ ERROR incomplete_leap_year_rule
}

// flagged: days in February from a year field, the literal on the left
pub struct Civil {
    pub year: i64,
    pub month: u8,
}
impl Civil {
    pub fn days_in_february(&self) -> u8 {
        if 0 == self.year % 4 { 29 } else { 28 } //~ ERROR incomplete_leap_year_rule
    }
}

// flagged: the length of the year in a std-only epoch conversion (SystemTime seconds to years)
pub fn days_in_year(yr: u64) -> u64 {
    if (yr % 4) == 0 { 366 } else { 365 } //~ ERROR incomplete_leap_year_rule
}

// flagged: the negated test ("not a leap year")
pub fn common_year(year_number: i32) -> bool {
    year_number % 4 != 0 //~ ERROR incomplete_leap_year_rule
}

// flagged: the century exception without its own exception: 2000 was a leap year, and
// 2000-02-29 is a birthday in many a database
pub fn is_leap_no_400(year: i32) -> bool {
    year % 4 == 0 && year % 100 != 0 //~ ERROR incomplete_leap_year_rule
}

// flagged: the same inside a days-in-year helper, the century test written first
pub fn days_in(yr: u32) -> u32 {
    if yr % 100 != 0 && yr % 4 == 0 { 366 } else { 365 } //~ ERROR incomplete_leap_year_rule
}

// flagged: stepwise, the early return tests 100 and nothing tests 400
pub fn is_leap_stepwise_no_400(year: u32) -> bool {
    if year % 100 == 0 {
        return false;
    }
    year % 4 == 0 //~ ERROR incomplete_leap_year_rule
}

// ---------------------------------------------------------------- chrono

// flagged: chrono `.year()`, when chrono has `leap_year()` built in
pub fn feb_length(d: NaiveDate) -> u32 {
    if d.year() % 4 == 0 { 29 } else { 28 } //~ ERROR incomplete_leap_year_rule
}

// ---------------------------------------------------------------- time

// flagged: time's `Date::year()`, when time has `util::is_leap_year`
pub fn time_is_leap(d: time::Date) -> bool {
    d.year() % 4 == 0 //~ ERROR incomplete_leap_year_rule
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's `Date::year()`, when jiff has `Date::in_leap_year`
pub fn jiff_is_leap(d: jiff::civil::Date) -> bool {
    d.year() % 4 == 0 //~ ERROR incomplete_leap_year_rule
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the full Gregorian rule
pub fn gregorian(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

// not flagged: the full rule, bitwise (divisible by 4, and not by 25 or else by 16)
pub fn gregorian_bitwise(year: i32) -> bool {
    year & 3 == 0 && (year % 25 != 0 || year & 15 == 0)
}

// not flagged: the full rule with the 400 test first
pub fn gregorian_400_first(y: i32) -> bool {
    y % 400 == 0 || (y % 4 == 0 && y % 100 != 0)
}

// not flagged: the full rule spread over statements of one function
pub fn is_leap_stepwise(year: u32) -> bool {
    if year % 400 == 0 {
        return true;
    }
    if year % 100 == 0 {
        return false;
    }
    year % 4 == 0
}

// not flagged: the full rule as a match on the remainders
pub fn is_leap_match(year: i64) -> bool {
    match (year % 4, year % 100, year % 400) {
        (_, _, 0) => true,
        (_, 0, _) => false,
        (0, _, _) => true,
        _ => false,
    }
}

// not flagged: the 400 rule after an `||` (`&&` binds tighter: the full rule)
pub fn gregorian_flat(year: i32) -> bool {
    year % 4 == 0 && year % 100 != 0 || year % 400 == 0
}

// not flagged: the 100 in the condition is no century test of the year (another number)
pub fn leap_and_small(year: i32, count: usize) -> bool {
    year % 4 == 0 && count < 100
}

// not flagged: `% 4` on an index, a batch size, a column
pub fn every_fourth(items: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i % 4 == 0 {
            out.push(*x);
        }
    }
    let batch = items.len();
    if batch % 4 == 0 {
        out.push(0);
    }
    out
}

// not flagged: `y % 4` outside a function about leap years (a coordinate)
pub fn on_grid(x: i32, y: i32) -> bool {
    x % 4 == 0 && y % 4 == 0
}

// not flagged: the libraries' own tests
pub fn library_rules(d: NaiveDate, t: time::Date, j: jiff::civil::Date) -> (bool, bool, bool) {
    (d.leap_year(), time::util::is_leap_year(t.year()), j.in_leap_year())
}

// not flagged: US presidential elections really are every 4 years, 2100 included
pub fn is_presidential_election_year(year: i32) -> bool {
    year % 4 == 0
}

// not flagged: a count of years, not a calendar year ("every 4 years of service")
pub fn long_service_bonus(years_of_service: u32) -> bool {
    years_of_service > 0 && years_of_service % 4 == 0
}

// not flagged: a Julian day number is not the Julian calendar: its presence in this file does
// not silence the `% 4` tests above
pub fn julian_day_number(y: i64, m: i64, d: i64) -> i64 {
    let a = (14 - m) / 12;
    let (y, m) = (y + 4800 - a, m + 12 * a - 3);
    d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}
