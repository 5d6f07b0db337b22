#!/usr/bin/env bash
# End-to-end: the caches under the git dir (parse results by blob id, findings of checks whose
# inputs did not change) never change what a lint says. A repository goes through many kinds of
# edits, staged, committed or left in the working tree; after each, every source is linted with the
# caches warm and with OPSLINT_NO_CACHE=1, and the outputs must be identical byte for byte.
#
# Usage: tests/e2e/memo.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start memo "$@"
need_binary
git_env
export GIT_AUTHOR_NAME=dana GIT_AUTHOR_EMAIL=dana@example.com
export GIT_COMMITTER_NAME=dana GIT_COMMITTER_EMAIL=dana@example.com
unset OPSLINT_NOW GIT_AUTHOR_DATE GIT_COMMITTER_DATE OPSLINT_NO_CACHE OPSLINT_TRACE
SCRATCH=$WORK
CLEAN=$FIXTURE

R=$SCRATCH/repo
BACKLOG=docs/operations/IMPROVEMENT_BACKLOG.md
commit() { commit_all "$R" "$@"; } # DATE MESSAGE

# same NAME NOW ARGS...: warm and cold lints agree, in JSON (every field) and in text (tests/lib/e2e.sh).
same() {
  local name=$1
  shift
  cache_same "$name" "$R" "$@"
}
# loads NAME N ARGS...: the first run after an edit, with the caches as the runs before left them,
# loads N (or all) of the files whose records it deferred and says what a run without
# caches says.
loads() {
  local name=$1 n=$2
  shift 2
  OPSLINT_TRACE=1 "$BIN" --no-color --repo "$R" lint --now 2026-11-24T18:00:00 --fail-level never "$@" \
    > "$SCRATCH/first" 2> "$SCRATCH/trace"
  OPSLINT_NO_CACHE=1 "$BIN" --no-color --repo "$R" lint --now 2026-11-24T18:00:00 --fail-level never "$@" \
    > "$SCRATCH/fresh" 2> /dev/null
  local want="records: $n of [1-9][0-9]* deferred files loaded"
  [[ $n == all ]] && want='records: ([1-9][0-9]*) of \1 deferred files loaded'
  if ! grep -Eq "$want" "$SCRATCH/trace"; then
    echo "    | $name: expected $n deferred files loaded; trace says: $(grep 'records:' "$SCRATCH/trace")"
    return 1
  fi
  if ! cmp -s "$SCRATCH/first" "$SCRATCH/fresh"; then
    echo "    | $name: cached and fresh runs differ"
    diff "$SCRATCH/fresh" "$SCRATCH/first" | head -10 | sed 's/^/    | /'
    return 1
  fi
}
# The memo holds the units of the latest run of a kind (index or commit): a run at the time loads() uses.
seed() { "$BIN" --repo "$R" lint --staged --now 2026-11-24T18:00:00 --fail-level never > /dev/null 2>&1; }
# Every source after an edit: the working tree, the index, HEAD; at two times (rules about
# overdue actions, stale risks and missing reviews depend on the day).
all_same() {
  local name=$1
  check "$name: worktree" same "$name" 2026-11-24T18:00:00
  check "$name: --staged" same "$name" 2026-11-24T18:00:00 --staged
  check "$name: --staged, a week later" same "$name" 2026-12-01T18:00:00 --staged
  check "$name: --rev HEAD" same "$name" 2026-11-24T18:00:00 --rev HEAD
}

mkdir -p "$R"
git -C "$R" init -q -b main
cp -R "$CLEAN/." "$R/"
rm -f "$R/expected.txt" "$R/expected-exit"
commit 2026-11-24T10:00:00+01:00 "ops records"

# The caches are used at all: a second --staged run parses nothing and reuses every check.
"$BIN" --repo "$R" lint --staged --now 2026-11-24T18:00:00 --fail-level never > /dev/null 2>&1
OPSLINT_TRACE=1 "$BIN" --repo "$R" lint --staged --now 2026-11-24T18:00:00 --fail-level never > /dev/null 2> "$SCRATCH/trace"
check "warm --staged run parses nothing" grep -q 'parse cache: [1-9][0-9]* reused, 0 parsed' "$SCRATCH/trace"
check "warm --staged run reuses checks" grep -q 'check memo: [1-9][0-9]* reused, 0 run' "$SCRATCH/trace"
check "warm --staged run loads no deferred records" grep -q 'records: 0 of [1-9][0-9]* deferred files loaded' "$SCRATCH/trace"
all_same "committed"

# 1. Minutes text added (the record changes, actions do not); staged, then committed late (OPS505).
printf '\nA late note.\n' >> "$R/$W/2026-47/minutes.md"
git -C "$R" add -A
all_same "minutes note staged"
# 1b. The note unstaged, then staged again: every blob is one the caches know, so the run decodes
# the records of the one folder whose checks run again (its minutes and actions), and no others.
seed
git -C "$R" reset -q -- "$W/2026-47/minutes.md"
check "note unstaged: its folder's records loaded, no others" loads "note unstaged" 2 --staged
git -C "$R" add -A
check "note staged again: its folder's records loaded, no others" loads "note staged again" 2 --staged
commit 2026-12-01T09:00:00+01:00 "late note"
all_same "minutes note committed"

# 2. An action added, staged only (OPS304, repeated actions' inputs change).
printf -- '- [ ] A3 Check the canary again — owner: @sam, due: 2026-11-21, verify: canary blocks a bad deploy\n' \
  >> "$R/$W/2026-48/actions.md"
git -C "$R" add -A
all_same "action added"

# 3. An action removed and another closed with its verification changed (OPS503, OPS504).
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
sed -i 's/- \[x\] A1 Re-enable canary analysis — owner: @sam, due: 2026-11-20, verify: canary blocks a bad deploy/- [x] A1 Re-enable canary analysis — owner: @sam, due: 2026-11-20, verify: it looks fine/' \
  "$R/$W/2026-47/actions.md"
git -C "$R" add -A
all_same "action removed, verification changed"
commit 2026-12-01T10:00:00+01:00 "actions rewritten"
all_same "actions rewritten, committed"

# 4. A backlog entry removed (OPS502, OPS305 for actions naming it), staged; the working tree differs.
sed -i '/^## IB-41 /,/^$/d' "$R/$BACKLOG"
git -C "$R" add -A
printf '\n## IB-99 Unstaged entry\n- Status: open\n' >> "$R/$BACKLOG"
all_same "backlog entry removed"
# 4b. The removal unstaged, then staged again: the backlog's IDs change, so the checks of every
# action run again and every deferred record is loaded.
git -C "$R" checkout -q -- "$BACKLOG"
seed
git -C "$R" reset -q -- "$BACKLOG"
check "removal unstaged: every record loaded" loads "removal unstaged" all --staged
git -C "$R" add -- "$BACKLOG"
check "removal staged again: every record loaded" loads "removal staged again" all --staged

# 5. A link to a missing file, then the file (OPS601; the minutes' evidence reads link targets).
printf '\nSee [the runbook](../../../../docs/runbook.md).\n' >> "$R/$W/2026-46/minutes.md"
git -C "$R" add -A
all_same "broken link"
mkdir -p "$R/docs" && printf '# Runbook\n' > "$R/docs/runbook.md"
git -C "$R" add -A
all_same "link target added"

# 6. Front matter: a date outside the week, a broken YAML front matter, a NUL byte.
sed -i 's/^date: 2026-11-17/date: 2026-11-30/' "$R/$W/2026-47/minutes.md"
sed -i 's/^chair: "@dana"/chair: "@dana/' "$R/$W/2026-48/minutes.md"
printf 'bad\0byte\n' > "$R/$W/2026-46/actions.md"
git -C "$R" add -A
all_same "front matter and unreadable files"
commit 2026-12-01T11:00:00+01:00 "broken records"
all_same "broken records committed"

# 7. A new folder, a folder deleted, a suppression, a config change (owners).
mkdir -p "$R/$W/2026-49"
cp "$CLEAN/$W/2026-48/minutes.md" "$R/$W/2026-49/minutes.md"
sed -i 's/^date: .*/date: 2026-12-01/' "$R/$W/2026-49/minutes.md"
printf '\n<!-- opslint-disable-file OPS205 OPS301 -->\n' >> "$R/$W/2026-49/minutes.md"
git -C "$R" rm -q -r "$W/2026-46"
sed -i 's/^owners: .*/owners: ["@dana", "@li"]/' "$R/.opslint.yaml"
git -C "$R" add -A
all_same "folders, suppression, config"
check "folders, suppression, config: the config is read" bash -c "! grep -q 'opslint: error' '$SCRATCH/out'"

# 8. The risk register and the backlog's fields.
sed -i 's/^- Status: open/- Status: maybe/' "$R/$BACKLOG"
sed -i '0,/Reviewed:/s/Reviewed: .*/Reviewed: 2025-01-01/' "$R/docs/operations/RISK_REGISTER.md"
git -C "$R" add -A
all_same "risk register and backlog fields"
commit 2026-12-02T09:00:00+01:00 "more changes"
all_same "more changes committed"

# 9. A pull request's minutes, committed on time and not merged: --range judges them against now
# (OPS501), so a memo written at one time must not answer at another.
git -C "$R" checkout -q -b pr
mkdir -p "$R/$W/2026-50"
sed 's/^date: .*/date: 2026-12-08/' "$CLEAN/$W/2026-48/minutes.md" > "$R/$W/2026-50/minutes.md"
cp "$CLEAN/.opslint.yaml" "$R/.opslint.yaml" # the whole roster again
commit 2026-12-08T18:00:00+01:00 "weekly 2026-50"
check "pr minutes: --range, before the margin" same "pr early" 2026-12-08T20:00:00 --range main..pr
check "pr minutes: --range, before the margin, quiet" bash -c "! grep -q '2026-50/minutes.md:1:1' '$SCRATCH/out'"
check "pr minutes: --range, past the deadline" same "pr late" 2026-12-11T12:00:00 --range main..pr
check "pr minutes: --range, past the deadline, the error" grep -q "2026-50/minutes.md:1:1: error: minutes not published: the deadline 2026-12-09 15:45 CET passed" "$SCRATCH/out"
check "pr minutes: --range, within the margin" same "pr margin" 2026-12-09T12:00:00 --range main..pr
check "pr minutes: --range, within the margin, the warning" grep -q "2026-50/minutes.md:1:1: warning: minutes not published yet" "$SCRATCH/out"
check "pr minutes: --range, before the margin again" same "pr early again" 2026-12-08T20:00:00 --range main..pr
git -C "$R" checkout -q main

# A damaged cache is ignored: every cache file truncated, then the same output.
find "$R/.git/opslint" -type f | while read -r f; do head -c 100 "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done
all_same "damaged caches"

summary
