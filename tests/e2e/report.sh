#!/usr/bin/env bash
# End-to-end checks of `opslint report` (SPEC §7): exact text output for a small scripted history
# (dates set through GIT_COMMITTER_DATE / GIT_AUTHOR_DATE), the other formats, --check and its
# locks, a folder that is not a git repository, bad arguments. Usage: tests/e2e/report.sh BINARY
# shellcheck disable=SC2016  # that() takes its condition in single quotes and evals it
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
# shellcheck source=../lib/streams.sh
source "$HERE/../lib/streams.sh"
e2e_start report "$@"
need_binary

git_env
export OPSLINT_NOW=2026-11-30T12:00:00Z
unset NO_COLOR

# ---------------------------------------------------------------------------------------------
# The scripted history: week 2026-45 held (A1 closed on time, A2 late), 2026-46 skipped, 2026-47
# missing, 2026-48 held and published two days late (A1 overdue, A2 not yet due); IB-1 opened by
# its field and closed by history, IB-2 opened by history; one stale risk of two.
W=ops/operations/weekly
R=$WORK/repo
mkdir -p "$R"
git -C "$R" init -q -b main
weekly() { # DATE then action lines
  local date=$1
  shift
  printf -- '---\nreview: weekly\ndate: %s\ntime: "15:00"\nduration: 45\nchair: "@dana"\nparticipants: ["@dana"]\n---\n# Weekly\n\n## Notes\nText.\n\n## Actions\n' "$date"
  printf '%s\n' "$@"
}
act() { # ID BOX OWNER DUE [EXTRA]
  printf -- '- [%s] %s Task %s — owner: %s; due: %s; verify: it works; backlog: IB-1%s' "$2" "$1" "$1" "$3" "$4" "${5:-}"
}
entry() { # N STATUS [EXTRA LINES]
  printf '## IB-%s Entry\n- Status: %s\n- Owner: @dana\n- Source: 2026-45\n- Verification: it works\n%s\n' "$1" "$2" "${3:-}"
}
commit() { # WHEN MESSAGE
  (cd "$R" && git add -A && GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 git commit -q -m "$2")
}
mkdir -p "$R/$W/2026-45" "$R/$W/2026-46" "$R/$W/2026-48" "$R/docs/operations"
weekly 2026-11-03 "$(act A1 ' ' @li 2026-11-10)" "$(act A2 ' ' @sam 2026-11-12)" >"$R/$W/2026-45/minutes.md"
{ printf '# Backlog\n\n'; entry 1 open '- Opened: 2026-11-03'; } >"$R/docs/operations/IMPROVEMENT_BACKLOG.md"
printf '# Risks\n\n## R-1 Disk\n- Owner: @li\n- Likelihood: 2\n- Impact: 3\n- Status: open\n- Reviewed: 2026-10-01\n\n## R-2 Old\n- Owner: @li\n- Likelihood: 2\n- Impact: 3\n- Status: closed\n- Reviewed: 2026-01-01\n' >"$R/docs/operations/RISK_REGISTER.md"
commit 2026-11-03T18:00:00Z "week 45"
weekly 2026-11-03 "$(act A1 x @li 2026-11-10 '; evidence: https://x.example/1')" "$(act A2 ' ' @sam 2026-11-12)" >"$R/$W/2026-45/minutes.md"
commit 2026-11-09T10:00:00Z "A1 done"
weekly 2026-11-03 "$(act A1 x @li 2026-11-10 '; evidence: https://x.example/1')" "$(act A2 x @sam 2026-11-12 '; evidence: https://x.example/2')" >"$R/$W/2026-45/minutes.md"
{ printf '# Backlog\n\n'; entry 1 done $'- Opened: 2026-11-03\n- Evidence: https://x.example/3'; } >"$R/docs/operations/IMPROVEMENT_BACKLOG.md"
commit 2026-11-14T10:00:00Z "A2 and IB-1 done"
printf -- '---\nreview: weekly\ndate: 2026-11-10\n---\n## Rationale\nHoliday.\n\n## Recovery plan\nAsync.\n' >"$R/$W/2026-46/SKIPPED.md"
commit 2026-11-14T12:00:00Z "week 46 skipped"
weekly 2026-11-24 "$(act A1 ' ' @li 2026-11-27)" "$(act A2 ' ' @dana 2026-12-05)" >"$R/$W/2026-48/minutes.md"
{ printf '# Backlog\n\n'; entry 1 done $'- Opened: 2026-11-03\n- Evidence: https://x.example/3'; entry 2 open; } >"$R/docs/operations/IMPROVEMENT_BACKLOG.md"
commit 2026-11-26T15:45:00Z "week 48"

EXPECTED_TEXT=$(cat "$(dirname "${BASH_SOURCE[0]}")/../../fixtures/report/expected.txt")
WINDOW=(--since 2026-11-02 --until 2026-11-29)

run "$BIN" --repo "$R" report "${WINDOW[@]}"
rc_is 0; err_empty; out_is "$EXPECTED_TEXT"
finish "text: the metric table, owners, repeated actions"

run "$BIN" --repo "$R" report "${WINDOW[@]}" --format json
rc_is 0; err_empty
that 'python3 -c "import json,sys; d=json.load(sys.stdin); t=d[\"totals\"][\"metrics\"]; assert d[\"history\"][\"available\"]; assert t[\"actions_closed\"]==2 and t[\"missed_reviews\"]==1 and t[\"publication_latency_p90_hours\"]==48, t" <<<"$OUT"'
finish "json: totals"

run "$BIN" --repo "$R" report "${WINDOW[@]}" --format markdown
rc_is 0; err_empty
out_has_line "| Closure rate (due actions closed) | 0.67 | - | 1.00 | - | 0.00 | 0.67 |"
out_has_line "| @li | 1 | 1 |"
finish "markdown: a pipe table"

run "$BIN" --repo "$R" report "${WINDOW[@]}" --format html --output "$WORK/report.html"
rc_is 0; err_empty; out_empty
that 'grep -q "id=\"chart-closure-rate-weeks\"" "$WORK/report.html"'
that '! grep -q "<script" "$WORK/report.html"'
finish "html: --output writes the page"

# ---------------------------------------------------------------------------------------------
# --check and locks

printf 'locks:\n  action_closure_rate: { min: 0.8 }\n  missed_reviews: { max: 0 }\n  stale_risks: { max: 1 }\n' >"$R/.opslint.yaml"
run "$BIN" --repo "$R" report "${WINDOW[@]}" --check
rc_is 1
err_is "opslint: lock action_closure_rate failed: 0.67 (bound: min 0.8)
opslint: lock missed_reviews failed: 1 (bound: max 0)"
out_has_line "action_closure_rate   0.67  min 0.8  FAILED"
out_has_line "stale_risks              1    max 1      ok"
finish "--check: exit 1 naming every failed lock with its value and bound"

run "$BIN" --repo "$R" report "${WINDOW[@]}"
rc_is 0
finish "without --check a failed lock does not change the exit code"

printf 'locks:\n  stale_risks: { max: 1 }\n' >"$R/.opslint.yaml"
run "$BIN" --repo "$R" report "${WINDOW[@]}" --check
rc_is 0; err_empty
finish "--check: every lock holds, exit 0"

printf 'locks:\n  closure: { min: 0.8 }\n' >"$R/.opslint.yaml"
run "$BIN" --repo "$R" report --check
rc_is 2; out_empty
that '[[ $ERR == "opslint: error: .opslint.yaml:2:3: "* ]]'
finish "an unknown lock metric is a configuration error"
rm "$R/.opslint.yaml"

# ---------------------------------------------------------------------------------------------
# Without history

P=$WORK/plain
cp -R "$R" "$P"
rm -rf "$P/.git"
printf 'locks:\n  actions_closed_on_time_rate: { min: 0.5 }\n' >"$P/.opslint.yaml"
run "$BIN" --repo "$P" report "${WINDOW[@]}" --check
rc_is 1
out_has_line "History unavailable (not a git repository): metrics that need it are shown as unknown."
out_has_line "Actions closed                     unknown   unknown   unknown   unknown   unknown  unknown"
out_has_line "Reviews missed                           1         0         0         1         0        1"
err_is "opslint: lock actions_closed_on_time_rate failed: unknown (bound: min 0.5)"
finish "not a git repository: history-based metrics are unknown, and a lock on one fails"

S=$WORK/shallow
git clone -q --depth 1 "file://$R" "$S"
run "$BIN" --repo "$S" report "${WINDOW[@]}"
rc_is 0
that '[[ $OUT == *"History unavailable (shallow clone: history before "*"is missing)"* ]]'
finish "shallow clone: history-based metrics are unknown"

# ---------------------------------------------------------------------------------------------
# new-month / new-quarter pre-fill their minutes from the same metrics

N=$WORK/scaffold
cp -R "$R" "$N"
run "$BIN" --repo "$N" new-month --month 2026-11
rc_is 0
F=$N/ops/operations/monthly/2026-11/minutes.md
that 'grep -qxF "| Metric | 2026-10 | 2026-11 | Change |" "$F"'
that 'grep -qxF "| Closure rate (due actions closed) | - | 0.67 |  |" "$F"'
that 'grep -qxF "| Publication latency p90 (h) | - | 48.0 |  |" "$F"'
that 'grep -qxF -- "- 2026-48/A1 Task A1 — @li, due 2026-11-27" "$F"'
that 'grep -qxF "| R-1 Disk | @li | 2 | 3 | open | 2026-10-01 (stale) |" "$F"'
run "$BIN" --repo "$N" new-quarter --quarter 2026-Q4
rc_is 0
that 'grep -qxF "| Reviews missed | 0 | 1 | +1 |" "$N/ops/operations/quarterly/2026-Q4/minutes.md"'
run "$BIN" --repo "$N" lint --no-history ops/operations/monthly ops/operations/quarterly
that '! grep -q "error:" <<<"$OUT"'
that '! grep -q "OPS205" <<<"$OUT"'
finish "new-month / new-quarter: metrics with the previous period, open actions, risk snapshot; no errors"

# ---------------------------------------------------------------------------------------------
# Bad input

run "$BIN" --repo "$R" report --since 2026-11-31
rc_is 2; out_empty; err_is "opslint: error: --since '2026-11-31' is not a date (YYYY-MM-DD)"
finish "--since must be a real date"

run "$BIN" --repo "$R" report --since 2026-11-20 --until 2026-11-01
rc_is 2; out_empty; err_is "opslint: error: --since 2026-11-20 is after --until 2026-11-01"
finish "--since after --until"

run "$BIN" --repo "$R" report --format sarif
rc_is 2; out_empty
finish "an unknown format is a usage error"

echo keep >"$WORK/kept.txt"
run "$BIN" --repo "$R" report --since nope --output "$WORK/kept.txt"
rc_is 2
that '[[ $(cat "$WORK/kept.txt") == keep ]]'
finish "an error leaves the --output file untouched"

run "$BIN" --repo "$R" report
rc_is 0
out_has_line "Cadence health 2026-11-03 to 2026-11-30 (28 days), open and overdue as of 2026-11-30"
finish "default window: the 28 days ending today"

summary
