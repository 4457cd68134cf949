//! The faked wall clock of `cargo leapcheck replay`, loaded with `LD_PRELOAD`.
//!
//! It replaces the libc wall-clock entry points (`clock_gettime` for the realtime-based clocks,
//! `gettimeofday`, `time`, `timespec_get`, `ftime`); every other clock (monotonic, boottime,
//! CPU clocks) passes through, so timeouts and `Instant` keep measuring real time.
//!
//! Waits on an absolute wall-clock deadline (`pthread_cond_timedwait`, `sem_timedwait`,
//! `pthread_mutex_timedlock`, `clock_nanosleep(.., TIMER_ABSTIME, ..)`, `timerfd_settime` with
//! `TFD_TIMER_ABSTIME`, their `*clock*` variants, ...) get a deadline on the faked clock from the
//! program: it is translated to the real clock before the real call, so a wait of one faked
//! second lasts one real second at every instant. Deadlines on the monotonic clock pass through.
//!
//! Configuration comes from the environment, read once when the library is loaded (before
//! `main`) so that child processes, which inherit the environment, see the same clock:
//!
//! - `LEAPCHECK_FAKE_START`: the faked instant, Unix seconds with optional fraction (`-1.5`);
//!   any instant with a 64-bit `time_t` (the arithmetic is done in 128 bits).
//! - `LEAPCHECK_FAKE_ANCHOR`: the real Unix time at which the faked clock showed `START`.
//!   The replay driver sets it just before spawning, so a child process started later by the
//!   program continues the same timeline instead of restarting at `START`. Without it the
//!   library's own load time is the anchor.
//! - `LEAPCHECK_FAKE_RATE`: speed of the faked clock relative to the real one (default 1;
//!   0 freezes it), in steps of 0.000001.
//! - `LEAPCHECK_FAKE_COUNTER`: a file of at least [`COUNTER_BYTES`] bytes, mapped shared, in
//!   which every process of the run counts its wall-clock reads (so replay can tell a program
//!   that never read the clock from one that passed).
//!
//! Faked time = START + max(real time - ANCHOR, 0) × RATE. The clamp at zero matters for
//! `CLOCK_REALTIME_COARSE`, which lags the precise clock the anchor was read from by up to a
//! scheduler tick: without it a coarse read just after start shows a time before START (the
//! last second before 2038, or Dec 31 1969).
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
use core::sync::atomic::{AtomicBool, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicU8};
use core::sync::atomic::{AtomicUsize, Ordering};

const NANOS: i128 = 1_000_000_000;
/// Fixed-point unit of the rate: millionths.
const RATE_ONE: i64 = 1_000_000;

/// Size of the counter file: one page, of which the first [`Counter`] slots are used.
pub const COUNTER_BYTES: usize = 4096;

/// Slots of the shared counter file (little-endian `u64`s, in this order).
#[derive(Copy, Clone)]
pub enum Counter {
    /// Wall-clock reads answered with the faked time.
    ClockReads = 0,
    /// Processes that loaded the library with a faked clock.
    Processes = 1,
    /// Absolute wall-clock deadlines translated to the real clock.
    DeadlinesTranslated = 2,
}

/// Parses `[-]digits[.digits]` (the format the driver writes) into units of `10^-scale`.
/// Returns `None` for anything else, so a malformed value disables faking instead of
/// faking a wrong instant.
pub fn parse_decimal(s: &[u8], scale: u32) -> Option<i128> {
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
    Some(if neg { -total } else { total })
}

/// The faked time in nanoseconds for a real time in nanoseconds. Time before the anchor
/// counts as none (see the module documentation: the coarse clock lags).
pub fn fake_nanos(real: i64, start: i128, anchor: i64, rate_micros: i64) -> i128 {
    let elapsed = (i128::from(real) - i128::from(anchor)).max(0);
    let scaled = if rate_micros == RATE_ONE {
        elapsed
    } else {
        elapsed * i128::from(rate_micros) / i128::from(RATE_ONE)
    };
    start + scaled
}

/// The real deadline for a deadline on the faked clock, both in nanoseconds: as far from the
/// real now as the faked deadline is from the faked now, in real time (a frozen clock,
/// rate 0, waits the faked distance in real time rather than forever).
pub fn real_deadline(fake_deadline: i128, fake_now: i128, real_now: i64, rate_micros: i64) -> i128 {
    let remaining = fake_deadline - fake_now;
    let real_remaining = if rate_micros > 0 && rate_micros != RATE_ONE {
        remaining * i128::from(RATE_ONE) / i128::from(rate_micros)
    } else {
        remaining
    };
    i128::from(real_now) + real_remaining
}

/// Splits nanoseconds into (seconds, nanoseconds in 0..1e9), flooring for times before 1970
/// as `struct timespec` requires; seconds saturate at the range of a 64-bit `time_t`.
pub fn split_nanos(ns: i128) -> (i64, i64) {
    let secs = ns.div_euclid(NANOS);
    let sub = ns.rem_euclid(NANOS) as i64;
    match i64::try_from(secs) {
        Ok(s) => (s, sub),
        Err(_) if secs < 0 => (i64::MIN, 0),
        Err(_) => (i64::MAX, NANOS as i64 - 1),
    }
}

#[repr(C)]
#[derive(Copy, Clone)]
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

#[repr(C)]
#[derive(Copy, Clone)]
pub struct Itimerspec {
    pub it_interval: Timespec,
    pub it_value: Timespec,
}

const CLOCK_REALTIME: c_int = 0;
const CLOCK_REALTIME_COARSE: c_int = 5;
const CLOCK_REALTIME_ALARM: c_int = 8;
const CLOCK_TAI: c_int = 11;
const TIME_UTC: c_int = 1;
const TIMER_ABSTIME: c_int = 1;
const TFD_TIMER_ABSTIME: c_int = 1;
const ENOSYS: c_int = 38;
const RTLD_NEXT: *mut c_void = -1isize as *mut c_void;
const RTLD_DEFAULT: *mut c_void = core::ptr::null_mut();
const O_RDONLY: c_int = 0;
const O_RDWR: c_int = 2;
const O_CLOEXEC: c_int = 0o2_000_000;
const PROT_READ_WRITE: c_int = 3;
const MAP_SHARED: c_int = 1;
const MAP_FAILED: *mut c_void = !0usize as *mut c_void;
/// glibc ≥ 2.25: offset of `__wrefs` in `pthread_cond_t`, whose bit 1 is set when the
/// condition variable waits on CLOCK_MONOTONIC (`__PTHREAD_COND_CLOCK_MONOTONIC_MASK`).
const GLIBC_COND_WREFS_OFFSET: usize = 36;
const GLIBC_COND_MONOTONIC: u32 = 2;

#[cfg(target_arch = "x86_64")]
const SYS_CLOCK_GETTIME: c_long = 228;
#[cfg(target_arch = "aarch64")]
const SYS_CLOCK_GETTIME: c_long = 113;

extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn getenv(name: *const c_char) -> *const c_char;
    fn syscall(number: c_long, ...) -> c_long;
    fn open(path: *const c_char, flags: c_int, ...) -> c_int;
    fn read(fd: c_int, buf: *mut c_void, count: usize) -> isize;
    fn close(fd: c_int) -> c_int;
    fn mmap(
        addr: *mut c_void,
        len: usize,
        prot: c_int,
        flags: c_int,
        fd: c_int,
        off: i64,
    ) -> *mut c_void;
}

type ClockGettimeFn = unsafe extern "C" fn(c_int, *mut Timespec) -> c_int;
type GettimeofdayFn = unsafe extern "C" fn(*mut Timeval, *mut c_void) -> c_int;
type TimeFn = unsafe extern "C" fn(*mut i64) -> i64;
type TimespecGetFn = unsafe extern "C" fn(*mut Timespec, c_int) -> c_int;
type FtimeFn = unsafe extern "C" fn(*mut Timeb) -> c_int;

/// 0 = not initialised, 1 = being initialised, 2 = ready.
static STATE: AtomicU8 = AtomicU8::new(0);
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// START as whole seconds and nanoseconds: 64-bit nanoseconds would stop at 2262.
static START_SEC: AtomicI64 = AtomicI64::new(0);
static START_SUBSEC: AtomicI64 = AtomicI64::new(0);
static ANCHOR: AtomicI64 = AtomicI64::new(0);
static RATE: AtomicI64 = AtomicI64::new(RATE_ONE);
/// CLOCK_TAI − CLOCK_REALTIME in whole seconds (as nanoseconds), measured at start-up.
static TAI_OFFSET: AtomicI64 = AtomicI64::new(0);
/// The C library is glibc, whose `pthread_cond_t` records its clock where we can read it.
static GLIBC: AtomicBool = AtomicBool::new(false);
/// The shared counters (`LEAPCHECK_FAKE_COUNTER`), or null.
static COUNTERS: AtomicPtr<AtomicU64> = AtomicPtr::new(core::ptr::null_mut());
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

/// The next definition of `name` (libc's), looked up on first use: the wait functions may
/// live in a libpthread loaded after us.
unsafe fn next_fn(slot: &AtomicUsize, name: &[u8]) -> usize {
    let f = slot.load(Ordering::Acquire);
    if f != 0 {
        return f;
    }
    let f = resolve(name);
    slot.store(f, Ordering::Release);
    f
}

unsafe fn env_bytes(name: &[u8]) -> Option<&'static [u8]> {
    let p = getenv(name.as_ptr().cast());
    if p.is_null() {
        return None;
    }
    Some(core::ffi::CStr::from_ptr(p).to_bytes())
}

unsafe fn count(which: Counter) {
    let base = COUNTERS.load(Ordering::Relaxed);
    if !base.is_null() {
        (*base.add(which as usize)).fetch_add(1, Ordering::Relaxed);
    }
}

/// Maps the counter file named by `LEAPCHECK_FAKE_COUNTER`, shared with the driver and every
/// other process of the run.
unsafe fn map_counters() {
    let Some(path) = env_bytes(b"LEAPCHECK_FAKE_COUNTER\0") else {
        return;
    };
    if path.is_empty() {
        return;
    }
    // getenv's bytes are NUL-terminated in place.
    let fd = open(path.as_ptr().cast(), O_RDWR | O_CLOEXEC);
    if fd < 0 {
        return;
    }
    let p = mmap(
        core::ptr::null_mut(),
        COUNTER_BYTES,
        PROT_READ_WRITE,
        MAP_SHARED,
        fd,
        0,
    );
    close(fd);
    if p != MAP_FAILED && !p.is_null() {
        COUNTERS.store(p.cast(), Ordering::Relaxed);
    }
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
        let glibc = !dlsym(RTLD_DEFAULT, c"gnu_get_libc_version".as_ptr()).is_null();
        GLIBC.store(glibc, Ordering::Relaxed);

        let now = real_nanos(CLOCK_REALTIME);
        let start = env_bytes(b"LEAPCHECK_FAKE_START\0").and_then(|v| parse_decimal(v, 9));
        if let (Some(start), Some(now)) = (start, now) {
            let anchor = env_bytes(b"LEAPCHECK_FAKE_ANCHOR\0")
                .and_then(|v| parse_decimal(v, 9))
                .and_then(|a| i64::try_from(a).ok())
                .unwrap_or(now);
            let rate = env_bytes(b"LEAPCHECK_FAKE_RATE\0")
                .and_then(|v| parse_decimal(v, 6))
                .and_then(|r| i64::try_from(r).ok())
                .filter(|r| *r >= 0)
                .unwrap_or(RATE_ONE);
            if let Some(tai) = real_nanos(CLOCK_TAI) {
                let off = (tai - now + NANOS as i64 / 2).div_euclid(NANOS as i64) * NANOS as i64;
                TAI_OFFSET.store(off, Ordering::Relaxed);
            }
            let (sec, sub) = split_nanos(start);
            START_SEC.store(sec, Ordering::Relaxed);
            START_SUBSEC.store(sub, Ordering::Relaxed);
            ANCHOR.store(anchor, Ordering::Relaxed);
            RATE.store(rate, Ordering::Relaxed);
            ACTIVE.store(true, Ordering::Relaxed);
            map_counters();
            count(Counter::Processes);
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
            .wrapping_mul(NANOS as i64)
            .wrapping_add(ts.tv_nsec as i64),
    )
}

fn is_wall_clock(clk: c_int) -> bool {
    matches!(
        clk,
        CLOCK_REALTIME | CLOCK_REALTIME_COARSE | CLOCK_REALTIME_ALARM | CLOCK_TAI
    )
}

/// (faked, real) readings of a realtime-based clock, or `None` when faking is off or `clk`
/// is not a wall clock. Counts nothing: the public entry points do.
unsafe fn fake_and_real(clk: c_int) -> Option<(i128, i64)> {
    if !is_wall_clock(clk) || !ensure_init() || !ACTIVE.load(Ordering::Relaxed) {
        return None;
    }
    let start = i128::from(START_SEC.load(Ordering::Relaxed)) * NANOS
        + i128::from(START_SUBSEC.load(Ordering::Relaxed));
    let anchor = ANCHOR.load(Ordering::Relaxed);
    let rate = RATE.load(Ordering::Relaxed);
    let real = real_nanos(clk)?;
    if clk == CLOCK_TAI {
        let off = TAI_OFFSET.load(Ordering::Relaxed);
        let fake = fake_nanos(real.wrapping_sub(off), start, anchor, rate) + i128::from(off);
        return Some((fake, real));
    }
    Some((fake_nanos(real, start, anchor, rate), real))
}

/// The faked reading of a wall clock for the program (counted), or `None` when not faked.
unsafe fn fake_read(clk: c_int) -> Option<i128> {
    let (fake, _) = fake_and_real(clk)?;
    count(Counter::ClockReads);
    Some(fake)
}

/// The real deadline for an absolute deadline the program computed on the faked `clk`, or
/// `None` to pass the original through (not faked, not a wall clock, or an invalid timespec
/// that the real call should reject itself).
unsafe fn translate(clk: c_int, abstime: *const Timespec) -> Option<Timespec> {
    if abstime.is_null() {
        return None;
    }
    let ts = *abstime;
    if !(0..NANOS as c_long).contains(&ts.tv_nsec) {
        return None;
    }
    let (fake_now, real_now) = fake_and_real(clk)?;
    let deadline = i128::from(ts.tv_sec) * NANOS + i128::from(ts.tv_nsec as i64);
    let real = real_deadline(deadline, fake_now, real_now, RATE.load(Ordering::Relaxed));
    // A deadline before 1970 on the real clock has passed, like the faked one: clamp it to
    // the epoch rather than hand the kernel a negative time.
    let (sec, sub) = split_nanos(real.max(0));
    count(Counter::DeadlinesTranslated);
    Some(Timespec {
        tv_sec: sec,
        tv_nsec: sub as c_long,
    })
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn clock_gettime(clk: c_int, ts: *mut Timespec) -> c_int {
    if !ts.is_null() {
        if let Some(ns) = fake_read(clk) {
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
        if let Some(ns) = fake_read(CLOCK_REALTIME) {
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
    let secs = match fake_read(CLOCK_REALTIME) {
        Some(ns) => split_nanos(ns).0,
        None => {
            let real = REAL_TIME.load(Ordering::Acquire);
            if real != 0 {
                let f = core::mem::transmute::<usize, TimeFn>(real);
                return f(t);
            }
            match real_nanos(CLOCK_REALTIME) {
                Some(ns) => split_nanos(i128::from(ns)).0,
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
        if let Some(ns) = fake_read(CLOCK_REALTIME) {
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
        if let Some(ns) = fake_read(CLOCK_REALTIME) {
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

/// The clock a condition variable waits on, when the C library lets us know it: glibc keeps
/// it in a bit of `__wrefs` (set by `pthread_condattr_setclock`). Elsewhere `None`, and its
/// deadlines pass through untranslated: translating a monotonic deadline as a wall-clock one
/// would turn a one-second wait into one of decades.
unsafe fn cond_clock(cond: *mut c_void) -> Option<c_int> {
    if cond.is_null() || !GLIBC.load(Ordering::Relaxed) {
        return None;
    }
    let wrefs = &*(cond
        .cast::<u8>()
        .add(GLIBC_COND_WREFS_OFFSET)
        .cast::<AtomicU32>());
    if wrefs.load(Ordering::Relaxed) & GLIBC_COND_MONOTONIC != 0 {
        None
    } else {
        Some(CLOCK_REALTIME)
    }
}

/// Defines an interposer for a libc wait that takes an absolute deadline: `$clock` is the
/// expression giving the clock the deadline is on (`None`: pass through), `$abstime` the
/// deadline argument; every argument is handed to the real function, the deadline translated.
macro_rules! deadline_wait {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty;
     clock = $clock:expr; abstime = $abstime:ident; missing = $missing:expr;) => {
        $(#[$doc])*
        #[cfg(not(test))]
        #[no_mangle]
        pub unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
            static REAL: AtomicUsize = AtomicUsize::new(0);
            let real = next_fn(&REAL, concat!(stringify!($name), "\0").as_bytes());
            if real == 0 {
                return $missing;
            }
            let f = core::mem::transmute::<usize, unsafe extern "C" fn($($ty),*) -> $ret>(real);
            let clock: Option<c_int> = $clock;
            match clock.and_then(|clk| translate(clk, $abstime)) {
                Some(ts) => {
                    let $abstime: *const Timespec = &ts;
                    f($($arg),*)
                }
                None => f($($arg),*),
            }
        }
    };
}

deadline_wait! {
    /// C's condition variables (and C++'s `wait_until` where libstdc++ uses it).
    fn pthread_cond_timedwait(cond: *mut c_void, mutex: *mut c_void, abstime: *const Timespec) -> c_int;
    clock = cond_clock(cond); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    /// C++'s `condition_variable::wait_until` on `system_clock` (libstdc++ with glibc ≥ 2.30).
    fn pthread_cond_clockwait(cond: *mut c_void, mutex: *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn sem_timedwait(sem: *mut c_void, abstime: *const Timespec) -> c_int;
    clock = Some(CLOCK_REALTIME); abstime = abstime; missing = -1;
}
deadline_wait! {
    fn sem_clockwait(sem: *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = -1;
}
deadline_wait! {
    fn pthread_mutex_timedlock(mutex: *mut c_void, abstime: *const Timespec) -> c_int;
    clock = Some(CLOCK_REALTIME); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_mutex_clocklock(mutex: *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_rwlock_timedrdlock(lock: *mut c_void, abstime: *const Timespec) -> c_int;
    clock = Some(CLOCK_REALTIME); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_rwlock_timedwrlock(lock: *mut c_void, abstime: *const Timespec) -> c_int;
    clock = Some(CLOCK_REALTIME); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_rwlock_clockrdlock(lock: *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_rwlock_clockwrlock(lock: *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_timedjoin_np(thread: core::ffi::c_ulong, retval: *mut *mut c_void, abstime: *const Timespec) -> c_int;
    clock = Some(CLOCK_REALTIME); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    fn pthread_clockjoin_np(thread: core::ffi::c_ulong, retval: *mut *mut c_void, clk: c_int, abstime: *const Timespec) -> c_int;
    clock = Some(clk); abstime = abstime; missing = ENOSYS;
}
deadline_wait! {
    /// Only `TIMER_ABSTIME` sleeps have a deadline; relative ones pass through.
    fn clock_nanosleep(clk: c_int, flags: c_int, req: *const Timespec, rem: *mut Timespec) -> c_int;
    clock = (flags & TIMER_ABSTIME != 0).then_some(clk); abstime = req; missing = ENOSYS;
}

/// The clock of a timerfd, from `/proc/self/fdinfo/FD` (`clockid: N`): the fd may have been
/// created before we were loaded, inherited, or duplicated, so no table of ours would know.
unsafe fn timerfd_clock(fd: c_int) -> Option<c_int> {
    if fd < 0 {
        return None;
    }
    let mut path = [0u8; 40];
    let prefix = b"/proc/self/fdinfo/";
    path[..prefix.len()].copy_from_slice(prefix);
    let mut digits = [0u8; 12];
    let (mut n, mut v) = (0, fd as u32);
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for i in 0..n {
        path[prefix.len() + i] = digits[n - 1 - i];
    }
    let f = open(path.as_ptr().cast(), O_RDONLY | O_CLOEXEC);
    if f < 0 {
        return None;
    }
    let mut buf = [0u8; 512];
    let got = read(f, buf.as_mut_ptr().cast(), buf.len());
    close(f);
    let text = &buf[..usize::try_from(got).ok()?];
    let key = b"clockid:";
    let at = text.windows(key.len()).position(|w| w == key)? + key.len();
    let mut clk: c_int = 0;
    let mut seen = false;
    for &b in &text[at..] {
        match b {
            b' ' | b'\t' if !seen => {}
            b'0'..=b'9' => {
                seen = true;
                clk = clk.checked_mul(10)?.checked_add(c_int::from(b - b'0'))?;
            }
            _ => break,
        }
    }
    seen.then_some(clk)
}

#[cfg(not(test))]
#[no_mangle]
pub unsafe extern "C" fn timerfd_settime(
    fd: c_int,
    flags: c_int,
    new: *const Itimerspec,
    old: *mut Itimerspec,
) -> c_int {
    static REAL: AtomicUsize = AtomicUsize::new(0);
    type TimerfdSettimeFn =
        unsafe extern "C" fn(c_int, c_int, *const Itimerspec, *mut Itimerspec) -> c_int;
    let real = next_fn(&REAL, b"timerfd_settime\0");
    if real == 0 {
        return -1;
    }
    let f = core::mem::transmute::<usize, TimerfdSettimeFn>(real);
    // A zero it_value disarms the timer: nothing to translate.
    if flags & TFD_TIMER_ABSTIME != 0
        && !new.is_null()
        && ((*new).it_value.tv_sec != 0 || (*new).it_value.tv_nsec != 0)
        && ACTIVE.load(Ordering::Relaxed)
    {
        if let Some(value) = timerfd_clock(fd).and_then(|clk| translate(clk, &(*new).it_value)) {
            let spec = Itimerspec {
                it_interval: (*new).it_interval,
                it_value: value,
            };
            return f(fd, flags, &spec, old);
        }
    }
    f(fd, flags, new, old)
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: i64 = NANOS as i64;

    #[test]
    fn parses_the_driver_format() {
        assert_eq!(parse_decimal(b"1709208000", 9), Some(1_709_208_000 * NANOS));
        assert_eq!(parse_decimal(b"1.5", 9), Some(1_500_000_000));
        assert_eq!(parse_decimal(b"-1", 9), Some(-NANOS));
        assert_eq!(parse_decimal(b"-0.000000001", 9), Some(-1));
        assert_eq!(parse_decimal(b"2", 6), Some(2 * i128::from(RATE_ONE)));
        assert_eq!(parse_decimal(b"0.25", 6), Some(250_000));
        assert_eq!(parse_decimal(b"1.0000000009", 9), Some(NANOS));
        // Year 9999 is past what 64-bit nanoseconds hold (2262), not past i128.
        assert_eq!(
            parse_decimal(b"253402300799", 9),
            Some(253_402_300_799 * NANOS)
        );
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
        let anchor = 1_800_000_000 * N;
        assert_eq!(fake_nanos(anchor, start, anchor, RATE_ONE), start);
        assert_eq!(
            fake_nanos(anchor + 5 * N, start, anchor, RATE_ONE),
            start + 5 * NANOS
        );
        assert_eq!(
            fake_nanos(anchor + 5 * N, start, anchor, 2 * RATE_ONE),
            start + 10 * NANOS
        );
        assert_eq!(fake_nanos(anchor + 5 * N, start, anchor, 0), start);
        let far = 253_402_300_799 * NANOS; // 9999-12-31T23:59:59Z
        assert_eq!(fake_nanos(anchor + N, far, anchor, RATE_ONE), far + NANOS);
    }

    /// The coarse clock reads a few milliseconds behind the anchor: that is START, not before.
    #[test]
    fn never_before_start() {
        let start = 2_147_483_648 * NANOS;
        let anchor = 1_800_000_000 * N;
        assert_eq!(
            fake_nanos(anchor - 4_000_000, start, anchor, RATE_ONE),
            start
        );
        assert_eq!(fake_nanos(i64::MIN, start, anchor, 60 * RATE_ONE), start);
    }

    #[test]
    fn deadlines_keep_their_distance_in_real_time() {
        let real_now = 1_800_000_000 * N;
        let fake_now = 2_147_483_648 * NANOS;
        // One faked second ahead is one real second ahead at rate 1 ...
        assert_eq!(
            real_deadline(fake_now + NANOS, fake_now, real_now, RATE_ONE),
            i128::from(real_now) + NANOS
        );
        // ... a twentieth of one at rate 20, and one with a frozen clock.
        assert_eq!(
            real_deadline(fake_now + NANOS, fake_now, real_now, 20 * RATE_ONE),
            i128::from(real_now) + NANOS / 20
        );
        assert_eq!(
            real_deadline(fake_now + NANOS, fake_now, real_now, 0),
            i128::from(real_now) + NANOS
        );
        // A deadline that has passed on the faked clock has passed on the real one.
        assert!(real_deadline(fake_now - NANOS, fake_now, real_now, RATE_ONE) < real_now.into());
    }

    #[test]
    fn splits_before_epoch_like_timespec() {
        assert_eq!(split_nanos(-1), (-1, N - 1));
        assert_eq!(split_nanos(-NANOS), (-1, 0));
        assert_eq!(split_nanos(NANOS + 7), (1, 7));
        assert_eq!(split_nanos(i128::MAX), (i64::MAX, N - 1));
        assert_eq!(split_nanos(i128::MIN), (i64::MIN, 0));
    }
}
