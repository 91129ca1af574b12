#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The probe runner's fast path against real trees: when a probe fails, the
# passing probes are compiled again with the command kbuild used for the
# sanity probe (scraped from its .cmd file) instead of a second kbuild run.
# For the host's headers and the release chroot of every series in
# MPC_PROBE_SERIES (default "5.10 6.12 7.3"; an -arm64 series of
# tests/matrix/kernels.conf is a cross-built tree), the runner must take the
# fast path, and with MPC_PROBE_NO_DIRECT=1 the kbuild fallback, both must
# write the same header, and the fast path's object must be for the tree's
# machine (the scraped command is the cross compiler's on arm64). A run
# names the arm64 series it leaves out.
#
#   tests/probe/fastpath.sh [--host-only]
#   tests/probe/fastpath.sh --series SERIES    that chroot alone (a CI job's)
#   tests/probe/fastpath.sh --one KDIR LABEL   (internal: one tree)
#
# scripts/test-all runs it as the suite "probe-trees"; the CI engine runs
# it in each real series' matrix job with --series.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

one() { # kdir label
	local tmp how
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpc-fastpath.XXXXXX")
	# a kernel whose failed probes leave nothing behind skips the
	# verification compile: have it anyway
	export MPC_PROBE_VERIFY=always
	for how in direct kbuild; do
		if [ "$how" = kbuild ]; then export MPC_PROBE_NO_DIRECT=1; fi
		if "$repo/config/probe-kernel.sh" --kernel-obj "$1" --no-cache \
			--summary --keep --out "$tmp/$how.h" >"$tmp/$how.log" 2>&1 &&
		   grep -q "verify: $how)" "$tmp/$how.log"; then
			tap_ok "$2: the verification compile takes the $how path"
		else
			tap_fail "$2: the verification compile takes the $how path" \
				"$(tail -n 5 "$tmp/$how.log")"
		fi
	done
	unset MPC_PROBE_NO_DIRECT MPC_PROBE_VERIFY
	# The scraped command is kbuild's own, so a cross-built tree's (the
	# -arm64 series) names the cross compiler: the direct path's object
	# must be for the tree's architecture, not the host's.
	local bdir want got
	bdir=$(sed -n 's/.*build directory kept: //p' "$tmp/direct.log" | tail -n 1)
	want=$("$repo/tests/lib/elf-machine.sh" --of-tree "$1") || want=unknown
	got=$("$repo/tests/lib/elf-machine.sh" "$bdir/verify.o" 2>/dev/null) || got=none
	if [ -n "$bdir" ] && [ "$got" = "$want" ]; then
		tap_ok "$2: the direct path's object is for the tree's machine ($want)"
	else
		tap_fail "$2: the direct path's object is for the tree's machine ($want)" \
			"verify.o: $got"
	fi
	# the kept build directories
	sed -n 's/.*build directory kept: //p' "$tmp/direct.log" "$tmp/kbuild.log" |
		xargs -r rm -rf
	if [ -f "$tmp/direct.h" ] && cmp -s "$tmp/direct.h" "$tmp/kbuild.h"; then
		tap_ok "$2: both paths write the same header"
	else
		tap_fail "$2: both paths write the same header" \
			"$(diff "$tmp/direct.h" "$tmp/kbuild.h" 2>&1 | head -n 10)"
	fi
	rm -rf "$tmp"
}

if [ "${1:-}" = --one ]; then
	one "$2" "$3"
	tap_done
	exit
fi

series=${MPC_PROBE_SERIES:-5.10 6.12 7.3} host_too=1
case ${1:-} in
--host-only) series= ;;
--series) series=${2:?usage: fastpath.sh --series SERIES} host_too=0 ;;
'') ;;
*) sed -n '15,21s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac

out=$(mktemp)
trap 'rm -f "$out"' EXIT
host=
[ "$host_too" = 0 ] ||
	host=$(find /lib/modules/*/build/include/generated -maxdepth 0 2>/dev/null |
		sort -V | tail -n 1)
if [ -n "$host" ]; then
	bash "$0" --one "${host%/include/generated}" "host" | grep -v -e 'passed,' -e '^1\.\.' | tee -a "$out"
fi
for s in $series; do
	"$repo/tests/lib/chroot.sh" ensure "$s" >&2 || {
		echo "not ok - chroot $s could not be built" | tee -a "$out"
		continue
	}
	kdir=$("$repo/tests/lib/chroot.sh" info "$s" | sed -n 's/^KDIR=//p')
	"$repo/tests/lib/chroot.sh" run "$s" -- \
		bash "$repo/tests/probe/fastpath.sh" --one "$kdir" "$s" |
		grep -v -e 'passed,' -e '^1\.\.' | tee -a "$out"
done
# the arm64 series the default run leaves out, said (CI's per-series jobs
# run each)
if [ "$host_too" = 1 ] && [ -z "${MPC_PROBE_SERIES:-}" ]; then
	"$repo/tests/lib/each-series.sh" --left-out arm64 "$series" \
		"MPC_PROBE_SERIES or --series S"
fi
tap_tally "$out"
