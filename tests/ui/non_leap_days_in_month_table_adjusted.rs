// non_leap_days_in_month_table, third file: a table in a const whose file adjusts for leap
// years in the function that indexes it. Nothing here is reported.

// not flagged: the file adds the leap day where the table is used
pub const DAYS_PER_MONTH: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    DAYS_PER_MONTH[month as usize - 1] + u32::from(month == 2 && leap)
}
