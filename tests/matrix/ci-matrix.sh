#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The CI job matrix, generated from the matrix's own lists: one job per
# real series of tests/matrix/kernels.conf and one per derived shape of
# tests/matrix/derived.conf (.github/workflows/ci.yml's "matrix" jobs),
# and one per KUnit target (tests/kunit/run.sh's default targets).
#
#   ci-matrix.sh              the matrix jobs, JSON: {"include": [...]}
#   ci-matrix.sh --kunit      the KUnit jobs, JSON
#   ci-matrix.sh --keys       the chroot cache key of every real series,
#                             JSON: {"SERIES": "KEY", ...}
#   ci-matrix.sh --github     the three as GitHub step outputs (matrix=...,
#                             kunit=..., keys=..., for $GITHUB_OUTPUT)
#   ci-matrix.sh --series     the series and shapes, one a line
#
# A matrix entry: series (the argument of tests/matrix/run.sh --series),
# kind (real|derived), id (the series with every character an artifact
# name cannot hold replaced by "_"), chroot (the chroot the job builds in:
# the series itself, or 7.3 for a derived shape) and key, the cache key of
# that chroot: the hash of its kernels.conf line and of the chroot recipe
# version (RECIPE= in tests/lib/chroot.sh; RECIPE_FOREIGN= too for a line
# of another architecture). Every line is a job whatever its columns (the
# optional arch, or more): its columns are part of its key.
#
# Environment: MPC_KERNELS_CONF (default tests/matrix/kernels.conf).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CONF=${MPC_KERNELS_CONF:-$HERE/kernels.conf}
DERIVED=$HERE/derived.conf
DERIVED_BASE=7.3

die() { printf 'ci-matrix.sh: %s\n' "$*" >&2; exit 1; }

[ -f "$CONF" ] || die "no $CONF"
recipe=$(sed -n 's/^RECIPE=\([0-9A-Za-z._-]*\).*/\1/p' "$REPO/tests/lib/chroot.sh")
[ -n "$recipe" ] || die "no RECIPE= in tests/lib/chroot.sh"
foreign=$(sed -n 's/^RECIPE_FOREIGN=\([0-9A-Za-z._-]*\).*/\1/p' "$REPO/tests/lib/chroot.sh")

# lines FILE: its entries (comments and blank lines dropped), whitespace
# normalised.
lines() { awk '!/^[[:space:]]*(#|$)/ { $1 = $1; print }' "$1"; }

# key SERIES: the cache key of SERIES's chroot.
key() {
	local line
	line=$(lines "$CONF" | awk -v s="$1" '$1 == s')
	[ -n "$line" ] || die "derived shapes need series $1 in $CONF"
	# a foreign-architecture line (field 8) has a recipe of its own too
	case $(cut -d' ' -f8 <<<"$line") in
	""|amd64) ;;
	*) line="$line foreign-recipe=$foreign" ;;
	esac
	printf 'chroot-%s-r%s-%s' "$1" "$recipe" \
		"$(printf '%s\n' "$line" | sha256sum | cut -c1-16)"
}

entry() { # kind series chroot
	printf '{"series":"%s","kind":"%s","id":"%s","chroot":"%s","key":"%s"}' \
		"$2" "$1" "$(printf '%s' "$2" | tr -c 'A-Za-z0-9._-' _)" "$3" "$(key "$3")"
}

matrix() {
	local s sep=''
	printf '{"include":['
	for s in $(lines "$CONF" | cut -d' ' -f1); do
		printf '%s%s' "$sep" "$(entry real "$s" "$s")"
		sep=,
	done
	for s in $(lines "$DERIVED" | cut -d' ' -f1); do
		printf '%s%s' "$sep" "$(entry derived "$s" "$DERIVED_BASE")"
		sep=,
	done
	printf ']}\n'
}

keys() {
	local s sep=''
	printf '{'
	for s in $(lines "$CONF" | cut -d' ' -f1); do
		printf '%s"%s":"%s"' "$sep" "$s" "$(key "$s")"
		sep=,
	done
	printf '}\n'
}

kunit_targets() {
	sed -n 's/.*MPC_KUNIT_TARGETS:-\([^}]*\)}.*/\1/p' "$REPO/tests/kunit/run.sh" |
		head -n 1
}

kunit() {
	local t sep='' targets
	targets=$(kunit_targets)
	[ -n "$targets" ] || die "no default targets in tests/kunit/run.sh"
	printf '{"include":['
	for t in $targets; do
		printf '%s{"target":"%s","series":"%s"}' "$sep" "$t" "${t%-debug}"
		sep=,
	done
	printf ']}\n'
}

case ${1:-} in
"") matrix ;;
--kunit) kunit ;;
--keys) keys ;;
--github) echo "matrix=$(matrix)"; echo "kunit=$(kunit)"; echo "keys=$(keys)" ;;
--series) { lines "$CONF"; lines "$DERIVED"; } | cut -d' ' -f1 ;;
*) die "usage: ci-matrix.sh [--kunit|--keys|--github|--series]" ;;
esac
