// non_leap_days_in_month_table, fourth file: the table in the other layouts people write, and
// no other spelling of it in the file (so that nothing else brings the lint in).

// flagged: one month per line with its name, as rustfmt keeps it
pub const DAYS_IN_MONTH: [u32; 12] = [ //~ WARN non_leap_days_in_month_table
    31, // January
    28, // February
    31, // March
    30, // April
    31, // May
    30, // June
    31, // July
    31, // August
    30, // September
    31, // October
    30, // November
    31, // December
];

// flagged: a typed first element
pub fn days_left_in_month(month: usize, day: u8) -> u8 {
    let t = [31u8, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; //~ WARN non_leap_days_in_month_table
    t[month - 1] - day
}
