// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_complete_legacy
 * Macro:    MPC_VARIANT_MMAP_ACTION_COMPLETE_LEGACY
 * Since:    6.19
 * Summary:  ``int mmap_action_complete(action, vma)``
 * Upstream: ac0a3fc9c07d ("mm: add ability to take further action in
 *           vm_area_desc"), 6.19
 * Confirmed: find_string of the search tool: cited by id and subject in
 *           the Fixes: tags of the 2026 rmap-lock fixes on linux-mm
 * Export:   mmap_action_complete
 * Fallback: none (variant probe: recognises the kernel API, selects nothing)
 * Kind:     variant
 *
 * int mmap_action_complete(struct mmap_action *, struct vm_area_struct *):
 * the 6.19 / mainline 7.0 shape.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct mmap_action;

static void __maybe_unused mpc_probe_mmap_action_complete_legacy(void)
{
	int (*fn)(struct mmap_action *, struct vm_area_struct *) =
		mmap_action_complete;

	(void)fn;
}
