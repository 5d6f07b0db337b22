#!/usr/bin/env bash
# `opslint report --format html` in a real browser: headless Chromium (Debian's `chromium`, installed
# by scripts/install-deps.sh) renders the page offline, the charts are in the rendered DOM, the
# console has no errors, and a screenshot is kept as a test artifact next to the binary
# (build/artifacts/report.png). Fails loudly when Chromium is missing. Usage: report_html.sh BINARY
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/e2e.sh
source "$HERE/../lib/e2e.sh"
e2e_start report-html "$@"
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [[ ! -x $BIN || -z $CHROMIUM ]]; then
  echo "report_html.sh: need the opslint binary and chromium (apt-get install chromium; scripts/install-deps.sh does)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
ARTIFACTS=$(dirname "$BIN")/artifacts
mkdir -p "$ARTIFACTS"

git_env
export OPSLINT_NOW=2026-12-01T12:00:00Z

# Headless, offline, no first-run or background traffic; a fresh profile per run.
browse() { # OUTPUT-FLAG PAGE: stdout to $WORK/dom, stderr (the console log) to $WORK/log
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
    --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" --host-resolver-rules="MAP * ~NOTFOUND" \
    --enable-logging=stderr --v=1 --window-size=1280,2200 "$1" "file://$2" >"$WORK/dom" 2>"$WORK/log"
}
# With --enable-logging --v=1 Chromium logs every console message of the page ("INFO:CONSOLE:1]
# "text", source: …") and every request it starts. The page has no script, so any console message
# is an error; any request other than the page itself is a reference that should not be there.
console_errors() { grep -E ':CONSOLE[:(]' "$WORK/log" || true; }
# The browser's own update and account checks (to Google hosts, which --host-resolver-rules sends
# nowhere) are not the page's.
requests() { # PAGE
  grep -Eo '(NotifyBeforeURLRequest|FileURLLoader::Start): [^ ]+' "$WORK/log" | grep -vF "file://$1" |
    grep -Ev ': https?://[^/]*(google\.com|googleapis\.com|gvt1\.com)/' || true
}

# Eight weeks of a weekly cadence: held, skipped, missed, late, with open and closed actions.
R=$WORK/repo
W=ops/operations/weekly
mkdir -p "$R/docs/operations"
git -C "$R" init -q -b main
printf '# Backlog\n\n## IB-1 Entry\n- Status: open\n- Owner: @dana\n- Source: 2026-41\n- Verification: it works\n' \
  >"$R/docs/operations/IMPROVEMENT_BACKLOG.md"
for spec in "41 2026-10-06 2026-10-06T18:00:00Z x" "42 2026-10-13 2026-10-15T18:00:00Z x" \
  "44 2026-10-27 2026-10-27T18:00:00Z ." "45 2026-11-03 2026-11-06T18:00:00Z x" \
  "47 2026-11-17 2026-11-17T18:00:00Z ." "48 2026-11-24 2026-11-25T20:00:00Z ."; do
  read -r week date when box <<<"$spec"
  [[ $box == . ]] && box=" "
  mkdir -p "$R/$W/2026-$week"
  printf -- '---\nreview: weekly\ndate: %s\ntime: "15:00"\nchair: "@dana"\nparticipants: ["@dana"]\n---\n# Weekly\n\n## Actions\n- [%s] A1 Fix it — owner: @sam; due: %s; verify: it works; backlog: IB-1\n' \
    "$date" "$box" "$date" >"$R/$W/2026-$week/minutes.md"
  (cd "$R" && git add -A && GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when git commit -q -m "week $week")
done
mkdir -p "$R/$W/2026-43"
printf -- '---\nreview: weekly\ndate: 2026-10-20\n---\n## Rationale\nHoliday.\n\n## Recovery plan\nAsync.\n' >"$R/$W/2026-43/SKIPPED.md"
(cd "$R" && git add -A && GIT_AUTHOR_DATE=2026-10-21T09:00:00Z GIT_COMMITTER_DATE=2026-10-21T09:00:00Z git commit -q -m skip)

PAGE=$WORK/report.html
"$BIN" --repo "$R" report --since 2026-10-05 --until 2026-11-29 --format html --output "$PAGE"
that '[[ -s $PAGE ]]'
that '! grep -Eo "(src|href)=\"[^\"#]*\"" "$PAGE" | grep -q .'
that '! grep -Eo "https?://[^\" ]*" "$PAGE" | grep -v "^http://www.w3.org/2000/svg$" | grep -q .'
finish "the page is self-contained: no external references"

browse --dump-dom "$PAGE"
cp "$WORK/log" "$ARTIFACTS/report-console.log"
that 'grep -q "</svg>" "$WORK/dom"'
for chart in closure-rate overdue latency reviews; do
  for span in weeks months; do
    that 'grep -q "<svg id=\"chart-$chart-$span\"" "$WORK/dom"'
  done
done
that '[[ $(grep -o "<svg id=\"chart-" "$WORK/dom" | wc -l) == 8 ]]'
for series in action_closure_rate overdue_actions publication_latency_p90_hours held_reviews missed_reviews; do
  that 'grep -q "data-series=\"$series\"" "$WORK/dom"'
done
that '[[ $(grep -o "<polyline" "$WORK/dom" | wc -l) -ge 8 ]]'
that 'grep -q "<table id=\"metrics\"" "$WORK/dom"'
that '[[ -z $(console_errors) ]]'
that '[[ -z $(requests "$PAGE") ]]'
finish "Chromium renders the page: eight charts with their series, the metric table, no console errors, no requests"

browse --screenshot="$ARTIFACTS/report.png" "$PAGE"
that '[[ -s $ARTIFACTS/report.png ]]'
that '[[ $(head -c 8 "$ARTIFACTS/report.png" | od -An -tx1 | tr -d " \n") == 89504e470d0a1a0a ]]'
finish "screenshot kept as $ARTIFACTS/report.png"

# The checks can fail: a page that logs an error, or fetches something, is caught.
printf '<!DOCTYPE html><html><body><script>console.error("report-test-boom")</script><img src="http://example.invalid/x.png"></body></html>' >"$WORK/bad.html"
browse --dump-dom "$WORK/bad.html"
that 'console_errors | grep -q report-test-boom'
that 'requests "$WORK/bad.html" | grep -q "http://example.invalid/x.png"'
finish "control: a console error and a request are detected"

summary
