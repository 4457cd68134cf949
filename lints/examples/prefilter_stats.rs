//! Developer tool: how many files (and bytes) of a tree pass the prefilter with the default
//! lint levels. `cargo run --release -p leapcheck-lints --example prefilter_stats DIR`
use leapcheck_lints::{prefilter, Level, LintSet, LINTS};

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let wanted = LINTS
        .iter()
        .filter(|l| l.default_level() != Level::Allow)
        .fold(LintSet::EMPTY, |s, l| s.with(LintSet::of(l)));
    let (mut files, mut bytes, mut pass_files, mut pass_bytes) = (0usize, 0usize, 0usize, 0usize);
    let t = std::time::Instant::now();
    let mut per_lint = vec![0usize; LINTS.len()];
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&p) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let Ok(src) = std::fs::read_to_string(&path) else {
                    continue;
                };
                files += 1;
                bytes += src.len();
                let active = prefilter::scan(&src, wanted);
                if src.len() > 300_000 && !active.is_empty() {
                    let names: Vec<&str> = LINTS
                        .iter()
                        .filter(|l| active.contains(l))
                        .map(|l| l.name)
                        .collect();
                    eprintln!("big: {} {} {:?}", src.len(), path.display(), names);
                }
                if !active.is_empty() {
                    pass_files += 1;
                    pass_bytes += src.len();
                }
                for (i, l) in LINTS.iter().enumerate() {
                    if active.contains(l) {
                        per_lint[i] += src.len();
                    }
                }
            }
        }
    }
    println!(
        "{pass_files}/{files} files, {:.1}/{:.1} MB pass; {:.2} s",
        pass_bytes as f64 / 1e6,
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    for (i, l) in LINTS.iter().enumerate() {
        if per_lint[i] > 0 {
            println!("  {:>7.1} MB  {}", per_lint[i] as f64 / 1e6, l.name);
        }
    }
}
