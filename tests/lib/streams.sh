# shellcheck shell=bash
# Checks on stdout and stderr kept apart (sourced after checks.sh or e2e.sh, whose `run` and
# `rc_is` it replaces): `run` leaves the exit code in RC, stdout in OUT and stderr in ERR.
ERR=""
# run CMD...: its exit code in RC, stdout in OUT and stderr in ERR (trailing newlines dropped).
run() {
  "$@" >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
  RC=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}
rc_is() { [[ $RC == "$1" ]] || problem "exit code $RC, want $1"$'\n'"    stdout:"$'\n'"$(show "$OUT")"$'\n'"    stderr:"$'\n'"$(show "$ERR")"; }
err_is() {
  [[ $ERR == "$1" ]] || problem "stderr differs:"$'\n'"$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$ERR") | head -20 | sed 's/^/    /')"
}
err_empty() { [[ -z $ERR ]] || problem "stderr not empty:"$'\n'"$(show "$ERR")"; }
out_is() {
  [[ $OUT == "$1" ]] || problem "stdout differs:"$'\n'"$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$OUT") | head -40 | sed 's/^/    /')"
}
out_empty() { [[ -z $OUT ]] || problem "stdout not empty:"$'\n'"$(show "$OUT")"; }
out_has_line() { grep -qxF -- "$1" <<<"$OUT" || problem "stdout lacks the line '$1':"$'\n'"$(show "$OUT")"; }
err_has_line() { grep -qxF -- "$1" <<<"$ERR" || problem "stderr lacks the line '$1':"$'\n'"$(show "$ERR")"; }
