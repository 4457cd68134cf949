// leapcheck-flags: --no-prefilter
// An intentionally broken file: checks that a syntax error is reported as `parse_error` at its
// position (and exercises the UI harness itself).

pub fn total(items: &[u32]) -> u32 {
    let mut sum = 0;
    for item in items {
        sum += ; //~ ERROR parse_error
    }
    sum
}
