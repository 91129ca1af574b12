#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# One gate everywhere: a kernel the package does not support is refused by
# the probe runner (exit 77), by configure and by the Kbuild fragment, all
# with the same message. The unsupported kernel is the host's newest headers
# with their release rewritten to 5.4.0-99-fake (a hard-linked copy; only
# the release files are the copy's own). DKMS's side is in tests/dkms/run.sh.
#
#   tests/probe/fronts.sh
#
# Needs kernel headers under /lib/modules/*/build, make, gcc and autoconf;
# prints TAP lines and "N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
fake_rel=5.4.0-99-fake
want="kernel $fake_rel is older than 5.10, the oldest kernel mmap-prepare-compat supports: not building for it"

kdir=$(find /lib/modules/*/build/include/generated -maxdepth 0 2>/dev/null |
	sort -V | tail -n 1)
kdir=${kdir%/include/generated}
if [ -z "$kdir" ]; then
	tap_fail "kernel headers under /lib/modules/*/build (none found)"
	tap_done
	exit
fi
kdir=$(cd "$kdir" && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpc-fronts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# the fake tree: hard links, absolute symlinks, its own release files
fake=$tmp/obj
cp -al "$kdir" "$fake"
find "$fake" -maxdepth 1 -type l | while read -r l; do
	t=$(readlink -f "$kdir/${l##*/}")
	rm "$l"
	ln -s "$t" "$l"
done
rm -f "$fake/include/generated/utsrelease.h" "$fake/include/config/kernel.release"
printf '#define UTS_RELEASE "%s"\n' "$fake_rel" >"$fake/include/generated/utsrelease.h"
printf '%s\n' "$fake_rel" >"$fake/include/config/kernel.release"

# the message each front end printed, without its own prefix
msg_of() { # log
	grep -o "kernel $fake_rel is older than [^*]*" "$1" | head -n 1 |
		sed 's/[[:space:]]*\(Stop\.\)\{0,1\}[[:space:]]*$//'
}
same_msg() { # what log
	local m
	m=$(msg_of "$2")
	if [ "$m" = "$want" ]; then
		tap_ok "$1: refused with the gate's message"
	else
		tap_fail "$1: refused with the gate's message" \
			"got: '${m:-nothing}'; log: $(tail -n 5 "$2")"
	fi
}

# 1. the runner
rc=0
"$repo/config/probe-kernel.sh" --kernel-obj "$fake" --no-cache \
	--out "$tmp/config.h" >"$tmp/runner.log" 2>&1 || rc=$?
if [ "$rc" = 77 ]; then
	tap_ok "probe runner: exit status 77 for $fake_rel"
else
	tap_fail "probe runner: exit status 77 for $fake_rel (got $rc)" "$(cat "$tmp/runner.log")"
fi
same_msg "probe runner" "$tmp/runner.log"

# 2. configure
if [ ! -x "$repo/configure" ]; then
	(cd "$repo" && autoreconf -fi) >"$tmp/autoreconf.log" 2>&1 ||
		tap_fail "autoreconf" "$(tail -n 5 "$tmp/autoreconf.log")"
fi
mkdir -p "$tmp/build"
if (cd "$tmp/build" && "$repo/configure" --with-linux="$fake") >"$tmp/configure.log" 2>&1; then
	tap_fail "configure: refuses $fake_rel" "$(tail -n 5 "$tmp/configure.log")"
else
	tap_ok "configure: refuses $fake_rel"
fi
same_msg "configure" "$tmp/configure.log"

# 3. the Kbuild fragment (a third-party driver, shared and embedded mode)
for mode in shared embedded; do
	rm -rf "$tmp/acme"
	cp -r "$repo/samples/acme" "$tmp/acme"
	if make -C "$fake" M="$tmp/acme" MMAP_PREPARE_COMPAT_DIR="$repo" \
		ACME_MODE="$mode" modules >"$tmp/kbuild.log" 2>&1; then
		tap_fail "Kbuild fragment ($mode): refuses $fake_rel" "$(tail -n 5 "$tmp/kbuild.log")"
	else
		tap_ok "Kbuild fragment ($mode): refuses $fake_rel"
	fi
	same_msg "Kbuild fragment ($mode)" "$tmp/kbuild.log"
done

tap_done
