#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the expected outputs of tests/port/cases and tests/port/cross (what
# mpc-port emits) as out-of-tree modules, shared mode, against the host's
# kernel headers and
# the release chroot of every series in MPC_PORT_SERIES (default: 5.10 6.12 7.2
# 7.3; the host is 6.1 on the reference machine, so all five kernels of the
# matrix; tests/lib/each-series.sh), and on native kernels once more with
# the compat path forced. A build must succeed without warnings. An -arm64
# series is cross-built (config/kbuild-flags.sh) and its modules must be
# aarch64 objects; CI's matrix job of each real series, arm64 ones too, runs
# it for that series, and a default run names the arm64 series it leaves
# out. Prints TAP-like lines and "N passed, N failed".
#
#   tests/port/build.sh [--host-only]
#   tests/port/build.sh --one KDIR LABEL     (internal: one kernel)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

# built OBJ SOURCE_RE WHAT: one ok/not ok line for OBJ of the current
# mode's build ($work/$mode, $log): missing, or with a warning in a file
# SOURCE_RE matches (the compiler's lines shown), clears "all".
built() {
	if [ ! -f "$work/$mode/$1" ]; then
		all=0
		tap_emit "not ok" "$label ($mode): $3 compiles"
		grep -E "(^|/)$2:" "$log" | sed 's/^/# /' | head -n 15 || true
	elif grep -E "(^|/)$2:[0-9]+:[0-9]+: warning" "$log" >/dev/null; then
		tap_emit "not ok" "$label ($mode): $3 compiles without warnings"
		grep -E "(^|/)$2:" "$log" | sed 's/^/# /' | head -n 10 || true
	else
		tap_emit ok "$label ($mode): $3 compiles without warnings"
	fi
}

# one KDIR LABEL: the shared module, then every case, for one kernel.
one() {
	local kdir=$1 label=$2 work log c native mode kflags
	# what every kbuild run against this tree needs: for an arm64 tree
	# (the -arm64 series) ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
	read -r -a kflags <<<"$("$repo/config/kbuild-flags.sh" "$kdir")"
	# the machine its modules must be for (tests/lib/elf-machine.sh)
	local want
	want=$("$repo/tests/lib/elf-machine.sh" --of-tree "$kdir") || want=unknown
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-port-build.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" RETURN
	mkdir -p "$work/pkg"
	cp -r "$repo/include" "$repo/compat" "$repo/src" "$repo/config" \
	      "$repo/mmap-prepare-compat.mk" "$work/pkg/"
	find "$work/pkg/src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \
		-o -name Module.symvers -o -name modules.order -o -name .mmap-prepare-compat \) \
		-prune -exec rm -rf {} + 2>/dev/null || true
	log=$work/shared.log
	if ! make -C "$kdir" "${kflags[@]}" M="$work/pkg/src" MMAP_PREPARE_COMPAT_DIR="$work/pkg" \
		MMAP_PREPARE_COMPAT_MODE=provider modules > "$log" 2>&1; then
		tap_emit "not ok" "$label: the shared module builds"
		sed 's/^/# /' "$log" | tail -n 20
		return 0
	fi
	native=$(grep -h '^#define MMAP_PREPARE_COMPAT_NATIVE ' \
		"$work"/pkg/src/.mmap-prepare-compat/*/mmap_prepare_compat_config.h |
		awk '{ print $3 }')
	local pkg
	for mode in default forced; do
		[ "$mode" = forced ] && [ "$native" != 1 ] && continue
		pkg=$work/pkg
		if [ "$mode" = forced ]; then
			# The shared module of the forced compat path exports the
			# trampoline that the native one does not have.
			pkg=$work/pkg-forced
			cp -r "$work/pkg" "$pkg"
			find "$pkg/src" \( -name '*.o' -o -name '*.ko' -o -name Module.symvers \
				-o -name .mmap-prepare-compat \) -prune -exec rm -rf {} + 2>/dev/null || true
			if ! make -C "$kdir" "${kflags[@]}" M="$pkg/src" MMAP_PREPARE_COMPAT_DIR="$pkg" \
				MMAP_PREPARE_COMPAT_MODE=provider MMAP_PREPARE_COMPAT_FORCE_COMPAT=1 \
				modules > "$work/shared-forced.log" 2>&1; then
				tap_emit "not ok" "$label: the forced-compat shared module builds"
				continue
			fi
		fi
		mkdir -p "$work/$mode"
		{
			echo "MMAP_PREPARE_COMPAT_DIR := $pkg"
			echo "MMAP_PREPARE_COMPAT_SYMVERS := $pkg/src/Module.symvers"
			[ "$mode" = forced ] && echo "MMAP_PREPARE_COMPAT_FORCE_COMPAT := 1"
			echo "include \$(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk"
		} > "$work/$mode/Kbuild"
		for c in "$here"/cases/*/; do
			c=$(basename "$c")
			cp "$here/cases/$c/out.c" "$work/$mode/$c.c"
			cp "$here/cases/$c/"*.h "$work/$mode/" 2>/dev/null || true
			echo "obj-m += $c.o" >> "$work/$mode/Kbuild"
		done
		# tests/port/cross: one module of the two files mpc-port
		# converted together (the hook defined in one, named in the other).
		cp "$here"/cross/out/* "$work/$mode/"
		printf 'obj-m += cross.o\ncross-y := cross_user.o cross_impl.o\n' >> "$work/$mode/Kbuild"
		log=$work/$mode.log
		make -C "$kdir" "${kflags[@]}" M="$work/$mode" -k modules > "$log" 2>&1 || true
		local all=1
		for c in "$here"/cases/*/; do
			c=$(basename "$c")
			built "$c.o" "$c\\.c" "$c"
		done
		built cross.o 'cross_\w+\.[ch]' "cross (two files)"
		if [ "$all" = 1 ] && ! grep -qE '^(WARNING|ERROR): modpost' "$log" &&
			[ "$(find "$work/$mode" -name '*.ko' | wc -l)" = "$(($(find "$here/cases" -name out.c | wc -l) + 1))" ]; then
			tap_emit ok "$label ($mode): every case links (modpost, no warning)"
		else
			tap_emit "not ok" "$label ($mode): every case links (modpost, no warning)"
			grep -E '(WARNING|ERROR): modpost' "$log" | sed 's/^/# /' | head -n 10 || true
		fi
		# for the tree's machine: an -arm64 series' modules cross-built
		local bad
		bad=$(find "$work/$mode" -name '*.ko' | while read -r c; do
			[ "$("$repo/tests/lib/elf-machine.sh" "$c")" = "$want" ] ||
				echo "${c##*/}: $("$repo/tests/lib/elf-machine.sh" "$c")"
		done)
		if [ -z "$bad" ] && [ "$want" != unknown ]; then
			tap_emit ok "$label ($mode): the modules are for the tree's machine ($want)"
		else
			tap_emit "not ok" "$label ($mode): the modules are for the tree's machine ($want)"
			printf '%s\n' "$bad" | sed 's/^/# /' | head -n 5
		fi
	done
	printf '# %s: native=%s%s\n' "$label" "$native" "${kflags[*]:+ (${kflags[*]})}"
}

if [ "${1:-}" = --one ]; then
	[ $# = 3 ] || { echo "usage: $0 --one KDIR LABEL" >&2; exit 2; }
	one "$2" "$3"
	exit 0
fi

host_only=0
[ "${1:-}" = --host-only ] && host_only=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

host_kdir=${MPC_HOST_KDIR:-}
if [ -z "$host_kdir" ]; then
	if [ -d "/lib/modules/$(uname -r)/build/include/generated" ]; then
		host_kdir=/lib/modules/$(uname -r)/build
	else
		host_kdir=$(printf '%s\n' /lib/modules/*/build | sort -V | tail -n1)
	fi
fi
if [ -n "$host_kdir" ] && [ -d "$host_kdir" ]; then
	"$0" --one "$host_kdir" "host $(basename "$(dirname "$host_kdir")")" | tee "$out"
else
	echo "# no kernel headers on the host: host build skipped" | tee "$out"
fi
if [ "$host_only" = 0 ]; then
	series=${MPC_PORT_SERIES:-5.10 6.12 7.2 7.3}
	"$repo/tests/lib/each-series.sh" "$series" -- \
		bash "$here/build.sh" --one @KDIR@ @SERIES@ | tee -a "$out"
	# the arm64 series the default run leaves out, said (CI's
	# per-series jobs run each)
	if [ -z "${MPC_PORT_SERIES:-}" ]; then
		"$repo/tests/lib/each-series.sh" --left-out arm64 "$series" MPC_PORT_SERIES
	fi
fi
tap_tally "$out"
