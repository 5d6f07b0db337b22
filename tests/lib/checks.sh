# shellcheck shell=bash
# Check helpers for test scripts (sourced): collect problems for one check, then `finish NAME`
# prints ok/FAIL and counts; `summary` prints the closing "N passed, N failed" line and sets the
# script's exit status. `run` here merges stdout and stderr into OUT; tests/lib/streams.sh
# replaces it (and rc_is) with versions that keep stderr apart in ERR.
PASSED=0 FAILED=0 PROBLEMS="" RC=0 OUT=""
run() { # CMD...: its exit code in RC, stdout and stderr merged in OUT
  OUT=$("$@" 2>&1 </dev/null)
  RC=$?
}
problem() { PROBLEMS+="$1"$'\n'; }
show() { printf '%s' "$1" | head -c 2000 | sed 's/^/      | /'; }
rc_is() { [[ $RC == "$1" ]] || problem "exit code $RC, want $1"$'\n'"$(show "$OUT")"; }
out_has() { [[ $OUT == *"$1"* ]] || problem "output lacks '$1':"$'\n'"$(show "$OUT")"; }
out_lacks() { [[ $OUT != *"$1"* ]] || problem "output has '$1':"$'\n'"$(show "$OUT")"; }
that() { eval "$1" || problem "not true: $1"; }
finish() {
  if [[ -z $PROBLEMS ]]; then
    echo "ok $1"
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $1"
    printf '%s' "$PROBLEMS" | sed 's/^/  /'
    FAILED=$((FAILED + 1))
  fi
  PROBLEMS=""
}
summary() {
  echo "$PASSED passed, $FAILED failed"
  ((FAILED == 0))
}
