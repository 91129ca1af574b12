#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The .deb as a user lives with it, in the release chroots of
# tests/lib/chroot.sh. Each runs on an overlay of the cached chroot (the
# cache stays pristine; the overlay goes away with the test's mount
# namespace) and gets tests/packages/cases.sh:
#
#   MPC_PACKAGES_FULL   series that get every case (default "6.12"):
#                       install, DKMS for every kernel, modinfo, probe
#                       summary, acme-dkms, refused removal, the kernel
#                       upgrade (6.12: 7.3's headers from trixie-backports,
#                       built by DKMS's hook), purge, a failing kernel,
#                       reinstall, upgrade to a bumped version, interrupted
#                       install; then the series's own kernel boots under QEMU
#                       with the module the package installed and the
#                       matrix's guest checks run against it (guest.sh)
#   MPC_PACKAGES_SMOKE  series that get install + acme + refused removal +
#                       purge (default "6.1 5.10": dkms 3.0.10 and 2.8)
# The whole set: MPC_PACKAGES_FULL="6.12 6.1" MPC_PACKAGES_SMOKE="5.10 7.3"
# (the default keeps the suite's time down; 7.3 is built in 6.12's upgrade).
#
#   tests/packages/chroot.sh BUILDDIR    (after build.sh made the packages)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: chroot.sh BUILDDIR}" && pwd)
lib=$repo/tests/lib
cache=${MPC_CACHE:-/var/cache/mmap-prepare-compat}

# upgrade_debs_expected SERIES: the series whose kernel SERIES's full run
# installs as its upgrade (none: no upgrade case)
upgrade_debs_expected() {
	case $1 in
	6.12) echo 7.3 ;; # 7.3 from trixie-backports next to trixie's 6.12
	esac
}

# upgrade_debs SERIES: the headers packages of the next kernel, for the
# kernel upgrade case (from the package cache the chroot builds filled).
upgrade_debs() {
	local n
	n=$(upgrade_debs_expected "$1")
	[ -n "$n" ] || return 0
	"$lib/chroot.sh" ensure "$n" >&2 || return 0
	eval "$("$lib/chroot.sh" info "$n")"
	# shellcheck disable=SC2154
	# the headers and what they need beyond the series's chroot
	find "$cache/debs" -maxdepth 1 \( -name "linux-headers-${KREL}_*.deb" \
		-o -name "linux-headers-${KREL%-amd64}-common_*.deb" \
		-o -name "linux-kbuild-${KREL%-amd64}_*.deb" -o -name "linux-base-${KREL}_*.deb" \
		-o -name "gcc-14-for-host_*.deb" -o -name "cpp-14-for-host_*.deb" \) | sort
}

# one SERIES MODE
one() {
	local s=$1 mode=$2 dir work kboot g rc up=()
	if ! "$lib/chroot.sh" ensure "$s" >&2; then
		echo "not ok - $s: chroot could not be built"
		return 0
	fi
	dir=$(eval "$("$lib/chroot.sh" info "$s")"; echo "$CHROOT")
	kboot=$(eval "$("$lib/chroot.sh" info "$s")"; echo "$KREL")
	if [ "$mode" = full ]; then
		mapfile -t up < <(upgrade_debs "$s")
		# a series with a kernel upgrade case never skips it silently
		if [ -n "$(upgrade_debs_expected "$s")" ] && [ ${#up[@]} = 0 ]; then
			echo "not ok - $s: the kernel upgrade's headers packages ($(upgrade_debs_expected "$s")) are not in $cache/debs"
		fi
	fi
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-pkgs.XXXXXX")
	mkdir -p "$work/upper" "$work/work" "$work/root" "$work/debs"
	cp "$build"/mmap-prepare-compat-dkms_*_all.deb "$build"/acme-dkms_*_all.deb "$work/debs/"
	cp "$build"/bumped/mmap-prepare-compat-dkms_*_all.deb "$work/debs/" 2>/dev/null || true
	[ ${#up[@]} = 0 ] || { mkdir -p "$work/debs/upgrade"; cp "${up[@]}" "$work/debs/upgrade/"; }
	# A private mount namespace: the overlay and everything chroot.sh
	# mounts in it disappear with it.
	# shellcheck disable=SC2016  # the inner script's own arguments
	unshare --mount -- bash -c '
		set -e
		mount --make-rprivate /
		mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/upper,workdir=$2/work" "$2/root"
		exec unshare --pid --fork --mount-proc="$2/root/proc" -- \
			"$3/tests/lib/chroot.sh" __enter "$2/root" "$3" "$2/debs" -- \
			bash "$3/tests/packages/cases.sh" "$4" "$5" "$2/debs" "$6"
	' sh "$dir" "$work" "$repo" "$s" "$mode" "$kboot" || echo "not ok - $s: cases.sh exited $?"
	# full: boot the series's kernel with the module the package installed
	if [ "$mode" = full ]; then
		g=$build/_pkg/guest/$s
		rm -rf "$g"
		mkdir -p "$(dirname "$g")"
		if [ -d "$work/debs/guest" ] && mv "$work/debs/guest" "$g"; then
			rc=0
			bash "$here/guest.sh" "$s" "$g" "$build" > "$g.out" 2>&1 || rc=$?
			grep -v -E '^(1\.\.[0-9]+|[0-9]+ passed, [0-9]+ failed)$' "$g.out"
			[ "$rc" = 0 ] || grep -q '^not ok ' "$g.out" || echo "not ok - $s: guest.sh exited $rc"
		else
			echo "not ok - $s: nothing exported for the guest boot"
		fi
	fi
	rm -rf "$work"
}

[ "$(id -u)" = 0 ] || { echo "not ok - tests/packages/chroot.sh must run as root"; exit 1; }
for s in ${MPC_PACKAGES_FULL-6.12}; do one "$s" full; done
for s in ${MPC_PACKAGES_SMOKE-6.1 5.10}; do one "$s" smoke; done
