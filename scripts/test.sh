#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests, on a normal build and on an ASan+UBSan build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
status=0
for variant in release asan; do
  dir="$root/build"
  args=()
  if [ "$variant" = asan ]; then
    dir="$root/build-asan"
    args=(-DOPSLINT_SANITIZE=ON)
  fi
  echo "== $variant build"
  bash "$root/scripts/build.sh" "$dir" "${args[@]}"
  echo "== $variant tests"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure || status=1
done
exit $status
