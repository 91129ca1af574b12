#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The foreign-architecture part of a release chroot (tests/lib/chroot.sh,
# an mmdebstrap customize hook): Debian's kernel headers and image of ARCH
# in an amd64 chroot that has ARCH as a dpkg foreign architecture.
#
#   chroot-foreign.sh ROOT ARCH KREL VERSION
#
# What works with Debian's own packages, and why:
#  - linux-headers-KREL (ARCH) is unpacked with dpkg-deb, not installed:
#    up to 6.12 it depends on the native compiler of ARCH (gcc-N:arm64,
#    which cannot be co-installed with the amd64 one) and, from 6.12 on, on
#    linux-image-KREL:ARCH; 7.2 and later depend on gcc-N-for-host, which
#    apt resolves to the cross compiler, but one recipe serves all.
#  - its scripts/ and tools/ are symlinks into linux-kbuild-*, which is
#    Multi-Arch: foreign: the amd64 package of the same version holds
#    fixdep, modpost and objtool for this host, so the headers work for a
#    cross build without qemu-user/binfmt. It and linux-headers-*-common
#    (Architecture: all) are installed with apt, at the headers' version.
#  - the headers' .kernelvariables set ARCH and CC=$(CROSS_COMPILE)gcc-N:
#    a build passes CROSS_COMPILE=aarch64-linux-gnu- (gcc-N-aarch64-linux-gnu
#    is the kernels.conf line's gcc field).
#  - linux-image-KREL (ARCH): only /boot is unpacked (vmlinuz, config,
#    System.map); the guest loads no module of the image. From 7.x the
#    image package is a metapackage: the kernel is
#    /usr/lib/modules/KREL/vmlinuz of linux-binary-KREL (and config of
#    linux-base-KREL), which their postinst would copy to /boot; here
#    they are copied to /boot/vmlinuz-KREL and /boot/config-KREL.
#  - busybox-static (ARCH) is unpacked to /usr/lib/mpc-foreign/ARCH/ for the
#    guest's initramfs (MPC_BUSYBOX of tests/matrix/initramfs.sh).
# /.mpc-foreign-manifest lists what was unpacked ("PACKAGE VERSION").
set -euo pipefail

[ $# = 4 ] || { echo "usage: chroot-foreign.sh ROOT ARCH KREL VERSION" >&2; exit 2; }
root=$1 arch=$2 krel=$3 ver=$4
log() { printf 'chroot-foreign: %s\n' "$*" >&2; }
in_root() { chroot "$root" "$@"; }

hdr=linux-headers-$krel
img=linux-image-$krel
dl=/var/cache/apt/archives/foreign
mkdir -p "$root$dl"
log "downloading $hdr:$arch $img:$arch busybox-static:$arch ($ver)"
in_root sh -c 'cd "$1" && shift && apt-get download -q "$@"' sh "$dl" \
	"$hdr:$arch=$ver" "$img:$arch=$ver" "busybox-static:$arch" >&2

# deb PACKAGE: the downloaded .deb of PACKAGE (one).
deb() {
	local f
	f=$(compgen -G "$root$dl/${1}_*_$arch.deb" | head -n 1 || true)
	[ -n "$f" ] || { log "no ${1}_*_$arch.deb downloaded"; exit 1; }
	printf '%s\n' "$f"
}

# The headers' build-host dependencies, at their pinned version.
deps=$(dpkg-deb -f "$(deb "$hdr")" Depends | tr ',' '\n' |
	sed -n 's/^ *\(linux-\(kbuild\|headers\)-[^ ]*\).*/\1/p' | sort -u)
[ -n "$deps" ] || { log "$hdr has no linux-kbuild/-common dependency"; exit 1; }
pins=()
for d in $deps; do
	pins+=("$d=$ver")
done
log "installing ${pins[*]}"
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	--no-install-recommends "${pins[@]}" >&2

# --keep-directory-symlink: a merged-/usr root's /lib -> usr/lib stays a
# link when a package (bookworm's headers) has files below ./lib/.
unpack() { # deb root [member...]
	local f=$1 r=$2
	shift 2
	dpkg-deb --fsys-tarfile "$f" |
		tar -C "$r" -x --keep-directory-symlink --wildcards "$@"
}
unpack "$(deb "$hdr")" "$root"
# /boot of the image, or of its linux-binary-/linux-base- parts (7.x)
parts=$(dpkg-deb -f "$(deb "$img")" Depends | tr ',' '\n' |
	sed -n "s/^ *\(linux-\(binary\|base\)-$krel\) .*/\1/p" | sort -u)
if [ -n "$parts" ]; then
	log "$img is split: downloading $(echo "$parts" | xargs)"
	# shellcheck disable=SC2046 # one word per package
	in_root sh -c 'cd "$1" && shift && apt-get download -q "$@"' sh "$dl" \
		$(for p in $parts; do echo "$p:$arch=$ver"; done) >&2
fi
mods=./usr/lib/modules/$krel
for p in "$img" $parts; do
	unpack "$(deb "$p")" "$root" './boot/*' "$mods/vmlinuz" "$mods/config" \
		2>/dev/null || true
done
for f in vmlinuz config; do
	if [ ! -f "$root/boot/$f-$krel" ] && [ -f "$root/$mods/$f" ]; then
		mkdir -p "$root/boot"
		cp "$root/$mods/$f" "$root/boot/$f-$krel"
	fi
done
[ -f "$root/boot/vmlinuz-$krel" ] || { log "no vmlinuz of $krel in $img"; exit 1; }
mkdir -p "$root/usr/lib/mpc-foreign/$arch"
unpack "$(deb busybox-static)" "$root/usr/lib/mpc-foreign/$arch"
bb=$(find "$root/usr/lib/mpc-foreign/$arch" -path '*/bin/busybox' -type f | head -n 1)
[ -n "$bb" ] || { log "no busybox in busybox-static:$arch"; exit 1; }
ln -sfn "${bb#"$root"}" "$root/usr/lib/mpc-foreign/$arch.busybox"

for p in "$hdr" "$img" $parts busybox-static; do
	printf '%s %s\n' "$p:$arch" "$(dpkg-deb -f "$(deb "$p")" Version)"
done >"$root/.mpc-foreign-manifest"
# The customize hook after this one copies the archive's debs to the
# shared cache; the foreign ones stay here (the headers are large).
rm -rf "${root:?}$dl"
