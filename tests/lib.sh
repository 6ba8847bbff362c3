# Shared by the shell tests (sourced, not run): TAP-like ok / not ok lines and their count.
passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
# Runs COMMAND with its output in $WORK/last.out and last.err, and checks its exit status.
expect_exit() {  # expect_exit CODE NAME COMMAND...
  local want=$1 name=$2; shift 2
  "$@" >"$WORK/last.out" 2>"$WORK/last.err"; local got=$?
  if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, wanted $want"; sed 's/^/    /' "$WORK/last.err" | head -20; fi
}
# The exit status: nothing failed, and something ran (a script that checked nothing is not green).
finish() { echo "# $passed passed, $failed failed"; [ "$failed" = 0 ] && [ "$passed" -gt 0 ]; }
