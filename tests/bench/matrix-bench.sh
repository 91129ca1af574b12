#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Matrix benchmark (a report, not a timed test): a WARM local run of the
# whole test matrix (every chroot already built), its wall time, the time
# its jobs would take one after the other, and where the time goes
# (chroot, module build, boot, derived shapes).
#
#   tests/bench/matrix-bench.sh          report the last full run
#                                        ($MPC_CACHE/matrix/out: the one
#                                        scripts/test-all's matrix suite
#                                        just made, warm once the chroots
#                                        are cached); costs nothing
#   tests/bench/matrix-bench.sh --run    run a warm one now (the chroots
#                                        must exist) and report it
#   tests/bench/matrix-bench.sh --report DIR   the figures of the run in DIR
#
# A run is warm when no job spent more than 5 s getting its chroot.
set -euo pipefail
# Parsed whole before it runs, so editing this file mid-run is safe.
{

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
last=$cache/matrix/out
bench_out=$cache/matrix/bench

log() { printf 'matrix-bench: %s\n' "$*" >&2; }

# sum OUT KEY [real]: the sum of KEY over the jobs' timings.tsv (of the
# real series only: those without a derived shape)
sum() {
	local d
	for d in "$1"/*/; do
		[ -f "$d/timings.tsv" ] || continue
		[ "${3:-}" != real ] || [ ! -f "$d/shape" ] || continue
		cat "$d/timings.tsv"
	done | awk -F'\t' -v k="$2" '$1 == k { s += $2 } END { printf "%d", s }'
}
# max OUT KEY: the largest KEY of one job
max() {
	cat "$1"/*/timings.tsv 2>/dev/null |
		awk -F'\t' -v k="$2" '$1 == k && $2 > m { m = $2 } END { printf "%d", m }'
}
val() { awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$1/run.tsv"; }
warm() { [ -f "$1/run.tsv" ] && [ "$(max "$1" chroot)" -le 5 ]; }

report() {
	local o=$1 wall seq n derived_t
	wall=$(val "$o" wall)
	seq=$(sum "$o" total)
	n=$(wc -w <<<"$(val "$o" kernels)")
	derived_t=$(for d in "$o"/*/; do
		[ -f "$d/shape" ] || continue
		awk -F'\t' '$1 == "total" { print $2 }' "$d/timings.tsv"
	done | awk '{ s += $1 } END { printf "%d", s }')
	local kind="warm: every chroot cached"
	warm "$o" || kind="NOT warm: $(sum "$o" chroot) s spent building chroots"
	echo "=== matrix benchmark ($kind; $o) ==="
	printf '%-44s %6s s\n' "wall time ($n jobs, $(val "$o" jobs) at a time, make -j$(val "$o" make_jobs), $(val "$o" cpus) CPUs)" "$wall"
	printf '%-44s %6s s\n' "the same jobs one after the other" "$seq"
	awk -v a="$seq" -v b="$wall" 'BEGIN { if (b > 0) printf "%-44s %6.2f x\n", "speedup of the parallel run", a / b }'
	printf '%-44s %6s s\n' "  chroots (built, or a stamp check)" "$(sum "$o" chroot)"
	printf '%-44s %6s s\n' "  module builds (real series)" "$(sum "$o" build real)"
	printf '%-44s %6s s\n' "  guest boots + checks" "$(sum "$o" boot real)"
	printf '%-44s %6s s\n' "  derived shapes (derive, probe, build)" "$derived_t"
	if [ -f "$o/host/results.tsv" ]; then
		printf '%-44s %6s\n' "cases passed / failed" \
			"$(cat "$o"/*/results.tsv | grep -c '^PASS' || true) / $(cat "$o"/*/results.tsv | grep -c '^FAIL' || true)"
	fi
}

if [ "${1:-}" = --report ]; then
	report "${2:?usage: matrix-bench.sh --report DIR}"
	exit 0
fi
if [ "${1:-}" != --run ]; then
	if [ -f "$last/run.tsv" ]; then
		report "$last"
		warm "$last" || log "a cold run: 'tests/bench/matrix-bench.sh --run' measures a warm one"
	else
		log "no full matrix run in $last yet (tests/matrix/run.sh)"
	fi
	exit 0
fi
for s in $("$repo/tests/lib/chroot.sh" list amd64); do
	if ! "$repo/tests/lib/chroot.sh" manifest "$s" >/dev/null 2>&1; then
		log "chroot $s not built: no warm run possible (run tests/matrix/run.sh first)"
		exit 0
	fi
done
MPC_MATRIX_OUT=$bench_out MPC_TABLE_OUT=$bench_out/compat-table.rst \
	bash "$repo/tests/matrix/run.sh" >"$cache/matrix/bench.log" 2>&1 ||
	log "the warm run had failures (log: $cache/matrix/bench.log); timings below all the same"
report "$bench_out"
exit
}
