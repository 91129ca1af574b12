// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_complete_vma_action
 * Macro:    MPC_VARIANT_MMAP_ACTION_COMPLETE_VMA_ACTION
 * Since:    7.0.4
 * Summary:  ``int mmap_action_complete(vma, action)``
 * Upstream: 3e4bb2706817 ("mm: various small mmap_prepare cleanups"),
 *           backported to 7.0.4; superseded in 7.0.13 by 619eab23e1ce
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7
 * Export:   mmap_action_complete
 * Fallback: none (variant probe: recognises the kernel API, selects nothing)
 * Kind:     variant
 *
 * int mmap_action_complete(struct vm_area_struct *, struct mmap_action *):
 * the 7.0.4 - 7.0.12 shape.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct mmap_action;

static void __maybe_unused mpc_probe_mmap_action_complete_vma_action(void)
{
	int (*fn)(struct vm_area_struct *, struct mmap_action *) =
		mmap_action_complete;

	(void)fn;
}
