#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make Linux 7.3's scripts/checkpatch.pl (with spelling.txt and
# const_structs.checkpatch) and scripts/kernel-doc (with the Python library
# under tools/ that it loads) available, and print the directory that holds
# them. Nothing of the kernel is kept in this repository: the files are
# extracted at run time from Debian's linux-source-7.3 package and cached.
#
# Where the files come from, first match wins:
#   1. $MPC_LINUX_SOURCE_DEB, else the newest linux-source-7.3_*.deb in
#      /var/cache/mpc/src, $MPC_CACHE/debs or $MPC_CACHE/lint;
#   2. a kernel tree: $MPC_LINUX_TREE, else /var/cache/mpc/src/linux-7.3;
#   3. `apt-get download linux-source-7.3` (trixie-backports, made known to apt
#      by tests/lib/apt-sources.sh) into $MPC_CACHE/lint.
#
# Environment:
#   MPC_CACHE             default /var/cache/mmap-prepare-compat
#   MPC_LINT_REFRESH=1    extract again even when the cache is complete
set -euo pipefail

SERIES=7.3
PKG=linux-source-$SERIES
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
LINT=$CACHE/lint
DEST=$LINT/linux-$SERIES
STAMP=$DEST/.complete

# The members we need, relative to the top of the kernel tree.
MEMBERS=(
	scripts/checkpatch.pl
	scripts/spelling.txt
	scripts/const_structs.checkpatch
	scripts/kernel-doc
	tools/docs/kernel-doc
	tools/lib/python
)

log() { printf 'kernel-scripts: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

complete() {
	[ -f "$STAMP" ] && [ -f "$DEST/scripts/checkpatch.pl" ] &&
		[ -f "$DEST/tools/docs/kernel-doc" ] &&
		[ -d "$DEST/tools/lib/python/kdoc" ]
}

# ensure_pkgs PKG...: install the Debian packages that are missing.
ensure_pkgs() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
	log "installing: ${missing[*]}"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null; then
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${missing[@]}" >/dev/null
	fi
}

newest_deb() {
	local d f
	for d in /var/cache/mpc/src "$CACHE/debs" "$LINT"; do
		for f in "$d/${PKG}_"*_all.deb; do
			if [ -f "$f" ]; then
				printf '%s\n' "$f"
			fi
		done
	done | sort -V | tail -n 1
}

extract_deb() { # DEB TMPDIR
	local deb=$1 tmp=$2 inner=./usr/src/$PKG.tar.xz
	local pats=() m
	for m in "${MEMBERS[@]}"; do
		pats+=("$PKG/$m" "$PKG/$m/*")
	done
	log "extracting from $(basename "$deb")"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$inner" |
		tar -xJ -C "$tmp" --strip-components=1 --wildcards \
			--no-wildcards-match-slash --ignore-failed-read "${pats[@]}" \
			2>/dev/null || true
	# tar exits non-zero for patterns without a match (the "/*" twins).
}

copy_tree() { # TREE TMPDIR
	local tree=$1 tmp=$2 m
	log "copying from $tree"
	for m in "${MEMBERS[@]}"; do
		mkdir -p "$tmp/$(dirname "$m")"
		cp -a "$tree/$m" "$tmp/$m"
	done
}

tree_ok() {
	local m
	for m in "${MEMBERS[@]}"; do
		[ -e "$1/$m" ] || return 1
	done
}

fetch() {
	local tmp deb tree src
	tmp=$(mktemp -d "$LINT/.extract.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	deb=${MPC_LINUX_SOURCE_DEB:-$(newest_deb)}
	tree=${MPC_LINUX_TREE:-/var/cache/mpc/src/linux-$SERIES}
	if [ -n "$deb" ] && [ -f "$deb" ]; then
		extract_deb "$deb" "$tmp"
		src=$deb
	elif tree_ok "$tree"; then
		copy_tree "$tree" "$tmp"
		src=$tree
	else
		[ "$(id -u)" = 0 ] || die "no $PKG package or tree; need root to download it"
		bash "$ROOT/tests/lib/apt-sources.sh"
		log "downloading $PKG"
		(cd "$LINT" && apt-get download -q "$PKG" >/dev/null) ||
			die "apt-get download $PKG failed"
		deb=$(newest_deb)
		[ -n "$deb" ] || die "$PKG was downloaded, but no .deb is in $LINT"
		extract_deb "$deb" "$tmp"
		src=$deb
	fi
	# scripts/kernel-doc is a symbolic link to tools/docs/kernel-doc in 7.3.
	local m
	for m in "${MEMBERS[@]}"; do
		[ -e "$tmp/$m" ] || { rm -rf "$tmp"; die "$m is missing from $src"; }
	done
	printf '%s\n' "$src" >"$tmp/.complete"
	rm -rf "$DEST"
	mv "$tmp" "$DEST"
	trap - EXIT
}

ensure_pkgs perl python3 xz-utils
mkdir -p "$LINT"
exec 9>"$LINT/.lock"
flock 9
if [ "${MPC_LINT_REFRESH:-0}" = 1 ] || ! complete; then
	fetch
fi
printf '%s\n' "$DEST"
