#!/usr/bin/env bash
# Runs every end-to-end test script in tests/e2e/ (each takes the opslint binary as its only
# argument) and fails when any of them fails. Used by `ctest` (the e2e test) and by CI.
set -euo pipefail
shopt -s nullglob

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
bin=$1
[[ $bin == /* ]] || bin=$PWD/$bin
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

failed=()
count=0
for script in "$here"/*.sh; do
  name=$(basename "$script")
  [[ $name == run.sh ]] && continue
  count=$((count + 1))
  echo "=== $name"
  if bash "$script" "$bin"; then
    echo "=== $name: passed"
  else
    echo "=== $name: FAILED (exit $?)"
    failed+=("$name")
  fi
done

if [[ $count -eq 0 ]]; then
  echo "e2e: no test scripts found in $here" >&2
  exit 1
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "e2e: ${#failed[@]} of $count scripts failed: ${failed[*]}"
  exit 1
fi
echo "e2e: all $count scripts passed"
