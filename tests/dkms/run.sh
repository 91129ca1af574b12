#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS round trip of mmap_prepare_compat.ko: add, build, install, a dependent
# third-party module built against what POST_BUILD published, remove; then
# the filesystem must be as before. An unsupported (pre-5.10) kernel must be
# skipped with exit status 77.
#
# Runs on the host's kernel headers and in the matrix chroots of
# MPC_DKMS_SERIES (default "5.10 6.12 7.3"; DKMS_SERIES works too). Prints "ok"/"not ok" lines and a
# final "N passed, N failed".
#
#   tests/dkms/run.sh [--host-only]
#   tests/dkms/run.sh --one KREL LABEL    (internal: one kernel, as root)

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
pkg=mmap-prepare-compat
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$repo/dkms.conf")
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

run_check() { # description log command...
	local d=$1 log=$2
	shift 2
	if "$@" > "$log" 2>&1; then
		tap_emit ok "$d"
	else
		tap_emit "not ok" "$d (exit $?)"
		sed 's/^/# /' "$log" | tail -n 30
		return 1
	fi
}

# dkms's own signing key (created by its first build on a machine) and
# depmod's indexes are machine state, not ours.
snapshot() { # krel -> sorted list of paths DKMS may touch
	find /usr/src /var/lib/dkms "/lib/modules/$1" /etc/dkms -xdev \
		\( -path "/usr/src/$pkg-$ver" -o -path "/usr/src/$pkg-$ver/*" \) -prune -o -print 2>/dev/null |
		grep -v -e '/modules\.[a-z.]*$' -e '^/var/lib/dkms/mok\.\(key\|pub\)$' | sort
}

one() { # krel label
	local krel=$1 label=$2 work log arch
	arch=$(uname -m)
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-dkms.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" RETURN
	command -v dkms >/dev/null || {
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q dkms >/dev/null
	}
	printf '# %s: dkms %s, kernel %s\n' "$label" "$(dkms --version 2>/dev/null | sed 's/^dkms-*//')" "$krel"

	# leftovers of an interrupted earlier run
	dkms remove -m "$pkg" -v "$ver" --all >/dev/null 2>&1 || true
	rm -rf "/usr/src/$pkg-$ver"
	snapshot "$krel" > "$work/before"

	# What the packages install as the DKMS source.
	sh "$repo/scripts/install-kit" --dkms "$repo" "/usr/src/$pkg-$ver"

	run_check "$label: dkms add" "$work/add.log" dkms add -m "$pkg" -v "$ver" || return 0

	# dkms 3.x reports a BUILD_EXCLUSIVE skip as 77; dkms 2.x (bullseye's
	# 2.8) predates that convention and reports the same skip as 9.
	local rc=0 skip=77
	case $(dkms --version 2>/dev/null | sed -n 's/.*[: ]\([0-9][0-9]*\)\..*/\1/p' | head -n 1) in
	2) skip=9 ;;
	esac
	dkms build -m "$pkg" -v "$ver" -k 4.19.0-99-fake > "$work/old.log" 2>&1 || rc=$?
	if [ "$rc" = "$skip" ] && grep -q 'older than 5.10' "$work/old.log"; then
		tap_emit ok "$label: a 4.19 kernel is skipped with exit status $skip and a reason"
	else
		tap_emit "not ok" "$label: a 4.19 kernel is skipped with exit status $skip and a reason (exit $rc)"
		sed 's/^/# /' "$work/old.log" | tail -n 10
	fi

	# The kernel hook (dkms autoinstall, run when a kernel package is
	# installed) must never fail for a kernel this package skips: dkms
	# 3.0.10 counts a skipped build as a failure (exit 11), which fails
	# the kernel package's installation. Two fake kernels with headers:
	# one too old, one without CONFIG_MMU.
	local hook=/etc/kernel/postinst.d/dkms fk fdir
	for fk in 4.19.0-99-fake:CONFIG_MMU=y 6.12.0-99-nommu:CONFIG_64BIT=y; do
		fdir=/lib/modules/${fk%%:*}
		if [ ! -x "$hook" ] || [ -e "$fdir" ]; then continue; fi
		mkdir -p "$fdir/build/include"
		printf '%s\n' "${fk#*:}" > "$fdir/build/.config"
		rc=0
		"$hook" "${fk%%:*}" > "$work/hook.log" 2>&1 || rc=$?
		if [ "$rc" = 0 ] && ! find "$fdir" -name 'mmap_prepare_compat.ko*' | grep -q . &&
		   ! dkms status -m "$pkg" -k "${fk%%:*}" 2>/dev/null | grep -q "${fk%%:*}"; then
			tap_emit ok "$label: the kernel hook skips ${fk%%:*} and exits 0"
		else
			tap_emit "not ok" "$label: the kernel hook skips ${fk%%:*} and exits 0 (exit $rc)"
			sed 's/^/# /' "$work/hook.log" | tail -n 10
		fi
		dkms remove -m "$pkg" -v "$ver" -k "${fk%%:*}" >/dev/null 2>&1 || true
		rm -rf "$fdir"
	done

	local t_build=$SECONDS
	if run_check "$label: dkms build -k $krel" "$work/build.log" \
		dkms build -m "$pkg" -v "$ver" -k "$krel"; then
		grep -E '^ *(HAVE_|path:|  kernel API)' "$work/build.log" | sed 's/^/# /' | tail -n 3 || true
	fi
	local pub=/var/lib/dkms/$pkg/$ver/$krel/$arch
	if [ -s "$pub/Module.symvers" ] && [ -s "$pub/mmap_prepare_compat_config.h" ] &&
	   grep -q 'mmap_prepare_compat' "$pub/Module.symvers" ||
	   grep -q 'MMAP_PREPARE_COMPAT_NATIVE 1' "$pub/mmap_prepare_compat_config.h" 2>/dev/null; then
		tap_emit ok "$label: POST_BUILD published Module.symvers and the config header"
	else
		tap_emit "not ok" "$label: POST_BUILD published Module.symvers and the config header"
		ls -la "$pub" 2>&1 | sed 's/^/# /'
	fi

	run_check "$label: dkms install -k $krel" "$work/install.log" \
		dkms install -m "$pkg" -v "$ver" -k "$krel" || true
	# the figure tests/bench reports next to the probe runner's
	printf '# %s: dkms build + install: %d s\n' "$label" $((SECONDS - t_build))
	if find "/lib/modules/$krel/updates" -name 'mmap_prepare_compat.ko*' 2>/dev/null | grep -q .; then
		tap_emit ok "$label: module installed under /lib/modules/$krel/updates"
	else
		tap_emit "not ok" "$label: module installed under /lib/modules/$krel/updates"
	fi

	# A dependent driver finds the published files on its own (a kernel
	# of another architecture: with the cross flags DKMS used too).
	local -a kflags
	read -r -a kflags < <(bash "$repo/config/kbuild-flags.sh" "/lib/modules/$krel/build") || true
	cp -r "$repo/samples/acme" "$work/acme"
	if make -C "/lib/modules/$krel/build" M="$work/acme" "${kflags[@]}" \
		MMAP_PREPARE_COMPAT_DIR="/usr/src/$pkg-$ver" modules > "$work/acme.log" 2>&1 &&
	   [ -f "$work/acme/acme_mmap.ko" ] && ! grep -q 'warning: .*mmap-prepare-compat\|undefined!' "$work/acme.log"; then
		tap_emit ok "$label: third-party driver builds against the DKMS-installed shim"
	else
		tap_emit "not ok" "$label: third-party driver builds against the DKMS-installed shim"
		sed 's/^/# /' "$work/acme.log" | tail -n 20
	fi

	run_check "$label: dkms remove --all" "$work/remove.log" \
		dkms remove -m "$pkg" -v "$ver" --all || true
	rm -rf "/usr/src/$pkg-$ver"
	snapshot "$krel" > "$work/after"
	if cmp -s "$work/before" "$work/after"; then
		tap_emit ok "$label: dkms remove left nothing behind"
	else
		tap_emit "not ok" "$label: dkms remove left nothing behind"
		diff "$work/before" "$work/after" | sed 's/^/# /' | head -n 20
	fi
}

if [ "${1:-}" = --one ]; then
	[ $# = 3 ] || { echo "usage: $0 --one KREL LABEL" >&2; exit 2; }
	one "$2" "$3"
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "tests/dkms/run.sh: must run as root (dkms)" >&2; exit 1; }
host_only=0
[ "${1:-}" = --host-only ] && host_only=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

host_krel=${MPC_HOST_KREL:-}
if [ -z "$host_krel" ]; then
	if [ -d "/lib/modules/$(uname -r)/build/include/generated" ]; then
		host_krel=$(uname -r)
	else
		host_krel=$(basename "$(dirname "$(ls -d /lib/modules/*/build | sort -V | tail -n1)")")
	fi
fi
"$0" --one "$host_krel" "host $host_krel" | tee "$out"

if [ "$host_only" = 0 ]; then
	"$repo/tests/lib/each-series.sh" "${MPC_DKMS_SERIES:-${DKMS_SERIES:-5.10 6.12 7.3}}" -- \
		bash "$repo/tests/dkms/run.sh" --one @KREL@ @SERIES@ | tee -a "$out"
fi

tap_tally "$out"
