# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# config/lib/diag.sh - what a combined probe compile's errors say about the
# probes that passed (sourced by config/probe-kernel.sh and tests/probe/).
#
#   mpc_needs_verify LOG   0 (yes) when the passing probes must be compiled
#                          again on their own, 1 when the log proves they
#                          need not
#
# An error in one probe's function can change how another probe compiles
# only through something it leaves behind: an implicit declaration, a type
# or tag the parser made up, a statement the parser skipped to recover. The
# errors below leave nothing behind (a value of the wrong type, a member or
# an identifier that does not exist, used as a value); any other error, or
# MPC_PROBE_VERIFY=always, asks for the clean compile of the passing probes.

mpc_contained_errors='from incompatible pointer type|incompatible (function )?pointer types|has no member named|no member named|does not refer to any field|undeclared \(first use in this function\)|use of undeclared identifier'

# No "grep -q" at the end of the pipe: it stops reading at the first match,
# the first grep then dies of SIGPIPE on a long log, and under pipefail (the
# runner's) the pipe's status says "no" where the answer is "yes".
mpc_needs_verify() { # log
	[ "${MPC_PROBE_VERIFY:-}" != always ] || return 0
	grep -E '(^|: )(fatal )?error: ' "$1" | grep -Ev "$mpc_contained_errors" >/dev/null
}
