#!/usr/bin/env bash
# The folder layering of compiler/ is enforced when CMake configures (cmake/stages.cmake). This
# checks that it really is: the tree as it is configures; the same tree with one upward include
# (model/ including the pipeline) or one include of an undeclared folder fails, naming the file.
set -euo pipefail
root=$(cd "${1:?usage: layers.sh REPOSITORY}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

probe() {  # probe NAME: copies compiler/ and the stages into $work/NAME
  mkdir -p "$work/$1/cmake"
  cp -r "$root/compiler" "$work/$1/compiler"
  cp "$root/cmake/stages.cmake" "$work/$1/cmake/"
  cp "$root/tests/architecture/probe-CMakeLists.txt" "$work/$1/CMakeLists.txt"
}
configure() { cmake -S "$work/$1" -B "$work/$1/build" >"$work/$1.log" 2>&1; }

probe clean
configure clean || { cat "$work/clean.log"; echo "FAIL: the tree as it is does not configure"; exit 1; }
echo "ok: the tree as it is configures"

probe upward
printf '#include "pipeline/pipeline.hpp"\n' >>"$work/upward/compiler/model/model.hpp"
if configure upward; then echo "FAIL: model/ including pipeline/ configured"; exit 1; fi
grep -q "compiler/model/model.hpp includes pipeline/" "$work/upward.log" ||
  { cat "$work/upward.log"; echo "FAIL: the message does not name the file and the folder"; exit 1; }
echo "ok: an upward include (model -> pipeline) fails the configure, naming the file"

probe sideways
printf '#include "check/orphans.hpp"\n' >>"$work/sideways/compiler/render/theme.cpp"
if configure sideways; then echo "FAIL: render/ including check/ configured"; exit 1; fi
grep -q "compiler/render/theme.cpp includes check/" "$work/sideways.log" ||
  { cat "$work/sideways.log"; echo "FAIL: the message does not name the file and the folder"; exit 1; }
echo "ok: an include of an undeclared folder (render -> check) fails the configure"

# model/ depends on nothing but support/ and diagnostics/.
grep -q '^opskit_stage(model DEPENDS support diagnostics)$' "$root/cmake/stages.cmake" ||
  { echo "FAIL: model/ declares more than support and diagnostics"; exit 1; }
echo "ok: model/ depends only on support/ and diagnostics/"
