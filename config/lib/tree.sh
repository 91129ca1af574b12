# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# config/lib/tree.sh - what a kernel build tree says about itself, for bash:
# sourced by config/probe-kernel.sh and config/kbuild-flags.sh (which
# dkms.conf and configure run), so every front end reads the tree the same
# way. Bash builtins and one awk: a cached probe run pays for this too.
#
#   mpc_tree KOBJ   sets mpc_kconfig (.config, else include/config/auto.conf),
#                   mpc_release, mpc_is_clang (0 or 1), mpc_cc_text (the
#                   compiler's version text) and mpc_llvm ("LLVM=1" for a
#                   clang-built kernel when LLVM is not set: kbuild does not
#                   take the compiler from .config), mpc_arch (the tree's
#                   kbuild ARCH: x86, arm64 or "" when neither) and
#                   mpc_cross ("ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"
#                   for an arm64 tree on an x86-64 host, and the reverse,
#                   unless CROSS_COMPILE is set: a cross build needs both
#                   and Debian's headers name only the compiler's suffix).
#                   Returns 1 with the reason in mpc_tree_error when the
#                   tree is unusable.

# shellcheck disable=SC2034
{
mpc_kconfig='' mpc_release='' mpc_is_clang=0 mpc_cc_text='' mpc_llvm=''
mpc_arch='' mpc_cross='' mpc_tree_error=''
}

mpc_tree() { # kobj
	local kobj=$1 line host
	mpc_kconfig='' mpc_release='' mpc_is_clang=0 mpc_cc_text='' mpc_llvm=''
	mpc_arch='' mpc_cross='' mpc_tree_error=''
	if [ -f "$kobj/.config" ]; then
		mpc_kconfig=$kobj/.config
	elif [ -f "$kobj/include/config/auto.conf" ]; then
		mpc_kconfig=$kobj/include/config/auto.conf
	else
		mpc_tree_error="'$kobj' is not a configured kernel build tree (no .config): install the headers package for that kernel (linux-headers-<release> on Debian/Ubuntu, kernel-devel on RPM) or run 'make oldconfig modules_prepare' in it"
		return 1
	fi
	if [ ! -f "$kobj/include/generated/autoconf.h" ]; then
		mpc_tree_error="'$kobj' is not prepared for external modules (no include/generated/autoconf.h): run 'make modules_prepare' there, or install the complete headers package (linux-headers-<release> on Debian/Ubuntu, kernel-devel on RPM)"
		return 1
	fi
	if [ -f "$kobj/include/generated/utsrelease.h" ]; then
		while IFS= read -r line; do
			[[ $line =~ ^#define\ UTS_RELEASE\ \"(.*)\" ]] &&
				mpc_release=${BASH_REMATCH[1]}
		done < "$kobj/include/generated/utsrelease.h"
	fi
	if [ -z "$mpc_release" ] && [ -f "$kobj/include/config/kernel.release" ]; then
		IFS= read -r mpc_release < "$kobj/include/config/kernel.release"
	fi
	if [ -z "$mpc_release" ]; then
		mpc_tree_error="cannot tell the kernel release of '$kobj' (no include/generated/utsrelease.h)"
		return 1
	fi
	# one pass over .config: whether the compiler is clang, its version
	# text, the architecture
	IFS=$'\t' read -r mpc_is_clang mpc_arch mpc_cc_text < <(awk '
		/^CONFIG_CC_IS_CLANG=y/ { clang = 1 }
		/^CONFIG_X86_64=y/ { arch = "x86" }
		/^CONFIG_ARM64=y/ { arch = "arm64" }
		/^CONFIG_CC_VERSION_TEXT="/ && text == "" {
			text = $0; sub(/^[^"]*"/, "", text); sub(/"$/, "", text)
		}
		END { printf "%d\t%s\t%s\n", clang, arch, text }' "$mpc_kconfig") || true
	if [ "$mpc_is_clang" = 1 ] && [ -z "${LLVM:-}" ]; then
		mpc_llvm=LLVM=1
	fi
	# A clang build cross-compiles with LLVM=1 alone; gcc needs the prefix.
	host=$(uname -m)
	if [ -z "${CROSS_COMPILE+set}" ] && [ "$mpc_is_clang" = 0 ]; then
		case $mpc_arch/$host in
		arm64/x86_64) mpc_cross="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-" ;;
		x86/aarch64) mpc_cross="ARCH=x86 CROSS_COMPILE=x86_64-linux-gnu-" ;;
		esac
	fi
	return 0
}
