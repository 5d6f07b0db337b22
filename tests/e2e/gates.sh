#!/usr/bin/env bash
# The gates judge the change (issue #15): the installed git hook, the pre-commit framework hook and
# the pull-request check (`--range`) block only on what a change causes, in a repository that
# carries an old late publication (OPS501) and a cadence gap (OPS104); whole-repo `lint` and
# `--all` still report both. Usage: tests/e2e/gates.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start gates "$@"
need_binary
command -v pre-commit >/dev/null || { echo "gates.sh: pre-commit missing; run scripts/install-deps.sh" >&2; echo "0 passed, 1 failed"; exit 1; }

git_env
unset PRE_COMMIT_FROM_REF PRE_COMMIT_TO_REF OPSLINT
# Now: 2026-12-09, so week 2026-49 (Nov 30 - Dec 6) is a cadence gap, and 2026-47 was published late.
export OPSLINT_NOW=2026-12-09T12:00:00Z NO_COLOR=1
export PRE_COMMIT_HOME=$WORK/pre-commit-home
mkdir -p "$WORK/bin" && ln -s "$BIN" "$WORK/bin/opslint"
export PATH=$WORK/bin:$PATH
BACKLOG=docs/operations/IMPROVEMENT_BACKLOG.md
ACTIONS=$W/2026-48/actions.md

# The ops repo, committed period by period; 2026-47's minutes reach main three days late.
TEMPLATE=$WORK/template
mkdir -p "$TEMPLATE" && cp -R "$FIXTURE/." "$TEMPLATE/" && rm -f "$TEMPLATE/expected.txt" "$TEMPLATE/expected-exit"
git -C "$TEMPLATE" init -q -b main
for step in "2026-09-29T20:00:00Z .opslint.yaml ops/operations/quarterly docs" \
  "2026-10-27T20:00:00Z ops/operations/monthly" "2026-11-10T16:00:00Z $W/2026-46" \
  "2026-11-21T16:00:00Z $W/2026-47" "2026-11-24T16:00:00Z $W/2026-48"; do
  read -r when paths <<<"$step"
  # shellcheck disable=SC2086
  (cd "$TEMPLATE" && git add $paths && GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when git commit -q -m "ops: $paths")
done
fresh() { cp -R "$TEMPLATE" "$WORK/$1" && printf '%s\n' "$WORK/$1"; }
commit() { (cd "$1" && git commit -q "${@:2}"); }
unrelated() { printf '\nThe on-call rota moved to Tuesdays.\n' >> "$1/README.md" && git -C "$1" add README.md; }
break_owner() {
  sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' "$1/$ACTIONS"
  git -C "$1" add "$ACTIONS"
}
remove_entry() {
  local id
  id=$(grep -o '^## IB-[0-9]*' "$1/$BACKLOG" | tail -n 1 | cut -c4-)
  sed -i "/^## $id /,/^\$/d" "$1/$BACKLOG"
  git -C "$1" add "$BACKLOG"
  printf '%s\n' "$id"
}

# The repository as a whole: both old findings are there.
R=$(fresh whole)
run opslint --repo "$R" lint
rc_is 1
out_has "[OPS501 late-publication]"
out_has "[OPS104 cadence-gap]"
finish "whole-repo lint reports the old OPS501 and the cadence gap"

# The installed git hook.
R=$(fresh hook)
run env -C "$R" opslint install-hook
rc_is 0
unrelated "$R"
run commit "$R" -m "README only"
rc_is 0
out_lacks "OPS501"
out_has "outside this change, not counted; \`opslint lint --staged --all\` shows them"
that '[[ $(git -C "$R" log -1 --format=%s) == "README only" ]]'
finish "git hook: an unrelated valid commit is accepted despite the old OPS501 and the gap"

break_owner "$R"
run commit "$R" -m "owner gone"
rc_is 1
out_has "$ACTIONS:5:1: error: action A1 has no owner [OPS301 action-owner-missing]"
out_lacks "OPS501"
git -C "$R" checkout -q HEAD -- "$ACTIONS"
finish "git hook: a commit that introduces OPS301 is refused, with only that finding"

id=$(remove_entry "$R")
run commit "$R" -m "backlog trimmed"
rc_is 1
out_has "[OPS502 backlog-entry-removed]"
out_has "$id"
git -C "$R" checkout -q HEAD -- "$BACKLOG"
finish "git hook: a commit that removes a backlog entry is refused"

run env -C "$R" opslint lint --staged --all
rc_is 1
out_has "[OPS501 late-publication]"
out_has "[OPS104 cadence-gap]"
finish "lint --staged --all gates on the whole repository"

# The pre-commit framework hook (this checkout's manifest, committed into a hook repository).
HOOKS=$WORK/hook-repo
mkdir -p "$HOOKS" && cp "$ROOT/.pre-commit-hooks.yaml" "$HOOKS/"
git -C "$HOOKS" init -q -b main && git -C "$HOOKS" add .pre-commit-hooks.yaml && commit "$HOOKS" -m hooks
R=$(fresh framework)
unrelated "$R"
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 0
that '[[ $OUT =~ opslint\.+Passed ]]'
finish "pre-commit try-repo: an unrelated valid change passes"
break_owner "$R"
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 1
that '[[ $OUT =~ opslint\.+Failed ]]'
out_has "[OPS301 action-owner-missing]"
git -C "$R" checkout -q HEAD -- "$ACTIONS"
finish "pre-commit try-repo: a change that introduces OPS301 fails"
remove_entry "$R" > /dev/null
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 1
out_has "[OPS502 backlog-entry-removed]"
finish "pre-commit try-repo: a change that removes a backlog entry fails"

# The pull-request check: a branch with an unrelated commit passes; one that orphans an action
# (the backlog entry it references is gone, OPS305 in an untouched actions file) fails.
R=$(fresh pr)
git -C "$R" checkout -q -b pr
unrelated "$R" && commit "$R" -m "README"
run opslint --repo "$R" lint --range main..pr
rc_is 0
out_has "outside this change, not counted; \`opslint lint --range main..pr --all\` shows them"
finish "--range: an unrelated pull request passes"
ref=$(grep -o 'IB-[0-9]*' "$R/$ACTIONS" | head -n 1)
sed -i "/^## $ref /,/^\$/d" "$R/$BACKLOG" && git -C "$R" add "$BACKLOG" && commit "$R" -m "drop $ref"
run opslint --repo "$R" lint --range main..pr
rc_is 1
out_has "$ACTIONS"
out_has "[OPS305 action-backlog-unknown]"
out_has "[OPS502 backlog-entry-removed]"
run opslint --repo "$R" lint --range main..pr --format json
printf '%s' "$OUT" | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; sys.exit(0 if s["outside_change"] > 0 else 1)' ||
  problem "JSON summary lacks outside_change"
finish "--range: a backlog edit that orphans an action fails on the action (cross-file)"

# A change to .opslint.yaml can change every finding: then the whole repository counts.
R=$(fresh config)
printf '\n# reviewed\n' >> "$R/.opslint.yaml" && git -C "$R" add .opslint.yaml
run env -C "$R" opslint lint --staged
rc_is 1
out_has "[OPS104 cadence-gap]"
out_lacks "outside this change"
finish "a change to .opslint.yaml is judged on the whole repository"

summary
