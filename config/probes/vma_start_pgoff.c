// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_start_pgoff
 * Macro:    HAVE_VMA_START_PGOFF
 * Since:    7.3
 * Upstream: 7.3 split of the anonymous pgoff out of vm_area_struct
 *           (__vm_anon_pgoff_lo/hi) with the accessor vma_start_pgoff()
 *           moved to <linux/mm.h>; commit id unconfirmed
 * Export:   none
 * Fallback: vma->vm_pgoff
 *
 * pgoff_t vma_start_pgoff(const struct vm_area_struct *) in <linux/mm.h>.
 * Older kernels read vma->vm_pgoff.
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_vma_start_pgoff(void)
{
	pgoff_t (*fn)(const struct vm_area_struct *) = vma_start_pgoff;

	(void)fn;
}
