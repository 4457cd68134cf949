// day_count_loop_may_not_terminate: the 2008 Zune loop. A `while` loop that converts a day
// count into years by subtracting 365 or 366, whose condition compares the count with 365, and
// whose body has a path that neither changes the count nor leaves the loop.

use chrono::NaiveDate;

pub const ORIGIN_YEAR: u32 = 1980;

fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

// ---------------------------------------------------------------- std (hand-rolled calendars)

// flagged: the incident's shape: the Zune 30's clock driver, which froze every Zune 30 at boot
// on 2008-12-31 (day 366 of 2008, a leap year): with days == 366 the leap branch neither
// subtracts (366 is not > 366) nor breaks
pub fn zune_year(mut days: u32) -> u32 {
    let mut year = ORIGIN_YEAR;
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        if is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// flagged: the same with `>= 366` and the count on the right of the comparison
pub fn zune_reversed(mut days: i64, mut year: i32) -> (i32, i64) {
    while 366 <= days { //~ ERROR day_count_loop_may_not_terminate
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if !leap {
            days -= 365;
            year += 1;
        } else if days > 366 {
            days -= 366;
            year += 1;
        }
    }
    (year, days)
}

// flagged: a match with an arm that does nothing
pub fn zune_match(mut days: u32, mut year: u32) -> u32 {
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        match (is_leap_year(year), days) {
            (true, d) if d > 366 => {
                days -= 366;
                year += 1;
            }
            (false, _) => {
                days -= 365;
                year += 1;
            }
            _ => {}
        }
    }
    year
}

// flagged: the same loop written with `continue`: on day 366 of a leap year the leap branch
// goes to the next iteration without subtracting
pub fn zune_continue(mut days: u32, mut year: u32) -> u32 {
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        if is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            }
            continue;
        }
        days -= 365;
        year += 1;
    }
    year
}

// flagged: a `loop` that leaves when the count is at most a year
pub fn zune_loop(mut days: u32, mut year: u32) -> u32 {
    loop {
        if days <= 365 { //~ ERROR day_count_loop_may_not_terminate
            break;
        }
        if is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// ---------------------------------------------------------------- chrono, time, jiff leap tests

// flagged: chrono's leap test in the loop does not help the missing branch
pub fn chrono_leap(mut days: u32, mut year: i32) -> i32 {
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        let leap = NaiveDate::from_yo_opt(year, 1).is_some_and(|d| d.leap_year());
        if leap {
            if days > 366 {
                days -= 366;
                year += 1;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// flagged: time's leap test
pub fn time_leap(mut days: u32, mut year: i32) -> i32 {
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        if time::util::is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// flagged: jiff's leap test
pub fn jiff_leap(mut days: i32, mut year: i16) -> i16 {
    while days > 365 { //~ ERROR day_count_loop_may_not_terminate
        if jiff::civil::date(year, 1, 1).in_leap_year() {
            if days > 366 {
                days -= 366;
                year += 1;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: the fixed Zune loop: exactly 366 in a leap year is the last day, so break
pub fn zune_fixed(mut days: u32) -> u32 {
    let mut year = ORIGIN_YEAR;
    while days > 365 {
        if is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            } else {
                break;
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// not flagged: the length of the year subtracted on every path
pub fn by_length(mut days: u32, mut year: u32) -> u32 {
    while days > 365 {
        let len = if is_leap_year(year) { 366 } else { 365 };
        if days < len {
            break;
        }
        days -= len;
        year += 1;
    }
    year
}

// not flagged: the other path returns
pub fn returns(mut days: u32, mut year: u32) -> (u32, u32) {
    while days > 365 {
        if is_leap_year(year) && days == 366 {
            return (year, days);
        }
        days -= if is_leap_year(year) { 366 } else { 365 };
        year += 1;
    }
    (year, days)
}

// not flagged: the other path panics
pub fn panics(mut days: u32, mut year: u32) -> u32 {
    while days > 365 {
        if is_leap_year(year) {
            if days > 366 {
                days -= 366;
                year += 1;
            } else {
                unreachable!("day 366 is handled by the caller");
            }
        } else {
            days -= 365;
            year += 1;
        }
    }
    year
}

// not flagged: `continue` only after the count went down
pub fn continue_after_progress(mut days: u32, mut year: u32) -> u32 {
    while days > 365 {
        if is_leap_year(year) {
            if days == 366 {
                break;
            }
            days -= 366;
            year += 1;
            continue;
        }
        days -= 365;
        year += 1;
    }
    year
}

// not flagged: the fixed `loop`, day 366 of a leap year leaves
pub fn loop_fixed(mut days: u32, mut year: u32) -> u32 {
    loop {
        if days < 366 {
            break;
        }
        let len = if is_leap_year(year) { 366 } else { 365 };
        if days == len {
            break;
        }
        days -= len;
        year += 1;
    }
    year
}

// not flagged: `continue 'outer` leaves this loop
pub fn labelled(counts: &[u32]) -> u32 {
    let mut years = 0;
    'outer: for &c in counts {
        let mut days = c;
        while days > 365 {
            if days == 366 {
                continue 'outer;
            }
            days -= 365;
            years += 1;
        }
    }
    years
}

// not flagged: a loop that does not count days down by years
pub fn halve(mut n: u32) -> u32 {
    let mut steps = 0;
    while n > 365 {
        n /= 2;
        steps += 1;
    }
    steps
}

// not flagged: the library converts a day count
pub fn from_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days)
}
