#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/kunit/run.sh - run the KUnit suites of tests/kunit/ on UML kernels.
#
#   tests/kunit/run.sh [TARGET]...
#
# TARGET (default: $MPC_KUNIT_TARGETS, else "7.3 6.12 7.3-debug"):
#   7.3         Linux 7.3 (native API): every suite twice, natively and with
#               -DMMAP_PREPARE_COMPAT_FORCE_COMPAT=1 (suites *_native/_compat)
#   7.3-debug   the same with KASAN, PROVE_LOCKING, DEBUG_VM, DEBUG_OBJECTS,
#               DEBUG_LIST, DEBUG_ATOMIC_SLEEP
#   6.12 6.1    a kernel without the API: the suites through the compat layer
#               (5.10 is accepted but the suites need KUnit APIs it lacks)
#   SERIES-debug  any series with the debug options
#
# For each target: extract the Debian linux-source-SERIES package (cached),
# inject a drivers/misc/mmap_prepare_compat_kunit/ directory that builds
# tests/kunit/*_kunit.c and compat/ into the kernel, configure a UML build
# with tools/testing/kunit/kunit.py, probe the tree with
# config/probe-kernel.sh (the generated mmap_prepare_compat_config.h lives in
# the build directory), build, boot, parse the KTAP output and scan the
# kernel log: any BUG/WARNING/KASAN/lockdep/ODEBUG report fails the target,
# except the one-time WARN of the invalid error_override case (exactly one,
# from the error_override check, inside that case, per path).
#
# Prints one line per suite and a last line "N passed, N failed" (test
# cases over all targets). Exit status 0 iff nothing failed.
#
# Environment:
#   MPC_CACHE           cache root (default /var/cache/mmap-prepare-compat);
#                       sources and build trees go to $MPC_CACHE/kunit/
#   MPC_KUNIT_TARGETS   default targets
#   MPC_KUNIT_DEB_DIRS  where to look for linux-source-*.deb first
#                       (default: /var/cache/mpc/src $MPC_CACHE/kunit/debs)
#   MPC_KUNIT_JOBS      make -j (default: nproc)
#   MPC_KUNIT_TIMEOUT   seconds for one kernel run (default 900)
#   MPC_KUNIT_NO_DEPS=1 do not apt-get install missing host tools
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
cache_root=${MPC_CACHE:-/var/cache/mmap-prepare-compat}
K=$cache_root/kunit
jobs=${MPC_KUNIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
timeout=${MPC_KUNIT_TIMEOUT:-900}
deb_dirs=${MPC_KUNIT_DEB_DIRS:-"/var/cache/mpc/src $K/debs"}
# shellcheck disable=SC2206
targets=(${*:-${MPC_KUNIT_TARGETS:-7.3 6.12 7.3-debug}})

log() { printf 'kunit: %s\n' "$*" >&2; }
die() { printf 'kunit: error: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }

t0=$(now)
mkdir -p "$K/src" "$K/build" "$K/debs"

# ------------------------------------------------------------- host tools
host_deps() {
	local need=() p
	[ "${MPC_KUNIT_NO_DEPS:-0}" = 1 ] && return 0
	for p in build-essential flex bison bc python3 libelf-dev libssl-dev \
		 xz-utils; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || need+=("$p")
	done
	[ ${#need[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "missing host packages: ${need[*]}"
	log "installing ${need[*]}"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${need[@]}" >/dev/null; then
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "${need[@]}" >/dev/null
	fi
}

# ------------------------------------------------------------- sources
# find_deb SERIES: path of the linux-source-SERIES .deb, downloaded if needed
find_deb() {
	local series=$1 d f
	for d in $deb_dirs; do
		f=$(ls -1 "$d"/linux-source-"$series"_*_all.deb 2>/dev/null |
			sort -V | tail -n1 || true)
		[ -n "$f" ] && { echo "$f"; return 0; }
	done
	log "downloading linux-source-$series"
	if ! (cd "$K/debs" && apt-get download -q "linux-source-$series" >&2); then
		[ -x "$top/tests/lib/apt-sources.sh" ] ||
			die "linux-source-$series not available and tests/lib/apt-sources.sh missing"
		"$top/tests/lib/apt-sources.sh" >&2
		(cd "$K/debs" && apt-get download -q "linux-source-$series" >&2) ||
			die "cannot download linux-source-$series"
	fi
	ls -1 "$K/debs"/linux-source-"$series"_*_all.deb | sort -V | tail -n1
}

# extract SERIES: the tree in $K/src/linux-source-SERIES (reused if the
# same .deb was extracted before; a new .deb wipes the tree and its builds)
extract() {
	local series=$1 deb tree stamp
	deb=$(find_deb "$series")
	tree=$K/src/linux-source-$series
	stamp=$tree/.mpc-extracted
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(basename "$deb")" ]; then
		return 0
	fi
	log "extracting $(basename "$deb")"
	rm -rf "$tree" "$K/build/$series" "$K/build/$series-debug"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$series.tar.xz" |
		tar -xJ -C "$K/src"
	[ -f "$tree/Makefile" ] || die "$deb did not contain linux-source-$series"
	basename "$deb" > "$stamp"
}

# ------------------------------------------------------------- injection
# put_file DST: stdin to DST unless identical (keeps kbuild incremental)
put_file() {
	local dst=$1 tmp
	mkdir -p "$(dirname "$dst")"
	tmp=$(mktemp "$dst.XXXXXX")
	cat > "$tmp"
	if [ -f "$dst" ] && cmp -s "$tmp" "$dst"; then
		rm -f "$tmp"
	else
		mv -f "$tmp" "$dst"
	fi
}

# sync_dir SRC DST: mirror the regular files of SRC into DST by content
sync_dir() {
	local src=$1 dst=$2 f
	mkdir -p "$dst"
	(cd "$src" && find . -type f \( -name '*.c' -o -name '*.h' \)) |
	while read -r f; do
		put_file "$dst/$f" < "$src/$f"
	done
	# files removed from SRC
	(cd "$dst" && find . -type f \( -name '*.c' -o -name '*.h' \)) |
	while read -r f; do
		[ -f "$src/$f" ] || rm -f "$dst/$f"
	done
}

suites() { (cd "$here" && ls -1 ./*_kunit.c | sed 's|^\./||; s|\.c$||'); }

inject() {
	local tree=$1 d s
	d=$tree/drivers/misc/mmap_prepare_compat_kunit
	mkdir -p "$d"
	sync_dir "$top/include" "$d/include"
	sync_dir "$top/compat" "$d/compat"
	sync_dir "$here" "$d/tests"

	put_file "$d/Kconfig" <<'EOF'
# Generated by tests/kunit/run.sh (mmap-prepare-compat); not part of Linux.
config MMAP_PREPARE_COMPAT_KUNIT_TEST
	bool "KUnit tests of mmap-prepare-compat" if !KUNIT_ALL_TESTS
	depends on KUNIT && MMU
	default KUNIT_ALL_TESTS
	help
	  The KUnit suites of mmap-prepare-compat, natively and through its
	  compat layer.
EOF
	put_file "$d/mpc_compat.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
/* Generated by tests/kunit/run.sh: the compat layer as one unit. */
#include "compat/mmap_prepare_compat_all.c"
EOF
	{
		echo "# Generated by tests/kunit/run.sh (mmap-prepare-compat)."
		echo "mpc_dir := \$(abspath \$(dir \$(lastword \$(MAKEFILE_LIST))))"
		echo "# Per build tree: MPC_NATIVE, MPC_EXPECT_NATIVE, MPC_KUNIT_CFLAGS."
		echo "-include \$(objtree)/mpc_kunit_gen/kbuild.mk"
		echo "ccflags-y += -I\$(mpc_dir)/include -I\$(objtree)/mpc_kunit_gen \\"
		echo "	-I\$(mpc_dir)/tests -DMPC_KUNIT_EXPECT_NATIVE=\$(MPC_EXPECT_NATIVE) \\"
		echo "	\$(MPC_KUNIT_CFLAGS)"
		echo "ifeq (\$(MPC_NATIVE),1)"
		echo "mpc_force := -DMMAP_PREPARE_COMPAT_FORCE_COMPAT=1"
		echo "endif"
		echo "obj-y += mpc_compat.o"
		echo "CFLAGS_mpc_compat.o += \$(mpc_force)"
		for s in $(suites); do
			echo "obj-y += c_$s.o"
			echo "CFLAGS_c_$s.o += \$(mpc_force)"
			echo "obj-\$(MPC_NATIVE_Y) += n_$s.o"
		done
	} | put_file "$d/Makefile"
	for s in $(suites); do
		printf '// SPDX-License-Identifier: GPL-2.0\n/* Generated by tests/kunit/run.sh */\n#include "tests/%s.c"\n' "$s" |
			put_file "$d/c_$s.c"
		printf '// SPDX-License-Identifier: GPL-2.0\n/* Generated by tests/kunit/run.sh */\n#include "tests/%s.c"\n' "$s" |
			put_file "$d/n_$s.c"
	done
	# wrappers of removed suites
	for s in "$d"/[cn]_*_kunit.c; do
		[ -e "$s" ] || continue
		s=${s##*/}; s=${s#?_}; s=${s%.c}
		[ -f "$here/$s.c" ] || rm -f "$d/c_$s.c" "$d/n_$s.c"
	done

	grep -q mmap_prepare_compat_kunit "$tree/drivers/misc/Makefile" ||
		echo 'obj-$(CONFIG_MMAP_PREPARE_COMPAT_KUNIT_TEST) += mmap_prepare_compat_kunit/' \
			>> "$tree/drivers/misc/Makefile"
	if ! grep -q mmap_prepare_compat_kunit "$tree/drivers/misc/Kconfig"; then
		# before the last "endmenu"
		awk -v n="$(grep -n '^endmenu' "$tree/drivers/misc/Kconfig" | tail -n1 | cut -d: -f1)" '
			NR == n { print "source \"drivers/misc/mmap_prepare_compat_kunit/Kconfig\"" }
			{ print }' "$tree/drivers/misc/Kconfig" > "$tree/drivers/misc/Kconfig.mpc"
		mv "$tree/drivers/misc/Kconfig.mpc" "$tree/drivers/misc/Kconfig"
	fi
}

# ------------------------------------------------------------- kunitconfig
kunitconfig() { # debug(0/1)
	cat <<'EOF'
CONFIG_KUNIT=y
CONFIG_MMAP_PREPARE_COMPAT_KUNIT_TEST=y
CONFIG_KALLSYMS=y
# kunit.py's arch_uml.config enables PCI over virtio; without a device it
# WARNs at boot (6.12 um_pci_init), and no suite of ours needs PCI.
# CONFIG_KUNIT_UML_PCI is not set
# CONFIG_UML_PCI_OVER_VIRTIO is not set
EOF
	[ "$1" = 1 ] || return 0
	cat <<'EOF'
CONFIG_DEBUG_KERNEL=y
CONFIG_KASAN=y
CONFIG_PROVE_LOCKING=y
CONFIG_DEBUG_VM=y
CONFIG_DEBUG_OBJECTS=y
CONFIG_DEBUG_OBJECTS_FREE=y
CONFIG_DEBUG_OBJECTS_TIMERS=y
CONFIG_DEBUG_OBJECTS_WORK=y
CONFIG_DEBUG_OBJECTS_RCU_HEAD=y
CONFIG_DEBUG_LIST=y
CONFIG_DEBUG_ATOMIC_SLEEP=y
EOF
}

# ------------------------------------------------------------- one target
total_pass=0 total_fail=0
declare -a summary_lines=()
overall=0

run_target() {
	local target=$1 series debug=0 tree b kpy gen native expect ts
	series=${target%-debug}
	[ "$series" != "$target" ] && debug=1
	case $series in
	7.3) expect=1 ;;
	6.12|6.1|5.10) expect=0 ;;
	*) die "unknown target '$target'" ;;
	esac
	ts=$(now)
	extract "$series"
	tree=$K/src/linux-source-$series
	b=$K/build/$target
	kpy=$tree/tools/testing/kunit/kunit.py
	gen=$b/mpc_kunit_gen
	mkdir -p "$b" "$gen"
	inject "$tree"
	kunitconfig "$debug" > "$b/mpc.kunitconfig"

	log "$target: configure"
	# kunit.py checks the .config it generates against the kunitconfig
	python3 "$kpy" config --arch=um --build_dir="$b" \
		--kunitconfig="$b/mpc.kunitconfig" > "$b/mpc-config.log" 2>&1 ||
		{ cat "$b/mpc-config.log" >&2; return 1; }

	log "$target: prepare + probe"
	make -C "$tree" ARCH=um O="$b" -j"$jobs" -s prepare \
		> "$b/mpc-prepare.log" 2>&1 ||
		{ tail -n 40 "$b/mpc-prepare.log" >&2; return 1; }
	# Built-in code links against every global symbol: the export
	# probes' "exported" reads as "declared" here.
	ARCH=um MPC_ASSUME_EXPORTED=1 "$top/config/probe-kernel.sh" \
		--kernel-src "$tree" --kernel-obj "$b" \
		--out "$gen/mmap_prepare_compat_config.h" --summary \
		> "$b/mpc-probe.log" 2>&1 ||
		{ cat "$b/mpc-probe.log" >&2; return 1; }
	native=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' \
		"$gen/mmap_prepare_compat_config.h")
	[ -n "$native" ] || die "$target: probe produced no MMAP_PREPARE_COMPAT_NATIVE"
	{
		echo "MPC_NATIVE := $native"
		if [ "$native" = 1 ]; then echo "MPC_NATIVE_Y := y"; fi
		echo "MPC_EXPECT_NATIVE := $expect"
		if grep -q 'int kunit_attach_mm(void)' "$tree/include/kunit/test.h"; then
			echo "MPC_KUNIT_CFLAGS += -DMPC_KUNIT_HAVE_ATTACH_MM"
		fi
		if grep -qs 'kunit_add_action_or_reset' "$tree/include/kunit/resource.h"; then
			echo "MPC_KUNIT_CFLAGS += -DMPC_KUNIT_HAVE_ADD_ACTION"
		fi
	} | put_file "$gen/kbuild.mk"
	log "$target: probed path: $([ "$native" = 1 ] && echo native || echo compat)"

	log "$target: build (-j$jobs)"
	python3 "$kpy" build --arch=um --build_dir="$b" \
		--kunitconfig="$b/mpc.kunitconfig" --jobs="$jobs" \
		> "$b/mpc-build.log" 2>&1 ||
		{ grep -E 'error|Error' "$b/mpc-build.log" | head -n 40 >&2
		  tail -n 20 "$b/mpc-build.log" >&2; return 1; }

	log "$target: run"
	python3 "$kpy" exec --arch=um --build_dir="$b" --timeout="$timeout" \
		--raw_output=all 'mpc_*' > "$b/mpc-run.log" 2>&1 || true

	local expect_args=() sname
	for sname in $(sed -n 's/.*MPC_KUNIT_SUITE("\([a-z0-9_]*\)").*/\1/p' \
			"$here"/*_kunit.c); do
		expect_args+=(--expect-suite "${sname}_compat")
		if [ "$native" = 1 ]; then
			expect_args+=(--expect-suite "${sname}_native")
		fi
	done
	python3 "$here/ktap_check.py" --target "$target" --tree "$tree" \
		"${expect_args[@]}" "$b/mpc-run.log" > "$b/mpc-result.txt" ||
		overall=1
	cat "$b/mpc-result.txt"
	local p f
	read -r p f < <(tail -n1 "$b/mpc-result.txt" |
		sed -n 's/^.*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p') || true
	total_pass=$((total_pass + ${p:-0}))
	total_fail=$((total_fail + ${f:-1}))
	log "$target: done in $(( $(now) - ts )) s (log: $b/mpc-run.log)"
}

# Sourced with MPC_KUNIT_LIB=1: only define the functions.
if [ "${MPC_KUNIT_LIB:-0}" = 1 ]; then return 0 2>/dev/null || exit 0; fi

host_deps
for t in "${targets[@]}"; do
	if ! run_target "$t"; then
		echo "$t: ERROR (see $K/build/$t/mpc-*.log)"
		overall=1
		total_fail=$((total_fail + 1))
	fi
done
log "all targets: $(( $(now) - t0 )) s"
echo "$total_pass passed, $total_fail failed"
[ "$overall" = 0 ] && [ "$total_fail" = 0 ]
