#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build and run the userland unit tests without autotools:
#
#	tests/unit/run.sh [-k] [FILTER...]
#
# Builds the compat layer and the tests against the stub kernel headers five
# times: a 5.10 kernel (k510), a 6.12 kernel with vm_flags_set() (k612), the
# same on arm64 (a612: arm64's VM_* flags), 5.10 again with another
# MMAP_PREPARE_COMPAT_PREFIX (pfx), whose symbols are checked with nm, and
# nogpl: the layer embedded in a driver that is not GPL-compatible (k612,
# MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS), with its own tests (test_nogpl.c), its
# imports checked with nm and a PFN remap helper call that must not compile.
# FILTER limits the tests run to names containing it. Prints
# ok/not ok per test, the TAP plan and "N passed, N failed"; exits non-zero
# on any failure, printing the compiler's errors when a build fails. CC,
# CFLAGS and NM are honoured; -k keeps the build directory. This is the
# only build of the unit tests: "make check" runs this script.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CC:-cc}
NM=${NM:-nm}
CFLAGS=${CFLAGS:--O2 -g}
WARN="-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror"
keep=0
if [ "${1:-}" = "-k" ]; then
	keep=1
	shift
fi

build=$(mktemp -d "${TMPDIR:-/tmp}/mpc-unit.XXXXXX")
if [ $keep = 1 ]; then
	echo "# build directory: $build"
else
	trap 'rm -rf "$build"' EXIT
fi

# shellcheck source=tests/lib/tap.sh
. "$top/tests/lib/tap.sh"
pass() { tap_ok "$1"; }
fail() { tap_fail "$1"; }

tests="harness.c fixture.c test_helpers.c test_flags.c test_prepare.c \
	test_complete.c test_mmap.c"

# build VARIANT KERNEL_DIR EXTRA_CPPFLAGS
build_variant() {
	v=$1
	kdir=$2
	extra=$3
	d=$build/$v
	mkdir -p "$d"
	case $v in
	nogpl) vtests="harness.c fixture.c test_nogpl.c" ;;
	*) vtests=$tests ;;
	esac
	cppflags="-I$here/stubs/$kdir -I$here/stubs -I$top/include $extra"
	# shellcheck disable=SC2086
	$CC $CFLAGS $WARN -std=gnu11 $cppflags -c "$here/compat_all.c" \
		-o "$d/compat_all.o" || return 1
	# shellcheck disable=SC2086
	$CC $CFLAGS $WARN -std=gnu11 $cppflags -c "$here/stubs/stub.c" \
		-o "$d/stub.o" || return 1
	objs="$d/compat_all.o $d/stub.o"
	for src in $vtests; do
		o=$d/${src%.c}.o
		# shellcheck disable=SC2086
		$CC $CFLAGS $WARN -std=gnu11 $cppflags -c "$here/$src" -o "$o" ||
			return 1
		objs="$objs $o"
	done
	# shellcheck disable=SC2086
	$CC $CFLAGS -o "$d/unit-tests" $objs
}

# run VARIANT: the variant's tests, renumbered into one sequence.
run_variant() {
	v=$1
	shift
	"$build/$v/unit-tests" "$@" >"$build/$v/out" 2>"$build/$v/err"
	status=$?
	while IFS= read -r line; do
		case $line in
		"ok "*)		pass "$v: ${line#ok * - }" ;;
		"not ok "*)	fail "$v: ${line#not ok * - }" ;;
		"# "*)		echo "$line" ;;
		esac
	done <"$build/$v/out"
	sed 's/^/# '"$v"': /' "$build/$v/err" | grep -v '^# [a-z0-9]*: # WARNING' || true
	if ! grep -Eq '^[0-9]+ passed, 0 failed$' "$build/$v/out" || [ $status != 0 ]; then
		grep -q '^not ok' "$build/$v/out" || fail "$v: test program exit status $status"
	fi
}

shift_filters="$*"
nogpl_flags="-DMMAP_PREPARE_COMPAT_PREFIX=mpcnogpl_ -DMMAP_PREPARE_COMPAT_EMBEDDED -DMMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS"
for spec in "k510:k510:" "k612:k612:" "a612:a612:" \
	    "pfx:k510:-DMMAP_PREPARE_COMPAT_PREFIX=mpcunit_ -DMMAP_PREPARE_COMPAT_EMBEDDED" \
	    "nogpl:k612:$nogpl_flags"; do
	v=${spec%%:*}
	rest=${spec#*:}
	kdir=${rest%%:*}
	extra=${rest#*:}
	if build_variant "$v" "$kdir" "$extra"; then
		pass "$v: build"
		# shellcheck disable=SC2086
		run_variant "$v" $shift_filters
	else
		fail "$v: build"
	fi
done

if [ -f "$build/k510/compat_all.o" ]; then
	if "$here/check-prefix.sh" "$NM" "$build/k510/compat_all.o" mmap_prepare_compat_; then
		pass "symbols: default prefix on every global symbol"
	else
		fail "symbols: default prefix on every global symbol"
	fi
fi
if [ -f "$build/pfx/compat_all.o" ]; then
	if "$here/check-prefix.sh" "$NM" "$build/pfx/compat_all.o" mpcunit_ &&
	   ! $NM -g --defined-only "$build/pfx/unit-tests" | grep -q ' mmap_prepare_compat_'; then
		pass "symbols: MMAP_PREPARE_COMPAT_PREFIX=mpcunit_ on every global symbol"
	else
		fail "symbols: MMAP_PREPARE_COMPAT_PREFIX=mpcunit_ on every global symbol"
	fi
fi

if [ -f "$build/nogpl/compat_all.o" ]; then
	# the stub kernel's symbols that are GPL-only in the real one, or
	# that only a PFN remap needs
	bad=$($NM -u "$build/nogpl/compat_all.o" |
		grep -wE 'zap_vma_ptes|zap_special_vma_range|remap_pfn_range|vm_flags_set|vm_flags_clear' || true)
	if [ -z "$bad" ] && $NM -u "$build/nogpl/compat_all.o" | grep -qw vm_insert_pages; then
		pass "nogpl: no page-table clear, PFN remap or VMA-locking flag change imported"
	else
		fail "nogpl: no page-table clear, PFN remap or VMA-locking flag change imported"
		echo "$bad" | sed 's/^/# /'
	fi
	# a driver calling a PFN remap helper: the build stops with the message
	printf '%s\n' '#include "harness.h"' \
		'void f(struct vm_area_desc *desc);' \
		'void f(struct vm_area_desc *desc) { mmap_action_ioremap_full(desc, 1); }' \
		>"$build/nogpl/remap.c"
	# shellcheck disable=SC2086
	if ! $CC $CFLAGS $WARN -std=gnu11 -I"$here" -I"$here/stubs/k612" -I"$here/stubs" \
		-I"$top/include" $nogpl_flags -c "$build/nogpl/remap.c" \
		-o "$build/nogpl/remap.o" 2>"$build/nogpl/remap.err" &&
	   grep -q 'mmap_action_ioremap_full() needs zap_vma_ptes() and pgprot_decrypted() .*shared mode' \
		"$build/nogpl/remap.err"; then
		pass "nogpl: mmap_action_ioremap_full() does not compile, and says why"
	else
		fail "nogpl: mmap_action_ioremap_full() does not compile, and says why"
		sed 's/^/# /' "$build/nogpl/remap.err" | head -n 5
	fi
fi

tap_done
