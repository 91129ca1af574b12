#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one test guest under QEMU and collect its serial output.
#
#   boot.sh KERNEL INITRD SHMFILE OUTDIR [TIMEOUT_S]
#   MPC_BOOT_ARCH=arm64 boot.sh ...     an arm64 kernel (default amd64)
#
# OUTDIR/console.log  kernel console (amd64: ttyS0; arm64: the virt
#                     machine's PL011, ttyAMA0), \r stripped
# OUTDIR/ktap.log     mpc-test output (amd64: ttyS1; arm64: QEMU's
#                     pci-serial, a PCI 16550, the guest's ttyS0), \r stripped
# OUTDIR/qemu.log     QEMU's own messages and exit status
# OUTDIR/accel        the accelerator used and why: "kvm", or "tcg (REASON)"
#
# MPC_ACCEL=auto (default) uses KVM when /dev/kvm is there, read-write,
# and a test boot of KERNEL under KVM reaches the kernel's banner (KVM
# can be present but unusable: nested or restricted hosts, where every CPU
# model fails or hangs); else TCG. The verdict is cached per QEMU and host
# kernel in $MPC_CACHE/matrix/accel. MPC_ACCEL=kvm or tcg forces one.
# An arm64 guest on this x86-64 host is always TCG (qemu-system-aarch64,
# virt machine, -cpu max).
# SHMFILE backs an ivshmem-plain device (PCI BAR 2, 1 MiB) shared with
# the host. QEMU exits 0 even after a guest panic: callers must judge the
# logs (tests/matrix/parse.sh), never the exit status alone.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 4 ] || { echo "usage: boot.sh KERNEL INITRD SHMFILE OUTDIR [TIMEOUT]" >&2; exit 2; }
kernel=$1 initrd=$2 shm=$3 out=$4 tmo=${5:-${MPC_BOOT_TIMEOUT:-300}}

case ${MPC_BOOT_ARCH:-amd64} in
amd64) "$HERE/../lib/host-deps.sh" qemu ;;
arm64) "$HERE/../lib/host-deps.sh" qemu-system-arm ;;
*) echo "boot.sh: MPC_BOOT_ARCH=$MPC_BOOT_ARCH (amd64 or arm64)" >&2; exit 2 ;;
esac
mkdir -p "$out"
rm -f "$out"/console.raw "$out"/ktap.raw

# kvm_works: a test boot of $kernel under KVM prints the kernel banner.
kvm_works() {
	local d rc=0
	d=$(mktemp -d)
	timeout --kill-after=5 20 qemu-system-x86_64 -accel kvm -cpu host \
		-smp 1 -m 256 -no-reboot -nodefaults -display none \
		-monitor none -kernel "$kernel" -serial "file:$d/console" \
		-append "console=ttyS0 panic=-1" </dev/null >"$d/qemu" 2>&1 || rc=$?
	grep -q 'Linux version' "$d/console" 2>/dev/null || rc=1
	rm -rf "$d"
	return "$rc"
}

# choose_accel: "kvm" or "tcg (REASON)"
choose_accel() {
	local cache key verdict
	case ${MPC_ACCEL:-auto} in
	kvm) echo kvm; return ;;
	tcg) echo "tcg (MPC_ACCEL=tcg)"; return ;;
	auto) ;;
	*) echo "boot.sh: MPC_ACCEL=$MPC_ACCEL (kvm, tcg or auto)" >&2; exit 2 ;;
	esac
	if [ ! -e /dev/kvm ]; then
		echo "tcg (no /dev/kvm)"
		return
	fi
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo "tcg (/dev/kvm not read-write for $(id -un))"
		return
	fi
	cache=${MPC_CACHE:-/var/cache/mmap-prepare-compat}/matrix/accel
	key="$(qemu-system-x86_64 --version | head -n 1) on $(uname -r)"
	verdict=$(awk -F'\t' -v k="$key" '$1 == k { print $2 }' "$cache" 2>/dev/null | tail -n 1)
	if [ -z "$verdict" ]; then
		if kvm_works; then
			verdict=kvm
		else
			verdict="tcg (/dev/kvm present, but a test boot under KVM failed)"
		fi
		mkdir -p "$(dirname "$cache")"
		printf '%s\t%s\n' "$key" "$verdict" >>"$cache"
	fi
	echo "$verdict"
}

append="panic=-1 mitigations=off no_hash_pointers printk.time=1 rdinit=/init"
if [ "${MPC_BOOT_ARCH:-amd64}" = arm64 ]; then
	accel="tcg (arm64 guest)"
	# virt has one UART, the kernel's console; the KTAP channel is a
	# PCI 16550 on virt's PCIe host bridge, next to the ivshmem device.
	# pauth-impdef: QEMU's cheap pointer-authentication hash (the
	# architected one costs TCG much time); the tests do not see it.
	cpu=max,pauth-impdef=on
	qemu=(qemu-system-aarch64 -accel tcg -machine virt -cpu "$cpu"
	      -append "console=ttyAMA0 $append mpc.ktap=/dev/ttyS0"
	      -serial "file:$out/console.raw"
	      -chardev "file,id=ktap,path=$out/ktap.raw"
	      -device "pci-serial,chardev=ktap")
else
	accel=$(choose_accel)
	if [ "$accel" = kvm ]; then
		qemu=(qemu-system-x86_64 -accel kvm -cpu host)
	else
		qemu=(qemu-system-x86_64 -accel tcg -cpu max)
	fi
	qemu+=(-append "console=ttyS0 $append"
	       -serial "file:$out/console.raw" -serial "file:$out/ktap.raw")
fi
echo "$accel" >"$out/accel"
echo "boot.sh: accelerator: $accel" >&2
t0=$(date +%s.%N)
rc=0
timeout --kill-after=10 "$tmo" "${qemu[@]}" -smp 1 -m 512 \
	-no-reboot -nodefaults -display none -monitor none \
	-kernel "$kernel" -initrd "$initrd" \
	-device ivshmem-plain,memdev=hostmem \
	-object "memory-backend-file,id=hostmem,share=on,mem-path=$shm,size=1M" \
	</dev/null >"$out/qemu.log" 2>&1 || rc=$?
t1=$(date +%s.%N)
tr -d '\r' <"$out/console.raw" >"$out/console.log"
tr -d '\r' <"$out/ktap.raw" >"$out/ktap.log"
rm -f "$out/console.raw" "$out/ktap.raw"
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
echo "qemu ($accel) exit $rc after $secs s" >>"$out/qemu.log"
echo "$secs" >"$out/boot-seconds"
[ "$rc" != 124 ] && [ "$rc" != 137 ] || echo "boot.sh: guest timed out after $tmo s" >&2
exit 0
