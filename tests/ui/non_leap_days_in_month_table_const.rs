// non_leap_days_in_month_table, second file: tables in consts and statics at item level. Their
// scope is the whole file, and nothing in this file adjusts for February in leap years (no
// `leap`, no `== 2`, no 29), so both are reported.

// flagged: a module-level table, indexed by a function that never special-cases February
pub const DAYS_PER_MONTH: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table

// flagged: the same in a static
pub static MONTH_DAYS: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table

/// Seconds from Jan 1 to the start of `month` (1-based): 86_400 s short from March on in a
/// leap year, so a timestamp built from it is one day early on 2028-03-01.
pub fn seconds_before_month(month: usize) -> u64 {
    DAYS_PER_MONTH[..month - 1].iter().map(|d| u64::from(*d) * 86_400).sum()
}

pub fn last_day(month: usize) -> u8 {
    MONTH_DAYS[month - 1]
}
