#!/usr/bin/env bash
# Proves that the prefilter changes no finding: runs the release binary over a corpus with and
# without it (default levels, and every lint with --check-tests) and compares. With the
# prefilter, files without needles are not parsed and, in the others, only the items that can
# matter are (lints/src/select.rs); --no-prefilter parses every file whole. So this compares
# item-level with whole-file parsing. The only allowed difference: a parse error in a file or
# an item that is not parsed (lints/docs/parse_error.md).
# Usage: bench/prefilter-equivalence.sh [CORPUS_DIR]   (default: $HOME/leapcheck-corpus/vendor)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-$HOME/leapcheck-corpus/vendor}"
[ -d "$corpus" ] || { echo "no corpus at $corpus: run ../shared/corpus/make-corpus.sh" >&2; exit 2; }
cargo build --release --locked -q -p cargo-leapcheck
bin="${CARGO_TARGET_DIR:-target}/release/cargo-leapcheck"
status=0
for flags in "" "--check-tests -W all"; do
  # shellcheck disable=SC2086
  "$bin" --message-format short $flags "$corpus" > /tmp/leapcheck-pf-on.txt 2>/dev/null || true
  # shellcheck disable=SC2086
  "$bin" --message-format short $flags --no-prefilter "$corpus" > /tmp/leapcheck-pf-off.txt 2>/dev/null || true
  if diff <(grep -v '\[parse_error\]' /tmp/leapcheck-pf-on.txt) <(grep -v '\[parse_error\]' /tmp/leapcheck-pf-off.txt); then
    echo "prefilter equivalence ($flags): $(grep -vc '\[parse_error\]' /tmp/leapcheck-pf-on.txt) findings, identical"
  else
    echo "prefilter equivalence ($flags): DIFFERENT" >&2
    status=1
  fi
  # Parse errors reported with the prefilter must be a subset of those without it.
  if [ -n "$(comm -23 <(grep '\[parse_error\]' /tmp/leapcheck-pf-on.txt | sort) <(grep '\[parse_error\]' /tmp/leapcheck-pf-off.txt | sort))" ]; then
    echo "prefilter reported a parse error the full parse did not" >&2
    status=1
  fi
done
exit $status
