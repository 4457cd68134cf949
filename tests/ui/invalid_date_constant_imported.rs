// invalid_date_constant: calls whose date words are only in the file's imports. The function
// that makes the call names no date crate; the `use` does, and it is read with the call.

use jiff::civil::date;
use jiff::civil::Date as CivilDate;

pub fn unrelated() -> u32 {
    7
}

// flagged: 2023 is not a leap year
pub fn from_named_import() {
    let _ = date(2023, 2, 29); //~ ERROR invalid_date_constant
}

// flagged: June has 30 days
pub fn from_aliased_import() -> Result<CivilDate, Box<dyn std::error::Error>> {
    Ok(CivilDate::new(2024, 6, 31)?) //~ ERROR invalid_date_constant
}

// not flagged: a date that exists
pub fn valid() {
    let _ = date(2024, 2, 29);
}

mod through_the_module {
    use jiff::civil;

    // flagged: 2100 is not a leap year
    pub fn from_module_path() {
        let _ = civil::date(2100, 2, 29); //~ ERROR invalid_date_constant
    }
}

mod globbed {
    use jiff::civil::*;

    // flagged: there is no month 13
    pub fn from_glob() -> Option<Time> {
        let _ = Date::new(2024, 13, 1); //~ ERROR invalid_date_constant
        None
    }
}
