#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# How fast is scripts/mpc-port? Prints figures, asserts nothing (issue 9's
# targets: one typical driver file in under 2 s, the whole 6.1 corpus in
# under 2 minutes on 2 cores), and each figure against its goal as a ratio
# (figure / goal: under 1.00 the goal is met).
#
#   per file   every tests/port/cases/*/in.c, the best of 3 runs (diff mode)
#   corpus     every file of the 6.1 corpus (tests/port/corpus.py extract:
#              Debian's linux-source-6.1 and -7.3, cached), one job and
#              $(nproc) jobs at a time
#
#   tests/bench/port-bench.sh [--no-corpus]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
tool=$repo/scripts/mpc-port
cache=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-port-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# goal WHAT SECONDS LIMIT: the figure against its goal, as a ratio.
goal() {
	awk -v w="$1" -v s="$2" -v l="$3" 'BEGIN {
		printf "goal: %-44s %7.2f s / %5.0f s = %.2f (%s)\n", w, s, l, s / l,
			s < l ? "met" : "OVER" }'
}
# max and median of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[NR], v[int((NR + 1) / 2)] }'; }

command -v spatch >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q coccinelle >/dev/null
echo "mpc-port benchmark: $(spatch --version | head -n 1), $(nproc) CPUs"
echo
printf '%-22s %8s\n' "file" "seconds"
for d in "$repo"/tests/port/cases/*/; do
	c=$(basename "$d")
	cp "$d/in.c" "$work/$c.c"
	best=
	for _ in 1 2 3; do
		t0=$(now)
		"$tool" "$work/$c.c" >/dev/null 2>&1 || true
		t=$(secs "$t0" "$(now)")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$t
		fi
	done
	printf '%-22s %8s\n' "$c" "$best"
	echo "$best" >> "$work/cases.t"
done
read -r cmax cmed < <(stats < "$work/cases.t")
echo
goal "one file (tests/port/cases, median)" "$cmed" 2
goal "one file (tests/port/cases, slowest)" "$cmax" 2

[ "${1:-}" = --no-corpus ] && exit 0
deb61=$(bash "$repo/tests/lib/linux-source.sh" 6.1)
deb73=$(bash "$repo/tests/lib/linux-source.sh" 7.3)
corpus=$(python3 "$repo/tests/port/corpus.py" extract "$deb61" "$deb73" "$cache")
n=$(wc -l < "$corpus/list")
mkdir -p "$work/c"
i=0
while read -r p; do
	i=$((i + 1))
	mkdir -p "$work/c/$i"
	cp "$corpus/6.1/$p" "$work/c/$i/"
done < "$corpus/list"
echo
t0=$(now)
for f in "$work"/c/*/*.c; do
	t1=$(now)
	"$tool" "$f" >/dev/null 2>&1 || true
	secs "$t1" "$(now)" >> "$work/corpus.t"
	echo >> "$work/corpus.t"
done
one=$(secs "$t0" "$(now)")
echo "corpus: $n files of linux-source-6.1, 1 job: $one s"
t0=$(now)
# shellcheck disable=SC2016 # "$0" "$1" are the inner sh's
find "$work/c" -name '*.c' -print0 |
	xargs -0 -n 1 -P "$(nproc)" sh -c '"$0" "$1" >/dev/null 2>&1 || true' "$tool"
par=$(secs "$t0" "$(now)")
echo "corpus: $n files of linux-source-6.1, $(nproc) jobs: $par s"
read -r fmax fmed < <(stats < "$work/corpus.t")
echo
goal "one file (6.1 corpus, median)" "$fmed" 2
goal "one file (6.1 corpus, slowest)" "$fmax" 2
goal "whole 6.1 corpus, $(nproc) jobs" "$par" 120
goal "whole 6.1 corpus, 1 job" "$one" 120
