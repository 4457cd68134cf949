//! Shared by the fuzz targets: run the engine on a thread with the CLI's large stack (syn
//! recurses once per nesting level; libFuzzer's own thread has 8 MiB), and check what must
//! hold for every input: no panic, every span inside the text and on character boundaries.

use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};

use leapcheck_lints::{check_source, check_source_with_suppressions, CivilDate, Options};

type Job = (String, mpsc::Sender<std::thread::Result<()>>);

fn worker() -> &'static Mutex<mpsc::Sender<Job>> {
    static W: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    W.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(move || {
                for (src, reply) in rx {
                    let r = std::panic::catch_unwind(|| check(&src));
                    let _ = reply.send(r);
                }
            })
            .expect("spawn the checking thread");
        Mutex::new(tx)
    })
}

/// Runs every entry point on `src`; a panic in the engine is re-raised here, so libFuzzer sees
/// it as a crash.
pub fn run(src: String) {
    let (tx, rx) = mpsc::channel();
    worker().lock().unwrap().send((src, tx)).expect("worker alive");
    if let Err(panic) = rx.recv().expect("worker replies") {
        std::panic::resume_unwind(panic);
    }
}

fn check(src: &str) {
    for prefilter in [true, false] {
        let opts = Options {
            check_tests: true,
            today: CivilDate::new(2028, 2, 29),
            prefilter,
            ..Options::default()
        };
        match check_source(src, &opts) {
            Ok(diags) => {
                for d in &diags {
                    assert_span(src, d.span.start, d.span.end);
                    if let Some(r) = d.help.as_ref().and_then(|h| h.replacement.as_ref()) {
                        assert_span(src, r.span.start, r.span.end);
                    }
                }
            }
            Err(e) => assert!(e.offset <= src.len(), "parse error offset past the end"),
        }
        if let Ok(checked) = check_source_with_suppressions(src, &opts) {
            for c in &checked {
                assert_span(src, c.diag.span.start, c.diag.span.end);
            }
        }
    }
}

fn assert_span(src: &str, start: usize, end: usize) {
    assert!(start <= end && end <= src.len(), "span {start}..{end} outside 0..{}", src.len());
    assert!(src.is_char_boundary(start) && src.is_char_boundary(end), "span {start}..{end} splits a character");
}
