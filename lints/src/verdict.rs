//! One policy for every lint that reports a date call which can fail: whether it is reported,
//! at which certainty, and what the label says happens on the failing day.
//!
//! * The value facts ([`crate::facts`]) say whether the failing state is reachable at all (if
//!   not, the lint is silent and the call is explained), and how sure that is: exact facts
//!   about a real date are certain, facts about arbitrary integers or with a guard the
//!   analysis cannot read are possible.
//! * The code around the call says what the failure does ([`OnFailure`]): a panic keeps the
//!   facts' certainty (an error at deny level); a failure returned to the caller, or a
//!   fallback value that silently takes over, is possible (a warning); a deliberate skip or a
//!   leap-day-aware fallback is silent.

use syn::Expr;

use crate::api::{DateCtor, Failure};
use crate::context::ExprCx;
use crate::diagnostic::Certainty;
use crate::facts::{self, Fact, FnFacts};
use crate::guards::{self, OnFailure};

/// How a reachable failure is reported.
#[derive(Debug, Clone, Copy)]
pub struct Verdict<'ast> {
    pub certainty: Certainty,
    /// The failing values come from the wall clock.
    pub clock: bool,
    pub on_failure: OnFailure<'ast>,
}

/// The verdict for a call whose failure the facts `failing` can reach (`None`: nothing is
/// known, no function around it); `None` when the code handles the failure on purpose.
pub fn verdict<'ast>(
    cx: &ExprCx<'_, 'ast>,
    node: &'ast Expr,
    row: &DateCtor,
    failing: Option<&[&Fact]>,
) -> Option<Verdict<'ast>> {
    let on_failure = guards::consumption(cx, node).on_failure(row.failure.panics());
    if on_failure == OnFailure::Handled {
        return None;
    }
    let from_facts = match failing {
        Some(f) => facts::certainty(f.iter().copied()),
        // No facts (a `const` initializer): the syntax alone cannot be sure.
        None => Certainty::Possible,
    };
    let certainty = match on_failure {
        OnFailure::Panics => from_facts,
        _ => Certainty::Possible,
    };
    Some(Verdict {
        certainty,
        clock: failing.is_some_and(|f| facts::from_clock(f.iter().copied())),
        on_failure,
    })
}

impl Verdict<'_> {
    /// What the call does on the failing day, for a label: "panics", "returns None".
    pub fn outcome(&self, row: &DateCtor) -> &'static str {
        match self.on_failure {
            OnFailure::Panics => "panics",
            _ => match row.failure {
                Failure::Option => "returns None",
                Failure::Result => "returns an error",
                Failure::LocalResult => "returns no date",
                Failure::Panics => "panics",
            },
        }
    }

    /// A note on what the failure leads to when it does not panic, with how often it happens
    /// (`"1 day in 1,461"`).
    pub fn consequence(&self, how_often: &str) -> Option<String> {
        match self.on_failure {
            OnFailure::Propagates => Some(format!(
                "a warning, not an error: the caller receives the failure (on {how_often}) and may handle it"
            )),
            OnFailure::WrongFallback(Some(e)) => {
                let text = crate::values::tokens(e);
                let shown: String = text.chars().take(60).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                Some(format!(
                    "on {how_often} the fallback `{shown}{more}` is used instead, silently"
                ))
            }
            OnFailure::WrongFallback(None) => Some(format!(
                "on {how_often} the type's default value is used instead, silently"
            )),
            _ => None,
        }
    }
}

/// The facts of an expression, when the walk reached it.
pub fn fact<'f>(facts: Option<&'f FnFacts>, e: &Expr) -> Option<&'f Fact> {
    facts?.value(e)
}

/// The argument was read from a date's `part` by an accessor, as its syntax says (`let m =
/// d.month(); .. with_month(m + 1)`), and still is where the call runs: false when the facts
/// say the binding was reassigned since (`m = next_month(m)`), so the shape is stale.
pub fn still_from_part(facts: Option<&FnFacts>, arg: &Expr, role: crate::api::Role) -> bool {
    use crate::api::Role;
    use crate::facts::Part;
    let part = match role {
        Role::Year => Part::Year,
        Role::Month => Part::Month,
        Role::Day => Part::Day,
        Role::Ordinal => Part::Ordinal,
        _ => return true,
    };
    match fact(facts, arg) {
        Some(f) => f
            .as_int()
            .and_then(|i| i.rel.as_ref())
            .is_some_and(|r| r.part == part),
        None => true,
    }
}

/// The inputs a date call can fail on are all integers that are not a real date's fields
/// (parameters, struct fields, results of unknown calls) or constants: a failure is bad input,
/// not a calendar date. `None` without facts.
pub fn inputs_unvalidated(
    facts: Option<&FnFacts>,
    call: &crate::calls::CtorCall<'_>,
) -> Option<bool> {
    use crate::facts::Prov;
    let facts = facts?;
    let mut inputs: Vec<&Fact> = call.args.iter().filter_map(|a| facts.value(a)).collect();
    if call.row.sets.is_some() {
        inputs.extend(call.receiver.and_then(|r| facts.value(r)));
    }
    if inputs.len() < call.args.len() {
        return None;
    }
    let varying: Vec<&&Fact> = inputs.iter().filter(|f| !f.prov.is_const()).collect();
    Some(!varying.is_empty() && varying.iter().all(|f| !f.prov.has(Prov::CALENDAR)))
}
