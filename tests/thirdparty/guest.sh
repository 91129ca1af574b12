#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The non-GPL embedded mode at run time (license.sh checks only the build):
# tests/thirdparty/guest/nogpl_main.c, an "MIT" driver embedding the layer
# (mmap-prepare-compat.mk builds it with MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS),
# is built for each kernel of MPC_THIRDPARTY_GUEST_SERIES (default "6.12
# 7.3": one compat kernel, and the native one with the compat path forced,
# MMAP_PREPARE_COMPAT_FORCE_COMPAT=1, since natively none of the layer is
# compiled in) and booted under QEMU (tests/matrix/boot.sh), where
# tests/thirdparty/guest/nogpl-check.c loads it and checks: no "Unknown
# symbol" or "uses GPL-only symbol" in the kernel log, taint P, a
# map_kernel_pages mapping's contents, ->mapped/->close and the page
# reference around it, a PFN remap action set by hand failing mmap() with
# EOPNOTSUPP (twice) with no mapping, hook or reference left, the layer's
# warning exactly once, and the unload. The guest's lines are counted here;
# a missing "done" line or a kernel warning or oops on the console fails.
#
#   tests/thirdparty/guest.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=$repo/tests/lib
# shellcheck source=tests/lib/tap.sh
. "$lib/tap.sh"
# shellcheck source=tests/lib/guest-console.sh
. "$lib/guest-console.sh"

"$lib/host-deps.sh" qemu busybox cpio gcc libc >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-nogpl-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT

gcc -static -O2 -Wall -Wextra -Werror -o "$work/nogpl-check" \
	"$here/guest/nogpl-check.c"

for series in ${MPC_THIRDPARTY_GUEST_SERIES:-6.12 7.3}; do
	if ! "$lib/chroot.sh" ensure "$series" >&2; then
		tap_emit "not ok" "$series: chroot could not be built"
		continue
	fi
	eval "$("$lib/chroot.sh" info "$series")"
	# shellcheck disable=SC2153
	if [ "$KARCH" != amd64 ]; then
		echo "# $series: skipped: $KARCH kernel (the guest check runs on amd64 kernels)"
		continue
	fi
	w=$work/$series
	mkdir -p "$w/src"
	cp "$here/guest/nogpl_main.c" "$w/src/"
	{
		echo "MMAP_PREPARE_COMPAT_DIR := $repo"
		echo "MMAP_PREPARE_COMPAT_MODE := embedded"
		echo "MMAP_PREPARE_COMPAT_PREFIX := nogpl_mpc_"
		echo "include \$(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk"
		echo "obj-m += nogpl.o"
		echo "nogpl-y := nogpl_main.o \$(MMAP_PREPARE_COMPAT_OBJS)"
	} > "$w/src/Kbuild"
	# shellcheck disable=SC2153
	what="$series ($EXPECT_PATH kernel)"
	force=()
	if [ "$EXPECT_PATH" = native ]; then
		force=(MMAP_PREPARE_COMPAT_FORCE_COMPAT=1)
		what="$series (native kernel, compat path forced)"
	fi
	# shellcheck disable=SC2153
	if "$lib/chroot.sh" run "$series" --bind "$work" -- \
		make -C "$KDIR" M="$w/src" "${force[@]}" modules > "$w/build.log" 2>&1 &&
		grep -q 'MODULE_LICENSE("MIT"), which is not GPL-compatible' "$w/build.log" &&
		grep -q NO_GPL_SYMBOLS "$w/src/.mmap-prepare-compat/.mmap_prepare_compat_all.o.cmd"; then
		tap_emit ok "$what: the MIT driver builds, the layer without GPL-only symbols"
	else
		tap_emit "not ok" "$what: the MIT driver builds, the layer without GPL-only symbols"
		grep -E 'error|warning|mmap-prepare-compat.mk' "$w/build.log" | sed 's/^/# /' | head -n 10 || true
		continue
	fi
	bash "$repo/tests/matrix/initramfs.sh" "$w/initrd" "$work/nogpl-check" - -- \
		-m "$w/src/nogpl.ko"
	truncate -s 1M "$w/shm"
	# shellcheck disable=SC2153
	bash "$repo/tests/matrix/boot.sh" "$KIMAGE" "$w/initrd" "$w/shm" "$w/out" \
		"${MPC_BOOT_TIMEOUT:-300}"
	log=$w/out/ktap.log
	while IFS= read -r line; do
		case $line in
		"ok - "*) tap_emit ok "$what: ${line#ok - }" ;;
		"not ok - "*) tap_emit "not ok" "$what: ${line#not ok - }" ;;
		esac
	done < "$log"
	if grep -q '^nogpl-check: done$' "$log" && grep -q '^ok - the module unloads' "$log"; then
		tap_emit ok "$what: the guest ran every check ($(grep -c '^ok - ' "$log") passed)"
	else
		tap_emit "not ok" "$what: the guest ran every check"
		sed 's/^/# /' "$log" | head -n 20 || true
		tail -n 20 "$w/out/console.log" | sed 's/^/# /' || true
	fi
	guest_console_clean "$what" "$w/out"
done

# an arm64 series alone is skipped: nothing ran, nothing failed
tap_done || [ "$tap_failed" = 0 ]
