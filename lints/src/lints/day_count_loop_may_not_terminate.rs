//! `day_count_loop_may_not_terminate`: the Zune loop, converting a day count to years with a
//! path that neither changes the count nor exits. Page:
//! `lints/docs/day_count_loop_may_not_terminate.md`.

use syn::{Expr, Stmt};

use crate::calendar;
use crate::context::ExprCx;
use crate::diagnostic::{Certainty, Diagnostic, Help};
use crate::registry::{Check, Group, Lint, LintId, NeedleGroup, Needles, Precision, Syntax};
use crate::values;

pub static DAY_COUNT_LOOP_MAY_NOT_TERMINATE: Lint = Lint {
    needles: Needles::AllOf(&[NeedleGroup::Words(&["365", "366"]), NeedleGroup::Words(&["while"])]),
    checks: &[Check::Expr(&[Syntax::While], check_expr)],
    ..Lint::new(
        LintId::DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
        Group::Correctness,
        Precision::High,
        "a loop converting a day count to years with a path that neither changes the count nor exits (Zune, 2008-12-31)",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    let Expr::While(w) = e else { return };
    let Some(count) = compared_with_year_length(&w.cond) else {
        return;
    };
    // The loop must be a day-to-year conversion: it subtracts from the count somewhere.
    if !subtracts_from(&w.body.stmts, &count) {
        return;
    }
    if block_always_progresses(&w.body.stmts, &count) {
        return;
    }
    let day = calendar::day_366(cx.today());
    cx.emit(
        Diagnostic {
            lint: &DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
            certainty: Certainty::Certain,
            message: format!("loop over `{count}` may never end: one path neither changes `{count}` nor exits"),
            span: cx.span(&w.cond),
            label: format!("on day 366 of a leap year ({day}) this can spin forever"),
            notes: vec![
                "this is the Microsoft Zune bug: every Zune 30 froze on 2008-12-31".to_string(),
            ],
            help: Some(Help {
                message: "make every path subtract or `break` (e.g. `else { break; }` when the count is exactly 366), \
                          or let the date library do it: chrono `NaiveDate::from_num_days_from_ce_opt`, jiff \
                          `Date::checked_add(days.days())`"
                    .to_string(),
                fix: None,
            }),
        },
        None,
    );
}

/// `days > 365`, `days >= 366`, `365 < days`: the name of the count.
fn compared_with_year_length(cond: &Expr) -> Option<String> {
    let Expr::Binary(b) = values::peel_parens(cond) else {
        return None;
    };
    let is_len = |e: &Expr| matches!(values::const_int(values::peel_parens(e)), Some(365 | 366));
    let name = |e: &Expr| match values::peel_parens(e) {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    };
    match b.op {
        syn::BinOp::Gt(_) | syn::BinOp::Ge(_) if is_len(&b.right) => name(&b.left),
        syn::BinOp::Lt(_) | syn::BinOp::Le(_) if is_len(&b.left) => name(&b.right),
        syn::BinOp::And(_) => {
            compared_with_year_length(&b.left).or_else(|| compared_with_year_length(&b.right))
        }
        _ => None,
    }
}

/// `count -= ..` or `count = ..` anywhere in the statements.
fn subtracts_from(stmts: &[Stmt], count: &str) -> bool {
    use syn::visit::Visit;
    struct Finder<'a> {
        count: &'a str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            self.found |= is_var(&a.left, self.count);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            if matches!(b.op, syn::BinOp::SubAssign(_)) && is_var(&b.left, self.count) {
                self.found = true;
            }
            syn::visit::visit_expr_binary(self, b);
        }
    }
    let mut f = Finder {
        count,
        found: false,
    };
    for s in stmts {
        f.visit_stmt(s);
    }
    f.found
}

fn is_var(e: &Expr, name: &str) -> bool {
    matches!(values::peel_parens(e), Expr::Path(p) if p.path.is_ident(name))
}

/// Every path through the statements changes the count or leaves the loop.
fn block_always_progresses(stmts: &[Stmt], count: &str) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::Expr(e, _) => always_progresses(e, count),
        Stmt::Local(l) => l
            .init
            .as_ref()
            .is_some_and(|i| always_progresses(&i.expr, count)),
        _ => false,
    })
}

fn always_progresses(e: &Expr, count: &str) -> bool {
    match e {
        Expr::Break(_) | Expr::Return(_) => true,
        Expr::Assign(a) => is_var(&a.left, count),
        Expr::Binary(b) => {
            matches!(
                b.op,
                syn::BinOp::SubAssign(_) | syn::BinOp::AddAssign(_) | syn::BinOp::DivAssign(_)
            ) && is_var(&b.left, count)
        }
        Expr::Block(b) => block_always_progresses(&b.block.stmts, count),
        Expr::Paren(p) => always_progresses(&p.expr, count),
        Expr::If(i) => {
            block_always_progresses(&i.then_branch.stmts, count)
                && i.else_branch
                    .as_ref()
                    .is_some_and(|(_, e)| always_progresses(e, count))
        }
        Expr::Match(m) => {
            !m.arms.is_empty() && m.arms.iter().all(|a| always_progresses(&a.body, count))
        }
        // `panic!`, `unreachable!` (rewritten to calls) leave the loop too.
        Expr::Call(_) => crate::macros::macro_name(e)
            .is_some_and(|n| matches!(n, "panic" | "unreachable" | "todo" | "unimplemented")),
        Expr::Macro(_) => crate::guards::diverges(e),
        _ => false,
    }
}
