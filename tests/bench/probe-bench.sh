#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Probe benchmark (a report, not a timed test): against the 7.3 headers (the
# matrix chroot of MPC_BENCH_SERIES, default 7.3), prints the number of probes,
# the cold probe run (empty cache), the cached run, and, measured side by
# side in the same run, the same probes compiled one at a time with one
# kbuild invocation each (how configure scripts usually probe).
#
#   tests/bench/probe-bench.sh [--here KDIR]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

bench() { # kdir
	local kdir=$1 work t cold cached one nprobes f n
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-bench.XXXXXX")
	trap 'rm -rf "$work"' RETURN
	nprobes=$(ls "$repo"/config/probes/*.c "$repo"/config/probes/variants/*.c | wc -l)

	t=$(now)
	"$repo/config/probe-kernel.sh" --kernel-src "$kdir" --cache "$work/cache" \
		--out "$work/out/mmap_prepare_compat_config.h" --quiet
	cold=$(since "$t")
	t=$(now)
	"$repo/config/probe-kernel.sh" --kernel-src "$kdir" --cache "$work/cache" \
		--out "$work/out/mmap_prepare_compat_config.h" --quiet
	cached=$(since "$t")

	# One at a time: one kbuild run per probe, as the classic conftest loop.
	t=$(now)
	for f in "$repo"/config/probes/*.c "$repo"/config/probes/variants/*.c; do
		n=$(basename "$f" .c)
		mkdir -p "$work/one/$n"
		cp "$f" "$work/one/$n/p.c"
		printf 'OBJECT_FILES_NON_STANDARD := y\nccflags-y := -Wno-error -Werror=incompatible-pointer-types\n' \
			> "$work/one/$n/Kbuild"
		make -s -C "$kdir" M="$work/one/$n" p.o > /dev/null 2>&1 || true
	done
	one=$(since "$t")

	# The whole ./configure (autoconf checks + probes), cold then cached.
	local cc cfg_cold=n/a cfg_cached=n/a
	cc=$(command -v gcc || ls /usr/bin/gcc-[0-9]* 2>/dev/null | head -n 1)
	if [ -x "$repo/configure" ] && [ -n "$cc" ]; then
		mkdir -p "$work/cfg"
		t=$(now)
		(cd "$work/cfg" && MPC_CACHE="$work/cfgcache" CC=$cc \
			"$repo/configure" -C --quiet --with-linux="$kdir" > /dev/null)
		cfg_cold=$(since "$t")
		t=$(now)
		(cd "$work/cfg" && MPC_CACHE="$work/cfgcache" CC=$cc \
			"$repo/configure" -C --quiet --with-linux="$kdir" > /dev/null)
		cfg_cached=$(since "$t")
	fi

	printf 'kernel headers: %s\n' "$kdir"
	printf 'probes: %d (feature rows and variant probes)\n' "$nprobes"
	printf 'cold probe run (empty cache): %s s\n' "$cold"
	printf 'cached probe run: %s s\n' "$cached"
	printf 'cold ./configure -C (no config.cache, probes not cached): %s s\n' "$cfg_cold"
	printf 'cached ./configure -C (config.cache and probe results reused): %s s\n' "$cfg_cached"
	printf 'same probes one at a time (one kbuild run each): %s s\n' "$one"
	awk -v a="$one" -v b="$cold" 'BEGIN { printf "ratio one-at-a-time / batched cold: %.1fx\n", a / b }'
	# against the goals of the probe runner (on 7.3 headers): cold at
	# most 1.0 s, cached at most 0.1 s, cold ./configure at most 3 s
	awk -v c="$cold" -v k="$cached" -v f="$cfg_cold" 'BEGIN {
		printf "goal ratios (measured / goal, <= 1.0 meets it): cold %.2f, cached %.2f", c / 1.0, k / 0.1
		if (f != "n/a") printf ", configure %.2f", f / 3.0
		printf "\n" }'
}

if [ "${1:-}" = --here ]; then
	bench "${2:?KDIR}"
	exit 0
fi

if [ ! -x "$repo/configure" ] || [ "$repo/configure.ac" -nt "$repo/configure" ]; then
	(cd "$repo" && autoreconf -fi > /dev/null 2>&1) || echo "probe-bench: autoreconf failed: no configure timing" >&2
fi
# MPC_BENCH_SERIES: the matrix series to measure, one report each (the
# older BENCH_SERIES works too)
for series in ${MPC_BENCH_SERIES:-${BENCH_SERIES:-7.3}}; do
	"$repo/tests/lib/chroot.sh" ensure "$series" >&2
	eval "$("$repo/tests/lib/chroot.sh" info "$series")"
	echo "# probe benchmark, series $series ($(nproc) cores)"
	# shellcheck disable=SC2154
	"$repo/tests/lib/chroot.sh" run "$series" -- \
		bash "$repo/tests/bench/probe-bench.sh" --here "$KDIR"
done
