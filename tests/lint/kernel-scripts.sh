#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make Linux 7.3's scripts/checkpatch.pl (with spelling.txt and
# const_structs.checkpatch), scripts/kernel-doc (with the Python library
# under tools/ that it loads) and the two headers that define the API
# (include/linux/mm.h, mm_types.h, for tests/kunit/api-names.py) available,
# and print the directory that holds them. Nothing of the kernel is kept in
# this repository: the files are extracted at run time from Debian's
# linux-source-7.3 package and cached.
#
# Where the files come from: $MPC_LINUX_SOURCE_DEB, else the package that
# tests/lib/linux-source.sh finds or downloads (trixie-backports).
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
	include/linux/mm.h
	include/linux/mm_types.h
)

log() { printf 'kernel-scripts: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

complete() {
	[ -f "$STAMP" ] && [ -f "$DEST/scripts/checkpatch.pl" ] &&
		[ -f "$DEST/tools/docs/kernel-doc" ] &&
		[ -d "$DEST/tools/lib/python/kdoc" ] &&
		[ -f "$DEST/include/linux/mm_types.h" ]
}

# ensure_pkgs PKG...: install the Debian packages that are missing.
ensure_pkgs() {
	"$ROOT/tests/lib/host-deps.sh" "$@"
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

fetch() {
	local tmp deb m
	tmp=$(mktemp -d "$LINT/.extract.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	deb=${MPC_LINUX_SOURCE_DEB:-$("$ROOT/tests/lib/linux-source.sh" "$SERIES")} ||
		die "no $PKG package"
	extract_deb "$deb" "$tmp"
	# scripts/kernel-doc is a symbolic link to tools/docs/kernel-doc in 7.3.
	for m in "${MEMBERS[@]}"; do
		[ -e "$tmp/$m" ] || { rm -rf "$tmp"; die "$m is missing from $deb"; }
	done
	printf '%s\n' "$deb" >"$tmp/.complete"
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
