// wall_clock_elapsed_time: an elapsed time, a timeout or a deadline measured between two reads
// of the wall clock in one process (SystemTime, chrono's Utc/Local, time's OffsetDateTime,
// jiff's Timestamp/Zoned). The clock steps; Instant does not.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, Utc};

// ---------------------------------------------------------------- std

// flagged: the shape of the issue: a duration between two SystemTime reads, unwrapped
pub fn timed(work: impl FnOnce()) -> Duration {
    let start = SystemTime::now();
    work();
    SystemTime::now().duration_since(start).unwrap() //~ WARN wall_clock_elapsed_time
}

// flagged: SystemTime::elapsed() on a start read here
pub fn poll(mut ready: impl FnMut() -> bool, timeout: Duration) -> bool {
    let start = SystemTime::now();
    while !ready() {
        if start.elapsed().unwrap_or_default() > timeout { //~ WARN wall_clock_elapsed_time
            return false;
        }
    }
    true
}

// flagged: seconds since the epoch, subtracted (through a same-file helper that reads the clock)
fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

pub fn retry(mut attempt: impl FnMut() -> bool) {
    let began = now_secs();
    while !attempt() {
        if now_secs() - began > 30 { //~ WARN wall_clock_elapsed_time
            break;
        }
    }
}

// flagged: a deadline computed from the wall clock
pub fn wait_until_done(done: impl Fn() -> bool) {
    let deadline = SystemTime::now() + Duration::from_secs(5);
    while !done() && SystemTime::now() < deadline {} //~ WARN wall_clock_elapsed_time
}

// flagged: a field that is only ever set to the clock, in a type that is not deserialized
pub struct Session {
    started: SystemTime,
}

impl Session {
    pub fn new() -> Session {
        Session {
            started: SystemTime::now(),
        }
    }

    pub fn age_secs(&self) -> u64 {
        self.started.elapsed().expect("clock went back").as_secs() //~ WARN wall_clock_elapsed_time
    }

    // not flagged: a step back (the `Err`) is handled on purpose, as expired
    pub fn expired(&self, ttl: Duration) -> bool {
        self.started.elapsed().map_or(true, |age| age > ttl)
    }
}

// flagged: a field that starts at the epoch ("save at the first chance") and is then only
// set to the clock: after a step back, nothing is saved until the clock catches up
pub struct Saver {
    last_save: DateTime<Utc>,
}

impl Saver {
    pub fn new() -> Saver {
        Saver {
            last_save: DateTime::<Utc>::MIN_UTC,
        }
    }

    pub fn maybe_save(&mut self, every: chrono::Duration) -> bool {
        if Utc::now() - self.last_save > every { //~ WARN wall_clock_elapsed_time
            self.last_save = Utc::now();
            return true;
        }
        false
    }
}

// not flagged: a cache whose `Err` arm refreshes, like a step forward does
pub struct Cache {
    checked: SystemTime,
}

impl Cache {
    pub fn get(&mut self, refresh: impl FnOnce()) {
        let now = SystemTime::now();
        match now.duration_since(self.checked) {
            Ok(d) if d.as_secs() < 1 => {}
            Ok(_) | Err(_) => {
                refresh();
                self.checked = now;
            }
        }
    }
}

// ---------------------------------------------------------------- chrono

// flagged: chrono's difference of two reads, used as a timeout
pub fn slow(run: impl FnOnce(), limit: i64) -> bool {
    let start = Utc::now();
    run();
    (Utc::now() - start).num_seconds() > limit //~ WARN wall_clock_elapsed_time
}

// flagged: the local clock through naive_local(): a DST change moves it by an hour too; the
// negative duration makes `to_std()` fail
pub fn took(run: impl FnOnce()) -> Duration {
    let t0 = Local::now().naive_local();
    run();
    let t1 = Local::now().naive_local();
    t1.signed_duration_since(t0).to_std().unwrap() //~ WARN wall_clock_elapsed_time
}

// flagged: a measurement restarted in a loop (every write of `last` is a read)
pub fn throttle(mut tick: impl FnMut()) {
    let mut last = Utc::now();
    loop {
        tick();
        if Utc::now().signed_duration_since(last).num_seconds() >= 1 { //~ WARN wall_clock_elapsed_time
            last = Utc::now();
        }
    }
}

// ---------------------------------------------------------------- time

// flagged: time's OffsetDateTime, the measurement bound to a name and compared later
pub fn time_budget(mut step: impl FnMut() -> bool) {
    let start = time::OffsetDateTime::now_utc();
    while step() {
        let spent = time::OffsetDateTime::now_utc() - start; //~ WARN wall_clock_elapsed_time
        log::debug!("spent {spent}");
        if spent.whole_seconds() > 10 {
            break;
        }
    }
}

// ---------------------------------------------------------------- jiff

// flagged: jiff's Timestamp
pub fn jiff_slow(run: impl FnOnce()) -> bool {
    let start = jiff::Timestamp::now();
    run();
    jiff::Timestamp::now().duration_since(start) > jiff::SignedDuration::from_secs(2) //~ WARN wall_clock_elapsed_time
}

// flagged: `?` turns a clock step into an error for the caller
pub fn checked_took(run: impl FnOnce()) -> Result<Duration, std::time::SystemTimeError> {
    let start = SystemTime::now();
    run();
    let took = start.elapsed()?; //~ WARN wall_clock_elapsed_time
    Ok(took)
}

// ---------------------------------------------------------------- look-alikes (silent)

// not flagged: Instant is the fix
pub fn monotonic(work: impl FnOnce()) -> Duration {
    let start = Instant::now();
    work();
    start.elapsed()
}

// not flagged: a timestamp, not an elapsed time
pub fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

// not flagged: the start comes from outside the process (a file's mtime)
pub fn age_of(path: &std::path::Path) -> std::io::Result<Duration> {
    let modified = std::fs::metadata(path)?.modified()?;
    Ok(SystemTime::now().duration_since(modified).unwrap_or_default())
}

// not flagged: a stored timestamp passed in (a token's issue time, a request header)
pub fn token_age(issued_at: DateTime<Utc>) -> i64 {
    (Utc::now() - issued_at).num_seconds()
}

// not flagged: one read, shifted: a window, not a measurement
pub fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    let now = Utc::now();
    let from = now - chrono::Duration::days(7);
    let span = now - from;
    let _ = span;
    (from, now)
}

// not flagged: a calendar date read twice: a day change, not an elapsed time
pub fn new_day(last: &mut chrono::NaiveDate) -> bool {
    let first = Local::now().date_naive();
    let today = Local::now().date_naive();
    let changed = today != *last || today > first;
    *last = today;
    changed
}

// not flagged: a field also set from stored data
#[derive(serde::Deserialize)]
pub struct Entry {
    written: SystemTime,
}

impl Entry {
    pub fn fresh() -> Entry {
        Entry {
            written: SystemTime::now(),
        }
    }

    pub fn stale(&self) -> bool {
        self.written.elapsed().map_or(true, |d| d.as_secs() > 60)
    }
}

// not flagged: a measurement that is only shown or kept as a metric decides nothing: a clock
// step makes one value wrong
pub struct Metrics {
    pub duration: Result<Duration, std::time::SystemTimeError>,
}

pub fn measured(run: impl FnOnce(), metrics: &mut Metrics) {
    let start = SystemTime::now();
    run();
    metrics.duration = SystemTime::now().duration_since(start);
    let t0 = Utc::now();
    run();
    println!("took {} ms", (Utc::now() - t0).num_milliseconds());
}

// not flagged: a variable that was a read but is then moved by other values
pub fn moved(offset: Duration) -> Duration {
    let mut t = SystemTime::now();
    t += offset;
    SystemTime::now().duration_since(t).unwrap_or_default()
}
