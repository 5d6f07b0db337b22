#!/usr/bin/env bash
# Benchmark opslint on a synthetic ten-year ops repo against named baselines (see bench/README.md).
#
#   bench/run.sh [--baselines-only] [OPSLINT_BINARY]      (default binary: ./build/opslint)
#
# Environment:
#   BENCH_WORK            scratch dir (default bench/.work); the repo goes to $BENCH_WORK/tenyear
#   BENCH_REGEN=1         regenerate the repo even if it exists
#   BENCH_YEARS, BENCH_SEED   generator arguments (default 10 and 1)
#   BENCH_RUNS            runs per command (default: at least 10 for fast commands, 5 for slow ones)
#   OPSLINT_COLD_PREPARE  shell command run before every "cold" full lint, e.g. one that clears
#                         opslint's history cache (default: remove whatever the first full lint
#                         created inside the repo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
baselines_only=0
bin=""
for arg in "$@"; do
    case "$arg" in
        --baselines-only) baselines_only=1 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
        *) bin="$arg" ;;
    esac
done
if [[ -z "$bin" ]]; then
    bin="./build/opslint"
    [[ -x "$bin" ]] || bin="$root/build/opslint"
fi

work="${BENCH_WORK:-$here/.work}"
now="2026-11-24"
mkdir -p "$work/results"
work="$(cd "$work" && pwd)"
repo="$work/tenyear"
results="$work/results"

# ------------------------------------------------------------------ tools
need_pkgs=()
command -v hyperfine >/dev/null || need_pkgs+=(hyperfine)
command -v cmark-gfm >/dev/null || need_pkgs+=(cmark-gfm)
[[ -x /usr/bin/time ]] || need_pkgs+=(time)
if ((${#need_pkgs[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "run.sh: installing ${need_pkgs[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null ||
            { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >/dev/null; }
    else
        echo "run.sh: missing ${need_pkgs[*]}; install them (Debian: apt-get install ${need_pkgs[*]})" >&2
        exit 2
    fi
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 2; }

have_bin=1
if ((baselines_only)); then
    have_bin=0
elif [[ ! -x "$bin" ]]; then
    echo "run.sh: no opslint binary at '$bin' -- build it (cmake --build build) or pass its path;" >&2
    echo "run.sh: running the baselines only" >&2
    have_bin=0
else
    # Time a private copy: a rebuild during the run must not swap the binary under hyperfine.
    cp "$bin" "$work/opslint-under-test"
    echo "== opslint: $bin ($("$work/opslint-under-test" --version 2>/dev/null || echo 'version unknown'))"
    bin="$work/opslint-under-test"
fi

# ------------------------------------------------------------------ the repo and the bytes
if [[ "${BENCH_REGEN:-0}" == 1 || ! -d "$repo/.git" ]] || ! git -C "$repo" rev-parse -q --verify HEAD >/dev/null; then
    echo "== generating $repo"
    python3 "$here/gen_repo.py" "$repo" --force --years "${BENCH_YEARS:-10}" --seed "${BENCH_SEED:-1}"
fi
allmd="$work/all.md"
git -C "$repo" ls-files -z -- '*.md' | (cd "$repo" && xargs -0 cat) > "$allmd"
md_files=$(git -C "$repo" ls-files -- '*.md' | wc -l)
md_bytes=$(wc -c < "$allmd")
commits=$(git -C "$repo" rev-list --count HEAD)
backlog_commits=$(git -C "$repo" rev-list --count HEAD -- docs/operations/IMPROVEMENT_BACKLOG.md)
echo "== repo: $commits commits ($backlog_commits touch the backlog), $md_files Markdown files, $md_bytes bytes at HEAD"
echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

runs_fast=(--warmup 2 --min-runs "${BENCH_RUNS:-10}")
runs_slow=(--warmup 1 --runs "${BENCH_RUNS:-5}")

bench() {  # name, hyperfine options..., -- command
    local name="$1"; shift
    local opts=()
    while [[ "$1" != "--" ]]; do opts+=("$1"); shift; done
    shift
    echo "== $name: $*"
    hyperfine --style basic -N "${opts[@]}" --command-name "$name" \
        --export-json "$results/$name.json" "$(printf '%q ' "$@")"
}

try_bench() {  # like bench, but a failure is a note, not the end of the run
    bench "$@" || { notes+=("$1 failed under hyperfine; not measured"); rm -f "$results/$1.json"; }
}

rm -f "$results"/*.json "$results"/*.rss
bench cmark-gfm "${runs_fast[@]}" -- cmark-gfm -e table -e tasklist "$allmd"
bench git-log-p "${runs_slow[@]}" -- git -C "$repo" log -p -- docs/operations/IMPROVEMENT_BACKLOG.md

peak_rss() {  # name, command... -> writes max RSS (KiB) over 3 runs to $results/name.rss
    local name="$1"; shift
    local max=0 kb
    for _ in 1 2 3; do
        /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || true
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$work/time.txt")
        if ((${kb:-0} > max)); then max=$kb; fi
    done
    echo "$max" > "$results/$name.rss"
}
peak_rss cmark-gfm cmark-gfm -e table -e tasklist "$allmd"

notes=()
if ((have_bin)); then
    lint=("$bin" --repo "$repo" lint --now "$now" --fail-level never)
    # A probe tells an unsupported command (exit 2, usage error) from a slow one.
    probe() {  # name, command...
        local name="$1"; shift
        local rc=0
        "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
        if ((rc != 0)); then
            echo "== $name: skipped, '$*' exited $rc: $(head -c 300 "$work/$name.err")"
            notes+=("$name not measured: exit $rc")
            return 1
        fi
    }
    # Whatever the first runs leave inside the repo is taken to be opslint's cache.
    before="$(cd "$repo" && find .git -maxdepth 2 | sort; git -C "$repo" status --porcelain --ignored)"
    if probe static-lint "${lint[@]}" --no-history; then
        try_bench static-lint "${runs_fast[@]}" -- "${lint[@]}" --no-history
        peak_rss static-lint "${lint[@]}" --no-history
    fi
    if probe full-lint "${lint[@]}"; then
        after="$(cd "$repo" && find .git -maxdepth 2 | sort; git -C "$repo" status --porcelain --ignored)"
        created=$(comm -13 <(echo "$before") <(echo "$after") | sed -n 's/^\(.git\/[^ ]*\)$/\1/p; s/^[?!][?!] //p' | sort -u)
        prepare="${OPSLINT_COLD_PREPARE:-}"
        if [[ -z "$prepare" ]]; then
            # opslint's own cache dir, even when an earlier run left it before this one looked.
            prepare="rm -rf '$repo/.git/opslint'"
            if [[ -n "$created" ]]; then
                echo "== full lint created: $(echo $created) -- removed before each cold run"
                for c in $created; do prepare+=" && rm -rf '$repo/$c'"; done
            fi
        fi
        if grep -q 'OPS500' "$work/full-lint.out"; then
            notes+=("full lint reported OPS500 (history not read): its time does not include history")
        fi
        try_bench full-lint-cold --runs "${BENCH_RUNS:-5}" --prepare "bash -c \"$prepare\"" -- "${lint[@]}"
        try_bench full-lint-warm "${runs_slow[@]}" -- "${lint[@]}"
    fi
    # A pre-commit hook's run: one minutes file changed and staged, in a clone (the bench repo's
    # own index and work tree stay untouched), history cache warm.
    staged_repo="$work/staged"
    rm -rf "$staged_repo"
    git clone -q --local "$repo" "$staged_repo"
    staged_file=$(git -C "$staged_repo" ls-files -- '*/weekly/*/minutes.md' | tail -n 1)
    printf '\nA late note.\n' >> "$staged_repo/$staged_file"
    git -C "$staged_repo" add -- "$staged_file"
    staged=("$bin" --repo "$staged_repo" lint --staged --now "$now" --fail-level never)
    if probe staged-lint "${staged[@]}"; then
        try_bench staged-lint "${runs_fast[@]}" -- "${staged[@]}"
        # As a hook sees it: every run a staged change no run has seen (a new blob to parse, its
        # folder's checks and history to run again), the caches warm from the runs before.
        edit="printf 'Note %s.\\n' \$(date +%s%N) >> '$staged_repo/$staged_file' && git -C '$staged_repo' add -- '$staged_file'"
        try_bench staged-lint-new "${runs_fast[@]}" --prepare "bash -c \"$edit\"" -- "${staged[@]}"
    fi
    if probe report "$bin" --repo "$repo" report --now "$now"; then
        try_bench report "${runs_slow[@]}" -- "$bin" --repo "$repo" report --now "$now"
    fi
fi

# ------------------------------------------------------------------ summary
NOTES="$(printf '%s\n' "${notes[@]+"${notes[@]}"}")" python3 - "$results" "$md_bytes" "$commits" "$backlog_commits" <<'EOF'
import json, os, sys, datetime
results, md_bytes, commits, backlog_commits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def load(name):
    p = os.path.join(results, name + ".json")
    if not os.path.exists(p):
        return None
    r = json.load(open(p))["results"][0]
    return {"mean": r["mean"], "stddev": r["stddev"] or 0.0, "min": r["min"], "runs": len(r["times"])}

def rss(name):
    p = os.path.join(results, name + ".rss")
    return int(open(p).read()) / 1024 if os.path.exists(p) else None

names = ["cmark-gfm", "git-log-p", "static-lint", "full-lint-cold", "full-lint-warm", "staged-lint", "staged-lint-new",
         "report"]
m = {n: load(n) for n in names}
# (row, measured, baseline, target ratio)
checks = [("static-lint", "cmark-gfm", 1.5), ("full-lint-cold", "git-log-p", 1.0),
          ("full-lint-warm", "static-lint", 1.5), ("report", "full-lint-warm", 2.0)]
summary = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "markdown_bytes": md_bytes,
           "commits": commits, "backlog_commits": backlog_commits, "cpus": os.cpu_count(),
           "loadavg": open("/proc/loadavg").read().split()[:3], "times": m, "ratios": {},
           "peak_rss_mib": {n: rss(n) for n in ("static-lint", "cmark-gfm")},
           "notes": [l for l in os.environ.get("NOTES", "").splitlines() if l]}

def ms(x):
    return "%.1f ms" % (x * 1000) if x < 1 else "%.2f s" % x

print()
print("%-16s %12s %10s   %-28s %s" % ("command", "mean", "± σ", "ratio", "target"))
print("-" * 80)
for n in names:
    if m[n] is None:
        print("%-16s %12s" % (n, "—"))
        continue
    ratio, target = "", ""
    for row, base, lim in checks:
        if row == n and m[base] is not None:
            r = m[n]["mean"] / m[base]["mean"]
            summary["ratios"]["%s/%s" % (row, base)] = r
            ratio = "%.2fx %s" % (r, base)
            target = "<= %.1fx  %s" % (lim, "PASS" if r <= lim else "FAIL")
    if n.startswith("staged-lint"):  # an absolute target: a pre-commit hook must feel instant
        target = "< 50 ms  %s" % ("PASS" if m[n]["mean"] < 0.050 else "FAIL")
    print("%-16s %12s %10s   %-28s %s" % (n, ms(m[n]["mean"]), ms(m[n]["stddev"]), ratio, target))
r = summary["peak_rss_mib"]["static-lint"]
print("-" * 80)
print("peak RSS         static lint %s   (cmark-gfm %.1f MiB)   target < 64 MiB %s" %
      ("%.1f MiB" % r if r is not None else "—", summary["peak_rss_mib"]["cmark-gfm"] or 0,
       "" if r is None else ("PASS" if r < 64 else "FAIL")))
print("input            %d Markdown bytes at HEAD, %d commits (%d touch the backlog)" % (md_bytes, commits, backlog_commits))
for note in summary["notes"]:
    print("note             " + note)
json.dump(summary, open(os.path.join(results, "summary.json"), "w"), indent=2)
print("results          %s/*.json (hyperfine exports) and summary.json" % results)
EOF
