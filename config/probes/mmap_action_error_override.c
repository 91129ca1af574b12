// SPDX-License-Identifier: GPL-2.0
/*
 * Probe:    mmap_action_error_override
 * Macro:    HAVE_MMAP_ACTION_ERROR_OVERRIDE
 * Since:    7.2
 * Upstream: "mm/vma: eliminate mmap_action->error_hook, introduce
 *           error_override" (v3 of "remove mmap_action success, error
 *           hooks", Lorenzo Stoakes, 2026-06-02); commit id unconfirmed
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
