#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The probe runner's fast path against real trees: when a probe fails, the
# passing probes are compiled again with the command kbuild used for the
# sanity probe (scraped from its .cmd file) instead of a second kbuild run.
# For the host's headers and the release chroot of every series in
# MPC_PROBE_SERIES (default "5.10 6.12 7.3"), the runner must take the fast
# path, and with MPC_PROBE_NO_DIRECT=1 the kbuild fallback, and both must
# write the same header.
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
			--summary --out "$tmp/$how.h" >"$tmp/$how.log" 2>&1 &&
		   grep -q "verify: $how)" "$tmp/$how.log"; then
			tap_ok "$2: the verification compile takes the $how path"
		else
			tap_fail "$2: the verification compile takes the $how path" \
				"$(tail -n 5 "$tmp/$how.log")"
		fi
	done
	unset MPC_PROBE_NO_DIRECT MPC_PROBE_VERIFY
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
*) sed -n '12,18s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
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
tap_tally "$out"
