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
    needles: Needles::AllOf(&[
        NeedleGroup::Words(&["365", "366"]),
        NeedleGroup::Words(&["while", "loop"]),
    ]),
    checks: &[Check::Expr(&[Syntax::While, Syntax::Loop], check_expr)],
    ..Lint::new(
        LintId::DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
        Group::Correctness,
        Precision::High,
        "a loop converting a day count to years with a path that neither changes the count nor exits (Zune, 2008-12-31)",
    )
};

pub fn check_expr<'ast>(cx: &ExprCx<'_, 'ast>, e: &'ast Expr) {
    // `while days > 365 { .. }`, or `loop { if days <= 365 { break; } .. }`.
    let (count, body, at): (String, &[Stmt], &Expr) = match e {
        Expr::While(w) => match compared_with_year_length(&w.cond, Exit::Stays) {
            Some(count) => (count, &w.body.stmts, &w.cond),
            None => return,
        },
        Expr::Loop(l) => match exit_test(&l.body.stmts) {
            Some((count, cond)) => (count, &l.body.stmts, cond),
            None => return,
        },
        _ => return,
    };
    // The loop must be a day-to-year conversion: it subtracts from the count somewhere.
    if !subtracts_from(body, &count) {
        return;
    }
    let paths = block_paths(body, &count);
    if !paths.spins() {
        return;
    }
    let day = calendar::day_366(cx.today());
    cx.emit(
        Diagnostic {
            lint: &DAY_COUNT_LOOP_MAY_NOT_TERMINATE,
            certainty: Certainty::Certain,
            message: format!("loop over `{count}` may never end: one path neither changes `{count}` nor exits"),
            span: cx.span(at),
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

/// Which side of the year length a comparison keeps the loop on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// `days > 365`: true while the loop goes on (a `while` condition).
    Stays,
    /// `days <= 365`: true when the loop is left (`if .. { break; }`).
    Leaves,
}

/// `days > 365`, `days >= 366`, `365 < days` (or, to leave, `days <= 365`, `days < 366`,
/// `366 > days`): the name of the count.
fn compared_with_year_length(cond: &Expr, exit: Exit) -> Option<String> {
    use syn::BinOp::{And, Ge, Gt, Le, Lt, Or};
    let Expr::Binary(b) = values::peel_parens(cond) else {
        return None;
    };
    let is_len = |e: &Expr| matches!(values::const_int(values::peel_parens(e)), Some(365 | 366));
    let name = |e: &Expr| match values::peel_parens(e) {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        _ => None,
    };
    // The count is above the year length on the left (`days > 365`) or the right (`365 < days`).
    let above = matches!(
        (exit, b.op),
        (Exit::Stays, Gt(_) | Ge(_)) | (Exit::Leaves, Le(_) | Lt(_))
    );
    let below = matches!(
        (exit, b.op),
        (Exit::Stays, Lt(_) | Le(_)) | (Exit::Leaves, Gt(_) | Ge(_))
    );
    match b.op {
        _ if above && is_len(&b.right) => name(&b.left),
        _ if below && is_len(&b.left) => name(&b.right),
        And(_) if exit == Exit::Stays => compared_with_year_length(&b.left, exit)
            .or_else(|| compared_with_year_length(&b.right, exit)),
        Or(_) if exit == Exit::Leaves => compared_with_year_length(&b.left, exit)
            .or_else(|| compared_with_year_length(&b.right, exit)),
        _ => None,
    }
}

/// A statement of a `loop` body that leaves it once the count is at most a year:
/// `if days <= 365 { break; }`. The count and the condition.
fn exit_test(stmts: &[Stmt]) -> Option<(String, &Expr)> {
    stmts.iter().find_map(|s| {
        let Stmt::Expr(Expr::If(i), _) = s else {
            return None;
        };
        let leaves = matches!(
            i.then_branch.stmts.as_slice(),
            [Stmt::Expr(Expr::Break(_) | Expr::Return(_), _)]
        );
        if !leaves || i.else_branch.is_some() {
            return None;
        }
        compared_with_year_length(&i.cond, Exit::Leaves).map(|c| (c, &*i.cond))
    })
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

/// How the paths through some code end, for one iteration of the loop.
#[derive(Clone, Copy, Default)]
struct Paths {
    /// Some path reaches the end without changing the count or leaving.
    falls_through: bool,
    /// Some path goes to the next iteration (`continue`) without changing the count.
    continues: bool,
}

impl Paths {
    const DONE: Paths = Paths {
        falls_through: false,
        continues: false,
    };
    const FALLS: Paths = Paths {
        falls_through: true,
        continues: false,
    };

    fn or(self, other: Paths) -> Paths {
        Paths {
            falls_through: self.falls_through || other.falls_through,
            continues: self.continues || other.continues,
        }
    }

    /// A whole iteration can end with the count unchanged and the loop not left.
    fn spins(self) -> bool {
        self.falls_through || self.continues
    }
}

/// The statements in order: a path stops at the first one that changes the count, leaves, or
/// continues.
fn block_paths(stmts: &[Stmt], count: &str) -> Paths {
    let mut out = Paths::FALLS;
    for s in stmts {
        if !out.falls_through {
            break;
        }
        let step = match s {
            Stmt::Expr(e, _) => expr_paths(e, count),
            Stmt::Local(l) => l
                .init
                .as_ref()
                .map_or(Paths::FALLS, |i| expr_paths(&i.expr, count)),
            Stmt::Macro(m) if crate::guards::is_panic_macro(&m.mac.path) => Paths::DONE,
            _ => Paths::FALLS,
        };
        out = Paths {
            falls_through: step.falls_through,
            continues: out.continues || step.continues,
        };
    }
    out
}

fn expr_paths(e: &Expr, count: &str) -> Paths {
    match e {
        Expr::Break(_) | Expr::Return(_) => Paths::DONE,
        // `continue 'outer` leaves this loop.
        Expr::Continue(c) if c.label.is_some() => Paths::DONE,
        Expr::Continue(_) => Paths {
            falls_through: false,
            continues: true,
        },
        Expr::Assign(a) if is_var(&a.left, count) => Paths::DONE,
        Expr::Binary(b)
            if matches!(
                b.op,
                syn::BinOp::SubAssign(_) | syn::BinOp::AddAssign(_) | syn::BinOp::DivAssign(_)
            ) && is_var(&b.left, count) =>
        {
            Paths::DONE
        }
        Expr::Block(b) => block_paths(&b.block.stmts, count),
        Expr::Paren(p) => expr_paths(&p.expr, count),
        Expr::If(i) => {
            let other = i
                .else_branch
                .as_ref()
                .map_or(Paths::FALLS, |(_, e)| expr_paths(e, count));
            block_paths(&i.then_branch.stmts, count).or(other)
        }
        Expr::Match(m) if !m.arms.is_empty() => m
            .arms
            .iter()
            .map(|a| expr_paths(&a.body, count))
            .fold(Paths::DONE, Paths::or),
        // `panic!`, `unreachable!` (rewritten to calls) leave the loop too.
        Expr::Call(_)
            if crate::macros::macro_name(e).is_some_and(|n| {
                matches!(n, "panic" | "unreachable" | "todo" | "unimplemented")
            }) =>
        {
            Paths::DONE
        }
        Expr::Macro(_) if crate::guards::diverges(e) => Paths::DONE,
        _ => Paths::FALLS,
    }
}
