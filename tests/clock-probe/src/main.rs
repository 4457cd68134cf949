//! Prints, one `name=unix_seconds` per line, what each wall-clock API of a Rust program sees,
//! so the replay tests can check that the faked clock reaches all of them; then measures a
//! 50 ms sleep with `Instant` (which must stay on the real monotonic clock).
//!
//! `clock-probe check EXPECTED [RATE]` does the same and then compares: every reading must be
//! within 5 s of EXPECTED (Unix seconds; `auto` takes the instant replay configured from
//! LEAPCHECK_FAKE_START and skips the wall-clock checks on the real clock), the 50 ms sleep must measure 40..500 ms on
//! `Instant`, and the wall clock must advance by about 50 ms × RATE across it; any mismatch
//! is listed on stderr and the exit status is 1.
//! `clock-probe hang PIDFILE` starts a child `sleep`, appends its pid to PIDFILE and sleeps
//! forever (timeout tests); `clock-probe panic` panics with a known message;
//! `clock-probe next-month` renews "the same day next month" with chrono the naive way, the
//! month-arithmetic bug the sweep tests look for (it panics on Jan 30 and 31 of a leap year).

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn system_time_secs(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => {
            let d = e.duration();
            -(d.as_secs() as i64) - i64::from(d.subsec_nanos() > 0)
        }
    }
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "hang" => {
            // A grandchild that would outlive us unless the whole process group is killed.
            let child = std::process::Command::new("sleep").arg("1000").spawn();
            if let (Ok(child), Some(file)) = (child, std::env::args().nth(2)) {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(file)
                    .expect("open pid file");
                writeln!(f, "{}", child.id()).expect("write pid file");
            }
            loop {
                std::thread::sleep(Duration::from_secs(1000));
            }
        }
        "panic" => panic!("probe panic: {}", system_time_secs(SystemTime::now())),
        "next-month" => {
            use chrono::Datelike;
            let today = chrono::Utc::now().date_naive();
            let (y, m) = if today.month() == 12 {
                (today.year() + 1, 1)
            } else {
                (today.year(), today.month() + 1)
            };
            let renewal = chrono::NaiveDate::from_ymd_opt(y, m, today.day())
                .expect("the same day next month exists");
            println!("renews on {renewal}");
            return;
        }
        _ => {}
    }

    let mut readings: Vec<(&str, i64)> = vec![
        ("system_time", system_time_secs(SystemTime::now())),
        ("chrono", chrono::Utc::now().timestamp()),
        ("time", time::OffsetDateTime::now_utc().unix_timestamp()),
        ("jiff", jiff::Timestamp::now().as_second()),
    ];
    // SAFETY: plain libc calls with valid out-pointers.
    unsafe {
        readings.push(("libc_time", libc::time(std::ptr::null_mut())));
        let mut tv = libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        libc::gettimeofday(&mut tv, std::ptr::null_mut());
        readings.push(("gettimeofday", tv.tv_sec));
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        libc::clock_gettime(libc::CLOCK_REALTIME_COARSE, &mut ts);
        readings.push(("realtime_coarse", ts.tv_sec));
        libc::clock_gettime(libc::CLOCK_TAI, &mut ts);
        readings.push(("tai", ts.tv_sec));
    }
    let thread = std::thread::spawn(|| system_time_secs(SystemTime::now()))
        .join()
        .unwrap_or(i64::MIN);
    readings.push(("thread", thread));
    let child = std::process::Command::new("date")
        .arg("+%s")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(i64::MIN);
    readings.push(("child_date", child));
    let wall0 = SystemTime::now();
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    let instant_ms = t0.elapsed().as_millis() as i64;
    let wall_ms = match SystemTime::now().duration_since(wall0) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    };
    for (name, v) in &readings {
        println!("{name}={v}");
    }
    println!("instant_50ms={instant_ms}");
    println!("wall_50ms={wall_ms}");

    if mode == "check" {
        let mut args = std::env::args().skip(2);
        let expected = match args.next().as_deref() {
            Some("auto") => std::env::var("LEAPCHECK_FAKE_START")
                .ok()
                .and_then(|v| v.split('.').next().and_then(|s| s.parse().ok())),
            Some(n) => n.parse().ok(),
            None => None,
        };
        let rate: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
        let mut bad: Vec<String> = readings
            .iter()
            .filter(|_| expected.is_some())
            .filter(|(name, v)| {
                // TAI runs ahead of UTC by the leap seconds (37 s) when the kernel knows them.
                let slack = if *name == "tai" { 40 } else { 5 };
                (v - expected.unwrap_or(*v)).abs() > slack
            })
            .map(|(name, v)| format!("{name}={v} (expected about {expected:?})"))
            .collect();
        if !(40..500).contains(&instant_ms) {
            bad.push(format!("instant_50ms={instant_ms}"));
        }
        let want = 50.0 * rate;
        if (wall_ms as f64) < want * 0.8 || (wall_ms as f64) > want * 3.0 + 200.0 {
            bad.push(format!("wall_50ms={wall_ms} (expected about {want})"));
        }
        if !bad.is_empty() {
            eprintln!("clock mismatch: {}", bad.join(", "));
            std::process::exit(1);
        }
    }
}
