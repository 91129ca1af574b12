#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lint the tree with the kernel's own tools, extracted at run time from
# Debian's linux-source-7.3 (tests/lint/kernel-scripts.sh; cached under
# ${MPC_CACHE:-/var/cache/mmap-prepare-compat}/lint):
#
#   * scripts/checkpatch.pl --strict --no-tree -f on every .c and .h under
#     include/ compat/ src/ tests/kunit tests/unit tests/thirdparty
#     tests/matrix/guest tests/matrix/vmabits, less the accepted findings in checkpatch.exceptions
#     and the files in checkpatch.skip;
#   * scripts/kernel-doc -none on include/ and compat/ (any warning fails);
#   * Documentation/*.rst must parse as reStructuredText (rst-check.py) and
#     Documentation/api-reference.rst must be up to date;
#   * what config/gen-states.py generates from config/api-states.tsv (unit
#     stub configs, Documentation tables, the dkms.conf gate) is up to date.
#
# Prints "ok - ITEM" or "not ok - ITEM" (with the findings below it) for
# every file and check, then "N passed, N failed". Exit status 1 if any
# failed, 2 if the tools could not be set up.
#
#   tests/lint/run.sh [PATH...]   lint only these files (same rules)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LINTDIR=$ROOT/tests/lint
CP_DIRS=(include compat src tests/kunit tests/unit tests/thirdparty
	 tests/matrix/guest tests/matrix/vmabits)
KDOC_DIRS=(include compat)

log() { printf 'lint: %s\n' "$*" >&2; }

ensure_pkgs() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	[ "$(id -u)" = 0 ] || { log "need root to install: ${missing[*]}"; return 1; }
	log "installing: ${missing[*]}"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null; then
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${missing[@]}" >/dev/null
	fi
}

# ------------------------------------------------------------------ setup
ensure_pkgs perl python3 xz-utils || exit 2
KDIR=$(bash "$LINTDIR/kernel-scripts.sh") || { log "cannot get the kernel scripts"; exit 2; }
CHECKPATCH=$KDIR/scripts/checkpatch.pl
KERNELDOC=$KDIR/scripts/kernel-doc

# A Python with docutils for the reStructuredText check.
PY=
for cand in python3 /usr/bin/python3; do
	if command -v "$cand" >/dev/null &&
	   "$cand" -c 'import docutils.frontend' 2>/dev/null; then
		PY=$cand
		break
	fi
done
if [ -z "$PY" ]; then
	ensure_pkgs python3-docutils || exit 2
	PY=/usr/bin/python3
fi

cd "$ROOT" || exit 2

# ----------------------------------------------------------- bookkeeping
# shellcheck source=tests/lib/tap.sh
. "$ROOT/tests/lib/tap.sh"
# Every finding of a file is shown, not only the first 20.
MPC_TAP_DETAIL_LINES=${MPC_TAP_DETAIL_LINES:-1000}
report() { # STATUS ITEM FINDINGS
	if [ "$1" = 0 ]; then
		tap_ok "$2"
	else
		tap_fail "$2" "$3"
	fi
}

# read_rules FILE: the non-comment lines of FILE.
read_rules() {
	[ -f "$1" ] || return 0
	sed -e 's/[[:space:]]*$//' -e '/^[[:space:]]*#/d' -e '/^$/d' "$1"
}
mapfile -t EXCEPTIONS < <(read_rules "$LINTDIR/checkpatch.exceptions")
mapfile -t SKIPS < <(read_rules "$LINTDIR/checkpatch.skip")

skip_reason() { # PATH -> prints the reason if PATH is skipped
	local rule glob
	for rule in "${SKIPS[@]}"; do
		glob=${rule%%[[:space:]]*}
		# shellcheck disable=SC2053
		if [[ $1 == $glob ]]; then
			printf '%s\n' "${rule#"$glob"}" | sed 's/^[[:space:]]*//'
			return 0
		fi
	done
	return 1
}

accepted() { # PATH LINE TYPE
	local rule glob type re src
	src=$(sed -n "${2}p" "$1")
	for rule in "${EXCEPTIONS[@]}"; do
		read -r glob type re <<<"$rule"
		# shellcheck disable=SC2053
		[[ $1 == $glob ]] || continue
		[ "$type" = "$3" ] || continue
		grep -Eq -- "$re" <<<"$src" && return 0
	done
	return 1
}

# checkpatch_file PATH: print the findings that are not accepted.
checkpatch_file() {
	local out line loc type
	out=$(perl "$CHECKPATCH" --strict --no-tree -f --terse --no-summary \
		--show-types --color=never "$1" 2>&1)
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		# PATH:LINE: LEVEL:TYPE: message
		if [[ $line =~ ^[^:]+:([0-9]+):\ [A-Z]+:([A-Z0-9_]+): ]]; then
			loc=${BASH_REMATCH[1]}
			type=${BASH_REMATCH[2]}
			accepted "$1" "$loc" "$type" && continue
		fi
		printf '%s\n' "$line"
	done <<<"$out"
}

# kerneldoc_file PATH: print kernel-doc's warnings and errors.
kerneldoc_file() {
	"$KERNELDOC" -none -Wall "$1" 2>&1 | awk '!seen[$0]++'
}

# ---------------------------------------------------------------- files
declare -A in_kdoc=()
if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(for d in "${CP_DIRS[@]}"; do
		[ -d "$d" ] && find "$d" -type f -name '*.[ch]'
	done | LC_ALL=C sort)
fi
for f in "${files[@]}"; do
	for d in "${KDOC_DIRS[@]}"; do
		[[ $f == "$d"/* ]] && in_kdoc[$f]=1
	done
done

for f in "${files[@]}"; do
	if reason=$(skip_reason "$f"); then
		tap_note "skip $f ($reason)"
		continue
	fi
	findings=$(checkpatch_file "$f")
	if [ -n "${in_kdoc[$f]:-}" ]; then
		kd=$(kerneldoc_file "$f")
		[ -z "$kd" ] || findings+=${findings:+$'\n'}$kd
	fi
	[ -z "$findings" ]
	report $? "$f" "$findings"
done

# -------------------------------------------------------- documentation
if [ $# -eq 0 ]; then
	for f in Documentation/*.rst; do
		[ -f "$f" ] || continue
		out=$("$PY" "$LINTDIR/rst-check.py" "$f" 2>&1)
		report $? "$f (reStructuredText)" "$out"
	done
	out=$(bash Documentation/gen-api-reference.sh --check 2>&1)
	report $? "Documentation/api-reference.rst (up to date)" "$out"
	out=$("$PY" config/gen-states.py --check 2>&1)
	report $? "generated from config/api-states.tsv (up to date)" "$out"
	out=$("$PY" scripts/gen-vma-bits.py --check 2>&1)
	report $? "include/mmap_prepare_compat/vma_bits.h generated from config/vma-bits.tsv" "$out"
	out=$("$PY" tests/kunit/api-names.py --linux "$KDIR" --check 2>&1)
	report $? "tests/kunit/api-names.txt: every 7.3 name, each used by api_use_kunit.c" "$out"
fi

tap_done
