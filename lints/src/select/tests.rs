use super::*;
use crate::{check_source, Options};

/// The names of the functions and constants kept when `src` is parsed item by item.
fn kept(src: &str) -> Vec<String> {
    kept_with(src, &Options::default())
}

fn kept_with(src: &str, opts: &Options) -> Vec<String> {
    let active = crate::active_lints(src, opts)
        .expect("the file has needles")
        .0;
    let file = parse_items(src, active, opts).expect("only some items are parsed");
    let mut names = Vec::new();
    collect(&file.items, &mut names);
    names
}

fn collect(items: &[syn::Item], out: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => out.push(f.sig.ident.to_string()),
            syn::Item::Const(c) => out.push(c.ident.to_string()),
            syn::Item::Static(s) => out.push(s.ident.to_string()),
            syn::Item::Struct(s) => out.push(s.ident.to_string()),
            syn::Item::Use(_) => out.push("use".to_string()),
            syn::Item::Macro(m) => {
                out.push(format!("{}!", m.mac.path.segments.last().unwrap().ident))
            }
            syn::Item::Mod(m) => {
                out.push(format!("mod {}", m.ident));
                if let Some((_, items)) = &m.content {
                    collect(items, out);
                }
            }
            syn::Item::Impl(i) => {
                out.push("impl".to_string());
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        out.push(f.sig.ident.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}

/// Findings (lint, span, certainty, message) with and without parsing item by item.
fn both_ways(src: &str) -> (Vec<String>, Vec<String>) {
    let run = |prefilter| {
        let opts = Options {
            check_tests: true,
            prefilter,
            ..Options::default()
        };
        check_source(src, &opts)
            .expect("parses")
            .iter()
            .map(|d| {
                format!(
                    "{} {:?} {:?} {} {:?}",
                    d.lint.name, d.span, d.certainty, d.message, d.notes
                )
            })
            .collect()
    };
    (run(true), run(false))
}

#[test]
fn items_without_date_code_are_not_parsed() {
    let src = "use chrono::NaiveDate;\n\
               fn unrelated() -> u32 { let v: Vec<u32> = Vec::new(); v.len() as u32 }\n\
               fn bump(d: NaiveDate) -> Option<NaiveDate> { d.with_year(d.year() + 1) }\n\
               struct Other { a: u8 }\n";
    assert_eq!(kept(src), ["use", "bump"]);
    let (items, whole) = both_ways(src);
    assert_eq!(items.len(), 1);
    assert_eq!(items, whole);
}

#[test]
fn item_macros_hold_no_findings_but_lazy_static() {
    // `s!`'s input is tokens to the lints (its field declarations hold the needles of
    // `tm_field_offset`); `lazy_static!`'s becomes statics, which they check. One with the
    // word `leapcheck` is parsed: suppressions are read from the tree.
    let src = "use chrono::NaiveDate;\n\
               s! { pub struct tm { pub tm_year: c_int, pub tm_mon: c_int } }\n\
               lazy_static! { static ref D: NaiveDate = NaiveDate::from_ymd(2023, 2, 29); }\n\
               #[allow(leapcheck::tm_field_offset)]\n\
               s! { pub struct tm2 { pub tm_year: c_int } }\n";
    assert_eq!(kept(src), ["use", "lazy_static!", "s!"]);
    let (items, whole) = both_ways(src);
    assert!(items[0].starts_with("invalid_date_constant"), "{items:?}");
    assert_eq!(items, whole);
}

#[test]
fn what_a_checked_item_reads_is_parsed_too() {
    // `next` calls `length` (its summary), reads `LEAP` (a constant), and is called by
    // `caller` (the facts of its parameter); `noise` is none of these.
    let src = "use chrono::NaiveDate;\n\
               const LEAP: i32 = 4;\n\
               fn length(y: i32) -> i32 { y % LEAP }\n\
               fn next(y: i32) -> NaiveDate { NaiveDate::from_ymd_opt(y + length(y), 2, 29).unwrap() }\n\
               fn caller() -> NaiveDate { next(2023) }\n\
               fn noise() -> u8 { 7 }\n";
    assert_eq!(kept(src), ["use", "LEAP", "length", "next", "caller"]);
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
}

#[test]
fn a_date_helper_is_judged_at_its_calls() {
    let src = "use chrono::NaiveDate;\n\
               fn ymd(y: i32, m: u32, d: u32) -> NaiveDate { NaiveDate::from_ymd_opt(y, m, d).unwrap() }\n\
               fn elsewhere() -> NaiveDate { ymd(2023, 2, 29) }\n\
               fn noise() -> u8 { 7 }\n";
    assert_eq!(kept(src), ["use", "ymd", "elsewhere"]);
    let (items, whole) = both_ways(src);
    assert!(
        items.iter().any(|f| f.starts_with("invalid_date_constant")),
        "{items:?}"
    );
    assert_eq!(items, whole);
}

#[test]
fn every_definition_of_a_name_is_kept() {
    // Two `fn len`: neither has a summary. Keeping only one would make it unique.
    let src = "use chrono::NaiveDate;\n\
               impl A { fn len(&self) -> u32 { 28 } }\n\
               impl B { fn len(&self) -> u32 { 31 } }\n\
               fn f(b: B, y: i32) -> Option<NaiveDate> { NaiveDate::from_ymd_opt(y, 2, b.len()) }\n\
               fn g() {}\n";
    assert_eq!(kept(src), ["use", "impl", "len", "impl", "len", "f"]);
}

#[test]
fn containers_keep_their_header_and_the_items_that_matter() {
    let src = "#[cfg(test)]\nmod tests {\n    use super::*;\n    fn a() {}\n    #[test]\n    fn b() { NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n}\n";
    let check_tests = Options {
        check_tests: true,
        ..Options::default()
    };
    assert_eq!(kept_with(src, &check_tests), ["mod tests", "use", "b"]);
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
}

#[test]
fn in_test_code_only_the_lints_that_run_there_count() {
    // The constructor lints skip test code unless `check-tests`: `b` (test code through its
    // module) and `c` (through its attribute) are not parsed for them; `d` is, and `e` too:
    // the year lint runs in tests (its values may come from the clock).
    let src = "use chrono::NaiveDate;\n\
               #[cfg(test)]\nmod tests {\n    fn b() { NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n}\n\
               #[test]\nfn c() { NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n\
               #[cfg(not(test))]\nfn d() { NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n\
               #[tokio::test]\nasync fn e() { let d = Utc::now().date_naive(); d.with_year(d.year() + 1).unwrap(); }\n";
    assert_eq!(kept(src), ["use", "d", "e"]);
    let run = |prefilter| {
        let opts = Options {
            prefilter,
            ..Options::default()
        };
        let found = check_source(src, &opts).expect("parses");
        found
            .iter()
            .map(|d| format!("{} {:?} {}", d.lint.name, d.span, d.message))
            .collect::<Vec<_>>()
    };
    let items = run(true);
    assert!(
        items
            .iter()
            .any(|f| f.starts_with("year_arithmetic_on_date")),
        "{items:?}"
    );
    assert_eq!(items, run(false));
    // A whole file of test code (under `tests/`): not parsed for lints that skip tests.
    let test_file = Options {
        test_file: true,
        ..Options::default()
    };
    let only_ctor = "fn f() { NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n";
    assert!(crate::active_lints(only_ctor, &test_file).is_none());
    assert!(crate::active_lints(only_ctor, &Options::default()).is_some());
}

#[test]
fn blanks_keep_lines_and_columns() {
    let src = "const É: &str = \"ü\"; fn x() {}\nfn y() {}\r\nfn z() {}";
    let kept = [
        0..0,
        src.find("fn x").unwrap()..src.find("\nfn y").unwrap(),
        src.find("fn z").unwrap()..src.len(),
    ];
    let text = reduced_text(src, &kept);
    // Same lines; on each, the kept code at the same column (in characters).
    let lines: Vec<&str> = text.split('\n').collect();
    let orig: Vec<&str> = src.split('\n').collect();
    assert_eq!(lines.len(), orig.len());
    let col = |line: &str, what: &str| line[..line.find(what).unwrap()].chars().count();
    assert_eq!(col(lines[0], "fn x"), col(orig[0], "fn x"));
    assert_eq!(col(lines[2], "fn z"), col(orig[2], "fn z"));
    assert!(lines[1].trim().is_empty());
}

#[test]
fn spans_are_those_of_the_file() {
    // Multi-byte text before and between the items: the findings point at the same bytes.
    let src = "/// Überblick: ä ö ü\nfn noise() -> &'static str { \"ß→€\" }\nfn f() { let d = chrono::NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n";
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
    let opts = Options::default();
    let d = &check_source(src, &opts).unwrap()[0];
    assert_eq!(
        &src[d.span.start..d.span.end],
        "chrono::NaiveDate::from_ymd_opt(2023, 2, 29)"
    );
}

#[test]
fn doc_text_is_parsed_only_where_a_finding_may_be() {
    // `len` is read for its summary: its documentation is not. `f` may hold a finding, and
    // `caller` too (a date helper's call is judged where it is made): of their documentation,
    // the lines the lints read; `user` is checked only for the argument it passes to `shift`,
    // and holds none.
    let src = "/// The length.\n/// Always 28.\nfn len() -> u32 { 28 }\n\
               /// # Panics\n/// On a day that does not exist.\n/// Keeps the year.\n\
               fn f(y: i32) -> NaiveDate { NaiveDate::from_ymd_opt(y, 2, len()).unwrap() }\n\
               fn ymd(y: i32, m: u32, d: u32) -> NaiveDate { NaiveDate::from_ymd_opt(y, m, d).unwrap() }\n\
               /// Calls a helper.\n/// Never panics.\nfn caller() -> NaiveDate { ymd(2023, 2, 28) }\n\
               struct Cal;\n\
               impl Cal {\n\
                   fn shift(&self, y: i32) -> Option<NaiveDate> { NaiveDate::from_ymd_opt(y, 2, 29) }\n\
                   /// Passes a year.\n    fn user(&self) -> Option<NaiveDate> { self.shift(2023) }\n\
               }\n\
               fn noise() -> u8 { 7 }\n";
    let opts = Options::default();
    let active = crate::active_lints(src, &opts)
        .expect("the file has needles")
        .0;
    let file = parse_items(src, active, &opts).expect("a split file");
    let mut docs = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Fn(f) => docs.push((f.sig.ident.to_string(), doc_lines(&f.attrs))),
            syn::Item::Impl(i) => {
                for item in &i.items {
                    if let syn::ImplItem::Fn(f) = item {
                        docs.push((f.sig.ident.to_string(), doc_lines(&f.attrs)));
                    }
                }
            }
            _ => {}
        }
    }
    let expected = [
        ("len", vec![""]),
        ("f", vec![" # Panics", " On a day that does not exist."]),
        ("ymd", vec![]),
        ("caller", vec!["", " Never panics."]),
        ("shift", vec![]),
        ("user", vec![""]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(n, d)| (n.to_string(), d.iter().map(|l| l.to_string()).collect()))
        .collect();
    assert_eq!(docs, expected);
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
    // A doc comment that documents nothing is the same syntax error in a read item.
    let src = "struct Leap { days: u32, /// dangling\n }\n\
               fn f(l: Leap) -> NaiveDate { NaiveDate::from_ymd_opt(2024, 2, l.days).unwrap() }\n";
    assert!(check_source(src, &Options::default()).is_err());
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs.iter().map(doc_text).collect()
}

fn doc_text(attr: &syn::Attribute) -> String {
    match &attr.meta {
        syn::Meta::NameValue(syn::MetaNameValue {
            value:
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }),
            ..
        }) => s.value(),
        _ => panic!("not a doc comment"),
    }
}

#[test]
fn an_operator_needle_counts_only_in_code() {
    // `year_from_day_count` starts from a division: a `365` read by a division counts, one in
    // a table no division reads does not, nor a `/` in a comment.
    let src = "const DAYS: u64 = 365;\n\
               fn age(days: u64) -> u64 { 2024 - days / DAYS }\n\
               // Codes 365 and 366 / see the table.\n\
               static CODES: [(u16, u16); 2] = [(0, 365), (1, 366)];\n\
               fn noise() -> u8 { 7 }\n";
    let only = Options {
        disabled: LintSet::all().without(LintSet::of(&crate::registry::YEAR_FROM_DAY_COUNT)),
        ..Options::default()
    };
    assert_eq!(kept_with(src, &only), ["DAYS", "age"]);
}

#[test]
fn syntax_errors_only_in_the_items_parsed() {
    let opts = Options::default();
    // The broken item is not parsed: the finding in the other is reported.
    let src = "fn broken() { let x = ; }\nfn f() { chrono::NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n";
    assert_eq!(check_source(src, &opts).unwrap().len(), 1);
    // A parsed item does not parse: the error is the whole file's, at its place.
    let src = "fn ok() {}\nfn f() { chrono::NaiveDate::from_ymd_opt(2023, 2, 29) + ; }\n";
    let e = check_source(src, &opts).unwrap_err();
    assert_eq!(&src[e.offset..e.offset + 1], ";");
    // Without the prefilter every item is parsed.
    let whole = Options {
        prefilter: false,
        ..Options::default()
    };
    let src = "fn broken() { let x = ; }\nfn f() { chrono::NaiveDate::from_ymd_opt(2023, 2, 29).unwrap(); }\n";
    assert!(check_source(src, &whole).is_err());
}

#[test]
fn an_analysis_that_reads_the_whole_file_gets_it() {
    // The format string is bound to a name; whether the name reaches a formatter is asked of
    // every call in the file, so the file is checked again, whole.
    let src = "fn noise() {}\n\
               fn show(d: chrono::NaiveDate) -> String { let f = \"%G-%m-%d\"; x(f) }\n\
               fn print(d: chrono::NaiveDate, f: &str) -> String { d.format(f).to_string() }\n";
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
}

#[test]
fn groups_that_do_not_read_each_other_are_separate_batches() {
    let src = "use chrono::NaiveDate;\n\
               fn a() -> Option<NaiveDate> { NaiveDate::from_ymd_opt(2024, 2, 29) }\n\
               fn b(y: i32) -> Option<NaiveDate> { NaiveDate::from_ymd_opt(y, 2, DAY) }\n\
               const DAY: u32 = 29;\n\
               fn c() -> Option<NaiveDate> { NaiveDate::from_ymd_opt(2023, 2, 29) }\n";
    let opts = Options::default();
    let (active, hits) = crate::active_lints(src, &opts).expect("the file has needles");
    let split = with_batch_bytes(1, || batches(src, active, &opts, &hits)).expect("batches");
    let texts: Vec<String> = split.iter().map(|b| reduced_text(src, b)).collect();
    // `b` and the constant it reads together; the import in each batch.
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(texts
        .iter()
        .all(|t| t.starts_with("use chrono::NaiveDate;")));
    assert!(texts[1].contains("fn b") && texts[1].contains("const DAY"));
    assert!(!texts[1].contains("fn a") && !texts[1].contains("fn c"));
    // One batch by default: the whole file, parsed as it is.
    assert!(batches(src, active, &opts, &hits).is_none());
}

#[test]
fn functions_only_looked_up_are_parsed_without_their_bodies() {
    // `next` is defined twice: no summary reads either body. Both stay for their name, with
    // their bodies blanked but for their imports; `shift`, defined once, is walked as a
    // summary and kept whole. The functions with a `use` inside are kept for it: `setup` with
    // its imports only; `helper` whole (a free function with parameters may be a date helper),
    // and `generate` (a `use` in a macro's input is no import).
    let src = "use chrono::NaiveDate;\n\
               struct A; struct B;\n\
               impl A { fn next(&self) -> i32 { let body_a = 1; body_a } }\n\
               impl B { fn next(&self) -> i32 { #[allow(unused)] pub(crate) use std::cmp::max; let body_b = 2; { use std::cmp::min; min(body_b, 3) } } }\n\
               impl A { fn shift(&self) -> i32 { let body_s = 3; body_s } }\n\
               fn bump(d: NaiveDate, a: A) -> Option<NaiveDate> { d.with_year(a.next() + a.shift()) }\n\
               fn setup() { use chrono::Datelike; let body_t = 4; }\n\
               fn helper(y: i32) { use chrono::Datelike; let body_h = y; }\n\
               fn generate() { use std::fmt; let body_q = quote! { use a::b; }; }\n";
    let opts = Options::default();
    let (active, hits) = crate::active_lints(src, &opts).expect("the file has needles");
    let chosen = choose(src, active, &opts, &hits).expect("splits");
    let text = reduced_text(src, &chosen.ranges(|_| true).0);
    assert_eq!(text.matches("fn next(&self) -> i32 {").count(), 2, "{text}");
    for gone in ["body_a", "body_b", "body_t"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
    for kept in [
        "body_s",
        "#[allow(unused)] pub(crate) use std::cmp::max;",
        "use std::cmp::min;",
        "fn setup() { use chrono::Datelike;",
        "body_h",
        "body_q",
    ] {
        assert!(text.contains(kept), "{kept}: {text}");
    }
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
}

#[test]
fn only_the_callers_of_private_functions_are_read_for_their_parameters() {
    // The facts of a parameter come from the calls in the file only when they are all its
    // calls: not for a `pub` method (free functions at the top are read at their calls
    // anyway, as possible date helpers).
    let src = "use chrono::{Datelike, NaiveDate};\n\
               struct S;\n\
               impl S { pub fn shift(&self, d: NaiveDate, n: i32) -> Option<NaiveDate> { d.with_year(d.year() + n) } }\n\
               fn calls_pub(s: S, d: NaiveDate) -> bool { s.shift(d, 1).is_some() }\n\
               impl S { fn private_shift(&self, d: NaiveDate, n: i32) -> Option<NaiveDate> { d.with_year(d.year() + n) } }\n\
               fn calls_private(s: S, d: NaiveDate) -> bool { s.private_shift(d, 1).is_some() }\n";
    assert_eq!(
        kept(src),
        [
            "use",
            "S",
            "impl",
            "shift",
            "impl",
            "private_shift",
            "calls_private"
        ]
    );
    let (items, whole) = both_ways(src);
    assert_eq!(items, whole);
}
