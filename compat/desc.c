// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor <-> VMA conversion (7.3: compat_set_desc_from_vma() in mm/util.c
 * and compat_set_vma_from_desc() in mm/vma.h).
 */
#include "internal.h"

#if MMAP_PREPARE_COMPAT_EMULATED

/**
 * compat_set_desc_from_vma() - assign VMA descriptor @desc fields from a VMA
 * @desc: the VMA descriptor whose fields are set
 * @file: the file being mmap()'d (may differ from @vma->vm_file when stacked)
 * @vma: the VMA to read
 *
 * Zeroes @desc, fills the immutable and mutable fields from @vma and the
 * current vm_ops, and sets the action to MMAP_NOTHING, as 7.3 does. Stacked
 * callers pass the result to their inner mmap_prepare hook and then to
 * __compat_vma_mmap().
 */
void compat_set_desc_from_vma(struct vm_area_desc *desc,
			      const struct file *file,
			      const struct vm_area_struct *vma)
{
	memset(desc, 0, sizeof(*desc));

	desc->mm = vma->vm_mm;
	desc->file = (struct file *)file;
	desc->start = vma->vm_start;
	desc->end = vma->vm_end;

	desc->pgoff = vma->vm_pgoff;
	desc->vm_file = vma->vm_file;
	desc->vma_flags = legacy_to_vma_flags(vma->vm_flags);
	desc->page_prot = vma->vm_page_prot;
	desc->vm_ops = vma->vm_ops;

	/* Default. */
	desc->action.type = MMAP_NOTHING;
}
__MPC_EXPORT(compat_set_desc_from_vma);

struct file *__MPC_SYM(set_vma_from_desc)(struct vm_area_struct *vma,
					  struct vm_area_desc *desc,
					  bool take_file_ref)
{
	struct file *old_file = NULL;

	/* Mutable fields. Populated with initial state. */
	vma->vm_pgoff = desc->pgoff;
	if (desc->vm_file != vma->vm_file) {
		/*
		 * The direct mmap_prepare path takes over the reference the
		 * hook took on its new file; the stacking helpers take their
		 * own, as 7.3's vma_set_file() does. The old file's reference
		 * is dropped only once the mapping has succeeded: on failure
		 * the kernel's error path expects the original file back.
		 */
		if (take_file_ref)
			get_file(desc->vm_file);
		old_file = vma->vm_file;
		vma->vm_file = desc->vm_file;
	}
	__mpc_vma_update_flags(vma, vma_flags_to_legacy(desc->vma_flags));
	vma->vm_page_prot = desc->page_prot;

	/* User-defined fields. */
	vma->vm_ops = desc->vm_ops;
	vma->vm_private_data = desc->private_data;

	return old_file;
}

void __MPC_SYM(finish_vma_file)(struct vm_area_struct *vma,
				struct file *old_file, int err)
{
	struct file *new_file;

	if (!old_file)
		return;
	if (!err) {
		fput(old_file);
		return;
	}
	new_file = vma->vm_file;
	vma->vm_file = old_file;
	fput(new_file);
}

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
