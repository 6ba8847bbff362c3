#!/usr/bin/env bash
# cpack -G DEB, then: the package's Depends: names Debian 12's runtime libraries, and the tree
# extracted with dpkg-deb -x builds the kit from outside the source tree (see lib.sh).
# Registered in CTest as install_deb.
# usage: deb.sh BUILD_DIR [WORK_DIR outside BUILD_DIR]
set -uo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$SRC/tests/install/lib.sh"
make_work_folder "${2:-}"

if (cd "$BUILD" && cpack -G DEB -B "$WORK/cpack" --config "$BUILD/CPackConfig.cmake") >"$WORK/cpack.log" 2>&1; then ok "cpack -G DEB"
else fail "cpack -G DEB"; sed 's/^/    /' "$WORK/cpack.log" | tail -20; finish; exit 1; fi
DEB=$(ls "$WORK"/cpack/*.deb 2>/dev/null | head -1)
check "a .deb is written ($(basename "${DEB:-none}"))" test -f "$DEB"
[ -f "$DEB" ] || { finish; exit 1; }
check "dpkg-deb -I reads it" dpkg-deb -I "$DEB" >/dev/null
check "Package: opskit" test "$(dpkg-deb -f "$DEB" Package)" = opskit
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
echo "# Depends: $DEPENDS"
for lib in libcmark-gfm libcmark-gfm-extensions libzip libyaml-cpp libcurl libpugixml libstdc++6 libc6; do
  check "Depends: names $lib" bash -c "tr ',' '\n' <<<'$DEPENDS' | sed 's/^ *//; s/ .*//' | grep -q '^${lib//+/[+]}[0-9a-z.+-]*\$'"
done
dpkg-deb -c "$DEB" >"$WORK/contents.txt"
check "the package holds /usr/bin/opskit and /usr/share/opskit/site-theme/" \
  bash -c "grep -q ' ./usr/bin/opskit\$' '$WORK/contents.txt' && grep -q ' ./usr/share/opskit/site-theme/templates/layout.mustache\$' '$WORK/contents.txt'"
check "dpkg-deb -x" dpkg-deb -x "$DEB" "$WORK/root"
installed_builds_kit "$WORK/root/usr" "$SRC" "$WORK"
finish
