/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A test "device" for the KUnit suites: one mmap_prepare hook whose behaviour
 * a test selects through the static struct mpc_dev, wired up exactly as a
 * driver does it (MMAP_PREPARE_HOOK(), MMAP_PREPARE_MAPPED(),
 * MMAP_PREPARE_COMPAT_TRAMPOLINE()), so the same code runs natively and
 * through the compat trampoline.
 *
 * Include once per suite file, after mpc_kunit.h. Tests run one at a time, so
 * one static state per translation unit is enough; mpc_dev_reset() starts
 * every test from a clean state. The state is static (never freed), so a
 * ->close that runs late, when the test thread's mm is torn down, is safe.
 */
#ifndef _MPC_KUNIT_DEV_H
#define _MPC_KUNIT_DEV_H

#include "mpc_kunit.h"

/* What mpc_dev_prepare() asks for. */
enum mpc_dev_mode {
	MPC_MODE_NONE,		/* no action */
	MPC_MODE_FAIL,		/* the hook itself fails with dev.hook_ret */
	MPC_MODE_REMAP_FULL,	/* mmap_action_remap_full(buf + pgoff) */
	MPC_MODE_REMAP_HALF,	/* mmap_action_remap() of the first half */
	MPC_MODE_REMAP_OUTSIDE,	/* remap action that ends beyond the VMA */
	MPC_MODE_IOREMAP_FULL,	/* mmap_action_ioremap_full(buf + pgoff) */
	MPC_MODE_IOREMAP_HALF,	/* mmap_action_ioremap() of the first half */
	MPC_MODE_SIMPLE_IOREMAP,/* mmap_action_simple_ioremap(buf, sio_size) */
	MPC_MODE_KPAGES,	/* mmap_action_map_kernel_pages(kpages, nr) */
	MPC_MODE_KPAGES_FULL,	/* mmap_action_map_kernel_pages_full(kpages) */
	MPC_MODE_KPAGES_SLAB,	/* map_kernel_pages of a slab page: fails late */
	MPC_MODE_ANON,		/* vma_desc_set_anonymous(), as /dev/zero */
};

/**
 * struct mpc_dev - the state of the test device
 * @mode: what the hook does
 * @hook_ret: return value of the hook in MPC_MODE_FAIL
 * @buf: MPC_KUNIT_PAGES contiguous pages (mpc_kunit_alloc_buf())
 * @kpages: page array for the map_kernel_pages modes
 * @nr_kpages: its length for MPC_MODE_KPAGES
 * @sio_size: size for MPC_MODE_SIMPLE_IOREMAP
 * @slab: a kmalloc()ed object whose page the SLAB mode maps
 * @error_override: copied to desc->action.error_override
 * @vm_ops: what the hook installs (default &mpc_dev_vm_ops)
 * @desc_private: what the hook puts in desc->private_data
 * @set_flags: extra VMA_*_BIT mask the hook sets
 * @set_pgoff: if true, the hook sets desc->pgoff to @new_pgoff
 * @new_pgoff: see @set_pgoff
 * @new_file: if set, the hook takes a reference on it and makes it vm_file
 *	(the reference passes to the mapping, as with shmem_zero_setup_desc())
 * @mapped_ret: return value of ->mapped
 * @mapped_priv_out: if @set_priv_out, what ->mapped stores in *vm_private_data
 * @set_priv_out: see @mapped_priv_out
 * @seq: event counter
 * @prepare_calls: hook calls
 * @prepare_seq: @seq at the last hook call
 * @mapped_calls: ->mapped calls
 * @mapped_seq: @seq at the last ->mapped call
 * @open_calls: ->open calls
 * @close_calls: ->close calls
 * @m_start: ->mapped argument
 * @m_end: ->mapped argument
 * @m_pgoff: ->mapped argument
 * @m_file: ->mapped argument
 * @m_priv_in: *vm_private_data on entry to ->mapped
 * @m_first_pte: was the first page's PTE present when ->mapped ran?
 * @m_last_pte: was the last page's PTE present when ->mapped ran?
 * @m_vma_found: did ->mapped find its VMA in the mm?
 * @m_vma_flags: that VMA's vm_flags when ->mapped ran
 * @c_first_pte: was the first page's PTE present when ->close last ran?
 * @p_desc: the descriptor as the hook saw it on entry
 */
struct mpc_dev {
	enum mpc_dev_mode mode;
	int hook_ret;
	struct page *buf;
	struct page *kpages[MPC_KUNIT_PAGES];
	unsigned long nr_kpages;
	unsigned long sio_size;
	void *slab;
	int error_override;
	const struct vm_operations_struct *vm_ops;
	void *desc_private;
	unsigned long set_flags;
	bool set_pgoff;
	pgoff_t new_pgoff;
	struct file *new_file;

	int mapped_ret;
	void *mapped_priv_out;
	bool set_priv_out;

	int seq;
	int prepare_calls, prepare_seq;
	int mapped_calls, mapped_seq;
	int open_calls, close_calls;
	unsigned long m_start, m_end, m_pgoff;
	const struct file *m_file;
	void *m_priv_in;
	bool m_first_pte, m_last_pte;
	bool m_vma_found;
	unsigned long m_vma_flags;
	bool c_first_pte;
	struct vm_area_desc p_desc;
};

static struct mpc_dev mpc_dev;

static void mpc_dev_vm_open(struct vm_area_struct *vma)
{
	mpc_dev.open_calls++;
}

/*
 * ->close: a driver frees its buffer here, so record whether the mapping's
 * first PTE could still reach it.
 */
static void mpc_dev_vm_close(struct vm_area_struct *vma)
{
	mpc_dev.close_calls++;
	mpc_dev.c_first_pte = mpc_kunit_pte_present(vma->vm_mm, vma->vm_start);
}

/* ->mapped: record the call; check that the action already ran. */
static int mpc_dev_mapped(unsigned long start, unsigned long end,
			  pgoff_t pgoff, const struct file *file,
			  void **vm_private_data)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	mpc_dev.mapped_calls++;
	mpc_dev.mapped_seq = ++mpc_dev.seq;
	mpc_dev.m_start = start;
	mpc_dev.m_end = end;
	mpc_dev.m_pgoff = pgoff;
	mpc_dev.m_file = file;
	mpc_dev.m_priv_in = *vm_private_data;
	/* The caller holds the mmap_lock of the mm being mapped into. */
	mpc_dev.m_first_pte = mpc_kunit_pte_present(mm, start);
	mpc_dev.m_last_pte = mpc_kunit_pte_present(mm, end - PAGE_SIZE);
	vma = find_vma(mm, start);
	mpc_dev.m_vma_found = vma && vma->vm_start == start &&
			      vma->vm_end == end;
	if (mpc_dev.m_vma_found)
		mpc_dev.m_vma_flags = vma->vm_flags;

	if (mpc_dev.set_priv_out)
		*vm_private_data = mpc_dev.mapped_priv_out;
	return mpc_dev.mapped_ret;
}

static const struct vm_operations_struct mpc_dev_vm_ops = {
	.open = mpc_dev_vm_open,
	.close = mpc_dev_vm_close,
	MMAP_PREPARE_MAPPED(mpc_dev_mapped)
};

/* The same, without ->mapped. */
static const struct vm_operations_struct mpc_dev_vm_ops_nomapped = {
	.open = mpc_dev_vm_open,
	.close = mpc_dev_vm_close,
};

/* The mmap_prepare hook of the test device. */
static int mpc_dev_prepare(struct vm_area_desc *desc)
{
	unsigned long pfn = page_to_pfn(mpc_dev.buf) + desc->pgoff;
	struct mmap_action *action = &desc->action;

	mpc_dev.prepare_calls++;
	mpc_dev.prepare_seq = ++mpc_dev.seq;
	mpc_dev.p_desc = *desc;

	desc->vm_ops = mpc_dev.vm_ops;
	desc->private_data = mpc_dev.desc_private;
	if (mpc_dev.new_file)
		desc->vm_file = get_file(mpc_dev.new_file);
	if (mpc_dev.set_pgoff)
		desc->pgoff = mpc_dev.new_pgoff;
	if (mpc_dev.set_flags) {
		int i;

		for (i = 0; i < BITS_PER_LONG; i++)
			if (mpc_dev.set_flags & BIT(i))
				vma_desc_set_flags(desc, (__force vma_flag_t)i);
	}

	switch (mpc_dev.mode) {
	case MPC_MODE_NONE:
		break;
	case MPC_MODE_FAIL:
		return mpc_dev.hook_ret;
	case MPC_MODE_REMAP_FULL:
		mmap_action_remap_full(desc, pfn);
		break;
	case MPC_MODE_REMAP_HALF:
		mmap_action_remap(desc, desc->start, pfn,
				  vma_desc_size(desc) / 2);
		break;
	case MPC_MODE_REMAP_OUTSIDE:
		/*
		 * mmap_action_remap() would WARN: set the action up by hand,
		 * one page past the end of the VMA.
		 */
		mmap_action_remap(desc, desc->start, pfn, PAGE_SIZE);
		action->remap.size = vma_desc_size(desc) + PAGE_SIZE;
		break;
	case MPC_MODE_IOREMAP_FULL:
		mmap_action_ioremap_full(desc, pfn);
		break;
	case MPC_MODE_IOREMAP_HALF:
		mmap_action_ioremap(desc, desc->start, pfn,
				    vma_desc_size(desc) / 2);
		break;
	case MPC_MODE_SIMPLE_IOREMAP:
		mmap_action_simple_ioremap(desc, page_to_phys(mpc_dev.buf),
					   mpc_dev.sio_size);
		break;
	case MPC_MODE_KPAGES:
		mmap_action_map_kernel_pages(desc, desc->start, mpc_dev.kpages,
					     mpc_dev.nr_kpages);
		break;
	case MPC_MODE_KPAGES_FULL:
		mmap_action_map_kernel_pages_full(desc, mpc_dev.kpages);
		break;
	case MPC_MODE_KPAGES_SLAB:
		mpc_dev.kpages[0] = virt_to_page(mpc_dev.slab);
		mmap_action_map_kernel_pages(desc, desc->start, mpc_dev.kpages,
					     1);
		break;
	case MPC_MODE_ANON:
		vma_desc_set_anonymous(desc);
		break;
	}

	action->error_override = mpc_dev.error_override;
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(mpc_dev_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&mpc_dev_vm_ops, mpc_dev_mapped));

static const struct file_operations mpc_dev_fops = {
	MMAP_PREPARE_HOOK(mpc_dev_prepare),
};

static void mpc_dev_kfree(void *p)
{
	kfree(p);
}

/**
 * mpc_dev_reset() - start a test: own mm, fresh device state, a file
 * @test: the test
 * @mode: what the hook does
 *
 * kpages[] holds the buffer pages in reverse order (page i at index
 * MPC_KUNIT_PAGES - 1 - i), so map_kernel_pages cannot pass by mapping a
 * contiguous range.
 *
 * Return: a file whose mmap runs mpc_dev_prepare().
 */
static struct file *mpc_dev_reset(struct kunit *test, enum mpc_dev_mode mode)
{
	int i;

	mpc_kunit_attach_mm(test);
	memset(&mpc_dev, 0, sizeof(mpc_dev));
	mpc_dev.mode = mode;
	mpc_dev.buf = mpc_kunit_alloc_buf(test);
	for (i = 0; i < MPC_KUNIT_PAGES; i++)
		mpc_dev.kpages[i] = mpc_dev.buf + (MPC_KUNIT_PAGES - 1 - i);
	mpc_dev.nr_kpages = MPC_KUNIT_PAGES;
	mpc_dev.sio_size = MPC_PG(MPC_KUNIT_PAGES);
	mpc_dev.vm_ops = &mpc_dev_vm_ops;
	mpc_dev.slab = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mpc_dev.slab);
	KUNIT_ASSERT_EQ(test, mpc_kunit_defer(test, mpc_dev_kfree,
					      mpc_dev.slab), 0);
	return mpc_kunit_file(test, &mpc_dev_fops, &mpc_dev);
}

/* Buffer page index that kpages[@i] holds. */
#define MPC_KPAGE_IDX(i)	(MPC_KUNIT_PAGES - 1 - (i))

#endif /* _MPC_KUNIT_DEV_H */
