//! Hostile input: the run must end by itself, name every broken file, and still report every
//! finding in the good files at the right line and column. One test per kind of input; each
//! directory also holds `good.rs` with one known finding, which must always be reported.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Project, Run, LIMIT};

/// The finding every scenario must still report: line 2, column 9 (a year written as 365 days,
/// added to a time to compute "next year").
const GOOD: &str = "fn next_year(t: std::time::SystemTime) -> std::time::SystemTime {
    t + std::time::Duration::from_secs(365 * 86_400)
}
";
const GOOD_FINDING: &str = "good.rs:2:9: warning[hand_built_year_duration]";

/// A directory with the good file; the test adds the hostile ones beside it.
fn scenario() -> Project {
    let p = Project::new();
    p.file("good.rs", GOOD);
    p
}

fn assert_good_reported(run: &Run) {
    assert!(
        run.stdout.lines().any(|l| l.starts_with(GOOD_FINDING)),
        "the good file's finding is missing:\n{}\n{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn nesting_30000_deep_parens_blocks_and_operators() {
    let project = scenario();
    let root = project.path();
    // A date word in each file, so that the prefilter does not skip them.
    let word = "// NaiveDate::from_ymd_opt(start.year() + 1, start.month(), start.day())";
    let parens = format!(
        "{word}\nfn f() {{ let x = {}1{}; }}\n",
        "(".repeat(30_000),
        ")".repeat(30_000)
    );
    let blocks = format!(
        "{word}\nfn f() {}{}\n",
        "{".repeat(30_000),
        "}".repeat(30_000)
    );
    let ops = format!(
        "fn f() {{ let x = 1{}; let next_year = std::time::SystemTime::now() + std::time::Duration::from_secs(365 * 86_400); }}\n",
        "+1".repeat(30_000)
    );
    let unary = format!(
        "fn f() {{\n    let x = {}true; let next_year = std::time::SystemTime::now() + std::time::Duration::from_secs(365 * 86_400);\n}}\n",
        "!".repeat(30_000)
    );
    std::fs::write(root.join("parens.rs"), parens).unwrap();
    std::fs::write(root.join("blocks.rs"), blocks).unwrap();
    std::fs::write(root.join("ops.rs"), &ops).unwrap();
    std::fs::write(root.join("unary.rs"), unary).unwrap();
    let run = project.run_short_within(&["."], LIMIT);
    assert_good_reported(&run);
    for name in ["parens.rs", "blocks.rs"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(name) && l.contains("parse_error")),
            "{name} not reported as a parse error:\n{}",
            run.stdout
        );
    }
    // 30,000 chained operators are real (if odd) code: parsed, and its finding reported at
    // the column after the chain.
    let col = ops.find("std::time::Duration::from_secs").unwrap() + 1;
    assert!(
        run.stdout.contains(&format!(
            "ops.rs:1:{col}: warning[hand_built_year_duration]"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("unary.rs:2:"), "{}", run.stdout);
    assert_eq!(run.code, 1);
}

#[test]
fn invalid_utf8_and_random_bytes() {
    let project = scenario();
    let root = project.path();
    std::fs::write(root.join("latin1.rs"), b"fn caf\xe9() {}\n").unwrap();
    // 200 KB of pseudo-random bytes (a fixed LCG, so the test is reproducible).
    let mut x: u64 = 0x2012_0229;
    let noise: Vec<u8> = (0..200_000)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect();
    std::fs::write(root.join("noise.rs"), noise).unwrap();
    let run = project.run_short_within(&["."], LIMIT);
    assert_good_reported(&run);
    assert!(
        run.stdout.contains("latin1.rs:1:7: error[parse_error]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("noise.rs:") && l.contains("parse_error")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_30_mb_file_with_its_only_finding_on_the_last_line() {
    let project = scenario();
    let root = project.path();
    let mut big = String::with_capacity(31_000_000);
    let mut lines = 0;
    while big.len() < 30_000_000 {
        big.push_str(
            "pub fn ordinary_function_number(x: u64) -> u64 { x.wrapping_mul(3).rotate_left(7) }\n",
        );
        lines += 1;
    }
    big.push_str(
        "pub fn next_year(t: std::time::SystemTime) -> std::time::SystemTime { t + std::time::Duration::from_secs(31_536_000) }\n",
    );
    std::fs::write(root.join("big.rs"), &big).unwrap();
    // The limit catches a hang, not slowness (the benchmark measures speed): a debug build
    // parses 30 MB in 40 s on a quiet 2-core machine and took 81 s to over 120 s under load.
    let run = project.run_short_within(&["."], LIMIT * 3);
    assert_good_reported(&run);
    let want = format!("big.rs:{}:75: warning[hand_built_year_duration]", lines + 1);
    assert!(run.stdout.contains(&want), "want {want}\n{}", run.stdout);
}

#[test]
fn a_single_5_mb_line() {
    let project = scenario();
    let root = project.path();
    let mut line = String::from("pub const TABLE: [u32; 1_000_000] = [");
    while line.len() < 5_000_000 {
        line.push_str("17, ");
    }
    line.push_str(
        "]; pub fn next_year(t: std::time::SystemTime) -> std::time::SystemTime { t + std::time::Duration::from_secs(31_536_000) }\n",
    );
    let col = line.find("std::time::Duration::from_secs").unwrap() + 1;
    std::fs::write(root.join("wide.rs"), &line).unwrap();
    let run = project.run_short_within(&["."], LIMIT);
    assert_good_reported(&run);
    assert!(
        run.stdout.contains(&format!("wide.rs:1:{col}: warning")),
        "{}",
        run.stdout
    );
}

#[test]
fn bom_crlf_and_multibyte_columns() {
    let project = scenario();
    let root = project.path();
    std::fs::write(
        root.join("bom.rs"),
        "\u{feff}fn next_year(t: std::time::SystemTime) -> std::time::SystemTime { t + std::time::Duration::from_secs(31_536_000) }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("crlf.rs"),
        "fn a() {}\r\nfn next_year(t: std::time::SystemTime) -> std::time::SystemTime {\r\n    t + std::time::Duration::from_secs(31_536_000)\r\n}\r\n",
    )
    .unwrap();
    // Columns count characters: "日本語" is three columns, not nine bytes.
    std::fs::write(
        root.join("wide_chars.rs"),
        "fn f() { let s = \"日本語\"; let next_year = std::time::SystemTime::now() + std::time::Duration::from_secs(31_536_000); }\n",
    )
    .unwrap();
    let run = project.run_short_within(&["."], LIMIT);
    assert_good_reported(&run);
    // The BOM is not a column.
    assert!(
        run.stdout.contains("bom.rs:1:71: warning"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("crlf.rs:3:9: warning"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("wide_chars.rs:1:72: warning"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn symlinks_directories_fifos_and_unreadable_files() {
    use std::os::unix::fs::symlink;
    let project = scenario();
    let root = project.path();
    symlink(root, root.join("loop")).unwrap();
    symlink(root.join("does-not-exist.rs"), root.join("dangling.rs")).unwrap();
    std::fs::create_dir(root.join("x.rs")).unwrap();
    std::fs::write(root.join("x.rs").join("inner.rs"), GOOD).unwrap();
    let fifo = root.join("fifo.rs");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let run = project.run_short_within(&["."], LIMIT);
    assert_good_reported(&run);
    // The directory named x.rs is walked like any directory.
    assert!(
        run.stdout.contains("x.rs/inner.rs:2:9: warning"),
        "{}",
        run.stdout
    );

    // An unreadable file, named explicitly. As root, permissions do not stop reading, so use a
    // file the kernel refuses to read instead: /proc/self/mem at offset 0 (EIO).
    let unreadable = if is_root() {
        PathBuf::from("/proc/self/mem")
    } else {
        let p = root.join("secret.rs");
        std::fs::write(&p, GOOD).unwrap();
        set_mode(&p, 0o000);
        p
    };
    let unreadable_arg = unreadable.to_string_lossy().into_owned();
    let run = project.run_short_within(&["good.rs", &unreadable_arg], LIMIT);
    assert_good_reported(&run);
    let name = unreadable
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        run.stderr.contains(&name),
        "unreadable file not named:\n{}",
        run.stderr
    );
    assert_eq!(
        run.code, 2,
        "a file that could not be checked makes the run incomplete"
    );
}

#[cfg(unix)]
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}
