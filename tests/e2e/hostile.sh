#!/usr/bin/env bash
# Hostile input (issue #21): every command meets crafted configs, Markdown, paths, git states and
# output targets. Each case asserts an exit code of 0, 1 or 2 only, no sanitizer report, a run
# under 5 s, output that parses, and user files byte-identical after a refused or killed write.
# Usage: tests/e2e/hostile.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start hostile "$@"
need_binary
mkdir -p "$WORK/home"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
git_env 2026-11-24T17:00:00Z
unset OPSLINT_NOW OPSLINT NO_COLOR
make_template
NOW=2026-11-25T12:00:00Z

# bounded NAME CMD...: runs CMD with a 5 s limit (stdout and stderr merged in OUT, exit in RC);
# a time-out, an exit other than 0/1/2 or a sanitizer report is a problem of the current check.
bounded() {
  OUT=$(timeout 5 "$@" 2>&1 </dev/null)
  RC=$?
  [[ $RC == 124 ]] && problem "timed out (5 s): $*"
  [[ $RC == 0 || $RC == 1 || $RC == 2 || $RC == 124 ]] || problem "exit $RC (want 0, 1 or 2): $*"$'\n'"$(show "$OUT")"
  [[ $OUT != *"Sanitizer"* && $OUT != *"runtime error:"* ]] || problem "sanitizer report: $*"$'\n'"$(show "$OUT")"
}
# same_bytes FILE COPY: FILE is byte-identical to COPY (taken before the run).
same_bytes() { cmp -s "$1" "$2" || problem "$1 changed"; }

# ---- config: aliases, values, paths ----

# ---- config: end ----

# ---- writers: output targets, scaffolds, locks, temp files, stdout ----

# ---- writers: end ----

# ---- terminal text: sanitised output ----

ESC=$'\x1b' RLO=$'\u202e'
# no_raw_controls: OUT holds no ESC, BEL, BS, CR or bidi override from the data.
no_raw_controls() {
  [[ $OUT != *"$ESC"* && $OUT != *$'\a'* && $OUT != *$'\b'* && $OUT != *$'\r'* && $OUT != *"$RLO"* ]] ||
    problem "raw control characters in the output:"$'\n'"$(show "$(printf '%s' "$OUT" | od -c | head -20)")"
}

# An owner spelled with entities that decode to controls: shown escaped in text and github output.
repo=$(fresh ent)
sed -i 's/| @sam |/| @sam\&#x1b;[2J\&#x7;\&#x8;\&#x202e;gnp |/' "$repo/$W/2026-48/actions.md"
for fmt in text github; do
  bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --format "$fmt"
  rc_is 0  # OPS309, a warning
  no_raw_controls
  out_has '@sam\x1b[2J\x07\x08\u202egnp'
done
finish "terminal text: owners decoded from entities are escaped (text, github)"

# A newline in a folder name cannot forge a second finding line.
repo=$(fresh nl)
forged=$'2026-49\nforged.md:1:1: error: forged [OPS001 unreadable-file]'
mkdir -p "$repo/$W/$forged"
cp "$repo/$W/2026-48/minutes.md" "$repo/$W/$forged/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1
! grep -q "^forged.md" <<<"$OUT" || problem "a forged finding line:"$'\n'"$(show "$OUT")"
out_has "weekly/2026-49\x0aforged.md:1:1: error: forged [OPS001 unreadable-file]:0:0: error: '2026-49\x0aforged.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --format github
! grep -q "^forged.md" <<<"$OUT" || problem "a forged finding line:"$'\n'"$(show "$OUT")"
out_has "::error file=ops/operations/weekly/2026-49%0Aforged.md%3A1%3A1%3A error%3A forged [OPS001 unreadable-file],"
finish "terminal text: a newline in a folder name is escaped, no forged finding line"

# The Markdown report: an owner's <script> and | stay text in the table; controls are escaped.
repo=$(fresh md)
sed -i 's/| @sam |/| @sam\&lt;script\&gt;alert(1)\&lt;\/script\&gt;\\|x\&#x1b;] |/' "$repo/$W/2026-48/actions.md"
bounded "$BIN" --no-color --repo "$repo" report --now "$NOW" --format markdown
rc_is 0
no_raw_controls
out_lacks '<script>'
out_has '| @sam&lt;script&gt;alert(1)&lt;/script&gt;\|x\x1b] |'
bounded "$BIN" --no-color --repo "$repo" report --now "$NOW"
no_raw_controls
out_has '@sam<script>alert(1)</script>|x\x1b]'
bounded "$BIN" --no-color --repo "$repo" report --now "$NOW" --format html
out_lacks '<script>'
out_lacks "$ESC"
finish "terminal text: report owners are escaped in Markdown, text and HTML"

# Author names (after .mailmap) reach history findings escaped: OPS502 names who removed an entry.
repo=$(fresh author)
printf 'Evil\x1b]0;pwned\x07 \xe2\x80\xaeName <bot@example.com>\n' >"$repo/.mailmap"
sed -i '/^## IB-39 /,/^## IB-40 /{/^## IB-40 /!d}' "$repo/docs/operations/IMPROVEMENT_BACKLOG.md"
commit_all "$repo" 2026-11-25T09:00:00Z "drop IB-39"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1
no_raw_controls
out_has 'IB-39 was removed in'
out_has 'by Evil\x1b]0;pwned\x07 \u202eName on'
finish "terminal text: .mailmap author names are escaped"

# ---- terminal text: end ----

# ---- git: ownership, environment, limits ----

# Another user's repository: refused with git's remedy (exit 2), never "not a git repository";
# accepted with safe.directory (also "*"), as git decides. The global config comes from HOME.
if [[ $(id -u) == 0 ]] && id nobody >/dev/null 2>&1; then
  repo=$(fresh owned)
  chown -R nobody "$repo"
  mkdir -p "$WORK/home-none" "$WORK/home-star" "$WORK/home-path"
  printf '[safe]\n\tdirectory = *\n' >"$WORK/home-star/.gitconfig"
  printf '[safe]\n\tdirectory = %s\n' "$repo" >"$WORK/home-path/.gitconfig"
  # "${in_repo[@]}" HOME=DIR CMD...: CMD in the repository, with DIR's global config as git reads it.
  in_repo=(env -C "$repo" -u GIT_CONFIG_GLOBAL)
  "${in_repo[@]}" HOME="$WORK/home-none" git status >/dev/null 2>&1 && problem "git itself accepts the repository"
  for args in "lint --now $NOW" "lint --now $NOW --rev HEAD" "report --now $NOW"; do
    # shellcheck disable=SC2086  # $args is a list of words
    bounded "${in_repo[@]}" HOME="$WORK/home-none" "$BIN" --no-color $args
    rc_is 2
    out_has "dubious ownership in repository at '$repo'"
    out_has "git config --global --add safe.directory $repo"
    out_lacks "not a git"
  done
  bounded "${in_repo[@]}" HOME="$WORK/home-none" "$BIN" --no-color --repo "$repo" lint --now "$NOW"
  rc_is 2
  out_has "git config --global --add safe.directory $repo"
  for home in home-star home-path; do
    "${in_repo[@]}" HOME="$WORK/$home" git status >/dev/null 2>&1 || problem "git refuses the repository with $home"
    bounded "${in_repo[@]}" HOME="$WORK/$home" "$BIN" --no-color lint --now "$NOW" --rev HEAD
    rc_is 0
    out_has "no findings in"
  done
  finish "git: another user's repository is refused with git's remedy, accepted by safe.directory (* too)"
else
  echo "skip git: ownership (needs root and a nobody user)"
fi

# GIT_DIR and GIT_WORK_TREE name the repository, from outside it, like git.
repo=$(fresh env)
for args in "" "--rev HEAD"; do
  # shellcheck disable=SC2086  # $args is a list of words
  bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --format json $args
  want=$OUT
  out_lacks '"files": 0'
  # shellcheck disable=SC2086
  bounded env -C "$WORK" GIT_DIR="$repo/.git" GIT_WORK_TREE="$repo" "$BIN" --no-color lint --now "$NOW" --format json $args
  [[ $OUT == "$want" ]] || problem "differs from --repo:"$'\n'"$(show "$OUT")"
done
bounded env -C "$WORK" GIT_DIR="$repo/.git" "$BIN" --no-color lint --now "$NOW" --format json --rev HEAD
[[ $OUT == "$want" ]] || problem "differs from --repo:"$'\n'"$(show "$OUT")"
bounded env GIT_DIR="$WORK/nowhere/.git" "$BIN" --no-color lint --now "$NOW"
rc_is 2
out_has "GIT_DIR"
finish "git: GIT_DIR and GIT_WORK_TREE are honoured from outside the repository"

# --range and --rev name what they cannot resolve.
repo=$(fresh revs)
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --range ..
rc_is 2
out_has "--range '..' names no revision"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --range '@{-1}..HEAD'
rc_is 2
out_has "unknown revision '@{-1}'"
out_lacks "unknown libgit2 error"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --rev '@{-1}'
rc_is 2
out_has "unknown revision '@{-1}'"
out_lacks "unknown libgit2 error"
finish "git: --range .. and @{-1} are clear errors"

# No merge base in a shallow clone: exit 2 with the remedy (and, in the sanitizer build, no leak).
origin=$(fresh origin)
git -C "$origin" checkout -q -b side HEAD~3
printf '\nside\n' >>"$origin/README.side"
commit_all "$origin" 2026-11-20T10:00:00Z "side"
git -C "$origin" checkout -q main
git clone -q --depth 2 --no-single-branch "file://$origin" "$WORK/shallow" 2>/dev/null
git -C "$WORK/shallow" merge-base origin/side HEAD >/dev/null 2>&1 && problem "git finds a merge base"
bounded "$BIN" --no-color --repo "$WORK/shallow" lint --now "$NOW" --range origin/side..HEAD
rc_is 2
out_has "no merge base between 'origin/side' and 'HEAD'"
# Within the history the clone has, the merge base is git's.
bounded "$BIN" --no-color --repo "$WORK/shallow" lint --now "$NOW" --range HEAD~1..HEAD --format json
rc_is 0
finish "git: no merge base in a shallow clone is exit 2; one inside it is found"

# History applies limits.max_file_bytes: an oversize backlog version is OPS001 naming its commit, not read.
repo=$(fresh big)
printf 'limits: { max_file_bytes: 4000 }\n' >>"$repo/.opslint.yaml"
commit_all "$repo" 2026-11-24T17:10:00Z "limit"
backlog=docs/operations/IMPROVEMENT_BACKLOG.md
cp "$repo/$backlog" "$WORK/backlog.md"
{ cat "$WORK/backlog.md"; printf '<!-- %s -->\n' "$(head -c 6000 /dev/zero | tr '\0' x)"; } >"$repo/$backlog"
commit_all "$repo" 2026-11-24T17:20:00Z "big backlog"
big=$(git -C "$repo" rev-parse --short=7 HEAD)
cp "$WORK/backlog.md" "$repo/$backlog"
commit_all "$repo" 2026-11-24T17:30:00Z "small again"
for cache in 1 0; do
  bounded env OPSLINT_NO_CACHE=$cache "$BIN" --no-color --repo "$repo" lint --now "$NOW" --fail-level never
  out_has "$backlog:0:0: error: the version in $big by Ops Bot on"
  out_has "is over the limit of 4000 bytes (limits.max_file_bytes); not read from history [OPS001 unreadable-file]"
  that '[[ $(grep -c "not read from history" <<<"$OUT") == 1 ]]'
done
finish "git: history does not read backlog versions over limits.max_file_bytes (OPS001 names the commit)"

# ---- git: end ----

# ---- categories that held: nesting, tables, binary files, caches ----

# ---- categories: end ----

summary
