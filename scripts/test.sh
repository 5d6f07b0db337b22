#!/usr/bin/env bash
# The whole test suite: unit and end-to-end tests, on a normal build and on an ASan+UBSan build;
# then the fuzz targets, on a clang build.
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
# The fuzz targets (tests/fuzz/), built with clang, each run for a bounded time on its seed corpus.
echo "== fuzz build"
cmake -S "$root" -B "$root/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DOPSLINT_FUZZ=ON >/dev/null
cmake --build "$root/build-fuzz" --target fuzz_targets
echo "== fuzz tests"
ctest --test-dir "$root/build-fuzz" -L fuzz --output-on-failure || status=1
exit $status
