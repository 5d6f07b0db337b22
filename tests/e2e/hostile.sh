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

# ---- terminal text: end ----

# ---- git: ownership, environment, limits ----

# ---- git: end ----

# ---- categories that held: nesting, tables, binary files, caches ----

# ---- categories: end ----

summary
