#!/usr/bin/env bash
# Packaging test (ctest `package`): `cmake --install` into a scratch prefix, then the .deb from
# `cpack -G DEB`: its control data (Depends from dpkg-shlibdeps) and files, and, as root, a real
# `apt-get install` of it, /usr/bin/opslint run on a fixture, and `dpkg -r`.
# Usage: tests/package/deb.sh BUILD_DIR. Not root: set OPSLINT_PACKAGE_NO_INSTALL=1 to leave out
# the install step (it fails otherwise, so that a skipped install is never mistaken for a pass).
set -u
if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/opslint-package.XXXXXX")
INSTALLED=""
cleanup() {
  [[ -z $INSTALLED ]] || dpkg -r opslint >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
VERSION=$(sed -n 's/^project(opslint VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")

# shellcheck source=../lib/checks.sh
source "$ROOT/tests/lib/checks.sh"
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || problem "$tool is missing; run scripts/install-deps.sh"
done
[[ -n $VERSION ]] || problem "no version in CMakeLists.txt"
[[ -z $PROBLEMS ]] || { finish "package tools"; summary; exit 1; }

# cmake --install
P=$WORK/prefix
cmake --install "$BUILD" --prefix "$P" >"$WORK/install.log" 2>&1 || problem "cmake --install failed: $(cat "$WORK/install.log")"
for f in bin/opslint share/man/man1/opslint.1 share/bash-completion/completions/opslint share/zsh/vendor-completions/_opslint; do
  that "[[ -f $P/$f ]]"
done
that '[[ $("$P/bin/opslint" --version) == "opslint $VERSION" ]]'
that 'cmp -s "$P/share/man/man1/opslint.1" "$ROOT/docs/opslint.1"'
finish "cmake --install: binary, man page, bash and zsh completions"

# cpack -G DEB
(cd "$BUILD" && cpack -G DEB -B "$WORK/pkg") >"$WORK/cpack.log" 2>&1 || problem "cpack failed: $(tail -20 "$WORK/cpack.log")"
DEB=$(ls "$WORK"/pkg/opslint_"$VERSION"_*.deb 2>/dev/null | head -1)
that '[[ -f $DEB ]]'
INFO=$(dpkg-deb -I "$DEB" 2>&1)
FILES=$(dpkg-deb -c "$DEB" 2>&1)
that 'grep -qx " Package: opslint" <<<"$INFO"'
that 'grep -qx " Version: $VERSION" <<<"$INFO"'
that 'grep -qx " Section: devel" <<<"$INFO"'
that 'grep -q "^ Maintainer: opslint maintainers" <<<"$INFO"'
that 'grep -q "^ Description: Git-native linter" <<<"$INFO"'
DEPENDS=$(sed -n 's/^ Depends: //p' <<<"$INFO")
# A default build links libgit2, cmark-gfm, re2 and yaml-cpp from their static archives
# (OPSLINT_STATIC_DEPS): the package then depends on what stays shared and on none of those.
shared="libfmt libdate-tz libmimalloc tzdata libc6 libstdc++6"
static="libgit2- libcmark-gfm libyaml-cpp libyaml-0- libre2-"
if grep -qx 'OPSLINT_STATIC_DEPS:BOOL=OFF' "$BUILD/CMakeCache.txt"; then
  shared+=" $static"
  static=""
else
  shared+=" libgssapi-krb5-2"  # libgit2's SPNEGO authentication; Debian has no archive of it
fi
for lib in $shared; do
  [[ $DEPENDS == *"$lib"* ]] || problem "Depends lacks $lib: $DEPENDS"
done
for lib in $static; do
  [[ $DEPENDS != *"$lib"* ]] || problem "Depends has $lib, linked statically: $DEPENDS"
done
for f in ./usr/bin/opslint ./usr/share/man/man1/opslint.1 ./usr/share/bash-completion/completions/opslint \
  ./usr/share/zsh/vendor-completions/_opslint; do
  grep -q " $f\$" <<<"$FILES" || problem "the package lacks $f"$'\n'"$FILES"
done
finish "cpack -G DEB: control data with shlibdeps' Depends, and the files"

# Install it for real.
if [[ $(id -u) != 0 ]]; then
  if [[ ${OPSLINT_PACKAGE_NO_INSTALL:-} == 1 ]]; then
    echo "note: install step left out (not root, OPSLINT_PACKAGE_NO_INSTALL=1)"
  else
    problem "installing the .deb needs root (set OPSLINT_PACKAGE_NO_INSTALL=1 to leave that step out)"
    finish "apt-get install ./opslint.deb"
  fi
elif dpkg-query -W -f='${Status}' opslint 2>/dev/null | grep -q "install ok installed"; then
  problem "a package named opslint is installed already; not replacing it"
  finish "apt-get install ./opslint.deb"
else
  INSTALLED=yes
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 "$DEB" >"$WORK/apt.log" 2>&1 ||
    problem "apt-get install failed: $(tail -20 "$WORK/apt.log")"
  that '[[ $(/usr/bin/opslint --version) == "opslint $VERSION" ]]'
  R=$WORK/ops
  cp -R "$ROOT/fixtures/clean" "$R"
  rm -f "$R/expected.txt" "$R/expected-exit"
  OUT=$(/usr/bin/opslint --no-color --repo "$R" lint --no-history --now 2026-11-26T12:00:00Z 2>&1)
  RC=$?
  that '[[ $RC == 0 ]]'
  that '[[ $(tail -1 <<<"$OUT") == "opslint: 0 errors, 0 warnings, 1 info in 10 files" ]]'
  sed -i 's/| A1 | Raise checkout p95 alert to 800 ms | @sam |/| A1 | Raise checkout p95 alert to 800 ms | |/' \
    "$R/ops/operations/weekly/2026-48/actions.md"
  OUT=$(/usr/bin/opslint --no-color --repo "$R" lint --no-history --now 2026-11-26T12:00:00Z 2>&1)
  RC=$?
  that '[[ $RC == 1 ]]'
  that 'grep -qF "error: action A1 has no owner [OPS301 action-owner-missing]" <<<"$OUT"'
  finish "apt-get install ./opslint.deb: /usr/bin/opslint runs and lints a fixture"
  dpkg -r opslint >"$WORK/remove.log" 2>&1 || problem "dpkg -r failed: $(cat "$WORK/remove.log")"
  INSTALLED=""
  that '[[ ! -e /usr/bin/opslint ]]'
  finish "dpkg -r opslint removes it"
fi

summary
