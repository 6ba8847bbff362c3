#!/usr/bin/env bash
# Proves that the repository stands alone: clones the committed tree into a new temporary folder
# with nothing beside it, configures and builds there, and runs the test suite (or the tests
# CTEST_ARGS select). Not part of the test command (it is a second full build); run it by hand
# or as a CI step.
#   tests/standalone/lone-clone.sh                      # every test
#   tests/standalone/lone-clone.sh -E '^browser_'       # all but the browser tests
# Environment: LONE_DIR (default: a new temporary folder, kept at the end for inspection).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
LONE=${LONE_DIR:-$(mktemp -d /tmp/opskit-lone.XXXXXX)}
mkdir -p "$LONE"
[ -z "$(ls -A "$LONE")" ] || { echo "lone-clone: $LONE is not empty" >&2; exit 2; }
git clone -q "$SRC" "$LONE/opskit"
echo "lone-clone: $(git -C "$LONE/opskit" rev-parse --short HEAD) in $LONE/opskit; beside it: $(ls -A "$LONE" | tr '\n' ' ')"
cd "$LONE/opskit"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${OPSKIT_CMAKE_FLAGS:-} >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if [ -d "$SRC/tests/browser/node_modules" ] && [ ! -d tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || true
fi
ctest --test-dir build --output-on-failure "$@"
