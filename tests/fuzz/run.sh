#!/usr/bin/env bash
# One bounded fuzz test: replays every regression input of TARGET (tests/fuzz/regressions/TARGET/),
# then fuzzes for SECONDS seeded from tests/fuzz/corpus/TARGET/ (new inputs go to WORK_DIR, the
# repository's corpus is only read). Fails when the fuzzer is missing, any input crashes, leaks,
# times out (10 s) or takes more than 2 GB.
# usage: run.sh FUZZER TARGET WORK_DIR [SECONDS]
set -uo pipefail
bin=$1 target=$2 work=$3 seconds=${4:-8}
src=$(cd "$(dirname "$0")/../.." && pwd)
seeds="$src/tests/fuzz/corpus/$target"
regressions="$src/tests/fuzz/regressions/$target"
if [ ! -x "$bin" ]; then
  echo "FAIL: fuzzer $bin is missing (scripts/setup.sh builds the fuzzers in build/fuzz with clang)"
  exit 1
fi
if [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
  echo "FAIL: no seed inputs in $seeds"
  exit 1
fi
rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
opts=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/")

if [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
  if ! "$bin" "${opts[@]}" "$regressions"/* >"$work/regressions.log" 2>&1; then
    tail -n 60 "$work/regressions.log"
    echo "FAIL: a regression input of $target crashes again (log: $work/regressions.log)"
    exit 1
  fi
  echo "regressions: $(ls "$regressions" | wc -l) input(s) of $target replayed, no crash"
fi

"$bin" "${opts[@]}" -max_total_time="$seconds" -print_final_stats=1 "$work/corpus" "$seeds" >"$work/fuzz.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  tail -n 80 "$work/fuzz.log"
  echo "FAIL: fuzzing $target found a crash (exit $rc); the input is in $work/artifacts/ (log: $work/fuzz.log)"
  exit 1
fi
grep -E "^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb" "$work/fuzz.log"
echo "fuzz_$target: no crash in ${seconds} s"
