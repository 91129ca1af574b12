#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The running kernel's own headers (a CI runner's kernel: Ubuntu's on
# GitHub's runners), for the third-party build against them: installs
# linux-headers-$(uname -r) when /lib/modules/$(uname -r)/build is missing.
# Prints the kernel and the headers' directory.
set -euo pipefail

krel=$(uname -r)
build=/lib/modules/$krel/build
if [ ! -f "$build/Makefile" ]; then
	[ "$(id -u)" = 0 ] || { echo "runner-headers.sh: run as root" >&2; exit 1; }
	apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "linux-headers-$krel" >/dev/null
fi
[ -f "$build/Makefile" ] || { echo "runner-headers.sh: no $build after installing linux-headers-$krel" >&2; exit 1; }
echo "runner-headers.sh: $krel, headers in $(readlink -f "$build")"
