#!/usr/bin/env bash
# End-to-end: the history rules OPS500-OPS505 on git repositories built here with scripted
# histories (commit times through GIT_AUTHOR_DATE / GIT_COMMITTER_DATE).
#
# Usage: tests/e2e/history.sh BINARY
set -u
if [[ $# -ne 1 ]]; then
  echo "usage: $0 BINARY" >&2
  exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLEAN=$ROOT/fixtures/clean
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/opslint-history.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
pass=0
fail=0
NOW=2026-11-24T18:00:00

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=dana GIT_AUTHOR_EMAIL=dana@old.example.com
export GIT_COMMITTER_NAME=dana GIT_COMMITTER_EMAIL=dana@old.example.com
unset OPSLINT_NOW GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_AUTHOR_DATE GIT_COMMITTER_DATE

check() { # name, command...
  local name=$1
  shift
  if "$@"; then
    echo "ok $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name"
    fail=$((fail + 1))
    [[ -f $SCRATCH/out ]] && sed 's/^/    | /' "$SCRATCH/out" | head -20
  fi
}
has() { grep -qF -- "$1" "$SCRATCH/out"; }
lacks() { ! grep -qF -- "$1" "$SCRATCH/out"; }
count() { test "$(grep -cF -- "$1" "$SCRATCH/out")" = "$2"; }

# commit DIR DATE MESSAGE: commits everything at DATE (author and committer time).
commit() {
  git -C "$1" add -A
  GIT_AUTHOR_DATE=$2 GIT_COMMITTER_DATE=$2 git -C "$1" -c commit.gpgsign=false commit -q --no-verify -m "$3"
}
short() { git -C "$1" rev-parse --short=7 "${2:-HEAD}"; }
# lint DIR ARGS...: exit code in $code, stdout in $SCRATCH/out; lint_at NOW DIR ARGS... at another time.
lint_at() {
  local now=$1 dir=$2
  shift 2
  "$BIN" --no-color --repo "$dir" lint --now "$now" "$@" > "$SCRATCH/out" 2> "$SCRATCH/err"
  code=$?
}
lint() { lint_at "$NOW" "$@"; }
take() { # DIR PATH...: copies paths from the clean fixture
  local dir=$1
  shift
  for p in "$@"; do
    mkdir -p "$dir/$(dirname "$p")"
    cp -R "$CLEAN/$p" "$dir/$p"
  done
}

W=ops/operations/weekly
BACKLOG=docs/operations/IMPROVEMENT_BACKLOG.md
ARCHIVE=docs/operations/BACKLOG_ARCHIVE.md

# The clean fixture, each review committed within a few hours of its meeting.
make_base() {
  local r=$1
  mkdir -p "$r"
  git -C "$r" init -q -b main
  printf 'Dana Fischer <dana@example.com> dana <dana@old.example.com>\n' > "$r/.mailmap"
  take "$r" .opslint.yaml docs ops/operations/quarterly
  commit "$r" 2026-09-29T20:00:00+02:00 "Q3 review, backlog, risks"
  take "$r" ops/operations/monthly
  commit "$r" 2026-10-27T20:00:00+01:00 "October risk review"
  take "$r" $W/2026-46
  commit "$r" 2026-11-10T18:00:00+01:00 "Weekly 2026-46"
  take "$r" $W/2026-47
  commit "$r" 2026-11-17T18:00:00+01:00 "Weekly 2026-47"
  take "$r" $W/2026-48
  commit "$r" 2026-11-24T17:00:00+01:00 "Weekly 2026-48"
}
copy_repo() { cp -R "$SCRATCH/base" "$1"; }

make_base "$SCRATCH/base"

# --- a clean history is quiet -------------------------------------------------------------
lint "$SCRATCH/base"
check "quiet: timely history has no findings" test "$code" = 0
check "quiet: no OPS500 when the history is complete" lacks OPS500
check "quiet: summary" has "opslint: no findings in 10 files"
check "quiet: the cache was written under the git dir" test -n "$(ls "$SCRATCH/base/.git/opslint/history-v1/" 2>/dev/null)"

# --- OPS501 late publication ----------------------------------------------------------------
R=$SCRATCH/late
mkdir -p "$R"
git -C "$R" init -q -b main
cp "$SCRATCH/base/.mailmap" "$R/"
take "$R" .opslint.yaml docs ops/operations/quarterly
commit "$R" 2026-09-29T20:00:00+02:00 "Q3"
take "$R" ops/operations/monthly
commit "$R" 2026-10-27T20:00:00+01:00 "October"
take "$R" $W/2026-46
commit "$R" 2026-11-10T18:00:00+01:00 "Weekly 2026-46"
take "$R" $W/2026-47
commit "$R" 2026-11-20T09:30:00+01:00 "Weekly 2026-47, late"
late=$(short "$R")
take "$R" $W/2026-48
commit "$R" 2026-11-25T16:00:00+01:00 "Weekly 2026-48, 24h15m after the meeting"
late48=$(short "$R")
lint_at 2026-11-26 "$R"
check "OPS501: fails" test "$code" = 1
check "OPS501: names commit, author (.mailmap) and date" has "$W/2026-47/minutes.md:1:1: error: minutes published 65 hours 45 minutes after the meeting ended (2026-11-17 15:45 CET), over the 24-hour limit: first committed in $late by Dana Fischer on 2026-11-20 09:30 CET [OPS501 late-publication]"
check "OPS501: meeting end is start + duration in the meeting's zone" has "minutes published 24 hours 15 minutes after the meeting ended (2026-11-24 15:45 CET), over the 24-hour limit: first committed in $late48"
check "OPS501: timely minutes are quiet" lacks "2026-46/minutes.md"
count "OPS501" 2

# A later edit does not move the publication; a suppression with a reason silences it.
echo '<!-- opslint-disable-file OPS501 -- held back for legal review -->' >> "$R/$W/2026-47/minutes.md"
commit "$R" 2026-11-21T09:00:00+01:00 "Explain the delay"
lint_at 2026-11-26 "$R"
check "OPS501: a suppression in the minutes silences it" lacks "2026-47/minutes.md:1:1: error"
check "OPS501: the suppression is used (no OPS004)" lacks OPS004

# Not committed yet, and already past the limit: the working tree says so.
R=$SCRATCH/draft
copy_repo "$R"
mkdir -p "$R/$W/2026-49"
sed 's/2026-11-24/2026-12-01/; s/2026-48/2026-49/' "$CLEAN/$W/2026-48/minutes.md" > "$R/$W/2026-49/minutes.md"
cp "$CLEAN/$W/2026-48/actions.md" "$R/$W/2026-49/actions.md"
sed -i 's/2026-48/2026-49/; s/2026-12-01/2026-12-08/; s/2026-12-04/2026-12-08/' "$R/$W/2026-49/actions.md"
lint_at 2026-12-03T12:00:00 "$R"
check "OPS501: uncommitted minutes past the limit" has "$W/2026-49/minutes.md:1:1: error: minutes are not committed yet, 44 hours 15 minutes after the meeting ended (2026-12-01 15:45 CET); the limit is 24 hours"
lint_at 2026-12-01T20:00:00 "$R"
check "OPS501: uncommitted minutes within the limit are quiet" lacks OPS501

# --- OPS502 backlog entry removed -----------------------------------------------------------
remove_entry() { # FILE ID: deletes the entry's section
  python3 - "$1" "$2" <<'EOF'
import re, sys
path, ident = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"## " + re.escape(ident) + r"\b.*?(?=^## |\Z)", "", text, flags=re.S | re.M)
open(path, "w").write(text)
EOF
}
entry_of() { # FILE ID: prints the entry's section
  python3 - "$1" "$2" <<'EOF'
import re, sys
path, ident = sys.argv[1], sys.argv[2]
m = re.search(r"## " + re.escape(ident) + r"\b.*?(?=^## |\Z)", open(path).read(), flags=re.S | re.M)
print(m.group(0).rstrip())
EOF
}

R=$SCRATCH/removed
copy_repo "$R"
remove_entry "$R/$BACKLOG" IB-41
commit "$R" 2026-11-24T17:30:00+01:00 "Tidy the backlog"
gone=$(short "$R")
lint "$R"
check "OPS502: fails" test "$code" = 1
check "OPS502: names the entry, commit, author and date" has "$BACKLOG:0:0: error: IB-41 was removed in $gone by Dana Fischer on 2026-11-24 17:30 CET and it is in neither $BACKLOG nor $ARCHIVE; restore it with status done or wont-do, in the backlog or the archive [OPS502 backlog-entry-removed]"
count "OPS502" 1

# Restoring it (a later commit) clears the finding.
{ echo; entry_of "$SCRATCH/base/$BACKLOG" IB-41; } >> "$R/$BACKLOG"
commit "$R" 2026-11-24T17:40:00+01:00 "Restore IB-41"
lint "$R"
check "OPS502: a restored entry is quiet" lacks OPS502

# Moving an entry to the archive is keeping it.
R=$SCRATCH/archived
copy_repo "$R"
{ echo "# Backlog archive"; echo; entry_of "$R/$BACKLOG" IB-39; } > "$R/$ARCHIVE"
remove_entry "$R/$BACKLOG" IB-39
commit "$R" 2026-11-24T17:30:00+01:00 "Archive IB-39"
lint "$R"
check "OPS502: an entry moved to the archive is quiet" lacks OPS502
check "OPS502: archive move exit code" test "$code" = 0

# --staged: deleting an entry in the index is OPS502 before it is ever committed.
R=$SCRATCH/staged
copy_repo "$R"
remove_entry "$R/$BACKLOG" IB-40
git -C "$R" add "$BACKLOG"
git -C "$R" show "HEAD:$BACKLOG" > "$R/$BACKLOG"  # the working copy still has it; only the index lost it
lint "$R" --staged
check "OPS502 --staged: fails" test "$code" = 1
check "OPS502 --staged: the staged change removes it" has "$BACKLOG:0:0: error: IB-40 was removed in the staged change (not committed yet) and it is in neither"
lint "$R"
check "OPS502 worktree: the working copy still has it" lacks OPS502

# The working tree: an uncommitted deletion is reported too.
R=$SCRATCH/wt-removed
copy_repo "$R"
remove_entry "$R/$BACKLOG" IB-40
lint "$R"
check "OPS502 worktree: an uncommitted deletion" has "IB-40 was removed in the working tree (not committed yet)"

# --- OPS503 action removed ------------------------------------------------------------------
R=$SCRATCH/action-removed
copy_repo "$R"
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:30:00+01:00 "Drop the secret rotation"
gone=$(short "$R")
lint "$R"
check "OPS503: fails" test "$code" = 1
check "OPS503: names the action and the commit" has "$W/2026-47/actions.md:0:0: error: action A2 \"Rotate the payments DB secret\" was removed in $gone by Dana Fischer on 2026-11-24 17:30 CET; put it back and mark it dropped [OPS503 action-removed]"
git -C "$R" show HEAD~1:$W/2026-47/actions.md > "$R/$W/2026-47/actions.md"
sed -i 's/backlog: IB-43/backlog: IB-43; status: dropped/' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:40:00+01:00 "Put A2 back as dropped"
lint "$R"
check "OPS503: restored as dropped is quiet" lacks OPS503

# Removing a positional action shifts the IDs after it: the one removed is named, by its text.
R=$SCRATCH/positional
copy_repo "$R"
cat > "$R/$W/2026-46/actions.md" <<'EOF'
# Actions 2026-46

- [x] Remove idle load-test capacity — owner: @ravi; due: 2026-11-13; verify: cost dashboard shows the cluster gone; backlog: IB-40; evidence: https://ci.example.com/runs/9871
- [x] Write the phishing triage runbook — owner: @noor; due: 2026-11-13; verify: runbook reviewed by security; backlog: IB-41; evidence: https://wiki.example.com/runbooks/phishing
- [x] Publish the Q3 scorecard — owner: @dana; due: 2026-11-13; verify: scorecard linked from the wiki; backlog: IB-39; evidence: https://wiki.example.com/scorecard
EOF
commit "$R" 2026-11-10T19:00:00+01:00 "2026-46 actions as a task list"
sed -i '/phishing triage runbook/d' "$R/$W/2026-46/actions.md"
commit "$R" 2026-11-24T17:30:00+01:00 "Remove an action"
lint "$R"
check "OPS503: positional IDs: the removed action is named" has "action A2 \"Write the phishing triage runbook\" was removed in $(short "$R")"
count "OPS503" 1

# Moving an action to another period's file in the same commit is not a removal.
R=$SCRATCH/moved
copy_repo "$R"
grep 'A2 Rotate' "$R/$W/2026-47/actions.md" | sed 's/A2 Rotate/A3 Rotate/' >> "$R/$W/2026-48/actions.md"
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:30:00+01:00 "Move the rotation to this week"
lint "$R"
check "OPS503: an action moved to another period in one commit is quiet" lacks OPS503

# --- OPS504 verification rewritten on close -------------------------------------------------
R=$SCRATCH/goalposts
copy_repo "$R"
sed -i 's/- \[ \] A2 Rotate the payments DB secret — owner: @li; due: 2026-11-28; verify: vault audit log shows rotation; backlog: IB-43/- [x] A2 Rotate the payments DB secret — owner: @li; due: 2026-11-28; verify: new secret stored in vault; backlog: IB-43; evidence: https:\/\/vault.example.com\/ui\/secret/' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:30:00+01:00 "Close A2"
closed=$(short "$R")
lint "$R"
check "OPS504: a warning (exit 0 at the default fail level)" test "$code" = 0
check "OPS504: on the action's line, naming the commit" has "$W/2026-47/actions.md:4:1: warning: action A2 was closed and its verification changed from \"vault audit log shows rotation\" to \"new secret stored in vault\" in $closed by Dana Fischer on 2026-11-24 17:30 CET [OPS504 verification-rewritten-on-close]"

R=$SCRATCH/goalposts-ok
copy_repo "$R"
sed -i 's/verify: vault audit log shows rotation/verify: new secret stored in vault/' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:10:00+01:00 "Agree a new verification step"
sed -i 's/- \[ \] A2 Rotate/- [x] A2 Rotate/; s/backlog: IB-43$/backlog: IB-43; evidence: https:\/\/vault.example.com\/ui\/secret/' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:30:00+01:00 "Close A2"
lint "$R"
check "OPS504: verification changed in its own commit, then closed: quiet" lacks OPS504

R=$SCRATCH/goalposts-backlog
copy_repo "$R"
python3 - "$R/$BACKLOG" <<'EOF'
import sys
p = sys.argv[1]
t = open(p).read()
t = t.replace("""- Status: open
- Owner: @sam
- Source: 2026-48/A1
- Due: 2026-12-01
- Verification: Chaos test fires the alert in staging""", """- Status: done
- Owner: @sam
- Source: 2026-48/A1
- Due: 2026-12-01
- Verification: Alert threshold set to 800 ms
- Evidence: https://grafana.example.com/d/alerts""")
open(p, "w").write(t)
EOF
commit "$R" 2026-11-24T17:30:00+01:00 "Close IB-42"
lint "$R"
check "OPS504: a backlog entry closed with a new verification" has "docs/operations/IMPROVEMENT_BACKLOG.md:25:1: warning: IB-42 was closed and its verification changed from \"Chaos test fires the alert in staging\" to \"Alert threshold set to 800 ms\" in $(short "$R")"

# --- OPS505 minutes edited after the amend window -------------------------------------------
R=$SCRATCH/amended
copy_repo "$R"
echo "Late note." >> "$R/$W/2026-46/minutes.md"
commit "$R" 2026-11-21T10:00:00+01:00 "Tidy up 2026-46"
edit=$(short "$R")
lint "$R"
check "OPS505: a warning" test "$code" = 0
check "OPS505: names the edit" has "$W/2026-46/minutes.md:1:1: warning: minutes changed 10 days after publication, over the 7-day amend window: in $edit by Dana Fischer on 2026-11-21 10:00 CET [OPS505 minutes-edited-late]"

R=$SCRATCH/amended-ok
copy_repo "$R"
echo "Prompt correction." >> "$R/$W/2026-47/minutes.md"
commit "$R" 2026-11-20T10:00:00+01:00 "Correct 2026-47 within the window"
sed -i 's/See \[actions\](actions.md)./See [actions](actions.md); A2 is still open./' "$R/$W/2026-46/minutes.md"
commit "$R" 2026-11-23T10:00:00+01:00 "Update the Actions section late"
lint "$R"
check "OPS505: edits within the window, or only in the Actions section, are quiet" lacks OPS505

R=$SCRATCH/amended-staged
copy_repo "$R"
echo "Staged late note." >> "$R/$W/2026-46/minutes.md"
git -C "$R" add -A
lint "$R" --staged
check "OPS505 --staged: a late edit being committed" has "$W/2026-46/minutes.md:1:1: warning: minutes changed 14 days after publication, over the 7-day amend window: in the staged change (not committed yet)"

# --- first parent only ----------------------------------------------------------------------
R=$SCRATCH/merge
copy_repo "$R"
git -C "$R" checkout -q -b side
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:10:00+01:00 "Oops"
git -C "$R" show main:$W/2026-47/actions.md > "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:20:00+01:00 "Undo oops"
git -C "$R" checkout -q main
GIT_AUTHOR_DATE=2026-11-24T17:30:00+01:00 GIT_COMMITTER_DATE=2026-11-24T17:30:00+01:00 git -C "$R" merge -q --no-ff -m "Merge side" side
lint "$R"
check "first parent: a deletion undone on a merged branch is quiet" lacks OPS503

# --- --rev and --range ----------------------------------------------------------------------
R=$SCRATCH/removed
lint "$R" --rev HEAD~1
check "--rev: judged at that commit (the removal, not yet restored)" has "IB-41 was removed in $(short "$R" HEAD~1)"
git -C "$R" branch -q base HEAD~1
lint "$R" --range base..HEAD
check "--range: a removal before the range is not reported" lacks OPS502
git -C "$R" branch -q older HEAD~2
lint "$R" --range older..HEAD~1
check "--range: a removal inside the range is reported" has "IB-41 was removed in $(short "$R" HEAD~1)"

# --- OPS501 in a pull request: published only once merged -------------------------------------
# The 2026-49 meeting (2026-12-01 15:00 CET, 45 min) is due by 2026-12-02 15:45 CET; its minutes
# were committed on time on a branch that is not merged yet.
R=$SCRATCH/pr
copy_repo "$R"
git -C "$R" checkout -q -b pr
mkdir -p "$R/$W/2026-49"
sed 's/2026-11-24/2026-12-01/; s/2026-48/2026-49/' "$CLEAN/$W/2026-48/minutes.md" > "$R/$W/2026-49/minutes.md"
sed 's/2026-48/2026-49/; s/2026-12-01/2026-12-08/; s/2026-12-04/2026-12-08/' "$CLEAN/$W/2026-48/actions.md" > "$R/$W/2026-49/actions.md"
commit "$R" 2026-12-01T18:00:00+01:00 "Weekly 2026-49"
pr49=$(short "$R")
lint_at 2026-12-02T09:44:59 "$R" --range main..pr
check "PR: before the warning margin, quiet" lacks "$W/2026-49/minutes.md:1:1"
check "PR: before the warning margin, exit 0" test "$code" = 0
lint_at 2026-12-02T12:00:00 "$R" --range main..pr
check "PR: within publish_warning_hours, a warning with the deadline" has "$W/2026-49/minutes.md:1:1: warning: minutes not published yet: merge the change that adds them by 2026-12-02 15:45 CET (3 hours 45 minutes from now) (first committed in $pr49 by Dana Fischer on 2026-12-01 18:00 CET) [OPS501 late-publication]"
check "PR: within the margin, exit 0" test "$code" = 0
lint_at 2026-12-04T16:00:00 "$R" --range main..pr
check "PR: past the deadline, an error saying since when" has "$W/2026-49/minutes.md:1:1: error: minutes not published: the deadline 2026-12-02 15:45 CET passed 48 hours 15 minutes ago; merge the change that adds them (first committed in $pr49 by Dana Fischer on 2026-12-01 18:00 CET) [OPS501 late-publication]"
check "PR: past the deadline, exit 1" test "$code" = 1
lint_at 2026-12-04T16:00:00 "$R"
check "PR: the branch itself is the published line (no --range): on time" lacks "2026-49/minutes.md:1:1"
printf 'publish_warning_hours: 1\n' >> "$R/.opslint.yaml"
lint_at 2026-12-02T12:00:00 "$R" --range main..pr
check "PR: publish_warning_hours narrows the margin" lacks "2026-49/minutes.md:1:1"
git -C "$R" checkout -q -- .opslint.yaml
# Minutes published on main and merged into the PR branch come in through a range commit, but they
# are on the base: published.
git -C "$R" checkout -q main
mkdir -p "$R/$W/2026-50"
sed 's/2026-11-24/2026-12-08/; s/2026-48/2026-50/' "$CLEAN/$W/2026-48/minutes.md" > "$R/$W/2026-50/minutes.md"
sed 's/2026-48/2026-50/; s/2026-12-01/2026-12-15/; s/2026-12-04/2026-12-15/' "$CLEAN/$W/2026-48/actions.md" > "$R/$W/2026-50/actions.md"
commit "$R" 2026-12-08T17:00:00+01:00 "Weekly 2026-50, on main"
git -C "$R" checkout -q pr
GIT_AUTHOR_DATE=2026-12-08T18:00:00+01:00 GIT_COMMITTER_DATE=2026-12-08T18:00:00+01:00 git -C "$R" merge -q --no-ff -m "Merge main into pr" main
lint_at 2026-12-11T12:00:00 "$R" --range main..pr
check "PR: minutes merged in from the base are published" lacks "2026-50/minutes.md:1:1"
check "PR: the PR's own minutes still fail" has "$W/2026-49/minutes.md:1:1: error: minutes not published"
# Merged on time: published at the merge commit, quiet later.
git -C "$R" checkout -q main
GIT_AUTHOR_DATE=2026-12-02T10:00:00+01:00 GIT_COMMITTER_DATE=2026-12-02T10:00:00+01:00 git -C "$R" merge -q --no-ff -m "Merge pr" pr
lint_at 2026-12-04T16:00:00 "$R"
check "PR merged before the deadline: quiet" lacks "2026-49/minutes.md:1:1"

# --- OPS500: incomplete history -------------------------------------------------------------
git clone -q --depth 1 "file://$SCRATCH/late" "$SCRATCH/shallow" 2> /dev/null
R=$SCRATCH/shallow
lint_at 2026-11-26 "$R"
check "shallow: no crash, exit 0 (OPS500 is info)" test "$code" = 0
check "shallow: OPS500 names the boundary" has ".:0:0: info: history rules OPS501-OPS505 saw incomplete history: shallow clone: history before $(short "$R") is missing [OPS500 history-incomplete]"
check "shallow: no OPS501 for minutes whose publication is unknown" lacks "[OPS501 late-publication]"
lint_at 2026-11-26 "$R" --strict-history
check "shallow --strict-history: fails" test "$code" = 1
check "shallow --strict-history: OPS500 is an error" has ".:0:0: error: history rules OPS501-OPS505 saw incomplete history: shallow clone"
check "shallow: no cache written for incomplete history" test ! -e "$R/.git/opslint/history-v1"
git -C "$R" fetch -q --unshallow 2> /dev/null
lint_at 2026-11-26 "$R"
check "unshallowed: OPS500 gone" lacks OPS500
check "unshallowed: OPS501 back" has "[OPS501 late-publication]"

R=$SCRATCH/empty
mkdir -p "$R"
git -C "$R" init -q -b main
lint "$R"
check "empty repository: exit 0" test "$code" = 0
check "empty repository: unborn HEAD" has ".:0:0: info: history rules OPS501-OPS505 were not checked: unborn HEAD: no commits yet [OPS500 history-incomplete]"
take "$R" .opslint.yaml docs ops
lint "$R" --strict-history
check "unborn HEAD with files, --strict-history: error" has ".:0:0: error: history rules OPS501-OPS505 were not checked: unborn HEAD: no commits yet"
git -C "$R" add -A
lint "$R" --staged
check "unborn HEAD --staged: OPS500, no crash" has "unborn HEAD: no commits yet"

R=$SCRATCH/plain
mkdir -p "$R"
cp -R "$CLEAN/." "$R/"
rm -f "$R/expected.txt" "$R/expected-exit"
lint "$R"
check "not a repository: OPS500" has ".:0:0: info: history rules OPS501-OPS505 were not checked: not a git repository [OPS500 history-incomplete]"
lint "$SCRATCH/base" --no-history
check "--no-history: the message the fixtures expect" has ".:0:0: info: history rules OPS501-OPS505 were not checked: --no-history was given [OPS500 history-incomplete]"

# --- the cache never changes results --------------------------------------------------------
R=$SCRATCH/cached
copy_repo "$R"
remove_entry "$R/$BACKLOG" IB-41
commit "$R" 2026-11-24T17:30:00+01:00 "Tidy the backlog"
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
commit "$R" 2026-11-24T17:35:00+01:00 "Drop the secret rotation"
rm -rf "$R/.git/opslint"
lint "$R"
cp "$SCRATCH/out" "$SCRATCH/expected"
cache=$(ls "$R"/.git/opslint/history-v1/*)
check "cache: written" test -s "$cache"
lint "$R"
check "cache: a warm run gives the same findings" cmp -s "$SCRATCH/out" "$SCRATCH/expected"
printf 'garbage' | dd of="$cache" bs=1 seek=200 conv=notrunc 2> /dev/null
lint "$R"
check "cache: a corrupted file is ignored" cmp -s "$SCRATCH/out" "$SCRATCH/expected"
head -c 100 "$cache" > "$cache.tmp" && mv "$cache.tmp" "$cache"
lint "$R"
check "cache: a truncated file is ignored" cmp -s "$SCRATCH/out" "$SCRATCH/expected"
for f in "$R"/.git/opslint/history-v1/*; do cp "$SCRATCH/base/.git/opslint/history-v1/$(ls "$SCRATCH/base/.git/opslint/history-v1/" | head -1)" "$f"; done
lint "$R"
check "cache: another tip's file under this name is ignored" cmp -s "$SCRATCH/out" "$SCRATCH/expected"
# A new commit extends the cached history of its parent.
echo "note" > "$R/NOTES.md"
commit "$R" 2026-11-24T17:50:00+01:00 "Unrelated"
lint "$R"
check "cache: extended from the parent's history" cmp -s "$SCRATCH/out" "$SCRATCH/expected"
check "cache: two tips cached" test "$(ls "$R/.git/opslint/history-v1" | wc -l)" = 2
rm -rf "$R/.git/opslint"
for i in 1 2 3 4; do
  "$BIN" --no-color --repo "$R" lint --now "$NOW" > "$SCRATCH/par$i" 2>&1 &
done
wait
lint "$R"
same=1
for i in 1 2 3 4; do cmp -s "$SCRATCH/par$i" "$SCRATCH/out" || same=0; done
check "cache: concurrent cold runs agree" test "$same" = 1
check "cache: no temporary files left" test -z "$(ls -A "$R/.git/opslint/history-v1" | grep '^\.')"
# A linked worktree: the history is read on a second thread with a repository handle of its own,
# opened from the worktree's git dir; the cache is the common dir's.
git -C "$R" worktree add -q --detach "$SCRATCH/cached-linked" HEAD 2> /dev/null
rm -rf "$R/.git/opslint"
lint "$SCRATCH/cached-linked"
check "cache: a linked worktree's cold run agrees" cmp -s "$SCRATCH/out" "$SCRATCH/par1"
check "cache: a linked worktree writes the common dir's cache" test -n "$(ls "$R/.git/opslint/history-v1/")"
rm -rf "$R/.git/opslint"
lint "$SCRATCH/cached-linked" --staged --all
check "cache: a linked worktree's cold --staged run agrees" cmp -s "$SCRATCH/out" "$SCRATCH/par1"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
