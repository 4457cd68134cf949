//! Developer probe: runs the engine alone on files and prints one line per finding, without
//! the CLI's discovery, levels or rendering. `cargo run -p leapcheck-lints --example probe F..`
fn main() {
    let opts = leapcheck_lints::Options {
        check_tests: true,
        test_file: false,
        today: leapcheck_lints::CivilDate::new(2026, 11, 24),
        ..Default::default()
    };
    for path in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        match leapcheck_lints::check_source(&src, &opts) {
            Ok(diags) => {
                for d in diags {
                    let line = src[..d.span.start].matches('\n').count() + 1;
                    println!(
                        "{path}:{line}: {}: {} [{}]",
                        d.lint.name, d.message, d.label
                    );
                    for n in &d.notes {
                        println!("    note: {n}");
                    }
                }
            }
            Err(e) => println!("{path}: parse error at byte {}: {}", e.offset, e.message),
        }
    }
}
