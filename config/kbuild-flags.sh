#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# kbuild-flags.sh - the make arguments every kbuild run against this kernel
# tree needs: "LLVM=1" for a clang-built kernel (unless LLVM is set), and
# for a tree of another architecture than the host's (an arm64 tree on
# x86-64: Debian's linux-headers-*-arm64 with the amd64 linux-kbuild) its
# ARCH and the CROSS_COMPILE prefix of Debian's cross compilers, unless
# CROSS_COMPILE is set (then ARCH and CROSS_COMPILE as set); else nothing.
# Read from the tree as config/probe-kernel.sh reads it
# (config/lib/tree.sh); dkms.conf and configure use it.
#
#   config/kbuild-flags.sh KERNEL_BUILD_DIR
#
# Exit status: 0, or 1 (the reason on stderr) when the tree is unusable.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# = 1 ] || { sed -n '4,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
# shellcheck source=lib/tree.sh source-path=SCRIPTDIR
. "$here/lib/tree.sh"
if ! mpc_tree "$1"; then
	printf 'mmap-prepare-compat: %s\n' "$mpc_tree_error" >&2
	exit 1
fi
flags=$mpc_llvm
if [ -n "$mpc_cross" ]; then
	flags="${flags:+$flags }$mpc_cross"
elif [ -n "${CROSS_COMPILE:-}" ]; then
	flags="${flags:+$flags }${ARCH:+ARCH=$ARCH }CROSS_COMPILE=$CROSS_COMPILE"
fi
printf '%s\n' "$flags"
