//! Parsing only the items that can matter (the prefilter, `select.rs`) finds exactly what
//! parsing the whole file finds: every UI fixture and every lint page's example, checked both
//! ways, with every lint and in test code too, and with every group of items that read each
//! other parsed and checked on its own. (`bench/prefilter-equivalence.sh` compares the
//! same over the real-crate corpora.)

use std::path::Path;

use leapcheck_lints::{check_source_with_suppressions, Options};

fn findings(src: &str, prefilter: bool, check_tests: bool) -> Vec<String> {
    let opts = Options {
        prefilter,
        check_tests,
        ..Options::default()
    };
    match check_source_with_suppressions(src, &opts) {
        Ok(found) => found
            .iter()
            .map(|c| {
                let d = &c.diag;
                format!(
                    "{} {:?} {:?} {} | {} | {:?} | {:?} | {:?}",
                    d.lint.name,
                    d.span,
                    d.certainty,
                    d.message,
                    d.label,
                    d.notes,
                    d.help,
                    c.suppressed
                )
            })
            .collect(),
        Err(e) => vec![format!("parse error at {}", e.offset)],
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["tests/ui", "lints/docs"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap();
            match p.extension().and_then(|e| e.to_str()) {
                Some("rs") => out.push((p.display().to_string(), text)),
                // The pages' Rust examples.
                Some("md") => {
                    for (i, block) in text.split("```rust").skip(1).enumerate() {
                        let code = block.split("```").next().unwrap_or("");
                        out.push((
                            format!("{} example {}", p.display(), i + 1),
                            code.to_string(),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn item_level_parsing_finds_what_whole_file_parsing_finds() {
    let sources = sources();
    assert!(sources.len() > 40, "fixtures found: {}", sources.len());
    let mut compared = 0;
    for (name, src) in &sources {
        for check_tests in [false, true] {
            let items = findings(src, true, check_tests);
            let whole = findings(src, false, check_tests);
            // Every group of items that read each other in a batch of its own.
            let batches = leapcheck_lints::with_batch_bytes(1, || findings(src, true, check_tests));
            assert!(
                batches == items,
                "{name} (check_tests: {check_tests}): batch by batch {batches:#?}\n all at once {items:#?}"
            );
            // A syntax error in an item that is not parsed is not reported (by design).
            if whole.iter().any(|f| f.starts_with("parse error")) {
                continue;
            }
            let only = |a: &[String], b: &[String]| -> Vec<String> {
                a.iter().filter(|f| !b.contains(f)).cloned().collect()
            };
            assert!(
                items == whole,
                "{name} (check_tests: {check_tests}):\n only item by item: {:#?}\n only whole: {:#?}",
                only(&items, &whole),
                only(&whole, &items)
            );
            compared += 1;
        }
    }
    assert!(compared > 80, "{compared}");
}
