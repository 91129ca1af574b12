// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_ops_mapped
 * Macro:    HAVE_VM_OPS_MAPPED
 * Since:    7.1
 * Summary:  ``vm_operations_struct.mapped``
 * Upstream: c50ca15dd496 ("mm: add vm_ops->mapped hook"), 7.1
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7
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
