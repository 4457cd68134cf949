//! Value facts: what values can reach each expression of a function, shared by every lint.
//!
//! A forward walk over a function body ([`interp`]) records the value of each expression in
//! the state where it runs: integers as small sets of intervals, dates as what is known of
//! their year, month, day and day of the year, fallible results with what their success or
//! failure implies, and for every value where it comes from ([`Prov`]: a constant, a real date
//! such as a clock read or a date parameter, or some other input). Facts come from conditions
//! (`if`, `match` arms, early exits, `let .. else`, `&&`/`||`), assignments in order, known
//! constructors and setters, clamps, normalising loops, failure preconditions
//! (`d.with_ordinal(d.ordinal() + 1)` is `None` only on Dec 31) and same-file function
//! summaries. Lints ask two questions: can the failing state be reached (if not, the finding
//! is silent), and is it reached by a real calendar value with exact facts ([`certainty`]:
//! an error) or only through incomplete facts or arbitrary inputs (a warning).
//!
//! See docs/facts.md for the design, and its limits.

mod callers;
mod domain;
mod interp;

pub use callers::CallSites;
pub use domain::{Fact, IntSet, Kind, Part, Prov};
pub use interp::{static_value, summarize, FnFacts, FnRef, Interp, Summary, MAX_SUMMARY_DEPTH};

pub use crate::diagnostic::Certainty;

/// The certainty of a finding whose failure depends on these facts: certain when every one
/// is exact and at least one comes from a real date; possible otherwise.
pub fn certainty<'f>(facts: impl IntoIterator<Item = &'f Fact>) -> Certainty {
    let mut calendar = false;
    for f in facts {
        if f.approx {
            return Certainty::Possible;
        }
        if f.prov.has(Prov::INPUT) && !f.prov.has(Prov::CALENDAR) {
            return Certainty::Possible;
        }
        calendar |= f.prov.has(Prov::CALENDAR);
    }
    if calendar {
        Certainty::Certain
    } else {
        Certainty::Possible
    }
}

/// Any of these facts depends on the wall clock.
pub fn from_clock<'f>(facts: impl IntoIterator<Item = &'f Fact>) -> bool {
    facts.into_iter().any(|f| f.prov.has(Prov::CLOCK))
}

#[cfg(test)]
mod tests;

/// The day `day` exists in the month the call's `year` and `month` arguments name: it was
/// clamped to, or bounded by, that month's length (`d.day().min(days_in_month(y, m))`).
pub fn day_fits(day: &Fact, year: &syn::Expr, month: &syn::Expr) -> bool {
    use quote::ToTokens;
    let text = |e: &syn::Expr| e.to_token_stream().to_string().replace(' ', "");
    day.as_int()
        .and_then(|i| i.fits.as_ref())
        .is_some_and(|f| f.within(&text(year), &text(month)))
}
