// incomplete_leap_year_rule, second file: code about the Julian calendar, whose leap rule is
// exactly "divisible by 4" (1900 and 2100 are Julian leap years). Nothing here is reported.

/// A date in the Julian calendar, used for dates before the Gregorian reform (1582-10-15)
/// and by the Orthodox churches' calendars.
pub struct JulianDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

// not flagged: the Julian rule is the `% 4` rule
pub fn julian_is_leap(year: i32) -> bool {
    year % 4 == 0
}

impl JulianDate {
    // not flagged: February of the Julian calendar
    pub fn days_in_february(&self) -> u8 {
        if self.year % 4 == 0 { 29 } else { 28 }
    }
}
