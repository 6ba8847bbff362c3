#!/usr/bin/env bash
# The repository stands alone: nothing in the build, the tests, the benchmarks or the scripts
# names a folder beside the checkout or an absolute folder of one machine.
# Registered in CTest as standalone_no_outside_paths; also runs by hand from anywhere.
# usage: no-outside-paths.sh [SOURCE_DIR]
set -uo pipefail
SRC=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
cd "$SRC"
self=tests/standalone/no-outside-paths.sh
# What is scanned: every file that builds, tests, benchmarks or sets up; the test data copied
# from published sources (tests/fixtures/gfm, tests/fixtures/real-workshops) is quoted as is, and
# fuzz inputs (tests/fuzz/corpus*, regressions) are arbitrary bytes, so neither is scanned.
scan=(CMakeLists.txt cmake compiler scripts .ci tests site-theme opskit.yaml)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- "${scan[@]}" 2>/dev/null)
else
  mapfile -t files < <(find "${scan[@]}" -type f -not -path '*/node_modules/*' 2>/dev/null)
fi
mapfile -t files < <(printf '%s\n' "${files[@]}" | grep -v -e "^$self\$" -e '^tests/fixtures/gfm/' -e '^tests/fixtures/real-workshops/[^/]*/' \
         -e '^tests/fuzz/corpus' -e '^tests/fuzz/.*regression' \
         | while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done)
[ ${#files[@]} -gt 50 ] || { echo "not ok - only ${#files[@]} files found to scan in $SRC"; exit 1; }
# The folder beside the checkout that the kit's docs came from (any number of ../), the old
# variable names, and absolute home/work folders. The names are put together here so that this
# file does not itself spell a path outside the repository.
beside="sha""red"
pattern="(\\.\\./)+${beside}\\b|OPSKIT_${beside^^}|/work/(main|${beside})\\b|/home/[A-Za-z0-9_.-]+/"
hits=$(grep -nIE "$pattern" "${files[@]}" || true)
if [ -n "$hits" ]; then
  echo "not ok - files name paths outside the repository:"
  echo "$hits" | sed 's/^/    /'
  exit 1
fi
# Every fixture the tests read is in the repository.
missing=0
for f in tests/fixtures/gfm/spec.txt tests/fixtures/gfm/extensions.txt tests/fixtures/gfm/LICENSE \
         tests/fixtures/real-workshops/eks-security-immersion-day/contentspec.yaml \
         tests/fixtures/real-workshops/eks-security-immersion-day/LICENSE \
         tests/fixtures/real-workshops/multi-az-workshop/contentspec.yaml \
         tests/fixtures/real-workshops/multi-az-workshop/LICENSE tests/bench/gen-corpus.py; do
  [ -f "$f" ] || { echo "not ok - missing $f"; missing=1; }
done
[ $missing = 0 ] || exit 1
echo "ok - ${#files[@]} files name no path outside the repository; the fixtures are in it"
