#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# config/driver-license.sh DIR - is the driver whose sources are below DIR
# GPL-compatible, as modpost judges it? mmap-prepare-compat.mk asks in
# embedded mode: modpost refuses a GPL-only kernel symbol in a module whose
# MODULE_LICENSE is not GPL-compatible, so the layer embedded in such a
# driver is built without them.
#
# Reads the MODULE_LICENSE("...") lines of the *.c and *.h files below DIR
# (links followed; the fragment's own .mmap-prepare-compat/ left out) and
# prints one line:
#
#   y                   every license found is GPL-compatible
#   n FILE LICENSE      FILE declares LICENSE, which is not (the first such)
#   ?                   no MODULE_LICENSE with a string literal found
#
# GPL-compatible is the kernel's list (license_is_gpl_compatible() in
# include/linux/license.h and scripts/mod/modpost.c, the same since 2.6),
# compared exactly as they do.
set -euo pipefail

[ $# = 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=${1%/}

gpl_compatible() {
	case $1 in
	'GPL' | 'GPL v2' | 'GPL and additional rights' | 'Dual BSD/GPL' | \
	'Dual MIT/GPL' | 'Dual MPL/GPL') return 0 ;;
	esac
	return 1
}

found=0
while IFS= read -r line; do
	file=${line%%:MODULE_LICENSE(\"*}
	license=${line#"$file":MODULE_LICENSE(\"}
	license=${license%\")}
	found=1
	if ! gpl_compatible "$license"; then
		printf 'n %s %s\n' "${file#"$dir"/}" "$license"
		exit 0
	fi
done < <(grep -RHo --include='*.c' --include='*.h' \
		--exclude-dir=.mmap-prepare-compat \
		-E 'MODULE_LICENSE\("[^"]*"\)' "$dir" 2>/dev/null | LC_ALL=C sort)

if [ "$found" = 1 ]; then
	echo y
else
	echo '?'
fi
