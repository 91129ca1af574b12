#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make install / make uninstall layout, in a DESTDIR (no root needed), from
# a configured and built tree:
#  - the module through kbuild's modules_install in lib/modules/REL/updates
#  - the build kit in $datadir/mmap-prepare-compat/kit only (no headers in
#    $includedir, no DKMS tree, nothing the kit does not use), and a
#    third-party driver builds against it in shared mode
#  - a module DKMS built for the same kernel stops make install
#  - make uninstall removes exactly what install created
#
#   tests/packages/layout.sh BUILDDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

build=$(cd "${1:?usage: layout.sh BUILDDIR}" && pwd)
rel=$(sed -n 's/^LINUX_RELEASE = //p' "$build/Makefile")
kobj=$(sed -n 's/^LINUX_OBJ = //p' "$build/Makefile")
prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-layout.XXXXXX")
trap 'rm -rf "$work"' EXIT
d=$work/root
kit=$d$prefix/share/mmap-prepare-compat/kit

# a directory of the system that install uses but did not create
mkdir -p "$d$prefix/src/other" "$d$prefix/bin"
# the DKMS source tree scripts/setup or the package made: never make
# install's, never removed by make uninstall
v=$(sed -n 's/^PACKAGE_VERSION = //p' "$build/Makefile")
mkdir -p "$d/usr/src/mmap-prepare-compat-$v"
cp "$repo/dkms.conf" "$d/usr/src/mmap-prepare-compat-$v/"
snap() { (cd "$d" && find . | LC_ALL=C sort); }
snap > "$work/before"

tap_check "make install DESTDIR" make -C "$build" -s install DESTDIR="$d"
tap_check "module installed by modules_install in updates/" \
	test -f "$d/lib/modules/$rel/updates/mmap_prepare_compat.ko"
tap_check "kit in \$datadir/mmap-prepare-compat/kit" \
	test -f "$kit/mmap-prepare-compat.mk" -a -f "$kit/include/linux/mmap_prepare_compat.h" \
	-a -x "$kit/config/probe-kernel.sh" -a -f "$kit/src/Kbuild" -a -x "$kit/scripts/mpc-port"
tap_check "per-kernel Module.symvers and config header" \
	test -s "$d$prefix/share/mmap-prepare-compat/$rel/Module.symvers" \
	-a -s "$d$prefix/share/mmap-prepare-compat/$rel/mmap_prepare_compat_config.h"
tap_check "no headers outside the kit" \
	test ! -e "$d$prefix/include/linux/mmap_prepare_compat.h" -a ! -e "$d$prefix/include/mmap_prepare_compat"
tap_check "no kit or DKMS tree in \$prefix/src" \
	test ! -e "$d$prefix/src/mmap-prepare-compat-$(sed -n 's/^PACKAGE_VERSION = //p' "$build/Makefile")"
extra=$(cd "$kit" && find . \( -name example -o -name m4 -o -name '.git*' -o -name setup \
	-o -name test-all -o -name dkms.conf -o -name 'dkms-*' -o -name '*.py' -o -name '*.o' \) -print)
tap_check "kit carries only what it uses (no examples, m4, setup, test-all, dkms)" test -z "$extra"
[ -z "$extra" ] || tap_note "extra: $extra"
tap_check "documentation installed" test -f "$d$prefix/share/doc/mmap-prepare-compat/README.md"
tap_check "mpc-port finds its semantic patches in the kit" \
	grep -q "'$prefix/share/mmap-prepare-compat/kit/scripts/coccinelle/mpc-port'" "$d$prefix/bin/mpc-port"

# A vendor driver in shared mode against the installed kit: the fragment
# finds the installed Module.symvers next to the kit.
cp -r "$repo/samples/acme" "$work/acme"
if make -C "$kobj" M="$work/acme" MMAP_PREPARE_COMPAT_DIR="$kit" modules > "$work/acme.log" 2>&1 &&
   [ -f "$work/acme/acme_mmap.ko" ] && ! grep -q 'undefined!\|no Module.symvers' "$work/acme.log"; then
	tap_ok "a shared-mode driver builds against the installed kit"
else
	tap_fail "a shared-mode driver builds against the installed kit" "$(tail -n 20 "$work/acme.log")"
fi

# DKMS has the module for this kernel: install refuses, names DKMS
mkdir -p "$d/var/lib/dkms/mmap-prepare-compat/0.0.1/$rel/x86_64/module"
if make -C "$build" -s install DESTDIR="$d" > "$work/collide.log" 2>&1; then
	tap_fail "make install refuses when DKMS installed the module for the kernel"
elif grep -q 'DKMS has built mmap-prepare-compat' "$work/collide.log"; then
	tap_ok "make install refuses when DKMS installed the module for the kernel"
else
	tap_fail "make install refuses when DKMS installed the module for the kernel" "$(tail "$work/collide.log")"
fi
rm -rf "${d:?}/var"

tap_check "make uninstall DESTDIR" make -C "$build" -s uninstall DESTDIR="$d"
# kbuild creates lib/modules/REL/updates: a directory of the system
(cd "$d" && rmdir -p "lib/modules/$rel/updates" 2>/dev/null) || true
# directories automake's install creates for any package ($datadir, docdir's parent)
for x in share/doc share; do rmdir "$d$prefix/$x" 2>/dev/null || true; done
tap_check "the DKMS source tree /usr/src/mmap-prepare-compat-$v survives make install and uninstall" \
	cmp "$repo/dkms.conf" "$d/usr/src/mmap-prepare-compat-$v/dkms.conf"
snap > "$work/after"
if cmp -s "$work/before" "$work/after"; then
	tap_ok "make uninstall removes exactly what install created"
else
	tap_fail "make uninstall removes exactly what install created" \
		"$(diff "$work/before" "$work/after")"
fi
tap_done
