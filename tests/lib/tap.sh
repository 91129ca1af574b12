# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# tests/lib/tap.sh - the suites' shared TAP output and counting. Source it:
#
#   . tests/lib/tap.sh
#   tap_check "what is checked" COMMAND...   ok/not ok from COMMAND's status
#   tap_ok "what"; tap_fail "what" [DETAIL]  record a result directly
#   tap_emit ok|"not ok" "what" [DETAIL]      the same, status as a word
#   tap_note "text"                           a "# text" line
#   tap_done                                  "N passed, N failed"; returns
#                                             1 if any failed or none ran
#   tap_tally FILE...                         the same over the ok/not ok
#                                             lines in FILEs: a suite whose
#                                             parts run as child processes
#                                             (one per kernel) and log there
#
# Lines: "ok N - what", "not ok N - what" (DETAIL and a failed command's
# output below it as "# " lines, at most MPC_TAP_DETAIL_LINES, default 20);
# tap_done prints the plan "1..N" (TAP allows it last, automake's TAP driver
# reads it) and "N passed, N failed", which scripts/test-all reads. POSIX
# sh, so that sh scripts (tests/unit/run.sh) use it too.

tap_n=0 tap_passed=0 tap_failed=0

tap_ok() {
	tap_n=$((tap_n + 1)) tap_passed=$((tap_passed + 1))
	printf 'ok %d - %s\n' "$tap_n" "$1"
}

tap_fail() {
	tap_n=$((tap_n + 1)) tap_failed=$((tap_failed + 1))
	printf 'not ok %d - %s\n' "$tap_n" "$1"
	[ -z "${2:-}" ] ||
		printf '%s\n' "$2" | head -n "${MPC_TAP_DETAIL_LINES:-20}" | sed 's/^/# /'
}

tap_emit() { # ok|"not ok" what [detail]
	if [ "$1" = ok ]; then
		tap_ok "$2"
	else
		tap_fail "$2" "${3:-}"
	fi
}

tap_note() {
	printf '# %s\n' "$*"
}

tap_check() { # what command...
	tap_what=$1
	shift
	if tap_out=$("$@" 2>&1); then
		tap_ok "$tap_what"
	else
		tap_fail "$tap_what (exit $?)" "$tap_out"
	fi
}

tap_done() {
	printf '1..%d\n' "$tap_n"
	printf '%d passed, %d failed\n' "$tap_passed" "$tap_failed"
	[ "$tap_failed" = 0 ] && [ "$tap_n" -gt 0 ]
}

tap_tally() { # file...
	tap_passed=$(cat "$@" | grep -c '^ok ' || true)
	tap_failed=$(cat "$@" | grep -c '^not ok ' || true)
	printf '%d passed, %d failed\n' "$tap_passed" "$tap_failed"
	[ "$tap_failed" = 0 ] && [ "$tap_passed" -gt 0 ]
}
