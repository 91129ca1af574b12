// SPDX-License-Identifier: GPL-2.0
/*
 * The .mmap trampoline behind MMAP_PREPARE_HOOK() and the stacking helpers
 * (7.3: compat_vma_mmap() and __compat_vma_mmap() in mm/util.c,
 * call_mmap_prepare() in mm/vma.c). One sequence serves all of them:
 * descriptor from the VMA, the driver's hook, action prepare, descriptor
 * applied to the VMA, action complete, ->mapped.
 */
#include "internal.h"

#if MMAP_PREPARE_COMPAT_EMULATED

int __MPC_SYM(mmap_desc)(struct vm_area_desc *desc, struct vm_area_struct *vma,
			 bool is_compat)
{
	struct file *old_file;
	int err;

	/* Perform any preparatory tasks for mmap action. */
	err = mmap_action_prepare(desc);
	if (err) {
		/* The direct path owns the reference of a replaced file. */
		if (!is_compat && desc->vm_file != vma->vm_file)
			fput(desc->vm_file);
		return err;
	}
	/* Update the VMA from the descriptor. */
	old_file = __MPC_SYM(set_vma_from_desc)(vma, desc, is_compat);
	/* Complete any specified mmap actions, then ->mapped. */
	err = mmap_action_complete(vma, &desc->action, is_compat);
	/*
	 * On failure 7.3's direct path unmaps the new VMA, which calls its
	 * ->close. The kernel's .mmap error path never does (6.12+ even
	 * resets vm_ops first), so do it here for the same driver-visible
	 * sequence on every kernel.
	 */
	if (err && !is_compat && vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	__MPC_SYM(finish_vma_file)(vma, old_file, err);
	return err;
}

/**
 * __compat_vma_mmap() - apply a prepared VMA descriptor to a VMA
 * @desc: a descriptor from compat_set_desc_from_vma() on which an
 *	mmap_prepare hook has already run
 * @vma: the VMA to which @desc is applied
 *
 * For a driver whose .mmap hook calls a nested mmap_prepare hook: validates
 * the action, applies the descriptor to @vma, performs the action and calls
 * the ->mapped hook. error_override is not applied, as in 7.3's compat path;
 * the kernel's caller of .mmap removes the mapping on error.
 *
 * Return: 0 on success, a negative errno otherwise.
 */
int __compat_vma_mmap(struct vm_area_desc *desc, struct vm_area_struct *vma)
{
	desc->action.hide_from_rmap_until_complete = false;
	return __MPC_SYM(mmap_desc)(desc, vma, true);
}
__MPC_EXPORT(__compat_vma_mmap);

/**
 * compat_vma_mmap() - apply a file's mmap_prepare hook to an existing VMA
 * @file: the file whose mmap_prepare hook is applied
 * @vma: the VMA, as the kernel passed it to the caller's .mmap hook
 *
 * For stacked drivers that map an underlying file from their own .mmap hook.
 * On the compat path a file using this package reaches its mmap_prepare hook
 * through the .mmap trampoline that MMAP_PREPARE_HOOK() installed, so this
 * calls the file's .mmap. A file whose only hook is a kernel-native
 * mmap_prepare (6.16+) is mapped by the kernel's own helpers instead.
 *
 * Return: 0 on success, -ENODEV if @file cannot be mmap()'d this way, or the
 * error of the hook.
 */
int compat_vma_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!file->f_op->mmap)
		return -ENODEV;

	return file->f_op->mmap(file, vma);
}
__MPC_EXPORT(compat_vma_mmap);

/**
 * __mpc_mmap_prepare_trampoline() - the .mmap hook that runs an mmap_prepare hook
 * @file: the file being mmap()'d
 * @vma: the VMA the kernel set up for it
 * @mmap_prepare: the driver's mmap_prepare hook
 * @mapped: the ->mapped hooks of the operations @mmap_prepare may install
 * @nr_mapped: the number of entries in @mapped
 *
 * Called through the function MMAP_PREPARE_COMPAT_TRAMPOLINE() defines; not
 * for direct use. Behaves as 7.3's direct mmap_prepare path: the hook's
 * error is returned as is, an action or ->mapped failure is replaced by a
 * non-zero error_override, and the kernel removes the VMA on any error.
 *
 * Return: 0 on success, a negative errno otherwise.
 */
int __mpc_mmap_prepare_trampoline(struct file *file, struct vm_area_struct *vma,
				  int (*mmap_prepare)(struct vm_area_desc *),
				  const struct __mpc_mapped_entry *mapped,
				  unsigned int nr_mapped)
{
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	desc.action.__mpc_mapped = mapped;
	desc.action.__mpc_nr_mapped = nr_mapped;

	err = mmap_prepare(&desc);
	if (err)
		return err;

	return __MPC_SYM(mmap_desc)(&desc, vma, false);
}
__MPC_EXPORT(__mpc_mmap_prepare_trampoline);

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
