// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_complete_is_compat
 * Macro:    HAVE_MMAP_ACTION_COMPLETE_IS_COMPAT
 * Since:    7.0.13
 * Summary:  ``mmap_action_complete(vma, action, bool)``
 * Upstream: 619eab23e1ce ("mm/vma: do not try to unmap a VMA if
 *           mmap_prepare() invoked from mmap()"), in 7.1; in 7.0.y from
 *           7.0.13
 * Confirmed: from the 7.0-stable review posting of 15 May 2026; not looked up
 *           again with the search tool
 * Export:   mmap_action_complete
 * Fallback: prefixed compat mmap_action_complete()
 *
 * int mmap_action_complete(struct vm_area_struct *, struct mmap_action *,
 * bool is_compat), exported. Earlier shapes: variants/
 * mmap_action_complete_vma_action.c (7.0.4) and
 * mmap_action_complete_legacy.c (6.19, mainline 7.0).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct mmap_action;

static void __maybe_unused mpc_probe_mmap_action_complete_is_compat(void)
{
	int (*fn)(struct vm_area_struct *, struct mmap_action *, bool) =
		mmap_action_complete;

	(void)fn;
}
