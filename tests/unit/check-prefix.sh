#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-prefix.sh NM OBJECT PREFIX
#
# Every global symbol OBJECT (the compat layer, or an archive of it) defines
# must start with PREFIX, and every symbol it uses must be PREFIX-ed (one of
# its own) or part of the kernel API the stub kernel provides. Prints TAP-ish
# diagnostics; exit status 0 when clean.
set -u
nm_cmd=$1
obj=$2
prefix=$3

# Kernel (and compiler) symbols the compat layer may use.
allowed='^(remap_pfn_range|vm_insert_pages|get_file|fput|memset|memcpy|vm_flags_set|vm_flags_clear|vma_set_file|zap_vma_ptes|stub_locks_held|stub_warn_hit|stub_bug_hit|__stack_chk_fail|_GLOBAL_OFFSET_TABLE_)$'

defined=$($nm_cmd -g --defined-only "$obj" | awk 'NF >= 3 { print $3 }')
undefined=$($nm_cmd -u "$obj" | awk '$1 == "U" { print $2 }')
bad=0

if [ -z "$defined" ]; then
	echo "# $obj defines no global symbol" >&2
	exit 1
fi
for sym in $defined; do
	case $sym in
	"$prefix"*) ;;
	*)	echo "# $obj: global symbol without prefix $prefix: $sym"
		bad=1 ;;
	esac
done
for sym in $undefined; do
	case $sym in
	"$prefix"*) ;;
	*)	if ! echo "$sym" | grep -Eq "$allowed"; then
			echo "# $obj: uses unknown symbol $sym"
			bad=1
		fi ;;
	esac
done
[ $bad = 0 ] && echo "# $obj: $(echo "$defined" | wc -l) global symbols, all $prefix*"
exit $bad
