#!/usr/bin/env bash
# Start-up: the configuration is read ahead on a second thread for the folder opslint guesses is
# the repository's root (--config, else --repo or the current folder) while libgit2 initialises;
# when the guess is wrong (run from a subfolder, through a symlink) it is read again from the root
# libgit2 finds. Every way of naming the repository gives the same config, and the same errors.
# Usage: tests/e2e/startup.sh BINARY
# shellcheck disable=SC2016  # that() takes its condition in single quotes and evals it
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
# shellcheck source=../lib/streams.sh
source "$HERE/../lib/streams.sh"
e2e_start startup "$@"
need_binary
git_env 2026-11-24T18:00:00Z
export OPSLINT_NOW=2026-11-26T12:00:00Z
make_template

R=$(fresh overrides)
printf 'rules: {OPS206: warning, OPS307: "off"}\n' >>"$R/.opslint.yaml"
ln -s "$R" "$WORK/link"
# run_in DIR CMD...: `run` with DIR as the current folder.
run_in() {
  pushd "$1" >/dev/null || exit 1
  shift
  run "$@"
  popd >/dev/null || exit 1
}
# rules_with_overrides NAME: the last run listed the rules with the config's two overrides.
rules_with_overrides() {
  rc_is 0; err_empty
  that '[[ $(grep -c . <<<"$OUT") == $(ls "$ROOT"/rules/*.yaml | wc -l) ]]'
  out_has_line "OPS206  timebox-exceeded                     warning"
  out_has_line "OPS307  action-overdue                       off"
  out_has_line "OPS301  action-owner-missing                 error"
  finish "config overrides: $1"
}
run_in "$R" "$BIN" rules
rules_with_overrides "run in the root"
# A decoy where the guess looks: the subfolder's own .opslint.yaml is not the configuration.
printf 'cadence: weekly\n' >"$R/ops/operations/.opslint.yaml"
run_in "$R/ops/operations" "$BIN" rules
rules_with_overrides "run in a subfolder holding a decoy .opslint.yaml"
rm "$R/ops/operations/.opslint.yaml"
run_in "$R/ops" "$BIN" --repo .. rules
rules_with_overrides "--repo .. (relative)"
run "$BIN" --repo "$R/" rules
rules_with_overrides "--repo with a trailing slash"
run_in "$WORK/link/ops" "$BIN" rules
rules_with_overrides "a subfolder through a symlink"
run "$BIN" --repo "$WORK/link" rules
rules_with_overrides "--repo through a symlink"
cp "$R/.opslint.yaml" "$WORK/elsewhere.yaml"
printf 'cadence: weekly\n' >"$R/.opslint.yaml"
run_in "$R/ops" "$BIN" --config ../../elsewhere.yaml rules
rules_with_overrides "--config relative to the current folder"

# The same bad configuration, read ahead or not: the same error.
for dir in "$R" "$R/ops/operations/weekly"; do
  run_in "$dir" "$BIN" lint --no-history
  rc_is 2; out_empty; err_is "opslint: error: .opslint.yaml:1:10: 'cadence': expected a mapping, got a string"
  finish "a bad config, run in ${dir#"$R"}/"
done
printf 'rules: {OPS206: warning, OPS307: "off"}\n' >"$R/.opslint.yaml"
run_in "$R/ops" "$BIN" --config missing.yaml rules
rc_is 2; out_empty; err_is "opslint: error: config file 'missing.yaml' does not exist"
finish "--config missing.yaml"
rm "$R/.opslint.yaml"
run_in "$R" "$BIN" rules
rc_is 0; err_empty; out_has_line "OPS307  action-overdue                       warning"
finish "no .opslint.yaml: the defaults"

# libgit2 initialises without parsing the system CA bundle (git/libgit2_init.cpp: libgit2's call to
# mbedTLS's parser reaches the executable's stand-in, through `--wrap` or the dynamic linker), and
# a lint still reads the repository through it.
printf 'cadence: {}\n' >"$R/.opslint.yaml"
git -C "$R" init -q -b main
git -C "$R" add -A
git -C "$R" -c commit.gpgsign=false commit -q -m records
run_in "$R" env OPSLINT_TRACE=1 "$BIN" lint --rev HEAD --no-history --fail-level never
rc_is 0
err_has_line "opslint: trace:             libgit2 initialised without parsing the CA bundle"
out_has_line "opslint: 0 errors, 0 warnings, 1 info in 10 files"
finish "libgit2 initialised without the CA bundle"

summary
