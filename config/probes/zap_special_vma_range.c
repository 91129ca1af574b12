// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    zap_special_vma_range
 * Macro:    HAVE_ZAP_SPECIAL_VMA_RANGE
 * Since:    7.1
 * Summary:  ``zap_special_vma_range()`` (was ``zap_vma_ptes()``)
 * Upstream: 52a9e9cd181fa ("mm: rename zap_vma_ptes() to
 *           zap_special_vma_range()", David Hildenbrand), 7.1
 * Confirmed: find_string of the search tool: AMD's amdgpu DKMS probe
 *           AC_AMDGPU_ZAP_SPECIAL_VMA_RANGE cites it as
 *           v7.1-rc1-52a9e9cd181fa; the patch is 15/16 of the series posted
 *           to linux-mm on 2026-02-27; present in Debian's 7.3.4 source,
 *           absent from 6.12.117
 * Export:   zap_special_vma_range
 * Fallback: zap_vma_ptes() (both exported GPL-only; zap_vma_ptes() since 4.18)
 *
 * A building block, not part of the mmap_prepare API: a "block" line of
 * config/api-states.tsv, so it never decides the API state of a kernel.
 *
 * void zap_special_vma_range(struct vm_area_struct *, unsigned long address,
 * unsigned long size); the compat path clears a failed mapping's page
 * tables with it before ->close (compat/internal.h).
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_zap_special_vma_range(void)
{
	void (*fn)(struct vm_area_struct *, unsigned long, unsigned long) =
		zap_special_vma_range;

	(void)fn;
}
