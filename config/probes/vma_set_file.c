// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vma_set_file
 * Macro:    HAVE_VMA_SET_FILE
 * Since:    5.11
 * Upstream: "mm: introduce vma_set_file function v5" (Christian Koenig);
 *           commit id unconfirmed
 * Export:   vma_set_file
 * Fallback: get_file() and fput() on vma->vm_file
 *
 * void vma_set_file(struct vm_area_struct *, struct file *), exported
 * (absent in 5.10: fall back to get_file()/fput()).
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_vma_set_file(void)
{
	void (*fn)(struct vm_area_struct *, struct file *) = vma_set_file;

	(void)fn;
}
