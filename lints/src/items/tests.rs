use super::*;

/// The text of each top-level item (trimmed chunk).
fn top(src: &str) -> Vec<&str> {
    let s = split(src).expect("splits");
    s.top
        .iter()
        .map(|&n| s.nodes[n].chunk.clone())
        .map(|r| src[r].trim())
        .collect()
}

#[test]
fn items_end_where_their_kind_says() {
    let src = r#"
use std::fmt;
const C: S = S { a: 1 };
static X: [u8; 2] = [1, 2];
struct Unit;
struct Tuple(u8) where u8: Copy;
struct Named<T = Foo<{ 1 }>> { a: T }
fn f() -> impl Fn() -> u8 { || 1 }
fn g<T: Iterator<Item = u8>>(t: T) where T: Clone { }
impl<const N: usize> Foo<{ N }> { fn h(&self) {} }
mac!(a, b);
mac! { a b }
macro_rules! m { () => { } }
type A = B;
extern crate core as c;
pub(crate) unsafe extern "C" fn k() {}
"#;
    assert_eq!(
        top(src),
        [
            "use std::fmt;",
            "const C: S = S { a: 1 };",
            "static X: [u8; 2] = [1, 2];",
            "struct Unit;",
            "struct Tuple(u8) where u8: Copy;",
            "struct Named<T = Foo<{ 1 }>> { a: T }",
            "fn f() -> impl Fn() -> u8 { || 1 }",
            "fn g<T: Iterator<Item = u8>>(t: T) where T: Clone { }",
            "impl<const N: usize> Foo<{ N }> { fn h(&self) {} }",
            "mac!(a, b);",
            "mac! { a b }",
            "macro_rules! m { () => { } }",
            "type A = B;",
            "extern crate core as c;",
            "pub(crate) unsafe extern \"C\" fn k() {}",
        ]
    );
}

#[test]
fn brackets_in_literals_and_comments_do_not_count() {
    let src = r####"
fn a() { let s = "}"; let r = r#"}"#; let b = b'}'; let c = '{'; }
/* } /* nested { */ } */
fn b<'a>(x: &'a str) -> &'a str { x } // }
fn c() { let s = br##"}}"##; let d = c"}"; }
"####;
    let items = top(src);
    assert_eq!(items.len(), 3, "{items:#?}");
    assert!(items[1].starts_with("/* } /* nested"), "{}", items[1]);
    assert!(items[1].ends_with("-> &'a str { x }"), "{}", items[1]);
}

#[test]
fn attributes_and_doc_comments_belong_to_the_next_item() {
    let src = "#![allow(x)]\n//! Crate docs.\n\n/// Docs.\n#[cfg(test)]\nfn t() {}\n";
    let s = split(src).unwrap();
    assert_eq!(&src[..s.header_end], "#![allow(x)]\n//! Crate docs.");
    assert_eq!(
        &src[s.nodes[s.top[0]].chunk.clone()],
        "\n\n/// Docs.\n#[cfg(test)]\nfn t() {}"
    );
}

#[test]
fn containers_are_split_the_same_way() {
    let src = "mod m {\n    #![cfg(test)]\n    use super::*;\n    fn a() {}\n}\nimpl T for U {\n    type X = u8;\n    fn b() {}\n}\ntrait Tr { fn c(&self); fn d() {} }\nextern \"C\" { fn e(); static F: u8; }\n";
    let s = split(src).unwrap();
    let kinds: Vec<ItemKind> = s.top.iter().map(|&n| s.nodes[n].kind).collect();
    assert_eq!(
        kinds,
        [
            ItemKind::Container(Holds::Mod),
            ItemKind::Container(Holds::Impl),
            ItemKind::Container(Holds::Trait),
            ItemKind::Container(Holds::Extern),
        ]
    );
    let children = |n: usize| -> Vec<&str> {
        let c = s.nodes[s.top[n]].container.as_ref().unwrap();
        c.children
            .iter()
            .map(|&ch| src[s.nodes[ch].chunk.clone()].trim())
            .collect()
    };
    assert_eq!(children(0), ["use super::*;", "fn a() {}"]);
    let m = s.nodes[s.top[0]].container.as_ref().unwrap();
    assert!(src[..m.header_end].ends_with("#![cfg(test)]"));
    assert_eq!(children(1), ["type X = u8;", "fn b() {}"]);
    assert_eq!(children(2), ["fn c(&self);", "fn d() {}"]);
    assert_eq!(children(3), ["fn e();", "static F: u8;"]);
}

#[test]
fn what_it_does_not_understand_is_left_to_the_parser() {
    for src in [
        "fn a() { ",
        "fn a() { ) }",
        "fn a() {} ;",
        "let x = 1;",
        "fn a() { let s = \"open; }",
        "/* open",
        "fn a() {}\n#[attr]",
        "macro m() {}",
    ] {
        assert!(split(src).is_none(), "{src}");
    }
}

#[test]
fn names_defined_and_mentioned() {
    let src = "fn outer(x: u32) -> u32 { fn inner() {} const K: u32 = 1; helper(x) + K }\nstatic mut S: u8 = 0;\nlazy_static! { static ref L: u8 = 1; }\nstruct P { year: i32, r#month: u8 }\nimpl<const N: usize> Q<N> { fn m(&self) {} }\n";
    let s = split(src).unwrap();
    let defs = |n: usize| {
        let mut v = Vec::new();
        s.defs(s.top[n], |name, def| v.push((name, def)));
        v
    };
    let f = |counted, top_level| Def::Fn {
        counted,
        top_level,
        public: false,
        body: true,
    };
    assert_eq!(
        defs(0),
        [
            ("outer", f(true, true)),
            ("inner", f(true, false)),
            ("K", Def::Value)
        ]
    );
    assert_eq!(defs(1), [("S", Def::Value)]);
    assert_eq!(defs(2), [("L", Def::Value)]);
    let mut fields = Vec::new();
    s.field_names(s.top[3], |n| fields.push(n));
    assert_eq!(fields, ["year", "month"]);
    // A const generic parameter is no constant of the file.
    assert_eq!(defs(4), []);
    let mentioned: Vec<&str> = s.idents(s.top[0]).collect();
    assert!(mentioned.contains(&"helper") && mentioned.contains(&"u32"));
    assert!(!mentioned.contains(&"fn") && !mentioned.contains(&"const"));
}

#[test]
fn raw_pointer_types_define_nothing() {
    // `*const c_char` names a type: were `c_char` a constant of the file, every item that
    // mentions it would be read for what it does with the constant (FFI bindings: all of them).
    let src = "extern \"C\" { fn puts(s: *const c_char) -> c_int; }\nf! { pub fn g(p: *const msghdr) -> *mut u8 { 0 as *mut u8 } }\nconst K: u8 = 1;\n";
    let values: Vec<&str> = all_defs(src)
        .into_iter()
        .filter(|(_, d)| *d == Def::Value)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(values, ["K"]);
}

#[test]
fn doc_comment_text_is_left_out_but_its_place_stays() {
    let src = "//! A crate.\n//! Dates.\n/// One.\n/// Two.\n#[inline]\n/// Three.\nfn f() {}\n";
    let s = split(src).unwrap();
    let mut kept = Vec::new();
    s.push_without_docs(0..src.len(), &mut kept, |_| false);
    let text = crate::select::reduced_text(src, &kept);
    assert_eq!(text, "//!\n\n///\n\n#[inline]\n///\nfn f() {}\n");
    // Lines and columns are where they were.
    assert_eq!(text.len() - text.replace('\n', "").len(), 7);
}

#[test]
fn doc_comment_lines_kept_are_kept_whole_where_they_were() {
    let src = "/// One.\n  /// Two!\n  /// Three.\n/// Four!\nfn f() {}\n/// Five!\nfn g() {}\n";
    let s = split(src).unwrap();
    let mut kept = Vec::new();
    s.push_without_docs(0..src.len(), &mut kept, |line| line.contains('!'));
    let text = crate::select::reduced_text(src, &kept);
    assert_eq!(
        text,
        "///\n  /// Two!\n\n/// Four!\nfn f() {}\n/// Five!\nfn g() {}\n"
    );
}

/// Every name every node of `src` defines, in order.
fn all_defs(src: &str) -> Vec<(&str, Def)> {
    let s = split(src).unwrap();
    let mut all = Vec::new();
    for n in 0..s.nodes.len() {
        s.defs(n, |name, def| all.push((name, def)));
    }
    all
}

#[test]
fn functions_of_traits_foreign_blocks_and_macros_are_not_counted() {
    let src = "trait T { fn a(); fn b() { fn c() {} } }\nextern \"C\" { fn d(); }\nfn e() { quote! { fn f() {} } }\n";
    let all = all_defs(src);
    let counted = |name: &str| {
        all.iter()
            .any(|&(n, d)| n == name && matches!(d, Def::Fn { counted: true, .. }))
    };
    assert!(!counted("a") && !counted("b") && !counted("d") && !counted("f"));
    assert!(counted("c") && counted("e"));
    // A trait's default body is the analyses' (its calls give its parameters facts); a
    // foreign function has none, and one in a macro's input none they see.
    let body = |name: &str| {
        all.iter()
            .any(|&(n, d)| n == name && matches!(d, Def::Fn { body: true, .. }))
    };
    assert!(body("b") && body("c") && body("e"));
    assert!(!body("d") && !body("f"));
}

#[test]
fn visibility_of_the_function_itself() {
    let src = "pub(crate) fn a() { fn b() {} }\n#[cfg(all())] pub fn c() {}\nfn d() { pub fn e() {} }\nimpl T { pub const fn f() {} fn g() {} }\nimpl<F> Tr for T<F> where F: for<'a> Fn(&'a u8) { fn h() {} }\nimpl<F> T<F> where F: for<'a> Fn(&'a u8) { fn i() {} }\n";
    let public: Vec<&str> = all_defs(src)
        .into_iter()
        .filter(|(_, def)| matches!(def, Def::Fn { public: true, .. }))
        .map(|(name, _)| name)
        .collect();
    // `b` and `e` are inside bodies: taken as private, whatever they say.
    // `h` is a trait's method: callable from anywhere the trait is.
    assert_eq!(public, ["a", "c", "f", "h"]);
}

#[test]
fn code_and_comments() {
    let src = "fn a() {} // with_year\nfn b() { x.with_year(1) }";
    let s = split(src).unwrap();
    assert!(!s.in_code(src.find("with_year").unwrap()));
    assert!(s.in_code(src.rfind("with_year").unwrap()));
}

#[test]
fn parameters_are_found_after_generics() {
    let src = "fn a() {}\n\
               pub(crate) const unsafe fn b<F: Fn(u8) -> u8, const N: usize>() where F: Copy {}\n\
               #[inline] fn c<F: Fn() -> u8>(f: F) {}\n\
               extern \"C\" fn d(x: i32) {}\n";
    let s = split(src).unwrap();
    let takes: Vec<bool> = (0..s.nodes.len()).map(|n| s.takes_parameters(n)).collect();
    assert_eq!(takes, [false, false, true, true]);
}
