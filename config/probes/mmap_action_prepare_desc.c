// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_prepare_desc
 * Macro:    HAVE_MMAP_ACTION_PREPARE_DESC
 * Since:    7.0.4
 * Summary:  ``int mmap_action_prepare(desc)``
 * Upstream: 3e4bb2706817 ("mm: various small mmap_prepare cleanups"),
 *           in 7.1; backported to 7.0.y (7.0.4) as a Stable-dep-of
 *           f96e1d5f15b7
 * Confirmed: find_string of the search tool: the commit list of the
 *           mm-stable-2026-04-13 merge for 7.1 (a posted shortlog) has it
 *           with this id, next to 3e4bb2706817 and f96e1d5f15b7
 * Export:   mmap_action_prepare
 * Fallback: prefixed compat mmap_action_prepare(desc)
 *
 * int mmap_action_prepare(struct vm_area_desc *), exported. 6.19 and
 * mainline 7.0 have void mmap_action_prepare(struct mmap_action *,
 * struct vm_area_desc *) instead (variants/mmap_action_prepare_legacy.c).
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_mmap_action_prepare_desc(void)
{
	int (*fn)(struct vm_area_desc *) = mmap_action_prepare;

	(void)fn;
}
