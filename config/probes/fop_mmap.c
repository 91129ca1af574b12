// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    fop_mmap
 * Macro:    HAVE_FOP_MMAP
 * Since:    2.6.12
 * Summary:  ``file_operations.mmap`` (the compat path's entry point)
 * Upstream: 1da177e4c3f4 ("Linux-2.6.12-rc2"), the first commit of the
 *           kernel's git history; the member is older
 * Confirmed: read in the Linux 6.1 and 7.3 sources, as in every
 *           kernel the matrix builds
 * Export:   none
 * Fallback: none: without .mmap there is no compat path; a kernel that
 *           also matches no known API state is refused
 *
 * struct file_operations has int (*mmap)(struct file *,
 * struct vm_area_struct *). Read by the runner only: it decides what an
 * unknown API combination gets (see config/api-states.tsv).
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_fop_mmap(const struct file_operations *fops)
{
	int (*fn)(struct file *, struct vm_area_struct *) = fops->mmap;

	(void)fn;
}
