#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of Debian's linux-source-SERIES package, downloading it
# into $MPC_CACHE/debs when no copy is at hand (through apt-private.sh: the
# host's own apt configuration is not touched). Used by the KUnit run and the lint, which
# extract what they need from it at run time.
#
#   linux-source.sh SERIES
#
# MPC_LINUX_SOURCE_DIRS: further directories to look in first.
set -euo pipefail

series=${1:?usage: linux-source.sh SERIES}
pkg=linux-source-$series
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
debs=${MPC_CACHE:-/var/cache/mmap-prepare-compat}/debs

log() { printf 'linux-source: %s\n' "$*" >&2; }

newest() {
	local d f
	for d in ${MPC_LINUX_SOURCE_DIRS:-} "$debs"; do
		for f in "$d/${pkg}_"*_all.deb; do
			if [ -f "$f" ]; then
				printf '%s\n' "$f"
			fi
		done
	done | sort -V | tail -n 1
}

deb=$(newest)
if [ -z "$deb" ]; then
	[ "$(id -u)" = 0 ] || { log "no $pkg package; need root to download it"; exit 1; }
	mkdir -p "$debs"
	log "downloading $pkg"
	(cd "$debs" && bash "$here/apt-private.sh" download -q "$pkg" >&2) ||
		{ log "cannot download $pkg"; exit 1; }
	deb=$(newest)
	[ -n "$deb" ] || { log "$pkg was downloaded, but no .deb is in $debs"; exit 1; }
fi
printf '%s\n' "$deb"
