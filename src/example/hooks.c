// SPDX-License-Identifier: GPL-2.0
/*
 * The mmap hooks of the example driver, one per action type. Apart from the
 * wiring macros (MMAP_PREPARE_MAPPED() in the operations, the ->mapped table
 * and the trampolines after the hooks, MMAP_PREPARE_HOOK() in the
 * file_operations) this is plain upstream 7.3 code.
 */
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

#define MPC_MAPPING_MAGIC	0x6d70636d6170UL

/* Per-mapping state: created by ->mapped, shared by ->open, freed by ->close. */
struct mpc_mapping {
	struct kref kref;
	unsigned long magic;
};

static void mpc_mapping_release(struct kref *kref)
{
	kfree(container_of(kref, struct mpc_mapping, kref));
}

static int mpc_inject(void)
{
	return READ_ONCE(mpc_example.inject);
}

int mpc_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
	       const struct file *file, void **vm_private_data)
{
	struct mpc_mapping *map;

	if (mpc_inject() == MPC_INJECT_MAPPED_FAIL ||
	    mpc_inject() == MPC_INJECT_OVERRIDE)
		return -ENOMEM;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	kref_init(&map->kref);
	map->magic = MPC_MAPPING_MAGIC;
	*vm_private_data = map;

	atomic_inc(&mpc_example.nr_mapped);
	atomic_inc(&mpc_example.nr_live);
	return 0;
}

/*
 * ->close also runs for a VMA whose action or ->mapped failed (7.3 unmaps it),
 * so only a VMA that holds per-mapping state counts as live.
 */
static void mpc_vm_open(struct vm_area_struct *vma)
{
	struct mpc_mapping *map = vma->vm_private_data;

	atomic_inc(&mpc_example.nr_open);
	if (!map)
		return;
	kref_get(&map->kref);
	atomic_inc(&mpc_example.nr_live);
}

static void mpc_vm_close(struct vm_area_struct *vma)
{
	struct mpc_mapping *map = vma->vm_private_data;

	atomic_inc(&mpc_example.nr_close);
	if (!map)
		return;
	kref_put(&map->kref, mpc_mapping_release);
	atomic_dec(&mpc_example.nr_live);
}

static vm_fault_t mpc_vm_fault(struct vm_fault *vmf)
{
	const struct mpc_mapping *map = vmf->vma->vm_private_data;
	struct page *page;

	/* ->mapped's vm_private_data must have reached the VMA. */
	if (!map || map->magic != MPC_MAPPING_MAGIC)
		return VM_FAULT_SIGBUS;
	if (vmf->pgoff >= MPC_EXAMPLE_PAGES)
		return VM_FAULT_SIGBUS;

	page = mpc_example.pages[vmf->pgoff];
	get_page(page);
	vmf->page = page;
	return 0;
}

const struct vm_operations_struct mpc_vm_ops = {
	.open = mpc_vm_open,
	.close = mpc_vm_close,
	MMAP_PREPARE_MAPPED(mpc_mapped)
};

const struct vm_operations_struct mpc_fault_vm_ops = {
	.open = mpc_vm_open,
	.close = mpc_vm_close,
	.fault = mpc_vm_fault,
	MMAP_PREPARE_MAPPED(mpc_mapped)
};

/*
 * Checks every device makes: the mapping mode the knobs refuse, and a range
 * within @nr_pages pages of memory.
 */
int mpc_prepare_common(struct vm_area_desc *desc, unsigned long nr_pages,
		       const struct vm_operations_struct *vm_ops)
{
	if (READ_ONCE(mpc_example.refuse_private) &&
	    !vma_desc_test(desc, VMA_MAYSHARE_BIT))
		return -EACCES;
	if (READ_ONCE(mpc_example.refuse_exec) &&
	    vma_desc_test(desc, VMA_EXEC_BIT))
		return -EACCES;
	if (desc->pgoff >= nr_pages || vma_desc_pages(desc) > nr_pages - desc->pgoff)
		return -EINVAL;

	desc->vm_ops = vm_ops;
	desc->private_data = NULL;

	if (mpc_inject() == MPC_INJECT_BAD_OVERRIDE)
		desc->action.error_override = 1;
	else if (mpc_inject() == MPC_INJECT_OVERRIDE)
		desc->action.error_override = -EAGAIN;
	return 0;
}

/* Bend a prepared remap the way the "inject" knob asks. */
static void mpc_inject_remap(struct vm_area_desc *desc)
{
	switch (mpc_inject()) {
	case MPC_INJECT_RANGE:
		desc->action.remap.size += PAGE_SIZE;
		break;
	case MPC_INJECT_COW_PARTIAL:
		if (vma_desc_pages(desc) > 1)
			desc->action.remap.size -= PAGE_SIZE;
		break;
	}
}

int mpc_remap_prepare(struct vm_area_desc *desc)
{
	int err = mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_vm_ops);

	if (err)
		return err;
	mmap_action_remap_full(desc, mpc_example.pfn + desc->pgoff);
	mpc_inject_remap(desc);
	return 0;
}

static int mpc_remap_part_prepare(struct vm_area_desc *desc)
{
	unsigned long size = (vma_desc_pages(desc) + 1) / 2 * PAGE_SIZE;
	int err = mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_vm_ops);

	if (err)
		return err;
	mmap_action_remap(desc, desc->start, mpc_example.pfn + desc->pgoff, size);
	mpc_inject_remap(desc);
	return 0;
}

static int mpc_ioremap_check(struct vm_area_desc *desc)
{
	if (!mpc_example.bar_len)
		return -ENODEV;
	desc->page_prot = pgprot_noncached(desc->page_prot);
	return mpc_prepare_common(desc, mpc_example.bar_len >> PAGE_SHIFT,
				  &mpc_vm_ops);
}

static int mpc_ioremap_prepare(struct vm_area_desc *desc)
{
	int err = mpc_ioremap_check(desc);

	if (err)
		return err;
	mmap_action_ioremap_full(desc, PHYS_PFN(mpc_example.bar_phys) + desc->pgoff);
	mpc_inject_remap(desc);
	return 0;
}

static int mpc_ioremap_part_prepare(struct vm_area_desc *desc)
{
	unsigned long size = (vma_desc_pages(desc) + 1) / 2 * PAGE_SIZE;
	int err = mpc_ioremap_check(desc);

	if (err)
		return err;
	mmap_action_ioremap(desc, desc->start,
			    PHYS_PFN(mpc_example.bar_phys) + desc->pgoff, size);
	mpc_inject_remap(desc);
	return 0;
}

/* The physical range check is simple_ioremap's own: it is what is tested. */
static int mpc_simple_ioremap_prepare(struct vm_area_desc *desc)
{
	unsigned long size = mpc_example.bar_len;
	int err;

	if (!mpc_example.bar_len)
		return -ENODEV;
	err = mpc_prepare_common(desc, ULONG_MAX, &mpc_vm_ops);
	if (err)
		return err;
	if (mpc_inject() == MPC_INJECT_SHORT)
		size = PAGE_SIZE;
	desc->page_prot = pgprot_noncached(desc->page_prot);
	mmap_action_simple_ioremap(desc, mpc_example.bar_phys, size);
	return 0;
}

/* Bend a prepared kernel-page mapping the way the "inject" knob asks. */
static void mpc_inject_kpages(struct vm_area_desc *desc)
{
	switch (mpc_inject()) {
	case MPC_INJECT_RANGE:
		desc->action.map_kernel.nr_pages++;
		break;
	case MPC_INJECT_SHORT:
		desc->action.map_kernel.start += PAGE_SIZE;
		break;
	case MPC_INJECT_OVERRIDE:
		desc->action.map_kernel.pages = &mpc_example.bad_pages[0];
		break;
	}
}

static int mpc_kpages_prepare(struct vm_area_desc *desc)
{
	int err = mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_vm_ops);

	if (err)
		return err;
	mmap_action_map_kernel_pages(desc, desc->start,
				     &mpc_example.pages[desc->pgoff],
				     vma_desc_pages(desc));
	mpc_inject_kpages(desc);
	return 0;
}

static int mpc_kpages_full_prepare(struct vm_area_desc *desc)
{
	int err = mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_vm_ops);

	if (err)
		return err;
	mmap_action_map_kernel_pages_full(desc, &mpc_example.pages[desc->pgoff]);
	mpc_inject_kpages(desc);
	return 0;
}

/*
 * No action: pages arrive through ->fault. VMA_DONTEXPAND_BIT keeps every
 * kernel from merging a new mapping into this one without calling the hook
 * (5.10 - 6.12 merge before .mmap; see porting.rst), as legacy fault drivers
 * set VM_DONTEXPAND. merge.c has the devices that leave it out.
 */
static int mpc_fault_prepare(struct vm_area_desc *desc)
{
	int err = mpc_prepare_common(desc, MPC_EXAMPLE_PAGES, &mpc_fault_vm_ops);

	if (err)
		return err;
	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	return 0;
}

/* The ->mapped hooks of every vm_operations_struct this file installs. */
MMAP_PREPARE_COMPAT_MAPPED_TABLE(mpc_hooks_mapped,
				 MMAP_PREPARE_MAPPED_ENTRY(&mpc_vm_ops, mpc_mapped),
				 MMAP_PREPARE_MAPPED_ENTRY(&mpc_fault_vm_ops, mpc_mapped));
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_remap_prepare, mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_remap_part_prepare, mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_ioremap_prepare, mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_ioremap_part_prepare,
				     mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_simple_ioremap_prepare,
				     mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_kpages_prepare, mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_kpages_full_prepare,
				     mpc_hooks_mapped);
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_fault_prepare, mpc_hooks_mapped);

/*
 * A stacked caller, as the uio core and vmbus are in 7.3: a legacy .mmap hook
 * that runs an inner mmap_prepare hook through the stacking helpers.
 */
static int mpc_nested_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, mpc_hooks_mapped);
	err = mpc_remap_prepare(&desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

/*
 * The hand-written legacy .mmap that the benchmark compares against: the same
 * checks, the same remap and the same per-mapping state as mpc_remap_prepare().
 */
static int mpc_legacy_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma);
	struct mpc_mapping *map;
	int err;

	if (vma->vm_pgoff >= MPC_EXAMPLE_PAGES ||
	    pages > MPC_EXAMPLE_PAGES - vma->vm_pgoff)
		return -EINVAL;

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;
	kref_init(&map->kref);
	map->magic = MPC_MAPPING_MAGIC;

	err = remap_pfn_range(vma, vma->vm_start,
			      mpc_example.pfn + vma->vm_pgoff,
			      pages << PAGE_SHIFT, vma->vm_page_prot);
	if (err) {
		kfree(map);
		return err;
	}
	vma->vm_ops = &mpc_vm_ops;
	vma->vm_private_data = map;
	atomic_inc(&mpc_example.nr_mapped);
	atomic_inc(&mpc_example.nr_live);
	return 0;
}

#define MPC_PREPARE_FOPS(name, fn)					\
	static const struct file_operations mpc_##name##_fops = {	\
		.owner = THIS_MODULE,					\
		MMAP_PREPARE_HOOK(fn),					\
	}

MPC_PREPARE_FOPS(remap, mpc_remap_prepare);
MPC_PREPARE_FOPS(remap_part, mpc_remap_part_prepare);
MPC_PREPARE_FOPS(ioremap, mpc_ioremap_prepare);
MPC_PREPARE_FOPS(ioremap_part, mpc_ioremap_part_prepare);
MPC_PREPARE_FOPS(simple_ioremap, mpc_simple_ioremap_prepare);
MPC_PREPARE_FOPS(kpages, mpc_kpages_prepare);
MPC_PREPARE_FOPS(kpages_full, mpc_kpages_full_prepare);
MPC_PREPARE_FOPS(fault, mpc_fault_prepare);

static const struct file_operations mpc_nested_fops = {
	.owner = THIS_MODULE,
	.mmap = mpc_nested_mmap,
};

static const struct file_operations mpc_legacy_fops = {
	.owner = THIS_MODULE,
	.mmap = mpc_legacy_mmap,
};

static const struct mpc_example_device mpc_action_device_array[] = {
	{ MPC_EXAMPLE_PREFIX "remap", &mpc_remap_fops },
	{ MPC_EXAMPLE_PREFIX "remap_part", &mpc_remap_part_fops },
	{ MPC_EXAMPLE_PREFIX "ioremap", &mpc_ioremap_fops },
	{ MPC_EXAMPLE_PREFIX "ioremap_part", &mpc_ioremap_part_fops },
	{ MPC_EXAMPLE_PREFIX "simple_ioremap", &mpc_simple_ioremap_fops },
	{ MPC_EXAMPLE_PREFIX "kpages", &mpc_kpages_fops },
	{ MPC_EXAMPLE_PREFIX "kpages_full", &mpc_kpages_full_fops },
	{ MPC_EXAMPLE_PREFIX "fault", &mpc_fault_fops },
	{ MPC_EXAMPLE_PREFIX "nested", &mpc_nested_fops },
	{ MPC_EXAMPLE_PREFIX "legacy", &mpc_legacy_fops },
};

const struct mpc_example_device_list mpc_action_devices = {
	.devs = mpc_action_device_array,
	.nr = ARRAY_SIZE(mpc_action_device_array),
};
