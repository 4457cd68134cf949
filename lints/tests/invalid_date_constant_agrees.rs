//! `invalid_date_constant` agrees with the date libraries themselves.
//!
//! For literal dates and times across month ends, leap, common and century years, the ends of
//! each library's year range, hour 24, minute 60, second 60 and chrono's leap-second fraction,
//! this test writes the call as source text (`chrono::NaiveDate::from_ymd_opt(2023, 2, 29)`),
//! runs the engine on it, and asks the library for the same literals. The lint must fire
//! exactly when the library returns None/Err (or, for `rcgen::date_time_ymd`, which builds its
//! date with time's `Date::from_calendar_date`, would panic).
//!
//! Setters (`with_day(31)`, `replace_day(32)`, jiff's `.with().day(..)`) keep the receiver's
//! other fields, so the lint's promise is "fails on every run": it must fire exactly when the
//! setter fails for every receiver. The receivers tried are every day of a common year (2023),
//! a leap year (2024) and a century year that is not leap (2100).
//!
//! Every disagreement is listed together at the end, as the source text, what the library
//! says and what the lint says.

use leapcheck_lints::{check_source, Options};

/// One literal call and the library's verdict on it.
struct Case {
    /// The expression as it would appear in user code.
    call: String,
    /// Extra items before the function (imports), and the function's parameter list.
    params: &'static str,
    /// The library rejects these literals (None, Err or a panic).
    lib_fails: bool,
}

fn lint_fires(case: &Case) -> bool {
    let src = format!("fn f({}) {{\n    let _ = {};\n}}\n", case.params, case.call);
    let diags = check_source(&src, &Options::default())
        .unwrap_or_else(|e| panic!("generated source does not parse: {e:?}\n{src}"));
    diags.iter().any(|d| d.lint.name == "invalid_date_constant")
}

const CALENDAR_YEARS: [i32; 10] = [1900, 2000, 2023, 2024, 2100, 1, 0, -1, -4, -100];
const MONTHS: std::ops::RangeInclusive<u32> = 0..=13;
const DAYS: [u32; 7] = [0, 1, 28, 29, 30, 31, 32];
/// Near the ends of chrono's range (±262_142/3/4) and of time's and jiff's (±9_999).
const CHRONO_RANGE_YEARS: [i32; 8] = [
    -262_145, -262_144, -262_143, -262_142, 262_142, 262_143, 262_144, 262_145,
];
const SMALL_RANGE_YEARS: [i32; 4] = [-10_000, -9_999, 9_999, 10_000];
/// Month and day pairs tried at the range ends.
const RANGE_MD: [(u32, u32); 4] = [(1, 1), (2, 29), (12, 31), (13, 1)];

fn date_inputs(range_years: &[i32]) -> Vec<(i32, u32, u32)> {
    let mut out = Vec::new();
    for y in CALENDAR_YEARS {
        for m in MONTHS {
            for d in DAYS {
                out.push((y, m, d));
            }
        }
    }
    for &y in range_years {
        for (m, d) in RANGE_MD {
            out.push((y, m, d));
        }
    }
    out
}

const ORDINALS: [u32; 7] = [0, 1, 59, 60, 365, 366, 367];
const ISO_YEARS: std::ops::RangeInclusive<i32> = 2014..=2028;
const ISO_WEEKS: [u32; 5] = [0, 1, 52, 53, 54];

fn time_month(m: u32) -> Option<(time::Month, &'static str)> {
    use time::Month::*;
    let all = [
        (January, "January"),
        (February, "February"),
        (March, "March"),
        (April, "April"),
        (May, "May"),
        (June, "June"),
        (July, "July"),
        (August, "August"),
        (September, "September"),
        (October, "October"),
        (November, "November"),
        (December, "December"),
    ];
    m.checked_sub(1).and_then(|i| all.get(i as usize).copied())
}

fn chrono_dates(cases: &mut Vec<Case>) {
    for (y, m, d) in date_inputs(&CHRONO_RANGE_YEARS) {
        let fails = chrono::NaiveDate::from_ymd_opt(y, m, d).is_none();
        cases.push(Case {
            call: format!("chrono::NaiveDate::from_ymd_opt({y}, {m}, {d})"),
            params: "",
            lib_fails: fails,
        });
        // The deprecated `from_ymd` panics exactly where `from_ymd_opt` returns None.
        cases.push(Case {
            call: format!("chrono::NaiveDate::from_ymd({y}, {m}, {d})"),
            params: "",
            lib_fails: fails,
        });
        // With UTC there is no DST gap: `with_ymd_and_hms` fails only on an invalid date.
        cases.push(Case {
            call: format!("chrono::Utc.with_ymd_and_hms({y}, {m}, {d}, 12, 0, 0)"),
            params: "",
            lib_fails: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, y, m, d, 12, 0, 0)
                .single()
                .is_none(),
        });
    }
    for y in CALENDAR_YEARS.iter().chain(&CHRONO_RANGE_YEARS) {
        for o in ORDINALS {
            let fails = chrono::NaiveDate::from_yo_opt(*y, o).is_none();
            cases.push(Case {
                call: format!("chrono::NaiveDate::from_yo_opt({y}, {o})"),
                params: "",
                lib_fails: fails,
            });
            cases.push(Case {
                call: format!("chrono::NaiveDate::from_yo({y}, {o})"),
                params: "",
                lib_fails: fails,
            });
        }
    }
    for y in ISO_YEARS.chain(CALENDAR_YEARS) {
        for w in ISO_WEEKS {
            for (wd, name) in [(chrono::Weekday::Mon, "Mon"), (chrono::Weekday::Sun, "Sun")] {
                cases.push(Case {
                    call: format!(
                        "chrono::NaiveDate::from_isoywd_opt({y}, {w}, chrono::Weekday::{name})"
                    ),
                    params: "",
                    lib_fails: chrono::NaiveDate::from_isoywd_opt(y, w, wd).is_none(),
                });
            }
        }
    }
}

fn time_dates(cases: &mut Vec<Case>) {
    for (y, m, d) in date_inputs(&SMALL_RANGE_YEARS) {
        // `Month` is an enum in time: months 0 and 13 cannot be written.
        let Some((month, name)) = time_month(m) else {
            continue;
        };
        cases.push(Case {
            call: format!("time::Date::from_calendar_date({y}, time::Month::{name}, {d})"),
            params: "",
            lib_fails: time::Date::from_calendar_date(y, month, d as u8).is_err(),
        });
    }
    for y in CALENDAR_YEARS.iter().chain(&SMALL_RANGE_YEARS) {
        for o in ORDINALS {
            cases.push(Case {
                call: format!("time::Date::from_ordinal_date({y}, {o})"),
                params: "",
                lib_fails: time::Date::from_ordinal_date(*y, o as u16).is_err(),
            });
        }
    }
    for y in ISO_YEARS.chain(CALENDAR_YEARS) {
        for w in ISO_WEEKS {
            for (wd, name) in [
                (time::Weekday::Monday, "Monday"),
                (time::Weekday::Sunday, "Sunday"),
            ] {
                cases.push(Case {
                    call: format!(
                        "time::Date::from_iso_week_date({y}, {w}, time::Weekday::{name})"
                    ),
                    params: "",
                    lib_fails: time::Date::from_iso_week_date(y, w as u8, wd).is_err(),
                });
            }
        }
    }
}

/// rcgen's `date_time_ymd(year, month: u8, day: u8)` is `Month::try_from(month).expect(..)` then
/// `Date::from_calendar_date(..).expect(..)` in time: it panics exactly when those fail.
fn rcgen_dates(cases: &mut Vec<Case>) {
    for (y, m, d) in date_inputs(&SMALL_RANGE_YEARS) {
        let ok = time::Month::try_from(m as u8)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(y, month, d as u8).ok())
            .is_some();
        cases.push(Case {
            call: format!("rcgen::date_time_ymd({y}, {m}, {d})"),
            params: "",
            lib_fails: !ok,
        });
    }
}

fn jiff_dates(cases: &mut Vec<Case>) {
    for (y, m, d) in date_inputs(&SMALL_RANGE_YEARS) {
        let (y, m, d) = (y as i16, m as i8, d as i8);
        let fails = jiff::civil::Date::new(y, m, d).is_err();
        cases.push(Case {
            call: format!("jiff::civil::Date::new({y}, {m}, {d})"),
            params: "",
            lib_fails: fails,
        });
        // `civil::date` panics where `Date::new` returns Err.
        cases.push(Case {
            call: format!("jiff::civil::date({y}, {m}, {d})"),
            params: "",
            lib_fails: fails,
        });
    }
}

/// Hours, minutes and seconds around their ends.
const HOURS: [u32; 4] = [0, 23, 24, 25];
const MINUTES: [u32; 3] = [0, 59, 60];
const SECONDS: [u32; 5] = [0, 58, 59, 60, 61];
/// Sub-second fields around 1 s (chrono's leap second) and 2 s, per unit.
const MILLIS: [u32; 6] = [0, 999, 1_000, 1_500, 1_999, 2_000];
const MICROS: [u32; 5] = [0, 999_999, 1_000_000, 1_999_999, 2_000_000];
const NANOS: [u32; 6] = [
    0,
    999_999_999,
    1_000_000_000,
    1_999_999_999,
    2_000_000_000,
    u32::MAX,
];

fn hms() -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    for h in HOURS {
        for m in MINUTES {
            for s in SECONDS {
                out.push((h, m, s));
            }
        }
    }
    out
}

/// Fewer hour/minute pairs for the sub-second variants: the fraction interacts with the second.
fn hms_for_fractions() -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    for (h, m) in [(23, 59), (0, 0), (24, 0), (12, 60)] {
        for s in SECONDS {
            out.push((h, m, s));
        }
    }
    out
}

fn chrono_times(cases: &mut Vec<Case>) {
    type Frac = (&'static str, &'static [u32], fn(u32, u32, u32, u32) -> bool);
    let fractions: [Frac; 3] = [
        ("milli", &MILLIS, |h, m, s, f| {
            chrono::NaiveTime::from_hms_milli_opt(h, m, s, f).is_none()
        }),
        ("micro", &MICROS, |h, m, s, f| {
            chrono::NaiveTime::from_hms_micro_opt(h, m, s, f).is_none()
        }),
        ("nano", &NANOS, |h, m, s, f| {
            chrono::NaiveTime::from_hms_nano_opt(h, m, s, f).is_none()
        }),
    ];
    for (h, m, s) in hms() {
        let fails = chrono::NaiveTime::from_hms_opt(h, m, s).is_none();
        cases.push(Case {
            call: format!("chrono::NaiveTime::from_hms({h}, {m}, {s})"),
            params: "",
            lib_fails: fails,
        });
        cases.push(Case {
            call: format!("chrono::Utc.with_ymd_and_hms(2024, 2, 29, {h}, {m}, {s})"),
            params: "",
            lib_fails: chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2024, 2, 29, h, m, s)
                .single()
                .is_none(),
        });
        cases.push(Case {
            call: format!("chrono::NaiveTime::from_hms_opt({h}, {m}, {s})"),
            params: "",
            lib_fails: fails,
        });
        cases.push(Case {
            call: format!("d.and_hms_opt({h}, {m}, {s})"),
            params: "d: chrono::NaiveDate",
            lib_fails: fails,
        });
    }
    for (h, m, s) in hms_for_fractions() {
        for (unit, values, fails) in &fractions {
            for &f in *values {
                let fails = fails(h, m, s, f);
                cases.push(Case {
                    call: format!("chrono::NaiveTime::from_hms_{unit}_opt({h}, {m}, {s}, {f})"),
                    params: "",
                    lib_fails: fails,
                });
                cases.push(Case {
                    call: format!("chrono::NaiveTime::from_hms_{unit}({h}, {m}, {s}, {f})"),
                    params: "",
                    lib_fails: fails,
                });
                // `NaiveDate::and_hms_*_opt` checks the time the same way.
                cases.push(Case {
                    call: format!("d.and_hms_{unit}_opt({h}, {m}, {s}, {f})"),
                    params: "d: chrono::NaiveDate",
                    lib_fails: fails,
                });
            }
        }
    }
}

/// Millisecond and microsecond counts whose nanoseconds overflow `u32` in chrono.
fn chrono_overflowing_fractions(cases: &mut Vec<Case>) {
    for (unit, f) in [
        ("milli", 4_294_967u32),
        ("milli", 4_295_000),
        ("milli", u32::MAX),
        ("micro", 4_294_967),
        ("micro", u32::MAX),
    ] {
        let fails = match unit {
            "milli" => chrono::NaiveTime::from_hms_milli_opt(23, 59, 59, f).is_none(),
            _ => chrono::NaiveTime::from_hms_micro_opt(23, 59, 59, f).is_none(),
        };
        cases.push(Case {
            call: format!("chrono::NaiveTime::from_hms_{unit}_opt(23, 59, 59, {f})"),
            params: "",
            lib_fails: fails,
        });
    }
}

fn time_times(cases: &mut Vec<Case>) {
    for (h, m, s) in hms() {
        cases.push(Case {
            call: format!("time::Time::from_hms({h}, {m}, {s})"),
            params: "",
            lib_fails: time::Time::from_hms(h as u8, m as u8, s as u8).is_err(),
        });
    }
    for (h, m, s) in hms_for_fractions() {
        let (h8, m8, s8) = (h as u8, m as u8, s as u8);
        for &f in &MILLIS {
            cases.push(Case {
                call: format!("time::Time::from_hms_milli({h}, {m}, {s}, {f})"),
                params: "",
                lib_fails: time::Time::from_hms_milli(h8, m8, s8, f as u16).is_err(),
            });
        }
        for &f in &MICROS {
            cases.push(Case {
                call: format!("time::Time::from_hms_micro({h}, {m}, {s}, {f})"),
                params: "",
                lib_fails: time::Time::from_hms_micro(h8, m8, s8, f).is_err(),
            });
        }
        for &f in &NANOS {
            cases.push(Case {
                call: format!("time::Time::from_hms_nano({h}, {m}, {s}, {f})"),
                params: "",
                lib_fails: time::Time::from_hms_nano(h8, m8, s8, f).is_err(),
            });
        }
    }
}

fn jiff_times(cases: &mut Vec<Case>) {
    let mut hmsn: Vec<(i32, i32, i32, i32)> = hms()
        .into_iter()
        .map(|(h, m, s)| (h as i32, m as i32, s as i32, 0))
        .collect();
    for (h, m, s) in hms_for_fractions() {
        for f in [0, 999_999_999, 1_000_000_000, 1_999_999_999, i32::MAX] {
            hmsn.push((h as i32, m as i32, s as i32, f));
        }
    }
    // jiff's fields are signed.
    hmsn.extend([(-1, 0, 0, 0), (0, -1, 0, 0), (0, 0, -1, 0), (0, 0, 0, -1)]);
    for (h, m, s, f) in hmsn {
        let fails = jiff::civil::Time::new(h as i8, m as i8, s as i8, f).is_err();
        cases.push(Case {
            call: format!("jiff::civil::Time::new({h}, {m}, {s}, {f})"),
            params: "",
            lib_fails: fails,
        });
        cases.push(Case {
            call: format!("jiff::civil::time({h}, {m}, {s}, {f})"),
            params: "",
            lib_fails: fails,
        });
        // A date that exists with the time: only the time decides.
        cases.push(Case {
            call: format!("jiff::civil::datetime(2024, 2, 29, {h}, {m}, {s}, {f})"),
            params: "",
            lib_fails: jiff::civil::DateTime::new(2024, 2, 29, h as i8, m as i8, s as i8, f)
                .is_err(),
        });
        cases.push(Case {
            call: format!("jiff::civil::DateTime::new(2024, 2, 29, {h}, {m}, {s}, {f})"),
            params: "",
            lib_fails: jiff::civil::DateTime::new(2024, 2, 29, h as i8, m as i8, s as i8, f)
                .is_err(),
        });
    }
    // A date that does not exist with a valid time.
    for (y, m, d) in [
        (2023, 2, 29),
        (2024, 2, 29),
        (2100, 2, 29),
        (2000, 2, 29),
        (2024, 4, 31),
    ] {
        cases.push(Case {
            call: format!("jiff::civil::DateTime::new({y}, {m}, {d}, 12, 0, 0, 0)"),
            params: "",
            lib_fails: jiff::civil::DateTime::new(y, m, d, 12, 0, 0, 0).is_err(),
        });
    }
}

/// Every day of 2023, 2024 and 2100.
fn receivers() -> Vec<chrono::NaiveDate> {
    [2023, 2024, 2100]
        .into_iter()
        .flat_map(|y| {
            let first = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
            first
                .iter_days()
                .take_while(move |d| chrono::Datelike::year(d) == y)
        })
        .collect()
}

fn to_time(d: chrono::NaiveDate) -> time::Date {
    use chrono::Datelike;
    time::Date::from_ordinal_date(d.year(), d.ordinal() as u16).unwrap()
}

fn to_jiff(d: chrono::NaiveDate) -> jiff::civil::Date {
    use chrono::Datelike;
    jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8).unwrap()
}

fn setters(cases: &mut Vec<Case>) {
    use chrono::Datelike;
    let recv = receivers();
    let all_fail = |f: &dyn Fn(chrono::NaiveDate) -> bool| recv.iter().all(|d| f(*d));
    for v in [0u32, 1, 12, 13, 28, 29, 30, 31, 32] {
        for (name, f) in [
            (
                "with_day",
                (|d: chrono::NaiveDate, v| d.with_day(v).is_none()) as fn(_, _) -> _,
            ),
            ("with_day0", |d, v| d.with_day0(v).is_none()),
            ("with_month", |d, v| d.with_month(v).is_none()),
            ("with_month0", |d, v| d.with_month0(v).is_none()),
        ] {
            cases.push(Case {
                call: format!("d.{name}({v})"),
                params: "d: chrono::NaiveDate",
                lib_fails: all_fail(&|d| f(d, v)),
            });
        }
    }
    for v in [0u32, 1, 364, 365, 366, 367] {
        for (name, f) in [
            (
                "with_ordinal",
                (|d: chrono::NaiveDate, v| d.with_ordinal(v).is_none()) as fn(_, _) -> _,
            ),
            ("with_ordinal0", |d, v| d.with_ordinal0(v).is_none()),
        ] {
            cases.push(Case {
                call: format!("d.{name}({v})"),
                params: "d: chrono::NaiveDate",
                lib_fails: all_fail(&|d| f(d, v)),
            });
        }
    }
    for y in CALENDAR_YEARS.iter().chain(&CHRONO_RANGE_YEARS) {
        cases.push(Case {
            call: format!("d.with_year({y})"),
            params: "d: chrono::NaiveDate",
            lib_fails: all_fail(&|d| d.with_year(*y).is_none()),
        });
    }
    // time
    for v in [0u8, 1, 28, 29, 30, 31, 32] {
        cases.push(Case {
            call: format!("d.replace_day({v})"),
            params: "d: time::Date",
            lib_fails: all_fail(&|d| to_time(d).replace_day(v).is_err()),
        });
    }
    for v in [0u16, 1, 365, 366, 367] {
        cases.push(Case {
            call: format!("d.replace_ordinal({v})"),
            params: "d: time::Date",
            lib_fails: all_fail(&|d| to_time(d).replace_ordinal(v).is_err()),
        });
    }
    for m in 1..=12 {
        let (month, name) = time_month(m).unwrap();
        cases.push(Case {
            call: format!("d.replace_month(time::Month::{name})"),
            params: "d: time::Date",
            lib_fails: all_fail(&|d| to_time(d).replace_month(month).is_err()),
        });
    }
    for y in CALENDAR_YEARS.iter().chain(&SMALL_RANGE_YEARS) {
        cases.push(Case {
            call: format!("d.replace_year({y})"),
            params: "d: time::Date",
            lib_fails: all_fail(&|d| to_time(d).replace_year(*y).is_err()),
        });
    }
    // jiff's builder
    for v in [0i8, 1, 12, 13, 28, 29, 30, 31, 32] {
        cases.push(Case {
            call: format!("d.with().day({v}).build()"),
            params: "d: jiff::civil::Date",
            lib_fails: all_fail(&|d| to_jiff(d).with().day(v).build().is_err()),
        });
        cases.push(Case {
            call: format!("d.with().month({v}).build()"),
            params: "d: jiff::civil::Date",
            lib_fails: all_fail(&|d| to_jiff(d).with().month(v).build().is_err()),
        });
    }
    for v in [0i16, 1, 365, 366, 367] {
        cases.push(Case {
            call: format!("d.with().day_of_year({v}).build()"),
            params: "d: jiff::civil::Date",
            lib_fails: all_fail(&|d| to_jiff(d).with().day_of_year(v).build().is_err()),
        });
    }
    for y in CALENDAR_YEARS.iter().chain(&SMALL_RANGE_YEARS) {
        let y = *y as i16;
        cases.push(Case {
            call: format!("d.with().year({y}).build()"),
            params: "d: jiff::civil::Date",
            lib_fails: all_fail(&|d| to_jiff(d).with().year(y).build().is_err()),
        });
    }
}

#[test]
fn lint_agrees_with_chrono_time_jiff_and_rcgen() {
    let mut cases = Vec::new();
    chrono_dates(&mut cases);
    time_dates(&mut cases);
    rcgen_dates(&mut cases);
    jiff_dates(&mut cases);
    chrono_times(&mut cases);
    chrono_overflowing_fractions(&mut cases);
    time_times(&mut cases);
    jiff_times(&mut cases);
    setters(&mut cases);

    let mut wrong = Vec::new();
    for case in &cases {
        let fires = lint_fires(case);
        if fires != case.lib_fails {
            wrong.push(format!(
                "  {}{}: the library {}, the lint {}",
                if case.params.is_empty() {
                    String::new()
                } else {
                    format!("({}) ", case.params)
                },
                case.call,
                if case.lib_fails {
                    "fails"
                } else {
                    "accepts it"
                },
                if fires { "fires" } else { "is silent" },
            ));
        }
    }
    let failing = cases.iter().filter(|c| c.lib_fails).count();
    eprintln!(
        "{} cases ({failing} rejected by the library), {} disagreements",
        cases.len(),
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} cases disagree:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    // The enumeration must reach both verdicts in quantity, or it tests nothing.
    assert!(failing > 1_000 && cases.len() - failing > 1_000);
}
