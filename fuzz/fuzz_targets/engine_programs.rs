//! Arbitrary *programs*: a structured generator of Rust functions full of date code (the
//! constructors, setters, durations, formats and loops the lints look at), with arbitrary
//! literals, names, nesting and guards. Random bytes rarely get past the parser; these reach
//! every lint's logic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Program {
    imports: Vec<Import>,
    functions: Vec<Function>,
    consts: Vec<(Name, Num)>,
}

#[derive(Arbitrary, Debug)]
enum Import {
    Chrono,
    ChronoRenamed,
    ChronoPrelude,
    Time,
    Jiff,
    JiffCivil,
    StdDuration,
    Rcgen,
    OwnDuration,
}

#[derive(Arbitrary, Debug)]
struct Function {
    name: Name,
    test: bool,
    body: Vec<Stmt>,
}

#[derive(Arbitrary, Debug)]
enum Stmt {
    Let(Name, Expr),
    Expr(Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Name, Num, Vec<Stmt>),
    SubAssign(Name, Num),
    Break,
    Return(Expr),
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Num(Num),
    Var(Name),
    Field(Box<Expr>, Field),
    Accessor(Box<Expr>, Field),
    Bin(Box<Expr>, Op, Box<Expr>),
    Ctor(Ctor, Vec<Expr>),
    Method(Box<Expr>, MethodName, Vec<Expr>),
    Unwrap(Box<Expr>),
    Try(Box<Expr>),
    UnwrapOr(Box<Expr>, Box<Expr>),
    Match(Box<Expr>, Box<Expr>),
    Format(Fmt, Vec<Expr>),
    Array(Vec<Num>),
    Repeat(Num, Num),
    Cast(Box<Expr>, CastTy),
    Paren(Box<Expr>),
}

#[derive(Arbitrary, Debug)]
enum Field {
    Year,
    Month,
    Day,
    Ordinal,
    Month0,
    Day0,
    Timestamp,
    AsSecs,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Rem,
    BitAnd,
    Eq,
    Ne,
    Le,
    Gt,
    And,
    Or,
}

#[derive(Arbitrary, Debug)]
enum Ctor {
    FromYmdOpt,
    FromYmd,
    FromYoOpt,
    FromIsoywdOpt,
    NaiveTimeFromHmsOpt,
    FromCalendarDate,
    FromOrdinalDate,
    TimeFromHms,
    CivilDate,
    JiffDateNew,
    DateTimeYmd,
    DurationFromSecs,
    DurationDays,
    TimeDeltaDays,
    Asn1DaysFromNow,
    ParseFromStr,
    StdMin,
    I32TryFrom,
}

#[derive(Arbitrary, Debug)]
enum MethodName {
    WithYear,
    WithMonth,
    WithDay,
    WithMonth0,
    ReplaceYear,
    ReplaceDay,
    AndHmsOpt,
    WithYmdAndHms,
    FromLocalDatetime,
    Single,
    Earliest,
    CheckedAddMonths,
    Min,
    Next,
    Days,
    With,
    Build,
    OrElse,
}

#[derive(Arbitrary, Debug)]
enum Fmt {
    Ymd,
    IsoWeekMixed,
    YearWeek,
    TimeIsoWeek,
    Plain,
    Captures,
}

#[derive(Arbitrary, Debug)]
enum CastTy {
    I32,
    U32,
    U8,
    I64,
}

#[derive(Arbitrary, Debug)]
enum Name {
    D,
    Start,
    Y,
    Year,
    M,
    Day,
    Days,
    Tz,
    Local,
    Utc,
    N,
}

#[derive(Arbitrary, Debug)]
enum Num {
    Small(u8),
    Year(u16),
    Special(Special),
}

#[derive(Arbitrary, Debug)]
enum Special {
    D365,
    D366,
    D29,
    D28,
    D31,
    D12,
    D13,
    D0,
    D24,
    D60,
    SecsYear,
    Product,
    Big,
    Neg,
}

impl Name {
    fn s(&self) -> &'static str {
        match self {
            Name::D => "d",
            Name::Start => "start",
            Name::Y => "y",
            Name::Year => "year",
            Name::M => "m",
            Name::Day => "day",
            Name::Days => "days",
            Name::Tz => "tz",
            Name::Local => "Local",
            Name::Utc => "Utc",
            Name::N => "n",
        }
    }
}

impl Num {
    fn s(&self) -> String {
        match self {
            Num::Small(n) => n.to_string(),
            Num::Year(y) => (1900 + u32::from(*y % 400)).to_string(),
            Num::Special(s) => match s {
                Special::D365 => "365".into(),
                Special::D366 => "366".into(),
                Special::D29 => "29".into(),
                Special::D28 => "28".into(),
                Special::D31 => "31".into(),
                Special::D12 => "12".into(),
                Special::D13 => "13".into(),
                Special::D0 => "0".into(),
                Special::D24 => "24".into(),
                Special::D60 => "60".into(),
                Special::SecsYear => "31_536_000".into(),
                Special::Product => "365 * 24 * 60 * 60".into(),
                Special::Big => "340282366920938463463374607431768211455".into(),
                Special::Neg => "-1".into(),
            },
        }
    }
}

/// Bounds the size of what one input builds, so that executions stay fast.
struct Budget(u32);

impl Budget {
    fn take(&mut self) -> bool {
        if self.0 == 0 {
            return false;
        }
        self.0 -= 1;
        true
    }
}

fn expr(e: &Expr, b: &mut Budget) -> String {
    if !b.take() {
        return "0".into();
    }
    let list = |xs: &[Expr], b: &mut Budget| xs.iter().take(8).map(|x| expr(x, b)).collect::<Vec<_>>().join(", ");
    match e {
        Expr::Num(n) => n.s(),
        Expr::Var(n) => n.s().into(),
        Expr::Field(x, f) => format!("{}.{}", expr(x, b), field(f)),
        Expr::Accessor(x, f) => format!("{}.{}()", expr(x, b), field(f)),
        Expr::Bin(l, op, r) => format!("{} {} {}", expr(l, b), op_s(op), expr(r, b)),
        Expr::Ctor(c, args) => format!("{}({})", ctor(c), list(args, b)),
        Expr::Method(x, m, args) => format!("{}.{}({})", expr(x, b), method(m), list(args, b)),
        Expr::Unwrap(x) => format!("{}.unwrap()", expr(x, b)),
        Expr::Try(x) => format!("{}?", expr(x, b)),
        Expr::UnwrapOr(x, y) => format!("{}.unwrap_or({})", expr(x, b), expr(y, b)),
        Expr::Match(x, y) => format!("match {} {{ Some(v) => v, None => {} }}", expr(x, b), expr(y, b)),
        Expr::Format(f, args) => format!("format!({}, {})", fmt(f), list(args, b)),
        Expr::Array(ns) => format!("[{}]", ns.iter().take(16).map(Num::s).collect::<Vec<_>>().join(", ")),
        Expr::Repeat(x, n) => format!("vec![{}; {}]", x.s(), n.s()),
        Expr::Cast(x, t) => format!("{} as {}", expr(x, b), cast(t)),
        Expr::Paren(x) => format!("({})", expr(x, b)),
    }
}

fn stmt(s: &Stmt, b: &mut Budget, out: &mut String, depth: u32) {
    if !b.take() || depth > 6 {
        return;
    }
    let block = |ss: &[Stmt], b: &mut Budget| {
        let mut o = String::new();
        for s in ss.iter().take(6) {
            stmt(s, b, &mut o, depth + 1);
        }
        o
    };
    match s {
        Stmt::Let(n, e) => out.push_str(&format!("let {} = {};\n", n.s(), expr(e, b))),
        Stmt::Expr(e) => out.push_str(&format!("{};\n", expr(e, b))),
        Stmt::If(c, t, e) => {
            let (c, t, e) = (expr(c, b), block(t, b), block(e, b));
            out.push_str(&format!("if {c} {{\n{t}}} else {{\n{e}}}\n"));
        }
        Stmt::While(n, lim, body) => {
            let body = block(body, b);
            out.push_str(&format!("while {} > {} {{\n{body}}}\n", n.s(), lim.s()));
        }
        Stmt::SubAssign(n, v) => out.push_str(&format!("{} -= {};\n", n.s(), v.s())),
        Stmt::Break => out.push_str("break;\n"),
        Stmt::Return(e) => out.push_str(&format!("return {};\n", expr(e, b))),
    }
}

fn field(f: &Field) -> &'static str {
    match f {
        Field::Year => "year",
        Field::Month => "month",
        Field::Day => "day",
        Field::Ordinal => "ordinal",
        Field::Month0 => "month0",
        Field::Day0 => "day0",
        Field::Timestamp => "timestamp",
        Field::AsSecs => "as_secs",
    }
}

fn op_s(o: &Op) -> &'static str {
    match o {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Rem => "%",
        Op::BitAnd => "&",
        Op::Eq => "==",
        Op::Ne => "!=",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::And => "&&",
        Op::Or => "||",
    }
}

fn ctor(c: &Ctor) -> &'static str {
    match c {
        Ctor::FromYmdOpt => "NaiveDate::from_ymd_opt",
        Ctor::FromYmd => "NaiveDate::from_ymd",
        Ctor::FromYoOpt => "NaiveDate::from_yo_opt",
        Ctor::FromIsoywdOpt => "NaiveDate::from_isoywd_opt",
        Ctor::NaiveTimeFromHmsOpt => "NaiveTime::from_hms_opt",
        Ctor::FromCalendarDate => "Date::from_calendar_date",
        Ctor::FromOrdinalDate => "Date::from_ordinal_date",
        Ctor::TimeFromHms => "Time::from_hms",
        Ctor::CivilDate => "civil::date",
        Ctor::JiffDateNew => "Date::new",
        Ctor::DateTimeYmd => "rcgen::date_time_ymd",
        Ctor::DurationFromSecs => "Duration::from_secs",
        Ctor::DurationDays => "Duration::days",
        Ctor::TimeDeltaDays => "TimeDelta::days",
        Ctor::Asn1DaysFromNow => "Asn1Time::days_from_now",
        Ctor::ParseFromStr => "NaiveDate::parse_from_str",
        Ctor::StdMin => "std::cmp::min",
        Ctor::I32TryFrom => "i32::try_from",
    }
}

fn method(m: &MethodName) -> &'static str {
    match m {
        MethodName::WithYear => "with_year",
        MethodName::WithMonth => "with_month",
        MethodName::WithDay => "with_day",
        MethodName::WithMonth0 => "with_month0",
        MethodName::ReplaceYear => "replace_year",
        MethodName::ReplaceDay => "replace_day",
        MethodName::AndHmsOpt => "and_hms_opt",
        MethodName::WithYmdAndHms => "with_ymd_and_hms",
        MethodName::FromLocalDatetime => "from_local_datetime",
        MethodName::Single => "single",
        MethodName::Earliest => "earliest",
        MethodName::CheckedAddMonths => "checked_add_months",
        MethodName::Min => "min",
        MethodName::Next => "next",
        MethodName::Days => "days",
        MethodName::With => "with",
        MethodName::Build => "build",
        MethodName::OrElse => "or_else",
    }
}

fn fmt(f: &Fmt) -> &'static str {
    match f {
        Fmt::Ymd => "\"{}-{:02}-{:02}\"",
        Fmt::IsoWeekMixed => "\"%G-%m-%d\"",
        Fmt::YearWeek => "\"%Y-W%V\"",
        Fmt::TimeIsoWeek => "\"[year base:iso_week]-[month]-[day]\"",
        Fmt::Plain => "\"{}\"",
        Fmt::Captures => "\"{y}-{m}-{d}\"",
    }
}

fn cast(t: &CastTy) -> &'static str {
    match t {
        CastTy::I32 => "i32",
        CastTy::U32 => "u32",
        CastTy::U8 => "u8",
        CastTy::I64 => "i64",
    }
}

fn render(p: &Program) -> String {
    let mut b = Budget(400);
    let mut out = String::new();
    for i in p.imports.iter().take(6) {
        out.push_str(match i {
            Import::Chrono => "use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Local};\n",
            Import::ChronoRenamed => "use chrono::NaiveDate as ND;\n",
            Import::ChronoPrelude => "use chrono::prelude::*;\n",
            Import::Time => "use time::{Date, Duration, Month, Time};\n",
            Import::Jiff => "use jiff::{civil::Date, ToSpan};\n",
            Import::JiffCivil => "use jiff::civil;\n",
            Import::StdDuration => "use std::time::Duration;\n",
            Import::Rcgen => "use rcgen::date_time_ymd;\n",
            Import::OwnDuration => "struct Duration;\nimpl Report { fn with_day(self, d: u32) -> Self { self } }\n",
        });
    }
    for (n, v) in p.consts.iter().take(4) {
        out.push_str(&format!("const {}_PER_YEAR: u64 = {};\n", n.s().to_uppercase(), v.s()));
    }
    for f in p.functions.iter().take(6) {
        if f.test {
            out.push_str("#[test]\n");
        }
        out.push_str(&format!("fn {}_fn(d: NaiveDate, start: NaiveDate, days: u32) -> Option<NaiveDate> {{\n", f.name.s()));
        for s in f.body.iter().take(12) {
            stmt(s, &mut b, &mut out, 0);
        }
        out.push_str("None\n}\n");
    }
    out
}

fuzz_target!(|p: Program| {
    common::run(render(&p));
});
