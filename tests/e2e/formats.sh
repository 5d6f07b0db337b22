#!/usr/bin/env bash
# End-to-end checks of the CI formats and baselines (SPEC §5, §5.1): `lint --format sarif` checked
# by Microsoft's SARIF validator (SARIF and GitHub code scanning rules), `--format github` and
# `--format junit` exact output (JUnit parsed as XML by python3), `opslint baseline` and
# `lint --baseline`, including fingerprints that survive moved lines.
# Usage: tests/e2e/formats.sh BINARY (needs tests/tools installed by scripts/install-deps.sh)
# shellcheck disable=SC2016  # that() takes its condition in single quotes and evals it
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
# shellcheck source=../lib/streams.sh
source "$HERE/../lib/streams.sh"
e2e_start formats "$@"
TOOLS=$HERE/../tools

# The validator is required: a missing one fails the suite loudly instead of skipping.
MULTITOOL=$(cd "$TOOLS" && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)
if [[ ! -x $MULTITOOL ]]; then
  echo "formats.sh: the SARIF validator is not installed; run scripts/install-deps.sh" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

git_env 2026-11-24T18:00:00Z
export OPSLINT_NOW=2026-11-26T12:00:00Z
unset NO_COLOR

# A committed copy of the clean fixture whose minutes reached main within hours of each meeting
# (so the history rules find nothing), copied fresh (fresh [NAME]) for each group of checks.
make_template

# The mixed repo: an error, a warning, an info, two line-0 findings (a missing file, a bad folder
# name with ',', ':' and '%' in it) and OPS500 for the repository as a whole.
mixed() {
  sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' "$1/$W/2026-48/actions.md"
  sed -i 's/^- \[x\] SLO dashboards/- [ ] SLO dashboards/' "$1/$W/2026-47/minutes.md"
  sed -i 's/^duration: .*/duration: 90/' "$1/$W/2026-47/minutes.md"
  mkdir -p "$1/$W/2026-45" "$1/$W/2026-49,x:y%z"
  echo "# notes" >"$1/$W/2026-45/notes.md"
  echo "# notes" >"$1/$W/2026-49,x:y%z/notes.md"
}
R=$(fresh mixed)
mixed "$R"
OPS500='.:0:0: info: history rules OPS501-OPS505 were not checked: --no-history was given [OPS500 history-incomplete]'
MIXED_TEXT="$OPS500
$W/2026-45/minutes.md:0:0: error: weekly review 2026-45 has neither minutes.md nor SKIPPED.md [OPS102 minutes-missing]
$W/2026-47/minutes.md:8:11: info: the review took 90 minutes, over its 45-minute time box [OPS206 timebox-exceeded]
$W/2026-47/minutes.md:13:1: warning: pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines [OPS204 pre-read-incomplete]
$W/2026-48/actions.md:5:1: error: action A1 has no owner [OPS301 action-owner-missing]
$W/2026-49,x:y%z:0:0: error: '2026-49,x:y%z' is not a valid weekly period folder name (expected YYYY-WW, an ISO week that exists) [OPS101 period-folder-name]
opslint: 3 errors, 1 warning, 2 info in 10 files"

run "$BIN" --repo "$R" lint --no-history
rc_is 1; out_is "$MIXED_TEXT"
finish "the mixed fixture's findings (text)"

# ---------------------------------------------------------------------------------------------
# SARIF

# validate FILE: Microsoft's validator with the SARIF and GitHub code scanning rules; prints its
# error lines (its exit code is 0 even when it reports errors, so its output is what counts).
validate() {
  "$MULTITOOL" validate --rule-kind "Sarif;Gh" -c "$TOOLS/sarif-validate.config.xml" \
    --log ForceOverwrite -o "$WORK/validation.sarif" "$1" >"$WORK/validator.log" 2>&1
  local rc=$?
  grep -E ': error ' "$WORK/validator.log"
  grep -q 'Analysis completed successfully' "$WORK/validator.log" || echo "validator failed (exit $rc): $(tail -5 "$WORK/validator.log")"
}

run "$BIN" --repo "$R" lint --no-history --format sarif --output "$WORK/mixed.sarif"
rc_is 1; out_empty; err_empty
errors=$(validate "$WORK/mixed.sarif")
[[ -z $errors ]] || problem "the validator reports errors:"$'\n'"$(show "$errors")"
finish "--format sarif: the validator (Sarif;Gh rules) finds no error"

# The same file with the properties GitHub requires removed: the check above can fail.
python3 - "$WORK/mixed.sarif" "$WORK/broken.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["runs"][0]["results"][0]["locations"]
d["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "C:/x y.md"
json.dump(d, open(sys.argv[2], "w"))
PY
errors=$(validate "$WORK/broken.sarif")
[[ $errors == *"GH1015"* && $errors == *"SARIF1002"* ]] || problem "broken SARIF not caught:"$'\n'"$(show "$errors")"
finish "the validator catches a SARIF log without locations or with a bad URI"

run "$BIN" --repo "$R" lint --no-history --format json
JSON=$OUT
# The SARIF's content, checked against the JSON report of the same run.
check=$(python3 - "$WORK/mixed.sarif" <<PY
import json, sys
s = json.load(open(sys.argv[1]))
j = json.loads('''$JSON''')
run = s["runs"][0]
problems = []
def want(cond, what):
    if not cond: problems.append(what)
want(s["version"] == "2.1.0" and s["\$schema"].endswith("sarif-2.1.0.json"), "version/schema")
want(len(s["runs"]) == 1, "one run")
d = run["tool"]["driver"]
want(d["name"] == "opslint" and d["version"] == j["tool"]["version"] and d["semanticVersion"] == d["version"], "driver")
ids = [r["id"] for r in d["rules"]]
want(ids == sorted({f["rule"] for f in j["findings"]}), "rules are those that fired: %s" % ids)
for r in d["rules"]:
    want(all(r.get(k) for k in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration")), "rule %s" % r["id"])
want("automationDetails" not in run, "no automationDetails without --sarif-category")
want("%SRCROOT%" in run["originalUriBaseIds"], "originalUriBaseIds")
res = run["results"]
want(len(res) == len(j["findings"]), "one result per finding")
level = {"error": "error", "warning": "warning", "info": "note"}
for r, f in zip(res, j["findings"]):
    want(r["ruleId"] == f["rule"] and ids[r["ruleIndex"]] == f["rule"], "ruleId/ruleIndex of %s" % f["rule"])
    want(r["level"] == level[f["severity"]], "level of %s" % f["rule"])
    want(r["message"]["text"] == f["message"], "message of %s" % f["rule"])
    want(r["partialFingerprints"] == {"opslintFingerprint/v1": f["fingerprint"]}, "fingerprint of %s" % f["rule"])
    loc = r["locations"][0]["physicalLocation"]
    want(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%", "uriBaseId")
    if f["line"] == 0:
        want("region" not in loc, "line-0 %s has no region" % f["rule"])
    else:
        want(loc["region"] == {"startLine": f["line"], "startColumn": f["column"]}, "region of %s" % f["rule"])
uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res]
want("ops/operations/weekly/2026-49%2Cx%3Ay%25z" in uris, "percent-encoded URI: %s" % uris)
want(sorted({r["level"] for r in res}) == ["error", "note", "warning"], "all three levels present")
print("\n".join(problems))
PY
)
[[ -z $check ]] || problem "$check"
finish "--format sarif: rules, levels, regions, fingerprints and URIs match the JSON report"

# ---------------------------------------------------------------------------------------------
# GitHub workflow commands

run "$BIN" --repo "$R" lint --no-history --format github
rc_is 1; err_empty
out_is "::notice file=.,title=OPS500 history-incomplete::history rules OPS501-OPS505 were not checked: --no-history was given
::error file=$W/2026-45/minutes.md,title=OPS102 minutes-missing::weekly review 2026-45 has neither minutes.md nor SKIPPED.md
::notice file=$W/2026-47/minutes.md,line=8,col=11,title=OPS206 timebox-exceeded::the review took 90 minutes, over its 45-minute time box
::warning file=$W/2026-47/minutes.md,line=13,col=1,title=OPS204 pre-read-incomplete::pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines
::error file=$W/2026-48/actions.md,line=5,col=1,title=OPS301 action-owner-missing::action A1 has no owner
::error file=$W/2026-49%2Cx%3Ay%25z,title=OPS101 period-folder-name::'2026-49,x:y%25z' is not a valid weekly period folder name (expected YYYY-WW, an ISO week that exists)
$MIXED_TEXT"
finish "--format github: annotations with escaped properties and data, then the text report"

# Twelve actions without an owner: ten error annotations, then one notice for the rest.
R2=$(fresh many)
{
  printf '# Actions 2026-48\n\n| ID | Action | Owner | Due | Verification | Backlog | Status |\n|---|---|---|---|---|---|---|\n'
  for i in $(seq 1 12); do printf '| A%s | Task %s | | 2026-12-01 | checked | IB-42 | open |\n' "$i" "$i"; done
} >"$R2/$W/2026-48/actions.md"
run "$BIN" --repo "$R2" lint --no-history --format github
rc_is 1
that '[[ $(grep -c "^::error " <<<"$OUT") == 10 ]]'
that '[[ $(grep -c "^::notice " <<<"$OUT") == 1 ]]'
that '[[ $(grep -c "^::notice::" <<<"$OUT") == 1 ]]'
that 'grep -qxF "::notice::2 more findings not annotated (GitHub shows at most 10 per level); see the report below" <<<"$OUT"'
that 'grep -qF "::error file=$W/2026-48/actions.md,line=14,col=1,title=OPS301 action-owner-missing::action A10 has no owner" <<<"$OUT"'
that '! grep -qF "::error file=$W/2026-48/actions.md,line=15," <<<"$OUT"'
that '[[ $(tail -n1 <<<"$OUT") == "opslint: 12 errors, 0 warnings, 1 info in 10 files" ]]'
finish "--format github: at most 10 annotations per level, then one notice with the rest"

# ---------------------------------------------------------------------------------------------
# JUnit XML

run "$BIN" --repo "$R" lint --no-history --format junit --output "$WORK/mixed.xml"
rc_is 1; out_empty; err_empty
OUT=$(cat "$WORK/mixed.xml")
case_ok() { printf '    <testcase classname="opslint" name="%s"/>' "$1"; }
out_is "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<testsuites name=\"opslint\" tests=\"13\" failures=\"5\" errors=\"0\">
  <testsuite name=\"opslint\" tests=\"13\" failures=\"5\" errors=\"0\" skipped=\"0\">
    <testcase classname=\"opslint\" name=\".\">
      <failure message=\"history rules OPS501-OPS505 were not checked: --no-history was given\" type=\"OPS500\">$OPS500</failure>
    </testcase>
$(case_ok docs/operations/IMPROVEMENT_BACKLOG.md)
$(case_ok docs/operations/RISK_REGISTER.md)
$(case_ok ops/operations/monthly/2026-10/minutes.md)
$(case_ok ops/operations/quarterly/2026-Q3/minutes.md)
    <testcase classname=\"opslint\" name=\"$W/2026-45/minutes.md\">
      <failure message=\"weekly review 2026-45 has neither minutes.md nor SKIPPED.md\" type=\"OPS102\">$W/2026-45/minutes.md:0:0: error: weekly review 2026-45 has neither minutes.md nor SKIPPED.md [OPS102 minutes-missing]</failure>
    </testcase>
$(case_ok $W/2026-46/actions.md)
$(case_ok $W/2026-46/minutes.md)
$(case_ok $W/2026-47/actions.md)
    <testcase classname=\"opslint\" name=\"$W/2026-47/minutes.md\">
      <failure message=\"the review took 90 minutes, over its 45-minute time box\" type=\"OPS206\">$W/2026-47/minutes.md:8:11: info: the review took 90 minutes, over its 45-minute time box [OPS206 timebox-exceeded]</failure>
      <failure message=\"pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines\" type=\"OPS204\">$W/2026-47/minutes.md:13:1: warning: pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines [OPS204 pre-read-incomplete]</failure>
    </testcase>
    <testcase classname=\"opslint\" name=\"$W/2026-48/actions.md\">
      <failure message=\"action A1 has no owner\" type=\"OPS301\">$W/2026-48/actions.md:5:1: error: action A1 has no owner [OPS301 action-owner-missing]</failure>
    </testcase>
$(case_ok $W/2026-48/minutes.md)
    <testcase classname=\"opslint\" name=\"$W/2026-49,x:y%z\">
      <failure message=\"'2026-49,x:y%z' is not a valid weekly period folder name (expected YYYY-WW, an ISO week that exists)\" type=\"OPS101\">$W/2026-49,x:y%z:0:0: error: '2026-49,x:y%z' is not a valid weekly period folder name (expected YYYY-WW, an ISO week that exists) [OPS101 period-folder-name]</failure>
    </testcase>
  </testsuite>
</testsuites>"
finish "--format junit: a testcase per linted file, a failure per finding (exact)"

# Parsed as XML: well-formed, and the counts agree with the elements.
check=$(python3 - "$WORK/mixed.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print("not well-formed: %s" % e); sys.exit()
suite = root.find("testsuite")
cases = suite.findall("testcase")
failing = [c for c in cases if c.find("failure") is not None]
if int(suite.get("tests")) != len(cases) or int(suite.get("failures")) != len(failing):
    print("counts disagree: tests=%s failures=%s, %d cases, %d failing" % (suite.get("tests"), suite.get("failures"), len(cases), len(failing)))
if sum(len(c.findall("failure")) for c in cases) != 6:
    print("want 6 failure elements")
PY
)
[[ -z $check ]] || problem "$check"
finish "--format junit: well-formed XML (python3 xml.etree), counts agree"

run "$BIN" --repo "$R" lint --no-history --format junit "$R/$W/2026-48"
rc_is 1
that '[[ $(grep -c "<testcase " <<<"$OUT") == 3 ]]'  # the two files, and "." for OPS500
that 'grep -qF "<testsuites name=\"opslint\" tests=\"3\" failures=\"2\" errors=\"0\">" <<<"$OUT"'
that 'grep -qF "<testcase classname=\"opslint\" name=\"$W/2026-48/minutes.md\"/>" <<<"$OUT"'
finish "--format junit with a PATH: testcases only for the files under it"

# ---------------------------------------------------------------------------------------------
# Baselines

B=$(fresh baseline)
mixed "$B"
BASE_JSON='{"version": 1, "tool": {"name": "opslint"}, "fingerprints": []}'
run "$BIN" --repo "$B" baseline
rc_is 0; err_empty; out_is "opslint: baseline .opslint-baseline.json: recorded 6 fingerprints"
that '[[ -f $B/.opslint-baseline.json ]]'
that 'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"version\"]==1 and len(d[\"fingerprints\"])==6 and \"OPS505\" in {e[\"rule\"] for e in d[\"fingerprints\"]} and all(len(e[\"fingerprint\"])==16 for e in d[\"fingerprints\"])" "$B/.opslint-baseline.json"'
finish "baseline: records today's fingerprints, history findings too (OPS505; OPS500 is not recorded)"

cp "$B/.opslint-baseline.json" "$WORK/first-baseline.json"
run "$BIN" --repo "$B" baseline
rc_is 0; out_is "opslint: baseline .opslint-baseline.json: recorded 6 fingerprints (0 added, 0 stale pruned)"
that 'cmp -s "$B/.opslint-baseline.json" "$WORK/first-baseline.json"'
finish "baseline re-run on an unchanged repository: the same bytes"

run "$BIN" --repo "$B" lint --no-history --baseline "$B/.opslint-baseline.json"
rc_is 0; err_empty
out_is "$OPS500
opslint: 0 errors, 0 warnings, 1 info in 10 files; 5 hidden by the baseline"
finish "lint --baseline: every recorded finding is hidden, OPS500 is not"

# Lines move: three lines above the actions table; the finding moves from line 5 to 8.
sed -i '1a\
\
Carried over from last week: none.\
' "$B/$W/2026-48/actions.md"
run "$BIN" --repo "$B" lint --no-history --no-baseline
that 'grep -qF "$W/2026-48/actions.md:8:1: error: action A1 has no owner" <<<"$OUT"'
run "$BIN" --repo "$B" lint --no-history --baseline "$B/.opslint-baseline.json"
rc_is 0; out_is "$OPS500
opslint: 0 errors, 0 warnings, 1 info in 10 files; 5 hidden by the baseline"
finish "lint --baseline: a finding whose line moved still matches its fingerprint"

# A new finding is reported; the JSON summary says how many the baseline hid.
sed -i 's/| A2 | Document the p95 regression \\| deploy link | @li |/| A2 | Document the p95 regression \\| deploy link | |/' "$B/$W/2026-48/actions.md"
run "$BIN" --repo "$B" lint --no-history --baseline "$B/.opslint-baseline.json"
rc_is 1; out_is "$OPS500
$W/2026-48/actions.md:9:1: error: action A2 has no owner [OPS301 action-owner-missing]
opslint: 1 error, 0 warnings, 1 info in 10 files; 5 hidden by the baseline"
run "$BIN" --repo "$B" lint --no-history --baseline "$B/.opslint-baseline.json" --format json
rc_is 1
that 'python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"summary\"][\"baselined\"]==5 and len(d[\"findings\"])==2" <<<"$OUT"'
run "$BIN" --repo "$B" lint --no-history --no-baseline --format json
that 'python3 -c "import json,sys; d=json.load(sys.stdin); assert \"baselined\" not in d[\"summary\"]" <<<"$OUT"'
finish "lint --baseline: a new finding is reported; JSON summary.baselined counts the hidden ones"

# Fix two old findings, keep the new one: the re-run adds one and prunes two.
sed -i 's/^duration: .*/duration: 45/' "$B/$W/2026-47/minutes.md"
rm -r "$B/$W/2026-45"
run "$BIN" --repo "$B" baseline
rc_is 0; out_is "opslint: baseline .opslint-baseline.json: recorded 5 fingerprints (1 added, 2 stale pruned)"
run "$BIN" --repo "$B" lint --no-history --baseline "$B/.opslint-baseline.json"
rc_is 0; out_is "$OPS500
opslint: 0 errors, 0 warnings, 1 info in 10 files; 4 hidden by the baseline"
finish "baseline re-run: adds new fingerprints and prunes stale ones, saying how many"

run "$BIN" --repo "$B" baseline --output "$WORK/elsewhere.json"
rc_is 0; out_is "opslint: baseline $WORK/elsewhere.json: recorded 5 fingerprints"
that 'cmp -s "$WORK/elsewhere.json" "$B/.opslint-baseline.json"'
finish "baseline --output FILE"

# Bad baselines: exit 2, a clear message, nothing on stdout, no file overwritten.
run "$BIN" --repo "$B" lint --no-history --baseline "$WORK/missing.json"
rc_is 2; out_empty
err_is "opslint: error: baseline file '$WORK/missing.json' does not exist (create it with \`opslint baseline\`)"
finish "lint --baseline with a missing file: exit 2"

printf '{"version": 1,\n  "fingerprints": [}\n' >"$WORK/syntax.json"
run "$BIN" --repo "$B" lint --no-history --baseline "$WORK/syntax.json"
rc_is 2; out_empty
err_is "opslint: error: $WORK/syntax.json:2:20: not valid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal"
finish "lint --baseline with a JSON syntax error: exit 2 with file:line:col"

printf '{"version": 1, "tool": {"name": "opslint"}, "fingerprints": [{"fingerprint": "XYZ"}]}\n' >"$WORK/schema.json"
run "$BIN" --repo "$B" lint --no-history --baseline "$WORK/schema.json"
rc_is 2; out_empty
err_is "opslint: error: $WORK/schema.json: not an opslint baseline: [fingerprints][0][fingerprint]: Failed to match regex specified by 'pattern' constraint."
finish "lint --baseline with a file that is not a baseline: exit 2"

printf 'keep me\n' >"$WORK/notes.txt"
run "$BIN" --repo "$B" baseline --output "$WORK/notes.txt"
rc_is 2; out_empty
err_is "opslint: error: $WORK/notes.txt:1:1: not valid JSON: syntax error while parsing value - invalid literal; last read: 'k'; not overwriting it"
that '[[ $(cat "$WORK/notes.txt") == "keep me" ]]'
finish "baseline --output onto a file that is not a baseline: exit 2, file untouched"

printf '%s\n' "$BASE_JSON" >"$WORK/empty-baseline.json"
run "$BIN" --repo "$B" lint --no-history --baseline "$WORK/empty-baseline.json" --format github
rc_is 1
that '[[ $(tail -n1 <<<"$OUT") == "opslint: 3 errors, 1 warning, 1 info in 10 files; 0 hidden by the baseline" ]]'
finish "lint --baseline with an empty baseline hides nothing"


# ---------------------------------------------------------------------------------------------
# The repository's baseline (no flag) and hidden findings in SARIF

# The mixed repo with its baseline recorded, then two findings suppressed inline (one comment with
# a reason, one without): inline suppression comes first, the baseline hides the other three.
H=$(fresh hidden)
mixed "$H"
run "$BIN" --repo "$H" baseline
rc_is 0
printf '\n<!-- opslint-disable-file OPS206 -- the incident review ran long -->\n' >>"$H/$W/2026-47/minutes.md"
printf '\n<!-- opslint-disable-file OPS301 -->\n' >>"$H/$W/2026-48/actions.md"
HIDDEN_TEXT="$OPS500
opslint: 0 errors, 0 warnings, 1 info in 10 files; 3 hidden by the baseline"
run "$BIN" --repo "$H" lint --no-history
rc_is 0; err_empty; out_is "$HIDDEN_TEXT"
finish "lint applies .opslint-baseline.json at the root without a flag and says how many it hid"

run "$BIN" --repo "$H" lint --no-history --no-baseline
rc_is 1; out_is "$OPS500
$W/2026-45/minutes.md:0:0: error: weekly review 2026-45 has neither minutes.md nor SKIPPED.md [OPS102 minutes-missing]
$W/2026-47/minutes.md:13:1: warning: pre-read item not done: SLO dashboards updated with 7-day and 28-day baselines [OPS204 pre-read-incomplete]
$W/2026-49,x:y%z:0:0: error: '2026-49,x:y%z' is not a valid weekly period folder name (expected YYYY-WW, an ISO week that exists) [OPS101 period-folder-name]
opslint: 2 errors, 1 warning, 1 info in 10 files"
run "$BIN" --repo "$H" lint --no-history --no-baseline --baseline "$H/.opslint-baseline.json"
rc_is 2; out_empty; err_is "opslint: error: --baseline excludes --no-baseline"
finish "--no-baseline shows what the baseline hid; it excludes --baseline"

# --staged: the baseline comes from the working tree, staged or not (like .gitignore).
git -C "$H" add -A -- ops
run "$BIN" --repo "$H" lint --staged --no-history
rc_is 0; err_empty; out_is "$HIDDEN_TEXT"
that '[[ -n $(git -C "$H" status --porcelain -- .opslint-baseline.json) ]]'
git -C "$H" commit -q -m "mixed, suppressed"
run "$BIN" --repo "$H" lint --rev HEAD --no-history
rc_is 0; err_empty; out_is "$HIDDEN_TEXT"
finish "lint --staged and --rev apply the working tree's baseline, even one not committed"

# SARIF keeps the hidden findings, each with what hid it.
run "$BIN" --repo "$H" lint --no-history --format sarif --output "$WORK/hidden.sarif"
rc_is 0; out_empty; err_empty
errors=$(validate "$WORK/hidden.sarif")
[[ -z $errors ]] || problem "the validator reports errors:"$'\n'"$(show "$errors")"
check=$(python3 - "$WORK/hidden.sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
got = [(r["ruleId"], r.get("suppressions")) for r in run["results"]]
external = [{"kind": "external", "justification": "in the baseline .opslint-baseline.json"}]
want = [
    ("OPS500", None),
    ("OPS102", external),
    ("OPS206", [{"kind": "inSource", "justification": "the incident review ran long"}]),
    ("OPS204", external),
    ("OPS301", [{"kind": "inSource"}]),
    ("OPS101", external),
]
problems = []
if got != want: problems.append("results and suppressions: %s" % got)
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
if ids != sorted(w[0] for w in want): problems.append("rules: %s" % ids)
if any(ids[r["ruleIndex"]] != r["ruleId"] for r in run["results"]): problems.append("ruleIndex")
if "automationDetails" in run: problems.append("automationDetails without --sarif-category")
print("\n".join(problems))
PY
)
[[ -z $check ]] || problem "$check"
finish "--format sarif: suppressed (inSource) and baselined (external) findings kept as suppressed results; the validator finds no error"

run "$BIN" --repo "$H" lint --no-history --format sarif --sarif-category ops-review --output "$WORK/category.sarif"
rc_is 0
errors=$(validate "$WORK/category.sarif")
[[ -z $errors ]] || problem "the validator reports errors:"$'\n'"$(show "$errors")"
that 'python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[\"runs\"][0]; assert r[\"automationDetails\"]=={\"id\": \"ops-review/\"}" "$WORK/category.sarif"'
run "$BIN" --repo "$H" lint --no-history --sarif-category ops-review
rc_is 2; out_empty; err_is "opslint: error: --sarif-category needs --format sarif"
finish "--sarif-category NAME: automationDetails.id NAME/ (only with --format sarif)"

# The other formats leave hidden findings out.
run "$BIN" --repo "$H" lint --no-history --format json
rc_is 0
that 'python3 -c "import json,sys; d=json.load(sys.stdin); assert [f[\"rule\"] for f in d[\"findings\"]]==[\"OPS500\"] and d[\"summary\"][\"baselined\"]==3" <<<"$OUT"'
run "$BIN" --repo "$H" lint --no-history --format junit
rc_is 0
that '[[ $(grep -c "<failure " <<<"$OUT") == 1 ]]'
run "$BIN" --repo "$H" lint --no-history --format github
rc_is 0
that '[[ $(grep -c "^::" <<<"$OUT") == 1 ]]'
finish "json, junit and github show no hidden finding"

# `baseline:` in .opslint.yaml: where `baseline` writes and what `lint` applies.
mkdir -p "$H/.opslint"
mv "$H/.opslint-baseline.json" "$H/.opslint/accepted.json"
run "$BIN" --repo "$H" lint --no-history
rc_is 1
printf 'baseline: .opslint/accepted.json\n' >>"$H/.opslint.yaml"
run "$BIN" --repo "$H" lint --no-history
rc_is 0; out_is "$HIDDEN_TEXT"
run "$BIN" --repo "$H" lint --no-history --format sarif
that 'grep -qF "\"justification\": \"in the baseline .opslint/accepted.json\"" <<<"$OUT"'
run "$BIN" --repo "$H" baseline
rc_is 0; out_has "opslint: baseline .opslint/accepted.json: recorded"
that '[[ ! -e $H/.opslint-baseline.json ]]'
finish "baseline: in .opslint.yaml names the file lint applies and baseline writes"

printf 'baseline: ../accepted.json\n' >"$WORK/outside.yaml"
run "$BIN" --repo "$H" --config "$WORK/outside.yaml" lint --no-history
rc_is 2; out_empty; err_is "opslint: error: $WORK/outside.yaml:1:11: 'baseline': '../accepted.json' leaves the repository ('..')"
finish "baseline: a path that leaves the repository is a configuration error"

# A broken repository baseline (or a link out of the repository) is exit 2; a missing one is none.
printf '{"version": 1,\n' >"$H/.opslint/accepted.json"
run "$BIN" --repo "$H" lint --no-history
rc_is 2; out_empty
err_is "opslint: error: .opslint/accepted.json:2:1: not valid JSON: syntax error while parsing object key - unexpected end of input; expected string literal"
ln -sf /etc/passwd "$H/.opslint/accepted.json"
run "$BIN" --repo "$H" lint --no-history
rc_is 2; out_empty
err_is "opslint: error: baseline file '.opslint/accepted.json' is a symbolic link that leads outside the repository (to /etc/passwd); not followed"
rm "$H/.opslint/accepted.json"
run "$BIN" --repo "$H" lint --no-history
rc_is 1; out_lacks "hidden by the baseline"
finish "the repository's baseline: broken or linked outside is exit 2, missing is none"

summary
