// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    zap_special_vma_range
 * Macro:    HAVE_ZAP_SPECIAL_VMA_RANGE
 * Since:    7.1 (present in 7.3.4, absent in 6.12.117)
 * Upstream: "mm: rename zap_vma_ptes() to zap_special_vma_range()" (David
 *           Hildenbrand, series of 2026-02-27, patch 15/16); mainline
 *           52a9e9cd181fa as AMD's amdgpu DKMS probe names it (git describe
 *           v7.1-rc1); its patch 16/16 adds VM_MIXEDMAP
 * Export:   zap_special_vma_range
 * Fallback: zap_vma_ptes() (both exported GPL-only; zap_vma_ptes() since 4.18)
 *
 * A building block, not part of the mmap_prepare API: config/probes/blocks/
 * holds such probes, which never decide the API state of a kernel.
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
