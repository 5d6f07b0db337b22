#!/usr/bin/env bash
# The build-time rule catalogue generator (tools/rulegen.cpp, built beside the binary as
# opslint_rulegen): it accepts rules/*.yaml, and a malformed rule file fails it (so the build)
# with FILE:LINE:COLUMN and no table written. Usage: tests/e2e/rulegen.sh BINARY
# shellcheck disable=SC2016  # that() takes its condition in single quotes and evals it
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
# shellcheck source=../lib/streams.sh
source "$HERE/../lib/streams.sh"
e2e_start rulegen "$@"
need_binary
GEN=$(dirname "$BIN")/opslint_rulegen
if [[ ! -x $GEN ]]; then
  echo "${0##*/}: $GEN (the rule catalogue generator) is not an executable" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
OUTCPP=$WORK/catalogue.cpp

run "$GEN" "$OUTCPP" "$ROOT"/rules/*.yaml
rc_is 0; out_empty; err_empty
that '[[ $(grep -c "^  {\"OPS[0-9]*\", " "$OUTCPP") == $(ls "$ROOT"/rules/*.yaml | wc -l) ]]'
finish "rules/*.yaml: one row per rule"

# bad_rule LINE_NUMBER NEW_LINE: OPS301.yaml in WORK with that line replaced (or deleted when
# NEW_LINE is empty); then runs the generator on it and OPS001.yaml.
bad_rule() {
  rm -f "$OUTCPP"
  mkdir -p "$WORK/rules"
  awk -v n="$1" -v s="$2" 'NR == n { if (s != "") print s; next } { print }' "$ROOT/rules/OPS301.yaml" >"$WORK/rules/OPS301.yaml"
  run "$GEN" "$OUTCPP" "$ROOT/rules/OPS001.yaml" "$WORK/rules/OPS301.yaml"
  rc_is 1; out_empty
  that '[[ ! -e $OUTCPP && ! -e $OUTCPP.tmp ]]'
}
F=$WORK/rules/OPS301.yaml
that '[[ $(head -5 "$ROOT/rules/OPS301.yaml" | cut -c1-9 | tr "\n" ";") == "id: OPS30;name: act;severity:;history: ;summary: ;" ]]'
finish "OPS301.yaml starts as the checks below assume"

bad_rule 5 'summary: "An action" has no owner'
err_is "$F:5:22: error: end of map not found"
finish "YAML syntax error: FILE:LINE:COLUMN"

bad_rule 3 'severity: fatal'
err_is "$F:3:11: error: severity 'fatal' is not error, warning or info"
finish "unknown severity"

bad_rule 3 'severity: off'
err_is "$F:3:11: error: severity 'off' is not error, warning or info"
finish "a default severity of off"

bad_rule 1 'id: OPS302'
err_is "$F:1:5: error: id 'OPS302' does not match the file name OPS301.yaml"
finish "an ID that is not the file name"

bad_rule 4 'history: maybe'
err_is "$F:4:10: error: 'history' must be true or false"
finish "history not a boolean"

bad_rule 5 ''
err_is "$F:1:1: error: missing key 'summary'"
finish "a missing key"

bad_rule 4 'severity: warning'
err_is "$F:4:1: error: duplicate key 'severity'"
finish "a duplicate key"

bad_rule 4 'histroy: false'
err_is "$F:4:1: error: unknown key 'histroy' (expected id, name, severity, history, summary, why, example, fix, config)"
finish "an unknown key"

bad_rule 2 'name: Action Owner Missing'
err_is "$F:2:7: error: name 'Action Owner Missing' is not kebab-case"
finish "a name that is not kebab-case"

bad_rule 2 'name: unreadable-file'
err_is "$F: error: name unreadable-file is also used by $ROOT/rules/OPS001.yaml"
finish "a name two rules share"

summary
