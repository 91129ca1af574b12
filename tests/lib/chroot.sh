#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-release build chroots for the test matrix.
#
#   chroot.sh ensure SERIES        build the chroot, or reuse it from the cache
#   chroot.sh info SERIES          print CHROOT= KREL= KDIR= KIMAGE= KARCH=
#                                  CROSS_COMPILE= ... (sourceable)
#   chroot.sh run SERIES [--bind DIR]... -- CMD [ARG]...
#                                  run CMD inside the chroot, in private mount
#                                  and pid namespaces, with the repository (and
#                                  every --bind DIR) mounted at its own path
#   chroot.sh manifest SERIES      print the kernel/compiler packages installed
#   chroot.sh list [ARCH]          print the known series (of ARCH only)
#
# SERIES is one of the series in tests/matrix/kernels.conf. Chroots live in
# ${MPC_CACHE:-/var/cache/mmap-prepare-compat}/chroots/SERIES, downloaded
# packages in .../debs. A chroot is rebuilt when its kernels.conf line (or this
# recipe) changes. Concurrent callers are safe: one flock per series, and at
# most MPC_CHROOT_JOBS (default 2) builds at a time.
#
# Environment: MPC_CACHE, MPC_CHROOT_JOBS, MPC_APT_MIRROR, MPC_APT_SECURITY,
# MPC_KERNELS_CONF (default tests/matrix/kernels.conf).
set -euo pipefail
# Parsed whole before it runs, so editing this file mid-run is safe.
{

LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$LIB_DIR/../.." && pwd)
CACHE=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
CONF=${MPC_KERNELS_CONF:-$REPO/tests/matrix/kernels.conf}
MIRROR=${MPC_APT_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MPC_APT_SECURITY:-http://deb.debian.org/debian-security}
JOBS=${MPC_CHROOT_JOBS:-2}
# Bump when the recipe below changes in a way that needs new chroots.
RECIPE=3
# The same for the foreign-architecture part (arm64 lines only).
RECIPE_FOREIGN=1
PKGS_COMMON=make,kmod,bc,autoconf,automake,libtool,dkms

die() { printf 'chroot.sh: %s\n' "$*" >&2; exit 1; }
log() { printf 'chroot.sh: %s\n' "$*" >&2; }

usage() {
	sed -n '4,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

# conf_line SERIES: the kernels.conf line of SERIES, whitespace-normalised.
conf_line() {
	local line
	line=$(awk -v s="$1" '!/^[[:space:]]*#/ && $1 == s { $1 = $1; print }' \
		"$CONF")
	[ -n "$line" ] || die "unknown series '$1' (known: $(list_series | xargs))"
	printf '%s\n' "$line"
}

# list_series [ARCH]: every series, or those of ARCH (field 8, default amd64).
list_series() {
	awk -v a="${1:-}" '!/^[[:space:]]*(#|$)/ &&
		(a == "" || a == ($8 == "" ? "amd64" : $8)) { print $1 }' "$CONF"
}

# load SERIES: set SUITES GCC KREL PKGVER EXTRA DIR and the derived paths.
load() {
	SERIES=$1
	LINE=$(conf_line "$SERIES")
	read -r _ SUITES GCC KREL PKGVER EXTRA EXPECT_PATH KARCH _ <<<"$LINE"
	[ -n "$EXPECT_PATH" ] || die "$CONF: short line for $SERIES"
	KARCH=${KARCH:-amd64}
	case $KARCH in
	amd64) CROSS_COMPILE= ;;
	arm64) CROSS_COMPILE=aarch64-linux-gnu- ;;
	*) die "$CONF: $SERIES: unknown arch '$KARCH' (amd64, arm64)" ;;
	esac
	DIR=$CACHE/chroots/$SERIES
	# Only what shapes the chroot: a new "path" must not rebuild it (nor
	# the arch field of the amd64 lines, which predate it).
	STAMP_TEXT="recipe=$RECIPE $SERIES $SUITES $GCC $KREL $PKGVER $EXTRA"
	[ "$KARCH" = amd64 ] || STAMP_TEXT="$STAMP_TEXT arch=$KARCH recipe-foreign=$RECIPE_FOREIGN"
	KDIR=/usr/src/linux-headers-$KREL
	KIMAGE=$DIR/boot/vmlinuz-$KREL
}

is_ready() {
	[ -f "$DIR/.mpc-stamp" ] &&
	[ "$(cat "$DIR/.mpc-stamp")" = "$STAMP_TEXT" ] &&
	[ -f "$KIMAGE" ] && [ -f "$DIR$KDIR/Makefile" ]
}

# no_mounts_below DIR: refuse to delete a tree that still has mounts in it.
no_mounts_below() {
	if findmnt -rn -o TARGET | grep -q -F -- "$1/"; then
		die "$1 has mounts below it; refusing to touch it"
	fi
}

# acquire_slot: hold one of $JOBS build slots (released when we exit).
acquire_slot() {
	local i fd waited=0
	mkdir -p "$CACHE/locks"
	while :; do
		for ((i = 0; i < JOBS; i++)); do
			exec {fd}>"$CACHE/locks/build-slot.$i"
			if flock -n "$fd"; then
				return 0
			fi
			exec {fd}>&-
		done
		[ $waited = 1 ] || log "$SERIES: waiting for a free build slot"
		waited=1
		sleep 2
	done
}

# mirror_lines: one apt source line per suite of this series.
mirror_lines() {
	local s
	for s in ${SUITES//,/ }; do
		case $s in
		*-security) echo "deb $SECURITY $s main" ;;
		*) echo "deb $MIRROR $s main" ;;
		esac
	done
}

build() {
	local tmp="$CACHE/chroots/.$SERIES.new" debs="$CACHE/debs" base
	# The package cache is shared by concurrent builds: copying in while
	# another build copies out made mmdebstrap's sync-in/sync-out (tar)
	# fail with "file changed as we read it". One lock serialises both.
	local debs_lock="$CACHE/locks/debs.lock"
	local include="$GCC,$PKGS_COMMON"
	local -a foreign=()
	if [ "$KARCH" = amd64 ]; then
		include="$include,linux-headers-$KREL=$PKGVER"
		include="$include,linux-image-$KREL=$PKGVER"
	else
		# headers, image and busybox of $KARCH: chroot-foreign.sh
		include="$include,libc6-dev-$KARCH-cross"
		foreign=(--architectures="amd64,$KARCH" --customize-hook="$LIB_DIR/chroot-foreign.sh \"\$1\" $KARCH $KREL $PKGVER")
	fi
	[ "$EXTRA" = - ] || include="$include,$EXTRA"
	base=${SUITES%%,*}
	local -a mirrors
	mapfile -t mirrors < <(mirror_lines)

	command -v mmdebstrap >/dev/null ||
		"$LIB_DIR/host-deps.sh" mmdebstrap
	mkdir -p "$debs" "$CACHE/chroots" "$CACHE/locks"
	no_mounts_below "$tmp"
	rm -rf "$tmp"
	log "$SERIES: building chroot ($base, linux-image-$KREL=$PKGVER, $KARCH)"
	local t0=$SECONDS
	# INITRD=No: the image's postinst skips the initramfs we never boot.
	# path-exclude: the guest needs no modules from the image, only
	# vmlinuz; /lib/modules/KREL/{build,modules.*} are kept.
	INITRD=No mmdebstrap --mode=root --variant=minbase \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		--aptopt='APT::Install-Recommends "false"' \
		--dpkgopt='path-exclude=/lib/modules/*/kernel/*' \
		--dpkgopt='path-exclude=/usr/lib/modules/*/kernel/*' \
		--dpkgopt='path-exclude=/usr/share/doc/*' \
		--dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		--include="$include" \
		--skip=essential/unlink \
		--setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
		--setup-hook="flock $debs_lock cp -a $debs/. \"\$1\"/var/cache/apt/archives/" \
		"${foreign[@]}" \
		--customize-hook="flock $debs_lock sh -c 'cp -an \"\$0\"/var/cache/apt/archives/*.deb $debs/ 2>/dev/null || :' \"\$1\"" \
		"$base" "$tmp" "${mirrors[@]}" \
		>"$CACHE/chroots/$SERIES.log" 2>&1 || {
			tail -n 30 "$CACHE/chroots/$SERIES.log" >&2
			die "$SERIES: mmdebstrap failed (log: $CACHE/chroots/$SERIES.log)"
		}
	[ -f "$tmp/boot/vmlinuz-$KREL" ] || die "$SERIES: no vmlinuz-$KREL in chroot"
	[ -f "$tmp$KDIR/Makefile" ] || die "$SERIES: no $KDIR in chroot"
	# Stale Packages files would only waste space.
	printf '%s\n' "$STAMP_TEXT" >"$tmp/.mpc-stamp"
	no_mounts_below "$DIR"
	rm -rf "$DIR"
	mv "$tmp" "$DIR"
	log "$SERIES: chroot ready in $((SECONDS - t0)) s ($(du -sh "$DIR" | cut -f1))"
}

cmd_ensure() {
	load "$1"
	if is_ready; then
		return 0
	fi
	mkdir -p "$CACHE/locks"
	local fd
	exec {fd}>"$CACHE/locks/chroot-$SERIES.lock"
	flock "$fd"
	if ! is_ready; then
		acquire_slot
		build
	fi
	exec {fd}>&-
}

cmd_info() {
	load "$1"
	printf 'CHROOT=%q\nKREL=%q\nKDIR=%q\nKIMAGE=%q\n' \
		"$DIR" "$KREL" "$KDIR" "$KIMAGE"
	printf 'PKGVER=%q\nSUITES=%q\nGCC=%q\nEXPECT_PATH=%q\n' \
		"$PKGVER" "$SUITES" "$GCC" "$EXPECT_PATH"
	printf 'KARCH=%q\nCROSS_COMPILE=%q\n' "$KARCH" "$CROSS_COMPILE"
}

cmd_manifest() {
	load "$1"
	is_ready || die "$SERIES: chroot not built (run: chroot.sh ensure $SERIES)"
	chroot "$DIR" dpkg-query -W \
		-f '${db:Status-Abbrev} ${Package} ${Version}\n' \
		'linux-*' 'gcc-*' dkms make 2>/dev/null |
		awk '$1 == "ii" { print $2, $3 }'
	# a foreign architecture's kernel packages (unpacked, not installed)
	sed 's/^\(linux-[^:]*\):[^ ]* /\1 /' "$DIR/.mpc-foreign-manifest" 2>/dev/null || true
}

# cmd_run SERIES [--bind DIR]... -- CMD...
cmd_run() {
	load "$1"
	shift
	local -a binds=("$REPO")
	while [ $# -gt 0 ]; do
		case $1 in
		--bind) [ $# -ge 2 ] || usage
			binds+=("$(cd "$2" && pwd)"); shift 2 ;;
		--) shift; break ;;
		*) usage ;;
		esac
	done
	[ $# -gt 0 ] || usage
	is_ready || cmd_ensure "$SERIES"
	# The new mount namespace is private: everything mounted in it goes
	# away with its last process, and --pid --fork takes every process
	# started inside down with it.
	exec unshare --mount --pid --fork --mount-proc="$DIR/proc" -- \
		"${BASH_SOURCE[0]}" __enter "$DIR" "${binds[@]}" -- "$@"
}

# __enter DIR BIND... -- CMD...: runs inside the new namespaces.
cmd_enter() {
	local dir=$1 b
	shift
	mount --make-rprivate /
	# tmpfs first: a --bind below /tmp must land on top of it.
	mount -t tmpfs -o size=2g tmpfs "$dir/tmp"
	mount --rbind /dev "$dir/dev"
	mount -t sysfs sysfs "$dir/sys" 2>/dev/null || true
	while [ "$1" != -- ]; do
		b=$1
		shift
		mkdir -p "$dir$b"
		mount --rbind "$b" "$dir$b"
	done
	shift
	# Start in the caller's directory when it exists in the chroot.
	exec chroot "$dir" /usr/bin/env -i \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LC_ALL=C TERM="${TERM:-dumb}" \
		${MAKEFLAGS:+MAKEFLAGS="$MAKEFLAGS"} \
		/bin/sh -c 'cd "$1" 2>/dev/null || cd /; shift; exec "$@"' \
		sh "$PWD" "$@"
}

[ $# -ge 1 ] || usage
cmd=$1
shift
case $cmd in
ensure)   [ $# = 1 ] || usage; [ "$(id -u)" = 0 ] || die "must run as root"
	  cmd_ensure "$1" ;;
info)     [ $# = 1 ] || usage; cmd_info "$1" ;;
manifest) [ $# = 1 ] || usage; cmd_manifest "$1" ;;
list)     [ $# -le 1 ] || usage; list_series "$@" ;;
run)      [ $# -ge 3 ] || usage; cmd_run "$@" ;;
__enter)  cmd_enter "$@" ;;
*)        usage ;;
esac
exit
}
