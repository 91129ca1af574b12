// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_error_override
 * Macro:    HAVE_MMAP_ACTION_ERROR_OVERRIDE
 * Since:    7.2
 * Summary:  ``mmap_action.error_override``
 * Upstream: 4f5b8759262e ("mm/vma: eliminate mmap_action->error_hook, introduce
 *           error_override"), in 7.2-rc1
 * Confirmed: search tool: the commit feed of tools/testing/vma/include at
 *           v7.2-rc1 in a mirror of linux.git lists it with this id
 * Export:   none
 * Fallback: compat field, applied by the trampoline to action and ->mapped errors
 *
 * struct mmap_action has int error_override.
 */
#include <linux/fs.h>
#include <linux/mm.h>

struct vm_area_desc;

static void __maybe_unused mpc_probe_mmap_action_error_override(struct vm_area_desc *desc)
{
	int *override = &desc->action.error_override;

	*override = -EAGAIN;
}
