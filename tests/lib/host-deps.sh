#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the host tools the tests need, when missing.
#
#   host-deps.sh [NAME]...   NAME is a key below (the matrix's tools) or a
#                            Debian package name; no NAME means every key.
#
# Fast when everything is present: only `dpkg-query` runs. Waits up to 10
# minutes for a dpkg lock held by another install (parallel suites).
set -euo pipefail

declare -A PKG=(
	[mmdebstrap]=mmdebstrap
	[qemu]=qemu-system-x86
	[busybox]=busybox-static
	[cpio]=cpio
	[zstd]=zstd
	[xz]=xz-utils
	[gcc]=gcc
	[libc]=libc6-dev
	[python3]=python3
	[keyring]=debian-archive-keyring
	[util-linux]=util-linux
)

log() { printf 'host-deps: %s\n' "$*" >&2; }

names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${!PKG[@]}")

missing=()
for n in "${names[@]}"; do
	p=${PKG[$n]:-$n}
	if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
	     grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

[ ${#missing[@]} -gt 0 ] || exit 0
[ "$(id -u)" = 0 ] || { log "need root to install: ${missing[*]}"; exit 1; }
log "installing: ${missing[*]}"
lock=(-o DPkg::Lock::Timeout=600)
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"${lock[@]}" "${missing[@]}" >/dev/null; then
	apt-get update -q "${lock[@]}" >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${lock[@]}" "${missing[@]}" >/dev/null
fi
