#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Probe benchmark (a report, not a timed test): against the 7.3 headers (the
# matrix chroot of MPC_BENCH_SERIES, default 7.3), prints the number of probes,
# the cold probe run (empty cache; the median of three), the cached run, and,
# measured side by side in the same run, the same probes compiled one at a
# time with one kbuild invocation each (how configure scripts usually probe)
# and what a cold run is made of (anatomy(), below): kbuild's own
# evaluation on an empty unit, the floor (one parse of the probes' headers
# with kbuild's exact command, without make), and kbuild without its
# compiler checks (need-compiler=, not used by the runner: the flags it
# drops are counted).
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

	local colds=() i
	for i in 1 2 3; do
		t=$(now)
		"$repo/config/probe-kernel.sh" --kernel-src "$kdir" --cache "$work/cache$i" \
			--out "$work/out/mmap_prepare_compat_config.h" --summary > "$work/summary"
		colds+=("$(since "$t")")
	done
	cold=$(printf '%s\n' "${colds[@]}" | sort -n | sed -n 2p)
	mv "$work/cache1" "$work/cache"
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

	anatomy "$kdir" "$work/anatomy"

	printf 'kernel headers: %s\n' "$kdir"
	printf 'probes: %d (feature rows and variant probes)\n' "$nprobes"
	printf 'cold probe run (empty cache, median of %s): %s s\n' "${colds[*]}" "$cold"
	# the second compile of the passing probes, when the failed ones left
	# errors that are not contained (config/lib/diag.sh): skipped or direct
	printf 'verification compile: %s\n' \
		"$(sed -n 's/^probe run: .*verify: \([a-z]*\))$/\1/p' "$work/summary")"
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
	awk -v c="$cold" -v e="$an_eval" -v f="$an_floor" -v l="$an_lean" -v d="$an_dropped" 'BEGIN {
		printf "cold run parts, each measured alone: kbuild evaluation %.2f s, one header parse %.2f s (the floor)\n", e, f
		printf "cold run in header parses: %.1f (the goal allows 1.0 s / 0.3 s = 3.3 parses)\n", c / f
		printf "kbuild without its compiler checks (need-compiler=, not used): %.2f s, drops %d of its flags\n", l, d }'
}

median3() { # cmd...: the median wall time of three runs, objects removed first
	local i t times=()
	for i in 1 2 3; do
		rm -f "$d"/*.o
		t=$(now)
		"$@" > /dev/null 2>&1 || true
		times+=("$(since "$t")")
	done
	printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

# What a cold run costs besides the runner, in $an_*: kbuild on an empty
# unit (its Makefiles and cc-option checks), the floor (sanity.c, which
# includes the probes' headers, compiled with kbuild's command reused as
# config/lib/compile.sh does, without make), and kbuild with the compiler
# checks skipped, with the number of flags that loses.
anatomy() { # kdir dir
	local kdir=$1 d=$2 full lean
	mkdir -p "$d"
	printf 'int mpc_empty;\n' > "$d/empty.c"
	cp "$repo/config/sanity.c" "$d/sanity.c"
	printf 'OBJECT_FILES_NON_STANDARD := y\nobj-m := sanity.o empty.o\n' > "$d/Kbuild"
	make -s -C "$kdir" M="$d" sanity.o > /dev/null 2>&1 ||
		{ echo "probe-bench: sanity.o does not build" >&2; exit 1; }
	an_eval=$(median3 make -s -C "$kdir" M="$d" empty.o)
	# shellcheck source=config/lib/compile.sh
	. "$repo/config/lib/compile.sh"
	# shellcheck disable=SC2034 # read by direct_compile
	local bdir=$d kobj=$kdir
	cp "$d/sanity.c" "$d/floor.c"
	direct_compile floor "$d/floor.log" ||
		{ echo "probe-bench: kbuild's command for sanity.o cannot be reused" >&2; exit 1; }
	an_floor=$(median3 direct_compile floor "$d/floor.log")
	full=$(sed -n 1p "$d/.empty.o.cmd" | tr ' ' '\n' | sort -u)
	an_lean=$(median3 make -s -C "$kdir" M="$d" need-compiler= empty.o)
	lean=$(sed -n 1p "$d/.empty.o.cmd" | tr ' ' '\n' | sort -u)
	an_dropped=$(comm -23 <(printf '%s\n' "$full") <(printf '%s\n' "$lean") | grep -c . || true)
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
