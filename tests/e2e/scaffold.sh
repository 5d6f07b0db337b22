#!/usr/bin/env bash
# End-to-end checks of the scaffolding commands (SPEC §5, §6): new-week, new-month, new-quarter,
# skip, init and install-hook: what they write, year boundaries, strict period arguments, refusal
# to overwrite, concurrent runs, template overrides, and an installed hook in a real repository.
# Each check works in its own scratch git repository with a fixed identity and date.
# Usage: tests/e2e/scaffold.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start scaffold "$@"
if [[ ! -x $BIN ]]; then
  echo "$0: $BIN is not an executable" >&2
  exit 2
fi

# Reproducible git, whatever the caller's configuration (libgit2 reads $HOME/.gitconfig, so a
# core.hooksPath there must not leak in either).
mkdir -p "$WORK/home"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
git_env 2026-11-24T17:00:00Z
unset OPSLINT_NOW OPSLINT NO_COLOR

M=ops/operations/monthly
Q=ops/operations/quarterly

# These checks collect their problems in an array and close with `verdict` (below), in place of
# the PROBLEMS string and `finish` of tests/lib/checks.sh.
PROBLEMS=()
ERR=""

# repo [NAME]: a new, empty git repository; prints its path.
repo() {
  local dir
  dir=$(mktemp -d "$WORK/${1:-repo}.XXXXXX")
  git -C "$dir" init -q -b main >/dev/null
  printf '%s\n' "$dir"
}
# clean_repo: a committed copy of fixtures/clean; prints its path.
clean_repo() {
  local dir
  dir=$(repo clean)
  cp -R "$FIXTURE/." "$dir/"
  rm -f "$dir/expected.txt" "$dir/expected-exit"
  git -C "$dir" add -A && git -C "$dir" commit -q -m "ops repo" >/dev/null
  printf '%s\n' "$dir"
}
commit_all() { git -C "$1" add -A && git -C "$1" commit -q --no-verify -m "${2:-scaffold}" >/dev/null; }

# op DIR ARGS...: runs opslint in DIR; sets RC, OUT, ERR.
op() {
  local dir=$1
  shift
  RC=0
  (cd "$dir" && "$BIN" --no-color "$@") >"$WORK/out" 2>"$WORK/err" || RC=$?
  OUT=$(<"$WORK/out")
  ERR=$(<"$WORK/err")
}
# state DIR: every path below DIR (outside .git) with a checksum, to prove nothing changed.
state() {
  (cd "$1" && find . -path ./.git -prune -o -print | LC_ALL=C sort | while IFS= read -r p; do
    if [[ -f $p ]]; then printf '%s %s\n' "$p" "$(cksum <"$p")"; else printf '%s\n' "$p"; fi
  done)
}

problem() { PROBLEMS+=("$*"); }
want_rc() { [[ $RC == "$1" ]] || problem "exit $RC, want $1 (stderr: $ERR)"; }
want_file() { [[ -f $1 ]] || problem "missing file ${1#"$WORK"/}"; }
want_none() { [[ ! -e $1 ]] || problem "should not exist: ${1#"$WORK"/}"; }
want_out() { [[ $OUT == *"$1"* ]] || problem "stdout lacks: $1"$'\n'"--- stdout:"$'\n'"$OUT"; }
want_err() { [[ $ERR == *"$1"* ]] || problem "stderr lacks: $1"$'\n'"--- stderr:"$'\n'"$ERR"; }
want_line() { grep -qxF -- "$2" "$1" || problem "${1#"$WORK"/} lacks the line: $2"; }
want_same() { [[ $1 == "$2" ]] || problem "$3"; }
# want_lint_clean DIR [NOW]: lint (no history) reports no error-severity finding.
want_lint_clean() {
  op "$1" lint --no-history --now "${2:-2026-11-24T18:00:00Z}"
  [[ $RC == 0 && $OUT == *"opslint: 0 errors,"* ]] || problem "lint is not clean (exit $RC):"$'\n'"$OUT"$'\n'"$ERR"
}
verdict() {
  if [[ ${#PROBLEMS[@]} -eq 0 ]]; then
    PASSED=$((PASSED + 1))
    echo "ok $1"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $1"
    printf '    %s\n' "${PROBLEMS[@]}"
  fi
  PROBLEMS=()
}

# --- new-week ---------------------------------------------------------------------------------

d=$(repo)
op "$d" new-week --now 2026-11-24
want_rc 0
want_out "created $W/2026-48/minutes.md"
want_out "created $W/2026-48/actions.md"
f=$d/$W/2026-48/minutes.md
want_line "$f" "review: weekly"
want_line "$f" "date: 2026-11-24"
want_line "$f" 'time: "15:00"'
want_line "$f" "duration: 45"
want_line "$f" '## Pre-read checklist'
want_line "$f" '## 1. SLO & reliability signals (10 min)'
want_line "$f" '## 4. Autonomy actions (5 min)'
want_line "$f" '## 5. Actions & owners (10 min)'
want_line "$f" 'See [actions](actions.md).'
want_line "$f" '## Carried-over actions'
want_line "$f" '## Decisions'
want_line "$f" '## Evidence'
grep -q '^chair: "@chair"  # placeholder' "$f" || problem "no marked chair placeholder"
want_line "$d/$W/2026-48/actions.md" '| ID | Action | Owner | Due | Verification | Backlog | Status | Evidence |'
want_lint_clean "$d"
verdict "new-week writes minutes and actions for the week of --now, lint-clean"

d=$(repo)
RC=0
(cd "$d" && OPSLINT_NOW=2026-03-04T10:00:00Z "$BIN" new-week) >"$WORK/out" 2>"$WORK/err" || RC=$?
ERR=$(<"$WORK/err")
want_rc 0
want_line "$d/$W/2026-10/minutes.md" "date: 2026-03-03"
verdict "new-week takes now from OPSLINT_NOW"

d=$(repo)
op "$d" new-week --now 2027-01-01
want_rc 0
want_line "$d/$W/2026-53/minutes.md" "date: 2026-12-29"
op "$d" new-week --now 2024-12-30
want_rc 0
want_line "$d/$W/2025-01/minutes.md" "date: 2024-12-31"
op "$d" new-week --week 2020-53
want_rc 0
want_line "$d/$W/2020-53/minutes.md" "date: 2020-12-29"
verdict "year boundaries: 2027-01-01 is 2026-53, 2024-12-30 is 2025-01, 2020-53 exists"

# The 2026-48 meeting (Tuesday 2026-11-24 15:00 UTC, 45 min) is due by 2026-11-25 15:45 UTC.
late48="opslint: warning: the weekly 2026-48 meeting (2026-11-24 15:00 UTC, 45 min) was due for publication by 2026-11-25 15:45 UTC; commit the minutes now, or pass --date if the meeting was on another day"
d=$(repo)
op "$d" new-week --week 2026-48 --now 2026-11-25T15:45:00Z --dry-run
want_rc 0
want_same "$ERR" "" "at the deadline: stderr should be empty, is: $ERR"
op "$d" new-week --week 2026-48 --now 2026-11-27T09:00:00Z
want_rc 0
want_same "$ERR" "$late48" "past the deadline: stderr is not the warning: $ERR"
want_line "$d/$W/2026-48/minutes.md" "date: 2026-11-24"
op "$d" new-week --week 2026-48 --now 2026-11-27T09:00:00Z
want_rc 2
[[ $ERR == "opslint: error: "* && $ERR != *warning* ]] || problem "a refusal says only why: $ERR"
d=$(repo)
op "$d" new-week --week 2026-48 --now 2026-11-27T09:00:00Z --dry-run
want_same "$ERR" "$late48" "--dry-run warns too: $ERR"
op "$d" new-month --month 2026-11 --date 2026-11-10 --now 2026-11-12T12:00:00Z
want_rc 0
want_same "$ERR" "opslint: warning: the monthly 2026-11 meeting (2026-11-10 15:00 UTC, 60 min) was due for publication by 2026-11-11 16:00 UTC; commit the minutes now, or pass --date if the meeting was on another day" "new-month past the deadline: $ERR"
want_line "$d/$M/2026-11/minutes.md" "date: 2026-11-10"
verdict "new-week, new-month: a warning on stderr once the meeting's publication deadline has passed"

d=$(repo)
op "$d" new-week --week 2026-48 --date 2026-11-26 --now 2026-11-27T09:00:00Z
want_rc 0
want_same "$ERR" "" "--date 2026-11-26: due 2026-11-27 15:45, no warning yet: $ERR"
want_line "$d/$W/2026-48/minutes.md" "date: 2026-11-26"
before=$(state "$d")
op "$d" new-week --week 2026-49 --date 2026-11-29 --now 2026-11-27T09:00:00Z
want_rc 2
want_same "$ERR" "opslint: error: --date 2026-11-29 is outside the weekly 2026-49 period (2026-11-30 to 2026-12-06); nothing was written" "--date before the week: $ERR"
op "$d" new-quarter --quarter 2026-Q4 --date 2027-01-05 --now 2026-11-27T09:00:00Z
want_rc 2
want_same "$ERR" "opslint: error: --date 2027-01-05 is outside the quarterly 2026-Q4 period (2026-10-01 to 2026-12-31); nothing was written" "--date after the quarter: $ERR"
op "$d" new-month --month 2026-12 --date 2026-12-32 --now 2026-11-27T09:00:00Z
want_rc 2
want_same "$ERR" "opslint: error: --date '2026-12-32' is not a calendar date: expected YYYY-MM-DD" "--date not a date: $ERR"
want_same "$(state "$d")" "$before" "a refused --date wrote something"
op "$d" new-quarter --quarter 2026-Q4 --date 2026-10-01 --now 2026-11-27T09:00:00Z
want_rc 0
want_line "$d/$Q/2026-Q4/minutes.md" "date: 2026-10-01"
verdict "--date: the meeting day inside the period goes to the front matter and the deadline; outside it, exit 2"

d=$(repo)
before=$(state "$d")
for arg in ../../etc /tmp/x 2026-W5 2026-W48 2026-54 2025-53 2026-00 2026-5 " 2026-48" "2026-48/.." ""; do
  op "$d" new-week --week "$arg"
  [[ $RC == 2 ]] || problem "--week '$arg': exit $RC, want 2"
  [[ $ERR == "opslint: error: --week '$arg'"* ]] || problem "--week '$arg': stderr: $ERR"
done
op "$d" new-week --week 2025-53
want_err "ISO year 2025 has 52 weeks"
for arg in 2026-13 2026-00 2026-1 ../2026-11 2026-Q4; do
  op "$d" new-month --month "$arg"
  [[ $RC == 2 ]] || problem "--month '$arg': exit $RC, want 2"
done
for arg in 2026-Q5 2026-Q0 2026-q4 2026-4 ../x; do
  op "$d" new-quarter --quarter "$arg"
  [[ $RC == 2 ]] || problem "--quarter '$arg': exit $RC, want 2"
done
want_same "$before" "$(state "$d")" "an invalid period created something"
[[ ! -e /tmp/x/minutes.md ]] || problem "/tmp/x/minutes.md was written"
verdict "invalid period arguments: exit 2, nothing created"

d=$(repo)
op "$d" new-week --week 2026-48 --dry-run
want_rc 0
want_out "==> $W/2026-48/minutes.md <=="
want_out "==> $W/2026-48/actions.md <=="
want_out "date: 2026-11-24"
want_out "| ID | Action | Owner |"
want_none "$d/ops"
verdict "--dry-run prints every file it would write and writes nothing"

d=$(repo)
op "$d" new-week --week 2026-48
printf 'edited by hand\n' >>"$d/$W/2026-48/minutes.md"
before=$(state "$d")
op "$d" new-week --week 2026-48
want_rc 2
want_err "opslint: error: $W/2026-48/minutes.md already exists; nothing was written"
op "$d" new-week --week 2026-48 --dry-run
want_rc 2
want_same "$before" "$(state "$d")" "a second new-week changed the folder"
# Only one of the two targets present: still nothing written.
mkdir -p "$d/$W/2026-49" && printf '# Actions\n' >"$d/$W/2026-49/actions.md"
before=$(state "$d")
op "$d" new-week --week 2026-49
want_rc 2
want_err "$W/2026-49/actions.md already exists; nothing was written"
want_same "$before" "$(state "$d")" "new-week wrote minutes.md beside an existing actions.md"
# A skipped week is not scaffolded as held.
op "$d" skip --week 2026-50 --rationale "Holiday" --recovery "Next review 2026-12-15"
op "$d" new-week --week 2026-50
want_rc 2
want_err "$W/2026-50/SKIPPED.md exists"
want_none "$d/$W/2026-50/minutes.md"
verdict "never overwrites: any existing target means exit 2 and no change"

d=$(repo)
pids=()
for i in 1 2 3 4 5 6 7 8; do
  (cd "$d" && "$BIN" new-week --week 2026-48 >"$WORK/race.$i.out" 2>"$WORK/race.$i.err"; echo $? >"$WORK/race.$i.rc") &
  pids+=($!)
done
wait "${pids[@]}"
wins=0 losses=0
for i in 1 2 3 4 5 6 7 8; do
  case $(<"$WORK/race.$i.rc") in
    0) wins=$((wins + 1)) ;;
    2) losses=$((losses + 1)) ;;
    *) problem "run $i: exit $(<"$WORK/race.$i.rc"): $(<"$WORK/race.$i.err")" ;;
  esac
done
[[ $wins == 1 && $losses == 7 ]] || problem "$wins succeeded and $losses exited 2; want 1 and 7"
leftovers=$(cd "$d" && find . -path ./.git -prune -o -type f -print | sort | tr '\n' ' ')
[[ $leftovers == "./$W/2026-48/actions.md ./$W/2026-48/minutes.md " ]] || problem "files after the race: $leftovers"
ERR="" && RC=0
want_lint_clean "$d"
verdict "eight concurrent new-week runs: one succeeds, seven exit 2, no temp files"

d=$(clean_repo)
op "$d" new-week --now 2026-11-30
want_rc 0
f=$d/$W/2026-49/minutes.md
want_line "$f" "date: 2026-12-01"
want_line "$f" "timezone: Europe/Berlin"
want_line "$f" 'chair: "@dana"'
want_line "$f" 'participants: ["@dana", "@sam", "@li"]'
want_line "$f" "- 2026-47/A2 Rotate the payments DB secret — @li, due 2026-11-28 (overdue)"
want_line "$f" "- 2026-48/A1 Raise checkout p95 alert to 800 ms — @sam, due 2026-12-01"
grep -q "2026-46/" "$f" && problem "closed actions of 2026-46 were carried over"
[[ $(grep -c '^- 20' "$f") == 3 ]] || problem "want 3 carried-over bullets, got $(grep -c '^- 20' "$f")"
want_lint_clean "$d" 2026-11-30T09:00:00Z
verdict "new-week lists the open actions of earlier weeks with owner, due date and overdue marker"

# --- new-month, new-quarter -------------------------------------------------------------------

d=$(repo)
op "$d" new-month --now 2026-11-02
want_rc 0
f=$d/$M/2026-11/minutes.md
want_line "$f" "review: monthly"
want_line "$f" "date: 2026-11-24"
want_line "$f" "duration: 60"
want_line "$f" "## 1. SLA/SLO trends and exceptions (10 min)"
want_line "$f" "## 6. Control tuning decisions (10 min)"
want_file "$d/$M/2026-11/actions.md"
op "$d" new-month --month 2026-12
want_line "$d/$M/2026-12/minutes.md" "date: 2026-12-29"
op "$d" new-quarter --now 2026-11-02
want_rc 0
f=$d/$Q/2026-Q4/minutes.md
want_line "$f" "review: quarterly"
want_line "$f" "date: 2026-12-29"
want_line "$f" "duration: 90"
want_line "$f" "## 4. Commitments for next quarter (25 min)"
want_line "$f" "## 5. Regression locks (15 min)"
op "$d" new-quarter --quarter 2027-Q1
want_line "$d/$Q/2027-Q1/minutes.md" "date: 2027-03-30"
want_lint_clean "$d" 2026-11-02T09:00:00Z
verdict "new-month and new-quarter: last configured weekday of the period, their agendas, lint-clean"

d=$(repo)
cat >"$d/.opslint.yaml" <<'EOF'
cadence: { timezone: Europe/Berlin }
reviews:
  weekly:
    day: thursday
    time: "09:30"
    chair: "@ravi"
    participants: ["@ravi", "@noor"]
    timebox: 30
    sections: ["Incidents & near misses", "On-call load", "Actions"]
    required_participants: ["@noor"]
  monthly: { path: records/monthly, day: friday }
owners: ["@ravi", "@noor"]
EOF
op "$d" new-week --week 2026-48
want_rc 0
f=$d/$W/2026-48/minutes.md
want_line "$f" "date: 2026-11-26"
want_line "$f" 'time: "09:30"'
want_line "$f" 'chair: "@ravi"'
want_line "$f" 'participants: ["@ravi", "@noor"]'
want_line "$f" "duration: 30"
want_line "$f" "## 1. Incidents & near misses (10 min)"
want_line "$f" "## 2. On-call load (10 min)"
want_line "$f" "## 3. Actions (10 min)"
grep -q "SLO & reliability" "$f" && problem "the default agenda leaked into a custom one"
op "$d" new-month --month 2026-11
want_line "$d/records/monthly/2026-11/minutes.md" "date: 2026-11-27"
want_lint_clean "$d"
verdict "config: weekday, time, chair, participants, custom sections and paths"

# --- templates --------------------------------------------------------------------------------

d=$(repo)
mkdir -p "$d/.opslint/templates/weekly"
cat >"$d/.opslint/templates/weekly/actions.md" <<'EOF'
# Our actions for {{period}} ({{period_start}} to {{period_end}})

| ID | Action | Owner | Due | Verification | Backlog | Status |
|----|--------|-------|-----|--------------|---------|--------|
EOF
op "$d" new-week --week 2026-48
want_rc 0
want_line "$d/$W/2026-48/actions.md" "# Our actions for 2026-48 (2026-11-23 to 2026-11-29)"
want_line "$d/$W/2026-48/minutes.md" "# Weekly Ops Review 2026-48"
printf -- '---\nreview: weekly\ndate: {{date}}\n---\n# {{period}}\n\n## {{agneda}}\n' >"$d/.opslint/templates/weekly/minutes.md"
before=$(state "$d")
op "$d" new-week --week 2026-49
want_rc 2
want_err "opslint: error: .opslint/templates/weekly/minutes.md:7: unknown placeholder {{agneda}}; known: "
want_err "nothing was written"
want_same "$before" "$(state "$d")" "an unknown placeholder still wrote files"
verdict "templates: a team override is used; an unknown placeholder is exit 2 with file and line"

# --- skip -------------------------------------------------------------------------------------

d=$(repo)
op "$d" skip --week 2026-53 --rationale "Company holiday; no quorum." --recovery "Signals reviewed asynchronously on 2026-12-30; next review 2027-01-05."
want_rc 0
want_out "created $W/2026-53/SKIPPED.md"
f=$d/$W/2026-53/SKIPPED.md
want_line "$f" "review: weekly"
want_line "$f" "date: 2026-12-29"
want_line "$f" "## Rationale"
want_line "$f" "Company holiday; no quorum."
want_line "$f" "## Recovery plan"
op "$d" skip --month 2026-12 --rationale "Merged into the quarterly review." --recovery "Covered by 2026-Q4."
want_rc 0
want_line "$d/$M/2026-12/SKIPPED.md" "review: monthly"
op "$d" skip --quarter 2026-Q4 --rationale "Reorg." --recovery "Held in January." --dry-run
want_rc 0
want_out "==> $Q/2026-Q4/SKIPPED.md <=="
want_none "$d/$Q"
want_lint_clean "$d" 2027-01-02T09:00:00Z
before=$(state "$d")
op "$d" skip --week 2026-53 --rationale "again" --recovery "again"
want_rc 2
want_err "already exists"
op "$d" new-week --week 2026-52
op "$d" skip --week 2026-52 --rationale "x" --recovery "y"
want_rc 2
want_err "$W/2026-52/minutes.md exists"
want_none "$d/$W/2026-52/SKIPPED.md"
for args in "--rationale x --recovery y" "--week 2026-40 --month 2026-10 --rationale x --recovery y" \
  "--week 2026-40 --recovery y" "--week 2026-40 --rationale x" "--week 2026-40 --rationale   --recovery y" \
  "--week 2025-53 --rationale x --recovery y"; do
  # shellcheck disable=SC2086
  op "$d" skip $args
  [[ $RC == 2 && $ERR == "opslint: error: "* ]] || problem "skip $args: exit $RC ($ERR)"
done
want_none "$d/$W/2026-40"
verdict "skip writes SKIPPED.md, refuses held or recorded periods and bad arguments"

# --- init -------------------------------------------------------------------------------------

d=$(repo)
op "$d" init --now 2026-11-24
want_rc 0
want_out "created .opslint.yaml"
want_out "created docs/operations/IMPROVEMENT_BACKLOG.md"
want_out "created docs/operations/RISK_REGISTER.md"
# shellcheck disable=SC2016 # a literal $schema
head -1 "$d/.opslint.yaml" | grep -q '^# yaml-language-server: \$schema=' || problem "no schema hint on line 1"
grep -q '^# *reviews:' "$d/.opslint.yaml" || problem "no commented defaults"
op "$d" rules
want_rc 0
op "$d" new-week --week 2026-48
want_rc 0
want_lint_clean "$d"
before=$(state "$d")
op "$d" init
want_rc 0
want_out "kept .opslint.yaml"
want_out "kept docs/operations/RISK_REGISTER.md"
[[ $OUT == *created* ]] && problem "the second init created something: $OUT"
want_same "$before" "$(state "$d")" "the second init changed files"
verdict "init writes config, backlog and risk register; run twice, it changes nothing"

d=$(repo)
mkdir -p "$d/docs/operations"
printf '# Our backlog\n\n## IB-7 Existing entry\n- Status: open\n- Owner: @a\n- Source: 2026-01\n- Verification: v\n' \
  >"$d/docs/operations/IMPROVEMENT_BACKLOG.md"
sum=$(cksum <"$d/docs/operations/IMPROVEMENT_BACKLOG.md")
op "$d" init --dry-run
want_rc 0
want_out "kept docs/operations/IMPROVEMENT_BACKLOG.md"
want_out "==> .opslint.yaml <=="
want_none "$d/.opslint.yaml"
op "$d" init
want_rc 0
want_out "kept docs/operations/IMPROVEMENT_BACKLOG.md"
want_out "created docs/operations/RISK_REGISTER.md"
want_same "$sum" "$(cksum <"$d/docs/operations/IMPROVEMENT_BACKLOG.md")" "init touched an existing backlog"
printf 'backlog: { path: records/backlog.md }\n' >"$d/.opslint.yaml"
op "$d" init
want_out "created records/backlog.md"
verdict "init adopts an existing repo: writes only what is missing, at the configured paths"

# --- install-hook -----------------------------------------------------------------------------

d=$(repo)
op "$d" install-hook
want_rc 0
hook=$d/.git/hooks/pre-commit
want_file "$hook"
[[ -x $hook ]] || problem "the hook is not executable"
head -1 "$hook" | grep -qx '#!/bin/sh' || problem "the hook is not a sh script"
grep -q 'opslint-managed-hook' "$hook" || problem "no marker line"
grep -q 'lint --staged' "$hook" || problem "the hook does not run lint --staged"
sum=$(cksum <"$hook")
op "$d" install-hook
want_rc 0
want_out "up to date"
want_same "$sum" "$(cksum <"$hook")" "a second install-hook changed the hook"
verdict "install-hook writes an executable hook into .git/hooks; idempotent"

d=$(repo)
mkdir -p "$d/.git/hooks"
printf '#!/bin/sh\necho their hook\n' >"$d/.git/hooks/pre-commit"
chmod 755 "$d/.git/hooks/pre-commit"
sum=$(cksum <"$d/.git/hooks/pre-commit")
op "$d" install-hook
want_rc 2
want_err "opslint: error: .git/hooks/pre-commit already exists and was not written by opslint"
want_err "opslint lint --staged || exit 1"
want_same "$sum" "$(cksum <"$d/.git/hooks/pre-commit")" "install-hook touched a foreign hook"
verdict "install-hook refuses to replace a hook it did not write, and says how to chain"

d=$(repo)
git -C "$d" config core.hooksPath .githooks
op "$d" install-hook
want_rc 0
want_file "$d/.githooks/pre-commit"
want_none "$d/.git/hooks/pre-commit"
mkdir -p "$d/sub"
op "$d/sub" install-hook
want_out "up to date"
git -C "$d" config core.hooksPath "$WORK/shared-hooks"
op "$d" install-hook
want_file "$WORK/shared-hooks/pre-commit"
d=$(repo main)
git -C "$d" commit -q --allow-empty -m root
git -C "$d" worktree add -q "$WORK/linked" 2>/dev/null
op "$WORK/linked" install-hook
want_rc 0
want_file "$d/.git/hooks/pre-commit"
verdict "install-hook follows core.hooksPath (relative to the work tree, absolute) and linked worktrees"

d=$(repo)
op "$d" install-hook
op "$d" init
op "$d" new-week --week 2026-48
cat >>"$d/docs/operations/IMPROVEMENT_BACKLOG.md" <<'EOF'

## IB-1 Raise the checkout p95 alert threshold
- Status: open
- Owner: @sam
- Source: 2026-48/A1
- Due: 2026-12-01
- Verification: a chaos test fires the alert in staging
EOF
git -C "$d" add -A
RC=0
(cd "$d" && OPSLINT="$BIN" OPSLINT_NOW=2026-11-24T18:00:00Z git commit -q -m "week 48") >"$WORK/out" 2>&1 || RC=$?
[[ $RC == 0 ]] || problem "a clean scaffold was refused: $(<"$WORK/out")"
good=$(git -C "$d" rev-parse HEAD 2>/dev/null)
echo '| A1 | Raise the alert | | 2026-12-01 | chaos test fires it | IB-1 | open | |' >>"$d/$W/2026-48/actions.md"
git -C "$d" add -A
RC=0
(cd "$d" && OPSLINT="$BIN" OPSLINT_NOW=2026-11-24T18:00:00Z git commit -q -m "bad action") >"$WORK/out" 2>&1 || RC=$?
[[ $RC != 0 ]] || problem "a commit with an owner-less action went through"
grep -q "OPS301" "$WORK/out" || problem "the hook did not say why: $(<"$WORK/out")"
[[ $(git -C "$d" rev-parse HEAD) == "$good" ]] || problem "HEAD moved after a refused commit"
# Fixed and staged, then broken again in the working tree only: the hook lints what is staged.
sed -i 's/| A1 | Raise the alert | |/| A1 | Raise the alert | @sam |/' "$d/$W/2026-48/actions.md"
git -C "$d" add -A
echo '| A2 | Unstaged draft | | | | | open | |' >>"$d/$W/2026-48/actions.md"
RC=0
(cd "$d" && OPSLINT="$BIN" OPSLINT_NOW=2026-11-24T18:00:00Z git commit -q -m "good action") >"$WORK/out" 2>&1 || RC=$?
[[ $RC == 0 ]] || problem "a good commit was refused: $(<"$WORK/out")"
[[ $(git -C "$d" log --format=%s -1) == "good action" ]] || problem "the good commit is not HEAD"
verdict "installed hook: blocks a commit with an error finding, lets a good one through"

summary
