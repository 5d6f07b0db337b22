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

# cfg_case NAME WANT_MESSAGE: .opslint.yaml written from stdin into a fresh repo; every command that
# reads it (lint, report, new-week, rules) exits 2 with WANT_MESSAGE, quickly, and changes nothing.
cfg_case() {
  local name=$1 want=$2 repo cmd
  repo=$(fresh cfg)
  cat > "$repo/.opslint.yaml"
  for cmd in lint report new-week rules; do
    if [[ $cmd == rules ]]; then
      bounded "$BIN" --no-color --repo "$repo" rules
    else
      bounded "$BIN" --no-color --repo "$repo" "$cmd" --now "$NOW"
    fi
    [[ $RC == 2 ]] || problem "$cmd: exit $RC, want 2"
    [[ $OUT == *"$want"* ]] || problem "$cmd: output lacks '$want':"$'\n'"$(show "$OUT")"
  done
  [[ -z $(git -C "$repo" status --porcelain -- ops) ]] || problem "files written under ops/"
  finish "config: $name"
}
cfg_case "self-referencing alias" \
  ".opslint.yaml:1:8: the alias '*a' refers to a node that contains it (a recursive alias)" < <(printf 'x: &a [*a]\n')
cfg_case "self-referencing owners" "1:19: the alias '*a' refers" < <(printf 'owners: &a ["@x", *a]\n')
cfg_case "self-referencing rules" "1:20: the alias '*a' refers" < <(printf 'rules: &a {OPS301: *a}\n')
laughs() {
  printf 'a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n'
  local c p=a
  for c in b c d e f g h i j; do
    printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' "$c" "$c" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p" "$p"
    p=$c
  done
}
cfg_case "billion laughs" "the configuration expands to more than 100000 nodes" < <(laughs)
cfg_case "integer past the maximum" \
  ".opslint.yaml:1:23: 'publish_within_hours': 2147483648 is more than the maximum 8784" < <(printf 'publish_within_hours: 2147483648\n')
cfg_case "number out of range" \
  ".opslint.yaml:1:29: the number 1e400 is out of range" < <(printf 'reviews: {weekly: {timebox: 1e400}}\n')
cfg_case "NUL byte" ".opslint.yaml:2:1: the configuration holds a NUL byte" < <(printf 'owners: ["@a"]\n\0\n')
cfg_case "invalid UTF-8" ".opslint.yaml:1:13: the configuration is not valid UTF-8" < <(printf 'owners: ["@a\xff"]\n')
cfg_case "second document" ".opslint.yaml:2:1: a second YAML document" < <(printf 'a: 1\n---\nb: 2\n')
cfg_case "path out of the repository" \
  "'backlog.path': '../../etc/passwd' leaves the repository" < <(printf 'backlog: {path: ../../etc/passwd}\n')

repo=$(fresh cfgfile)
rm -f "$repo/.opslint.yaml" && mkdir "$repo/.opslint.yaml"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 2; out_has "config file '.opslint.yaml' is a folder, not a file"
finish "config: .opslint.yaml that is a folder"
bounded "$BIN" --no-color --repo "$TEMPLATE" --config /dev/zero lint --now "$NOW"
rc_is 2; out_has "config file '/dev/zero' is a device, not a regular file"
finish "config: --config /dev/zero"
rmdir "$repo/.opslint.yaml" && ln -s /etc/passwd "$repo/.opslint.yaml"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 2; out_has "config file '.opslint.yaml' is a symbolic link that leads outside the repository (to /etc/passwd)"
finish "config: .opslint.yaml linked out of the repository"
bounded "$BIN" --no-color --repo "$TEMPLATE" lint --now 2026-11-25T12:00+99:00
rc_is 2; out_has "UTC offset +99:00 out of range"
finish "config: --now with an impossible UTC offset"

# Files that stand where a record should but cannot be read: OPS001 with the reason, never "missing".
repo=$(fresh unreadable)
mv "$repo/$W/2026-48/minutes.md" "$WORK/minutes-48.md"
mkfifo "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "$W/2026-48/minutes.md:0:0: error: file is a FIFO (named pipe), not a regular file"; out_lacks OPS102
rm "$repo/$W/2026-48/minutes.md" && mkdir "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "$W/2026-48/minutes.md:0:0: error: file is a folder, not a file"; out_lacks OPS102
rmdir "$repo/$W/2026-48/minutes.md" && ln -s "$WORK/minutes-48.md" "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "minutes.md:0:0: error: file is a symbolic link that leads outside the repository"; out_lacks OPS102
rm "$repo/$W/2026-48/minutes.md" && ln -s nowhere.md "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "minutes.md:0:0: error: file is a symbolic link to nothing"
rm "$repo/$W/2026-48/minutes.md" && cp "$WORK/minutes-48.md" "$repo/docs/m48.md" &&
  ln -s ../../../../docs/m48.md "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
out_lacks "OPS001"  # a link that stays inside is followed
finish "config: period files that are a FIFO, a folder, or links out, to nothing and inside"

repo=$(fresh backlog)
cp "$repo/docs/operations/IMPROVEMENT_BACKLOG.md" "$WORK/backlog.md"
ln -sf "$WORK/backlog.md" "$repo/docs/operations/IMPROVEMENT_BACKLOG.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "docs/operations/IMPROVEMENT_BACKLOG.md:0:0: error: file is a symbolic link that leads outside"
mkdir -p "$repo/.opslint/templates/weekly" && printf '# Weekly\n' > "$WORK/t.md"
ln -s "$WORK/t.md" "$repo/.opslint/templates/weekly/minutes.md"
bounded "$BIN" --no-color --repo "$repo" new-week --week 2026-50 --now "$NOW"
rc_is 2; out_has "template .opslint/templates/weekly/minutes.md is a symbolic link that leads outside the repository"
that "[[ ! -e $repo/$W/2026-50 ]]"
finish "config: backlog and template linked out of the repository are refused"

# Front matter: a long list aliased many times is refused at once, not copied each time.
repo=$(fresh frontmatter)
{
  printf -- '---\nl: &l ['
  for i in $(seq 1 2000); do printf 'x%d,' "$i"; done
  printf 'y]\n'
  for i in $(seq 1 3000); do printf 'k%d: *l\n' "$i"; done
  printf -- '---\n# Weekly Ops Review\n'
} > "$repo/$W/2026-48/minutes.md"
bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
rc_is 1; out_has "aliases expand to more than 100000 values"
finish "config: front matter aliases are bounded"

# ---- config: end ----

# ---- writers: output targets, scaffolds, locks, temp files, stdout ----

# A device to write to that a regression could only spoil for this script: as root (who could
# replace /dev/full) a private node of the same device, else /dev/full itself.
FULL=/dev/full
if [[ $(id -u) == 0 ]] && mknod "$WORK/full" c 1 7 2>/dev/null; then FULL=$WORK/full; fi
wr=$(fresh writers)
for cmd in "lint --now $NOW --fail-level never" "report --now $NOW"; do
  # shellcheck disable=SC2086  # $cmd is words
  bounded "$BIN" --repo "$wr" $cmd --output "$FULL"
  [[ $RC == 2 ]] || problem "${cmd%% *} --output $FULL: exit $RC, want 2"
  [[ $OUT == *"No space left on device"* ]] || problem "${cmd%% *} --output $FULL: no ENOSPC message: $(show "$OUT")"
  [[ -c $FULL ]] || problem "${cmd%% *} --output $FULL: no longer a character device"
done
finish "writers: --output to a full device fails (exit 2, ENOSPC) and the device stays a device"

mkfifo "$WORK/fifo"
for cmd in "lint --now $NOW --fail-level never" "report --now $NOW"; do
  # shellcheck disable=SC2086
  "$BIN" --repo "$wr" $cmd >"$WORK/fifo.want" 2>/dev/null
  timeout 5 cat "$WORK/fifo" >"$WORK/fifo.got" &
  reader=$!
  # shellcheck disable=SC2086
  bounded "$BIN" --repo "$wr" $cmd --output "$WORK/fifo"
  [[ $RC == 0 ]] || problem "${cmd%% *} --output FIFO: exit $RC, want 0: $(show "$OUT")"
  [[ -p $WORK/fifo ]] || { problem "${cmd%% *} --output FIFO: no longer a FIFO"; rm -f "$WORK/fifo"; mkfifo "$WORK/fifo"; }
  wait "$reader" || problem "${cmd%% *} --output FIFO: the reader got nothing (timed out)"
  same_bytes "$WORK/fifo.got" "$WORK/fifo.want"
done
timeout 5 cat "$WORK/fifo" >"$WORK/fifo.got" &
reader=$!
bounded "$BIN" --repo "$wr" baseline --now "$NOW" --output "$WORK/fifo"
[[ $RC == 0 ]] || problem "baseline --output FIFO: exit $RC, want 0: $(show "$OUT")"
wait "$reader" || problem "baseline --output FIFO: the reader got nothing (timed out)"
[[ $(head -c 1 "$WORK/fifo.got") == "{" ]] || problem "baseline --output FIFO: no JSON arrived"
[[ -p $WORK/fifo ]] || problem "baseline --output FIFO: no longer a FIFO"
finish "writers: --output to a FIFO writes through it; it stays a FIFO"

printf 'keep me\n' >"$WORK/target.txt"
cp "$WORK/target.txt" "$WORK/target.copy"
ln -s "$WORK/target.txt" "$WORK/link.txt"
for cmd in "lint --now $NOW --fail-level never" "report --now $NOW" "baseline --now $NOW"; do
  # shellcheck disable=SC2086
  bounded "$BIN" --repo "$wr" $cmd --output "$WORK/link.txt"
  [[ $RC == 2 ]] || problem "${cmd%% *} --output LINK: exit $RC, want 2"
  # (baseline first refuses a target that is not a baseline, with its own message)
  [[ $cmd == baseline* || $OUT == *"opslint: error: --output: $WORK/link.txt is a symbolic link"* ]] ||
    problem "${cmd%% *} --output LINK: message: $(show "$OUT")"
  [[ -L $WORK/link.txt ]] || problem "${cmd%% *} --output LINK: the link was replaced"
  same_bytes "$WORK/target.txt" "$WORK/target.copy"
done
finish "writers: --output to a symbolic link is refused (exit 2); link and target untouched"

for cmd in "report --now $NOW" "lint --now $NOW --fail-level never" "rules" "--help" "new-week --week 2026-50 --dry-run --now $NOW"; do
  # shellcheck disable=SC2086
  OUT=$(timeout 5 "$BIN" --repo "$wr" $cmd 2>&1 >/dev/full </dev/null)
  RC=$?
  [[ $RC == 2 ]] || problem "$cmd > /dev/full: exit $RC, want 2"
  [[ $OUT == *"opslint: error: cannot write to standard output: No space left on device"* ]] ||
    problem "$cmd > /dev/full: message: $(show "$OUT")"
done
finish "writers: a write error on standard output is exit 2 with the OS message"

# new-week and skip for one week, side by side: one wins, never both.
race=$(fresh race)
both=0
for _ in $(seq 20); do
  rm -rf "${race:?}/$W/2026-50"
  "$BIN" --repo "$race" new-week --week 2026-50 --now "$NOW" >/dev/null 2>&1 &
  a=$!
  "$BIN" --repo "$race" skip --week 2026-50 --rationale "Freeze" --recovery "Next review 2026-12-15" \
    --now "$NOW" >/dev/null 2>&1 &
  b=$!
  ra=0 rb=0
  wait "$a" || ra=$?
  wait "$b" || rb=$?
  [[ $ra == 0 && $rb == 0 ]] && both=$((both + 1))
  [[ $ra == 0 || $rb == 0 ]] || problem "new-week (exit $ra) and skip (exit $rb) both failed"
  [[ -e $race/$W/2026-50/minutes.md && -e $race/$W/2026-50/SKIPPED.md ]] && problem "minutes.md beside SKIPPED.md"
  [[ -e $race/$W/2026-50/minutes.md && ! -e $race/$W/2026-50/actions.md ]] && problem "minutes.md without actions.md"
done
((both == 0)) || problem "new-week and skip both succeeded in $both of 20 rounds"
finish "writers: new-week and skip racing for one week never both win"

# Killed at random points while writing: a period folder is whole or absent, and the next run
# removes what the killed ones left (no .opslint- file for `git add -A` to commit). Even rounds
# find the period folder already there (holding notes), where files are linked in one by one: a
# kill may leave actions.md alone, which the next scaffolding run takes back.
killed=$(fresh killed)
start=$(date +%s%N)
"$BIN" --repo "$killed" new-week --week 2026-50 --now "$NOW" >/dev/null 2>&1
took=$((($(date +%s%N) - start) / 1000)) # µs
for i in $(seq 30); do
  rm -rf "${killed:?}/$W/2026-51"
  if ((i % 2 == 0)); then mkdir "$killed/$W/2026-51" && echo notes >"$killed/$W/2026-51/notes.txt"; fi
  delay=$((took * (40 + RANDOM % 80) / 100))
  secs=$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))
  # (in a subshell, whose stderr takes bash's "Killed" notice)
  (
    timeout -s KILL "$secs" "$BIN" --repo "$killed" new-week --week 2026-51 --now "$NOW"
    timeout -s KILL "$secs" "$BIN" --repo "$killed" report --now "$NOW" --output "$killed/health.txt"
    true
  ) >/dev/null 2>&1
  [[ -e $killed/$W/2026-51/minutes.md && ! -e $killed/$W/2026-51/actions.md ]] &&
    problem "round $i (killed after ${delay} µs): minutes.md without actions.md"
done
bounded "$BIN" --repo "$killed" new-week --week 2026-52 --now "$NOW"
[[ $RC == 0 ]] || problem "new-week after the killed runs: exit $RC: $(show "$OUT")"
bounded "$BIN" --repo "$killed" report --now "$NOW" --output "$killed/health.txt"
[[ $RC == 0 ]] || problem "report after the killed runs: exit $RC: $(show "$OUT")"
left=$(git -C "$killed" status --porcelain --untracked-files=all | grep -F '.opslint-')
[[ -z $left ]] || problem "left behind after the next runs:"$'\n'"$(show "$left")"
m=0 a=0
[[ -e $killed/$W/2026-51/minutes.md ]] && m=1
[[ -e $killed/$W/2026-51/actions.md ]] && a=1
[[ $m == "$a" ]] || problem "after the next run, 2026-51 has minutes.md: $m, actions.md: $a (half a period)"
finish "writers: killed new-week/report runs leave no half period and no temporary files"

# A weekly, period or monthly folder, or the backlog's folder, that is a symbolic link out of the
# repository: refused before anything is created, nothing written outside.
for case in "$W|new-week --week 2026-50|" "$W/2026-50|new-week --week 2026-50|" \
  "$W/2026-50|skip --week 2026-50 --rationale Freeze --recovery Next|" \
  "ops/operations/monthly|new-month --month 2026-12|" \
  "docs/operations|init|cannot write docs/operations/IMPROVEMENT_BACKLOG.md: "; do
  IFS='|' read -r link cmd what <<<"$case"
  esc=$(fresh escape)
  outside=$(mktemp -d "$WORK/outside.XXXXXX")
  [[ -d $esc/$link ]] && cp -R "$esc/$link/." "$outside/"
  [[ $cmd == init ]] && rm -f "$outside"/*.md
  rm -rf "${esc:?}/$link"
  ln -s "$outside" "$esc/$link"
  before=$(cd "$outside" && find . | LC_ALL=C sort)
  # shellcheck disable=SC2086  # $cmd is words
  bounded "$BIN" --repo "$esc" $cmd --now "$NOW"
  [[ $RC == 2 ]] || problem "$cmd through $link: exit $RC, want 2"
  want="opslint: error: $what$link is a symbolic link to $outside, outside the repository; refusing to write through it"
  [[ $OUT == *"$want"* ]] || problem "$cmd through $link: message: $(show "$OUT")"
  [[ $(cd "$outside" && find . | LC_ALL=C sort) == "$before" ]] || problem "$cmd through $link wrote outside"
done
finish "writers: a weekly, period, monthly or backlog folder linked out of the repo is refused, nothing written"

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

# held NAME REPO: lint of REPO in JSON and text stays within the limits, the JSON parses.
held() {
  local name=$1 repo=$2
  bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW" --format json
  printf '%s' "$OUT" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null || problem "$name: JSON does not parse"
  bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"  # OUT: the text, for the caller's checks
}
M48=$W/2026-48/minutes.md

repo=$(fresh nesting)
{ head -c 200000 /dev/zero | tr '\0' '>'; printf ' deep\n'; } >> "$repo/$M48"
held nesting "$repo"
{ for i in $(seq 0 3000); do printf '%*s- item\n' $((i * 2)) ''; done; } >> "$repo/$M48"
held nesting "$repo"
printf -- '---\nx: %s\n---\n' "$(head -c 50000 /dev/zero | tr '\0' '[')" > "$repo/$W/2026-47/minutes.md"
held nesting "$repo"
out_has "OPS002"
finish "categories: deep nesting in Markdown and front matter"

repo=$(fresh tables)
{ printf '\n| a |'; head -c 20000 /dev/zero | tr '\0' '|'; printf '\n'; } >> "$repo/$M48"
held wide "$repo"
out_has "table cell separators, over the limit"
cp "$TEMPLATE/$M48" "$repo/$M48"
{ printf '\n| ID | Action |\n|---|---|\n'; for i in $(seq 1 20000); do printf '| A%d | x |\n' "$i"; done; } >> "$repo/$M48"
held long "$repo"
finish "categories: huge tables (wide and long)"

repo=$(fresh binary)
head -c 65536 /dev/urandom > "$repo/$M48"
printf '\xff\xfe#\x00 \x00W\x00' > "$repo/$W/2026-47/minutes.md"
head -c 5000000 /dev/zero > "$repo/docs/operations/IMPROVEMENT_BACKLOG.md"
held binary "$repo"
rc_is 1
out_has "2026-47/minutes.md:1:4: error: file holds NUL bytes"
out_has "over the limit of 4194304 (limits.max_file_bytes)"
finish "categories: binary, UTF-16 and oversize files"

repo=$(fresh caches)
"$BIN" --no-color --repo "$repo" lint --now "$NOW" > "$WORK/fresh.txt" 2>&1
for damage in truncate random empty; do
  while IFS= read -r -d '' f; do
    case $damage in
      truncate) head -c $(($(stat -c %s "$f") / 2)) "$f" > "$f.t" && mv "$f.t" "$f" ;;
      random) head -c "$(stat -c %s "$f")" /dev/urandom > "$f" ;;
      empty) : > "$f" ;;
    esac
  done < <(find "$repo/.git/opslint" -type f -print0)
  bounded "$BIN" --no-color --repo "$repo" lint --now "$NOW"
  [[ $OUT == "$(cat "$WORK/fresh.txt")" ]] || problem "$damage caches: output differs"$'\n'"$(show "$OUT")"
  "$BIN" --no-color --repo "$repo" lint --now "$NOW" > /dev/null 2>&1  # rebuilds them
done
finish "categories: damaged caches are misses"

# A full disk: caches cannot be written, the lint still answers; a scaffold fails whole.
if mkdir -p "$WORK/disk" && mount -t tmpfs -o size=2m tmpfs "$WORK/disk" 2>/dev/null; then
  cp -R "$TEMPLATE" "$WORK/disk/repo"
  head -c 4m /dev/zero > "$WORK/disk/filler" 2>/dev/null
  bounded "$BIN" --no-color --repo "$WORK/disk/repo" lint --now "$NOW"
  [[ $RC == 0 && $OUT == *"no findings"* ]] || problem "lint on a full disk:"$'\n'"$(show "$OUT")"
  bounded "$BIN" --no-color --repo "$WORK/disk/repo" new-week --week 2026-50 --now "$NOW"
  rc_is 2
  that "[[ ! -e $WORK/disk/repo/$W/2026-50/minutes.md || -e $WORK/disk/repo/$W/2026-50/actions.md ]]"
  umount "$WORK/disk"
  finish "categories: a full disk"
else
  echo "skip categories: a full disk (no tmpfs can be mounted here)"
fi

# ---- categories: end ----

summary
