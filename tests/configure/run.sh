#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# configure and autoreconf as a new user meets them, on a copy of the tree:
# autoreconf without warnings, no libtool checks, the right message for
# --with-linux (no value), --without-linux and --with-linux-obj=/nonexistent
# (the error on a line of its own), the kernel's compiler when no gcc or cc
# is on the PATH, and `make dist` from an in-tree build without the
# configure-generated tests/unit/Makefile.
#
#   tests/configure/run.sh
#
# Needs kernel headers under /lib/modules/*/build, autoconf, automake, make
# and a C compiler; prints TAP lines and "N passed, N failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpc-configure.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# a fresh checkout: the tracked files, else the tree without build output
src=$tmp/src
bash "$repo/tests/lib/fresh-copy.sh" "$src"

# 1. autoreconf says nothing to warn about
if (cd "$src" && autoreconf -fi) >"$tmp/autoreconf.log" 2>&1; then
	tap_ok "autoreconf -fi succeeds"
else
	tap_fail "autoreconf -fi succeeds" "$(tail -n 10 "$tmp/autoreconf.log")"
	tap_done
	exit
fi
if grep -qi 'warning' "$tmp/autoreconf.log"; then
	tap_fail "autoreconf: no warning" "$(grep -i -A2 warning "$tmp/autoreconf.log")"
else
	tap_ok "autoreconf: no warning"
fi

# conf NAME [ARG]...: configure in $tmp/NAME, output in $tmp/NAME.log;
# returns configure's exit status.
conf() {
	local name=$1
	shift
	mkdir -p "$tmp/$name"
	(cd "$tmp/$name" && "$src/configure" "$@") >"$tmp/$name.log" 2>&1
}

# 2. the default run: what the build needs, no libtool
if conf default; then
	tap_ok "configure (defaults) succeeds"
else
	tap_fail "configure (defaults) succeeds" "$(tail -n 10 "$tmp/default.log")"
fi
if grep -qiE 'libtool|shared libraries|checking for ld used by|dlopen' "$tmp/default.log" ||
   [ -e "$tmp/default/libtool" ]; then
	tap_fail "configure runs no libtool checks" \
		"$(grep -iE 'libtool|shared libraries|ld used by|dlopen' "$tmp/default.log" | head -n 5)"
else
	tap_ok "configure runs no libtool checks"
fi

# 3. --with-linux without a value: the default kernel, not an error
if conf withlinux --with-linux &&
   grep -q '^checking for the kernel build tree\.\.\. /' "$tmp/withlinux.log"; then
	tap_ok "--with-linux (no value): the default kernel build tree"
else
	tap_fail "--with-linux (no value): the default kernel build tree" \
		"$(grep -E 'kernel build tree|error' "$tmp/withlinux.log")"
fi

# error_is NAME WHAT PATTERN: configure failed and its error line (alone on
# its line) matches PATTERN
error_is() {
	local line
	line=$(grep 'error:' "$tmp/$1.log" | head -n 1)
	if grep -q '^configure: error: ' <<<"$line" && grep -qE -- "$3" <<<"$line" &&
	   ! grep -q 'checking.*error:' "$tmp/$1.log"; then
		tap_ok "$2"
	else
		tap_fail "$2" "got: $(tail -n 3 "$tmp/$1.log")"
	fi
}

# 4. --without-linux: says that a kernel tree is needed
if conf without --without-linux; then
	tap_fail "--without-linux fails" "$(tail -n 3 "$tmp/without.log")"
else
	error_is without "--without-linux: says the module needs a kernel build tree" \
		'--without-linux: .*needs a kernel build tree'
fi

# 5. --with-linux-obj=/nonexistent: the error on its own line
if conf noobj --with-linux-obj=/nonexistent; then
	tap_fail "--with-linux-obj=/nonexistent fails" "$(tail -n 3 "$tmp/noobj.log")"
else
	error_is noobj "--with-linux-obj=/nonexistent: 'no such directory' on its own line" \
		'^configure: error: --with-linux-obj=/nonexistent: no such directory$'
fi

# 6. no gcc or cc on the PATH: the compiler the kernel's .config names
kobj=$(sed -n 's/^checking for the kernel build tree\.\.\. //p' "$tmp/default.log")
kcc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\([^ ]*\).*/\1/p' "$kobj/.config" 2>/dev/null)
if [ -z "$kcc" ] || ! command -v "$kcc" >/dev/null; then
	tap_note "skip: the kernel's compiler '${kcc:-?}' is not installed"
else
	mkdir -p "$tmp/bin"
	for d in /usr/local/bin /usr/bin /bin; do
		for f in "$d"/*; do
			case ${f##*/} in
			gcc|cc|c89|c99|c89-gcc|c99-gcc|*-linux-gnu-gcc|clang|clang-[0-9]*) continue ;;
			esac
			[ -e "$tmp/bin/${f##*/}" ] || ln -s "$f" "$tmp/bin/${f##*/}"
		done
	done
	if PATH=$tmp/bin conf nocc &&
	   grep -qx "CC = $kcc" "$tmp/nocc/Makefile"; then
		tap_ok "no gcc or cc on the PATH: configure uses $kcc from the kernel's .config"
	else
		tap_fail "no gcc or cc on the PATH: configure uses $kcc from the kernel's .config" \
			"$(grep -iE 'compiler|error' "$tmp/nocc.log" | head -n 5)"
	fi
fi

# 7. make dist from an in-tree build
if (cd "$src" && ./configure && make dist) >"$tmp/dist.log" 2>&1; then
	tap_ok "make dist in an in-tree build succeeds"
	files=$(tar -tzf "$src"/mmap-prepare-compat-*.tar.gz)
	if grep -q '/tests/unit/Makefile$' <<<"$files"; then
		tap_fail "make dist (in-tree) ships no generated tests/unit/Makefile"
	else
		tap_ok "make dist (in-tree) ships no generated tests/unit/Makefile"
	fi
else
	tap_fail "make dist in an in-tree build succeeds" "$(tail -n 10 "$tmp/dist.log")"
fi

tap_done
