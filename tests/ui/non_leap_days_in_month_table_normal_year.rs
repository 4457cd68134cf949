// non_leap_days_in_month_table: a table whose name says it is the common-year table, as in
// chrono's tz rules (its leap adjustment lives in another file, which the lint cannot see).

// not flagged: the name says "normal year"; the author knows February may have 29 days
pub const DAY_IN_MONTHS_NORMAL_YEAR: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// not flagged: the same, "common year"
pub static DAYS_COMMON_YEAR: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
