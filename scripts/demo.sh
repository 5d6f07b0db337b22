#!/usr/bin/env bash
# Installs dependencies, builds opslint, creates a demo ops repo with a realistic git history from
# fixtures/ and lints it. The demo has clean periods and a week with a few typical findings.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
bash "$root/scripts/build.sh" "$root/build"
demo=${DEMO_DIR:-$root/build/demo-ops-repo}
rm -rf "$demo"
mkdir -p "$demo"
cd "$demo"
git init -q -b main
export GIT_AUTHOR_NAME="Dana Ops" GIT_AUTHOR_EMAIL="dana@example.com"
export GIT_COMMITTER_NAME="Dana Ops" GIT_COMMITTER_EMAIL="dana@example.com"
commit() { # date message paths...
  local when=$1 msg=$2
  shift 2
  for p in "$@"; do
    mkdir -p "$(dirname "$p")"
    cp -R "$src/$p" "$(dirname "$p")/"
  done
  git add -A
  GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git commit -q -m "$msg"
}
src="$root/fixtures/clean"
commit "2026-09-29T17:10:00+02:00" "Set up the ops repo and Q3 optimization review" \
  .opslint.yaml docs/operations/RISK_REGISTER.md ops/operations/quarterly/2026-Q3
commit "2026-10-27T16:30:00+01:00" "Monthly risk review 2026-10" ops/operations/monthly/2026-10 \
  docs/operations/IMPROVEMENT_BACKLOG.md
commit "2026-11-10T16:05:00+01:00" "Weekly ops review 2026-46" ops/operations/weekly/2026-46
commit "2026-11-17T16:20:00+01:00" "Weekly ops review 2026-47" ops/operations/weekly/2026-47
# Published two days after the meeting: the history rules flag it (OPS501).
commit "2026-11-26T10:30:00+01:00" "Weekly ops review 2026-48" ops/operations/weekly/2026-48
src="$root/fixtures/demo"
commit "2026-12-01T17:00:00+01:00" "Weekly ops review 2026-49 (draft)" ops/operations/weekly/2026-49
echo "Demo ops repo: $demo ($(git rev-list --count HEAD) commits)"
echo "\$ opslint lint --now 2026-12-02T09:00"
set +e
"$root/build/opslint" --repo "$demo" lint --now 2026-12-02T09:00
code=$?
echo "(exit code $code: 1 means findings at error level, as expected for this demo)"
[ "$code" -le 1 ]
