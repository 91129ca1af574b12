# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# config/lib/states.sh - the kernel knowledge of config/api-states.tsv, for
# bash: sourced by config/probe-kernel.sh, config/kernel-gate.sh and the
# offline tests (tests/probe/). Defines functions and mpc_* variables only.
#
#   mpc_states_load FILE     read the gate, block and state lines
#   mpc_gate RELEASE KCONFIG is this kernel supported? (0 yes, 77 no, with
#                            the reason in mpc_gate_reason)
#   mpc_states_decide "PROBES" HAVE_MMAP STRICT
#                            which state and path a set of present state
#                            probes gets (see mpc_states_decide below)

# The variables below are this file's interface to its users.
# shellcheck disable=SC2034
{
mpc_gate_min='' mpc_gate_max='' mpc_gate_config='' mpc_gate_reason=''
mpc_state='' mpc_path=compat mpc_nearest='' mpc_extra='' mpc_lack='' mpc_verdict=''
declare -a mpc_state_ids=() mpc_blocks=()
declare -A mpc_state_path=() mpc_state_label=() mpc_state_probes=()
declare -A mpc_state_member=()
}

mpc_states_load() { # file
	local kind a b c d p
	[ -r "$1" ] || { printf 'cannot read %s\n' "$1" >&2; return 1; }
	while IFS=$'\t' read -r kind a b c d; do
		case $kind in
		gate)
			case $a in
			min-kernel) mpc_gate_min=$b ;;
			max-kernel) [ "$b" = - ] || mpc_gate_max=$b ;;
			require-config) mpc_gate_config+="${mpc_gate_config:+ }$b" ;;
			esac ;;
		block) mpc_blocks+=("$a") ;;
		state)
			[ "$d" != - ] || d=
			mpc_state_ids+=("$a")
			mpc_state_path[$a]=$b
			mpc_state_label[$a]=$c
			mpc_state_probes[$a]=$d
			for p in $d; do mpc_state_member[$p]=1; done ;;
		esac
	done < "$1"
}

# mpc_version_code RELEASE VAR: set VAR to major * 65536 + minor * 256 +
# min(patch, 255) of the release's leading "X.Y[.Z]", as the kernel's
# KERNEL_VERSION() does; to empty when the release does not start with a
# version. No subshell: the gate runs on every cached probe run too.
mpc_version_code() {
	local x y z
	printf -v "$2" '%s' ''
	[[ $1 =~ ^([0-9]+)\.([0-9]+)(\.([0-9]+))? ]] || return 0
	x=${BASH_REMATCH[1]} y=${BASH_REMATCH[2]} z=${BASH_REMATCH[4]:-0}
	[ "$z" -le 255 ] || z=255
	printf -v "$2" '%d' $((10#$x * 65536 + 10#$y * 256 + 10#$z))
}

# mpc_gate RELEASE KCONFIG: 0 when the package supports this kernel, else 77
# with the one-line reason in mpc_gate_reason. Every front end (configure,
# the Kbuild fragment, DKMS) reports this same reason.
mpc_gate() { # release kconfig
	local code min max sym
	mpc_gate_reason=''
	mpc_version_code "$1" code
	if [ -z "$code" ]; then
		mpc_gate_reason="kernel release '$1' does not start with a version number"
		return 77
	fi
	mpc_version_code "$mpc_gate_min" min
	if [ -n "$min" ] && [ "$code" -lt "$min" ]; then
		mpc_gate_reason="kernel $1 is older than $mpc_gate_min, the oldest kernel mmap-prepare-compat supports: not building for it"
		return 77
	fi
	if [ -n "$mpc_gate_max" ]; then
		mpc_version_code "$mpc_gate_max" max
		# any patch level of the newest supported series
		if [ $((code / 256)) -gt $((max / 256)) ]; then
			mpc_gate_reason="kernel $1 is newer than $mpc_gate_max, the newest kernel this version of mmap-prepare-compat supports: update mmap-prepare-compat"
			return 77
		fi
	fi
	for sym in $mpc_gate_config; do
		if [ -n "$2" ] && ! grep -q "^$sym=y" "$2" 2>/dev/null; then
			mpc_gate_reason="kernel $1 is built without $sym (its .config: $2), which mmap-prepare-compat needs: not building for it"
			return 77
		fi
	done
	return 0
}

# mpc_states_decide "PRESENT" HAVE_MMAP STRICT
#   PRESENT    the state probes that compiled (any order; other names are
#              ignored)
#   HAVE_MMAP  1 if file_operations still has .mmap
#   STRICT     1 to refuse an unknown combination even with .mmap
# Sets mpc_state (the matching id, or empty), mpc_path (native or compat),
# mpc_nearest, mpc_extra, mpc_lack (unknown: the nearest state and the
# probes beyond it and missing from it) and mpc_verdict: known, unknown
# (compat path, warn) or refused (error). Always returns 0.
mpc_states_decide() { # present have_mmap strict
	local -A have=()
	local p id d best='' bestd=999 extra lack
	for p in $1; do
		[ -z "${mpc_state_member[$p]:-}" ] || have[$p]=1
	done
	# shellcheck disable=SC2034
	{ mpc_state='' mpc_path=compat mpc_nearest='' mpc_extra='' mpc_lack='' mpc_verdict=''; }
	for id in "${mpc_state_ids[@]}"; do
		extra='' lack='' d=0
		for p in ${mpc_state_probes[$id]}; do
			[ -n "${have[$p]:-}" ] || { lack+="${lack:+ }$p"; d=$((d + 1)); }
		done
		# present beyond the state: all present minus those in it
		for p in "${!have[@]}"; do
			[[ " ${mpc_state_probes[$id]} " == *" $p "* ]] ||
				{ extra+="${extra:+ }$p"; d=$((d + 1)); }
		done
		if [ "$d" = 0 ]; then
			mpc_state=$id
			mpc_path=${mpc_state_path[$id]}
			mpc_verdict=known
			return 0
		fi
		# nearest: fewest differences, the newer state on a tie
		if [ "$d" -le "$bestd" ]; then
			bestd=$d best=$id
			mpc_extra=$extra mpc_lack=$lack
		fi
	done
	mpc_nearest=$best
	read -ra extra <<< "$mpc_extra"
	[ ${#extra[@]} = 0 ] || mpc_extra=$(printf '%s\n' "${extra[@]}" | sort | tr '\n' ' ')
	mpc_extra=${mpc_extra% }
	if [ "$2" = 1 ] && [ "$3" != 1 ]; then
		mpc_verdict=unknown
	else
		mpc_verdict=refused
	fi
	return 0
}
