#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel test matrix (entry point of `make check-matrix`).
#
#   tests/matrix/run.sh            every amd64 series, the arm64 ones of
#                                  MPC_ARM64 (default one) and every
#                                  derived shape
#   tests/matrix/run.sh --series 6.1 [--series 6.19]... [--out DIR]
#                                  some of them (what one CI job runs)
#   tests/matrix/run.sh --list     "real SERIES" / "derived SHAPE" lines
#   MPC_KERNELS="6.1 7.3 6.19" tests/matrix/run.sh (the same as --series)
#
# Real series (tests/matrix/kernels.conf): build the modules in the
# release's chroot, boot the release's own kernel under QEMU (KVM when
# usable, else TCG; tests/matrix/boot.sh) with an ivshmem device and run
# tests/matrix/guest/mpc-test in it.
# Derived shapes (tests/matrix/derived.conf): header trees DERIVED from
# 7.3's headers to reproduce each version's mmap_prepare API shape; probe +
# compile only, no boot. They are not real kernels.
#
# Every job leaves in OUT/SERIES: results.tsv, ktap.log and console.log
# (real), the logs of each step, and table-row, its row of
# Documentation/compat-table.rst (tests/matrix/table.sh assembles them).
# The full run rewrites Documentation/compat-table.rst; a run of some
# series writes OUT/compat-table.rst.
#
# Environment:
#   MPC_KERNELS            series/shapes to run (default: every amd64
#                          series, the arm64 ones of MPC_ARM64, every shape)
#   MPC_ARM64              the arm64 series of the default set: local
#                          (the default: 5.10-arm64 alone, one cross build
#                          and one boot), all (every arm64 line of
#                          kernels.conf), none, or a list of series.
#                          --series/MPC_KERNELS take any series
#                          (KERNELS, the older name, still works).
#   MPC_CACHE              cache root (default /var/cache/mmap-prepare-compat)
#   MPC_MATRIX_OUT         results (default $MPC_CACHE/matrix/out, or
#                          $MPC_CACHE/matrix/series/NAME for --series NAME)
#   MPC_MATRIX_MODULES     src (default) or selftest (the harness stand-in
#                          tests/matrix/selftest instead of src/)
#   MPC_MATRIX_JOBS        series run at the same time (default: the
#                          number of CPUs, at least 2); each job's make
#                          gets -j CPUS/JOBS (at least 1), so module builds
#                          never oversubscribe the cores
#   MPC_CHROOT_JOBS        chroot builds at the same time (tests/lib/chroot.sh)
#   MPC_KERNELS_CONF       the real series (default tests/matrix/kernels.conf)
#   MPC_BOOT_TIMEOUT       seconds per guest (default 300)
#   MPC_ACCEL              kvm, tcg or auto (default; tests/matrix/boot.sh)
#   MPC_LOAD_SECONDS       duration of the guest load test (default 3)
#   MPC_FUZZ_SECONDS       duration of the randomized phase per prefix
#                          (default 3)
#   MPC_FUZZ_SEED          its seed (default: from the clock; the guest
#                          prints the one it used, to replay a failure)
#   MPC_BENCH=0            skip the benchmark
#
# Ends with "N passed, N failed"; exits 1 when anything failed.
set -euo pipefail
# Parsed whole before it runs, so editing this file mid-run is safe.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LIB=$REPO/tests/lib
export MPC_CACHE=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
MODULES=${MPC_MATRIX_MODULES:-src}
NCPU=$(nproc 2>/dev/null || echo 2)
JOBS=${MPC_MATRIX_JOBS:-$((NCPU > 2 ? NCPU : 2))}
MAKE_JOBS=$((NCPU / JOBS > 1 ? NCPU / JOBS : 1))
export MPC_MAKE_JOBS=${MPC_MAKE_JOBS:-$MAKE_JOBS}
export MPC_CHROOT_JOBS=${MPC_CHROOT_JOBS:-$JOBS}
DERIVED_ALL=$(awk '!/^[[:space:]]*(#|$)/ { print $1 }' "$HERE/derived.conf" | xargs)
REAL_ALL=$("$LIB/chroot.sh" list | xargs)
# arm64 series are cross-built and booted under TCG (minutes each): the
# local run keeps one, the CI engine's per-series jobs run every one.
ARM64_LOCAL=5.10-arm64
ARM64_ALL=$("$LIB/chroot.sh" list arm64 | xargs)
case ${MPC_ARM64:-local} in
local) ARM64=$(tr ' ' '\n' <<<"$ARM64_ALL" | grep -Fx "$ARM64_LOCAL" || true) ;;
all) ARM64=$ARM64_ALL ;;
none) ARM64= ;;
*) ARM64=$MPC_ARM64 ;;
esac
DEFAULT_SET=$(printf '%s\n' "$("$LIB/chroot.sh" list amd64)" "$ARM64" "$DERIVED_ALL" | xargs)

log() { printf '[matrix %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

series=()
out_arg=
while [ $# -gt 0 ]; do
	case $1 in
	--series) [ $# -ge 2 ] || die "--series needs a name"
		series+=("$2"); shift 2 ;;
	--out) [ $# -ge 2 ] || die "--out needs a directory"
		out_arg=$2; shift 2 ;;
	--list) for k in $REAL_ALL; do echo "real $k"; done
		for k in $DERIVED_ALL; do echo "derived $k"; done
		exit 0 ;;
	-h|--help) sed -n '4,50s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
done
if [ ${#series[@]} -gt 0 ]; then
	KERNELS=${series[*]}
	# a private results directory: a concurrent full run keeps its own
	OUT=${out_arg:-${MPC_MATRIX_OUT:-$MPC_CACHE/matrix/series/$(printf '%s_' "${series[@]}" | sed 's/_$//')}}
else
	OUT=${out_arg:-${MPC_MATRIX_OUT:-$MPC_CACHE/matrix/out}}
fi
KERNELS=${MPC_KERNELS:-${KERNELS:-$DEFAULT_SET}}
# A table of some series goes next to their results (tests/matrix/table.sh):
# only a run of every series and shape (MPC_ARM64=all) rewrites the
# committed one.
[ "$KERNELS" = "$REAL_ALL $DERIVED_ALL" ] || export KERNELS

[ "$(id -u)" = 0 ] || die "must run as root (chroots, namespaces)"
case $MODULES in src|selftest) ;; *) die "MPC_MATRIX_MODULES=$MODULES" ;; esac

is_real() { case " $REAL_ALL " in *" $1 "*) return 0 ;; esac; return 1; }
is_derived() { case " $DERIVED_ALL " in *" $1 "*) return 0 ;; esac; return 1; }
for k in $KERNELS; do
	is_real "$k" || is_derived "$k" ||
		die "unknown kernel '$k' (real: $REAL_ALL; derived: $DERIVED_ALL)"
done

# Work trees of this run only: two runs at once (a CI job and a local
# --series run) never share one.
mkdir -p "$MPC_CACHE/matrix/runs"
WORK=$(mktemp -d "$MPC_CACHE/matrix/runs/run.XXXXXX")
export MPC_MATRIX_WORK=$WORK
trap 'rm -rf "$WORK"' EXIT

T0=$SECONDS
rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
"$LIB/host-deps.sh"

# result DIR PASS|FAIL TEXT: record one case of a job.
result() { printf '%s\t%s\n' "$2" "$3" >>"$1/results.tsv"; }
# timing DIR KEY SECONDS
timing() { printf '%s\t%s\n' "$2" "$3" >>"$1/timings.tsv"; }

# ------------------------------------------------------------ host side
host_build() {
	local d=$OUT/host
	mkdir -p "$d"
	local ok=1 f p
	local -a src
	for f in mpc-test mpc-bench; do
		[ -f "$HERE/guest/$f.c" ] || continue
		# a program is FILE.c plus its parts FILE-*.c
		src=("$HERE/guest/$f.c")
		for p in "$HERE/guest/$f"-*.c; do
			[ ! -f "$p" ] || src+=("$p")
		done
		if gcc -static -O2 -Wall -Wextra -Werror -pthread -o "$d/$f" \
		       "${src[@]}" >"$d/$f.build.log" 2>&1; then
			result "$d" PASS "host: build static $f"
		else
			result "$d" FAIL "host: build static $f"
			sed 's/^/    /' "$d/$f.build.log" >>"$d/problems"
			ok=0
		fi
	done
	[ $ok = 1 ]
}

# ------------------------------------------------------------ real series

# stage_tree S: a private copy of the checkout for one series, so that
# parallel builds never share object files. Prints its path.
stage_tree() {
	local dst=$WORK/$1/repo
	rm -rf "${WORK:?}/$1"
	mkdir -p "$dst"
	tar -C "$REPO" --exclude=.git -cf - . | tar -C "$dst" -xf -
	printf '%s\n' "$dst"
}

# kbuild S TREE MDIR LOG [MAKE ARGS...]: make -C KDIR M=MDIR in the chroot
# of S (cross-built for a foreign architecture: ARCH= CROSS_COMPILE=).
kbuild() {
	local s=$1 tree=$2 mdir=$3 logf=$4 KDIR KARCH CROSS_COMPILE
	local -a cross=()
	shift 4
	eval "$("$LIB/chroot.sh" info "$s" | grep -E '^(KDIR|KARCH|CROSS_COMPILE)=')"
	[ "$KARCH" = amd64 ] || cross=(ARCH="$KARCH" CROSS_COMPILE="$CROSS_COMPILE")
	"$LIB/chroot.sh" run "$s" --bind "$WORK/$s" -- \
		make -C "$KDIR" M="$mdir" "${cross[@]}" -j"$MPC_MAKE_JOBS" \
		MMAP_PREPARE_COMPAT_STRICT=1 "$@" >"$logf" 2>&1
}

# guest_build S DIR: the static guest programs for a foreign-architecture
# series, built in its chroot with the cross compiler (gcc field of
# kernels.conf) into DIR, as host_build builds them for amd64.
guest_build() {
	local s=$1 dir=$2 f p cc GCC CROSS_COMPILE
	local -a src
	eval "$("$LIB/chroot.sh" info "$s" | grep -E '^(GCC|CROSS_COMPILE)=')"
	# gcc-N-aarch64-linux-gnu installs aarch64-linux-gnu-gcc-N
	cc=$CROSS_COMPILE${GCC%-"${CROSS_COMPILE%-}"}
	mkdir -p "$dir"
	for f in mpc-test mpc-bench; do
		[ -f "$HERE/guest/$f.c" ] || continue
		src=("$HERE/guest/$f.c")
		for p in "$HERE/guest/$f"-*.c; do
			[ ! -f "$p" ] || src+=("$p")
		done
		if "$LIB/chroot.sh" run "$s" --bind "$dir" -- "$cc" -static -O2 \
			-Wall -Wextra -Werror -pthread -o "$dir/$f" "${src[@]}" \
			>"$dir/$f.build.log" 2>&1; then
			result "$d" PASS "$s: build static $f ($cc)"
		else
			result "$d" FAIL "$s: build static $f ($cc)"
			sed 's/^/    /' "$dir/$f.build.log" >>"$d/problems"
			return 1
		fi
	done
}

# excerpt REGEX LOG: the first matching lines of LOG (else its tail) go
# to the job's problems file. Never fails (a failing pipeline would end the
# job under set -e).
excerpt() {
	{ grep -E "$1" "$2" || tail -n 10 "$2"; } 2>/dev/null | head -n 20 |
		sed 's/^/    /' >>"$d/problems" || true
}

# warnings LOG: compiler/modpost warnings in a build log.
warnings() {
	grep -E 'warning:|WARNING:' "$1" || true
}

real_job() {
	# shellcheck disable=SC2034 # set by eval of chroot.sh info
	local s=$1 d=$OUT/$1 t CHROOT KREL KDIR KIMAGE PKGVER SUITES GCC
	local EXPECT_PATH KARCH CROSS_COMPILE tree mdir guest=$OUT/host
	mkdir -p "$d"
	: >"$d/results.tsv"

	t=$SECONDS
	if ! "$LIB/chroot.sh" ensure "$s" >"$d/chroot.log" 2>&1; then
		result "$d" FAIL "$s: chroot"
		tail -n 20 "$d/chroot.log" | sed 's/^/    /' >>"$d/problems"
		return 0
	fi
	timing "$d" chroot $((SECONDS - t))
	eval "$("$LIB/chroot.sh" info "$s")"
	"$LIB/chroot.sh" manifest "$s" >"$d/manifest"
	result "$d" PASS "$s: chroot ($KREL $PKGVER)"

	# build
	t=$SECONDS
	tree=$(stage_tree "$s")
	if [ "$MODULES" = selftest ]; then
		mdir=$tree/tests/matrix/selftest
	else
		mdir=$tree/src
	fi
	if [ ! -f "$mdir/Kbuild" ] && [ ! -f "$mdir/Makefile" ]; then
		result "$d" FAIL "$s: build modules ($mdir has no Kbuild;" \
			"MPC_MATRIX_MODULES=selftest tests the harness alone)"
		return 0
	fi
	if kbuild "$s" "$tree" "$mdir" "$d/build.log"; then
		if [ -n "$(warnings "$d/build.log")" ]; then
			result "$d" FAIL "$s: build modules without warnings"
			excerpt 'warning:|WARNING:' "$d/build.log"
		else
			result "$d" PASS "$s: build modules without warnings"
		fi
	else
		result "$d" FAIL "$s: build modules"
		excerpt 'error|Error|No rule|\*\*\*' "$d/build.log"
		return 0
	fi
	timing "$d" build $((SECONDS - t))

	# the compat path's VMA_*_BIT against this kernel's flags (and 7.3's
	# own numbers): a compile-time check, the module is never loaded
	if [ "$MODULES" = src ] && [ -f "$tree/tests/matrix/vmabits/Kbuild" ]; then
		if kbuild "$s" "$tree" "$tree/tests/matrix/vmabits" "$d/vmabits.log" &&
		   [ -z "$(warnings "$d/vmabits.log")" ]; then
			result "$d" PASS "$s: VMA_*_BIT checks (tests/matrix/vmabits)"
		else
			result "$d" FAIL "$s: VMA_*_BIT checks (tests/matrix/vmabits)"
			excerpt 'error|warning:|WARNING:|\*\*\*' "$d/vmabits.log"
		fi
	fi

	# the third-party driver (tests/thirdparty/acme) with the compat layer
	# embedded under its own prefix, loaded next to the shared module
	local -a mods=() tp=()
	if [ "$MODULES" = src ] && [ -f "$tree/tests/thirdparty/acme/Kbuild" ]; then
		if kbuild "$s" "$tree" "$tree/tests/thirdparty/acme" \
			  "$d/thirdparty.log" ACME_MODE=embedded; then
			mapfile -t tp < <(find "$tree/tests/thirdparty/acme" \
					  -name '*.ko' -size +0 | sort)
			result "$d" PASS "$s: build tests/thirdparty/acme (embedded)"
		else
			result "$d" FAIL "$s: build tests/thirdparty/acme (embedded)"
			excerpt 'error|Error|No rule|\*\*\*' "$d/thirdparty.log"
		fi
	fi

	# a foreign architecture's guest: its own static programs and busybox
	local busybox='' flags
	if [ "$KARCH" != amd64 ]; then
		# what configure and dkms.conf add to kbuild for this tree
		flags=$(bash "$REPO/config/kbuild-flags.sh" "$CHROOT$KDIR" 2>&1 || true)
		if [ "$flags" = "ARCH=$KARCH CROSS_COMPILE=$CROSS_COMPILE" ]; then
			result "$d" PASS "$s: config/kbuild-flags.sh (configure, DKMS): $flags"
		else
			result "$d" FAIL "$s: config/kbuild-flags.sh (configure, DKMS): $flags"
		fi
		guest=$d/guest
		guest_build "$s" "$guest" || return 0
		busybox=$CHROOT$(readlink "$CHROOT/usr/lib/mpc-foreign/$KARCH.busybox")
	fi

	# load order: shared module, third party, example, forced copy
	local -a args=()
	local ko
	if [ "$MODULES" = selftest ]; then
		mods=("$mdir/mpc_selftest.ko")
		EXPECT_PATH=compat
	else
		ko=$mdir/mmap_prepare_compat.ko
		[ ! -s "$ko" ] || mods+=("$ko")
		mods+=("${tp[@]}" "$mdir/mpc_example.ko")
		ko=$mdir/mpc_example_forced.ko
		if [ -s "$ko" ]; then
			mods+=("$ko")
			args+=(-p mpc_ -p mpcf_)
		fi
	fi
	for ko in "${mods[@]}"; do
		args+=(-m "$ko")
	done
	args+=(-e "$EXPECT_PATH" -l "${MPC_LOAD_SECONDS:-3}")
	args+=(-f "${MPC_FUZZ_SECONDS:-3}")
	[ -z "${MPC_FUZZ_SEED:-}" ] || args+=(-s "$MPC_FUZZ_SEED")
	if [ "${MPC_BENCH:-1}" = 1 ] && [ -x "$guest/mpc-bench" ] &&
	   [ "$MODULES" = src ]; then
		args+=(-x /bin/mpc-bench)
	fi
	local bench=-
	[ ! -x "$guest/mpc-bench" ] || bench=$guest/mpc-bench
	if ! MPC_BUSYBOX=$busybox "$HERE/initramfs.sh" "$d/initrd.cpio" \
		"$guest/mpc-test" "$bench" -- "${args[@]}" \
		>"$d/initramfs.log" 2>&1; then
		result "$d" FAIL "$s: pack initramfs"
		sed 's/^/    /' "$d/initramfs.log" >>"$d/problems"
		return 0
	fi

	# boot
	"$OUT/host/mpc-test" --fill-shm "$d/ivshmem.bin"
	MPC_BOOT_ARCH=$KARCH "$HERE/boot.sh" "$KIMAGE" "$d/initrd.cpio" \
		"$d/ivshmem.bin" "$d"
	timing "$d" boot "$(cat "$d/boot-seconds")"
	"$HERE/parse.sh" "$d" "$s"
	sed -n 's/^# bench: //p' "$d/ktap.log" >"$d/bench.txt"
	[ -s "$d/bench.txt" ] || rm -f "$d/bench.txt"
	if "$OUT/host/mpc-test" --check-shm "$d/ivshmem.bin" \
		2>"$d/shm-check.log"; then
		result "$d" PASS "$s: host sees the guest's shared BAR 2 write only"
	else
		result "$d" FAIL "$s: host sees the guest's shared BAR 2 write only"
		sed 's/^/    /' "$d/shm-check.log" >>"$d/problems"
	fi
	rm -f "$d/initrd.cpio"
	rm -rf "${WORK:?}/$s"
}

# ------------------------------------------------------ derived shapes

derived_job() {
	local v=$1 d=$OUT/$1
	mkdir -p "$d"
	: >"$d/results.tsv"
	if [ ! -x "$HERE/derive/run-derived.sh" ]; then
		result "$d" FAIL "$v (DERIVED): tests/matrix/derive/run-derived.sh missing"
		return 0
	fi
	"$HERE/derive/run-derived.sh" "$v" "$d" "$MODULES" ||
		result "$d" FAIL "$v (DERIVED): run-derived.sh exited $?"
}

# ------------------------------------------------------------------ run

run_job() {
	local k=$1 t=$SECONDS
	if is_real "$k"; then
		real_job "$k"
	else
		derived_job "$k"
	fi
	touch "$OUT/$k/.done"
	local n f
	n=$(grep -c '^PASS' "$OUT/$k/results.tsv" || true)
	f=$(grep -c '^FAIL' "$OUT/$k/results.tsv" || true)
	timing "$OUT/$k" total $((SECONDS - t))
	"$HERE/table.sh" --row "$OUT" "$k" >"$OUT/$k/table-row" ||
		result "$OUT/$k" FAIL "$k: its row of the compatibility table"
	log "$k: $n passed, $f failed ($((SECONDS - t)) s)"
}

log "kernels: $KERNELS (modules from $MODULES; results in $OUT;" \
	"$JOBS at a time, make -j$MPC_MAKE_JOBS)"
if host_build; then
	# Real series first (their chroots take longest), at most $JOBS
	# at a time (default: one per CPU): chroot builds, module builds
	# (make -j CPUS/JOBS each) and TCG guests overlap without
	# oversubscribing the cores.
	running=0
	for k in $KERNELS; do
		if [ $running -ge "$JOBS" ]; then
			wait -n || true
			running=$((running - 1))
		fi
		run_job "$k" &
		running=$((running + 1))
	done
	wait
fi

# ------------------------------------------------------------- report
# A job that died half-way (a bug here) must not pass by omission.
for k in $KERNELS; do
	if [ ! -f "$OUT/$k/.done" ]; then
		mkdir -p "$OUT/$k"
		printf 'FAIL\t%s: matrix job ended early (harness bug; see %s)\n' \
			"$k" "$OUT/$k" >>"$OUT/$k/results.tsv"
	fi
done
echo
echo "=== per-case results ==="
for k in host $KERNELS; do
	[ -f "$OUT/$k/results.tsv" ] || continue
	while IFS=$'\t' read -r st name; do
		if [ "$st" = PASS ]; then
			printf 'ok     %s\n' "$name"
		else
			printf 'FAIL   %s\n' "$name"
		fi
	done <"$OUT/$k/results.tsv"
done

if compgen -G "$OUT/*/problems" >/dev/null; then
	echo
	echo "=== problems ==="
	for f in "$OUT"/*/problems; do
		[ -s "$f" ] || continue
		echo "--- $(basename "$(dirname "$f")") (logs: $(dirname "$f"))"
		head -n 40 "$f"
	done
fi

echo
echo "=== what ran ==="
for k in $KERNELS; do
	if is_real "$k" && [ -f "$OUT/$k/manifest" ]; then
		printf '%-5s %s (booted: %s)\n' "$k" "$(grep -E '^linux-(image|headers)-[0-9]' \
			"$OUT/$k/manifest" | xargs)" "$(cat "$OUT/$k/accel" 2>/dev/null || echo -)"
	elif is_derived "$k" && [ -f "$OUT/$k/shape" ]; then
		printf '%-5s DERIVED from %s (not a real kernel)\n' "$k" \
			"$(cat "$OUT/$k/shape")"
	fi
done

echo
echo "=== timings (s) ==="
for k in $KERNELS; do
	[ -f "$OUT/$k/timings.tsv" ] || continue
	printf '%-5s %s\n' "$k" "$(tr '\t\n' '= ' <"$OUT/$k/timings.tsv")"
done
echo "total $((SECONDS - T0))"
# for tests/bench/matrix-bench.sh
printf 'wall\t%s\njobs\t%s\nmake_jobs\t%s\ncpus\t%s\nkernels\t%s\n' \
	$((SECONDS - T0)) "$JOBS" "$MPC_MAKE_JOBS" "$NCPU" "$KERNELS" >"$OUT/run.tsv"

if compgen -G "$OUT/*/bench.txt" >/dev/null; then
	echo
	echo "=== benchmark (reported, not pass/fail) ==="
	for f in "$OUT"/*/bench.txt; do
		echo "--- $(basename "$(dirname "$f")")"
		cat "$f"
	done
fi

if [ -x "$HERE/table.sh" ]; then
	echo
	"$HERE/table.sh" "$OUT" || log "table.sh failed"
fi

passed=$(cat "$OUT"/*/results.tsv 2>/dev/null | grep -c '^PASS' || true)
failed=$(cat "$OUT"/*/results.tsv 2>/dev/null | grep -c '^FAIL' || true)
[ "$passed$failed" != 00 ] || failed=1
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
exit
}
