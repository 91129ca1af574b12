// SPDX-License-Identifier: GPL-2.0
/*
 * Sanity probe: must compile on every supported kernel. It uses only what
 * every kernel since 5.10 has, through the same headers as the feature
 * probes, so a failure here means the kernel tree, the compiler or the
 * probe flags are broken, never that a feature is missing. It does not use
 * file_operations.mmap: whether a kernel still has that is the fop_mmap
 * probe's question.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>

static int __maybe_unused mpc_probe_sanity_mmap(struct file *file,
						struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 0,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations mpc_probe_sanity_fops __maybe_unused = {
	.owner	= THIS_MODULE,
	.open	= nonseekable_open,
};
