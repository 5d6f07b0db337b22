# shellcheck shell=bash
# Shared prologue for the end-to-end scripts in tests/e2e/ (sourced; it lives outside tests/e2e/
# so that tests/e2e/run.sh does not run it): the BINARY argument, a scratch folder, a reproducible
# git environment and committed copies of fixtures/clean, plus the checks of checks.sh (whose
# `run` merges stdout and stderr; source streams.sh after this file to keep them apart).
# shellcheck disable=SC2034  # ROOT, FIXTURE, W, BIN and WORK are for the sourcing script

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FIXTURE=$ROOT/fixtures/clean
W=ops/operations/weekly

# shellcheck source=checks.sh
source "$ROOT/tests/lib/checks.sh"

# e2e_start NAME "$@": checks for the one BINARY argument (usage, exit 2), makes it absolute in
# BIN and creates the scratch folder WORK (opslint-NAME.XXXXXX), removed on exit.
e2e_start() {
  local name=$1
  shift
  if [[ $# -ne 1 ]]; then
    echo "usage: $0 BINARY" >&2
    exit 2
  fi
  BIN=$1
  [[ $BIN == /* ]] || BIN=$PWD/$BIN
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/opslint-$name.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
}
# need_binary: a BIN that is not an executable fails the script as one failed check.
need_binary() {
  [[ -x $BIN ]] && return
  echo "${0##*/}: $BIN is not an executable" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# git_env [DATE]: reproducible git, whatever the caller's configuration: no system or global
# config, a fixed identity, and (with DATE) fixed author and committer times.
# shellcheck disable=SC2120  # DATE is optional
git_env() {
  export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
  export GIT_AUTHOR_NAME="Ops Bot" GIT_AUTHOR_EMAIL=bot@example.com
  export GIT_COMMITTER_NAME="Ops Bot" GIT_COMMITTER_EMAIL=bot@example.com
  if [[ -n ${1:-} ]]; then
    export GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1
  fi
  unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
}

# check NAME CMD...: one check that passes when CMD succeeds (CMD prints the details of a failure).
check() {
  local name=$1
  shift
  "$@" || problem "failed: $*"
  finish "$name"
}
# commit_all DIR DATE MESSAGE: everything in DIR staged and committed at DATE (author and
# committer), without hooks or signing.
commit_all() {
  git -C "$1" add -A
  GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 git -C "$1" -c commit.gpgsign=false commit -q --no-verify -m "$3"
}

# cache_same NAME REPO NOW ARGS...: `lint` with warm caches (run twice: the first may fill them)
# equals `lint` without caches (OPSLINT_NO_CACHE=1), in JSON (every field), in SARIF (which keeps
# suppressed findings) and in text; the warm text output is left in $WORK/out. A difference is
# printed and fails.
cache_same() {
  local name=$1 repo=$2 now=$3
  shift 3
  local ok=0 fmt
  for fmt in json sarif text; do
    "$BIN" --no-color --repo "$repo" lint --now "$now" --format "$fmt" --fail-level never "$@" > "$WORK/warm1" 2>&1
    "$BIN" --no-color --repo "$repo" lint --now "$now" --format "$fmt" --fail-level never "$@" > "$WORK/warm2" 2>&1
    OPSLINT_NO_CACHE=1 "$BIN" --no-color --repo "$repo" lint --now "$now" --format "$fmt" --fail-level never "$@" \
      > "$WORK/fresh" 2>&1
    if ! cmp -s "$WORK/warm1" "$WORK/fresh" || ! cmp -s "$WORK/warm2" "$WORK/fresh"; then
      ok=1
      echo "    | $name ($fmt, ${*:-worktree}): cached and fresh runs differ"
      diff "$WORK/fresh" "$WORK/warm2" | head -10 | sed 's/^/    | /'
    fi
    [[ $fmt == text ]] && cp "$WORK/warm2" "$WORK/out"
  done
  return $ok
}

# ops_repo DIR: fixtures/clean, committed period by period within hours of each meeting, so that
# the history rules have nothing to say about it.
ops_repo() {
  mkdir -p "$1"
  cp -R "$FIXTURE/." "$1/"
  rm -f "$1/expected.txt" "$1/expected-exit"
  git -C "$1" init -q -b main
  local step when paths
  for step in "2026-09-29T20:00:00Z .opslint.yaml ops/operations/quarterly" \
    "2026-10-27T20:00:00Z ops/operations/monthly" \
    "2026-11-10T16:00:00Z $W/2026-46" \
    "2026-11-17T16:00:00Z $W/2026-47" \
    "2026-11-24T16:00:00Z $W/2026-48 docs"; do
    read -r when paths <<<"$step"
    # shellcheck disable=SC2086  # $paths is a list of words
    (cd "$1" && git add $paths &&
      GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when git commit -q -m "ops: $paths" >/dev/null)
  done
  [[ -z $(git -C "$1" status --porcelain) ]] || { echo "${0##*/}: $1 left files uncommitted" >&2; exit 1; }
}
# make_template: the ops_repo that fresh copies, in TEMPLATE (cheaper than a commit per check).
make_template() {
  TEMPLATE=$WORK/template
  ops_repo "$TEMPLATE"
}
# fresh [NAME]: a scratch copy of TEMPLATE; prints its path.
fresh() {
  local dir
  dir=$(mktemp -d "$WORK/${1:-repo}.XXXXXX")
  cp -R "$TEMPLATE/." "$dir/"
  printf '%s\n' "$dir"
}
