//! Prints, one `name=unix_seconds` per line, what each wall-clock API of a Rust program sees,
//! so the replay tests can check that the faked clock reaches all of them; then measures a
//! 50 ms sleep with `Instant` (which must stay on the real monotonic clock).
//!
//! `clock-probe hang` instead starts a child `sleep` and sleeps forever (timeout tests);
//! `clock-probe panic` panics with a known message.

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
            if let Ok(child) = child {
                println!("child={}", child.id());
            }
            loop {
                std::thread::sleep(Duration::from_secs(1000));
            }
        }
        "panic" => panic!("probe panic: {}", system_time_secs(SystemTime::now())),
        _ => {}
    }

    println!("system_time={}", system_time_secs(SystemTime::now()));
    println!("chrono={}", chrono::Utc::now().timestamp());
    println!("time={}", time::OffsetDateTime::now_utc().unix_timestamp());
    println!("jiff={}", jiff::Timestamp::now().as_second());
    // SAFETY: plain libc calls with valid out-pointers.
    unsafe {
        println!("libc_time={}", libc::time(std::ptr::null_mut()));
        let mut tv = libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        libc::gettimeofday(&mut tv, std::ptr::null_mut());
        println!("gettimeofday={}", tv.tv_sec);
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        libc::clock_gettime(libc::CLOCK_REALTIME_COARSE, &mut ts);
        println!("realtime_coarse={}", ts.tv_sec);
        libc::clock_gettime(libc::CLOCK_TAI, &mut ts);
        println!("tai={}", ts.tv_sec);
    }
    let thread = std::thread::spawn(|| system_time_secs(SystemTime::now()))
        .join()
        .unwrap_or(i64::MIN);
    println!("thread={thread}");
    match std::process::Command::new("date").arg("+%s").output() {
        Ok(out) => println!("child_date={}", String::from_utf8_lossy(&out.stdout).trim()),
        Err(e) => println!("child_date=error {e}"),
    }
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_millis(50));
    println!("instant_50ms={}", t0.elapsed().as_millis());
}
