#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# probe-kernel.sh - the one probe runner of mmap-prepare-compat.
#
# Used by configure, by the Kbuild fragment (mmap-prepare-compat.mk) and by
# DKMS. Compiles every probe in config/probes/ against one kernel build tree
# and writes mmap_prepare_compat_config.h (see Documentation/internals.rst).
#
# usage:
#   config/probe-kernel.sh --kernel-src DIR [--kernel-obj DIR]
#                          --out DIR/mmap_prepare_compat_config.h
#                          [--cache DIR] [--no-cache] [--summary] [--quiet]
#                          [--jobs N] [--mode combined|individual] [--keep]
#
#   --kernel-src DIR  kernel source or headers tree (default: --kernel-obj)
#   --kernel-obj DIR  kernel build tree, with .config (default: --kernel-src)
#   --out FILE        the header to write (rewritten only when it changes)
#   --cache DIR       cache root (default: $MPC_CACHE, then
#                     /var/cache/mmap-prepare-compat, ~/.cache/..., next
#                     to --out); --no-cache: probe afresh, store nothing
#   --summary         print the per-feature table and the path on stdout
#   --quiet           no one-line report on stderr
#   --jobs N          parallel kbuild jobs (default: nproc)
#   --mode M          combined (default): all probes in one unit, one header
#                     parse; individual: one kbuild unit per probe
#   --keep            keep the build directory (its path is printed)
#   --help            this text
#
# Environment:
#   ARCH, CROSS_COMPILE, LLVM, CC   passed to kbuild as given; LLVM=1 is
#                     added when the kernel's .config says CONFIG_CC_IS_CLANG=y,
#                     ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- when it says
#                     CONFIG_ARM64=y on an x86-64 host and CROSS_COMPILE is
#                     unset (and the reverse)
#   MMAP_PREPARE_COMPAT_STRICT=1    an API combination that matches no state
#                     of config/api-states.tsv is an error even when the
#                     kernel still has file_operations.mmap (the test matrix
#                     and CI set it; by default such a kernel gets the compat
#                     path and a warning)
#   MPC_CACHE         cache root
#   MPC_ASSUME_EXPORTED=1           no Module.symvers: assume that declared
#                     symbols are exported (development trees)
#   MPC_PROBE_VERIFY=always         compile the passing probes again even
#                     when every error of the failed ones is contained
#   MPC_PROBE_NO_DIRECT=1           compile the verification unit through
#                     kbuild instead of reusing kbuild's command for sanity.o
#                     (tests/probe/fastpath.sh compares both)
#
# Before probing, the kernel must pass the gate of config/api-states.tsv
# (oldest release, newest release, required Kconfig symbols): configure,
# the Kbuild fragment and DKMS (config/kernel-gate.sh) refuse the same
# kernels with the same message.
#
# How: all probes are #included into ONE translation unit, each in its own
# function named mpc_probe_<probe>, compiled with kbuild's own flags in one
# kbuild run (next to the sanity probe, in parallel). The headers are parsed
# once. gcc and clang keep going after a missing member or a mismatched
# signature, and every diagnostic is attributed to the probe whose file or
# function it sits in. An error that belongs to no probe (a kernel header,
# the compiler, a missing header) stops the run: it is never read as
# "feature missing". When a probe failed with an error that can leave
# something behind for the others (an implicit declaration, a made-up type,
# parser recovery: config/lib/diag.sh), the probes that passed are compiled
# together once more (a clean compile, so no diagnostic was hidden by the
# other errors). If attribution is ever ambiguous, every probe is
# compiled on its own (--mode individual, also used by tests/bench).
#
# Exports are read from the tree's Module.symvers (no modpost per probe).
#
# Exit status: 0 ok; 1 probe machinery broken, or an unknown API
# combination refused; 2 usage; 77 the kernel is not supported (the gate).

set -euo pipefail

readonly MPC_PROBE_VERSION=1
prog=${0##*/}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
probe_dir=$here/probes
sanity_src=$here/sanity.c

die() { printf '%s: error: %s\n' "$prog" "$*" >&2; exit 1; }
warn() { printf '%s: warning: %s\n' "$prog" "$*" >&2; }
usage() { # status: the whole usage text, on stdout for --help
	local st=${1:-2}
	sed -n '/^# usage:$/,/^# Exit status/p' "${BASH_SOURCE[0]}" |
		sed -e '$d' -e 's/^# \{0,1\}//' |
		if [ "$st" = 0 ]; then cat; else cat >&2; fi
	exit "$st"
}

ksrc='' kobj='' out='' cache_root='' use_cache=1 summary=0 quiet=0 jobs='' mode=combined
keep=0
while [ $# -gt 0 ]; do
	case $1 in
	--kernel-src) ksrc=${2:?}; shift 2 ;;
	--kernel-src=*) ksrc=${1#*=}; shift ;;
	--kernel-obj) kobj=${2:?}; shift 2 ;;
	--kernel-obj=*) kobj=${1#*=}; shift ;;
	--out) out=${2:?}; shift 2 ;;
	--out=*) out=${1#*=}; shift ;;
	--cache) cache_root=${2:?}; shift 2 ;;
	--cache=*) cache_root=${1#*=}; shift ;;
	--no-cache) use_cache=0; shift ;;
	--summary) summary=1; shift ;;
	--quiet|-q) quiet=1; shift ;;
	--jobs|-j) jobs=${2:?}; shift 2 ;;
	--jobs=*) jobs=${1#*=}; shift ;;
	--mode) mode=${2:?}; shift 2 ;;
	--mode=*) mode=${1#*=}; shift ;;
	--keep) keep=1; shift ;;
	-h|--help) usage 0 ;;
	*) printf '%s: unknown argument: %s\n' "$prog" "$1" >&2; usage ;;
	esac
done
[ -n "$ksrc" ] || [ -n "$kobj" ] || usage
[ -n "$out" ] || usage
case $mode in combined|individual) ;; *) die "--mode must be combined or individual" ;; esac
[ -n "$ksrc" ] || ksrc=$kobj
[ -n "$kobj" ] || kobj=$ksrc
[ -d "$ksrc" ] || die "kernel source directory '$ksrc' does not exist (install linux-headers-\$(uname -r) on Debian/Ubuntu, kernel-devel on RPM distributions)"
[ -d "$kobj" ] || die "kernel build directory '$kobj' does not exist"
ksrc=$(cd "$ksrc" && pwd -P)
kobj=$(cd "$kobj" && pwd -P)
case $out in /*) ;; *) out=$PWD/$out ;; esac

t_start=${EPOCHREALTIME:-$(date +%s.%N)}

# The parts, one concern each (config/lib/): what the tree says about
# itself, the supported kernels and API states, the probe catalog,
# compiling and attributing diagnostics, exports, the output files.
# shellcheck source=lib/tree.sh source-path=SCRIPTDIR
. "$here/lib/tree.sh"
# shellcheck source=lib/states.sh source-path=SCRIPTDIR
. "$here/lib/states.sh"
# shellcheck source=lib/catalog.sh source-path=SCRIPTDIR
. "$here/lib/catalog.sh"
# shellcheck source=lib/diag.sh source-path=SCRIPTDIR
. "$here/lib/diag.sh"
# shellcheck source=lib/compile.sh source-path=SCRIPTDIR
. "$here/lib/compile.sh"
# shellcheck source=lib/exports.sh source-path=SCRIPTDIR
. "$here/lib/exports.sh"
# shellcheck source=lib/emit.sh source-path=SCRIPTDIR
. "$here/lib/emit.sh"

# ---------------------------------------------------------------- the tree
mpc_tree "$kobj" || die "$mpc_tree_error"
kconfig=$mpc_kconfig release=$mpc_release
is_clang=$mpc_is_clang cc_text=$mpc_cc_text
# DKMS and configure scripts often forget LLVM=1: a clang-built kernel must
# be probed with clang, or the flags do not match (CC set: as given).
if [ -n "$mpc_llvm" ] && [ -z "${CC:-}" ]; then
	export LLVM=1
fi
# A tree of another architecture (an arm64 tree on x86-64) is probed with
# the cross compiler when the caller did not name one (config/lib/tree.sh).
for v in $mpc_cross; do
	export "${v?}"
done

# ---------------------------------------------------------------- the gate
mpc_states_load "$here/api-states.tsv" || die "config/api-states.tsv is missing"
gate_rc=0
mpc_gate "$release" "$kconfig" || gate_rc=$?
if [ "$gate_rc" != 0 ]; then
	printf 'mmap-prepare-compat: %s\n' "$mpc_gate_reason" >&2
	exit "$gate_rc"
fi

# kbuild invocation: an O= tree has its own Makefile.
if [ -f "$kobj/Makefile" ]; then
	kmake=(make -C "$kobj")
else
	kmake=(make -C "$ksrc" "O=$kobj")
fi
for v in ARCH CROSS_COMPILE LLVM CC; do
	if [ -n "${!v:-}" ]; then
		kmake+=("$v=${!v}")
	fi
done

# ---------------------------------------------------------------- probes
declare -a names=() kinds=()
declare -A macro=() since=() exports=() fallback=() src=()
mpc_catalog

# ---------------------------------------------------------------- cache
# The key: the tree, its .config, the compiler variables and every file that
# decides a result (one sha256sum over all of them).
key_text="v=$MPC_PROBE_VERSION release=$release cc=$cc_text arch=${ARCH:-} cross=${CROSS_COMPILE:-} llvm=${LLVM:-} ccvar=${CC:-} kobj=$kobj"
key=$( { printf '%s\n' "$key_text"
	 sha256sum "$kconfig" "$sanity_src" "${BASH_SOURCE[0]}" "$here/api-states.tsv" \
		"$here"/lib/*.sh "$here/lib/attribute.awk" "${probe_files[@]}" |
		cut -d' ' -f1; } | sha256sum | cut -c1-20)

writable_dir() { # dir: create it if needed and check it is writable
	{ [ -d "$1" ] || mkdir -p "$1" 2>/dev/null; } && [ -w "$1" ]
}
cache_dir=
if [ "$use_cache" = 1 ]; then
	for c in ${cache_root:+"$cache_root"} "${MPC_CACHE:-/var/cache/mmap-prepare-compat}" \
		 "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/mmap-prepare-compat" \
		 "${out%/*}/.mpc-cache"; do
		if writable_dir "$c/probes"; then
			cache_dir=$c/probes
			break
		fi
	done
fi

install_out() { # file: copy to $out unless identical (keeps make quiet)
	[ -d "${out%/*}" ] || mkdir -p "${out%/*}"
	if ! cmp -s "$1" "$out" 2>/dev/null; then
		local tmp
		tmp=$(mktemp "$out.XXXXXX")
		cp "$1" "$tmp"
		mv -f "$tmp" "$out"
	fi
}
if [ -n "$cache_dir" ] && [ -f "$cache_dir/$key/mmap_prepare_compat_config.h" ] &&
   [ -f "$cache_dir/$key/summary" ]; then
	install_out "$cache_dir/$key/mmap_prepare_compat_config.h"
	if [ "$summary" = 1 ]; then
		cat "$cache_dir/$key/summary"
		printf 'probe run: cached (%s)\n' "$cache_dir/$key"
	elif [ "$quiet" = 0 ]; then
		printf '%s: %s: probe results cached, path %s\n' "$prog" "$release" \
			"$(sed -n 's/^path: \([a-z]*\).*/\1/p' "$cache_dir/$key/summary")" >&2
	fi
	exit 0
fi

# ---------------------------------------------------------------- build dir
[ -n "$jobs" ] || jobs=$(nproc 2>/dev/null || echo 2)
bdir_parent=${cache_dir:-${TMPDIR:-/tmp}}
bdir=$(mktemp -d "$bdir_parent/build.XXXXXX")
cleanup() {
	if [ "$keep" = 1 ]; then
		printf '%s: build directory kept: %s\n' "$prog" "$bdir" >&2
	else
		rm -rf "$bdir"
	fi
}
trap cleanup EXIT

# ---------------------------------------------------------------- compile
declare -A failed=()
verify_how=none
mpc_compile

# ---------------------------------------------------------------- exports
declare -A present=() exptype=() why=()
mpc_exports

# ---------------------------------------------------------------- state
# Which state of config/api-states.tsv the state probes describe, and what
# a combination that matches none of them gets.
present_list=''
for n in "${names[@]}"; do
	[ -z "${present[$n]:-}" ] || present_list+=" $n"
done
have_mmap=0
[ -z "${present[fop_mmap]:-}" ] || have_mmap=1
mpc_states_decide "$present_list" "$have_mmap" "${MMAP_PREPARE_COMPAT_STRICT:-0}"
case $mpc_verdict in
known)
	variant=${mpc_state_label[$mpc_state]} ;;
*)
	unknown_msg="kernel $release has an mmap_prepare API combination that matches no known kernel state (config/api-states.tsv). Nearest: ${mpc_state_label[$mpc_nearest]}; present beyond it: ${mpc_extra:-none}; missing from it: ${mpc_lack:-none}."
	if [ "$mpc_verdict" = unknown ]; then
		warn "$unknown_msg Building the compat path, which shadows every name of the kernel's own API. Please report this kernel (its release and this line) to mmap-prepare-compat; MMAP_PREPARE_COMPAT_STRICT=1 makes this an error"
		variant="unknown (compat path; nearest: ${mpc_state_label[$mpc_nearest]})"
	elif [ "$have_mmap" = 0 ]; then
		keep=0
		die "$unknown_msg It has no file_operations.mmap either (probe fop_mmap failed), so the compat path cannot work on it; probes that failed against the nearest state: ${mpc_lack:-none}. Update mmap-prepare-compat"
	else
		keep=0
		die "$unknown_msg MMAP_PREPARE_COMPAT_STRICT=1 refuses it; without it this kernel gets the compat path with a warning"
	fi ;;
esac
native=0
[ "$mpc_path" != native ] || native=1

# ---------------------------------------------------------------- output
res=$bdir/result
mkdir -p "$res"
mpc_emit_header > "$res/mmap_prepare_compat_config.h"
mpc_emit_summary > "$res/summary"

if [ -n "$cache_dir" ]; then
	tmpc=$(mktemp -d "$cache_dir/.new.XXXXXX")
	cp "$res/mmap_prepare_compat_config.h" "$res/summary" "$tmpc/"
	printf '%s\n' "$key_text" > "$tmpc/key"
	chmod 755 "$tmpc"
	if ! mv -T "$tmpc" "$cache_dir/$key" 2>/dev/null; then
		rm -rf "$tmpc" # a concurrent run won the race
	fi
fi
install_out "$res/mmap_prepare_compat_config.h"

t_end=${EPOCHREALTIME:-$(date +%s.%N)}
secs=$(awk -v a="$t_start" -v b="$t_end" 'BEGIN { printf "%.2f", b - a }')
if [ "$summary" = 1 ]; then
	cat "$res/summary"
	printf 'probe run: %d feature probes + %d variant probes, %s s (%s mode, verify: %s)\n' \
		"$nfeat" "$((${#names[@]} - nfeat))" "$secs" "$mode" "$verify_how"
elif [ "$quiet" = 0 ]; then
	printf '%s: %s: %d probes in %s s, path %s\n' "$prog" "$release" "${#names[@]}" "$secs" \
		"$([ "$native" = 1 ] && echo native || echo compat)" >&2
fi
