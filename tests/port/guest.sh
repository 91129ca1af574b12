#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Behaviour, not only compilation: the legacy sample driver
# tests/port/guest/port_sample.c and what mpc-port makes of it (converted in
# this run) are built for each kernel of MPC_PORT_GUEST_SERIES (default "6.12
# 7.3": one compat and one native kernel; any series of
# tests/matrix/kernels.conf works, 5.10 to 7.3: the sample defines
# vm_flags_set() itself before 6.3, as a legacy driver did; an -arm64
# series is cross-built and booted under qemu-system-aarch64; CI runs it in
# each real series' matrix job) and booted under QEMU (tests/matrix/boot.sh), where
# tests/port/guest/port-check.c loads each in turn and runs the same checks
# on both: mapping contents, VmFlags from /proc/self/smaps, mremap() of a
# VM_DONTEXPAND mapping, errno of each bad offset or size, the driver's
# mapping count and ->close count around each mmap()/munmap(). The two
# modules' lines must be the same, and the legacy ones what the sample
# promises. Prints TAP-like lines and "N passed, N failed".
#
#   tests/port/guest.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib=$repo/tests/lib
# shellcheck source=tests/lib/tap.sh
. "$lib/tap.sh"
# shellcheck source=tests/lib/guest-console.sh
. "$lib/guest-console.sh"

"$lib/host-deps.sh" qemu busybox cpio gcc libc >&2
command -v spatch >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q coccinelle >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-port-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The converted sample, made here by the tool.
mkdir -p "$work/src/legacy" "$work/src/conv"
cp "$here/guest/port_sample.c" "$work/src/legacy/ps_legacy.c"
cp "$here/guest/port_sample.c" "$work/src/conv/ps_conv_main.c"
# Every hook, the example driver's legacy baseline device's too (its
# allocation moved to a ->mapped hook).
rc=0
(cd "$work/src/conv" && "$repo/scripts/mpc-port" --in-place --report port.jsonl \
	ps_conv_main.c > "$work/port.log" 2>&1) || rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c '"status": "converted"' "$work/src/conv/port.jsonl")" = 8 ] &&
	grep -q '"function": "ps_state_mmap", .*"mapped": "ps_state_vm_mapped"' "$work/src/conv/port.jsonl"; then
	tap_emit ok "mpc-port converts the sample's hooks, the baseline device's with a ->mapped hook (exit status 0)"
else
	tap_emit "not ok" "mpc-port converts the sample's hooks (exit status $rc)"
	sed 's/^/# /' "$work/port.log" "$work/src/conv/port.jsonl"
fi
rm -f "$work/src/conv/port.jsonl"
echo 'obj-m += ps_legacy.o' > "$work/src/legacy/Kbuild"
{
	echo "MMAP_PREPARE_COMPAT_DIR := $repo"
	echo "MMAP_PREPARE_COMPAT_MODE := embedded"
	echo "MMAP_PREPARE_COMPAT_PREFIX := ps_conv_mpc_"
	echo "include \$(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk"
	echo "obj-m += ps_conv.o"
	echo "ps_conv-y := ps_conv_main.o \$(MMAP_PREPARE_COMPAT_OBJS)"
} > "$work/src/conv/Kbuild"

gcc -static -O2 -Wall -Wextra -Werror -o "$work/port-check" \
	"$here/guest/port-check.c"

# What the legacy sample promises (label stripped), besides VmFlags.
expect=(
	'load: ok'
	'remap 1 page: pages "R"; VmFlags .* io .*; maps \+1, opens \+0'
	'remap 1 page: mremap to grow: Bad address'
	'remap 1 page: after munmap: maps \+0, opens \+0, closes \+1'
	'remap 2 pages: pages "RS";'
	'remap at page 1: mmap: Invalid argument; maps \+0, opens \+0, closes \+0'
	'remap 3 pages: mmap: Invalid argument; maps \+0, opens \+0, closes \+0'
	'pages 0-3: pages "abcd"; VmFlags .* mm'
	'pages 1-2: pages "bc";'
	'pages 3-4: mmap: No such device or address'
	'pages at 4: mmap: No such device or address'
	'pages 0-4: mmap: No such device or address'
	'iomap 2 pages: pages "RS"; VmFlags .* io .*; maps \+0'
	'iomap at page 1: pages "S";'
	'iomap at page 2: mmap: Invalid argument'
	'iomap 3 pages: mmap: Invalid argument'
	'loop 4 pages: pages "abcd"; VmFlags .* mm'
	'loop 2 pages at 2: pages "ab";'
	'loop 5 pages: mmap: Invalid argument'
	'fault 2 pages at 1: pages "bc";'
	'open 1 page: pages "R"; VmFlags .*; maps \+0, opens \+1'
	'open 1 page: after munmap: maps \+0, opens \+0, closes \+1'
	'open 2 pages: mmap: Invalid argument; maps \+0, opens \+0, closes \+0'
	'outer shared: pages "RS"; VmFlags .* io .*; maps \+1'
	'outer shared: mremap to grow: Bad address'
	'outer shared: after munmap: maps \+0, opens \+0, closes \+1'
	'outer private: mmap: Permission denied'
	'outer at page 1: mmap: Invalid argument'
	'state 2 pages: pages "RS"; VmFlags .* io .*; maps \+1, opens \+0'
	'state 2 pages: after munmap: maps \+0, opens \+0, closes \+1'
	'state at page 1: pages "S";'
	'state 3 pages: mmap: Invalid argument; maps \+0, opens \+0, closes \+0'
	'end: maps 0, opens 0'
	'unload: ok'
)

for series in ${MPC_PORT_GUEST_SERIES:-6.12 7.3}; do
	if ! "$lib/chroot.sh" ensure "$series" >&2; then
		tap_emit "not ok" "$series: chroot could not be built"
		continue
	fi
	eval "$("$lib/chroot.sh" info "$series")"
	w=$work/$series
	cp -r "$work/src" "$w"
	# An -arm64 series: modules cross-built (ARCH= CROSS_COMPILE=),
	# port-check built static in its chroot with the cross compiler (gcc
	# field of kernels.conf), its own busybox, booted under
	# qemu-system-aarch64, as tests/matrix/run.sh does for mpc-test.
	cross=() check=$work/port-check busybox=/bin/busybox
	# shellcheck disable=SC2153
	if [ "$KARCH" != amd64 ]; then
		cross=(ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE")
		cc=$CROSS_COMPILE${GCC%-"${CROSS_COMPILE%-}"}
		check=$w/port-check
		busybox=$CHROOT$(readlink "$CHROOT/usr/lib/mpc-foreign/$KARCH.busybox")
		if "$lib/chroot.sh" run "$series" --bind "$work" -- "$cc" -static -O2 \
			-Wall -Wextra -Werror -o "$check" "$here/guest/port-check.c" \
			> "$w/port-check.log" 2>&1; then
			tap_emit ok "$series: port-check builds static for $KARCH ($cc)"
		else
			tap_emit "not ok" "$series: port-check builds static for $KARCH ($cc)"
			sed 's/^/# /' "$w/port-check.log" | head -n 10
			continue
		fi
	fi
	built=1
	for m in legacy conv; do
		# shellcheck disable=SC2153
		if "$lib/chroot.sh" run "$series" --bind "$work" -- \
			make -C "$KDIR" "${cross[@]}" M="$w/$m" modules > "$w/$m.log" 2>&1; then
			tap_emit ok "$series: the $m sample builds"
		else
			tap_emit "not ok" "$series: the $m sample builds"
			grep -E 'error|warning' "$w/$m.log" | sed 's/^/# /' | head -n 10 || true
			built=0
		fi
	done
	[ "$built" = 1 ] || continue
	MPC_BUSYBOX=$busybox bash "$repo/tests/matrix/initramfs.sh" "$w/initrd" "$check" - -- \
		-m "$w/legacy/ps_legacy.ko" -m "$w/conv/ps_conv.ko"
	truncate -s 1M "$w/shm"
	# shellcheck disable=SC2153
	MPC_BOOT_ARCH=$KARCH bash "$repo/tests/matrix/boot.sh" "$KIMAGE" "$w/initrd" "$w/shm" "$w/out" \
		"${MPC_BOOT_TIMEOUT:-300}"
	log=$w/out/ktap.log
	sed -n 's/^ps_legacy: //p' "$log" > "$w/legacy.txt"
	sed -n 's/^ps_conv: //p' "$log" > "$w/conv.txt"
	bad=0
	for e in "${expect[@]}"; do
		grep -Eq -- "^$e" "$w/legacy.txt" || { echo "# missing: $e"; bad=1; }
	done
	if [ "$bad" = 0 ]; then
		tap_emit ok "$series: the legacy sample behaves as written ($(wc -l < "$w/legacy.txt") checks)"
	else
		tap_emit "not ok" "$series: the legacy sample behaves as written"
		sed 's/^/# /' "$log" | head -n 40 || true
	fi
	if [ -s "$w/legacy.txt" ] && cmp -s "$w/legacy.txt" "$w/conv.txt"; then
		tap_emit ok "$series: the converted sample behaves the same (contents, VmFlags, errno, counts)"
	else
		tap_emit "not ok" "$series: the converted sample behaves the same"
		diff -u "$w/legacy.txt" "$w/conv.txt" | sed 's/^/# /' | head -n 30 || true
	fi
	guest_console_clean "$series" "$w/out"
done

tap_done
