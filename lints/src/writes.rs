//! Whether a function body changes a place: an assignment (`=`, `+=`, ...), a `&mut` borrow,
//! or a method that takes `&mut self` on a `String` or a collection (`s.push_str(..)`,
//! `v.clear()`). Shared by the checks that trust a `let` to keep its value.

use syn::visit::Visit;
use syn::Expr;

/// Methods of `String` and the collections that change their receiver.
const CHANGING_METHODS: &[&str] = &[
    "push",
    "push_str",
    "clear",
    "insert",
    "insert_str",
    "truncate",
    "pop",
    "remove",
    "retain",
    "drain",
    "extend",
    "replace_range",
    "make_ascii_lowercase",
    "make_ascii_uppercase",
    "as_mut_str",
    "get_mut",
];

/// `body` writes a place that `is_target` accepts. `macro_root`: a name whose mention in the
/// tokens of a macro the engine does not read counts as a write (`write!(s, ..)`).
pub fn writes(
    body: &syn::Block,
    is_target: &dyn Fn(&Expr) -> bool,
    macro_root: Option<&str>,
) -> bool {
    struct Writes<'t> {
        is_target: &'t dyn Fn(&Expr) -> bool,
        macro_root: Option<&'t str>,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Writes<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            self.found |= (self.is_target)(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            use syn::BinOp::*;
            if matches!(
                b.op,
                AddAssign(_)
                    | SubAssign(_)
                    | MulAssign(_)
                    | DivAssign(_)
                    | RemAssign(_)
                    | BitAndAssign(_)
                    | BitOrAssign(_)
                    | BitXorAssign(_)
                    | ShlAssign(_)
                    | ShrAssign(_)
            ) {
                self.found |= (self.is_target)(&b.left);
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            self.found |= r.mutability.is_some() && (self.is_target)(&r.expr);
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if CHANGING_METHODS.contains(&m.method.to_string().as_str()) {
                self.found |= (self.is_target)(&m.receiver);
            }
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if let Some(root) = self.macro_root {
                self.found |= m
                    .tokens
                    .clone()
                    .into_iter()
                    .any(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == root));
            }
        }
    }
    let mut w = Writes {
        is_target,
        macro_root,
        found: false,
    };
    w.visit_block(body);
    w.found
}
