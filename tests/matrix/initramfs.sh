#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Pack the test guest's initramfs.
#
#   initramfs.sh OUT.cpio MPC_TEST MPC_BENCH|- -- ARG...
#
# MPC_TEST (and MPC_BENCH when not "-") are static binaries; ARG... are the
# mpc-test arguments (see tests/matrix/guest/mpc-test.c); every file named
# by "-m FILE" is copied to /lib/mpc/ and the argument rewritten.
# MPC_BUSYBOX: the static busybox to pack (default the host's /bin/busybox).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { printf 'initramfs.sh: %s\n' "$*" >&2; exit 1; }

[ $# -ge 4 ] && [ "$4" = -- ] || die "usage: initramfs.sh OUT MPC_TEST MPC_BENCH|- -- ARG..."
out=$1 test_bin=$2 bench_bin=$3
shift 4

# from busybox-static; MPC_BUSYBOX: another one (an arm64 guest's)
BUSYBOX=${MPC_BUSYBOX:-/bin/busybox}
"$HERE/../lib/host-deps.sh" busybox cpio
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,etc,lib/mpc,proc,sys,dev,tmp}
cp "$BUSYBOX" "$root/bin/busybox"
cp "$HERE/guest/init" "$root/init"
chmod 755 "$root/init"
cp "$test_bin" "$root/bin/mpc-test"
[ "$bench_bin" = - ] || cp "$bench_bin" "$root/bin/mpc-bench"

: >"$root/etc/mpc-test.args"
while [ $# -gt 0 ]; do
	if [ "$1" = -m ]; then
		[ -s "$2" ] || die "module $2 missing or empty"
		cp "$2" "$root/lib/mpc/"
		printf '%s\n%s\n' -m "/lib/mpc/$(basename "$2")" \
			>>"$root/etc/mpc-test.args"
		shift 2
		continue
	fi
	printf '%s\n' "$1" >>"$root/etc/mpc-test.args"
	shift
done
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
