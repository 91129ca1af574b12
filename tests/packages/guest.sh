#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The module the package installed, booted: SERIES's own kernel under QEMU
# (the matrix's guest and helpers: tests/matrix/initramfs.sh, boot.sh,
# parse.sh) loads the mmap_prepare_compat.ko that apt and DKMS installed in
# the release chroot (cases.sh exported it, with the example driver built in
# shared mode against the installed kit), and the matrix's guest checks run
# against it. Judged by the serial logs (QEMU exits 0 after a panic too).
# Provenance: what the guest loaded (version, srcversion and GNU build ID,
# read from /sys/module by mpc-test) is the package-installed file's, the
# version is configure.ac's AC_INIT, and the build ID is not the build
# tree's.
#
#   tests/packages/guest.sh SERIES GUESTDIR BUILDDIR
#     GUESTDIR (cases.sh): mmap_prepare_compat.ko[.xz|.zst|.gz] as
#       installed, installed (path= sha256= of the installed file),
#       mpc_example.ko
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"
s=${1:?usage: guest.sh SERIES GUESTDIR BUILDDIR}
g=$(cd "${2:?}" && pwd)
build=$(cd "${3:?}" && pwd)
m=$repo/tests/matrix
# shellcheck disable=SC2154  # KREL KIMAGE EXPECT_PATH: chroot.sh info
eval "$("$repo/tests/lib/chroot.sh" info "$s")"
v=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' "$repo/configure.ac")
out=$g/boot
"$repo/tests/lib/host-deps.sh" xz zstd busybox cpio qemu >&2
mkdir -p "$out"

# build_id FILE: its GNU build ID
build_id() { readelf -n "$1" 2>/dev/null | sed -n 's/^ *Build ID: *//p'; }

# the file as installed, uncompressed (finit_module gets a plain .ko)
inst=$(find "$g" -maxdepth 1 -name 'mmap_prepare_compat.ko*' | head -n 1)
ko=$out/mmap_prepare_compat.ko
case $inst in
*.ko) cp "$inst" "$ko" ;;
*.ko.xz) xz -dc "$inst" > "$ko" ;;
*.ko.zst) zstd -qdc "$inst" > "$ko" ;;
*.ko.gz) gzip -dc "$inst" > "$ko" ;;
*) tap_fail "$s: no module exported from the package install"; tap_done; exit ;;
esac
sed -n 's/^path=/# installed by the package: /p' "$g/installed"
tap_check "$s: the file packed for the guest is the one the package installed (sha256)" \
	test "$(sha256sum < "$inst" | cut -d' ' -f1)" = "$(sed -n 's/^sha256=//p' "$g/installed")"
want_src=$(modinfo -F srcversion "$ko")
want_id=$(build_id "$ko")
tap_check "$s: modinfo version of the installed module is configure.ac's ($v)" \
	test "$(modinfo -F version "$ko")" = "$v"
tree_ids=
for t in "$build"/_kbuild/src/mmap_prepare_compat.ko "$build"/_kbuild/kit/src/mmap_prepare_compat.ko; do
	[ ! -f "$t" ] || tree_ids="$tree_ids $(build_id "$t")"
done
tap_check "$s: its build ID is not the build tree's ($want_id;$tree_ids)" \
	bash -c "[ -n '$want_id' ] && [ -n '${tree_ids// /}' ] && ! grep -qw -- '$want_id' <<< '$tree_ids'"
if [ "$EXPECT_PATH" = compat ]; then
	tap_check "$s: the example driver (built against the installed kit) links against it" \
		test "$(modinfo -F depends "$g/mpc_example.ko")" = mmap_prepare_compat
fi

# the matrix's guest: mpc-test, the module and the example, booted
if ! gcc -static -O2 -Wall -Wextra -Werror -pthread -o "$out/mpc-test" \
	"$m/guest/mpc-test.c" "$m"/guest/mpc-test-*.c > "$out/mpc-test.log" 2>&1; then
	tap_fail "$s: build static mpc-test" "$(tail -n 20 "$out/mpc-test.log")"
	tap_done
	exit
fi
tap_check "$s: pack the initramfs (the package's module, the example)" \
	"$m/initramfs.sh" "$out/initrd.cpio" "$out/mpc-test" - -- \
	-m "$ko" -m "$g/mpc_example.ko" -e "$EXPECT_PATH" -l 3 -f 3
"$out/mpc-test" --fill-shm "$out/ivshmem.bin"
"$m/boot.sh" "$KIMAGE" "$out/initrd.cpio" "$out/ivshmem.bin" "$out" 2> "$out/boot.err" || true
tap_note "$s: booted $KREL ($(cat "$out/accel" 2>/dev/null), $(cat "$out/boot-seconds" 2>/dev/null) s)"
: > "$out/results.tsv"
"$m/parse.sh" "$out" "$s guest"
while IFS=$'\t' read -r st what; do
	if [ "$st" = PASS ]; then
		tap_ok "$what"
	else
		tap_fail "$what" "$(cat "$out/problems" 2>/dev/null)"
	fi
done < "$out/results.tsv"
tap_check "$s guest: the host sees the guest's shared BAR 2 write only" \
	"$out/mpc-test" --check-shm "$out/ivshmem.bin"

# what the guest loaded (mpc-test: "# module NAME: version V srcversion S
# build-id B", from /sys/module/NAME)
got=$(sed -n 's/^# module mmap_prepare_compat: //p' "$out/ktap.log" | head -n 1)
tap_note "$s guest loaded: ${got:-nothing}"
read -r _ got_v _ got_src _ got_id <<< "${got:-- - - - - -}"
tap_check "$s guest: the loaded module's version is configure.ac's ($v)" test "$got_v" = "$v"
tap_check "$s guest: its srcversion is the package-installed file's ($want_src)" \
	test -n "$want_src" -a "$got_src" = "$want_src"
tap_check "$s guest: its build ID is the package-installed file's" \
	test -n "$want_id" -a "$got_id" = "$want_id"
tap_done
