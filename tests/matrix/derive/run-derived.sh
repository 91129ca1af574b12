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
work=${MPC_MATRIX_WORK:-$CACHE/matrix/runs}/derived
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

# The state of config/api-states.tsv each shape must probe as (7.0 is the
# 7.0.13 shape); the fake shapes match no state.
state_of() {
	case $1 in
	6.17) echo 6.16 ;;
	7.0) echo 7.0.13 ;;
	6.16+vma_flags_t|future) echo unknown ;;
	*) echo "$1" ;;
	esac
}

# HAVE_* macros the probe runner must define for a state: its state probes
# (variant probes define MPC_VARIANT_*, not HAVE_*) and every building
# block (the base is 7.3, which has them all), from config/api-states.tsv
# and the probes' Macro: lines.
expected() { # state
	local p f
	awk -F'\t' -v s="$1" '
		$1 == "state" && $2 == s && $5 != "-" { print $5 }
		$1 == "block" { print $2 }' "$REPO/config/api-states.tsv" |
	tr ' ' '\n' | while read -r p; do
		f=$REPO/config/probes/$p.c
		[ -f "$f" ] || continue	# a variant probe
		sed -n 's/^ \* Macro: *\(HAVE_[A-Z0-9_]*\).*/\1/p' "$f"
	done | sort
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

# 2. the probe runner sees exactly this shape (under
# MMAP_PREPARE_COMPAT_STRICT=1, as the matrix and CI run it)
t=$SECONDS
state=$(state_of "$v")
probe() { # log out [VAR=value...]: the runner on the derived tree
	local logf=$1 outf=$2
	shift 2
	run_in "$logf" env "$@" "$REPO/config/probe-kernel.sh" \
		--kernel-obj "$tree/obj" --out "$outf" --no-cache
}
if [ "$state" != unknown ]; then
	if probe "$d/probe.log" "$d/mmap_prepare_compat_config.h" \
		MMAP_PREPARE_COMPAT_STRICT=1; then
		sed -n 's/^#define \(HAVE_[A-Z0-9_]*\) 1.*/\1/p' \
			"$d/mmap_prepare_compat_config.h" | sort >"$d/probed"
		expected "$state" >"$d/expected"
		native=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' \
			"$d/mmap_prepare_compat_config.h")
		if diff -u "$d/expected" "$d/probed" >"$d/probe.diff" &&
		   [ "$native" = 0 ]; then
			result PASS "probe results match the $state state (compat path)"
		else
			result FAIL "probe results match the $state state (compat path)"
			{ echo "NATIVE=$native (want 0); expected vs probed:"
			  tail -n +3 "$d/probe.diff"; } | problem
		fi
	else
		result FAIL "probe runner on the derived tree"
		tail -n 20 "$d/probe.log" | problem || true
	fi
elif [ "$v" = future ]; then
	# no .mmap and an unknown combination: refused, naming what failed
	if probe "$d/probe.log" "$d/mmap_prepare_compat_config.h"; then
		result FAIL "a kernel without .mmap and of no known state is refused"
		tail -n 5 "$d/probe.log" | problem || true
	elif grep -q 'no file_operations.mmap' "$d/probe.log" &&
	     grep -q 'vm_ops_mapped' "$d/probe.log"; then
		result PASS "a kernel without .mmap and of no known state is refused, naming vm_ops_mapped"
	else
		result FAIL "a kernel without .mmap and of no known state is refused, naming vm_ops_mapped"
		tail -n 5 "$d/probe.log" | problem || true
	fi
else
	# a partial backport with .mmap: compat path and a warning naming
	# the unexpected probe; an error under MMAP_PREPARE_COMPAT_STRICT=1
	if probe "$d/probe.log" "$d/mmap_prepare_compat_config.h" &&
	   grep -q 'warning: .*present beyond it: vma_flags_t' "$d/probe.log" &&
	   grep -q '^#define MMAP_PREPARE_COMPAT_NATIVE 0' "$d/mmap_prepare_compat_config.h"; then
		result PASS "an unknown kernel with .mmap gets the compat path and a warning naming vma_flags_t"
	else
		result FAIL "an unknown kernel with .mmap gets the compat path and a warning naming vma_flags_t"
		tail -n 5 "$d/probe.log" | problem || true
	fi
	if probe "$d/strict.log" "$d/strict.h" MMAP_PREPARE_COMPAT_STRICT=1; then
		result FAIL "MMAP_PREPARE_COMPAT_STRICT=1 refuses it"
	elif grep -q 'error: .*present beyond it: vma_flags_t' "$d/strict.log"; then
		result PASS "MMAP_PREPARE_COMPAT_STRICT=1 refuses it"
	else
		result FAIL "MMAP_PREPARE_COMPAT_STRICT=1 refuses it"
		tail -n 5 "$d/strict.log" | problem || true
	fi
fi
timing probe $((SECONDS - t))

# 3. src/ builds against it (compile + modpost against the derived exports)
t=$SECONDS
if [ "$modules" = selftest ]; then
	mdir=tests/matrix/selftest
else
	mdir=src
fi
strict=(MMAP_PREPARE_COMPAT_STRICT=1)
[ "$state" != unknown ] || strict=()
rm -rf "$work/$v-repo"
mkdir -p "$work/$v-repo"
tar -C "$REPO" --exclude=.git -cf - . | tar -C "$work/$v-repo" -xf -
if [ "$v" = future ]; then
	: # refused above: nothing to build
elif [ ! -f "$work/$v-repo/$mdir/Kbuild" ]; then
	result FAIL "build $mdir ($mdir/Kbuild missing)"
elif run_in "$d/build.log" make -C "$tree/obj" M="$work/$v-repo/$mdir" -j"${MPC_MAKE_JOBS:-2}" \
	"${strict[@]}"; then
	# the fake partial backport's expected warning is the runner's own
	if grep -E 'warning:|WARNING:' "$d/build.log" |
	   grep -qv '^probe-kernel.sh: warning: kernel .* matches no known kernel state'; then
		result FAIL "build $mdir without warnings"
		excerpt '^[^p].*(warning:|WARNING:)' "$d/build.log"
	else
		result PASS "build $mdir without warnings"
	fi
else
	result FAIL "build $mdir"
	excerpt 'error|ERROR|No rule|\*\*\*' "$d/build.log"
fi
timing build $((SECONDS - t))
rm -rf "$work/$v-repo" "$work/$v-sanity" "$tree"
