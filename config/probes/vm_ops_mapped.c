// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_ops_mapped
 * Macro:    HAVE_VM_OPS_MAPPED
 * Since:    7.1
 * Summary:  ``vm_operations_struct.mapped``
 * Upstream: c50ca15dd4 ("mm: add vm_ops->mapped hook"), 7.1
 * Confirmed: search tool: a mirror of linux.git lists the commit under
 *           tools/testing (abbreviated to 10 digits there)
 * Export:   none
 * Fallback: trampoline calls ->mapped from the VM_OPS_MAPPED_ENTRY table
 *
 * struct vm_operations_struct has
 * int (*mapped)(unsigned long start, unsigned long end, pgoff_t pgoff,
 *               const struct file *file, void **vm_private_data).
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_vm_ops_mapped(const struct vm_operations_struct *ops)
{
	int (*fn)(unsigned long, unsigned long, pgoff_t, const struct file *,
		  void **) = ops->mapped;

	(void)fn;
}
