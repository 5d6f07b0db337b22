#!/usr/bin/env bash
# End-to-end: the history cache (format 4, read lazily: a warm run decodes only the folders whose
# checks run) never changes what the history rules say. After each edit, staged or committed, every
# source is linted with warm caches and with OPSLINT_NO_CACHE=1, and the outputs must be identical;
# the findings that prove the lazy path was exercised (OPS501 with .mailmap names, OPS502, OPS503)
# are checked too. Then cache files of an older format, damaged or truncated, are rebuilt.
#
# Usage: tests/e2e/history_cache.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start history-cache "$@"
need_binary
git_env
export GIT_AUTHOR_NAME=dana GIT_AUTHOR_EMAIL=dana@old.example.com
export GIT_COMMITTER_NAME=dana GIT_COMMITTER_EMAIL=dana@old.example.com
unset OPSLINT_NOW GIT_AUTHOR_DATE GIT_COMMITTER_DATE OPSLINT_NO_CACHE OPSLINT_TRACE
SCRATCH=$WORK
CLEAN=$FIXTURE
NOW=2026-11-26T12:00:00

R=$SCRATCH/repo
BACKLOG=docs/operations/IMPROVEMENT_BACKLOG.md
CACHE=$R/.git/opslint/history-v1
commit() { commit_all "$R" "$@"; } # DATE MESSAGE
take() { # PATH...: copies paths from the clean fixture
  for p in "$@"; do
    mkdir -p "$R/$(dirname "$p")"
    cp -R "$CLEAN/$p" "$R/$p"
  done
}

# same NAME ARGS...: warm and cold lints agree (tests/lib/e2e.sh); $SCRATCH/out is the warm text.
same() {
  local name=$1
  shift
  cache_same "$name" "$R" "$NOW" "$@"
}
all_same() {
  local name=$1
  check "$name: worktree" same "$name"
  check "$name: --rev HEAD" same "$name" --rev HEAD
  check "$name: --range HEAD~2..HEAD" same "$name" --range HEAD~2..HEAD
  check "$name: --staged" same "$name" --staged
  check "$name: --staged --all" same "$name" --staged --all # last: $SCRATCH/out is the whole staged run's
}
has() { grep -qF -- "$1" "$SCRATCH/out"; }
lacks() { ! grep -qF -- "$1" "$SCRATCH/out"; }

# A history whose 2026-47 minutes were published late: OPS501 names the author through .mailmap.
mkdir -p "$R"
git -C "$R" init -q -b main
printf 'Dana Fischer <dana@example.com> dana <dana@old.example.com>\n' > "$R/.mailmap"
take .opslint.yaml docs ops/operations/quarterly
commit 2026-09-29T20:00:00+02:00 "Q3 review, backlog, risks"
take ops/operations/monthly
commit 2026-10-27T20:00:00+01:00 "October risk review"
take $W/2026-46
commit 2026-11-10T18:00:00+01:00 "Weekly 2026-46"
take $W/2026-47
commit 2026-11-20T09:30:00+01:00 "Weekly 2026-47, late"
late=$(git -C "$R" rev-parse --short=7 HEAD)
take $W/2026-48
commit 2026-11-24T17:00:00+01:00 "Weekly 2026-48"

all_same "committed"
check "committed: OPS501 with the .mailmap name" has "first committed in $late by Dana Fischer on 2026-11-20 09:30 CET"
check "committed: the cache file was written" test "$(ls "$CACHE" | wc -l)" -ge 1

# 1. A staged edit in one folder (the warm path decodes that folder only).
printf '\nA staged note.\n' >> "$R/$W/2026-48/minutes.md"
git -C "$R" add -A
all_same "minutes edit staged"

# 2. An action removed, staged (OPS503 names the staged change).
sed -i '/A2 Rotate the payments DB secret/d' "$R/$W/2026-47/actions.md"
git -C "$R" add -A
all_same "action removed staged"
check "action removed staged: OPS503" has "was removed in the staged change (not committed yet)"

# 3. A backlog entry removed, staged (OPS502).
sed -i '/^## IB-41 /,/^$/d' "$R/$BACKLOG"
git -C "$R" add -A
all_same "backlog entry removed staged"
check "backlog entry removed staged: OPS502" has "IB-41 was removed in the staged change (not committed yet)"

# 4. A new commit on top of the cached tip: its chain extends the cached one.
commit 2026-11-26T09:00:00+01:00 "Remove A2 and IB-41"
removed=$(git -C "$R" rev-parse --short=7 HEAD)
all_same "new commit on a cached tip"
check "new commit: OPS502 names the commit and its author" has "IB-41 was removed in $removed by Dana Fischer"
check "new commit: the new tip is cached" test -n "$(ls "$CACHE" | grep "^$(git -C "$R" rev-parse HEAD)-")"

# 5. .mailmap changed (not committed): the names in messages follow it, cached or not.
printf 'Dana F. Renamed <dana@example.com> dana <dana@old.example.com>\n' > "$R/.mailmap"
all_same "mailmap changed"
check "mailmap changed: the new name" has "by Dana F. Renamed"
check "mailmap changed: not the old one" lacks "by Dana Fischer"
git -C "$R" checkout -q -- .mailmap

# 6. The tip's cache file of an older format, damaged or truncated: rebuilt, byte for byte.
tipfile=$(ls "$CACHE"/"$(git -C "$R" rev-parse HEAD)"-*)
cp "$tipfile" "$SCRATCH/good"
rebuilt() { cmp -s "$tipfile" "$SCRATCH/good"; }
# Format 3 with a valid checksum, so that only the format field refuses it.
python3 - "$tipfile" <<'EOF'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
data[16:20] = struct.pack("<I", 3)
body = bytes(data[:-8])
h, p, m = 14695981039346656037, 1099511628211, (1 << 64) - 1
n = len(body) // 8 * 8
for i in range(0, n, 8):
    h = ((h ^ int.from_bytes(body[i:i + 8], "little")) * p) & m
    h ^= h >> 32
for b in body[n:]:
    h = ((h ^ b) * p) & m
data[-8:] = struct.pack("<Q", h)
open(path, "wb").write(bytes(data))
EOF
check "older format: the file differs" test "$(cmp -s "$tipfile" "$SCRATCH/good"; echo $?)" = 1
all_same "older format"
check "older format: rebuilt" rebuilt
size=$(stat -c %s "$tipfile")
printf '\x5a' | dd of="$tipfile" bs=1 seek=$((size / 2)) conv=notrunc status=none
all_same "damaged"
check "damaged: rebuilt" rebuilt
head -c $((size / 3)) "$SCRATCH/good" > "$tipfile"
all_same "truncated"
check "truncated: rebuilt" rebuilt
: > "$tipfile"
all_same "empty"
check "empty: rebuilt" rebuilt

# 7. A pull request whose minutes were committed on time and not merged: --range judges them
# against now (OPS501), the same warm or cold at every time.
git -C "$R" checkout -q -b pr
mkdir -p "$R/$W/2026-49"
sed 's/^date: .*/date: 2026-12-01/' "$CLEAN/$W/2026-48/minutes.md" > "$R/$W/2026-49/minutes.md"
commit 2026-12-01T18:00:00+01:00 "Weekly 2026-49"
range_at() { cache_same "$1" "$R" "$2" --range main..pr; }
check "pr: before the margin" range_at "pr early" 2026-12-02T08:00:00
check "pr: before the margin, quiet" lacks "2026-49/minutes.md:1:1"
check "pr: past the deadline" range_at "pr late" 2026-12-03T16:00:00
check "pr: past the deadline, the error" has "2026-49/minutes.md:1:1: error: minutes not published: the deadline 2026-12-02 15:45 CET passed 24 hours 15 minutes ago"
check "pr: within the margin" range_at "pr margin" 2026-12-02T12:00:00
check "pr: within the margin, the warning" has "2026-49/minutes.md:1:1: warning: minutes not published yet: merge the change that adds them by 2026-12-02 15:45 CET (3 hours 45 minutes from now)"

summary
