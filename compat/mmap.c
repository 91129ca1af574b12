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

/*
 * The VMAs that compat_vma_mmap() is mapping right now. The trampoline of a
 * file it calls finds its VMA here and takes the stacked path, as 7.3's
 * compat_vma_mmap() does. Entries live on the caller's stack; the counter
 * spares every other mmap() the lock.
 */
struct mpc_stacked_vma {
	struct list_head node;
	const struct vm_area_struct *vma;
};

static LIST_HEAD(mpc_stacked_vmas);
static DEFINE_SPINLOCK(mpc_stacked_lock);
static atomic_t mpc_nr_stacked = ATOMIC_INIT(0);

static bool mpc_vma_is_stacked(const struct vm_area_struct *vma)
{
	struct mpc_stacked_vma *entry;
	bool found = false;

	if (!atomic_read(&mpc_nr_stacked))
		return false;

	spin_lock(&mpc_stacked_lock);
	list_for_each_entry(entry, &mpc_stacked_vmas, node) {
		if (entry->vma == vma) {
			found = true;
			break;
		}
	}
	spin_unlock(&mpc_stacked_lock);
	return found;
}

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
	 * On failure 7.3's direct path unmaps the new VMA: do_munmap() clears
	 * its page tables, then calls its ->close. The kernel's .mmap error
	 * path clears them only after .mmap returns and never calls ->close
	 * (6.12+ even resets vm_ops first), so do both here, in 7.3's order:
	 * a ->close that frees what a PFN remap mapped must find no PTE left
	 * through which another thread could still reach it.
	 */
	if (err && !is_compat) {
		__mpc_zap_vma(vma);
		if (vma->vm_ops && vma->vm_ops->close)
			vma->vm_ops->close(vma);
	}
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
 * the ->mapped hook found in the table MMAP_PREPARE_COMPAT_NESTED() gave
 * @desc. error_override is not applied and ->close is not called, as in
 * 7.3's compat path; the kernel's caller of .mmap removes the mapping on
 * error.
 *
 * Return: 0 on success, a negative errno otherwise.
 */
int __compat_vma_mmap(struct vm_area_desc *desc, struct vm_area_struct *vma)
{
	/*
	 * Without a table a ->mapped hook of the installed vm_ops would be
	 * skipped in silence: say so once.
	 */
	if (!desc->action.__mpc_mapped && desc->vm_ops &&
	    desc->vm_ops != vma->vm_ops)
		pr_warn_once("mmap_prepare_compat: a stacked mmap_prepare hook installed %ps without MMAP_PREPARE_COMPAT_NESTED(): a ->mapped hook of it is not called\n",
			     desc->vm_ops);
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
 * calls the file's .mmap with @vma marked as stacked: the trampoline then
 * behaves as 7.3's compat_vma_mmap(), without error_override and without
 * ->close on failure. A file with a legacy .mmap gets that hook called as
 * is. A file whose only hook is a kernel-native mmap_prepare (6.16 - 7.1)
 * is mapped by the kernel's own helpers instead.
 *
 * Return: 0 on success, -ENODEV if @file cannot be mmap()'d this way, or the
 * error of the hook or its action.
 */
int compat_vma_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_stacked_vma entry = { .vma = vma };
	int err;

	if (!file->f_op->mmap)
		return -ENODEV;

	spin_lock(&mpc_stacked_lock);
	list_add(&entry.node, &mpc_stacked_vmas);
	atomic_inc(&mpc_nr_stacked);
	spin_unlock(&mpc_stacked_lock);

	err = file->f_op->mmap(file, vma);

	spin_lock(&mpc_stacked_lock);
	list_del(&entry.node);
	atomic_dec(&mpc_nr_stacked);
	spin_unlock(&mpc_stacked_lock);
	return err;
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
 * error is returned as is, an action or ->mapped failure clears the page
 * tables, calls ->close and is replaced by a non-zero error_override, and
 * the kernel removes the VMA on any error. Called by compat_vma_mmap(), it
 * behaves as 7.3's compat path instead (see __compat_vma_mmap()).
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

	/* Called by compat_vma_mmap(): 7.3's compat path. */
	if (mpc_vma_is_stacked(vma))
		return __compat_vma_mmap(&desc, vma);
	return __MPC_SYM(mmap_desc)(&desc, vma, false);
}
__MPC_EXPORT(__mpc_mmap_prepare_trampoline);

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
