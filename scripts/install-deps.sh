#!/usr/bin/env bash
# Installs what opslint needs to build and test on Debian 12 (run as root, or with sudo available).
# `--build-only` (the GitHub action, the GitLab example) installs only what the build needs.
set -euo pipefail
build_only=false
[ "${1:-}" = --build-only ] && build_only=true
packages=(
  g++ cmake ninja-build pkg-config git ca-certificates tzdata python3
  libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libcli11-dev doctest-dev
  libyaml-dev # libyaml: the front matter parser
  libmimalloc-dev # the allocator of the release binary
  # libgit2's own dependencies, linked from their static archives (CMake OPSLINT_STATIC_DEPS);
  # libgit2-dev already pulls them in, they are named for what the link line uses.
  libssh2-1-dev libssl-dev libmbedtls-dev libhttp-parser-dev libpcre2-dev zlib1g-dev libgssapi-krb5-2
  nlohmann-json3-dev libvalijson-dev libhowardhinnant-date-dev libre2-dev libfmt-dev
  chromium # tests/e2e/report_html.sh renders `report --format html` headless
)
if ! $build_only; then
  # What the tests use: the pre-commit framework, man page, completions and .deb checks; ICU for
  # the SARIF validator (a .NET program); Node and npm to install it (a machine that has them from
  # elsewhere keeps its own).
  packages+=(pre-commit python3-yaml zsh bash-completion man-db groff-base dpkg-dev file libicu72)
  # The fuzz variant of scripts/test.sh: clang and its libFuzzer, ASan and UBSan runtimes (which
  # clang-14 only recommends, and recommends are not installed here).
  packages+=(clang libclang-rt-14-dev)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
$build_only && exit 0

# The test tools from npm (tests/tools/package-lock.json pins them), unless that lock is installed.
tools="$(cd "$(dirname "$0")/.." && pwd)/tests/tools"
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.opslint-installed-lock.json"; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$tools/package-lock.json" "$tools/node_modules/.opslint-installed-lock.json"
fi
