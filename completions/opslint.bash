# bash completion for opslint (installed as share/bash-completion/completions/opslint).
_opslint() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi
  local commands="lint rules explain new-week new-month new-quarter skip init install-hook baseline report"
  local global="--repo --config --no-color --quiet --version --help"

  # The command is the first word that is not an option (or an option's value).
  local i command=""
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --repo | --config) ((i++)) ;;
      -*) ;;
      *) command=${words[i]}; break ;;
    esac
  done

  case $prev in
    --repo) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --config | --output | --baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --format)
      if [[ $command == report ]]; then
        COMPREPLY=($(compgen -W "text markdown json html" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json sarif github junit" -- "$cur"))
      fi
      return ;;
    --fail-level) COMPREPLY=($(compgen -W "error warning info never" -- "$cur")); return ;;
    --now | --since | --until | --date | --week | --month | --quarter | --rationale | --recovery | --rev | --range | --sarif-category) return ;;
  esac

  local opts
  case $command in
    "") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
    lint)
      opts="--staged --rev --range --all --format --output --fail-level --now --no-history --strict-history --baseline --no-baseline --sarif-category --help"
      if [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
      fi ;;
    explain)
      if [[ $cur != -* ]]; then
        # Rule IDs and names from the binary itself: `opslint rules` prints "ID name severity".
        COMPREPLY=($(compgen -W "$("${words[0]}" rules 2>/dev/null | awk '{print $1, $2}')" -- "$cur"))
        return
      fi
      opts="--help" ;;
    new-week) opts="--week --date --now --dry-run --help" ;;
    new-month) opts="--month --date --now --dry-run --help" ;;
    new-quarter) opts="--quarter --date --now --dry-run --help" ;;
    skip) opts="--week --month --quarter --rationale --recovery --now --dry-run --help" ;;
    init) opts="--now --dry-run --help" ;;
    install-hook) opts="--dry-run --help" ;;
    baseline) opts="--output --now --help" ;;
    report) opts="--since --until --format --output --now --check --help" ;;
    *) opts="--help" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _opslint opslint
