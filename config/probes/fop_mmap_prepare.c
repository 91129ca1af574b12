// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    fop_mmap_prepare
 * Macro:    HAVE_FOP_MMAP_PREPARE
 * Since:    6.16
 * Summary:  ``file_operations.mmap_prepare``
 * Upstream: c84bf6dd2b83 ("mm: introduce new .mmap_prepare() file callback"), 6.16
 * Confirmed: cited by id and subject in later upstream commits (bb666b7c2707 and
 *           the 6.19 action series cover letter), found with the search tool
 * Export:   none
 * Fallback: .mmap trampoline calls the driver's mmap_prepare (MMAP_PREPARE_HOOK)
 *
 * struct file_operations has a member mmap_prepare of type
 * int (*)(struct vm_area_desc *).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static int __maybe_unused mpc_probe_fop_mmap_prepare_hook(struct vm_area_desc *desc)
{
	return 0;
}

static const struct file_operations mpc_probe_fop_mmap_prepare_fops __maybe_unused = {
	.mmap_prepare = mpc_probe_fop_mmap_prepare_hook,
};

static void __maybe_unused mpc_probe_fop_mmap_prepare(const struct file_operations *fops)
{
	int (*fn)(struct vm_area_desc *) = fops->mmap_prepare;

	(void)fn;
}
