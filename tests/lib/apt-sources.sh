#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make the extra Debian suites the test matrix needs known to the host's apt
# (bullseye, trixie, trixie-backports, sid and their security suites), pinned
# at priority 50 so that ordinary host installs stay on the host's release.
#
# Idempotent: files are only rewritten when their content differs, and
# `apt-get update` only runs when something changed or a list is missing.
#
# Environment:
#   MPC_APT_MIRROR     default http://deb.debian.org/debian
#   MPC_APT_SECURITY   default http://deb.debian.org/debian-security
#   MPC_APT_FORCE_UPDATE=1  always run apt-get update
set -euo pipefail

MIRROR=${MPC_APT_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MPC_APT_SECURITY:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SOURCES=/etc/apt/sources.list.d/mpc-extra.sources
PREFS=/etc/apt/preferences.d/mpc-extra
# The suites whose package lists must exist after this script ran.
SUITES="bullseye bullseye-security trixie trixie-security trixie-backports sid"

log() { printf 'apt-sources: %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { log "must run as root"; exit 1; }

sources_text() {
	cat <<EOT
# Written by tests/lib/apt-sources.sh (mmap-prepare-compat); do not edit.
Types: deb
URIs: $MIRROR
Suites: bullseye trixie trixie-backports
Components: main
Signed-By: $KEYRING

Types: deb
URIs: $SECURITY
Suites: bullseye-security trixie-security
Components: main
Signed-By: $KEYRING

# sid's Release file may be past its Valid-Until date on a stale mirror.
Types: deb
URIs: $MIRROR
Suites: sid
Components: main
Signed-By: $KEYRING
Check-Valid-Until: no
EOT
}

prefs_text() {
	echo "# Written by tests/lib/apt-sources.sh (mmap-prepare-compat); do not edit."
	local s first=1
	for s in $SUITES; do
		[ $first = 1 ] || echo
		first=0
		printf 'Package: *\nPin: release n=%s\nPin-Priority: 50\n' "$s"
	done
}

changed=0

# write_if_changed FILE: replace FILE with stdin when the content differs.
write_if_changed() {
	local file=$1 tmp
	tmp=$(mktemp "$file.XXXXXX")
	cat >"$tmp"
	if [ -f "$file" ] && cmp -s "$tmp" "$file"; then
		rm -f "$tmp"
		return 0
	fi
	chmod 644 "$tmp"
	mv -f "$tmp" "$file"
	log "wrote $file"
	changed=1
}

if [ ! -s "$KEYRING" ]; then
	log "installing debian-archive-keyring"
	apt-get install -y -q debian-archive-keyring >/dev/null
fi

# Preferences first: a sources file without its pins would let a later
# `apt-get upgrade` pull the host to sid.
write_if_changed "$PREFS" < <(prefs_text)
write_if_changed "$SOURCES" < <(sources_text)

# lists_present SUITE: true when apt has an InRelease/Release for SUITE.
lists_present() {
	compgen -G "/var/lib/apt/lists/*_dists_${1}_*Release" >/dev/null
}

missing=""
for s in $SUITES; do
	lists_present "$s" || missing="$missing $s"
done

if [ "$changed" = 1 ] || [ -n "$missing" ] ||
   [ "${MPC_APT_FORCE_UPDATE:-0}" = 1 ]; then
	[ -z "$missing" ] || log "package lists missing for:$missing"
	log "running apt-get update"
	apt-get update -q -o Acquire::Check-Valid-Until=false >/dev/null
	for s in $SUITES; do
		lists_present "$s" || { log "no package list for $s after update"; exit 1; }
	done
else
	log "extra suites already configured and lists present"
fi
