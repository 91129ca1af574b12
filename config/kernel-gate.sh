#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-gate.sh - does mmap-prepare-compat support this kernel at all?
#
#   config/kernel-gate.sh [--quiet] RELEASE [KCONFIG]
#
# The gate of config/api-states.tsv (oldest and newest release, required
# Kconfig symbols), as config/probe-kernel.sh applies it before probing.
# dkms.conf runs it when DKMS reads the recipe, so a kernel the package
# does not support is skipped before any build starts. KCONFIG is the
# kernel's .config (default /lib/modules/RELEASE/build/.config; a missing
# file skips the Kconfig check, as DKMS's BUILD_EXCLUSIVE_CONFIG does).
#
# Exit status: 0 supported, 77 not supported (the reason on stderr, unless
# --quiet), 2 usage.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
quiet=0
if [ "${1:-}" = --quiet ] || [ "${1:-}" = -q ]; then
	quiet=1
	shift
fi
case ${1:-} in
''|-h|--help)
	sed -n '4,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2 ;;
esac
release=$1
kconfig=${2:-/lib/modules/$release/build/.config}
[ -f "$kconfig" ] || kconfig=''

# shellcheck source=lib/states.sh source-path=SCRIPTDIR
. "$here/lib/states.sh"
mpc_states_load "$here/api-states.tsv"
rc=0
mpc_gate "$release" "$kconfig" || rc=$?
if [ "$rc" != 0 ] && [ "$quiet" = 0 ]; then
	printf 'mmap-prepare-compat: %s\n' "$mpc_gate_reason" >&2
fi
exit "$rc"
