// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_simple_ioremap
 * Macro:    HAVE_MMAP_ACTION_SIMPLE_IOREMAP
 * Since:    7.1
 * Summary:  ``MMAP_SIMPLE_IO_REMAP`` + helper
 * Upstream: a1b7fb40cb71 ("mm: add mmap_action_simple_ioremap()"), 7.1
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7
 * Export:   none
 * Fallback: compat action, checked as vm_iomap_memory() checks, completed with remap_pfn_range()
 *
 * enum mmap_action_type has MMAP_SIMPLE_IO_REMAP and
 * void mmap_action_simple_ioremap(desc, phys_addr_t, unsigned long) exists.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_mmap_action_simple_ioremap(void)
{
	enum mmap_action_type type = MMAP_SIMPLE_IO_REMAP;
	void (*fn)(struct vm_area_desc *, phys_addr_t, unsigned long) =
		mmap_action_simple_ioremap;

	(void)type;
	(void)fn;
}
