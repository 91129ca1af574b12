# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# config/lib/catalog.sh - the probes of config/probes/ and their header
# lines (Macro, Since, Export, Fallback), sourced by config/probe-kernel.sh.
#
#   mpc_catalog   fills the caller's names[] and kinds[] (feature or
#                 variant) and the maps src, macro, since, exports and
#                 fallback, keyed by probe name; sets probe_files and nfeat
#                 (the number of feature probes). Uses probe_dir,
#                 sanity_src and die() of the caller.
#
# One awk over every probe's header: forks are most of a cached run.

# shellcheck disable=SC2004,SC2034,SC2154 # the caller's (associative) arrays and variables
mpc_catalog() {
	shopt -s nullglob
	probe_files=("$probe_dir"/*.c "$probe_dir"/variants/*.c)
	shopt -u nullglob
	[ ${#probe_files[@]} -gt 0 ] || die "no probes found in $probe_dir"
	while IFS=$'\t' read -r f n m sv ex fb fnok; do
		if [ -z "$m" ] || [ -z "$sv" ]; then
			die "probe $f lacks its 'Macro:' or 'Since:' header line"
		fi
		[ "$fnok" = 1 ] ||
			die "probe $f must define its code in function(s) named mpc_probe_$n"
		names+=("$n")
		case $f in */variants/*) kinds+=(variant) ;; *) kinds+=(feature) ;; esac
		src[$n]=$f
		macro[$n]=$m
		since[$n]=$sv
		[ "$ex" = none ] && ex=
		exports[$n]=$ex
		fallback[$n]=$fb
	done < <(awk '
		function flush() {
			if (file != "")
				printf "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", file, name, f["Macro"],
					f["Since"], f["Export"], f["Fallback"], fnok
		}
		FNR == 1 {
			flush(); file = FILENAME; name = FILENAME
			sub(/.*\//, "", name); sub(/\.c$/, "", name)
			delete f; fnok = 0
		}
		/^ \* [A-Z][a-z]+:/ {
			k = $2; sub(/:$/, "", k)
			if (!(k in f)) { v = $0; sub(/^ \* [A-Za-z]+:[ \t]*/, "", v); f[k] = v }
		}
		index($0, "mpc_probe_" name) { fnok = 1 }
		END { flush() }' "${probe_files[@]}")
	[ ${#names[@]} -gt 0 ] || die "no probes found in $probe_dir"
	[ -f "$sanity_src" ] || die "sanity probe $sanity_src is missing"
	nfeat=0
	for k in "${kinds[@]}"; do
		if [ "$k" = feature ]; then nfeat=$((nfeat + 1)); fi
	done
}
