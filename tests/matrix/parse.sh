#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Judge one guest run from its logs (written by boot.sh).
#
#   parse.sh OUTDIR LABEL
#
# Appends to OUTDIR/results.tsv ("PASS|FAIL<TAB>LABEL: case").
# A run fails when: the KTAP plan or any result line is missing, a case
# says "not ok", or the kernel log shows WARN/BUG/Oops/Call Trace/panic
# outside a window the test program announced through /dev/kmsg
# ("mpc-test: expected-warn begin" .. "end": cases where upstream itself
# WARNs by design, e.g. error_override = 1).
set -euo pipefail

[ $# = 2 ] || { echo "usage: parse.sh OUTDIR LABEL" >&2; exit 2; }
out=$1 label=$2
ktap=$out/ktap.log console=$out/console.log
res=$out/results.tsv

pass() { printf 'PASS\t%s: %s\n' "$label" "$1" >>"$res"; }
fail() { printf 'FAIL\t%s: %s\n' "$label" "$1" >>"$res"; }

touch "$ktap" "$console"

# Kernel log: problems outside expected-warn windows.
bad=$(awk '
	/mpc-test: expected-warn begin/ { allowed = 1; next }
	/mpc-test: expected-warn end/   { allowed = 0; next }
	/WARNING:|BUG:|Oops|Call Trace|kernel BUG|general protection fault|Kernel panic|UBSAN:|KASAN:|refcount_t:|list_(add|del) corruption|Bad page|stack-protector|invalid opcode/ {
		if (!allowed) print
	}' "$console" | head -n 5)
if [ -z "$bad" ]; then
	pass "kernel log free of WARN/BUG/Oops"
else
	fail "kernel log free of WARN/BUG/Oops"
	printf '    %s\n' "$bad" >>"$out/problems"
fi
if grep -q 'mpc-guest: done' "$console"; then
	pass "guest ran to completion"
else
	fail "guest ran to completion"
	echo "    no 'mpc-guest: done' in console.log (crash or timeout)" \
		>>"$out/problems"
fi

# KTAP: every planned result must be there.
plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$ktap" | head -n 1)
if ! grep -q '^TAP version 13$' "$ktap" || [ -z "$plan" ]; then
	fail "KTAP header and plan present"
	exit 0
fi
awk -v plan="$plan" -v res="$res" -v label="$label" '
	/^(not )?ok [0-9]+ - / {
		ok = ($1 == "ok")
		n = ok ? $2 : $3
		name = $0
		sub(/^(not )?ok [0-9]+ - /, "", name)
		if (n in seen)
			next
		seen[n] = 1
		printf "%s\t%s: %s\n", ok ? "PASS" : "FAIL", label, name >>res
	}
	END {
		for (i = 1; i <= plan; i++)
			if (!(i in seen))
				printf "FAIL\t%s: case %d (no result line)\n",
					label, i >>res
	}' "$ktap"
