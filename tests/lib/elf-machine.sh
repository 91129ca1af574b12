#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The machine an ELF object is for, read from its header's e_machine (no
# binutils needed, so it works in every release chroot): "x86_64",
# "aarch64", "other:N" or "not-elf". The suites that build against a
# foreign-architecture tree (the -arm64 series of tests/matrix/kernels.conf)
# check with it that the cross compiler, not the host's, made the object.
#
#   elf-machine.sh FILE
#   elf-machine.sh --of-tree KDIR    the name for the arch of a kernel tree
#                                    (its .config, read by config/lib/tree.sh:
#                                    x86 -> x86_64, arm64 -> aarch64)
set -euo pipefail

of_arch() { # kbuild arch
	case $1 in
	x86) echo x86_64 ;;
	arm64) echo aarch64 ;;
	*) echo "elf-machine.sh: unknown arch '$1'" >&2; exit 2 ;;
	esac
}
case ${1:-} in
--of-tree)
	# shellcheck source=config/lib/tree.sh
	. "$(dirname "${BASH_SOURCE[0]}")/../../config/lib/tree.sh"
	mpc_tree "${2:?usage: elf-machine.sh --of-tree KDIR}" ||
		{ echo "elf-machine.sh: $mpc_tree_error" >&2; exit 2; }
	of_arch "$mpc_arch"
	exit 0 ;;
esac
[ $# = 1 ] || { echo "usage: elf-machine.sh FILE | --of-tree KDIR" >&2; exit 2; }
# bytes 0-3 the magic, 5 the byte order (1: little endian, as both are),
# 18-19 e_machine
read -r m0 m1 m2 m3 _ ei_data <<<"$(od -An -tu1 -N6 "$1" 2>/dev/null)" || true
if [ "${m0:-}/${m1:-}/${m2:-}/${m3:-}/${ei_data:-}" != 127/69/76/70/1 ]; then
	echo not-elf
	exit 0
fi
machine=$(od -An -tu2 --endian=little -j18 -N2 "$1" | tr -d ' ')
case $machine in
62) echo x86_64 ;;
183) echo aarch64 ;;
*) echo "other:$machine" ;;
esac
