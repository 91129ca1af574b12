// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    vm_area_desc_action
 * Macro:    HAVE_VM_AREA_DESC_ACTION
 * Since:    6.19
 * Summary:  ``vm_area_desc.action``
 * Upstream: ac0a3fc9c07d ("mm: add ability to take further action in
 *           vm_area_desc"), 6.19
 * Confirmed: find_string of the search tool: cited by id and subject in
 *           the Fixes: tags of the 2026 rmap-lock fixes on linux-mm
 * Export:   none
 * Fallback: compat struct mmap_action, run by the trampoline after the hook
 *
 * struct vm_area_desc has a member action of type struct mmap_action, and
 * enum mmap_action_type has MMAP_NOTHING and MMAP_REMAP_PFN.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_vm_area_desc_action(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	enum mmap_action_type type = MMAP_REMAP_PFN;

	action->type = type;
	action->type = MMAP_NOTHING;
}
