#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build samples/acme (a vendor driver using mmap_prepare through
# <linux/mmap_prepare_compat.h> and mmap-prepare-compat.mk) both ways:
#
#   shared    links against mmap_prepare_compat.ko (built first, for the same
#             kernel, its Module.symvers passed to the vendor build)
#   embedded  compat layer compiled in under the prefix acme_mpc_
#
# on the host's kernel headers (6.1 on the reference machine) and in the
# matrix chroot of every series in MPC_THIRDPARTY_SERIES (default: 7.3), without
# any configure step. Then tests/thirdparty/license.sh: embedded mode for a
# driver that is not GPL-compatible, on every amd64 series, and
# tests/thirdparty/guest.sh: such a driver loaded and run under QEMU on 6.12
# and 7.3 (not with --host-only). Prints TAP-like "ok"/"not ok" lines and a final
# "N passed, N failed"; exit status 1 if anything failed.
#
#   tests/thirdparty/run.sh [--host-only]
#   tests/thirdparty/run.sh --one KDIR LABEL     (internal: one kernel)

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

check() { # description command...
	local d=$1
	shift
	if "$@" >/dev/null 2>&1; then tap_emit ok "$d"; else tap_emit "not ok" "$d"; fi
}

# ------------------------------------------------------------ one kernel
one() { # kdir label
	local kdir=$1 label=$2 work rel native log
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-thirdparty.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" RETURN
	rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")

	# A private copy of the package, as /usr/src/mmap-prepare-compat-<ver>
	# would hold it: the shared module is built inside it.
	mkdir -p "$work/pkg"
	cp -r "$repo/include" "$repo/compat" "$repo/src" "$repo/config" \
	      "$repo/mmap-prepare-compat.mk" "$work/pkg/"
	find "$work/pkg/src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \
		-o -name Module.symvers -o -name modules.order -o -name .mmap-prepare-compat \) \
		-prune -exec rm -rf {} + 2>/dev/null || true

	log=$work/shared-module.log
	if make -C "$kdir" M="$work/pkg/src" MMAP_PREPARE_COMPAT_DIR="$work/pkg" \
		MMAP_PREPARE_COMPAT_MODE=provider modules > "$log" 2>&1 && [ -f "$work/pkg/src/mmap_prepare_compat.ko" ]; then
		tap_emit ok "$label: shared module mmap_prepare_compat.ko builds"
	else
		tap_emit "not ok" "$label: shared module mmap_prepare_compat.ko builds"
		sed 's/^/# /' "$log" | tail -n 25
	fi
	native=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' \
		"$work/pkg/src/.mmap-prepare-compat/$rel/mmap_prepare_compat_config.h" 2>/dev/null || true)
	printf '# %s: kernel %s, native=%s\n' "$label" "$rel" "${native:-?}"

	local mode dir extra
	for mode in shared embedded embedded-forced; do
		dir=$work/acme-$mode
		cp -r "$repo/samples/acme" "$dir"
		extra=()
		case $mode in
		shared) extra=(MMAP_PREPARE_COMPAT_SYMVERS="$work/pkg/src/Module.symvers") ;;
		embedded) extra=(ACME_MODE=embedded) ;;
		embedded-forced) extra=(ACME_MODE=embedded MMAP_PREPARE_COMPAT_FORCE_COMPAT=1) ;;
		esac
		log=$work/$mode.log
		if make -C "$kdir" M="$dir" MMAP_PREPARE_COMPAT_DIR="$work/pkg" "${extra[@]}" \
			modules > "$log" 2>&1 && [ -f "$dir/acme_mmap.ko" ]; then
			tap_emit ok "$label: acme_mmap.ko builds ($mode, no configure)"
		else
			tap_emit "not ok" "$label: acme_mmap.ko builds ($mode, no configure)"
			sed 's/^/# /' "$log" | tail -n 25
			continue
		fi
		if grep -qiE 'warning: .*(undefined|mmap_prepare_compat)' "$log"; then
			tap_emit "not ok" "$label: $mode build has no modpost/compat warnings"
			grep -iE 'warning' "$log" | sed 's/^/# /' | head -n 10
		else
			tap_emit ok "$label: $mode build has no modpost/compat warnings"
		fi
		check "$label: $mode vermagic is $rel" \
			bash -c "modinfo -F vermagic '$dir/acme_mmap.ko' | grep -q '^$rel '"
		local deps defined undef
		deps=$(modinfo -F depends "$dir/acme_mmap.ko")
		defined=$(nm "$dir/acme_mmap.ko" | awk '$2 ~ /^[TtDdBbRr]$/ { print $3 }')
		undef=$(nm -u "$dir/acme_mmap.ko" | awk '{ print $2 }')
		case $mode in
		shared)
			if [ "$native" = 1 ]; then
				check "$label: shared, native kernel: no dependency on the shim" \
					test -z "$(grep -o mmap_prepare_compat <<< "$deps")"
			else
				check "$label: shared, compat kernel: depends on mmap_prepare_compat" \
					grep -qw mmap_prepare_compat <<< "$deps"
			fi
			check "$label: shared: no shim code compiled into the driver" \
				bash -c "! grep -q '^acme_mpc_' <<< '$defined'"
			;;
		embedded|embedded-forced)
			check "$label: $mode: no dependency on the shared module" \
				test -z "$(grep -o mmap_prepare_compat <<< "$deps")"
			check "$label: $mode: no unresolved shim symbol" \
				bash -c "! grep -qE '^(mmap_prepare_compat_|mpc_|acme_mpc_)' <<< '$undef'"
			check "$label: $mode: exports nothing" \
				bash -c "! nm '$dir/acme_mmap.ko' | grep -q '__ksymtab'"
			if [ "$mode" = embedded-forced ] || [ "$native" != 1 ]; then
				check "$label: $mode: shim symbols carry the acme_mpc_ prefix" \
					grep -q '^acme_mpc_' <<< "$defined"
			fi
			;;
		esac
	done
	one_more "$kdir" "$label" "$rel" "$native" "$work"
}

# clean and the missing shared module, after one() built the modes
one_more() { # kdir label rel native work
	local kdir=$1 label=$2 rel=$3 native=$4 work=$5 dir log
	dir=$work/acme-embedded
	if [ -d "$dir/.mmap-prepare-compat" ]; then
		make -C "$kdir" M="$dir" MMAP_PREPARE_COMPAT_DIR="$work/pkg" ACME_MODE=embedded \
			clean >"$work/clean.log" 2>&1
		check "$label: make M=... clean removes .mmap-prepare-compat/" \
			test ! -e "$dir/.mmap-prepare-compat"
	fi
	# the README's embedded snippet, as written, for a one-file driver
	dir=$work/readme
	mkdir -p "$dir"
	{
		echo "MMAP_PREPARE_COMPAT_DIR := $work/pkg"
		sed -n '/^Embedded mode (/,/^The module/{/^    /s/^    //p}' "$repo/README.md"
	} >"$dir/Kbuild"
	local main
	main=$(sed -n 's/^mydrv-y := \([a-z_]*\)\.o .*/\1/p' "$dir/Kbuild")
	cat >"$dir/${main:-mydrv_main}.c" <<-'EOC'
	// SPDX-License-Identifier: GPL-2.0
	#include <linux/module.h>
	#include <linux/fs.h>
	#include <linux/mm.h>
	#include <linux/mmap_prepare_compat.h>
	MODULE_DESCRIPTION("README snippet");
	MODULE_LICENSE("GPL");
	EOC
	if make -C "$kdir" M="$dir" modules >"$work/readme.log" 2>&1 && [ -f "$dir/mydrv.ko" ] &&
	   ! grep -qi 'circular\|same as output' "$work/readme.log"; then
		tap_emit ok "$label: the README's embedded snippet builds a one-file driver"
	else
		tap_emit "not ok" "$label: the README's embedded snippet builds a one-file driver"
		sed 's/^/# /' "$dir/Kbuild" "$work/readme.log" | tail -n 15
	fi
	[ "$native" != 1 ] || return 0
	if compgen -G "/var/lib/dkms/mmap-prepare-compat/*/$rel/*/Module.symvers" >/dev/null ||
	   [ -e "/usr/share/mmap-prepare-compat/$rel/Module.symvers" ] ||
	   [ -e "/usr/local/share/mmap-prepare-compat/$rel/Module.symvers" ]; then
		printf '# %s: the shared module is installed: no case without it\n' "$label"
		return 0
	fi
	dir=$work/acme-noshared
	log=$work/noshared.log
	cp -r "$repo/samples/acme" "$dir"
	if make -C "$kdir" M="$dir" MMAP_PREPARE_COMPAT_DIR="$work/pkg" modules >"$log" 2>&1; then
		tap_emit "not ok" "$label: shared mode without the shared module stops at the start"
		return 0
	fi
	if grep -q 'shared mode needs the shared module mmap_prepare_compat.ko' "$log" &&
	   ! grep -q 'undefined!\|CC \[M\]' "$log"; then
		tap_emit ok "$label: shared mode without the shared module stops at the start"
	else
		tap_emit "not ok" "$label: shared mode without the shared module stops at the start"
		sed 's/^/# /' "$log" | tail -n 10
	fi
}

if [ "${1:-}" = --one ]; then
	[ $# = 3 ] || { echo "usage: $0 --one KDIR LABEL" >&2; exit 2; }
	one "$2" "$3"
	exit 0
fi

# ------------------------------------------------------------ driver
host_only=0
[ "${1:-}" = --host-only ] && host_only=1

out=$(mktemp)
trap 'rm -rf "$out"' EXIT

host_kdir=${MPC_HOST_KDIR:-}
if [ -z "$host_kdir" ]; then
	if [ -d "/lib/modules/$(uname -r)/build/include/generated" ]; then
		host_kdir=/lib/modules/$(uname -r)/build
	else
		host_kdir=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1 || true)
	fi
fi
if [ -z "$host_kdir" ] || [ ! -d "$host_kdir" ]; then
	echo "# no kernel headers on the host: installing linux-headers-amd64" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-headers-amd64 >/dev/null
	host_kdir=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1)
fi
for tool in make gcc nm modinfo; do
	command -v "$tool" >/dev/null || {
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q make gcc binutils kmod >/dev/null
		break
	}
done

"$0" --one "$host_kdir" "host $(basename "$(dirname "$host_kdir")")" | tee "$out"

if [ "$host_only" = 0 ]; then
	for series in ${MPC_THIRDPARTY_SERIES:-7.3}; do
		if ! "$repo/tests/lib/chroot.sh" ensure "$series" >&2; then
			echo "not ok - chroot $series could not be built" | tee -a "$out"
			continue
		fi
		eval "$("$repo/tests/lib/chroot.sh" info "$series")"
		# shellcheck disable=SC2154
		"$repo/tests/lib/chroot.sh" run "$series" -- \
			bash "$repo/tests/thirdparty/run.sh" --one "$KDIR" "$series" | tee -a "$out" || true
	done
fi

# Embedded mode for drivers of every licence, on every amd64 series
# (MPC_THIRDPARTY_LICENSE_SERIES): tests/thirdparty/license.sh.
lic_args=()
[ "$host_only" = 0 ] || lic_args=(--host-only)
bash "$here/license.sh" "${lic_args[@]}" |
	grep -v '^[0-9]* passed, [0-9]* failed$' | tee -a "$out" || true

# The same embedded mode at run time: a non-GPL driver booted on a compat
# kernel and on 7.3 (MPC_THIRDPARTY_GUEST_SERIES): tests/thirdparty/guest.sh.
if [ "$host_only" = 0 ]; then
	bash "$here/guest.sh" |
		grep -v '^[0-9]* passed, [0-9]* failed$' | tee -a "$out" || true
fi

tap_tally "$out"
