// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_flags_set
 * Macro:    HAVE_VM_FLAGS_SET
 * Since:    6.3
 * Summary:  ``vm_flags_set()``/``vm_flags_clear()``
 * Upstream: bc292ab00f6c ("mm: introduce vma->vm_flags wrapper functions",
 *           Suren Baghdasaryan), 6.3
 * Confirmed: find_string of the search tool: cited by id and subject on
 *           linux-mm (Andrew Morton, 6.3-rc1 build reports) and in a
 *           shortlog of v6.3
 * Export:   none
 * Fallback: direct assignment of vma->vm_flags
 *
 * static inline vm_flags_set()/vm_flags_clear() taking (vma, vm_flags_t);
 * before 6.3 vma->vm_flags is assigned directly.
 */
#include <linux/fs.h>
#include <linux/mm.h>

static void __maybe_unused mpc_probe_vm_flags_set(void)
{
	void (*set)(struct vm_area_struct *, vm_flags_t) = vm_flags_set;
	void (*clear)(struct vm_area_struct *, vm_flags_t) = vm_flags_clear;

	(void)set;
	(void)clear;
}
