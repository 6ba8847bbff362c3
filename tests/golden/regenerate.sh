#!/usr/bin/env bash
# Rewrites tests/golden/<name>/expected/ from a build of each fixture (all, or the NAMEs given),
# for review with `git diff`: OPSKIT=path/to/opskit tests/golden/regenerate.sh [NAME...]
# (default binary: build/opskit; GOLDEN_THEME=DIR builds with that theme instead of site-theme/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
opskit=$(golden_opskit)
mapfile -t names < <(golden_names "$@")
for name in "${names[@]}"; do
  golden_build "$name" "$opskit" "$GOLDEN_DIR/$name/expected"
  echo "golden: $name: expected/ rewritten ($(find "$GOLDEN_DIR/$name/expected" -type f | wc -l) files)"
done
echo "golden: review with: git diff --stat -- tests/golden"
