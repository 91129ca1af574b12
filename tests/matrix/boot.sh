#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one test guest under QEMU and collect its serial output.
#
#   boot.sh KERNEL INITRD SHMFILE OUTDIR [TIMEOUT_S]
#
# OUTDIR/console.log  kernel console (ttyS0), \r stripped
# OUTDIR/ktap.log     mpc-test output (ttyS1), \r stripped
# OUTDIR/qemu.log     QEMU's own messages and exit status
# OUTDIR/accel        the accelerator used and why: "kvm", or "tcg (REASON)"
#
# MPC_ACCEL=auto (default) uses KVM when /dev/kvm is there, read-write,
# and a test boot of KERNEL under KVM reaches the kernel's banner (KVM
# can be present but unusable: nested or restricted hosts, where every CPU
# model fails or hangs); else TCG. The verdict is cached per QEMU and host
# kernel in $MPC_CACHE/matrix/accel. MPC_ACCEL=kvm or tcg forces one.
# SHMFILE backs an ivshmem-plain device (PCI BAR 2, 1 MiB) shared with
# the host. QEMU exits 0 even after a guest panic: callers must judge the
# logs (tests/matrix/parse.sh), never the exit status alone.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 4 ] || { echo "usage: boot.sh KERNEL INITRD SHMFILE OUTDIR [TIMEOUT]" >&2; exit 2; }
kernel=$1 initrd=$2 shm=$3 out=$4 tmo=${5:-${MPC_BOOT_TIMEOUT:-300}}

"$HERE/../lib/host-deps.sh" qemu
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

accel=$(choose_accel)
echo "$accel" >"$out/accel"
echo "boot.sh: accelerator: $accel" >&2
if [ "$accel" = kvm ]; then
	accel_args=(-accel kvm -cpu host)
else
	accel_args=(-accel tcg -cpu max)
fi
append="console=ttyS0 panic=-1 mitigations=off no_hash_pointers"
append="$append printk.time=1 rdinit=/init"
t0=$(date +%s.%N)
rc=0
timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
	"${accel_args[@]}" -smp 1 -m 512 \
	-no-reboot -nodefaults -display none -monitor none \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	-serial "file:$out/console.raw" -serial "file:$out/ktap.raw" \
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
