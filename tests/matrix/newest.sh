#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The newest-kernel watch: the newest kernel that Debian unstable and
# experimental carry now (unpinned), probed, the example driver built on
# the path the probes choose, booted, and the guest checks run.
#
#   tests/matrix/newest.sh [--out DIR] [--always] [--suites "sid experimental"]
#
# 1. Resolve: a private apt configuration (sources, lists and cache under
#    $MPC_CACHE/newest/apt; the host's /etc/apt is neither read nor
#    changed) lists each suite's linux-headers-amd64 and linux-image-amd64;
#    their dependencies name the kernel release and version.
# 2. A kernel whose upstream version is not newer than every pinned one of
#    tests/matrix/kernels.conf is only reported (one passing check): the
#    run costs one `apt-get update`. --always tests it all the same.
# 3. A newer one gets a series "newest-SUITE" in a temporary kernels.conf
#    (its chroot is cached like the others, rebuilt when the version
#    changes), the probe runner with MMAP_PREPARE_COMPAT_STRICT=1 on its
#    headers, and tests/matrix/run.sh --series newest-SUITE expecting the
#    path the probes chose: build, boot, guest checks.
# A failure names the kernel package and version and the first probe or
# symbol that changed: the probe the unknown API state has beyond (or
# lacks from) its nearest known state, else the first compiler error's
# symbol, else the first failing guest case.
#
# Ends with "N passed, N failed"; exit status 1 when a newer kernel fails.
# Environment: MPC_CACHE, MPC_APT_MIRROR, MPC_KERNELS_CONF.
set -euo pipefail
# Parsed whole before it runs, so editing this file mid-run is safe.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
LIB=$REPO/tests/lib
# shellcheck source=tests/lib/tap.sh
. "$LIB/tap.sh"
export MPC_CACHE=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
MIRROR=${MPC_APT_MIRROR:-http://deb.debian.org/debian}
CONF=${MPC_KERNELS_CONF:-$HERE/kernels.conf}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
APTDIR=$MPC_CACHE/newest/apt
SUITES="sid experimental"
OUT=$MPC_CACHE/newest/out
ALWAYS=0

log() { printf 'newest: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }


# ------------------------------------------------------------ resolve
APT_OPTS=(
	-o "Dir::Etc::SourceList=$APTDIR/sources.list"
	-o "Dir::Etc::SourceParts=$APTDIR/empty"
	-o "Dir::Etc::Preferences=$APTDIR/empty/preferences"
	-o "Dir::Etc::PreferencesParts=$APTDIR/empty"
	-o "Dir::State::Lists=$APTDIR/lists"
	-o "Dir::State::status=$APTDIR/status"
	-o "Dir::Cache=$APTDIR/cache"
	-o "Dir::Cache::pkgcache=$APTDIR/cache/pkgcache.bin"
	-o "Dir::Cache::srcpkgcache=$APTDIR/cache/srcpkgcache.bin"
	-o APT::Architecture=amd64 -o APT::Architectures::=amd64
	-o Acquire::Languages=none -o Acquire::Check-Valid-Until=false
)
aptc() { apt-cache "${APT_OPTS[@]}" "$@"; }

apt_update() {
	local s
	"$LIB/host-deps.sh" keyring
	mkdir -p "$APTDIR"/{empty,lists/partial,cache/archives/partial}
	: >"$APTDIR/status"
	for s in $SUITES; do
		echo "deb [signed-by=$KEYRING] $MIRROR $s main"
	done >"$APTDIR/sources.list"
	apt-get "${APT_OPTS[@]}" -q update >"$OUT/apt-update.log" 2>&1 ||
		{ tail -n 20 "$OUT/apt-update.log" >&2; return 1; }
}

# version_in PKG SUITE: PKG's version in SUITE (empty when it has none)
version_in() {
	aptc madison "$1" 2>/dev/null |
		awk -F' *[|] *' -v s=" $2/main " 'index($3, s) { print $2 }' |
		head -n 1
}

# dep PKG VERSION REGEX: the first dependency of PKG=VERSION matching REGEX
dep() {
	aptc show "$1=$2" 2>/dev/null | sed -n 's/^Depends: //p' | head -n 1 |
		tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -E "$3" | head -n 1
}

upstream() { # a Debian version without epoch and revision
	local v=${1#*:}
	printf '%s\n' "${v%-*}"
}

# newest pinned upstream version of kernels.conf
pinned_max() {
	awk '!/^[[:space:]]*(#|$)/ { print $1, $5 }' "$CONF" | {
		local best='' bs='' s v u
		while read -r s v; do
			u=$(upstream "$v")
			if [ -z "$best" ] || dpkg --compare-versions "$u" gt "$best"; then
				best=$u bs=$s
			fi
		done
		echo "$best $bs"
	}
}

# ------------------------------------------------------------ explain
# first_change LOG: the probe(s) of an unknown API state, from the probe
# runner's message: what it lacks from the nearest state, else what it
# has beyond it.
first_change() {
	local m
	m=$(sed -n 's/.*missing from it: \([^.;]*\).*/\1/p' "$1" | head -n 1)
	if [ -n "$m" ] && [ "$m" != none ]; then
		echo "probe ${m%% *} fails (nearest known state: $(nearest "$1"))"
		return
	fi
	m=$(sed -n 's/.*present beyond it: \([^.;]*\).*/\1/p' "$1" | head -n 1)
	if [ -n "$m" ] && [ "$m" != none ]; then
		echo "probe ${m%% *} passes beyond the nearest known state $(nearest "$1")"
		return
	fi
	m=$(grep -m1 -E 'error' "$1" || true)
	echo "${m:-the probe runner failed (see $1)}"
}
nearest() { sed -n 's/.*Nearest: \([^;]*\);.*/\1/p' "$1" | head -n 1; }

# first_symbol LOG: the first compiler (or modpost) error of a build log,
# led by the symbol it names: the last quoted identifier of the line
# ("has no member named 'x'", "implicit declaration of function 'f'",
# modpost's "f" [mod.ko] undefined).
first_symbol() {
	local e s
	e=$(grep -m1 -E 'error:|ERROR:' "$1" || true)
	[ -n "$e" ] || return 1
	s=$(grep -oE "[‘'\"][A-Za-z_][A-Za-z0-9_]*[’'\"]" <<<"$e" | tail -n 1 |
		tr -d "‘’'\"")
	echo "${s:+symbol $s: }$e"
}

# ------------------------------------------------------------ test one
# test_kernel SUITE KPKG KREL VERSION GCC
test_kernel() {
	local suite=$1 krel=$3 ver=$4 gcc=$5 s=newest-$1 d conf base path
	local what="Debian $suite linux-image-$krel $ver"
	d=$OUT/$s
	rm -rf "$d"
	mkdir -p "$d"
	conf=$d/kernels.conf
	base=sid
	[ "$suite" = sid ] || base=sid,$suite
	line() { # path
		printf '%s %s %s %s %s - %s\n' "$s" "$base" "$gcc" "$krel" "$ver" "$1"
	}
	{ cat "$CONF"; line native; } >"$conf"
	export MPC_KERNELS_CONF=$conf

	if ! "$LIB/chroot.sh" ensure "$s" >"$d/chroot.log" 2>&1; then
		tap_fail "$what: chroot" "$(tail -n 15 "$d/chroot.log")"
		echo "newest: FAIL: $what: its packages do not install (log: $d/chroot.log)"
		return 1
	fi
	eval "$("$LIB/chroot.sh" info "$s")"
	if ! "$LIB/chroot.sh" run "$s" --bind "$d" -- env MMAP_PREPARE_COMPAT_STRICT=1 \
		"$REPO/config/probe-kernel.sh" --kernel-src "$KDIR" \
		--out "$d/mmap_prepare_compat_config.h" --no-cache --summary \
		>"$d/probe.log" 2>&1; then
		tap_fail "$what: the probes recognise its API" "$(tail -n 5 "$d/probe.log")"
		echo "newest: FAIL: $what: $(first_change "$d/probe.log")"
		return 1
	fi
	path=compat
	! grep -q '^#define MMAP_PREPARE_COMPAT_NATIVE 1' "$d/mmap_prepare_compat_config.h" ||
		path=native
	tap_ok "$what: the probes recognise its API ($(sed -n 's/^ \* API state: //p' \
		"$d/mmap_prepare_compat_config.h"); $path path)"
	{ cat "$CONF"; line "$path"; } >"$conf"

	if bash "$HERE/run.sh" --series "$s" --out "$d/matrix" >"$d/matrix.log" 2>&1; then
		tap_ok "$what: build, boot and guest checks on the $path path ($(tail -n 1 "$d/matrix.log"))"
		return 0
	fi
	local why r=$d/matrix/$s
	if [ -f "$r/build.log" ] && why=$(first_symbol "$r/build.log") &&
	   ! grep -q $'^PASS\t'"$s: build modules" "$r/results.tsv" 2>/dev/null; then
		why="build failed: $why"
	elif why=$(grep -m1 $'^FAIL' "$r/results.tsv" 2>/dev/null); then
		why="first failing case: ${why#FAIL$'\t'}"
	else
		why="tests/matrix/run.sh failed: $(tail -n 1 "$d/matrix.log")"
	fi
	tap_fail "$what: build, boot and guest checks on the $path path" \
		"$(grep -E '^(FAIL|---|    )' "$d/matrix.log" | head -n 20)"
	echo "newest: FAIL: $what: $why (logs: $r)"
	return 1
}

# ------------------------------------------------------------ main
# Sourced with MPC_NEWEST_LIB=1: only define the functions (tests).
# shellcheck disable=SC2317 # exit: when run, not sourced
if [ "${MPC_NEWEST_LIB:-0}" = 1 ]; then return 0 2>/dev/null || exit 0; fi

while [ $# -gt 0 ]; do
	case $1 in
	--out) OUT=$2; shift 2 ;;
	--always) ALWAYS=1; shift ;;
	--suites) SUITES=$2; shift 2 ;;
	*) sed -n '4,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || die "must run as root (chroots, namespaces)"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
t0=$SECONDS
if ! apt_update; then
	tap_fail "apt-get update of $SUITES (private configuration)"
	tap_done
	exit 1
fi
: >"$OUT/resolved.tsv"
read -r pmax pseries < <(pinned_max)
log "newest pinned kernel: $pmax (series $pseries of ${CONF#"$REPO"/})"
rc=0 newer=()
for suite in $SUITES; do
	hv=$(version_in linux-headers-amd64 "$suite")
	iv=$(version_in linux-image-amd64 "$suite")
	if [ -z "$hv" ] || [ -z "$iv" ]; then
		tap_note "$suite: no linux-headers-amd64/linux-image-amd64"
		continue
	fi
	hpkg=$(dep linux-headers-amd64 "$hv" '^linux-headers-[0-9]')
	ipkg=$(dep linux-image-amd64 "$iv" '^linux-image-[0-9]')
	krel=${hpkg#linux-headers-}
	if [ -z "$hpkg" ] || [ "linux-image-$krel" != "$ipkg" ] || [ "$hv" != "$iv" ]; then
		tap_fail "$suite: linux-headers-amd64 $hv and linux-image-amd64 $iv name one kernel" \
			"headers: ${hpkg:-?}; image: ${ipkg:-?}"
		rc=1
		continue
	fi
	gcc=$(aptc show "$hpkg=$hv" 2>/dev/null | sed -n 's/^Depends: //p' | head -n 1 |
		grep -oE '(linux-compiler-)?gcc-[0-9]+' | head -n 1 | sed 's/^linux-compiler-//')
	printf '%s\t%s\t%s\t%s\n' "$suite" "$krel" "$hv" "${gcc:-gcc}" >>"$OUT/resolved.tsv"
	tap_ok "$suite: newest kernel linux-image-$krel $hv (${gcc:-gcc?})"
	if dpkg --compare-versions "$(upstream "$hv")" gt "$pmax"; then
		newer+=("$suite $krel $hv ${gcc:-gcc}")
		tap_note "$suite: $(upstream "$hv") is newer than the pinned $pmax: testing it"
	elif [ "$ALWAYS" = 1 ]; then
		newer+=("$suite $krel $hv ${gcc:-gcc}")
		tap_note "$suite: $(upstream "$hv") is not newer than the pinned $pmax: testing it (--always)"
	else
		tap_note "$suite: $(upstream "$hv") is not newer than the pinned $pmax (report only)"
	fi
done
for k in "${newer[@]}"; do
	read -r suite krel hv gcc <<<"$k"
	test_kernel "$suite" "linux-image-$krel" "$krel" "$hv" "$gcc" || rc=1
done
[ ${#newer[@]} -gt 0 ] || tap_note "nothing newer than the pinned kernels: report only"
tap_note "newest.sh: $((SECONDS - t0)) s (results: $OUT)"
tap_done || rc=1
exit "$rc"
}
