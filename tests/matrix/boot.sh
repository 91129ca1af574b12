#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one test guest under QEMU/TCG and collect its serial output.
#
#   boot.sh KERNEL INITRD SHMFILE OUTDIR [TIMEOUT_S]
#
# OUTDIR/console.log  kernel console (ttyS0), \r stripped
# OUTDIR/ktap.log     mpc-test output (ttyS1), \r stripped
# OUTDIR/qemu.log     QEMU's own messages and exit status
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
append="console=ttyS0 panic=-1 mitigations=off no_hash_pointers"
append="$append printk.time=1 rdinit=/init"
t0=$(date +%s.%N)
rc=0
timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
	-accel tcg -cpu max -smp 1 -m 512 \
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
echo "qemu exit $rc after $secs s" >>"$out/qemu.log"
echo "$secs" >"$out/boot-seconds"
[ "$rc" != 124 ] && [ "$rc" != 137 ] || echo "boot.sh: guest timed out after $tmo s" >&2
exit 0
