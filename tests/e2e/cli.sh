#!/usr/bin/env bash
# End-to-end checks of opslint's command line (SPEC §5, §6): exit codes, exact error messages,
# configuration errors with their file:line:col, odd bytes, output targets, "now", PATH narrowing.
# Every check runs in its own scratch copy of fixtures/clean, git init'd and committed with a fixed
# identity and date. Usage: tests/e2e/cli.sh BINARY
# shellcheck disable=SC2016  # that() takes its condition in single quotes and evals it
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
# shellcheck source=../lib/streams.sh
source "$HERE/../lib/streams.sh"
e2e_start cli "$@"
need_binary

# Reproducible git, whatever the caller's configuration.
git_env 2026-11-24T18:00:00Z
# "now" for every run unless a check says otherwise: two days after the 2026-48 review.
export OPSLINT_NOW=2026-11-26T12:00:00Z
unset NO_COLOR

# The checks below run with --no-history, so that the history rules (OPS501-OPS505, which have
# their own tests) do not depend on how the scratch repos were committed.
OPS500='.:0:0: info: history rules OPS501-OPS505 were not checked: --no-history was given [OPS500 history-incomplete]'
CLEAN_OUT="$OPS500
opslint: 0 errors, 0 warnings, 1 info in 10 files"

commit_all() {
  git -C "$1" init -q -b main >/dev/null
  git -C "$1" add -A >/dev/null
  git -C "$1" commit -q -m "ops repo" >/dev/null
}
# fresh [NAME] copies this committed template, whose history is realistic: each period's minutes
# committed within hours of its meeting.
make_template

rc_not_signal() {
  ((RC == 0 || RC == 1)) || problem "exit code $RC, want 0 or 1 (>128 is a signal)"$'\n'"    stderr:"$'\n'"$(show "$ERR")"
}
err_has() { [[ $ERR == *"$1"* ]] || problem "stderr lacks '$1':"$'\n'"$(show "$ERR")"; }
out_lacks() { grep -qF -- "$1" <<<"$OUT" && problem "stdout has '$1':"$'\n'"$(show "$OUT")"; }

# Defects used below, each giving one known finding.
owner_missing() { sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' "$1/$W/2026-48/actions.md"; }
OWNER_LINE="$W/2026-48/actions.md:5:1: error: action A1 has no owner [OPS301 action-owner-missing]"
preread_unticked() { sed -i 's/^- \[x\] SLO dashboards/- [ ] SLO dashboards/' "$1/$W/2026-47/minutes.md"; }
PREREAD_LINE="$W/2026-47/minutes.md:13:1: warning: pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines [OPS204 pre-read-incomplete]"

# ---------------------------------------------------------------------------------------------
# Exit codes and fail levels

R=$(fresh clean)
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_is "$CLEAN_OUT"; err_empty
finish "clean repo: exit 0, only OPS500"

run "$BIN" --repo "$R" lint
rc_is 0; err_empty; out_is "opslint: no findings in 10 files"
finish "clean repo with its history checked: no findings"

run "$BIN" --repo "$R" lint --no-history --fail-level warning
rc_is 0
finish "clean repo, --fail-level warning: exit 0"

run "$BIN" --repo "$R" lint --no-history --fail-level info
rc_is 1; out_has_line "$OPS500"
finish "clean repo, --fail-level info: exit 1 (OPS500 is info)"

(cd "$R/$W/2026-48" && run "$BIN" lint --no-history && [[ $RC == 0 && $OUT == "$CLEAN_OUT" ]]) ||
  problem "from a subfolder without --repo: want the same clean run"
finish "repository found from a subfolder"

R=$(fresh error)
owner_missing "$R"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
out_is "$OPS500
$OWNER_LINE
opslint: 1 error, 0 warnings, 1 info in 10 files"
err_empty
finish "error finding: exit 1, exact text output"

run "$BIN" --repo "$R" lint --no-history --fail-level never
rc_is 0; out_has_line "$OWNER_LINE"
finish "error finding, --fail-level never: exit 0, still reported"

run "$BIN" --repo "$R" --quiet lint --no-history
rc_is 1; out_empty
finish "--quiet: exit 1, prints nothing"

R=$(fresh warning)
preread_unticked "$R"
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_has_line "$PREREAD_LINE"
finish "warning finding, default fail level: exit 0"

run "$BIN" --repo "$R" lint --no-history --fail-level warning
rc_is 1
finish "warning finding, --fail-level warning: exit 1"

run "$BIN" --repo "$R" lint --no-history --fail-level error
rc_is 0
finish "warning finding, --fail-level error: exit 0"

run "$BIN" --repo "$R" lint --no-history --fail-level bogus
rc_is 2; out_empty; err_is "opslint: error: --fail-level: bogus not in {error,warning,info,never}"
finish "--fail-level bogus: exit 2"

# ---------------------------------------------------------------------------------------------
# Commands and options

R=$(fresh cmd)
run "$BIN" --repo "$R" lnt
rc_is 2; out_empty; err_is "opslint: error: unknown command 'lnt'; did you mean 'lint'?"
finish "unknown command with a suggestion"

run "$BIN" --repo "$R" frobnicate
rc_is 2; out_empty; err_is "opslint: error: unknown command 'frobnicate'; see opslint --help"
finish "unknown command without a suggestion"

run "$BIN" --repo "$R" lint --bogus
rc_is 2; out_empty; err_is "opslint: error: The following argument was not expected: --bogus"
finish "unknown lint option: exit 2"

run "$BIN" --bogus lint
rc_is 2; out_empty; err_has "opslint: error: "; err_has "--bogus"
finish "unknown global option: exit 2"

run "$BIN"
rc_is 2; out_empty; err_has "opslint: error: "
finish "no command: exit 2"

run "$BIN" --repo "$R" lint --no-history --format xml
rc_is 2; out_empty; err_is "opslint: error: --format: xml not in {text,json,sarif,github,junit}"
finish "unknown --format: exit 2"

run "$BIN" --repo "$WORK/no-such-dir" lint --no-history
rc_is 2; out_empty; err_is "opslint: error: --repo '$WORK/no-such-dir' is not a directory"
finish "--repo missing directory: exit 2"

run "$BIN" --version
rc_is 0; [[ $OUT =~ ^opslint\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || problem "--version printed '$OUT'"
finish "--version"

run "$BIN" --help
rc_is 0; [[ $OUT == *lint* && $OUT == *explain* && $OUT == *rules* ]] || problem "--help lacks the commands: $(show "$OUT")"
finish "--help lists the commands"

run "$BIN" --repo "$R" explain OPS301
rc_is 0; err_empty
[[ $(head -n1 <<<"$OUT") == "OPS301 action-owner-missing (error; in effect: error)" ]] || problem "first line: $(head -n1 <<<"$OUT")"
[[ $OUT == *"Why:"* && $OUT == *"Fix:"* && $OUT == *"Example that fires:"* ]] || problem "explain lacks sections: $(show "$OUT")"
finish "explain OPS301"

run "$BIN" --repo "$R" explain action-owner-missing
rc_is 0; [[ $(head -n1 <<<"$OUT") == "OPS301 action-owner-missing (error; in effect: error)" ]] || problem "by name: $(head -n1 <<<"$OUT")"
finish "explain by rule name"

run "$BIN" --repo "$R" explain OPS999
rc_is 2; out_empty; err_is "opslint: error: unknown rule 'OPS999'; \`opslint rules\` lists them"
finish "explain OPS999: exit 2"

printf 'rules: {OPS206: warning, OPS307: "off"}\n' >>"$R/.opslint.yaml"
run "$BIN" --repo "$R" rules
rc_is 0; err_empty
that '[[ $(grep -c . <<<"$OUT") == 50 ]]'
that '[[ $(grep -cE "^OPS[0-9]{3}  [a-z0-9-]+ +(error|warning|info|off)( +\(history\))?$" <<<"$OUT") == 50 ]]'
out_has_line "OPS206  timebox-exceeded                     warning"
out_has_line "OPS307  action-overdue                       off"
out_has_line "OPS301  action-owner-missing                 error"
out_has_line "OPS501  late-publication                     error    (history)"
finish "rules: 50 rules with config overrides"

run "$BIN" --repo "$R" explain OPS206
rc_is 0; [[ $(head -n1 <<<"$OUT") == "OPS206 timebox-exceeded (info; in effect: warning)" ]] || problem "first line: $(head -n1 <<<"$OUT")"
finish "explain shows the severity in effect"

# ---------------------------------------------------------------------------------------------
# Bad configuration: exit 2, exact "opslint: error: FILE:LINE:COL: ..." on stderr, nothing on stdout.

# bad_config NAME YAML WANT_STDERR [COMMAND]
bad_config() {
  local r
  r=$(fresh config)
  printf '%s' "$2" >"$r/.opslint.yaml"
  run "$BIN" --repo "$r" "${4:-lint}"
  rc_is 2; out_empty; err_is "$3"
  finish "config: $1"
}

bad_config "malformed YAML (stray bracket)" $'publish_within_hours: 24\nowners: ["@dana"]]\n' \
  "opslint: error: .opslint.yaml:2:18: illegal flow end"
bad_config "malformed YAML (bad indentation)" $'cadence:\n  start: 2026-01-05\n timezone: UTC\n' \
  "opslint: error: .opslint.yaml:3:2: end of map not found"
bad_config "malformed YAML (tab indentation)" $'cadence:\n\tstart: 2026-01-05\n' \
  "opslint: error: .opslint.yaml:2:7: illegal map value"
bad_config "unknown top-level key" $'publish_within_hours: 24\ncadense:\n  start: 2026-01-05\n' \
  "opslint: error: .opslint.yaml:2:1: unknown key 'cadense'"
bad_config "unknown nested key" $'reviews:\n  weekly:\n    day: tuesday\n    dya: tuesday\n' \
  "opslint: error: .opslint.yaml:4:5: unknown key 'dya' in 'reviews.weekly'"
bad_config "unknown nested key in flow style" $'reviews: {weekly: {day: tuesday, dya: tuesday}}\n' \
  "opslint: error: .opslint.yaml:1:34: unknown key 'dya' in 'reviews.weekly'"
bad_config "wrong type (quoted string for integer)" $'publish_within_hours: "x"\n' \
  "opslint: error: .opslint.yaml:1:23: 'publish_within_hours': expected an integer, got a string"
bad_config "wrong type (quoted number for integer)" $'reviews:\n  weekly:\n    timebox: "45"\n' \
  "opslint: error: .opslint.yaml:3:14: 'reviews.weekly.timebox': expected an integer, got a string"
bad_config "wrong type (list item)" $'owners: ["@dana", 3]\n' \
  "opslint: error: .opslint.yaml:1:19: 'owners.1': expected a string, got an integer"
bad_config "wrong type (scalar for mapping)" $'cadence: weekly\n' \
  "opslint: error: .opslint.yaml:1:10: 'cadence': expected a mapping, got a string"
bad_config "bad pattern (cadence.start)" $'cadence:\n  start: 2026-1-5\n' \
  "opslint: error: .opslint.yaml:2:10: 'cadence.start': \"2026-1-5\" does not match the pattern ^[0-9]{4}-[0-9]{2}-[0-9]{2}\$"
bad_config "not a calendar date (cadence.start)" $'cadence:\n  start: 2026-02-30\n' \
  "opslint: error: .opslint.yaml:2:10: 'cadence.start' is not a calendar date"
bad_config "bad enum (weekday)" $'reviews:\n  weekly: {day: funday}\n' \
  "opslint: error: .opslint.yaml:2:17: 'reviews.weekly.day': \"funday\" is not one of \"monday\", \"tuesday\", \"wednesday\", \"thursday\", \"friday\", \"saturday\", \"sunday\""
bad_config "out of range (timebox 0)" $'reviews:\n  weekly:\n    timebox: 0\n' \
  "opslint: error: .opslint.yaml:3:14: 'reviews.weekly.timebox': 0 is less than the minimum 1"
bad_config "invalid regex" $'evidence:\n  incident_pattern: \'INC-([\'\n' \
  "opslint: error: .opslint.yaml:2:21: 'evidence.incident_pattern' is not a valid regular expression: missing ]: ["
bad_config "unknown time zone" $'cadence:\n  start: 2026-11-09\n  timezone: Europe/Atlantis\n' \
  "opslint: error: .opslint.yaml:3:13: 'cadence.timezone': unknown IANA time zone 'Europe/Atlantis'"
bad_config "unknown rule id" $'rules:\n  OPS206: warning\n  OPS999: "off"\n' \
  "opslint: error: .opslint.yaml:3:3: unknown rule 'OPS999' in 'rules'; \`opslint rules\` lists them"
bad_config "malformed rule id" $'rules: {OPS30: warning}\n' \
  "opslint: error: .opslint.yaml:1:9: unknown key 'OPS30' in 'rules'"
bad_config "bad rule severity" $'rules:\n  OPS301: loud\n' \
  "opslint: error: .opslint.yaml:2:11: 'rules.OPS301': \"loud\" is not one of \"off\", \"info\", \"warning\", \"error\""
bad_config "duplicate key" $'publish_within_hours: 24\namend_window_days: 7\npublish_within_hours: 48\n' \
  "opslint: error: .opslint.yaml:3:1: duplicate key 'publish_within_hours'"
bad_config "not a mapping" $'- cadence\n- rules\n' \
  "opslint: error: .opslint.yaml:1:1: the configuration must be a mapping of keys to values"
# yaml-cpp stops at a depth limit; its position is where it stopped, so only the line is exact.
R=$(fresh config)
printf 'publish_within_hours: 24\nowners: %s%s\n' "$(printf '[%.0s' {1..1000})" "$(printf ']%.0s' {1..1000})" >"$R/.opslint.yaml"
run "$BIN" --repo "$R" lint --no-history
rc_is 2; out_empty
[[ $ERR =~ ^opslint:\ error:\ \.opslint\.yaml:2:[0-9]+:\ the\ YAML\ is\ nested\ too\ deeply$ ]] || problem "stderr: $ERR"
finish "config: nesting too deep"
bad_config "unknown key also stops 'rules'" $'foo: 1\n' \
  "opslint: error: .opslint.yaml:1:1: unknown key 'foo'" rules

R=$(fresh config)
: >"$R/.opslint.yaml"
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_is "$CLEAN_OUT"; err_empty
finish "config: empty file means defaults"

printf '# only a comment\n' >"$R/.opslint.yaml"
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_is "$CLEAN_OUT"
finish "config: comment-only file means defaults"

rm "$R/.opslint.yaml"
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_is "$CLEAN_OUT"
finish "config: absent file means defaults"

run "$BIN" --repo "$R" --config missing.yaml lint --no-history
rc_is 2; out_empty; err_is "opslint: error: config file 'missing.yaml' does not exist"
finish "config: --config missing.yaml"

printf 'owners: ["@dana"]\nfoo: bar\n' >"$WORK/other.yaml"
run "$BIN" --repo "$R" --config "$WORK/other.yaml" lint --no-history
rc_is 2; out_empty; err_is "opslint: error: $WORK/other.yaml:2:1: unknown key 'foo'"
finish "config: --config FILE errors name that file"

R=$(fresh config)
sed -i 's/$/\r/' "$R/.opslint.yaml"
printf '\xef\xbb\xbf' | cat - "$R/.opslint.yaml" >"$WORK/bom.yaml" && mv "$WORK/bom.yaml" "$R/.opslint.yaml"
run "$BIN" --repo "$R" lint --no-history
rc_is 0; out_is "$CLEAN_OUT"
finish "config: CRLF and BOM"

# ---------------------------------------------------------------------------------------------
# Bad bytes: OPS001 at file:line:col, and the other files are still linted.

R=$(fresh bytes)
owner_missing "$R"
printf 'tail\n\xff\xfe broken\n' >>"$R/$W/2026-47/minutes.md"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
out_is "$OPS500
$W/2026-47/minutes.md:37:1: error: file is not valid UTF-8 (byte 0xFF); not linted [OPS001 unreadable-file]
$OWNER_LINE
opslint: 2 errors, 0 warnings, 1 info in 10 files"
finish "invalid UTF-8: OPS001 with line:col, others linted"

R=$(fresh bytes)
owner_missing "$R"
sed -i 's/^# Weekly Ops Review/# Weekly\x00Ops Review/' "$R/$W/2026-47/minutes.md"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
out_is "$OPS500
$W/2026-47/minutes.md:10:9: error: file holds NUL bytes (binary content); not linted [OPS001 unreadable-file]
$OWNER_LINE
opslint: 2 errors, 0 warnings, 1 info in 10 files"
finish "NUL byte: OPS001 with line:col, others linted"

R=$(fresh bytes)
owner_missing "$R"
printf 'limits: {max_file_bytes: 3000}\n' >>"$R/.opslint.yaml"
head -c 4000 /dev/zero | tr '\0' 'x' >>"$R/$W/2026-47/minutes.md"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
out_is "$OPS500
$W/2026-47/minutes.md:0:0: error: file is 4975 bytes, over the limit of 3000 (limits.max_file_bytes); not linted [OPS001 unreadable-file]
$OWNER_LINE
opslint: 2 errors, 0 warnings, 1 info in 10 files"
finish "over limits.max_file_bytes: OPS001, others linted"

# The same two defects with LF, CRLF and a BOM: the same findings.
R=$(fresh lf)
owner_missing "$R"; preread_unticked "$R"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
WANT_LF="$OPS500
$PREREAD_LINE
$OWNER_LINE
opslint: 1 error, 1 warning, 1 info in 10 files"
out_is "$WANT_LF"
finish "LF reference run"

R=$(fresh crlf)
owner_missing "$R"; preread_unticked "$R"
find "$R/ops" "$R/docs" -name '*.md' -exec sed -i 's/$/\r/' {} +
run "$BIN" --repo "$R" lint --no-history
rc_is 1; out_is "$WANT_LF"
finish "CRLF line endings: same findings as LF"

R=$(fresh bom)
owner_missing "$R"; preread_unticked "$R"
while IFS= read -r -d '' f; do
  printf '\xef\xbb\xbf' | cat - "$f" >"$WORK/bom.tmp" && mv "$WORK/bom.tmp" "$f"
done < <(find "$R/ops" "$R/docs" -name '*.md' -print0)
run "$BIN" --repo "$R" lint --no-history
rc_is 1; out_is "$WANT_LF"
finish "UTF-8 BOM: same findings as LF"

R=$(fresh bomcrlf)
owner_missing "$R"; preread_unticked "$R"
while IFS= read -r -d '' f; do
  sed 's/$/\r/' "$f" | { printf '\xef\xbb\xbf'; cat; } >"$WORK/bom.tmp" && mv "$WORK/bom.tmp" "$f"
done < <(find "$R/ops" "$R/docs" -name '*.md' -print0)
run "$BIN" --repo "$R" lint --no-history
rc_is 1; out_is "$WANT_LF"
finish "BOM and CRLF together: same findings as LF"

# Hostile Markdown in a new period folder: no crash, no hang.
hostile() {
  local r
  r=$(fresh hostile)
  mkdir -p "$r/$W/2026-49"
  cp "$r/$W/2026-48/actions.md" "$r/$W/2026-49/actions.md"
  python3 -c "import sys; sys.stdout.write($2)" >"$r/$W/2026-49/minutes.md"
  run timeout 60 "$BIN" --repo "$r" lint --no-history
  rc_not_signal
  [[ $OUT == *"$W/2026-49/minutes.md"* ]] || problem "no finding about the hostile file: $(show "$OUT")"
  finish "hostile Markdown: $1"
}
hostile "50,000 nested block quotes" "'> ' * 50000 + 'deep\n'"
hostile "20,000 nested bullet lists" "'- ' * 20000 + 'deep\n'"
hostile "20,000 nested ordered lists" "'1. ' * 20000 + 'deep\n'"
hostile "20,000 quote+list levels" "'> - ' * 20000 + 'deep\n'"
hostile "1 MB of [" "'[' * 1000000"
hostile "100,000 unclosed links" "'[a](' * 100000"
hostile "emphasis and backtick runs" "'*' * 100000 + 'a' + '_' * 100000 + '\n' + '\`' * 100000 + '\n'"
hostile "deeply nested front matter" "'---\nx: ' + '[' * 100000 + '\n---\n# Weekly\n'"
hostile "a 900-column table" "'|' + ' a |' * 900 + '\n|' + '---|' * 900 + '\n'"
# cmark-gfm 0.29.0.gfm.6 is quadratic in a table's width: a row past 1,000 cells is OPS001, not a hang.
hostile "a 300,000-column table" "'|' + ' a |' * 300000 + '\n|' + '---|' * 300000 + '\n'"
[[ $OUT == *"minutes.md:1:1: error: line 1 has 300001 table cell separators, over the limit of 1000; not linted [OPS001 unreadable-file]"* ]] ||
  problem "the wide table is not OPS001: $(show "$OUT")"
finish "hostile Markdown: the wide table is reported as OPS001"

# Spaces and non-ASCII in the repository path and in the review folders.
R="$WORK/my ops repo ünïcødé"
HEBDO="ops/opérations/réunions hebdo"  # same depth as $W, so the fixture's relative links still resolve
mkdir -p "$R" && cp -R "$FIXTURE/." "$R/" && rm -f "$R/expected.txt" "$R/expected-exit"
mkdir -p "$R/$HEBDO"
mv "$R/$W"/* "$R/$HEBDO/" && rmdir "$R/$W"
sed -i "s|^  weekly: {|  weekly: { path: \"$HEBDO\",|" "$R/.opslint.yaml"
sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' "$R/$HEBDO/2026-48/actions.md"
commit_all "$R"
run "$BIN" --repo "$R" lint --no-history
rc_is 1
out_is "$OPS500
$HEBDO/2026-48/actions.md:5:1: error: action A1 has no owner [OPS301 action-owner-missing]
opslint: 1 error, 0 warnings, 1 info in 10 files"
(cd "$R/$HEBDO/2026-47" && run "$BIN" lint --no-history . && [[ $RC == 0 && $OUT == "$CLEAN_OUT" ]]) ||
  problem "lint . inside '$HEBDO/2026-47' should be clean"
finish "spaces and unicode in folder names"

# ---------------------------------------------------------------------------------------------
# Output formats and targets

R=$(fresh json)
owner_missing "$R"
run "$BIN" --repo "$R" lint --no-history --format json
rc_is 1; err_empty
if printf '%s' "$OUT" | python3 -m json.tool >/dev/null 2>&1; then
  SUMMARY=$(printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = [x for x in d["findings"] if x["rule"] == "OPS301"][0]
print(d["version"], d["tool"]["name"], d["source"], d["summary"], f["file"], f["line"], f["column"], f["severity"], f["period"], len(f["fingerprint"]))')
  [[ $SUMMARY == "1 opslint worktree {'error': 1, 'warning': 0, 'info': 1, 'files': 10} $W/2026-48/actions.md 5 1 error 2026-48 16" ]] ||
    problem "unexpected JSON content: $SUMMARY"
else
  problem "stdout is not JSON: $(show "$OUT")"
fi
finish "--format json parses and carries the finding"

# Against schemas/findings.schema.json with python's jsonschema when it is installed; else the
# same contract checked by hand.
validate_json() {
  python3 - "$HERE/../../schemas/findings.schema.json" "$1" <<'PY'
import json, re, sys
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
try:
    import jsonschema
except ImportError:
    jsonschema = None
if jsonschema:
    jsonschema.Draft7Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]
    if errors:
        sys.exit("\n".join(errors))
    sys.exit(0)
assert set(doc) == {"version", "tool", "source", "findings", "summary"}, doc.keys()
assert doc["version"] == 1 and doc["tool"]["name"] == "opslint"
assert doc["source"] in ("worktree", "index") or re.fullmatch("[0-9a-f]{40}", doc["source"]), doc["source"]
for f in doc["findings"]:
    assert set(f) - {"period"} == {"rule", "name", "severity", "file", "line", "column", "message", "fingerprint"}, f
    assert re.fullmatch("OPS[0-9]{3}", f["rule"]) and f["severity"] in ("error", "warning", "info"), f
    assert type(f["line"]) is int and type(f["column"]) is int, f
assert set(doc["summary"]) == {"error", "warning", "info", "files"}
PY
}

for src in "" --staged "--rev HEAD"; do
  # shellcheck disable=SC2086  # $src is zero or more words
  run "$BIN" --repo "$R" lint --no-history --format json $src
  printf '%s\n' "$OUT" >"$WORK/check.json"
  if [[ -z $src ]]; then rc_is 1; else rc_is 0; fi  # the missing owner is not committed nor staged
  msg=$(validate_json "$WORK/check.json" 2>&1) || problem "schema: $msg"
  [[ -n $src ]] || continue
  [[ $src == --staged ]] && want=index || want=$(git -C "$R" rev-parse HEAD)
  grep -qF "\"source\": \"$want\"" "$WORK/check.json" || problem "source is not $want"
done
finish "--format json matches schemas/findings.schema.json (worktree, --staged, --rev)"

run "$BIN" --repo "$R" lint --no-history --format json --output "$WORK/report.json"
rc_is 1; out_empty; err_empty
that '[[ -f $WORK/report.json ]] && python3 -m json.tool "$WORK/report.json" >/dev/null'
finish "--output FILE writes the file and nothing to stdout"

run "$BIN" --repo "$R" lint --no-history --output "$WORK/report.txt"
rc_is 1; out_empty
REPORT=$(cat "$WORK/report.txt")
[[ $REPORT == "$OPS500"$'\n'"$OWNER_LINE"$'\n'"opslint: 1 error, 0 warnings, 1 info in 10 files" ]] ||
  problem "report.txt:"$'\n'"$(show "$REPORT")"
finish "--output FILE with text"

printf 'old\n' >"$WORK/replace.txt"
run "$BIN" --repo "$R" lint --no-history --output "$WORK/replace.txt"
rc_is 1
that '[[ $(head -n1 "$WORK/replace.txt") == "$OPS500" ]]'
finish "--output replaces an existing file"

run "$BIN" --repo "$R" lint --no-history --format json --output "$WORK/no-such-dir/report.json"
rc_is 2; out_empty; err_is "opslint: error: --output: folder '$WORK/no-such-dir' does not exist"
that '[[ ! -e $WORK/no-such-dir ]]'
finish "--output into a missing directory: exit 2, no file"

mkdir -p "$WORK/outdir/taken"
run "$BIN" --repo "$R" lint --no-history --output "$WORK/outdir/taken"
rc_is 2; out_empty; err_has "opslint: error: --output: "
that '[[ $(ls -A "$WORK/outdir") == taken && -z $(ls -A "$WORK/outdir/taken") ]]'
finish "--output onto a folder: exit 2, no stray temporary file"
rmdir "$WORK/outdir/taken"
printf 'foo: 1\n' >"$WORK/bad.yaml"
run "$BIN" --repo "$R" --config "$WORK/bad.yaml" lint --no-history --output "$WORK/outdir/report.txt"
rc_is 2; out_empty
that '[[ -z $(ls -A "$WORK/outdir") ]]'
finish "--output with a config error: nothing written"

# ---------------------------------------------------------------------------------------------
# Now: --now and OPSLINT_NOW

R=$(fresh now)
run "$BIN" --repo "$R" lint --no-history --now nope
rc_is 2; out_empty
err_is "opslint: error: --now: invalid timestamp 'nope': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"
finish "--now invalid: exit 2"

run "$BIN" --repo "$R" lint --no-history --now 2026-02-30
rc_is 2; out_empty; err_is "opslint: error: --now: invalid timestamp '2026-02-30': 2026-02-30 is not a calendar date"
finish "--now not a calendar date: exit 2"

run env OPSLINT_NOW=yesterday "$BIN" --repo "$R" lint --no-history
rc_is 2; out_empty; err_has "opslint: error: OPSLINT_NOW: invalid timestamp 'yesterday'"
finish "OPSLINT_NOW invalid: exit 2"

A1_OVERDUE="$W/2026-48/actions.md:5:1: warning: action A1 is overdue: due 2026-12-01, status open, owner @sam [OPS307 action-overdue]"
run env OPSLINT_NOW=2026-12-02 "$BIN" --repo "$R" lint --no-history
rc_is 0; out_has_line "$A1_OVERDUE"
finish "OPSLINT_NOW honoured: action overdue"

run env OPSLINT_NOW=2026-12-01 "$BIN" --repo "$R" lint --no-history
rc_is 0; out_lacks "A1 is overdue"
finish "OPSLINT_NOW on the due date: not overdue"

run env OPSLINT_NOW=2026-12-02 "$BIN" --repo "$R" lint --no-history --now 2026-11-26
rc_is 0; out_is "$CLEAN_OUT"
finish "--now wins over OPSLINT_NOW"

# The fixture's time zone is Europe/Berlin (UTC+1 in December).
run env OPSLINT_NOW=2026-12-01T22:30:00Z "$BIN" --repo "$R" lint --no-history
out_lacks "A1 is overdue"
finish "now in the configured zone: 23:30 Berlin on the due date, not overdue"

run env OPSLINT_NOW=2026-12-01T23:30:00Z "$BIN" --repo "$R" lint --no-history
out_has_line "$A1_OVERDUE"
finish "now in the configured zone: 00:30 Berlin the day after, overdue"

# ---------------------------------------------------------------------------------------------
# PATH arguments narrow the findings

R=$(fresh paths)
owner_missing "$R"; preread_unticked "$R"
run "$BIN" --repo "$R" lint --no-history "$R/$W/2026-48"
rc_is 1
out_is "$OPS500
$OWNER_LINE
opslint: 1 error, 0 warnings, 1 info in 10 files"
finish "PATH: a period folder"

run "$BIN" --repo "$R" lint --no-history "$R/$W/2026-47/minutes.md" --fail-level warning
rc_is 1
out_is "$OPS500
$PREREAD_LINE
opslint: 0 errors, 1 warning, 1 info in 10 files"
finish "PATH: a single file"

(cd "$R/$W/2026-47" && run "$BIN" lint --no-history . && [[ $RC == 0 && $OUT == "$OPS500"$'\n'"$PREREAD_LINE"$'\n'"opslint: 0 errors, 1 warning, 1 info in 10 files" ]]) ||
  problem "lint . from $W/2026-47 should report only the pre-read warning"
finish "PATH: '.' relative to the current folder"

run "$BIN" --repo "$R" lint --no-history "$R/$W/2026-4"
rc_is 2; out_empty; err_is "opslint: error: path '$W/2026-4' does not exist in the worktree"
finish "PATH: a typo is exit 2, not an empty pass"

run "$BIN" --repo "$R" lint --no-history "$R/$W/2026-47" "$R/$W/2026-48"
rc_is 1; out_has_line "$OWNER_LINE"; out_has_line "$PREREAD_LINE"
finish "PATH: two folders"

run "$BIN" --repo "$R" lint --no-history "$R/docs"
rc_is 0; out_is "$CLEAN_OUT"
finish "PATH: a folder without findings"

run "$BIN" --repo "$R" lint --no-history "$WORK"
rc_is 2; out_empty; err_is "opslint: error: path '$WORK' is outside the repository $R"
finish "PATH outside the repository: exit 2"

run env OPSLINT_TRACE=1 "$BIN" --repo "$R" lint --no-history "$R/docs"
rc_is 0
for phase in main "workspace opened" "snapshot built" "static checks run" "output written" done; do
    [[ $ERR =~ " ms  $phase ("[0-9]+" page faults)" ]] || problem "stderr lacks the '$phase' timing: $ERR"
done
finish "OPSLINT_TRACE=1: the phase timings and page faults on stderr"

run env OPSLINT_TRACE=0 "$BIN" --repo "$R" lint --no-history "$R/docs"
rc_is 0; err_empty
finish "OPSLINT_TRACE=0: no timings"

summary
