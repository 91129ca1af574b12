#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# One DERIVED API-shape target of the matrix (not a real kernel).
#
#   run-derived.sh VERSION OUTDIR [src|selftest]
#
# Derives the VERSION header tree from the 7.3 chroot's headers
# (derive.py), then, in the 7.3 chroot: compiles a header sanity module,
# runs the probe runner (config/probe-kernel.sh) and compares its results
# with the shape VERSION must have, and builds src/ against the tree.
# Appends "PASS|FAIL<TAB>case" lines to OUTDIR/results.tsv.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
LIB=$REPO/tests/lib
CACHE=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
[ $# -ge 2 ] || { echo "usage: run-derived.sh VERSION OUTDIR [src|selftest]" >&2; exit 2; }
v=$1 d=$2 modules=${3:-src}
base=7.3
label="$v (DERIVED from $base headers)"
work=$CACHE/matrix/work/derived
tree=$work/$v
mkdir -p "$d" "$work"
d=$(cd "$d" && pwd)

result() { printf '%s\t%s: %s\n' "$1" "$label" "$2" >>"$d/results.tsv"; }
timing() { printf '%s\t%s\n' "$1" "$2" >>"$d/timings.tsv"; }
problem() { sed 's/^/    /' >>"$d/problems" || true; }
# excerpt REGEX LOG: never fails, even when nothing matches
excerpt() {
	{ grep -E "$1" "$2" || tail -n 10 "$2"; } 2>/dev/null | head -n 20 |
		problem
}

# HAVE_* macros the probe runner must define for each shape
# (Documentation/internals.rst, "since" column; 7.0 is the 7.0.13 shape).
expected() {
	local e="HAVE_VMA_SET_FILE HAVE_VM_FLAGS_SET HAVE_VM_INSERT_PAGES"
	e="$e HAVE_FOP_MMAP_PREPARE"
	case $1 in 6.18|6.19|7.0.4|7.0|7.1) e="$e HAVE_VM_AREA_DESC_VM_FILE" ;; esac
	case $1 in 6.19|7.0.4|7.0|7.1)
		e="$e HAVE_VM_AREA_DESC_ACTION HAVE_VM_AREA_DESC_VMA_FLAGS"
		e="$e HAVE_VMA_FLAGS_T" ;;
	esac
	case $1 in 7.0.4|7.0|7.1) e="$e HAVE_MMAP_ACTION_PREPARE_DESC" ;; esac
	case $1 in 7.0|7.1) e="$e HAVE_MMAP_ACTION_COMPLETE_IS_COMPAT" ;; esac
	case $1 in 7.1)
		e="$e HAVE_VMA_DESC_TEST HAVE_MMAP_ACTION_SIMPLE_IOREMAP"
		e="$e HAVE_MMAP_ACTION_MAP_KERNEL_PAGES HAVE_VM_OPS_MAPPED"
		e="$e HAVE_COMPAT_SET_DESC_FROM_VMA HAVE___COMPAT_VMA_MMAP_DESC" ;;
	esac
	printf '%s\n' $e | sort
}

"$LIB/chroot.sh" ensure "$base" >/dev/null
eval "$("$LIB/chroot.sh" info "$base")"
t=$SECONDS
if ! python3 "$HERE/derive.py" "$v" "$CHROOT${KDIR%-amd64}-common" \
	"$CHROOT$KDIR" "$tree" 2>"$d/derive.log"; then
	result FAIL "derive header tree"
	problem <"$d/derive.log"
	exit 0
fi
echo "$KREL headers ($PKGVER), mmap_prepare API reshaped to $v" >"$d/shape"
timing derive $((SECONDS - t))

# run_in LOG CMD...: CMD in the 7.3 chroot with the trees and OUTDIR bound
run_in() {
	local logf=$1
	shift
	"$LIB/chroot.sh" run "$base" --bind "$work" --bind "$d" -- "$@" \
		>"$logf" 2>&1
}

# 1. the derived headers still parse
t=$SECONDS
rm -rf "$work/$v-sanity"
cp -r "$HERE/sanity" "$work/$v-sanity"
if run_in "$d/sanity.log" make -C "$tree/obj" M="$work/$v-sanity" \
	KBUILD_MODPOST_WARN=1 && ! grep -q 'warning:' "$d/sanity.log"; then
	result PASS "derived headers compile cleanly"
else
	result FAIL "derived headers compile cleanly"
	excerpt 'error|warning' "$d/sanity.log"
fi
timing sanity $((SECONDS - t))

# 2. the probe runner sees exactly this shape
t=$SECONDS
if [ ! -x "$REPO/config/probe-kernel.sh" ]; then
	# TODO: config/probe-kernel.sh is owned by the config/ helper.
	result FAIL "probe results (config/probe-kernel.sh missing)"
elif run_in "$d/probe.log" "$REPO/config/probe-kernel.sh" \
	--kernel-obj "$tree/obj" --out "$d/mmap_prepare_compat_config.h" \
	--no-cache; then
	sed -n 's/^#define \(HAVE_[A-Z0-9_]*\) 1.*/\1/p' \
		"$d/mmap_prepare_compat_config.h" | sort >"$d/probed"
	expected "$v" >"$d/expected"
	native=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' \
		"$d/mmap_prepare_compat_config.h")
	# vma_start_pgoff is 7.3-only: never expected on a derived shape
	if diff -u "$d/expected" "$d/probed" >"$d/probe.diff" &&
	   [ "$native" = 0 ]; then
		result PASS "probe results match the $v shape (compat path)"
	else
		result FAIL "probe results match the $v shape (compat path)"
		{ echo "NATIVE=$native (want 0); expected vs probed:"
		  tail -n +3 "$d/probe.diff"; } | problem
	fi
else
	result FAIL "probe runner on the derived tree"
	tail -n 20 "$d/probe.log" | problem || true
fi
timing probe $((SECONDS - t))

# 3. src/ builds against it (compile + modpost against the derived exports)
t=$SECONDS
if [ "$modules" = selftest ]; then
	mdir=tests/matrix/selftest
else
	mdir=src
fi
rm -rf "$work/$v-repo"
mkdir -p "$work/$v-repo"
tar -C "$REPO" --exclude=.git -cf - . | tar -C "$work/$v-repo" -xf -
if [ ! -f "$work/$v-repo/$mdir/Kbuild" ]; then
	result FAIL "build $mdir ($mdir/Kbuild missing)"
elif run_in "$d/build.log" make -C "$tree/obj" M="$work/$v-repo/$mdir" -j2; then
	if grep -qE 'warning:|WARNING:' "$d/build.log"; then
		result FAIL "build $mdir without warnings"
		excerpt 'warning:|WARNING:' "$d/build.log"
	else
		result PASS "build $mdir without warnings"
	fi
else
	result FAIL "build $mdir"
	excerpt 'error|ERROR|No rule|\*\*\*' "$d/build.log"
fi
timing build $((SECONDS - t))
rm -rf "$work/$v-repo" "$work/$v-sanity" "$tree"
