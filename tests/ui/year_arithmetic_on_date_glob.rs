// year_arithmetic_on_date: a jiff free function brought in by a glob import. `date` is
// `jiff::civil::date` only through `use jiff::civil::*`: the call's path is the glob's.

use jiff::civil::*;

// flagged: jiff's civil::date panics on 2029-02-29
pub fn next_year(d: Date) -> Date {
    date(d.year() + 1, d.month(), d.day()) //~ ERROR year_arithmetic_on_date
}

// silent: the first of the month exists in every year
pub fn next_year_first(d: Date) -> Date {
    date(d.year() + 1, d.month(), 1)
}
