#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# mpc-port on real code nobody here wrote: every file of Debian's
# linux-source-6.1 whose .mmap upstream turned into .mmap_prepare by 7.3
# (tests/port/corpus.py finds them by comparing the two trees, extracted at
# run time and cached under ${MPC_CACHE:-/var/cache/mmap-prepare-compat}).
# Each 6.1 file is converted, then built as an out-of-tree object, next to the
# unconverted original, in the release chroot of every series in
# MPC_PORT_CORPUS_SERIES (default: the five kernels of the matrix, 5.10 6.1
# 6.12 7.2 7.3; tests/lib/each-series.sh): a file whose original does
# not build there needs unrelated kernel API fixes and counts as "n/a". Prints
# the table (corpus.py table) and "N passed, N failed": a converted file that
# fails to build where its original builds is a failure, so is a crash of
# mpc-port (exit status 2). Upstream 7.3 files whose wiring does not undo
# byte for byte are counted in the table, not as failures (spacing that
# differs from the neighbouring members cannot be recovered).
#
# Long (two source packages, a dozen kernel builds): not in scripts/test-all's
# default list; run it as SUITES=port-corpus scripts/test-all or directly.
#
#   tests/port/corpus.sh [--no-build] [--table FILE]
#   tests/port/corpus.sh --build-one KDIR LABEL WORK   (internal)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${MPC_CACHE:-/var/cache/mmap-prepare-compat}

# build_one KDIR LABEL WORK: build WORK/N/{orig,conv}/*.c, write the results.
build_one() {
	local kdir=$1 label=$2 work=$3 d sub objs o
	for d in "$work"/*/; do
		[ -f "$d/conv/report.jsonl" ] || continue
		grep -q '"status": "converted"' "$d/conv/report.jsonl" || continue
		# the file, and the partner files converted with it (ceph's addr.c)
		objs=$(cat "$d/name")
		for sub in orig conv; do
			rm -rf "$d/b-$sub"
			cp -r "$d/$sub" "$d/b-$sub"
			{
				echo "MMAP_PREPARE_COMPAT_DIR := $repo"
				echo "MMAP_PREPARE_COMPAT_MODE := embedded"
				echo "MMAP_PREPARE_COMPAT_PREFIX := corpus_mpc_"
				echo "MMAP_PREPARE_COMPAT_GENDIR := $d/b-$sub/.mpc"
				echo "include \$(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk"
				for o in $objs; do
					echo "obj-m += $o.o"
				done
			} > "$d/b-$sub/Kbuild"
			echo ok > "$d/$sub.$label"
			for o in $objs; do
				if ! make -C "$kdir" M="$d/b-$sub" "$o.o" >> "$d/b-$sub.log" 2>&1 ||
					[ ! -f "$d/b-$sub/$o.o" ]; then
					echo fail > "$d/$sub.$label"
				fi
			done
			rm -rf "$d/b-$sub"
		done
		printf '# %s: %s: original %s, converted %s\n' "$label" "$(xargs <<< "$objs")" \
			"$(cat "$d/orig.$label")" "$(cat "$d/conv.$label")"
	done
}

if [ "${1:-}" = --build-one ]; then
	[ $# = 4 ] || { echo "usage: $0 --build-one KDIR LABEL WORK" >&2; exit 2; }
	build_one "$2" "$3" "$4"
	exit 0
fi

build=1 table=
while [ $# -gt 0 ]; do
	case $1 in
	--no-build) build=0 ;;
	--table) table=$2; shift ;;
	*) echo "usage: $0 [--no-build] [--table FILE]" >&2; exit 2 ;;
	esac
	shift
done

command -v spatch >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q coccinelle >/dev/null
deb61=$(bash "$repo/tests/lib/linux-source.sh" 6.1)
deb73=$(bash "$repo/tests/lib/linux-source.sh" 7.3)
corpus=$(python3 "$here/corpus.py" extract "$deb61" "$deb73" "$cache")
work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-port-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$here/corpus.py" port "$corpus" "$work"

labels=()
if [ "$build" = 1 ]; then
	series=${MPC_PORT_CORPUS_SERIES:-5.10 6.1 6.12 7.2 7.3}
	"$repo/tests/lib/each-series.sh" "$series" --bind "$work" -- \
		bash "$here/corpus.sh" --build-one @KDIR@ @SERIES@ "$work" >&2
	read -r -a labels <<< "$series"
fi

out=$(python3 "$here/corpus.py" table "$corpus" "$work" "${labels[@]}")
printf '%s\n' "$out"
if [ -n "$table" ]; then
	{
		cat <<-EOF
		.. SPDX-License-Identifier: GPL-2.0

		mpc-port on upstream's own conversions (Linux 6.1 -> 7.3)
		==========================================================

		Written by \`\`tests/port/corpus.sh --table\`\` (suite \`\`port-corpus\`\`) on
		$(date -u +%Y-%m-%d): Debian $(basename "$deb61" _all.deb | tr _ ' ') and
		$(basename "$deb73" _all.deb | tr _ ' '), every 6.1 file whose \`\`.mmap\`\`
		became \`\`.mmap_prepare\`\` in 7.3. "builds" compares the converted file
		with its unconverted original, each built as an out-of-tree object
		(embedded mode; with the partner file mpc-port converted it with,
		ceph's addr.c and ocfs2's mmap.c) in the release chroot of each series
		(tests/matrix/kernels.conf): \`\`yes\`\` the converted file builds;
		\`\`n/a\`\` the original does not build there either (it needs unrelated
		kernel API fixes, e.g. 6.1 code on 7.3, or private headers of another
		directory); \`\`-\`\` nothing was converted. "vs upstream 7.3" compares
		the action helpers, \`\`VMA_*_BIT\`\` flags and \`\`-E*\`\` codes of the
		converted hook with upstream's 7.3 hook. "7.3 round trip": upstream's
		7.3 file, wired then unwired, is byte for byte the same (\`\`-\`\`:
		nothing to wire). A reason "upstream added X" names the API upstream
		had to add for that hook (scripts/coccinelle/mpc-port/upstream-apis.tsv).

		EOF
		printf '%s\n' "$out"
	} > "$table"
fi
crashed=$( (grep -l '"rc": 2' "$work"/*/meta.json || true) | wc -l)
broken=$(sed -n 's/^build failures.*: \([0-9]*\); .*/\1/p' <<< "$out")
total=$(wc -l < "$corpus/list")
failed=$((crashed + broken))
echo "$((total - failed)) passed, $failed failed"
[ "$failed" = 0 ]
