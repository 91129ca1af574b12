# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# config/lib/exports.sh - which declared symbols the kernel exports, read
# from the tree's Module.symvers (no modpost per probe), sourced by
# config/probe-kernel.sh.
#
#   mpc_exports   fills the caller's maps present[probe]=1 (compiled and
#                 every Export: symbol exported), exptype[probe] (the
#                 export types) and why[probe] (why a probe is absent).
#                 MPC_ASSUME_EXPORTED=1: no Module.symvers needed.

# shellcheck disable=SC2004,SC2034,SC2154 # the caller's (associative) arrays and variables

export_of() { # symbol -> EXPORT_SYMBOL / EXPORT_SYMBOL_GPL / empty
	if [ ! -s "$symvers" ]; then
		echo assumed
		return
	fi
	awk -F'\t' -v s="$1" '$2 == s && $3 == "vmlinux" { print $4; exit }' "$symvers"
}

mpc_exports() {
	symvers=$kobj/Module.symvers
	need_symvers=0
	for n in "${names[@]}"; do
		[ -z "${failed[$n]:-}" ] && [ -n "${exports[$n]}" ] && need_symvers=1
	done
	if [ "$need_symvers" = 1 ] && [ ! -s "$symvers" ] && [ "${MPC_ASSUME_EXPORTED:-0}" != 1 ]; then
		die "'$symvers' is missing or empty: export probes read it. Install the complete headers package (linux-headers-<release> on Debian/Ubuntu, kernel-devel on RPM), build the kernel's modules, or set MPC_ASSUME_EXPORTED=1"
	fi
	for n in "${names[@]}"; do
		if [ -n "${failed[$n]:-}" ]; then
			why[$n]="not declared in this shape"
			continue
		fi
		ok=1 types=
		for s in ${exports[$n]}; do
			t=$(export_of "$s")
			if [ -z "$t" ]; then
				ok=0
				why[$n]="declared, but $s is not exported"
			else
				types+="${types:+, }$s: $t"
			fi
		done
		if [ "$ok" = 1 ]; then
			present[$n]=1
			exptype[$n]=$types
		fi
	done
}
