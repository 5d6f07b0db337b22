#!/usr/bin/env bash
# Per-rule end-to-end fixtures: runs `opslint lint` on each fixtures/rules/<ID>/ (and on
# fixtures/clean) as a real git repo and compares stdout and the exit code with the
# expected.txt and expected-exit stored beside the fixture.
#
# Usage: tests/e2e/rules.sh BINARY
#   UPDATE_EXPECTED=1 tests/e2e/rules.sh BINARY   rewrites expected.txt / expected-exit
#                                                 from the binary's output (review the diff!)
#
# A fixture folder holds the ops repo plus these control files (not copied into the repo):
#   expected.txt    exact stdout of: opslint --no-color --repo DIR lint --now NOW --no-history ARGS...
#   expected-exit   expected exit code
#   now             optional; "now" for the run (default 2026-11-24T18:00:00)
#   args            optional; extra lint arguments, one per line
#   setup.sh        optional; run with bash in the scratch copy before committing (binary files)
#   report-actions  optional; the number of actions `opslint report` counts as opened in its window
#
# fixtures/forms/<name>/ hold one accepted action or backlog form each (clean, and counted by
# report), and fixtures/forms/reject-<name>/ one rejected form each (an exact finding).
set -euo pipefail
shopt -s nullglob

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
bin=$1
[[ $bin == /* ]] || bin=$PWD/$bin
if [[ ! -x $bin ]]; then
  echo "$0: $bin is not an executable" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
default_now=2026-11-24T18:00:00
control_files=(expected.txt expected-exit now args setup.sh report-actions)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/opslint-rules.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Reproducible commits, untouched by the user's or the machine's git configuration.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="opslint fixtures" GIT_AUTHOR_EMAIL=fixtures@example.com
export GIT_COMMITTER_NAME="opslint fixtures" GIT_COMMITTER_EMAIL=fixtures@example.com
export GIT_AUTHOR_DATE="2026-11-24T17:00:00+01:00" GIT_COMMITTER_DATE="2026-11-24T17:00:00+01:00"
unset OPSLINT_NOW GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

passed=0
failed=0

# check_fixture DIR ID [RULE]: prints "ok ID" or "FAIL ID" and the reasons.
check_fixture() {
  local dir=$1 id=$2 rule=${3:-}
  local work=$scratch/$id
  local out=$scratch/$id.stdout err=$scratch/$id.stderr
  local -a problems=() extra=()

  mkdir -p "$work"
  cp -R "$dir/." "$work/"
  for f in "${control_files[@]}"; do rm -f "$work/$f"; done
  if [[ -f $dir/setup.sh ]]; then
    local setup_rc=0
    (cd "$work" && bash "$dir/setup.sh") >"$err" 2>&1 || setup_rc=$?
    [[ $setup_rc -eq 0 ]] || problems+=("setup.sh failed (exit $setup_rc): $(cat "$err")")
  fi
  if ! { git -C "$work" -c init.defaultBranch=main init -q && git -C "$work" add -A &&
    git -C "$work" -c commit.gpgsign=false commit -q --no-verify -m "fixture $id"; } >"$err" 2>&1; then
    problems+=("git: $(cat "$err")")
  fi

  local now=$default_now
  [[ -f $dir/now ]] && now=$(<"$dir/now")
  if [[ -f $dir/args ]]; then
    local line
    while IFS= read -r line || [[ -n $line ]]; do
      [[ -n $line ]] && extra+=("$line")
    done <"$dir/args"
  fi

  local rc=0
  if [[ ${#problems[@]} -eq 0 ]]; then
    "$bin" --no-color --repo "$work" lint --now "$now" --no-history ${extra[@]+"${extra[@]}"} >"$out" 2>"$err" || rc=$?
    if [[ ${UPDATE_EXPECTED:-} == 1 ]]; then
      cp "$out" "$dir/expected.txt"
      echo "$rc" >"$dir/expected-exit"
    fi
    if [[ ! -f $dir/expected.txt ]]; then
      problems+=("no expected.txt")
    elif ! diff -u --label "$id/expected.txt" --label "$id/actual" "$dir/expected.txt" "$out" >"$scratch/$id.diff"; then
      problems+=("stdout differs from expected.txt:"$'\n'"$(cat "$scratch/$id.diff")")
    fi
    local want
    want=$(cat "$dir/expected-exit" 2>/dev/null || echo "missing")
    [[ $want == "$rc" ]] || problems+=("exit code $rc, expected $want")
    if [[ ${#problems[@]} -gt 0 && -s $err ]]; then problems+=("stderr: $(cat "$err")"); fi
    if [[ -f $dir/report-actions ]]; then
      local counted
      counted=$("$bin" --no-color --repo "$work" report --now "$now" 2>"$err" | awk '/^Actions opened/ { print $3 }')
      [[ $counted == "$(<"$dir/report-actions")" ]] ||
        problems+=("report counts ${counted:-no} actions opened, expected $(<"$dir/report-actions")")
    fi
  fi
  if [[ -f $dir/expected.txt ]]; then
    if [[ $rule == any-error ]]; then
      grep -q "error: .*\[OPS" "$dir/expected.txt" || problems+=("expected.txt has no error finding")
    elif [[ -n $rule ]]; then
      # A rule fixture must keep testing its rule.
      grep -q "\[$rule " "$dir/expected.txt" || problems+=("expected.txt has no $rule finding")
    else
      # The clean fixture: nothing but the OPS500 note that history was not checked.
      if awk '/\[OPS[0-9]+ / && !/\[OPS500 / { found = 1 } END { exit !found }' "$dir/expected.txt"; then
        problems+=("expected.txt has findings other than OPS500")
      fi
    fi
  fi

  if [[ ${#problems[@]} -eq 0 ]]; then
    echo "ok $id"
    passed=$((passed + 1))
  else
    echo "FAIL $id"
    printf '%s\n' "${problems[@]}" | sed 's/^/    /'
    failed=$((failed + 1))
  fi
}

check_fixture "$root/fixtures/clean" clean
for dir in "$root"/fixtures/rules/*/; do
  dir=${dir%/}
  id=$(basename "$dir")
  check_fixture "$dir" "$id" "$id"
done

for dir in "$root"/fixtures/forms/*/; do
  dir=${dir%/}
  id=$(basename "$dir")
  if [[ $id == reject-* ]]; then
    check_fixture "$dir" "forms/$id" any-error
  else
    check_fixture "$dir" "forms/$id"
  fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
