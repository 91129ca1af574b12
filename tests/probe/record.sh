#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Record a compile log of the combined probe unit for tests/probe/run.sh.
#
#   tests/probe/record.sh NAME STATE "ABSENT_BLOCKS" KERNEL_OBJ
#
# Runs config/probe-kernel.sh on KERNEL_OBJ (in the current environment:
# use tests/lib/chroot.sh run SERIES -- ... for a release chroot), and
# writes tests/probe/logs/NAME.diag (the combined run's compiler output, with
# the probe directory, the build directory and the kernel tree replaced by
# @PROBES@, @BUILD@ and @KERNEL@) and NAME.meta: the API state of
# config/api-states.tsv the kernel is known to have and the building-block
# probes it is known to lack, which is what run.sh expects the log to say.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# = 4 ] || { sed -n '4,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
name=$1 state=$2 absent=$3 kobj=$(cd "$4" && pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$repo/config/probe-kernel.sh" --kernel-obj "$kobj" --out "$tmp/config.h" \
	--no-cache --keep --quiet 2>"$tmp/err" || true
bdir=$(sed -n 's/.*build directory kept: //p' "$tmp/err")
[ -f "$bdir/combined.log" ] || { cat "$tmp/err" >&2; exit 1; }
sed -e "s|$repo/config/probes|@PROBES@|g" -e "s|$bdir|@BUILD@|g" \
	-e "s|$kobj|@KERNEL@|g" "$bdir/combined.log" >"$here/logs/$name.diag"
{
	echo "state=$state"
	echo "absent_blocks=$absent"
	echo "compiler=$(sed -n 's/^ \* Compiler: //p' "$tmp/config.h")"
	echo "kernel=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_CONFIG_RELEASE "\(.*\)"/\1/p' "$tmp/config.h")"
} >"$here/logs/$name.meta"
rm -rf "$bdir"
