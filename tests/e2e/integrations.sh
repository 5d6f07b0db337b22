#!/usr/bin/env bash
# End-to-end checks of the integrations: the pre-commit framework hook (.pre-commit-hooks.yaml,
# through the real `pre-commit` tool: try-repo on commit, an installed pre-push hook on a real
# push), the plain git hook and the husky example, the CI files (YAML parses, shell steps pass
# `bash -n`), the man page and the shell completions. Usage: tests/e2e/integrations.sh BINARY
set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../lib/e2e.sh
source "$ROOT/tests/lib/e2e.sh"
e2e_start integrations "$@"

# The tools these checks drive are installed by scripts/install-deps.sh; a missing one fails.
missing=()
for tool in pre-commit python3 zsh man git; do command -v "$tool" >/dev/null || missing+=("$tool"); done
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
if ((${#missing[@]})); then
  echo "integrations.sh: missing ${missing[*]}; run scripts/install-deps.sh" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

git_env
export OPSLINT_NOW=2026-11-26T12:00:00Z NO_COLOR=1
export PRE_COMMIT_HOME=$WORK/pre-commit-home
unset PRE_COMMIT_FROM_REF PRE_COMMIT_TO_REF OPSLINT
# The hooks run `opslint` from PATH: the binary under test comes first.
mkdir -p "$WORK/bin"
ln -s "$BIN" "$WORK/bin/opslint"
export PATH=$WORK/bin:$PATH

commit() { (cd "$1" && GIT_AUTHOR_DATE=2026-11-25T09:00:00Z GIT_COMMITTER_DATE=2026-11-25T09:00:00Z git commit -q "${@:2}"); }
ACTIONS=$W/2026-48/actions.md
break_owner() { sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' "$1/$ACTIONS"; }
OWNER_LINE="$ACTIONS:5:1: error: action A1 has no owner [OPS301 action-owner-missing]"
# A harmless edit: one more line of prose in the backlog's introduction.
good_edit() { printf '\nReviewed in the weekly review.\n' >>"$1/docs/operations/RISK_REGISTER.md"; }

# fresh NAME: $WORK/NAME, a copy of the ops_repo (tests/lib/e2e.sh) in TEMPLATE.
make_template
fresh() { cp -R "$TEMPLATE" "$WORK/$1" && printf '%s\n' "$WORK/$1"; }

# The hook repository that pre-commit clones: this checkout's manifest, committed (try-repo and
# `repo:` need a git repository; copying the manifest keeps this independent of the checkout's state).
HOOKS=$WORK/hook-repo
mkdir -p "$HOOKS"
cp "$ROOT/.pre-commit-hooks.yaml" "$HOOKS/"
git -C "$HOOKS" init -q -b main
git -C "$HOOKS" add .pre-commit-hooks.yaml
commit "$HOOKS" -m "opslint hooks"
HOOKS_REV=$(git -C "$HOOKS" rev-parse HEAD)

# ---------------------------------------------------------------------------------------------
# pre-commit framework

run pre-commit validate-manifest "$ROOT/.pre-commit-hooks.yaml"
rc_is 0
run python3 -c 'import sys, yaml; h = yaml.safe_load(open(sys.argv[1]))[0]; print(h["id"], h["entry"], h["language"], h["pass_filenames"], h["always_run"], h["require_serial"], h["stages"])' "$ROOT/.pre-commit-hooks.yaml"
out_has "opslint opslint lint --staged system False True True ['commit', 'merge-commit', 'push', 'manual']"
finish "pre-commit: the manifest validates, with the hook's settings"

R=$(fresh good)
good_edit "$R"
git -C "$R" add -A
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 0
that '[[ $OUT =~ opslint\.+Passed ]]'
finish "pre-commit try-repo: a good staged change passes"

R=$(fresh bad)
break_owner "$R"
git -C "$R" add -A
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 1
that '[[ $OUT =~ opslint\.+Failed ]]'
out_has "$OWNER_LINE"
out_has "opslint: 1 error, 0 warnings, 0 info in 10 files"
finish "pre-commit try-repo: a bad staged change fails with the finding shown"

R=$(fresh staged-only)
good_edit "$R"
git -C "$R" add -A
break_owner "$R" # in the working tree only: the commit holds the clean version
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 0
that 'grep -q "| A1 | Raise checkout p95 alert to 800 ms | |" "$R/$ACTIONS"' # pre-commit restored it
finish "pre-commit try-repo: an unstaged defect does not fail the commit"

R=$(fresh delete)
git -C "$R" rm -q "$W/2026-47/minutes.md"
run bash -c "cd '$R' && pre-commit try-repo '$HOOKS' opslint"
rc_is 1
that '[[ $OUT =~ opslint\.+Failed ]]'
out_lacks "(no files to check)Skipped"
out_has "$W/2026-47/minutes.md"
out_has "[OPS"
finish "pre-commit try-repo: a commit that only deletes minutes still runs the hook, and fails"

# pre-push, for real: an installed pre-commit hook of type pre-push and a push to a bare remote.
R=$(fresh push)
git init -q --bare "$WORK/remote.git"
git -C "$R" remote add origin "$WORK/remote.git"
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: opslint\n' "$HOOKS" "$HOOKS_REV" >"$R/.pre-commit-config.yaml"
git -C "$R" add .pre-commit-config.yaml
commit "$R" -m "pre-commit config"
run bash -c "cd '$R' && pre-commit install -t pre-push"
rc_is 0
that '[[ -x $R/.git/hooks/pre-push ]]'
run git -C "$R" push -q origin main
rc_is 0
out_lacks "opslint: error"
finish "pre-push: pushing a clean new branch passes"

break_owner "$R"
git -C "$R" add -A
commit "$R" -m "a broken action" --no-verify
git -C "$R" checkout -q HEAD~1 -- "$ACTIONS" # the index is clean again: only the pushed commit is broken
BAD=$(git -C "$R" rev-parse HEAD)
PUSHED=$(git -C "$R" rev-parse origin/main)
run git -C "$R" push -q origin main
that '[[ $RC != 0 ]]'
out_has "opslint: --staged under pre-commit with PRE_COMMIT_FROM_REF/TO_REF set: linting --range $PUSHED..$BAD"
out_has "$OWNER_LINE"
that '[[ $(git -C "$WORK/remote.git" rev-parse main) == "$PUSHED" ]]'
finish "pre-push: a pushed commit with an error is refused although the index is clean (the range is linted)"

git -C "$R" reset -q --hard "$PUSHED"
good_edit "$R"
git -C "$R" add -A
commit "$R" -m "a good change"
run git -C "$R" push -q origin main
rc_is 0
that '[[ $(git -C "$WORK/remote.git" rev-parse main) == $(git -C "$R" rev-parse HEAD) ]]'
finish "pre-push: a good pushed commit passes"

R=$(fresh env)
break_owner "$R"
git -C "$R" add -A
commit "$R" -m "a broken action"
git -C "$R" checkout -q HEAD~1 -- "$ACTIONS"
run env -C "$R" PRE_COMMIT_FROM_REF=HEAD~1 opslint lint --staged
rc_is 0
out_lacks "linting --range"
run env -C "$R" PRE_COMMIT_FROM_REF=HEAD~1 PRE_COMMIT_TO_REF=HEAD opslint lint --staged --quiet
rc_is 1
out_lacks "linting --range"
run env -C "$R" PRE_COMMIT_FROM_REF=HEAD~1 PRE_COMMIT_TO_REF=nosuchref opslint lint --staged
rc_is 2
out_has "opslint: error:"
finish "lint --staged: the range needs both PRE_COMMIT refs; --quiet drops the note; a bad ref is exit 2"

# ---------------------------------------------------------------------------------------------
# Plain git hook and husky

R=$(fresh plain)
run env -C "$R" opslint install-hook
rc_is 0
that 'cmp -s "$R/.git/hooks/pre-commit" "$ROOT/hooks/pre-commit"'
break_owner "$R"
git -C "$R" add -A
run commit "$R" -m "broken"
rc_is 1
out_has "$OWNER_LINE"
finish "git hook: install-hook writes hooks/pre-commit, which refuses a bad commit"

R=$(fresh husky)
mkdir -p "$R/.husky"
cp "$ROOT/hooks/husky/pre-commit" "$R/.husky/pre-commit"
chmod +x "$R/.husky/pre-commit"
git -C "$R" config core.hooksPath .husky # what husky v9 sets (it runs the file with sh)
break_owner "$R"
git -C "$R" add "$ACTIONS"
run commit "$R" -m "broken"
rc_is 1
out_has "$OWNER_LINE"
git -C "$R" checkout -q HEAD -- "$ACTIONS"
good_edit "$R"
git -C "$R" add -A
run commit "$R" -m "good"
rc_is 0
run sh -n "$ROOT/hooks/husky/pre-commit"
rc_is 0
finish "husky: the example hook refuses a bad commit and passes a good one"

# ---------------------------------------------------------------------------------------------
# CI files

for f in action.yml docs/ci/github-workflow.yml docs/ci/gitlab-ci.yml .pre-commit-hooks.yaml; do
  run python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$ROOT/$f"
  rc_is 0
done
# Every `run:` block of the action and the workflow, with ${{ }} expressions replaced, is valid bash;
# the GitLab job's script lines too.
CI_CHECK=$(cat <<'EOF'
import re, subprocess, sys, yaml
root = sys.argv[1]
def check(name, text):
    text = re.sub(r"\$\{\{[^}]*\}\}", "X", text)
    r = subprocess.run(["bash", "-n"], input=text, text=True, capture_output=True)
    if r.returncode:
        print(f"{name}: {r.stderr}")
        sys.exit(1)
action = yaml.safe_load(open(f"{root}/action.yml"))
assert action["runs"]["using"] == "composite"
assert {"binary", "range", "format", "sarif-file", "upload-sarif", "args"} <= set(action["inputs"])
steps = action["runs"]["steps"]
assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
runs = [s["run"] for s in steps if "run" in s]
assert any("lint" in r and "--range" in r and "PR_BASE..$PR_HEAD" in r for r in runs)
# A push is linted whole (a partial upload closes the alerts it leaves out); the category goes
# through the upload step, not automationDetails.
assert not any("github.event.before" in str(v) or "github.event.after" in str(v) for s in steps for v in s.get("env", {}).values())
upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
assert upload["with"]["category"] == "${{ inputs.category }}" and action["inputs"]["category"]["default"] == "opslint"
assert not any("--sarif-category" in r for r in runs)
for i, r in enumerate(runs):
    check(f"action.yml step {i}", r)
wf = yaml.safe_load(open(f"{root}/docs/ci/github-workflow.yml"))
for job in wf["jobs"].values():
    checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout and checkout[0]["with"]["fetch-depth"] == 0, "checkout needs fetch-depth: 0"
    for s in job["steps"]:
        if "run" in s:
            check("github-workflow.yml", s["run"])
gl = yaml.safe_load(open(f"{root}/docs/ci/gitlab-ci.yml"))["opslint"]
assert gl["variables"]["GIT_DEPTH"] == "0"
assert "CI_MERGE_REQUEST_DIFF_BASE_SHA" in " ".join(gl["script"])
assert gl["artifacts"]["reports"]["junit"] == "opslint-junit.xml"
check("gitlab-ci.yml", "\n".join(gl["before_script"] + gl["script"]))
print("ci files ok")
EOF
)
run python3 -c "$CI_CHECK" "$ROOT"
rc_is 0
out_has "ci files ok"
finish "CI files: YAML parses, shell steps pass bash -n, range/fetch-depth/SARIF/JUnit wired"

# ---------------------------------------------------------------------------------------------
# Man page and completions

run env LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$ROOT/docs/opslint.1"
rc_is 0
run bash -c 'LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$1" 2>&1 >/dev/null' _ "$ROOT/docs/opslint.1"
that '[[ -z $OUT ]]' || problem "$(show "$OUT")"
run env LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -l "$ROOT/docs/opslint.1"
for section in SYNOPSIS COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES; do out_has "$section"; done
for word in install-hook new-quarter --staged --range --fail-level PRE_COMMIT_FROM_REF .opslint.yaml; do out_has "$word"; done
finish "man page: renders without warnings and covers commands, options, exit codes, files"

# complete WORD...: what the bash completion offers for the last word.
complete_bash() {
  bash -c '[[ -z ${PRELOAD:-} ]] || source "$PRELOAD"; source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    complete -p opslint && _opslint && printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/completions/opslint.bash" "$@"
}
run complete_bash opslint li
rc_is 0
out_has "complete -F _opslint opslint"
that '[[ $(tail -n +2 <<<"$OUT") == lint ]]'
run complete_bash opslint new-
that '[[ $(tail -n +2 <<<"$OUT" | tr "\n" " ") == "new-week new-month new-quarter " ]]'
run complete_bash opslint --repo /tmp lint --fail
that '[[ $(tail -n +2 <<<"$OUT") == --fail-level ]]'
run complete_bash opslint lint --format ""
that '[[ $(tail -n +2 <<<"$OUT" | tr "\n" " ") == "text json sarif github junit " ]]'
run complete_bash "$BIN" explain OPS30
out_has "OPS301"
# The same with the bash-completion package loaded (its _init_completion is used then).
PRELOAD=/usr/share/bash-completion/bash_completion
that '[[ -f $PRELOAD ]]'
export PRELOAD
run complete_bash opslint lint --fail-level w
that '[[ $(tail -n +2 <<<"$OUT") == warning ]]'
unset PRELOAD
finish "bash completion: loads, completes commands, options, values and rule IDs"

run zsh -n "$ROOT/completions/_opslint"
rc_is 0
run zsh -fc 'autoload -Uz compinit && compinit -u -D && fpath=("$1" $fpath) && autoload -Uz _opslint && whence -w _opslint' _ "$ROOT/completions"
rc_is 0
out_has "_opslint: function"
finish "zsh completion: parses and autoloads"

# Drift: every command and option the binary offers (from --help), and every value of --format
# and --fail-level, is in the man page and in both completions.
MAN_TEXT=$(LC_ALL=C.UTF-8 MANWIDTH=200 MANPAGER=cat man -l "$ROOT/docs/opslint.1" 2>/dev/null)
BASH_COMP=$(cat "$ROOT/completions/opslint.bash")
ZSH_COMP=$(cat "$ROOT/completions/_opslint")
covered() { # WHAT: in the man page and both completions
  [[ $MAN_TEXT == *"$1"* ]] || problem "the man page lacks $1"
  [[ $BASH_COMP == *"$1"* ]] || problem "the bash completion lacks $1"
  [[ $ZSH_COMP == *"$1"* ]] || problem "the zsh completion lacks $1"
}
options_of() { "$BIN" "$@" --help | grep -oE '^  --[a-z][a-z-]*' | sed 's/^  //'; }
COMMANDS=$("$BIN" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && /^  [a-z]/ {print $1}')
that '[[ $(wc -l <<<"$COMMANDS") -ge 9 ]]'
for c in $COMMANDS; do
  covered "$c"
  for o in $(options_of "$c"); do covered "$o"; done
done
for o in $(options_of); do covered "$o"; done
for v in $("$BIN" lint --help | grep -oE '^  --(format|fail-level) TEXT:\{[a-z,]*\}' | sed 's/.*{//; s/}//; s/,/ /g'); do covered "$v"; done
finish "man page and completions cover every command, option and value the binary offers"

summary
