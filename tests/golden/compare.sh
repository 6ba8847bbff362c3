#!/usr/bin/env bash
# Builds each fixture (all, or the NAMEs given) twice, into two different temporary folders, and
# fails when either tree differs from tests/golden/<name>/expected/ (a changed, missing or extra
# file): the first 200 lines of the unified diff are printed. The second build shows that the
# output does not depend on the run (clock, output path).
#   OPSKIT=path/to/opskit tests/golden/compare.sh [NAME...]     (default binary: build/opskit;
#   GOLDEN_THEME=DIR builds with that theme instead of site-theme/)
# If the change is intended: tests/golden/regenerate.sh NAME, then review `git diff`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
opskit=$(golden_opskit)
mapfile -t names < <(golden_names "$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for name in "${names[@]}"; do
  expected=$GOLDEN_DIR/$name/expected
  [[ -d $expected ]] || golden_fail "$name: no expected/ (run tests/golden/regenerate.sh $name)"
  for run in 1 2; do
    actual=$tmp/run$run/$name
    golden_build "$name" "$opskit" "$actual"
    if ! diff -ru "$expected" "$actual" >"$tmp/diff" 2>&1; then
      echo "golden: $name (build $run) differs from tests/golden/$name/expected:"
      head -n 200 "$tmp/diff"
      (($(wc -l <"$tmp/diff") > 200)) && echo "... ($(wc -l <"$tmp/diff") lines in all)"
      status=1
      break
    fi
  done
  ((status == 0)) && echo "golden: $name: same as expected/ ($(find "$expected" -type f | wc -l) files, built twice)"
done
if ((status != 0)); then
  echo "golden: if the change is intended, run tests/golden/regenerate.sh and review git diff"
fi
exit $status
