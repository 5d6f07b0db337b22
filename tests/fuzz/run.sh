#!/usr/bin/env bash
# Runs a libFuzzer target for a bounded time on a scratch copy of its seed corpus; fails on any
# crash, leak, timeout or out-of-memory (libFuzzer exits non-zero and leaves the input in the scratch dir).
# Usage: run.sh FUZZER CORPUS_DIR SECONDS
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/corpus" "$scratch/artifacts"
cp "$corpus"/* "$scratch/corpus/"
cd "$scratch"
export TMPDIR="$scratch"  # fuzz_cache writes its files there
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$fuzzer" corpus -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -max_len=65536 \
  -artifact_prefix="$scratch/artifacts/" -print_final_stats=1 || status=$?
if [ "$status" -ne 0 ]; then
  for f in "$scratch"/artifacts/*; do
    [ -e "$f" ] || continue
    echo "== crashing input $(basename "$f") (base64):"
    base64 -w 0 "$f" | head -c 20000
    echo
  done
fi
exit "$status"
