#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/setup as a new user meets it: run in a fresh Debian bookworm
# machine (an overlay of the cached 6.1 release chroot, so the cached chroot
# stays pristine) with no package lists and without dkms, whose running
# kernel (the host's) has no headers package. Checks:
#  - the lists are updated before anything is installed; apt's noise stays
#    in the log;
#  - the summary says which kernels got the module and why the others did
#    not, and ends with what to do next;
#  - one build per kernel (DKMS only, no autotools build);
#  - a failing new version leaves the installed one in place;
#  - without network: one "setup: error:" line naming the package and the log;
#  - --help prints the usage (exit 0), an unknown argument exit 2.
#
#   tests/setup/run.sh          (root; needs network for the first case)
#
# SETUP_SERIES picks the chroot (default 6.1). Prints TAP lines and
# "N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
series=${SETUP_SERIES:-6.1}

[ "$(id -u)" = 0 ] || { tap_fail "tests/setup needs root"; tap_done; exit; }
if ! bash "$repo/tests/lib/chroot.sh" ensure "$series" >&2; then
	tap_fail "chroot $series could not be built"
	tap_done
	exit
fi
eval "$(bash "$repo/tests/lib/chroot.sh" info "$series")"
tmp=$(mktemp -d /var/tmp/mpc-setup-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# the tree as a fresh checkout has it, writable (setup must not build in it)
src=$tmp/src
bash "$repo/tests/lib/fresh-copy.sh" "$src"

# in_machine NAME SCRIPT: run SCRIPT (bash) as root in the machine NAME, an
# overlay of the chroot (created on first use, kept for later calls), with
# the tree at /src; output on stdout.
in_machine() {
	local m=$tmp/$1
	mkdir -p "$m/upper" "$m/work" "$m/root"
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --mount --pid --fork bash -c '
		set -e
		m=$1 lower=$2 src=$3 script=$4 r=$1/root
		mount --make-rprivate /
		mount -t overlay overlay -o "lowerdir=$lower,upperdir=$m/upper,workdir=$m/work" "$r"
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mount -t sysfs sysfs "$r/sys" 2>/dev/null || true
		mount -t tmpfs tmpfs "$r/tmp"
		mkdir -p "$r/src"
		mount --bind "$src" "$r/src"
		cp -L /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
		exec chroot "$r" /usr/bin/env -i HOME=/root LC_ALL=C \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			bash -c "$script"
	' sh "$m" "$CHROOT" "$src" "$2" 2>&1
}

# A fresh machine: no package lists, no dkms.
fresh='rm -rf /var/lib/apt/lists/* && dpkg --purge dkms >/dev/null 2>&1'
running=$(uname -r)
# shellcheck disable=SC2153 # KREL comes from chroot.sh info
krel=$KREL

# ---------------------------------------------------------------- usage
out=$(in_machine usage 'bash /src/scripts/setup --help; echo "exit=$?"')
if grep -q '^usage:' <<<"$out" && grep -q '^exit=0$' <<<"$out"; then
	tap_ok "setup --help: usage, exit 0"
else
	tap_fail "setup --help: usage, exit 0" "$out"
fi
out=$(in_machine usage 'bash /src/scripts/setup --bogus; echo "exit=$?"; command -v dkms || echo no-dkms')
if grep -q '^usage:' <<<"$out" && grep -q '^exit=2$' <<<"$out" &&
   ! grep -q 'installing\|building' <<<"$out"; then
	tap_ok "setup --bogus: usage, exit 2, installs nothing"
else
	tap_fail "setup --bogus: usage, exit 2, installs nothing" "$out"
fi

# ---------------------------------------------------------- no network
out=$(in_machine offline "$fresh"'
	rm -f /etc/apt/sources.list.d/*
	echo "deb http://127.0.0.1:9/debian bookworm main" >/etc/apt/sources.list
	bash /src/scripts/setup; echo "exit=$?"')
errs=$(grep -c '^setup: error:' <<<"$out")
if grep -q '^exit=0$' <<<"$out"; then
	tap_fail "no network: setup fails" "$out"
else
	tap_ok "no network: setup fails"
fi
if [ "$errs" = 1 ] &&
   grep '^setup: error:' <<<"$out" | grep -q 'dkms.*/var/log/mmap-prepare-compat-setup.log'; then
	tap_ok "no network: one 'setup: error:' line naming dkms and the log"
else
	tap_fail "no network: one 'setup: error:' line naming dkms and the log" "$out"
fi
if grep -qE '^(E|W|Err):' <<<"$out"; then
	tap_fail "no network: apt's messages stay in the log" "$out"
else
	tap_ok "no network: apt's messages stay in the log"
fi

# ------------------------------------------------------------ install
t0=$SECONDS
out=$(in_machine main "$fresh"'
	bash /src/scripts/setup; echo "exit=$?"
	echo "== dkms status"; dkms status mmap-prepare-compat
	ls /lib/modules/*/updates/dkms/mmap_prepare_compat.ko
	echo "== log"; cat /var/log/mmap-prepare-compat-setup.log')
tap_note "setup on a fresh $series machine: $((SECONDS - t0)) s"
run=${out%%== dkms status*}
status=${out#*== dkms status}
status=${status%%== log*}
log=${out#*== log}
sed -n '/^setup: /p; /^mmap-prepare-compat /,$p' <<<"$run" | sed 's/^/# /'
if grep -q '^exit=0$' <<<"$run"; then
	tap_ok "fresh machine: setup succeeds"
else
	tap_fail "fresh machine: setup succeeds" "$(tail -n 20 <<<"$run"; tail -n 20 <<<"$log")"
fi
if grep -qE '^(E|W|Err):|Unable to locate' <<<"$run"; then
	tap_fail "fresh machine: no apt error or warning on the terminal" "$run"
else
	tap_ok "fresh machine: no apt error or warning on the terminal"
fi
upd=$(grep -n 'updating the package lists' <<<"$run" | head -n 1 | cut -d: -f1)
ins=$(grep -n 'installing:' <<<"$run" | head -n 1 | cut -d: -f1)
if [ -n "$upd" ] && [ -n "$ins" ] && [ "$upd" -lt "$ins" ]; then
	tap_ok "fresh machine: package lists updated before installing"
else
	tap_fail "fresh machine: package lists updated before installing" "$run"
fi
if grep -qF "$running (running): no module: no headers package linux-headers-$running" <<<"$run"; then
	tap_ok "summary: the running kernel $running got no module, and why"
else
	tap_fail "summary: the running kernel $running got no module, and why" "$run"
fi
if grep -qF "$krel: module installed" <<<"$run" &&
   grep -q "$krel.*installed" <<<"$status" &&
   grep -q "^/lib/modules/$krel/updates/dkms/mmap_prepare_compat.ko$" <<<"$status"; then
	tap_ok "summary and DKMS: $krel got the module"
else
	tap_fail "summary and DKMS: $krel got the module" "$run$status"
fi
if tail -n 6 <<<"$run" | grep -q 'boot one of\|modprobe mmap_prepare_compat' &&
   tail -n 6 <<<"$run" | grep -q 'MMAP_PREPARE_COMPAT_DIR := /usr/src/mmap-prepare-compat-' &&
   tail -n 6 <<<"$run" | grep -q 'dkms remove'; then
	tap_ok "summary ends with what to do next (load or boot, the kit, removal)"
else
	tap_fail "summary ends with what to do next (load or boot, the kit, removal)" "$(tail -n 8 <<<"$run")"
fi
builds=$(grep -c '^### dkms build' <<<"$log")
if [ ! -e "$src/build/config.status" ] && [ ! -e "$src/configure" ] && [ "$builds" = 1 ] &&
   ! sed -n '/^### dkms install/,$p' <<<"$log" | grep -q 'Building module'; then
	tap_ok "one build: DKMS's, once per kernel (no autotools build, install does not rebuild)"
else
	tap_fail "one build: DKMS's, once per kernel (no autotools build, install does not rebuild)" \
		"config.status: $(ls "$src/build/config.status" 2>&1); dkms builds: $builds; $(grep -A3 '^### dkms install' <<<"$log")"
fi

# A new version that does not build leaves the installed one in place.
# (It fails in DKMS's PRE_BUILD: no compiler time spent, and a build
# outside DKMS does not see it.)
cp -p "$src/scripts/dkms-pre-build" "$tmp/pre-build"
printf '#!/bin/sh\necho "a broken new version" >&2\nexit 1\n' >"$src/scripts/dkms-pre-build"
out=$(in_machine main 'bash /src/scripts/setup; echo "exit=$?"
	echo "== dkms status"; dkms status mmap-prepare-compat
	ls /lib/modules/*/updates/dkms/mmap_prepare_compat.ko /usr/src/mmap-prepare-compat-*/dkms.conf')
cp -p "$tmp/pre-build" "$src/scripts/dkms-pre-build"
run=${out%%== dkms status*}
status=${out#*== dkms status}
if ! grep -q '^exit=0$' <<<"$run" && [ "$(grep -c '^setup: error:' <<<"$run")" = 1 ]; then
	tap_ok "a new version that does not build: one error, nonzero exit"
else
	tap_fail "a new version that does not build: one error, nonzero exit" "$run"
fi
if grep -q "$krel.*installed" <<<"$status" &&
   grep -q "^/lib/modules/$krel/updates/dkms/mmap_prepare_compat.ko$" <<<"$status" &&
   grep -q '^/usr/src/mmap-prepare-compat-.*/dkms.conf$' <<<"$status"; then
	tap_ok "a new version that does not build: the installed module and its source stay"
else
	tap_fail "a new version that does not build: the installed module and its source stay" "$status"
fi

tap_done
