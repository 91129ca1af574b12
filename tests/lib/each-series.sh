#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one command in the release chroot of each series, for the suites that
# build on every matrix kernel (tests/port/build.sh, tests/dkms/run.sh).
#
#   each-series.sh "SERIES..." [--bind DIR]... -- CMD [ARG]...
#   each-series.sh --left-out ARCH "SERIES..." KNOB
#                  one "#" line naming the ARCH series of kernels.conf that
#                  SERIES leaves out, and KNOB, what runs them (for a
#                  default run that covers amd64 only)
#
# For each SERIES: build (or reuse) its chroot, then run CMD inside it (with
# each --bind DIR mounted at its own path, as chroot.sh run does) with
# the words @SERIES@, @KREL@ and @KDIR@ of ARG replaced by the series, its
# kernel release and its headers directory. A chroot that cannot be built
# gives a "not ok - chroot SERIES could not be built" line; CMD's own exit
# status is ignored (callers count its "ok"/"not ok" lines).
set -euo pipefail

lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
	echo 'usage: each-series.sh "SERIES..." [--bind DIR]... -- CMD [ARG]...' >&2
	echo '       each-series.sh --left-out ARCH "SERIES..." KNOB' >&2
	exit 2
}
if [ "${1:-}" = --left-out ]; then
	[ $# = 4 ] || usage
	left=$(comm -23 <("$lib/chroot.sh" list "$2" | sort) \
		<(tr -s ' ' '\n' <<<"$3" | sort) | xargs)
	echo "# $2 series not in this run: $left ($4 runs them)"
	exit 0
fi
[ $# -ge 3 ] || usage
list=$1
shift
binds=()
while [ "${1:-}" = --bind ]; do
	[ $# -ge 2 ] || usage
	binds+=(--bind "$2")
	shift 2
done
if [ "${1:-}" != -- ] || [ $# -lt 2 ]; then
	usage
fi
shift

for series in $list; do
	if ! "$lib/chroot.sh" ensure "$series" >&2; then
		echo "not ok - chroot $series could not be built"
		continue
	fi
	eval "$("$lib/chroot.sh" info "$series")"
	args=()
	for a in "$@"; do
		a=${a//@SERIES@/$series}
		a=${a//@KREL@/$KREL}
		a=${a//@KDIR@/$KDIR}
		args+=("$a")
	done
	"$lib/chroot.sh" run "$series" "${binds[@]}" -- "${args[@]}" || true
done
