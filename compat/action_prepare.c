// SPDX-License-Identifier: GPL-2.0
/*
 * Prepare-time validation of each mmap action, before the VMA is touched
 * (7.3: mmap_action_prepare() in mm/util.c, remap_pfn_range_prepare(),
 * simple_ioremap_prepare() and map_kernel_pages_prepare() in mm/memory.c,
 * io_remap_pfn_range_prepare() in mm/internal.h). Same checks, same order,
 * same error codes.
 */
#include "internal.h"

#if MMAP_PREPARE_COMPAT_EMULATED

/*
 * The PFN remap actions, left out of the layer embedded in a driver that is
 * not GPL-compatible (see __mpc_zap_vma() and <mmap_prepare_compat/action.h>).
 */
#ifndef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS

/* The CoW rule: a private remap must cover the VMA; pgoff becomes the PFN. */
static int mpc_get_remap_pgoff(bool is_cow, unsigned long addr,
			       unsigned long end, unsigned long vm_start,
			       unsigned long vm_end, unsigned long pfn,
			       pgoff_t *vm_pgoff_p)
{
	if (is_cow) {
		if (addr != vm_start || end != vm_end)
			return -EINVAL;
		*vm_pgoff_p = pfn;
	}

	return 0;
}

int __MPC_SYM(remap_pfn_range_prepare)(struct vm_area_desc *desc)
{
	const struct mmap_action *action = &desc->action;
	const unsigned long start = action->remap.start;
	const unsigned long end = start + action->remap.size;
	const unsigned long pfn = action->remap.start_pfn;
	const bool is_cow = vma_desc_is_cow_mapping(desc);
	int err;

	if (!range_in_vma_desc(desc, start, end))
		return -EFAULT;

	err = mpc_get_remap_pgoff(is_cow, start, end, desc->start, desc->end,
				  pfn, &desc->pgoff);
	if (err)
		return err;

	vma_desc_set_flags_mask(desc, VMA_REMAP_FLAGS);
	return 0;
}

/*
 * The architecture's I/O PFN translation (7.3: io_remap_pfn_range_pfn(),
 * which MIPS and SPARC define; the identity elsewhere). Kernels before the
 * hook existed translate inside their own io_remap_pfn_range() only, which
 * the compat path cannot reuse: there the PFN is used as given.
 */
static unsigned long mpc_io_remap_pfn(unsigned long pfn, unsigned long size)
{
#ifdef io_remap_pfn_range_pfn
	return io_remap_pfn_range_pfn(pfn, size);
#else
	return pfn;
#endif
}

int __MPC_SYM(io_remap_pfn_range_prepare)(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	int err;

	action->remap.start_pfn = mpc_io_remap_pfn(action->remap.start_pfn,
						   action->remap.size);
	action->remap.pgprot = pgprot_decrypted(action->remap.pgprot);
	err = __MPC_SYM(remap_pfn_range_prepare)(desc);
	if (err)
		return err;

	/* Remap does the actual work. */
	action->type = MMAP_REMAP_PFN;
	return 0;
}

/* 7.3's __simple_ioremap_prep(), which vm_iomap_memory() shares. */
static int mpc_simple_ioremap_prep(unsigned long vm_len, pgoff_t vm_pgoff,
				   phys_addr_t start_phys, unsigned long size,
				   unsigned long *pfnp)
{
	unsigned long pfn, pages;

	/* Check that the physical memory area passed in looks valid */
	if (start_phys + size < start_phys)
		return -EINVAL;
	/*
	 * I/O memory may have smaller than page alignment: the mapping starts
	 * at the page that holds start_phys.
	 */
	size += start_phys & ~PAGE_MASK;
	pfn = start_phys >> PAGE_SHIFT;
	pages = (size + ~PAGE_MASK) >> PAGE_SHIFT;
	if (pfn + pages < pfn)
		return -EINVAL;

	/* We start the mapping 'vm_pgoff' pages into the area */
	if (vm_pgoff > pages)
		return -EINVAL;
	pfn += vm_pgoff;
	pages -= vm_pgoff;

	/* Can we fit all of the mapping? */
	if ((vm_len >> PAGE_SHIFT) > pages)
		return -EINVAL;

	*pfnp = pfn;
	return 0;
}

int __MPC_SYM(simple_ioremap_prepare)(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	const phys_addr_t start = action->simple_ioremap.start_phys_addr;
	const unsigned long size = action->simple_ioremap.size;
	unsigned long pfn;
	int err;

	err = mpc_simple_ioremap_prep(vma_desc_size(desc), desc->pgoff,
				      start, size, &pfn);
	if (err)
		return err;

	/* The I/O remap logic does the heavy lifting. */
	mmap_action_ioremap_full(desc, pfn);
	return __MPC_SYM(io_remap_pfn_range_prepare)(desc);
}

#endif /* !MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS */

int __MPC_SYM(map_kernel_pages_prepare)(struct vm_area_desc *desc)
{
	const struct mmap_action *action = &desc->action;
	const unsigned long addr = action->map_kernel.start;
	unsigned long nr_pages, len, end;

	if (!vma_desc_test(desc, VMA_MIXEDMAP_BIT)) {
		VM_WARN_ON_ONCE(vma_desc_test(desc, VMA_PFNMAP_BIT));
		vma_desc_set_flags(desc, VMA_MIXEDMAP_BIT);
	}

	/*
	 * 7.3 computes the end unchecked, so a page count near ULONG_MAX (a
	 * driver's unchecked subtraction) wraps it into the VMA and reaches
	 * vm_insert_pages(). Refuse that as out of range.
	 */
	nr_pages = action->map_kernel.nr_pages;
	if (check_mul_overflow(nr_pages, PAGE_SIZE, &len) ||
	    check_add_overflow(addr, len, &end))
		return -EFAULT;
	if (!range_in_vma_desc(desc, addr, end))
		return -EFAULT;

	return 0;
}

/* Only 0 or a valid -errno may replace the error of a failed action. */
static int mpc_check_mmap_action(const struct mmap_action *action)
{
	const unsigned long override = action->error_override;

	if (WARN_ON_ONCE(override && !IS_ERR_VALUE(override)))
		return -EINVAL;

	return 0;
}

/**
 * mmap_action_prepare() - validate the action of a VMA descriptor
 * @desc: the VMA descriptor whose @desc->action is prepared
 *
 * Checks the action as 7.3 does before any VMA exists: error_override must be
 * 0 or a valid -errno (otherwise -EINVAL and a one-time warning), a remap must
 * lie within the VMA (-EFAULT) and cover all of a private writable (CoW)
 * mapping (-EINVAL), a simple I/O remap must fit its physical range (-EINVAL),
 * kernel pages must lie within the VMA (-EFAULT, also for a page count whose
 * end wraps, which 7.3 lets through). Sets the VMA flags each
 * action implies and, for an I/O remap, turns it into a PFN remap with
 * decrypted page protection. A layer built without GPL-only symbols
 * (MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS) refuses every PFN remap action with
 * -EOPNOTSUPP.
 *
 * Return: 0 on success, a negative errno otherwise.
 */
int mmap_action_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	int err;

	err = mpc_check_mmap_action(action);
	if (err)
		return err;

	switch (action->type) {
	case MMAP_NOTHING:
		return 0;
#ifdef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
	case MMAP_REMAP_PFN:
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
		/* Only a hand-set type gets here: the helpers do not build. */
		pr_warn_once("mmap_prepare_compat: PFN remap actions need GPL-only kernel symbols, which a layer embedded in a driver that is not GPL-compatible does without: use shared mode\n");
		return -EOPNOTSUPP;
#else
	case MMAP_REMAP_PFN:
		return __MPC_SYM(remap_pfn_range_prepare)(desc);
	case MMAP_IO_REMAP_PFN:
		return __MPC_SYM(io_remap_pfn_range_prepare)(desc);
	case MMAP_SIMPLE_IO_REMAP:
		return __MPC_SYM(simple_ioremap_prepare)(desc);
#endif
	case MMAP_MAP_KERNEL_PAGES:
		return __MPC_SYM(map_kernel_pages_prepare)(desc);
	}

	WARN_ON_ONCE(1);
	return -EINVAL;
}
__MPC_EXPORT(mmap_action_prepare);

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
