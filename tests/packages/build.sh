#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb and make rpm from make dist's tarball, in BUILDDIR; the packages
# stay there for tests/packages/chroot.sh. Checks: lintian --fail-on
# warning, the .deb's relationships and file list (the DKMS tree, the kit
# link, nothing the package does not use), rpm -qlp, rpm -qp --scripts (the
# dkms calls), rpmlint (findings justified in rpm/*.rpmlintrc).
#
#   tests/packages/build.sh BUILDDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
build=$(cd "${1:?usage: build.sh BUILDDIR}" && pwd)
v=$(sed -n 's/^PACKAGE_VERSION = //p' "$build/Makefile")
deb=$build/mmap-prepare-compat-dkms_$v-1_all.deb
rpmf=$build/mmap-prepare-compat-dkms-$v-1.noarch.rpm
tree=usr/src/mmap-prepare-compat-$v

rm -f "$build"/*.deb "$build"/*.rpm
# one make, one dist tarball for both
tap_check "make deb rpm (from the dist tarball)" make -C "$build" -s deb rpm
# the same package with the next version, for the upgrade case of chroot.sh
bdir=$build/_pkg/bumped
rm -rf "$bdir" "$build/bumped"
mkdir -p "$build/bumped"
cp -r "$build/_pkg/deb/mmap-prepare-compat-$v" "$bdir"
nv=${v%.*}.$((${v##*.} + 1))
sed -i "s/^PACKAGE_VERSION=\"$v\"/PACKAGE_VERSION=\"$nv\"/" "$bdir/dkms.conf"
{ printf 'mmap-prepare-compat (%s-1) unstable; urgency=medium\n\n  * Test upgrade.\n\n' "$nv"
  printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -l "$bdir/debian/changelog" -S Maintainer)" "$(date -R)"
  cat "$bdir/debian/changelog"; } > "$bdir/debian/changelog.new"
mv "$bdir/debian/changelog.new" "$bdir/debian/changelog"
tap_check "a bumped version ($nv) builds too" \
	bash -c "cd '$bdir' && dpkg-buildpackage -us -uc -b && mv ../mmap-prepare-compat-dkms_${nv}-1_all.deb '$build/bumped/'"
acmes=("$build"/acme-dkms_*_all.deb)
acme=${acmes[0]}
tap_check "lintian --fail-on warning (both packages)" lintian --fail-on warning "$deb" "$acme"

files=$(dpkg-deb -c "$deb" | awk '{ print $6 ($7 ? " " $7 " " $8 : "") }' | sed 's|^\./||')
fields=$(dpkg-deb -f "$deb" Architecture Depends Recommends)
tap_check "Architecture: all" grep -qx 'Architecture: all' <<< "$fields"
tap_check "Depends on dkms (no version newer than bullseye's 2.8)" \
	grep -qE '^Depends:.*dkms( \(>= 2\.8\))?(,|$)' <<< "$fields"
tap_check "kernel headers in the alternatives form" \
	grep -q 'linux-headers-amd64 | .*linux-headers$' <<< "$fields"
for f in dkms.conf mmap-prepare-compat.mk include/linux/mmap_prepare_compat.h \
	 config/probe-kernel.sh compat/mmap_prepare_compat_all.c src/Kbuild scripts/mpc-port \
	 scripts/dkms-install-all; do
	tap_check "the DKMS tree has $f" grep -qx "$tree/$f" <<< "$files"
done
tap_check "the documentation is installed (/usr/share/doc/mmap-prepare-compat-dkms/README.md)" \
	grep -qE '^usr/share/doc/mmap-prepare-compat-dkms/README\.md(\.gz)?$' <<< "$files"
tap_check "debian/copyright is machine-readable (copyright-format 1.0)" \
	bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xOf - ./usr/share/doc/mmap-prepare-compat-dkms/copyright |
		head -n 1 | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/'"
# every lintian override has a comment right above it (its justification)
unjustified=$(cat "$repo"/debian/*.lintian-overrides "$repo"/samples/acme/debian/*.lintian-overrides 2>/dev/null |
	awk '/^#/ { c = 1; next } /^[[:space:]]*$/ { c = 0; next } { if (!c) print; c = 0 }')
tap_check "every lintian override is justified in a comment" test -z "$unjustified"
[ -z "$unjustified" ] || tap_note "unjustified: $unjustified"
tap_check "the kit link /usr/share/mmap-prepare-compat/kit" \
	grep -qx "usr/share/mmap-prepare-compat/kit -> ../../src/mmap-prepare-compat-$v" <<< "$files"
extra=$(grep -E "/(example|m4)/|/(setup|test-all|\.gitignore|gen-states\.py)$" <<< "$files" || true)
tap_check "nothing the package does not use (examples, m4, setup, test-all)" test -z "$extra"
tap_check "the postinst builds for every kernel (dkms-install-all), not dkms's common.postinst" \
	bash -c "dpkg-deb -I '$deb' postinst | grep -q dkms-install-all && ! dpkg-deb -I '$deb' postinst | grep -q common.postinst"
tap_check "the prerm removes it from DKMS" bash -c "dpkg-deb -I '$deb' prerm | grep -q 'dkms remove'"
tap_check "purge removes the probe cache" bash -c "dpkg-deb -I '$deb' postrm | grep -q 'rm -rf /var/cache/mmap-prepare-compat'"
tap_check "acme-dkms depends on mmap-prepare-compat-dkms" \
	bash -c "dpkg-deb -f '$acme' Depends | grep -q 'mmap-prepare-compat-dkms'"
tap_check "acme's dkms.conf: BUILD_DEPENDS=mmap-prepare-compat" \
	bash -c "dpkg-deb --fsys-tarfile '$acme' | tar -xOf - --wildcards './usr/src/acme-*/dkms.conf' | grep -q '^BUILD_DEPENDS\[0\]=\"mmap-prepare-compat\"'"

tap_check "rpmbuild -ba made the noarch and the source rpm" test -f "$rpmf" -a -f "$build/mmap-prepare-compat-$v-1.src.rpm"
tap_check "rpm -qlp: the DKMS tree and the kit link" \
	bash -c "rpm -qlp '$rpmf' | grep -qx '/$tree/dkms.conf' && rpm -qlp '$rpmf' | grep -qx /usr/share/mmap-prepare-compat/kit"
tap_check "rpm -qlp: README.md and LICENSE" \
	bash -c "rpm -qlp '$rpmf' | grep -q '/README.md$' && rpm -qlp '$rpmf' | grep -q '/LICENSE$'"
tap_check "rpm -qlp: nothing the package does not use" \
	bash -c "! rpm -qlp '$rpmf' | grep -E '/(example|m4)/|/(setup|test-all)$'"
scripts=$(rpm -qp --scripts "$rpmf")
tap_check "%post adds, builds, installs (dkms-install-all)" grep -q "sh /$tree/scripts/dkms-install-all" <<< "$scripts"
tap_check "%preun: dkms remove" grep -q "dkms remove -m mmap-prepare-compat -v $v --all" <<< "$scripts"
tap_check "rpm: noarch" bash -c "[ \"\$(rpm -qp --qf '%{ARCH}' '$rpmf')\" = noarch ]"
tap_check "rpmlint (findings justified in rpm/mmap-prepare-compat.rpmlintrc)" \
	rpmlint -r "$repo/rpm/mmap-prepare-compat.rpmlintrc" "$rpmf" "$build"/mmap-prepare-compat-"$v"-1.src.rpm
tap_done
