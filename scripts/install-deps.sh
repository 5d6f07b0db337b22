#!/usr/bin/env bash
# Installs what opslint needs to build and test on Debian 12 (run as root, or with sudo available).
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config git ca-certificates tzdata python3
  libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libcli11-dev doctest-dev
  nlohmann-json3-dev libvalijson-dev libhowardhinnant-date-dev libre2-dev libfmt-dev
  chromium # tests/e2e/report_html.sh renders `report --format html` headless
)
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
