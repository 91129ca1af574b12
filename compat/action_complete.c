// SPDX-License-Identifier: GPL-2.0
/*
 * Completion of an mmap action on the VMA, then ->mapped (7.3:
 * mmap_action_complete() and mmap_action_finish() in mm/util.c). The work is
 * done with the building blocks every kernel since 5.10 exports:
 * remap_pfn_range() and vm_insert_pages().
 */
#include "internal.h"

#if MMAP_PREPARE_COMPAT_EMULATED

/* Without GPL-only symbols no PFN remap gets here (see action_prepare.c). */
#ifndef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
static int mpc_remap_pfn_range_complete(struct vm_area_struct *vma,
					struct mmap_action *action)
{
	const unsigned long start = action->remap.start;
	const unsigned long size = action->remap.size;

	if (WARN_ON_ONCE(!PAGE_ALIGNED(start)))
		return -EINVAL;
	/*
	 * 7.3 BUG()s on an empty or wrapping range in remap_pfn_range(); old
	 * kernels do the same. Refuse it instead: bad input never oopses. An
	 * end at or below the start is either (PAGE_ALIGN() of a size within
	 * a page of ULONG_MAX is 0).
	 */
	if (WARN_ON_ONCE(start + PAGE_ALIGN(size) <= start))
		return -EINVAL;

	return remap_pfn_range(vma, start, action->remap.start_pfn, size,
			       action->remap.pgprot);
}
#endif

static int mpc_map_kernel_pages_complete(struct vm_area_struct *vma,
					 struct mmap_action *action)
{
	unsigned long nr_pages = action->map_kernel.nr_pages;

	return vm_insert_pages(vma, action->map_kernel.start,
			       action->map_kernel.pages, &nr_pages);
}

/* The ->mapped hook of the VMA's operations, from the trampoline's table. */
static int mpc_call_vma_mapped(struct vm_area_struct *vma,
			       const struct mmap_action *action)
{
	const struct vm_operations_struct *vm_ops = vma->vm_ops;
	void *vm_private_data = vma->vm_private_data;
	unsigned int i;
	int err;

	if (!vm_ops)
		return 0;

	for (i = 0; i < action->__mpc_nr_mapped; i++) {
		const struct __mpc_mapped_entry *entry = &action->__mpc_mapped[i];

		if (entry->vm_ops != vm_ops || !entry->mapped)
			continue;

		err = entry->mapped(vma->vm_start, vma->vm_end, vma->vm_pgoff,
				    vma->vm_file, &vm_private_data);
		if (err)
			return err;

		if (vm_private_data != vma->vm_private_data)
			vma->vm_private_data = vm_private_data;
		return 0;
	}
	return 0;
}

/**
 * mmap_action_complete() - execute the action of a VMA descriptor
 * @vma: the VMA to perform the action upon
 * @action: the action, as mmap_action_prepare() left it
 * @is_compat: true when invoked from a stacked caller (__compat_vma_mmap())
 *
 * Performs the remap or inserts the kernel pages, then calls the ->mapped
 * hook of @vma->vm_ops, if it has one, with the VMA's range, page offset and
 * file; a vm_private_data it returns is stored in the VMA. On the direct
 * path (!@is_compat) a non-zero action->error_override replaces the error.
 * Either way the caller of the .mmap hook tears the VMA down on error, as the
 * kernel's mmap_region() does, so nothing of the mapping is left behind.
 *
 * Return: 0 on success, a negative errno otherwise.
 */
int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action, bool is_compat)
{
	int err = 0;

	switch (action->type) {
	case MMAP_NOTHING:
		break;
#ifndef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
	case MMAP_REMAP_PFN:
		err = mpc_remap_pfn_range_complete(vma, action);
		break;
#endif
	case MMAP_MAP_KERNEL_PAGES:
		err = mpc_map_kernel_pages_complete(vma, action);
		break;
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
	default:
		/* Should have been delegated by mmap_action_prepare(). */
		WARN_ON_ONCE(1);
		err = -EINVAL;
		break;
	}

	if (!err)
		err = mpc_call_vma_mapped(vma, action);
	if (!err || is_compat)
		return err;

	return action->error_override ?: err;
}
__MPC_EXPORT(mmap_action_complete);

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
