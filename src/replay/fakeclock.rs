//! The faked wall clock of `cargo leapcheck replay`, loaded with `LD_PRELOAD`.
//!
//! It replaces the libc wall-clock entry points (`clock_gettime` for the realtime-based clocks,
//! `gettimeofday`, `time`, `timespec_get`, `ftime`); every other clock (monotonic, boottime,
//! CPU clocks) passes through, so timeouts and `Instant` keep measuring real time.
//!
//! Configuration comes from the environment, read once when the library is loaded (before
//! `main`) so that child processes, which inherit the environment, see the same clock:
//!
//! - `LEAPCHECK_FAKE_START`: the faked instant, Unix seconds with optional fraction (`-1.5`).
//! - `LEAPCHECK_FAKE_ANCHOR`: the real Unix time at which the faked clock showed `START`.
//!   The replay driver sets it just before spawning, so a child process started later by the
//!   program continues the same timeline instead of restarting at `START`. Without it the
//!   library's own load time is the anchor.
//! - `LEAPCHECK_FAKE_RATE`: speed of the faked clock relative to the real one (default 1).
//!
//! Faked time = START + (real time - ANCHOR) × RATE.
//!
//! The hot path only reads atomics and calls the real clock: no locks, no allocation, nothing
//! that is not async-signal-safe. The real functions come from `dlsym(RTLD_NEXT, ..)`; if that
//! has not happened yet (a call from another library's constructor racing our own) the raw
//! system call stands in.
//!
//! The root `build.rs` compiles this file alone with `rustc --crate-type cdylib`, so it uses no
//! crates: libc is reached through `extern "C"` declarations.

#![allow(clippy::missing_safety_doc)]
// `c_long` is i64 here but i32 on 32-bit targets: the casts are kept on purpose.
#![allow(clippy::unnecessary_cast)]
// The unit tests cover the arithmetic only; the exported symbols are not built for them (a test
// binary defining `clock_gettime` would interpose its own clock).
#![cfg_attr(test, allow(dead_code))]

use core::ffi::{c_char, c_int, c_long, c_void};
use core::sync::atomic::{AtomicBool, AtomicI64, AtomicU8, AtomicUsize, Ordering};

const NANOS: i64 = 1_000_000_000;
/// Fixed-point unit of the rate: millionths.
const RATE_ONE: i64 = 1_000_000;

/// Parses `[-]digits[.digits]` (the format the driver writes) into units of `10^-scale`.
/// Returns `None` for anything else, so a malformed value disables faking instead of
/// faking a wrong instant.
pub fn parse_decimal(s: &[u8], scale: u32) -> Option<i64> {
    let (neg, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    if s.is_empty() {
        return None;
    }
    let mut int: i128 = 0;
    let mut frac: i128 = 0;
    let mut frac_digits = 0u32;
    let mut seen_dot = false;
    let mut digits = 0usize;
    for &b in s {
        match b {
            b'.' if !seen_dot => seen_dot = true,
            b'0'..=b'9' => {
                digits += 1;
                let d = i128::from(b - b'0');
                if seen_dot {
                    // Digits beyond the scale are truncated.
                    if frac_digits < scale {
                        frac = frac * 10 + d;
                        frac_digits += 1;
                    }
                } else {
                    int = int.checked_mul(10)?.checked_add(d)?;
                    if int > i128::from(i64::MAX) {
                        return None;
                    }
                }
            }
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let unit = 10i128.pow(scale);
    let total = int * unit + frac * 10i128.pow(scale - frac_digits);
    let total = if neg { -total } else { total };
    i64::try_from(total).ok()
}

/// The faked time in nanoseconds for a real time in nanoseconds.
pub fn fake_nanos(real: i64, start: i64, anchor: i64, rate_micros: i64) -> i64 {
    let elapsed = i128::from(real) - i128::from(anchor);
    let scaled = if rate_micros == RATE_ONE {
        elapsed
    } else {
        elapsed * i128::from(rate_micros) / i128::from(RATE_ONE)
    };
    let t = i128::from(start) + scaled;
    t.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Splits nanoseconds into (seconds, nanoseconds in 0..1e9), flooring for times before 1970
/// as `struct timespec` requires.
pub fn split_nanos(ns: i64) -> (i64, i64) {
    (ns.div_euclid(NANOS), ns.rem_euclid(NANOS))
}

#[repr(C)]
pub struct Timespec {
    pub tv_sec: i64,
    pub tv_nsec: c_long,
}

#[repr(C)]
pub struct Timeval {
    pub tv_sec: i64,
    pub tv_usec: i64,
}

#[repr(C)]
pub struct Timeb {
    pub time: i64,
    pub millitm: u16,
    pub timezone: i16,
    pub dstflag: i16,
}

const CLOCK_REALTIME: c_int = 0;
const CLOCK_REALTIME_COARSE: c_int = 5;
const CLOCK_REALTIME_ALARM: c_int = 8;
const CLOCK_TAI: c_int = 11;
const TIME_UTC: c_int = 1;
const RTLD_NEXT: *mut c_void = -1isize as *mut c_void;

#[cfg(target_arch = "x86_64")]
const SYS_CLOCK_GETTIME: c_long = 228;
#[cfg(target_arch = "aarch64")]
const SYS_CLOCK_GETTIME: c_long = 113;

extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn getenv(name: *const c_char) -> *const c_char;
    fn syscall(number: c_long, ...) -> c_long;
}

type ClockGettimeFn = unsafe extern "C" fn(c_int, *mut Timespec) -> c_int;
type GettimeofdayFn = unsafe extern "C" fn(*mut Timeval, *mut c_void) -> c_int;
type TimeFn = unsafe extern "C" fn(*mut i64) -> i64;
type TimespecGetFn = unsafe extern "C" fn(*mut Timespec, c_int) -> c_int;
type FtimeFn = unsafe extern "C" fn(*mut Timeb) -> c_int;

/// 0 = not initialised, 1 = being initialised, 2 = ready.
static STATE: AtomicU8 = AtomicU8::new(0);
static ACTIVE: AtomicBool = AtomicBool::new(false);
static START: AtomicI64 = AtomicI64::new(0);
static ANCHOR: AtomicI64 = AtomicI64::new(0);
static RATE: AtomicI64 = AtomicI64::new(RATE_ONE);
/// CLOCK_TAI − CLOCK_REALTIME in whole seconds (as nanoseconds), measured at start-up.
static TAI_OFFSET: AtomicI64 = AtomicI64::new(0);
static REAL_CLOCK_GETTIME: AtomicUsize = AtomicUsize::new(0);
static REAL_GETTIMEOFDAY: AtomicUsize = AtomicUsize::new(0);
static REAL_TIME: AtomicUsize = AtomicUsize::new(0);
static REAL_TIMESPEC_GET: AtomicUsize = AtomicUsize::new(0);
static REAL_FTIME: AtomicUsize = AtomicUsize::new(0);

// Initialise at load time, before `main` and before other threads exist.
#[cfg(not(test))]
#[used]
#[link_section = ".init_array"]
static INIT_ARRAY: extern "C" fn() = init_ctor;

#[cfg(not(test))]
extern "C" fn init_ctor() {
    ensure_init();
}

unsafe fn resolve(name: &[u8]) -> usize {
    dlsym(RTLD_NEXT, name.as_ptr().cast()) as usize
}

unsafe fn env_bytes(name: &[u8]) -> Option<&'static [u8]> {
    let p = getenv(name.as_ptr().cast());
    if p.is_null() {
        return None;
    }
    Some(core::ffi::CStr::from_ptr(p).to_bytes())
}

/// Returns true when the configuration is ready to use.
fn ensure_init() -> bool {
    match STATE.load(Ordering::Acquire) {
        2 => return true,
        1 => return false,
        _ => {}
    }
    if STATE
        .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        return STATE.load(Ordering::Acquire) == 2;
    }
    unsafe {
        REAL_CLOCK_GETTIME.store(resolve(b"clock_gettime\0"), Ordering::Release);
        REAL_GETTIMEOFDAY.store(resolve(b"gettimeofday\0"), Ordering::Release);
        REAL_TIME.store(resolve(b"time\0"), Ordering::Release);
        REAL_TIMESPEC_GET.store(resolve(b"timespec_get\0"), Ordering::Release);
        REAL_FTIME.store(resolve(b"ftime\0"), Ordering::Release);

        let now = real_nanos(CLOCK_REALTIME);
        let start = env_bytes(b"LEAPCHECK_FAKE_START\0").and_then(|v| parse_decimal(v, 9));
        if let (Some(start), Some(now)) = (start, now) {
            let anchor = env_bytes(b"LEAPCHECK_FAKE_ANCHOR\0")
                .and_then(|v| parse_decimal(v, 9))
                .unwrap_or(now);
            let rate = env_bytes(b"LEAPCHECK_FAKE_RATE\0")
                .and_then(|v| parse_decimal(v, 6))
                .filter(|r| *r >= 0)
                .unwrap_or(RATE_ONE);
            if let Some(tai) = real_nanos(CLOCK_TAI) {
                let off = (tai - now + NANOS / 2).div_euclid(NANOS) * NANOS;
                TAI_OFFSET.store(off, Ordering::Relaxed);
            }
            START.store(start, Ordering::Relaxed);
            ANCHOR.store(anchor, Ordering::Relaxed);
            RATE.store(rate, Ordering::Relaxed);
            ACTIVE.store(true, Ordering::Relaxed);
        }
    }
    STATE.store(2, Ordering::Release);
    true
}

/// Reads a real clock through libc (or the raw system call before `dlsym` has run).
unsafe fn real_clock_gettime(clk: c_int, ts: *mut Timespec) -> c_int {
    let f = REAL_CLOCK_GETTIME.load(Ordering::Acquire);
    if f != 0 {
        let f: ClockGettimeFn = core::mem::transmute::<usize, ClockGettimeFn>(f);
        f(clk, ts)
    } else {
        syscall(SYS_CLOCK_GETTIME, clk as c_long, ts) as c_int
    }
}

unsafe fn real_nanos(clk: c_int) -> Option<i64> {
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    if real_clock_gettime(clk, &mut ts) != 0 {
        return None;
    }
    Some(
        ts.tv_sec
            .wrapping_mul(NANOS)
            .wrapping_add(ts.tv_nsec as i64),
    )
}

/// The faked reading of a realtime-based clock, or `None` when faking is off.
unsafe fn fake_clock(clk: c_int) -> Option<i64> {
    if !ensure_init() || !ACTIVE.load(Ordering::Relaxed) {
        return None;
    }
    let start = START.load(Ordering::Relaxed);
    let anchor = ANCHOR.load(Ordering::Relaxed);
    let rate = RATE.load(Ordering::Relaxed);
    match clk {
        CLOCK_REALTIME | CLOCK_REALTIME_COARSE | CLOCK_REALTIME_ALARM => {
            let real = real_nanos(clk)?;
            Some(fake_nanos(real, start, anchor, rate))
        }
        CLOCK_TAI => {
            let off = TAI_OFFSET.load(Ordering::Relaxed);
            let real = real_nanos(CLOCK_TAI)?;
            Some(fake_nanos(real.wrapping_sub(off), start, anchor, rate).saturating_add(off))
        }
        _ => None,
    }
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn clock_gettime(clk: c_int, ts: *mut Timespec) -> c_int {
    if !ts.is_null() {
        if let Some(ns) = fake_clock(clk) {
            let (s, n) = split_nanos(ns);
            (*ts).tv_sec = s;
            (*ts).tv_nsec = n as c_long;
            return 0;
        }
    }
    real_clock_gettime(clk, ts)
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn gettimeofday(tv: *mut Timeval, tz: *mut c_void) -> c_int {
    let real = REAL_GETTIMEOFDAY.load(Ordering::Acquire);
    if !tv.is_null() {
        if let Some(ns) = fake_clock(CLOCK_REALTIME) {
            if !tz.is_null() && real != 0 {
                // The obsolete timezone argument is still answered by libc.
                let f = core::mem::transmute::<usize, GettimeofdayFn>(real);
                f(core::ptr::null_mut(), tz);
            }
            let (s, n) = split_nanos(ns);
            (*tv).tv_sec = s;
            (*tv).tv_usec = n / 1000;
            return 0;
        }
    }
    if real != 0 {
        let f = core::mem::transmute::<usize, GettimeofdayFn>(real);
        return f(tv, tz);
    }
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    let r = real_clock_gettime(CLOCK_REALTIME, &mut ts);
    if r == 0 && !tv.is_null() {
        (*tv).tv_sec = ts.tv_sec;
        (*tv).tv_usec = (ts.tv_nsec / 1000) as i64;
    }
    r
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn time(t: *mut i64) -> i64 {
    let secs = match fake_clock(CLOCK_REALTIME) {
        Some(ns) => split_nanos(ns).0,
        None => {
            let real = REAL_TIME.load(Ordering::Acquire);
            if real != 0 {
                let f = core::mem::transmute::<usize, TimeFn>(real);
                return f(t);
            }
            match real_nanos(CLOCK_REALTIME) {
                Some(ns) => split_nanos(ns).0,
                None => -1,
            }
        }
    };
    if !t.is_null() {
        *t = secs;
    }
    secs
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn timespec_get(ts: *mut Timespec, base: c_int) -> c_int {
    if base == TIME_UTC && !ts.is_null() {
        if let Some(ns) = fake_clock(CLOCK_REALTIME) {
            let (s, n) = split_nanos(ns);
            (*ts).tv_sec = s;
            (*ts).tv_nsec = n as c_long;
            return base;
        }
    }
    let real = REAL_TIMESPEC_GET.load(Ordering::Acquire);
    if real != 0 {
        let f = core::mem::transmute::<usize, TimespecGetFn>(real);
        return f(ts, base);
    }
    if base == TIME_UTC && !ts.is_null() && real_clock_gettime(CLOCK_REALTIME, ts) == 0 {
        return base;
    }
    0
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn ftime(tb: *mut Timeb) -> c_int {
    if !tb.is_null() {
        if let Some(ns) = fake_clock(CLOCK_REALTIME) {
            let (s, n) = split_nanos(ns);
            (*tb).time = s;
            (*tb).millitm = (n / 1_000_000) as u16;
            (*tb).timezone = 0;
            (*tb).dstflag = 0;
            return 0;
        }
    }
    let real = REAL_FTIME.load(Ordering::Acquire);
    if real != 0 {
        let f = core::mem::transmute::<usize, FtimeFn>(real);
        return f(tb);
    }
    -1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_driver_format() {
        assert_eq!(parse_decimal(b"1709208000", 9), Some(1_709_208_000 * NANOS));
        assert_eq!(parse_decimal(b"1.5", 9), Some(1_500_000_000));
        assert_eq!(parse_decimal(b"-1", 9), Some(-NANOS));
        assert_eq!(parse_decimal(b"-0.000000001", 9), Some(-1));
        assert_eq!(parse_decimal(b"2", 6), Some(2 * RATE_ONE));
        assert_eq!(parse_decimal(b"0.25", 6), Some(250_000));
        assert_eq!(parse_decimal(b"1.0000000009", 9), Some(NANOS));
    }

    #[test]
    fn rejects_garbage() {
        for bad in [&b""[..], b"-", b".", b"1e9", b"12a", b"1.2.3", b" 1"] {
            assert_eq!(parse_decimal(bad, 9), None, "{bad:?}");
        }
        assert_eq!(parse_decimal(b"99999999999999999999999", 9), None);
    }

    #[test]
    fn fake_time_advances_from_start_at_rate() {
        let start = 1_709_164_800 * NANOS; // 2024-02-29T00:00:00Z
        let anchor = 1_800_000_000 * NANOS;
        assert_eq!(fake_nanos(anchor, start, anchor, RATE_ONE), start);
        assert_eq!(
            fake_nanos(anchor + 5 * NANOS, start, anchor, RATE_ONE),
            start + 5 * NANOS
        );
        assert_eq!(
            fake_nanos(anchor + 5 * NANOS, start, anchor, 2 * RATE_ONE),
            start + 10 * NANOS
        );
        assert_eq!(fake_nanos(i64::MAX, i64::MAX, 0, 10 * RATE_ONE), i64::MAX);
    }

    #[test]
    fn splits_before_epoch_like_timespec() {
        assert_eq!(split_nanos(-1), (-1, NANOS - 1));
        assert_eq!(split_nanos(-NANOS), (-1, 0));
        assert_eq!(split_nanos(NANOS + 7), (1, 7));
    }
}
