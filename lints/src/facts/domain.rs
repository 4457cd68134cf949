//! The abstract values of the facts analysis: sets of integers, what is known of a date's
//! fields, where a value comes from, and the per-program-point state.

use std::collections::BTreeMap;
use std::rc::Rc;

/// A set of integers as sorted, disjoint, non-adjacent closed intervals. At most
/// [`MAX_PARTS`] intervals are kept (the closest ones merge), enough for `month ∈ {1, 12}` or
/// `month ≠ 2`. Empty means "no value": the code holding it cannot run.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct IntSet(Vec<(i64, i64)>);

const MAX_PARTS: usize = 6;

/// Stand-ins for ±∞: interval arithmetic saturates at them.
const NEG_INF: i64 = i64::MIN;
const POS_INF: i64 = i64::MAX;

impl IntSet {
    pub fn top() -> IntSet {
        IntSet(vec![(NEG_INF, POS_INF)])
    }

    pub fn empty() -> IntSet {
        IntSet(Vec::new())
    }

    pub fn exact(v: i64) -> IntSet {
        IntSet(vec![(v, v)])
    }

    pub fn range(lo: i64, hi: i64) -> IntSet {
        if lo > hi {
            IntSet::empty()
        } else {
            IntSet(vec![(lo, hi)])
        }
    }

    fn from_parts(mut parts: Vec<(i64, i64)>) -> IntSet {
        parts.retain(|(lo, hi)| lo <= hi);
        parts.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(parts.len());
        for (lo, hi) in parts {
            match out.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        while out.len() > MAX_PARTS {
            // Merge the two neighbours with the smallest gap.
            let i = (0..out.len() - 1)
                .min_by_key(|&i| out[i + 1].0.saturating_sub(out[i].1))
                .unwrap_or(0);
            out[i].1 = out[i + 1].1;
            out.remove(i + 1);
        }
        IntSet(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn is_top(&self) -> bool {
        self.0 == [(NEG_INF, POS_INF)]
    }

    pub fn lo(&self) -> Option<i64> {
        self.0.first().map(|p| p.0)
    }

    pub fn hi(&self) -> Option<i64> {
        self.0.last().map(|p| p.1)
    }

    pub fn single(&self) -> Option<i64> {
        match self.0.as_slice() {
            [(lo, hi)] if lo == hi => Some(*lo),
            _ => None,
        }
    }

    pub fn contains(&self, v: i64) -> bool {
        self.0.iter().any(|(lo, hi)| *lo <= v && v <= *hi)
    }

    /// Every value lies in `lo..=hi` (true for the empty set).
    pub fn within(&self, lo: i64, hi: i64) -> bool {
        self.lo().is_none_or(|l| l >= lo) && self.hi().is_none_or(|h| h <= hi)
    }

    /// Any value lies in `lo..=hi`.
    pub fn meets(&self, lo: i64, hi: i64) -> bool {
        self.0.iter().any(|(a, b)| *a <= hi && lo <= *b)
    }

    pub fn parts(&self) -> &[(i64, i64)] {
        &self.0
    }

    pub fn join(&self, other: &IntSet) -> IntSet {
        IntSet::from_parts(self.0.iter().chain(&other.0).copied().collect())
    }

    pub fn meet(&self, other: &IntSet) -> IntSet {
        let mut out = Vec::new();
        for (a, b) in &self.0 {
            for (c, d) in &other.0 {
                let (lo, hi) = ((*a).max(*c), (*b).min(*d));
                if lo <= hi {
                    out.push((lo, hi));
                }
            }
        }
        IntSet::from_parts(out)
    }

    /// The values not in `other`.
    pub fn minus(&self, other: &IntSet) -> IntSet {
        let mut cur = self.0.clone();
        for (c, d) in &other.0 {
            let mut next = Vec::new();
            for (a, b) in cur {
                if *d < a || b < *c {
                    next.push((a, b));
                    continue;
                }
                if a < *c {
                    next.push((a, c - 1));
                }
                if *d < b {
                    next.push((d + 1, b));
                }
            }
            cur = next;
        }
        IntSet::from_parts(cur)
    }

    fn map_pairs(
        &self,
        other: &IntSet,
        f: impl Fn((i64, i64), (i64, i64)) -> (i64, i64),
    ) -> IntSet {
        if self.is_empty() || other.is_empty() {
            return IntSet::empty();
        }
        let (a, b) = (self.hull_parts(), other.hull_parts());
        let mut out = Vec::with_capacity(a.len() * b.len());
        for x in &a {
            for y in &b {
                out.push(f(*x, *y));
            }
        }
        IntSet::from_parts(out)
    }

    /// The parts, or the hull when there are many (keeps pairwise operations small).
    fn hull_parts(&self) -> Vec<(i64, i64)> {
        if self.0.len() <= 3 {
            self.0.clone()
        } else {
            vec![(self.0[0].0, self.0[self.0.len() - 1].1)]
        }
    }

    pub fn add(&self, other: &IntSet) -> IntSet {
        self.map_pairs(other, |(a, b), (c, d)| (sat_add(a, c), sat_add(b, d)))
    }

    pub fn neg(&self) -> IntSet {
        IntSet::from_parts(
            self.0
                .iter()
                .map(|(a, b)| (sat_neg(*b), sat_neg(*a)))
                .collect(),
        )
    }

    pub fn sub(&self, other: &IntSet) -> IntSet {
        self.add(&other.neg())
    }

    pub fn mul(&self, other: &IntSet) -> IntSet {
        self.map_pairs(other, |(a, b), (c, d)| {
            let p = [
                a.saturating_mul(c),
                a.saturating_mul(d),
                b.saturating_mul(c),
                b.saturating_mul(d),
            ];
            (
                *p.iter().min().unwrap_or(&NEG_INF),
                *p.iter().max().unwrap_or(&POS_INF),
            )
        })
    }

    /// Division truncating toward zero, by a set of divisors.
    pub fn div(&self, other: &IntSet) -> IntSet {
        match other.single() {
            Some(k) if k > 0 => IntSet::from_parts(
                self.0
                    .iter()
                    .map(|(a, b)| (div_inf(*a, k), div_inf(*b, k)))
                    .collect(),
            ),
            _ if self.is_empty() || other.is_empty() => IntSet::empty(),
            _ => IntSet::top(),
        }
    }

    /// `x % k`: Rust's remainder takes the sign of `x`.
    pub fn rem(&self, other: &IntSet) -> IntSet {
        if self.is_empty() || other.is_empty() {
            return IntSet::empty();
        }
        let Some(k) = other.single().filter(|k| *k > 0) else {
            let m = other
                .hi()
                .unwrap_or(POS_INF)
                .max(sat_neg(other.lo().unwrap_or(NEG_INF)));
            return IntSet::range(sat_neg(m), m);
        };
        let mut out = Vec::new();
        for (a, b) in &self.0 {
            let (a, b) = (*a, *b);
            if a >= 0 && b != POS_INF && b - a < k && a % k <= b % k {
                out.push((a % k, b % k));
            } else if a >= 0 {
                out.push((0, (k - 1).min(b)));
            } else if b <= 0 && a != NEG_INF && b - a < k && a % k <= b % k {
                out.push((a % k, b % k));
            } else {
                out.push((-(k - 1), k - 1));
            }
        }
        IntSet::from_parts(out)
    }

    /// `x.rem_euclid(k)`.
    pub fn rem_euclid(&self, other: &IntSet) -> IntSet {
        match other.single() {
            Some(k) if k > 0 => {
                if self.within(0, POS_INF) {
                    self.rem(other)
                } else {
                    IntSet::range(0, k - 1)
                }
            }
            _ => IntSet::top(),
        }
    }

    /// `min(x, y)` for x in self and y in other.
    pub fn min(&self, other: &IntSet) -> IntSet {
        let (Some(sh), Some(oh)) = (self.hi(), other.hi()) else {
            return IntSet::empty();
        };
        self.meet(&IntSet::range(NEG_INF, oh))
            .join(&other.meet(&IntSet::range(NEG_INF, sh)))
    }

    /// `max(x, y)` for x in self and y in other.
    pub fn max(&self, other: &IntSet) -> IntSet {
        let (Some(sl), Some(ol)) = (self.lo(), other.lo()) else {
            return IntSet::empty();
        };
        self.meet(&IntSet::range(ol, POS_INF))
            .join(&other.meet(&IntSet::range(sl, POS_INF)))
    }

    /// The values that are `op` some value of `other` (`op` as in `x op y`).
    pub fn restrict(&self, op: Cmp, other: &IntSet) -> IntSet {
        let (Some(lo), Some(hi)) = (other.lo(), other.hi()) else {
            return IntSet::empty();
        };
        match op {
            Cmp::Lt => self.meet(&IntSet::range(NEG_INF, hi.saturating_sub(1))),
            Cmp::Le => self.meet(&IntSet::range(NEG_INF, hi)),
            Cmp::Gt => self.meet(&IntSet::range(lo.saturating_add(1), POS_INF)),
            Cmp::Ge => self.meet(&IntSet::range(lo, POS_INF)),
            Cmp::Eq => self.meet(other),
            Cmp::Ne => match other.single() {
                Some(v) => self.minus(&IntSet::exact(v)),
                None => self.clone(),
            },
        }
    }

    /// The values a Rust integer type holds.
    pub fn of_type(name: &str) -> Option<IntSet> {
        let (lo, hi): (i64, i64) = match name {
            "u8" => (0, u8::MAX.into()),
            "u16" => (0, u16::MAX.into()),
            "u32" => (0, u32::MAX.into()),
            "u64" | "usize" | "u128" => (0, POS_INF),
            "i8" => (i8::MIN.into(), i8::MAX.into()),
            "i16" => (i16::MIN.into(), i16::MAX.into()),
            "i32" => (i32::MIN.into(), i32::MAX.into()),
            "i64" | "isize" | "i128" => (NEG_INF, POS_INF),
            _ => return None,
        };
        Some(IntSet::range(lo, hi))
    }
}

fn sat_add(a: i64, b: i64) -> i64 {
    if a == NEG_INF || b == NEG_INF {
        NEG_INF
    } else if a == POS_INF || b == POS_INF {
        POS_INF
    } else {
        a.saturating_add(b)
    }
}

fn sat_neg(a: i64) -> i64 {
    match a {
        NEG_INF => POS_INF,
        POS_INF => NEG_INF,
        _ => -a,
    }
}

fn div_inf(a: i64, k: i64) -> i64 {
    if a == NEG_INF || a == POS_INF {
        a
    } else {
        a / k
    }
}

/// A comparison operator, as in `x op y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Cmp {
    /// `x op y` ⇔ `y op.flip() x`.
    pub fn flip(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            other => other,
        }
    }

    /// `!(x op y)` ⇔ `x op.negate() y`.
    pub fn negate(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Ge,
            Cmp::Le => Cmp::Gt,
            Cmp::Gt => Cmp::Le,
            Cmp::Ge => Cmp::Lt,
            Cmp::Eq => Cmp::Ne,
            Cmp::Ne => Cmp::Eq,
        }
    }
}

/// Where a value comes from, as a set of origins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Prov(u8);

impl Prov {
    /// A literal or a named constant.
    pub const CONST: Prov = Prov(1);
    /// A real date (or a field read from one): a clock read, parsed text, a date parameter or
    /// field, an iteration over days. It takes every value the calendar has.
    pub const CALENDAR: Prov = Prov(2);
    /// Read from the wall clock (`now()`): a test using it fails on the day the lint names.
    pub const CLOCK: Prov = Prov(4);
    /// An integer parameter or field, or the result of a call the analysis does not know:
    /// any value its type holds, with no evidence that it is a real date's.
    pub const INPUT: Prov = Prov(8);
    /// Derived from the function's parameters (not `self`): values its callers choose. Values
    /// from `self`'s fields or from the function's own computations are no caller's business.
    pub const PARAM: Prov = Prov(16);

    pub const NONE: Prov = Prov(0);

    pub fn has(self, other: Prov) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn union(self, other: Prov) -> Prov {
        Prov(self.0 | other.0)
    }

    /// Only constants went into it.
    pub fn is_const(self) -> bool {
        self == Prov::CONST
    }

    pub fn without(self, other: Prov) -> Prov {
        Prov(self.0 & !other.0)
    }

    /// The origin of an unknown value computed from values of this origin: an input, which
    /// the caller chose if they did.
    pub fn derived(self) -> Prov {
        Prov::INPUT | Prov(self.0 & Prov::PARAM.0)
    }

    /// The origin of a part of a value of this origin (a field, an item, an element, what a
    /// pattern binds): a part of a constant is a constant (`[Case { base: "2024-01-31" }]`'s
    /// items and their fields); a part of anything else is an input, like [`derived`].
    ///
    /// [`derived`]: Prov::derived
    pub fn projected(self) -> Prov {
        if self.is_const() {
            Prov::CONST
        } else {
            self.derived()
        }
    }
}

impl std::ops::BitOr for Prov {
    type Output = Prov;
    fn bitor(self, rhs: Prov) -> Prov {
        self.union(rhs)
    }
}

/// A place the analysis tracks: a local binding, a parameter, or a field path of one.
pub type PlaceId = u32;

/// Which part of a place's value an integer was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// The integer place itself.
    Whole,
    Year,
    Month,
    Day,
    Ordinal,
    Hour,
    Minute,
    Second,
}

/// `value = place.part + offset`: ties an integer to the place it was computed from, so that
/// a test on the integer refines the place, and a failure of `d.with_day(d.day() + 1)` says
/// something about `d`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rel {
    pub place: PlaceId,
    pub part: Part,
    pub offset: IntSet,
}

/// What is known of a date's calendar fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateVal {
    pub y: IntSet,
    pub m: IntSet,
    pub d: IntSet,
    /// Day of the year.
    pub ord: IntSet,
    /// Whether the year is a leap year, when a test said so.
    pub leap: Option<bool>,
    /// Time of day, for date-times and times.
    pub h: IntSet,
    pub min: IntSet,
    pub sec: IntSet,
    /// Known not to be Feb 29 although month and day may each be 2 and 29 (a
    /// `(2, 29) =>` arm matched first): a fact the per-field sets cannot hold.
    pub not_feb29: bool,
}

/// The years the date libraries represent (chrono's range, the widest).
pub const YEARS: (i64, i64) = (-262_143, 262_142);

impl DateVal {
    /// Any date.
    pub fn any() -> DateVal {
        DateVal {
            y: IntSet::range(YEARS.0, YEARS.1),
            m: IntSet::range(1, 12),
            d: IntSet::range(1, 31),
            ord: IntSet::range(1, 366),
            leap: None,
            h: IntSet::range(0, 23),
            min: IntSet::range(0, 59),
            sec: IntSet::range(0, 59),
            not_feb29: false,
        }
    }

    pub fn part(&self, part: Part) -> Option<&IntSet> {
        match part {
            Part::Year => Some(&self.y),
            Part::Month => Some(&self.m),
            Part::Day => Some(&self.d),
            Part::Ordinal => Some(&self.ord),
            Part::Hour => Some(&self.h),
            Part::Minute => Some(&self.min),
            Part::Second => Some(&self.sec),
            Part::Whole => None,
        }
    }

    pub fn part_mut(&mut self, part: Part) -> Option<&mut IntSet> {
        match part {
            Part::Year => Some(&mut self.y),
            Part::Month => Some(&mut self.m),
            Part::Day => Some(&mut self.d),
            Part::Ordinal => Some(&mut self.ord),
            Part::Hour => Some(&mut self.h),
            Part::Minute => Some(&mut self.min),
            Part::Second => Some(&mut self.sec),
            Part::Whole => None,
        }
    }

    pub fn join(&self, o: &DateVal) -> DateVal {
        DateVal {
            y: self.y.join(&o.y),
            m: self.m.join(&o.m),
            d: self.d.join(&o.d),
            ord: self.ord.join(&o.ord),
            leap: if self.leap == o.leap { self.leap } else { None },
            h: self.h.join(&o.h),
            min: self.min.join(&o.min),
            sec: self.sec.join(&o.sec),
            not_feb29: self.not_feb29 && o.not_feb29,
        }
    }

    /// No real date has these fields.
    pub fn is_empty(&self) -> bool {
        [
            &self.y, &self.m, &self.d, &self.ord, &self.h, &self.min, &self.sec,
        ]
        .iter()
        .any(|s| s.is_empty())
    }

    /// Keeps the fields consistent with each other: a day of the year pins month and day
    /// (`ord ∈ {1}` is Jan 1, `ord ≥ 335` is December), a month and day pin the day of the year,
    /// and a day beyond the shortest month excludes February or April.
    pub fn normalize(&mut self) {
        // Month and day from the day of the year, per interval of ordinals.
        let mut m = IntSet::empty();
        let mut d = IntSet::empty();
        for &(lo, hi) in self.ord.parts() {
            let (lo, hi) = (lo.max(1), hi.min(366));
            if lo > hi {
                continue;
            }
            if hi <= 31 {
                m = m.join(&IntSet::exact(1));
                d = d.join(&IntSet::range(lo, hi));
            } else if lo >= 336 {
                // Dec 1 is day 335 (common) or 336 (leap).
                m = m.join(&IntSet::exact(12));
                d = d.join(&IntSet::range((lo - 335).max(1), (hi - 334).min(31)));
            } else {
                let (m_lo, m_hi) = (month_of_ordinal(lo, true), month_of_ordinal(hi, false));
                m = m.join(&IntSet::range(m_lo, m_hi));
                d = d.join(&IntSet::range(1, 31));
            }
        }
        self.m = self.m.meet(&m);
        self.d = self.d.meet(&d);
        // Day of the year from month and day, when the month is known.
        if let (Some(mo), Some(dl), Some(dh)) = (self.m.single(), self.d.lo(), self.d.hi()) {
            let before = CUMULATIVE[(mo - 1) as usize];
            let leap_extra = i64::from(mo > 2);
            self.ord = self
                .ord
                .meet(&IntSet::range(before + dl, before + leap_extra + dh));
        }
        // The 30th and 31st exist in no February; the 31st not in 30-day months.
        if !self.d.meets(1, 29) {
            self.m = self.m.minus(&IntSet::exact(2));
        }
        if !self.d.meets(1, 30) {
            for short in [4, 6, 9, 11] {
                self.m = self.m.minus(&IntSet::exact(short));
            }
        }
    }
}

/// Days before each month in a common year.
const CUMULATIVE: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/// The month an ordinal falls in: the earliest possible (`early`, as in a leap year) or the
/// latest (as in a common year).
fn month_of_ordinal(ord: i64, early: bool) -> i64 {
    let leap = i64::from(early);
    let mut month = 1;
    for (i, before) in CUMULATIVE.iter().enumerate() {
        let start = before + if i >= 2 { leap } else { 0 } + 1;
        if ord >= start {
            month = i as i64 + 1;
        }
    }
    month
}

/// What an expression's value is known to be.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub kind: Kind,
    pub prov: Prov,
    /// The facts are incomplete: a guard or a call the analysis cannot read may constrain the
    /// value. Findings that depend on it are warnings, not errors.
    pub approx: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Nothing known.
    Top,
    /// No value: the expression never produces one (`None`'s content, divergence).
    Never,
    Int(IntVal),
    Date(DateVal),
    /// An `Option`/`Result` (or chrono's `LocalResult`).
    Opt(Box<OptVal>),
    Tuple(Vec<Fact>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntVal {
    pub set: IntSet,
    pub rel: Option<Rel>,
    /// For a year: whether it is a leap year, when a test said so.
    pub leap: Option<bool>,
    /// At most the length of one month: `min(x, len(Y, M))`, an item of `1..=len(Y, M)`.
    pub fits: Option<Fits>,
}

/// The value is at most the length of the month whose year and month are written `year` and
/// `month` in the code, less `slack` days (`i` in `0..len` has slack 1, `d + 1` under
/// `d < len` slack 0); `exact`: it is that length less `slack`, not only at most (a length
/// function's result), which makes `x != len` say `x < len`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fits {
    pub year: String,
    pub month: String,
    pub slack: i64,
    pub exact: bool,
}

impl Fits {
    /// The length of the month `(year, month)` itself.
    pub fn length(year: String, month: String) -> Fits {
        Fits {
            year,
            month,
            slack: 0,
            exact: true,
        }
    }

    /// The same bound for a value `k` higher (`x + k`): `k` less slack.
    pub fn shifted(&self, k: i64) -> Fits {
        Fits {
            slack: self.slack - k,
            ..self.clone()
        }
    }

    /// A value at most this bound (`x <= len`), or below it (`x < len`).
    pub fn bound(&self, strict: bool) -> Fits {
        Fits {
            slack: self.slack + i64::from(strict),
            exact: false,
            ..self.clone()
        }
    }

    /// The value exists in the month written `(year, month)`, given it is at least 1.
    pub fn within(&self, year: &str, month: &str) -> bool {
        self.year == year && self.month == month && self.slack >= 0
    }

    /// Same month: the one that allows more.
    pub fn join(&self, o: &Fits) -> Option<Fits> {
        (self.year == o.year && self.month == o.month).then(|| Fits {
            slack: self.slack.min(o.slack),
            exact: self.exact && o.exact && self.slack == o.slack,
            ..self.clone()
        })
    }
}

/// A fallible result: its success value, and what success or failure implies for the places
/// it was computed from (`d.with_ordinal(d.ordinal() + 1)` fails only on Dec 31).
#[derive(Clone, Debug, PartialEq)]
pub struct OptVal {
    pub ok: Fact,
    pub on_ok: Vec<(PlaceId, Part, IntSet)>,
    pub on_fail: Vec<(PlaceId, Part, IntSet)>,
    /// The failure case is possible as far as the analysis knows.
    pub can_fail: bool,
}

impl Fact {
    pub fn top(prov: Prov) -> Fact {
        Fact {
            kind: Kind::Top,
            prov,
            approx: false,
        }
    }

    pub fn never() -> Fact {
        Fact {
            kind: Kind::Never,
            prov: Prov::NONE,
            approx: false,
        }
    }

    pub fn int(set: IntSet, prov: Prov) -> Fact {
        Fact {
            kind: Kind::Int(IntVal {
                set,
                rel: None,
                leap: None,
                fits: None,
            }),
            prov,
            approx: false,
        }
    }

    pub fn date(d: DateVal, prov: Prov) -> Fact {
        Fact {
            kind: Kind::Date(d),
            prov,
            approx: false,
        }
    }

    pub fn opt(ok: Fact, can_fail: bool) -> Fact {
        let prov = ok.prov;
        Fact {
            kind: Kind::Opt(Box::new(OptVal {
                ok,
                on_ok: Vec::new(),
                on_fail: Vec::new(),
                can_fail,
            })),
            prov,
            approx: false,
        }
    }

    pub fn as_int(&self) -> Option<&IntVal> {
        match &self.kind {
            Kind::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<&DateVal> {
        match &self.kind {
            Kind::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn set(&self) -> Option<&IntSet> {
        self.as_int().map(|i| &i.set)
    }

    pub fn with_approx(mut self, approx: bool) -> Fact {
        self.approx |= approx;
        self
    }

    /// Every value this fact allows, `o` allows too (with an origin and exactness no better).
    pub fn within(&self, o: &Fact) -> bool {
        let subset = |a: &IntSet, b: &IntSet| a.minus(b).is_empty();
        let kind = match (&self.kind, &o.kind) {
            (Kind::Never, _) | (_, Kind::Top) => true,
            (Kind::Int(a), Kind::Int(b)) => subset(&a.set, &b.set),
            (Kind::Date(a), Kind::Date(b)) => {
                [
                    Part::Year,
                    Part::Month,
                    Part::Day,
                    Part::Ordinal,
                    Part::Hour,
                    Part::Minute,
                    Part::Second,
                ]
                .iter()
                .all(|&p| match (a.part(p), b.part(p)) {
                    (Some(x), Some(y)) => subset(x, y),
                    _ => true,
                }) && (b.leap.is_none() || a.leap == b.leap)
                    && (!b.not_feb29 || a.not_feb29)
            }
            (Kind::Tuple(a), Kind::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.within(y))
            }
            _ => false,
        };
        // Constants mixed in change no origin that matters.
        let new_origin = self.prov.without(o.prov).without(Prov::CONST);
        kind && new_origin == Prov::NONE && (o.approx || !self.approx)
    }

    pub fn join(&self, o: &Fact) -> Fact {
        let kind = match (&self.kind, &o.kind) {
            (Kind::Never, k) | (k, Kind::Never) => k.clone(),
            (Kind::Int(a), Kind::Int(b)) => Kind::Int(IntVal {
                set: a.set.join(&b.set),
                rel: match (&a.rel, &b.rel) {
                    (Some(x), Some(y)) if x.place == y.place && x.part == y.part => Some(Rel {
                        place: x.place,
                        part: x.part,
                        offset: x.offset.join(&y.offset),
                    }),
                    _ => None,
                },
                leap: if a.leap == b.leap { a.leap } else { None },
                fits: match (&a.fits, &b.fits) {
                    (Some(x), Some(y)) => x.join(y),
                    _ => None,
                },
            }),
            (Kind::Date(a), Kind::Date(b)) => Kind::Date(a.join(b)),
            (Kind::Opt(a), Kind::Opt(b)) => Kind::Opt(Box::new(OptVal {
                ok: a.ok.join(&b.ok),
                on_ok: if a.on_ok == b.on_ok {
                    a.on_ok.clone()
                } else {
                    Vec::new()
                },
                on_fail: if a.on_fail == b.on_fail {
                    a.on_fail.clone()
                } else {
                    Vec::new()
                },
                can_fail: a.can_fail || b.can_fail,
            })),
            (Kind::Tuple(a), Kind::Tuple(b)) if a.len() == b.len() => {
                Kind::Tuple(a.iter().zip(b).map(|(x, y)| x.join(y)).collect())
            }
            _ => Kind::Top,
        };
        let never = |k: &Kind| matches!(k, Kind::Never);
        Fact {
            kind,
            prov: match (never(&self.kind), never(&o.kind)) {
                (true, false) => o.prov,
                (false, true) => self.prov,
                _ => self.prov | o.prov,
            },
            approx: self.approx || o.approx,
        }
    }
}

/// The facts at one program point: the value of every tracked place that has facts (an absent
/// place has its declaration's default), or `Dead` where the code cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    Dead,
    Live(Rc<BTreeMap<PlaceId, Fact>>),
}

impl State {
    pub fn entry() -> State {
        State::Live(Rc::new(BTreeMap::new()))
    }

    pub fn is_dead(&self) -> bool {
        matches!(self, State::Dead)
    }

    pub fn get(&self, p: PlaceId) -> Option<&Fact> {
        match self {
            State::Dead => None,
            State::Live(m) => m.get(&p),
        }
    }

    pub fn set(&mut self, p: PlaceId, f: Fact) {
        if let State::Live(m) = self {
            Rc::make_mut(m).insert(p, f);
        }
    }

    pub fn remove(&mut self, p: PlaceId) {
        if let State::Live(m) = self {
            if m.contains_key(&p) {
                Rc::make_mut(m).remove(&p);
            }
        }
    }

    /// Joins two states; a place known in one only is joined with `default` of that place.
    pub fn join(&self, o: &State, default: &dyn Fn(PlaceId) -> Fact) -> State {
        match (self, o) {
            (State::Dead, s) | (s, State::Dead) => s.clone(),
            (State::Live(a), State::Live(b)) => {
                if Rc::ptr_eq(a, b) {
                    return self.clone();
                }
                let mut out = BTreeMap::new();
                for (k, fa) in a.iter() {
                    let fb = b.get(k).cloned().unwrap_or_else(|| default(*k));
                    out.insert(*k, fa.join(&fb));
                }
                for (k, fb) in b.iter() {
                    if !a.contains_key(k) {
                        out.insert(*k, default(*k).join(fb));
                    }
                }
                State::Live(Rc::new(out))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_join_meet_and_minus() {
        let m = IntSet::range(1, 12);
        let not_feb = m.minus(&IntSet::exact(2));
        assert_eq!(not_feb.parts(), &[(1, 1), (3, 12)]);
        assert!(!not_feb.contains(2));
        assert_eq!(not_feb.meet(&IntSet::range(2, 2)), IntSet::empty());
        let ends = IntSet::exact(1).join(&IntSet::exact(12));
        assert_eq!(ends.parts(), &[(1, 1), (12, 12)]);
        assert_eq!(
            IntSet::exact(3).join(&IntSet::exact(4)),
            IntSet::range(3, 4)
        );
        // The cap merges the closest parts.
        let many = (0..10).fold(IntSet::empty(), |s, i| s.join(&IntSet::exact(i * 10)));
        assert_eq!(many.parts().len(), MAX_PARTS);
        assert!(many.contains(90) && many.contains(0));
    }

    #[test]
    fn arithmetic() {
        let d = IntSet::range(1, 28);
        assert_eq!(d.add(&IntSet::exact(1)), IntSet::range(2, 29));
        assert_eq!(d.sub(&IntSet::exact(1)), IntSet::range(0, 27));
        assert_eq!(
            IntSet::range(0, 11).rem(&IntSet::exact(12)),
            IntSet::range(0, 11)
        );
        assert_eq!(
            IntSet::range(1, 12)
                .rem(&IntSet::exact(12))
                .add(&IntSet::exact(1)),
            IntSet::range(1, 12)
        );
        assert_eq!(IntSet::exact(13).rem(&IntSet::exact(12)), IntSet::exact(1));
        assert_eq!(
            IntSet::range(-5, 5).rem_euclid(&IntSet::exact(12)),
            IntSet::range(0, 11)
        );
        assert_eq!(
            IntSet::range(1, 31).min(&IntSet::exact(28)),
            IntSet::range(1, 28)
        );
        assert_eq!(IntSet::top().add(&IntSet::exact(1)), IntSet::top());
        let inc = IntSet::exact(-1).join(&IntSet::exact(1));
        assert_eq!(IntSet::exact(5).add(&inc).parts(), &[(4, 4), (6, 6)]);
        assert_eq!(
            IntSet::range(1, 12).restrict(Cmp::Ne, &IntSet::exact(12)),
            IntSet::range(1, 11)
        );
        assert_eq!(
            IntSet::range(1, 12).restrict(Cmp::Gt, &IntSet::exact(11)),
            IntSet::exact(12)
        );
    }

    #[test]
    fn dates_normalize() {
        let mut dec31 = DateVal {
            ord: IntSet::range(365, 366),
            ..DateVal::any()
        };
        dec31.normalize();
        assert_eq!(dec31.m, IntSet::exact(12));
        assert_eq!(dec31.d, IntSet::range(30, 31));
        let mut jan1 = DateVal {
            ord: IntSet::exact(1),
            ..DateVal::any()
        };
        jan1.normalize();
        assert_eq!((jan1.m.single(), jan1.d.single()), (Some(1), Some(1)));
        let mut either = DateVal {
            ord: IntSet::exact(1).join(&IntSet::range(365, 366)),
            ..DateVal::any()
        };
        either.normalize();
        assert!(!either.m.contains(2));
        let mut day31 = DateVal {
            d: IntSet::exact(31),
            ..DateVal::any()
        };
        day31.normalize();
        assert!(!day31.m.contains(2) && !day31.m.contains(4) && day31.m.contains(1));
        let mut mar = DateVal {
            m: IntSet::exact(3),
            d: IntSet::exact(1),
            ..DateVal::any()
        };
        mar.normalize();
        assert_eq!(mar.ord, IntSet::range(60, 61));
    }
}
