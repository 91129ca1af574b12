# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/lib/guest-console.sh - the one check of a booted guest's kernel
# console that every guest suite makes (tests/port/guest.sh,
# tests/thirdparty/guest.sh). QEMU exits 0 even when the guest panics, so
# the console log, not the exit status, says whether the kernel complained.
# Needs tests/lib/tap.sh sourced first.
#
#   guest_console_clean WHAT OUTDIR   one TAP line: no BUG, WARNING, Oops or
#                                     Call Trace in OUTDIR/console.log (the
#                                     boot time of OUTDIR/boot-seconds in it)

guest_console_clean() { # what outdir
	local what=$1 out=$2
	if grep -Eq 'BUG:|WARNING:|Oops|Call Trace' "$out/console.log"; then
		tap_emit "not ok" "$what: no kernel warning or oops"
		grep -E -A5 'BUG:|WARNING:|Oops' "$out/console.log" | sed 's/^/# /' | head -n 20 || true
	else
		tap_emit ok "$what: no kernel warning or oops ($(cat "$out/boot-seconds") s boot)"
	fi
}
