//! Each fact source, probed: `probe(e)` in a function body records the value of `e` there.

use syn::visit::Visit;

use super::domain::DateVal;
use super::*;
use crate::context::with_file;

/// The facts of the arguments of every `probe(..)` call in the function `f`, in source order
/// (`None` where the walk did not reach one: dead code).
fn probes(src: &str) -> Vec<Option<Fact>> {
    with_file(src, |cx| {
        let f = cx.fns_for_test("f");
        let (facts, _) = Interp::new(cx, 0).run(f);
        let mut calls = Probes(Vec::new());
        calls.visit_block(f.body);
        calls
            .0
            .into_iter()
            .map(|arg| facts.value(arg).cloned())
            .collect()
    })
}

struct Probes<'ast>(Vec<&'ast syn::Expr>);

impl<'ast> Visit<'ast> for Probes<'ast> {
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("probe")) {
            self.0.push(&c.args[0]);
        }
        syn::visit::visit_expr_call(self, c);
    }
}

fn set(f: &Option<Fact>) -> IntSet {
    f.as_ref()
        .and_then(|f| f.set().cloned())
        .unwrap_or_else(|| panic!("not an integer: {f:?}"))
}

fn date(f: &Option<Fact>) -> DateVal {
    f.as_ref()
        .and_then(|f| f.as_date().cloned())
        .unwrap_or_else(|| panic!("not a date: {f:?}"))
}

fn r(lo: i64, hi: i64) -> IntSet {
    IntSet::range(lo, hi)
}

#[test]
fn branches_refine_and_join() {
    let p = probes(
        "fn f(d: NaiveDate) {
            if d.month() == 12 { probe(d.month()); } else { probe(d.month()); }
            if d.day() > 28 { return; }
            probe(d.day());
            let m = d.month();
            if m != 2 && d.day() >= 1 { probe(m); }
        }",
    );
    assert_eq!(set(&p[0]), IntSet::exact(12));
    assert_eq!(set(&p[1]), r(1, 11));
    assert_eq!(set(&p[2]), r(1, 28));
    assert_eq!(set(&p[3]), IntSet::exact(1).join(&r(3, 12)));
    assert!(p[0].as_ref().unwrap().prov.has(Prov::CALENDAR));
}

#[test]
fn assignments_loops_and_clamps() {
    let p = probes(
        "fn f(d: NaiveDate, c: bool) {
            let mut m = d.month() as i32 - 1;
            let mut y = d.year();
            while m <= 0 { m += 12; y -= 1; }
            probe(m);
            let mut day = d.day();
            if c { day = 1; }
            probe(day);
            day = 1;
            probe(day);
            probe(d.day().min(28));
            probe(std::cmp::min(d.day(), 30));
            let mut n = d.month() + 1;
            if n > 12 { n -= 12; }
            probe(n);
        }",
    );
    assert_eq!(set(&p[0]), r(1, 12));
    assert_eq!(set(&p[1]), r(1, 31));
    assert_eq!(set(&p[2]), IntSet::exact(1));
    assert_eq!(set(&p[3]), r(1, 28));
    assert_eq!(set(&p[4]), r(1, 30));
    assert_eq!(set(&p[5]), r(1, 12));
}

#[test]
fn setters_and_failure_preconditions() {
    let p = probes(
        "fn f(date: NaiveDate, fwd: bool) {
            let first = date.with_day(1).unwrap();
            probe(first);
            let inc = if fwd { 1 } else { -1 };
            match date.with_ordinal((date.ordinal() as i32 + inc) as u32) {
                Some(dt) => probe(dt),
                None => probe(date),
            }
            if let Some(x) = date.with_year(date.year() + 1) { probe(x); } else { probe(date); }
        }",
    );
    assert_eq!(date(&p[0]).d, IntSet::exact(1));
    let end = date(&p[2]);
    assert!(!end.m.contains(2), "{end:?}");
    assert_eq!(end.m, IntSet::exact(1).join(&IntSet::exact(12)));
    let feb29 = date(&p[4]);
    assert_eq!((feb29.m.single(), feb29.d.single()), (Some(2), Some(29)));
}

#[test]
fn match_arms_and_ranges() {
    let p = probes(
        "fn f(d: NaiveDate) {
            match d.month() {
                2 => {}
                1..=3 => probe(d.month()),
                m => probe(m),
            }
            match d.day() { 1..=28 => probe(d.day()), _ => probe(d.day()) }
        }",
    );
    assert_eq!(set(&p[0]), IntSet::exact(1).join(&IntSet::exact(3)));
    assert_eq!(set(&p[1]), r(4, 12));
    assert_eq!(set(&p[2]), r(1, 28));
    assert_eq!(set(&p[3]), r(29, 31));
}

#[test]
fn summaries_and_provenance() {
    let p = probes(
        "fn first_of(d: NaiveDate) -> NaiveDate { d.with_day(1).unwrap() }
         fn days_in_month(y: i32, m: u32) -> u32 { match m { 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 } }
         fn f(d: NaiveDate, n: u32) {
            probe(first_of(d));
            probe(Utc::now().day());
            probe(n);
            probe(days_in_month(2024, 2));
            let x = 5;
            probe(x + 1);
         }",
    );
    assert_eq!(date(&p[0]).d, IntSet::exact(1));
    let clock = p[1].as_ref().unwrap();
    assert!(clock.prov.has(Prov::CLOCK) && clock.prov.has(Prov::CALENDAR));
    assert!(p[2].as_ref().unwrap().prov.has(Prov::INPUT));
    assert!(set(&p[3]).within(28, 31));
    assert_eq!(set(&p[4]), IntSet::exact(6));
    assert!(p[4].as_ref().unwrap().prov.is_const());
}

#[test]
fn dead_code_and_havoc() {
    let p = probes(
        "fn f(d: NaiveDate) {
            let m = d.month();
            if m == 13 { probe(m); }
            let mut day = 1;
            bump(&mut day);
            probe(day);
            let mut k = 1;
            let mut g = || k += 1;
            probe(k);
        }",
    );
    assert!(p[0].is_none(), "{:?}", p[0]);
    assert!(set(&p[1]).is_top() || p[1].as_ref().unwrap().approx);
    assert!(!set(&p[2]).within(1, 1) || p[2].as_ref().unwrap().approx);
}

#[test]
fn leap_tests() {
    let p = probes(
        "fn f(d: NaiveDate) {
            let y = d.year() + 1;
            if is_leap_year(y) { probe(y); }
            if d.leap_year() { probe(d); }
        }",
    );
    assert_eq!(p[0].as_ref().unwrap().as_int().unwrap().leap, Some(true));
    assert_eq!(date(&p[1]).leap, Some(true));
}

#[test]
fn disjunctions_split_the_branch() {
    let src = "fn f(start: NaiveDate) -> NaiveDate {
            if start.month() == 2 && start.day() == 29 {
                NaiveDate::from_ymd_opt(start.year() + 1, 3, 1).unwrap()
            } else {
                probe(NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day()))
            }
        }";
    with_file(src, |cx| {
        let f = cx.fns_for_test("f");
        let (facts, _) = Interp::new(cx, 0).run(f);
        let mut calls = Probes(Vec::new());
        calls.visit_block(f.body);
        assert_eq!(facts.can_fail(calls.0[0]), Some(false));
    });
}

#[test]
fn times_of_day_are_tracked() {
    let src = "fn f(time: NaiveTime) {
            if time.minute() < 59 {
                probe(NaiveTime::from_hms_opt(time.hour(), time.minute() + 1, 0));
            } else if time.hour() < 23 {
                probe(NaiveTime::from_hms_opt(time.hour() + 1, 0, 0));
            } else {
                probe(NaiveTime::from_hms_opt(time.hour() + 1, 0, 0));
            }
        }";
    with_file(src, |cx| {
        let f = cx.fns_for_test("f");
        let (facts, _) = Interp::new(cx, 0).run(f);
        let mut calls = Probes(Vec::new());
        calls.visit_block(f.body);
        assert_eq!(facts.can_fail(calls.0[0]), Some(false));
        assert_eq!(facts.can_fail(calls.0[1]), Some(false));
        assert_eq!(facts.can_fail(calls.0[2]), Some(true));
    });
}

#[test]
fn bounds_of_the_libraries_are_jan_1_and_dec_31() {
    let p = probes(
        "fn f() {
            probe(NaiveDateTime::MIN);
            probe(NaiveDate::MAX);
            probe(NaiveDateTime::MIN.with_month(6));
            probe(NaiveDate::MAX.with_month(7));
            probe(NaiveDate::MAX.with_month(6));
        }",
    );
    assert_eq!(
        (date(&p[0]).m, date(&p[0]).d),
        (IntSet::exact(1), IntSet::exact(1))
    );
    assert_eq!(
        (date(&p[1]).m, date(&p[1]).d),
        (IntSet::exact(12), IntSet::exact(31))
    );
    let can_fail = |f: &Option<Fact>| match &f.as_ref().unwrap().kind {
        Kind::Opt(o) => o.can_fail,
        other => panic!("not an option: {other:?}"),
    };
    assert!(!can_fail(&p[2]), "June 1 exists");
    assert!(!can_fail(&p[3]), "July 31 exists");
    assert!(can_fail(&p[4]), "June 31 does not");
}

#[test]
fn loop_invariants_keep_wrapped_months() {
    let p = probes(
        "fn f(start: NaiveDate) {
            let (mut year, mut month) = (start.year(), start.month());
            for _ in 0..12 {
                probe(month);
                let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
                probe(nm);
                year = ny;
                month = nm;
            }
        }",
    );
    assert_eq!(set(&p[0]), r(1, 12));
    assert_eq!(set(&p[1]), r(1, 12));
    let p = probes(
        "fn f(start: NaiveDate) {
            let mut month = start.month();
            let mut guard = 0;
            while guard < 24 {
                probe(month);
                month += 1;
                guard += 1;
            }
        }",
    );
    assert!(set(&p[0]).contains(13), "the month escapes: {:?}", p[0]);
    assert!(
        p[0].as_ref().unwrap().approx,
        "forgotten values are incomplete"
    );
}

#[test]
fn bounds_by_a_months_length() {
    let p = probes(
        "fn month_len(y: i32, m: u32) -> u32 {
            NaiveDate::from_ymd_opt(y, m, 1)
                .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
                .map(|n| n.pred_opt().unwrap().day())
                .unwrap_or(31)
        }
        fn f(first: NaiveDate) {
            let n = month_len(first.year(), first.month());
            for day in 1..=n {
                probe(day);
                if day != n {
                    probe(day + 1);
                    probe(first.with_day(day + 1));
                }
            }
            for d in 0..first.num_days_in_month() {
                probe(NaiveDate::from_ymd_opt(first.year(), first.month(), (d + 1) as u32));
            }
        }",
    );
    let fits = |f: &Option<Fact>| f.as_ref().unwrap().as_int().unwrap().fits.clone();
    assert_eq!(fits(&p[0]).map(|f| f.slack), Some(0), "{:?}", p[0]);
    assert_eq!(fits(&p[1]).map(|f| f.slack), Some(0), "{:?}", p[1]);
    let can_fail = |f: &Option<Fact>| match &f.as_ref().unwrap().kind {
        Kind::Opt(o) => o.can_fail,
        other => panic!("not an option: {other:?}"),
    };
    assert!(!can_fail(&p[2]));
    assert!(!can_fail(&p[3]));
}

#[test]
fn length_helpers_by_name() {
    let p = probes(
        "fn last_day(y: i32, m: u32) -> u32 {
            if m == 12 {
                31
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
                    .and_then(|d| d.pred_opt())
                    .map_or(28, |d| d.day())
            }
        }
        fn f(first: NaiveDate) {
            let n = last_day(first.year(), first.month());
            probe(n);
            for day in 1..=n {
                probe(day);
            }
        }",
    );
    let fits = |f: &Option<Fact>| f.as_ref().unwrap().as_int().and_then(|i| i.fits.clone());
    assert!(fits(&p[0]).is_some(), "{:?}", p[0]);
    assert!(fits(&p[1]).is_some(), "{:?}", p[1]);
}

#[test]
fn private_functions_get_what_their_callers_pass() {
    // `f` is private and called twice in view: its day is the 1st.
    let p = probes(
        "fn f(d: NaiveDate) { probe(d.day()); }
        pub fn a(x: NaiveDate) { f(x.with_day(1).unwrap()); }
        pub fn b(x: NaiveDate) { if x.day() == 1 { f(x) } }",
    );
    assert_eq!(set(&p[0]), r(1, 1));
    // Public, or passed as a value: any day.
    for src in [
        "pub fn f(d: NaiveDate) { probe(d.day()); }
        pub fn a(x: NaiveDate) { f(x.with_day(1).unwrap()); }",
        "fn f(d: NaiveDate) { probe(d.day()); }
        pub fn a(x: NaiveDate) { f(x.with_day(1).unwrap()); }
        pub fn b(v: Vec<NaiveDate>) { v.into_iter().for_each(f); }",
        "fn f(d: NaiveDate) { probe(d.day()); }
        pub fn a(x: NaiveDate) { f(x.with_day(1).unwrap()); println!(\"{:?}\", f(x)); }",
    ] {
        let p = probes(src);
        assert_eq!(set(&p[0]), r(1, 31), "{src}");
    }
}

#[test]
fn a_fallback_runs_where_the_call_failed() {
    let p = probes(
        "fn f(b: NaiveDate, year: i32) {
            NaiveDate::from_ymd_opt(year, b.month(), b.day())
                .unwrap_or_else(|| { probe(b.ordinal()); NaiveDate::from_yo_opt(year, b.ordinal()).unwrap() });
        }",
    );
    assert_eq!(set(&p[0]), r(60, 60));
}

#[test]
fn normalising_loops_feed_callers() {
    let p = probes(
        "fn f(year: i32, month: u32) -> u32 { probe(month); 30 }
        pub struct R { interval: u32 }
        impl R {
            pub fn next(&self, date: NaiveDate) -> u32 {
                let mut month = date.month() + self.interval;
                let mut year = date.year();
                while month > 12 {
                    month -= 12;
                    year += 1;
                }
                probe(month);
                f(year, month)
            }
        }",
    );
    assert_eq!(set(&p[0]), r(1, 12), "{:?}", p[0]);
}

#[test]
fn months_wrapped_by_remainder() {
    let p = probes(
        "fn f(dt: NaiveDate, m_delta: u32) {
            let mut y = dt.year();
            let mut m = dt.month() + m_delta;
            probe(m);
            if m > 12 {
                y += ((m - 1) / 12) as i32;
                m = (m - 1) % 12 + 1;
                probe(m);
            }
            probe(m);
        }",
    );
    assert_eq!(set(&p[0]).lo(), Some(1), "{:?}", p[0]);
    assert_eq!(set(&p[1]), r(1, 12), "{:?}", p[1]);
    assert_eq!(set(&p[2]), r(1, 12), "{:?}", p[2]);
}

#[test]
fn callers_unknown_numbers_keep_the_parameter_type() {
    let p = probes(
        "fn f(dt: NaiveDate, m_delta: u32) {
            probe(m_delta);
            probe(dt.month() + m_delta);
        }
        pub struct S { k: u32 }
        pub fn g(d: NaiveDate, s: &S, n: u32) { f(d, s.k + n); f(d, 3); }",
    );
    assert_eq!(set(&p[0]).lo(), Some(0), "{:?}", p[0]);
    assert_eq!(set(&p[1]).lo(), Some(1), "{:?}", p[1]);
}

#[test]
fn callers_of_callers_are_read() {
    // `f` is called from `g` only, and `g` from `main` only, with the first of a month.
    let p = probes(
        "fn f(d: NaiveDate) { probe(d.day()); }
        fn g(d: NaiveDate) { for i in 1..4 { f(d.with_month(i).unwrap()); } }
        pub fn main() { g(Local::now().date_naive().with_day(1).unwrap()); }",
    );
    assert_eq!(set(&p[0]), r(1, 1), "{:?}", p[0]);
}

#[test]
fn zero_based_length_helpers_with_the_month_first() {
    let p = probes(
        "fn days_in_month0(month: u32, year: i32) -> u32 {
            match month { 1 => if year % 4 == 0 { 29 } else { 28 }, 3 | 5 | 8 | 10 => 30, _ => 31 }
        }
        fn f(d: NaiveDate) {
            let n = days_in_month0(d.month0(), d.year());
            for day in 1..(n + 1) {
                probe(d.with_day(day));
            }
        }",
    );
    assert!(
        matches!(&p[0].as_ref().unwrap().kind, Kind::Opt(o) if !o.can_fail),
        "{:?}",
        p[0]
    );
}

#[test]
fn statics_hold_their_initializers() {
    let p = probes(
        "lazy_static! { static ref OPEN: NaiveTime = NaiveTime::from_hms(9, 30, 0); }
        static CLOSE: Lazy<NaiveTime> = Lazy::new(|| NaiveTime::from_hms_opt(16, 0, 0).unwrap());
        fn f(d: NaiveDate) {
            probe(*OPEN);
            probe(d.and_time(*OPEN));
            probe(d.and_time(*CLOSE));
        }",
    );
    assert_eq!(date(&p[0]).h, IntSet::exact(9), "{:?}", p);
    assert_eq!(date(&p[1]).h, IntSet::exact(9), "{:?}", p[1]);
    assert_eq!(date(&p[2]).h, IntSet::exact(16), "{:?}", p[2]);
}

#[test]
fn tables_and_literal_closures_are_constants() {
    let p = probes(
        r#"fn f(rows: &[Row]) {
            let cases = [Row { text: "2024-02-29", n: 1 }, Row { text: "2023-03-01", n: 2 }];
            for c in cases.iter() { probe(c.text); }
            for (t, n) in [("a", 1), ("b", 3)] { probe(t); probe(n); }
            for r in rows { probe(r.text); }
            let day = |s: &str| probe(s);
            day("2024-01-01");
            day("2024-02-01");
            let other = |s: &str| probe(s);
            other(&read_line());
            let mut row = Row { text: "x", n: 1 };
            change(&mut row);
            probe(row.text);
        }"#,
    );
    let prov = |i: usize| p[i].as_ref().unwrap().prov;
    assert!(prov(0).is_const(), "{:?}", p[0]);
    assert!(prov(1).is_const());
    assert_eq!(set(&p[2]).parts(), &[(1, 1), (3, 3)]);
    assert!(prov(3).has(Prov::INPUT));
    assert!(prov(4).is_const());
    assert!(prov(5).has(Prov::INPUT));
    // A table changed through `&mut` is no longer known to hold its literals.
    assert!(p[6].as_ref().unwrap().approx);
}
