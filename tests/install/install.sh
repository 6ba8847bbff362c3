#!/usr/bin/env bash
# cmake --install into a temporary prefix, move the prefix, and build the kit with the moved
# binary from outside the source tree (see lib.sh). Registered in CTest as install_moved_prefix.
# usage: install.sh BUILD_DIR [WORK_DIR outside BUILD_DIR]
set -uo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$SRC/tests/install/lib.sh"
make_work_folder "${2:-}"

if cmake --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then ok "cmake --install --prefix $WORK/prefix"
else fail "cmake --install"; sed 's/^/    /' "$WORK/install.log" | tail -20; finish; exit 1; fi
check "installs exactly bin/opskit and share/opskit/site-theme/" \
  bash -c "cd '$WORK/prefix' && [ \"\$(ls)\" = \$'bin\nshare' ] && [ \"\$(ls bin)\" = opskit ] && [ \"\$(ls share/opskit)\" = site-theme ]"
check "the installed theme equals the source tree's" diff -r "$SRC/site-theme" "$WORK/prefix/share/opskit/site-theme"
mkdir -p "$WORK/elsewhere"
mv "$WORK/prefix" "$WORK/elsewhere/moved-prefix"
check "the prefix is moved" test ! -e "$WORK/prefix"
installed_builds_kit "$WORK/elsewhere/moved-prefix" "$SRC" "$WORK"
finish
