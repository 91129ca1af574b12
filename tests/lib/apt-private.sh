#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run an apt-get command for the host side of the tests (downloads such as
# linux-source-SERIES) with a private apt configuration that knows the Debian
# suites the test matrix needs (bookworm, bullseye, trixie, trixie-backports,
# sid and their security suites). The host's /etc/apt and /var/lib/apt are
# neither read for sources nor written: sources, package lists and apt's
# cache live in ${MPC_CACHE:-/var/cache/mmap-prepare-compat}/apt.
#
#   apt-private.sh update              refresh the private lists (also done
#                                      on first use, or when they are older
#                                      than a day)
#   apt-private.sh APT-GET-ARGS...     e.g. apt-private.sh download linux-source-6.1
#
# Environment:
#   MPC_APT_MIRROR     default http://deb.debian.org/debian
#   MPC_APT_SECURITY   default http://deb.debian.org/debian-security
set -euo pipefail

MIRROR=${MPC_APT_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MPC_APT_SECURITY:-http://deb.debian.org/debian-security}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
APT=${MPC_CACHE:-/var/cache/mmap-prepare-compat}/apt

log() { printf 'apt-private: %s\n' "$*" >&2; }

[ $# -gt 0 ] || { log "usage: apt-private.sh update | APT-GET-ARGS..."; exit 2; }
[ "$(id -u)" = 0 ] || { log "must run as root"; exit 1; }
[ -s "$KEYRING" ] || bash "$(dirname "${BASH_SOURCE[0]}")/host-deps.sh" keyring

mkdir -p "$APT/sources.list.d" "$APT/preferences.d" "$APT/lists/partial" \
	"$APT/cache/archives/partial"
cat >"$APT/sources.list.new" <<EOT
# Written by tests/lib/apt-private.sh (mmap-prepare-compat); private to the tests.
deb [signed-by=$KEYRING] $MIRROR bookworm main
deb [signed-by=$KEYRING] $SECURITY bookworm-security main
deb [signed-by=$KEYRING] $MIRROR bullseye main
deb [signed-by=$KEYRING] $SECURITY bullseye-security main
deb [signed-by=$KEYRING] $MIRROR trixie main
deb [signed-by=$KEYRING] $MIRROR trixie-backports main
deb [signed-by=$KEYRING] $SECURITY trixie-security main
deb [signed-by=$KEYRING check-valid-until=no] $MIRROR sid main
EOT
changed=0
if cmp -s "$APT/sources.list.new" "$APT/sources.list"; then
	rm -f "$APT/sources.list.new"
else
	mv -f "$APT/sources.list.new" "$APT/sources.list"
	changed=1
fi

opts=(-o "Dir::Etc::sourcelist=$APT/sources.list"
      -o "Dir::Etc::sourceparts=$APT/sources.list.d"
      -o "Dir::Etc::preferences=$APT/preferences"
      -o "Dir::Etc::preferencesparts=$APT/preferences.d"
      -o "Dir::State::Lists=$APT/lists"
      -o "Dir::Cache=$APT/cache"
      -o "Acquire::Check-Valid-Until=false"
      -o "APT::Sandbox::User=root")

fresh() { # lists present and younger than a day
	[ -n "$(find "$APT/lists" -maxdepth 1 -name '*_InRelease' -mmin -1440 -print -quit)" ]
}
if [ "$1" = update ] || [ "$changed" = 1 ] || ! fresh; then
	log "apt-get update (lists in $APT/lists)"
	apt-get "${opts[@]}" update -q >"$APT/update.log" 2>&1 ||
		{ tail -n 5 "$APT/update.log" >&2; log "apt-get update failed (log: $APT/update.log)"; exit 1; }
	[ "$1" != update ] || exit 0
fi
exec apt-get "${opts[@]}" "$@"
