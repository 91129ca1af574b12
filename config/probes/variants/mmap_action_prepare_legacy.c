// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_prepare_legacy
 * Macro:    MPC_VARIANT_MMAP_ACTION_PREPARE_LEGACY
 * Since:    6.19
 * Summary:  ``void mmap_action_prepare(action, desc)``
 * Upstream: ac0a3fc9c07d ("mm: add ability to take further action in
 *           vm_area_desc"), 6.19; replaced in 7.1/7.0.4 by 3e4bb2706817
 *           ("mm: various small mmap_prepare cleanups")
 * Confirmed: find_string of the search tool: cited by id and subject in
 *           the Fixes: tags of the 2026 rmap-lock fixes on linux-mm
 * Export:   mmap_action_prepare
 * Fallback: none (variant probe: recognises the kernel API, selects nothing)
 * Kind:     variant
 *
 * void mmap_action_prepare(struct mmap_action *, struct vm_area_desc *):
 * the 6.19 / mainline 7.0 shape. Not a feature row: it lets the runner
 * recognise the 6.19/7.0 API positively instead of by elimination.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct mmap_action;
struct vm_area_desc;

static void __maybe_unused mpc_probe_mmap_action_prepare_legacy(void)
{
	void (*fn)(struct mmap_action *, struct vm_area_desc *) =
		mmap_action_prepare;

	(void)fn;
}
