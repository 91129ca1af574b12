#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Embedded mode for drivers of every licence. A driver whose MODULE_LICENSE
# is not GPL-compatible gets the compat layer without GPL-only kernel
# symbols (mmap-prepare-compat.mk, MMAP_PREPARE_COMPAT_GPL):
#
#   * an MIT driver using kernel pages and no action builds, passes modpost
#     and imports no GPL-only symbol (checked with nm against the kernel's
#     Module.symvers); the fragment says once why;
#   * an MIT driver calling the five PFN remap helpers fails to compile, one
#     message per helper naming the GPL-only symbol and shared mode;
#   * the GPL sample (samples/acme) builds as before, without the define;
#   * MMAP_PREPARE_COMPAT_GPL wins both ways: a GPL driver forced to n gets
#     the helpers refused, an MIT driver forced to y is refused by modpost.
#
# On a kernel with the native API (7.2+) the same cases run on the compat
# path (MMAP_PREPARE_COMPAT_FORCE_COMPAT=1), and the MIT drivers also build
# natively. Runs on the host's headers and in the chroot of every series of
# MPC_THIRDPARTY_LICENSE_SERIES (default: all amd64 series of the matrix).
#
#   tests/thirdparty/license.sh [--host-only]
#   tests/thirdparty/license.sh --one KDIR LABEL    (internal: one kernel)

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/tap.sh
. "$repo/tests/lib/tap.sh"

# write_driver DIR LICENSE KIND: a one-module driver embedding the layer;
# KIND pages (kernel pages and no action) or remap (every PFN remap helper).
write_driver() {
	local dir=$1 license=$2 kind=$3
	mkdir -p "$dir"
	cat >"$dir/Kbuild" <<-'EOF'
	MMAP_PREPARE_COMPAT_MODE := embedded
	MMAP_PREPARE_COMPAT_PREFIX := lic_mpc_
	include $(MMAP_PREPARE_COMPAT_DIR)/mmap-prepare-compat.mk
	obj-m += lic.o
	lic-y := lic_main.o $(MMAP_PREPARE_COMPAT_OBJS)
	EOF
	{
		cat <<-'EOF'
		#include <linux/fs.h>
		#include <linux/gfp.h>
		#include <linux/miscdevice.h>
		#include <linux/mm.h>
		#include <linux/module.h>
		#include <linux/mmap_prepare_compat.h>

		#define LIC_PAGES	4
		static struct page *lic_pages[LIC_PAGES];
		EOF
		case $kind in
		pages) cat <<-'EOF'

		static int lic_mapped(unsigned long start, unsigned long end,
				      pgoff_t pgoff, const struct file *file,
				      void **vm_private_data)
		{
			return 0;
		}

		static const struct vm_operations_struct lic_vm_ops = {
			MMAP_PREPARE_MAPPED(lic_mapped)
		};

		static int lic_prepare(struct vm_area_desc *desc)
		{
			if (desc->pgoff >= LIC_PAGES ||
			    vma_desc_pages(desc) > LIC_PAGES - desc->pgoff)
				return -EINVAL;
			desc->vm_ops = &lic_vm_ops;
			if (desc->pgoff == 1) {
				/* no action: nothing mapped before a fault */
				vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);
				return 0;
			}
			mmap_action_map_kernel_pages_full(desc, &lic_pages[desc->pgoff]);
			return 0;
		}

		MMAP_PREPARE_COMPAT_TRAMPOLINE(lic_prepare,
					       MMAP_PREPARE_MAPPED_ENTRY(&lic_vm_ops, lic_mapped));
		EOF
		;;
		remap) cat <<-'EOF'

		static int lic_prepare(struct vm_area_desc *desc)
		{
			unsigned long pfn = page_to_pfn(lic_pages[0]);

			switch (desc->pgoff) {
			case 0:
				mmap_action_remap(desc, desc->start, pfn, PAGE_SIZE);
				break;
			case 1:
				mmap_action_remap_full(desc, pfn);
				break;
			case 2:
				mmap_action_ioremap(desc, desc->start, pfn, PAGE_SIZE);
				break;
			case 3:
				mmap_action_ioremap_full(desc, pfn);
				break;
			default:
				mmap_action_simple_ioremap(desc, PFN_PHYS(pfn), PAGE_SIZE);
				break;
			}
			return 0;
		}

		MMAP_PREPARE_COMPAT_TRAMPOLINE(lic_prepare);
		EOF
		;;
		esac
		cat <<-'EOF'

		static const struct file_operations lic_fops = {
			.owner = THIS_MODULE,
			MMAP_PREPARE_HOOK(lic_prepare),
		};

		static struct miscdevice lic_misc = {
			.minor = MISC_DYNAMIC_MINOR,
			.name = "lic",
			.fops = &lic_fops,
		};

		static int __init lic_init(void)
		{
			int i;

			for (i = 0; i < LIC_PAGES; i++) {
				lic_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
				if (!lic_pages[i])
					goto fail;
			}
			if (!misc_register(&lic_misc))
				return 0;
		fail:
			while (i--)
				__free_page(lic_pages[i]);
			return -ENOMEM;
		}
		module_init(lic_init);

		static void __exit lic_exit(void)
		{
			int i;

			misc_deregister(&lic_misc);
			for (i = 0; i < LIC_PAGES; i++)
				__free_page(lic_pages[i]);
		}
		module_exit(lic_exit);

		MODULE_DESCRIPTION("mmap-prepare-compat licence test driver");
		EOF
		printf 'MODULE_LICENSE("%s");\n' "$license"
	} >"$dir/lic_main.c"
}

# gpl_imports KO KDIR: the GPL-only kernel symbols KO imports.
gpl_imports() {
	comm -12 <(nm -u "$1" | awk '{ print $2 }' | sort -u) \
		 <(awk '$4 == "EXPORT_SYMBOL_GPL" { print $2 }' "$2/Module.symvers" | sort -u)
}

# ------------------------------------------------------------ one kernel
one() { # kdir label
	local kdir=$1 label=$2 work rel native dir pfx force=()
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-license.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" RETURN
	rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
	local -a kflags
	read -r -a kflags < <(bash "$repo/config/kbuild-flags.sh" "$kdir") || true

	# build NAME [VAR=VALUE]...: make the driver in $work/NAME; log in
	# $work/NAME.log; status of make
	build() {
		local name=$1
		shift
		make -C "$kdir" M="$work/$name" "${kflags[@]}" \
			MMAP_PREPARE_COMPAT_DIR="$repo" "$@" modules >"$work/$name.log" 2>&1
	}
	logtail() { tail -n 25 "$work/$1.log"; }

	# An MIT driver: kernel pages and no action work embedded. Its first
	# build also tells whether the kernel has the native API.
	write_driver "$work/mit" MIT pages
	build mit || true
	native=$(sed -n 's/^#define MMAP_PREPARE_COMPAT_NATIVE \([01]\).*/\1/p' \
		"$work/mit/.mmap-prepare-compat/$rel/mmap_prepare_compat_config.h" 2>/dev/null || true)
	tap_note "$label: kernel $rel, native=${native:-?}"
	pfx=$label
	if [ "$native" = 1 ]; then
		# The native API: nothing of the layer is compiled in, so the
		# licence does not matter. Then the same cases on the compat path.
		if [ -f "$work/mit/lic.ko" ] && [ -z "$(gpl_imports "$work/mit/lic.ko" "$kdir")" ]; then
			tap_ok "$label: MIT driver, kernel pages, native API: builds without GPL-only imports"
		else
			tap_fail "$label: MIT driver, kernel pages, native API: builds without GPL-only imports" "$(logtail mit)"
		fi
		write_driver "$work/remap-native" MIT remap
		if build remap-native && [ -f "$work/remap-native/lic.ko" ]; then
			tap_ok "$label: MIT driver, PFN remap helpers, native API: builds"
		else
			tap_fail "$label: MIT driver, PFN remap helpers, native API: builds" "$(logtail remap-native)"
		fi
		force=(MMAP_PREPARE_COMPAT_FORCE_COMPAT=1)
		pfx="$label (compat path forced)"
		rm -rf "$work/mit"
		write_driver "$work/mit" MIT pages
		build mit "${force[@]}" || true
	fi
	dir=$work/mit
	if [ -f "$dir/lic.ko" ]; then
		tap_ok "$pfx: MIT driver, kernel pages, embedded: builds and passes modpost"
		local gpl
		gpl=$(gpl_imports "$dir/lic.ko" "$kdir")
		if [ -z "$gpl" ]; then
			tap_ok "$pfx: MIT driver, embedded: no GPL-only import (nm, Module.symvers)"
		else
			tap_fail "$pfx: MIT driver, embedded: no GPL-only import (nm, Module.symvers)" "$gpl"
		fi
		tap_check "$pfx: MIT driver, embedded: the layer is in (lic_mpc_ symbols), built with MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS" \
			bash -c "nm '$dir/lic.ko' | grep -q ' lic_mpc_' &&
				 grep -q MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS '$dir/.mmap-prepare-compat/.mmap_prepare_compat_all.o.cmd'"
	else
		tap_fail "$pfx: MIT driver, kernel pages, embedded: builds and passes modpost" "$(logtail mit)"
	fi
	if [ "$(grep -c '^mmap-prepare-compat.mk: lic_main.c declares MODULE_LICENSE("MIT"), which is not GPL-compatible: the embedded compat layer is built without GPL-only kernel symbols' "$work/mit.log")" = 1 ]; then
		tap_ok "$pfx: MIT driver: the fragment says once what it chose and why"
	else
		tap_fail "$pfx: MIT driver: the fragment says once what it chose and why" \
			"$(grep 'mmap-prepare-compat' "$work/mit.log" || echo '(no line)')"
	fi

	# remap_refused NAME WHAT: NAME's build stopped at each PFN remap
	# helper with the message
	remap_refused() {
		local name=$1 what=$2 h missing=()
		for h in mmap_action_remap mmap_action_remap_full mmap_action_ioremap \
			 mmap_action_ioremap_full mmap_action_simple_ioremap; do
			grep -q "error: .*: $h() needs zap_\(vma_ptes\|special_vma_range\)()[, ].*exports GPL-only.*build it in shared mode" \
				"$work/$name.log" || missing+=("$h")
		done
		if [ ! -e "$work/$name/lic.ko" ] && [ ${#missing[@]} = 0 ] &&
		   grep -q "mmap_action_ioremap() needs zap_[a-z_]*() and pgprot_decrypted()" "$work/$name.log"; then
			tap_ok "$what"
		else
			tap_fail "$what" "no message for: ${missing[*]:-(all there, but a module was built)}
$(grep -m 3 'error:' "$work/$name.log" || logtail "$name")"
		fi
	}

	# An MIT driver calling the PFN remap helpers: refused at compile time.
	write_driver "$work/mit-remap" MIT remap
	build mit-remap "${force[@]}" || true
	remap_refused mit-remap "$pfx: MIT driver calling the 5 PFN remap helpers: compile error naming the GPL-only symbol and shared mode"

	# The GPL sample as before: remap works, no define, no message.
	dir=$work/gpl
	cp -r "$repo/samples/acme" "$dir"
	if build gpl ACME_MODE=embedded "${force[@]}" && [ -f "$dir/acme_mmap.ko" ] &&
	   ! grep -q 'mmap-prepare-compat.mk:' "$work/gpl.log" &&
	   [ -f "$dir/.mmap-prepare-compat/.mmap_prepare_compat_all.o.cmd" ] &&
	   ! grep -q NO_GPL_SYMBOLS "$dir/.acme_main.o.cmd" "$dir/.mmap-prepare-compat/.mmap_prepare_compat_all.o.cmd"; then
		tap_ok "$pfx: GPL driver (samples/acme), embedded: builds as before, no licence message or define"
	else
		tap_fail "$pfx: GPL driver (samples/acme), embedded: builds as before, no licence message or define" "$(logtail gpl)"
	fi

	# The override, both ways.
	write_driver "$work/gpl-n" GPL remap
	build gpl-n MMAP_PREPARE_COMPAT_GPL=n "${force[@]}" || true
	remap_refused gpl-n "$pfx: GPL driver with MMAP_PREPARE_COMPAT_GPL=n: PFN remap helpers refused"
	if grep -q '^mmap-prepare-compat.mk: MMAP_PREPARE_COMPAT_GPL=n: the embedded compat layer' "$work/gpl-n.log"; then
		tap_ok "$pfx: MMAP_PREPARE_COMPAT_GPL=n: the fragment says so"
	else
		tap_fail "$pfx: MMAP_PREPARE_COMPAT_GPL=n: the fragment says so" "$(logtail gpl-n)"
	fi
	write_driver "$work/mit-y" MIT pages
	if ! build mit-y MMAP_PREPARE_COMPAT_GPL=y "${force[@]}" &&
	   grep -q "GPL-incompatible module \(lic.ko \)\?uses GPL-only symbol 'zap_\(vma_ptes\|special_vma_range\)'" "$work/mit-y.log"; then
		tap_ok "$pfx: MIT driver with MMAP_PREPARE_COMPAT_GPL=y: modpost refuses it (override honoured)"
	else
		tap_fail "$pfx: MIT driver with MMAP_PREPARE_COMPAT_GPL=y: modpost refuses it (override honoured)" "$(logtail mit-y)"
	fi
	write_driver "$work/bad" MIT pages
	if ! build bad MMAP_PREPARE_COMPAT_GPL=maybe &&
	   grep -q "MMAP_PREPARE_COMPAT_GPL must be y .* or n .*, not 'maybe'" "$work/bad.log"; then
		tap_ok "$label: MMAP_PREPARE_COMPAT_GPL=maybe is refused with a message"
	else
		tap_fail "$label: MMAP_PREPARE_COMPAT_GPL=maybe is refused with a message" "$(logtail bad)"
	fi
}

# ------------------------------------------------------------ the scanner
scanner() {
	local work
	work=$(mktemp -d "${TMPDIR:-/tmp}/mpc-license-scan.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$work'" RETURN
	scan_is() { # what expected files: NAME=LICENSE...
		local what=$1 want=$2 d f got
		shift 2
		d=$work/$(printf '%s' "$what" | tr -c 'a-zA-Z0-9' _)
		mkdir -p "$d"
		for f in "$@"; do
			mkdir -p "$(dirname "$d/${f%%=*}")"
			printf 'MODULE_LICENSE("%s");\n' "${f#*=}" >"$d/${f%%=*}"
		done
		got=$(bash "$repo/config/driver-license.sh" "$d")
		if [ "$got" = "$want" ]; then
			tap_ok "driver-license.sh: $what: $want"
		else
			tap_fail "driver-license.sh: $what: $want" "got: $got"
		fi
	}
	local l
	for l in 'GPL' 'GPL v2' 'GPL and additional rights' 'Dual BSD/GPL' 'Dual MIT/GPL' 'Dual MPL/GPL'; do
		scan_is "the kernel's GPL-compatible \"$l\"" y "main.c=$l"
	done
	scan_is 'MIT' 'n main.c MIT' main.c=MIT
	scan_is 'Dual BSD/GPL and a Proprietary file below' 'n sub/b.h Proprietary' \
		a.c='Dual BSD/GPL' sub/b.h=Proprietary
	scan_is 'case matters, as to modpost' 'n main.c gpl' main.c=gpl
	scan_is 'the fragment'"'"'s own directory is left out' y \
		main.c=GPL .mmap-prepare-compat/x.c=MIT
	mkdir -p "$work/macro"
	echo 'MODULE_LICENSE(DRV_LICENSE);' >"$work/macro/m.c"
	tap_check "driver-license.sh: no literal licence: ?" \
		test "$(bash "$repo/config/driver-license.sh" "$work/macro")" = '?'
	mkdir -p "$work/link"
	ln -s ../MIT/main.c "$work/link/main.c"
	tap_check "driver-license.sh: a linked source counts" \
		test "$(bash "$repo/config/driver-license.sh" "$work/link")" = 'n main.c MIT'
}

if [ "${1:-}" = --one ]; then
	[ $# = 3 ] || { echo "usage: $0 --one KDIR LABEL" >&2; exit 2; }
	one "$2" "$3"
	exit 0
fi

# ------------------------------------------------------------ driver
host_only=0
[ "${1:-}" = --host-only ] && host_only=1
out=$(mktemp)
trap 'rm -f "$out"' EXIT

scanner | tee "$out"
host_kdir=${MPC_HOST_KDIR:-}
if [ -z "$host_kdir" ]; then
	if [ -d "/lib/modules/$(uname -r)/build/include/generated" ]; then
		host_kdir=/lib/modules/$(uname -r)/build
	else
		host_kdir=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1 || true)
	fi
fi
if [ -n "$host_kdir" ]; then
	"$0" --one "$host_kdir" "host $(basename "$(dirname "$host_kdir")")" | tee -a "$out"
fi
if [ "$host_only" = 0 ]; then
	"$repo/tests/lib/each-series.sh" \
		"${MPC_THIRDPARTY_LICENSE_SERIES:-$("$repo/tests/lib/chroot.sh" list amd64 | xargs)}" -- \
		bash "$repo/tests/thirdparty/license.sh" --one @KDIR@ @SERIES@ | tee -a "$out"
fi

tap_tally "$out"
