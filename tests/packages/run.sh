#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The packages suite (scripts/test-all: packages):
#   layout.sh    make install / uninstall layout in a DESTDIR (host)
#   version.sh   one version: configure.ac's AC_INIT in dkms.conf,
#                debian/changelog and the RPM spec
#   docs.sh      README's install section leads with the package commands;
#                the vendor template is documented
#   build.sh     make deb + make rpm from make dist's tarball, lintian,
#                rpmlint, rpm -qlp / --scripts
#   chroot.sh    the .deb's life in release chroots (install, DKMS for every
#                kernel, kernel upgrade, acme-dkms, removal, purge, upgrade,
#                faults), then the full series' kernel booted under QEMU
#                with the module the package installed (guest.sh);
#                MPC_PACKAGES_FULL / MPC_PACKAGES_SMOKE pick the releases
#                (see chroot.sh)
# Each part prints ok / not ok lines; this prints "N passed, N failed" over
# all of them.
#
#   tests/packages/run.sh BUILDDIR     (a configured, built tree)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/lib/tap.sh
. "$here/../lib/tap.sh"
build=${1:?usage: run.sh BUILDDIR}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for part in ${MPC_PACKAGES_PARTS:-layout version docs build chroot}; do
	[ -f "$here/$part.sh" ] || continue
	printf '# --- %s\n' "$part"
	t0=$SECONDS
	f0=$(grep -c '^not ok ' "$out")
	bash "$here/$part.sh" "$build" 2>&1 | grep -v -E '^(1\.\.[0-9]+|[0-9]+ passed, [0-9]+ failed)$' | tee -a "$out"
	rc=${PIPESTATUS[0]}
	if [ "$rc" != 0 ] && [ "$(grep -c '^not ok ' "$out")" = "$f0" ]; then
		echo "not ok - $part exited $rc" | tee -a "$out"
	fi
	printf '# %s: %d s\n' "$part" $((SECONDS - t0))
done
tap_tally "$out"
