#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# One version, in one place: configure.ac's AC_INIT. dkms.conf and
# debian/changelog's top entry must say the same; the RPM spec is generated
# from it (make).
#
#   tests/packages/version.sh [BUILDDIR]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

v=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$repo/configure.ac")
tap_note "configure.ac: $v"
same() { # what value
	if [ "$2" = "$v" ]; then tap_ok "$1 is $v"; else tap_fail "$1 is $v (it says '$2')"; fi
}
same "dkms.conf PACKAGE_VERSION" "$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$repo/dkms.conf")"
same "debian/changelog's upstream version" \
	"$(sed -n '1s/^mmap-prepare-compat (\([^-)]*\)-[^)]*).*/\1/p' "$repo/debian/changelog")"
same "the spec's version comes from configure" \
	"$(grep -c '^Version: *@PACKAGE_VERSION@$' "$repo/rpm/mmap-prepare-compat.spec.in" | sed "s/^1$/$v/")"
tap_done
