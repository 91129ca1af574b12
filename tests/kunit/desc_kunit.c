// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the stacking helpers - compat_set_desc_from_vma() builds a
 * descriptor from a VMA, __compat_vma_mmap() prepares and applies it back and
 * completes the action (7.3 mm/util.c).
 *
 * The tests use them the way stacked drivers (uio, vmbus) do: from a legacy
 * f_op->mmap, on the VMA that mmap_region() is setting up, calling an inner
 * mmap_prepare hook (the test device's) in between.
 */
#include "mpc_kunit_dev.h"

enum mpc_nest_mode {
	MPC_NEST_CAPTURE,	/* only compat_set_desc_from_vma() */
	MPC_NEST_APPLY,		/* inner hook + __compat_vma_mmap() */
};

/**
 * struct mpc_nest - state of the stacking (legacy .mmap) test file
 * @mode: what the .mmap hook does
 * @desc_file: the @file argument it passes to compat_set_desc_from_vma()
 * @pre_ops: if set, stored in vma->vm_ops before building the descriptor
 * @pre_private: if set, stored in vma->vm_private_data before that
 * @new_pgoff: if @set_pgoff, the pgoff the "inner hook" sets
 * @set_pgoff: see @new_pgoff
 * @new_file: if set, the vm_file the "inner hook" sets
 * @set_prot: if true, the inner hook sets page_prot to PAGE_READONLY
 * @clear_flags: VM_* mask the inner hook clears
 * @desc: the descriptor after compat_set_desc_from_vma()
 * @vma_in: the VMA on entry (after @pre_ops/@pre_private)
 * @vma_out: the VMA right after __compat_vma_mmap()
 * @calls: .mmap calls
 * @ret: what __compat_vma_mmap() returned
 */
struct mpc_nest {
	enum mpc_nest_mode mode;
	struct file *desc_file;
	const struct vm_operations_struct *pre_ops;
	void *pre_private;
	pgoff_t new_pgoff;
	bool set_pgoff;
	struct file *new_file;
	bool set_prot;
	unsigned long clear_flags;

	struct vm_area_desc desc;
	struct mpc_vma_snap vma_in, vma_out;
	int calls;
	int ret;
};

static struct mpc_nest mpc_nest;

static const struct vm_operations_struct mpc_nest_pre_ops = { };

static struct mpc_vma_snap mpc_nest_snap(struct vm_area_struct *vma)
{
	struct mpc_vma_snap s = {
		.found = true,
		.start = vma->vm_start,
		.end = vma->vm_end,
		.pgoff = vma->vm_pgoff,
		.flags = vma->vm_flags,
		.vm_ops = vma->vm_ops,
		.private_data = vma->vm_private_data,
		.vm_file = vma->vm_file,
		.page_prot = vma->vm_page_prot,
	};

	return s;
}

/* A legacy .mmap that stacks the test device's mmap_prepare hook. */
static int mpc_nest_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc *desc = &mpc_nest.desc;
	int err, i;

	mpc_nest.calls++;
	if (mpc_nest.pre_ops)
		vma->vm_ops = mpc_nest.pre_ops;
	if (mpc_nest.pre_private)
		vma->vm_private_data = mpc_nest.pre_private;
	mpc_nest.vma_in = mpc_nest_snap(vma);

	/* Garbage in, to see that every member is set. */
	memset(desc, 0x5a, sizeof(*desc));
	compat_set_desc_from_vma(desc, mpc_nest.desc_file ?: file, vma);
	if (mpc_nest.mode == MPC_NEST_CAPTURE)
		return 0;

	MMAP_PREPARE_COMPAT_NESTED(desc, mpc_dev_prepare);
	err = mpc_dev_prepare(desc);
	if (err)
		return err;
	if (mpc_nest.set_pgoff)
		desc->pgoff = mpc_nest.new_pgoff;
	if (mpc_nest.new_file)
		desc->vm_file = mpc_nest.new_file;
	if (mpc_nest.set_prot)
		desc->page_prot = PAGE_READONLY;
	for (i = 0; i < BITS_PER_LONG; i++)
		if (mpc_nest.clear_flags & BIT(i))
			vma_desc_clear_flags(desc, (__force vma_flag_t)i);

	mpc_nest.ret = __compat_vma_mmap(desc, vma);
	mpc_nest.vma_out = mpc_nest_snap(vma);
	return mpc_nest.ret;
}

static const struct file_operations mpc_nest_fops = {
	.mmap = mpc_nest_mmap,
};

/* Fresh mm, device and nest state; returns the stacking file. */
static struct file *mpc_nest_reset(struct kunit *test, enum mpc_nest_mode mode,
				   enum mpc_dev_mode dev_mode)
{
	mpc_dev_reset(test, dev_mode);
	memset(&mpc_nest, 0, sizeof(mpc_nest));
	mpc_nest.mode = mode;
	mpc_nest.ret = 1;	/* not called */
	return mpc_kunit_file(test, &mpc_nest_fops, &mpc_nest);
}

/* The legacy flags word of a descriptor. */
static unsigned long mpc_nest_desc_word(const struct vm_area_desc *desc)
{
	unsigned long word = 0;
	int i;

	for (i = 0; i < BITS_PER_LONG; i++)
		if (vma_desc_test(desc, (__force vma_flag_t)i))
			word |= BIT(i);
	return word;
}

/* Every descriptor member comes from the VMA as 7.3 sets it. */
static void mpc_desc_from_vma_fields(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_CAPTURE,
					   MPC_MODE_NONE);
	const struct vm_area_desc *d = &mpc_nest.desc;
	const struct mpc_vma_snap *v = &mpc_nest.vma_in;
	long addr;

	mpc_nest.pre_ops = &mpc_nest_pre_ops;
	mpc_nest.pre_private = &mpc_nest;
	addr = mpc_kunit_mmap(file, MPC_PG(3), PROT_READ | PROT_WRITE,
			      MAP_SHARED, 3);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_ASSERT_EQ(test, mpc_nest.calls, 1);

	KUNIT_EXPECT_PTR_EQ(test, d->mm, current->mm);
	KUNIT_EXPECT_PTR_EQ(test, d->file, file);
	KUNIT_EXPECT_EQ(test, d->start, (unsigned long)addr);
	KUNIT_EXPECT_EQ(test, d->end, (unsigned long)addr + MPC_PG(3));
	KUNIT_EXPECT_EQ(test, d->start, v->start);
	KUNIT_EXPECT_EQ(test, d->end, v->end);
	KUNIT_EXPECT_EQ(test, d->pgoff, (pgoff_t)3);
	KUNIT_EXPECT_PTR_EQ(test, d->vm_file, v->vm_file);
	KUNIT_EXPECT_PTR_EQ(test, d->vm_file, file);
	KUNIT_EXPECT_EQ(test, mpc_nest_desc_word(d), (unsigned long)v->flags);
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all(d, VMA_READ_BIT,
						  VMA_WRITE_BIT, VMA_SHARED_BIT,
						  VMA_MAYSHARE_BIT));
	KUNIT_EXPECT_EQ(test, pgprot_val(d->page_prot), pgprot_val(v->page_prot));
	KUNIT_EXPECT_PTR_EQ(test, d->vm_ops, &mpc_nest_pre_ops);
	/* 7.3 does not copy vm_private_data: private_data is write-only. */
	KUNIT_EXPECT_NULL(test, d->private_data);
	KUNIT_EXPECT_EQ(test, (int)d->action.type, (int)MMAP_NOTHING);
	KUNIT_EXPECT_EQ(test, d->action.error_override, 0);
	KUNIT_EXPECT_FALSE(test, d->action.hide_from_rmap_until_complete);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
}

/* A stacked caller's @file may differ from vma->vm_file. */
static void mpc_desc_from_vma_stacked_file(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_CAPTURE,
					   MPC_MODE_NONE);
	struct file *inner = mpc_kunit_file(test, &mpc_dev_fops, &mpc_dev);
	long addr;

	mpc_nest.desc_file = inner;
	addr = mpc_kunit_mmap(file, MPC_PG(1), PROT_READ, MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_PTR_EQ(test, mpc_nest.desc.file, inner);
	KUNIT_EXPECT_PTR_EQ(test, mpc_nest.desc.vm_file, file);
	/* Private read-only: not shared, and the flags still match. */
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any(&mpc_nest.desc,
						   VMA_SHARED_BIT,
						   VMA_WRITE_BIT));
	KUNIT_EXPECT_EQ(test, mpc_nest_desc_word(&mpc_nest.desc),
			(unsigned long)mpc_nest.vma_in.flags);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(1)), 0);
}

/* __compat_vma_mmap() applies every mutable and write-only member. */
static void mpc_desc_apply_fields(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_APPLY,
					   MPC_MODE_NONE);
	struct file *other = mpc_kunit_file(test, &mpc_nest_fops, &mpc_nest);
	const struct mpc_vma_snap *o = &mpc_nest.vma_out;
	long count_file, count_other, addr;
	struct mpc_vma_snap s;

	mpc_dev.desc_private = &mpc_dev.seq;
	mpc_dev.vm_ops = &mpc_dev_vm_ops_nomapped;
	mpc_dev.set_flags = VM_DONTEXPAND | VM_DONTCOPY;
	mpc_nest.set_pgoff = true;
	mpc_nest.new_pgoff = 9;
	mpc_nest.new_file = other;
	mpc_nest.set_prot = true;
	mpc_nest.clear_flags = VM_MAYREAD;
	count_file = file_count(file);
	count_other = file_count(other);

	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 1);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_nest.ret, 0);

	/* Right after __compat_vma_mmap(). */
	KUNIT_EXPECT_EQ(test, o->pgoff, 9UL);
	KUNIT_EXPECT_PTR_EQ(test, o->vm_file, other);
	KUNIT_EXPECT_PTR_EQ(test, o->vm_ops, &mpc_dev_vm_ops_nomapped);
	KUNIT_EXPECT_PTR_EQ(test, o->private_data, (void *)&mpc_dev.seq);
	KUNIT_EXPECT_EQ(test, pgprot_val(o->page_prot),
			pgprot_val(PAGE_READONLY));
	KUNIT_EXPECT_EQ(test, o->flags,
			(mpc_nest.vma_in.flags | VM_DONTEXPAND | VM_DONTCOPY) &
			~VM_MAYREAD);
	KUNIT_EXPECT_EQ(test, o->start, mpc_nest.vma_in.start);
	KUNIT_EXPECT_EQ(test, o->end, mpc_nest.vma_in.end);

	/* And in the finished mapping. */
	s = mpc_kunit_vma(addr);
	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_EQ(test, s.pgoff, 9UL);
	KUNIT_EXPECT_PTR_EQ(test, s.vm_file, other);
	KUNIT_EXPECT_PTR_EQ(test, s.vm_ops, &mpc_dev_vm_ops_nomapped);
	KUNIT_EXPECT_PTR_EQ(test, s.private_data, (void *)&mpc_dev.seq);
	KUNIT_EXPECT_TRUE(test, s.flags & VM_DONTEXPAND);
	KUNIT_EXPECT_FALSE(test, s.flags & VM_MAYREAD);

	/* The VMA holds a reference on its new file, none on the old one. */
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other + 1);
	KUNIT_EXPECT_EQ(test, (long)file_count(file), count_file);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

/* A failing prepare leaves the VMA as it was and fails the mmap. */
static void mpc_desc_apply_prepare_failure(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_APPLY,
					   MPC_MODE_REMAP_OUTSIDE);
	const struct mpc_vma_snap *in = &mpc_nest.vma_in;
	const struct mpc_vma_snap *o = &mpc_nest.vma_out;
	long addr;

	mpc_dev.desc_private = &mpc_dev.seq;
	mpc_nest.set_pgoff = true;
	mpc_nest.new_pgoff = 9;
	mpc_nest.pre_ops = &mpc_nest_pre_ops;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 1);
	KUNIT_EXPECT_EQ(test, addr, (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, mpc_nest.ret, -EFAULT);
	KUNIT_EXPECT_EQ(test, o->pgoff, in->pgoff);
	KUNIT_EXPECT_EQ(test, o->flags, in->flags);
	KUNIT_EXPECT_PTR_EQ(test, o->vm_ops, in->vm_ops);
	KUNIT_EXPECT_PTR_EQ(test, o->private_data, in->private_data);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* The action completes on the VMA; ->mapped runs after it, once. */
static void mpc_desc_apply_action_and_mapped(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_APPLY,
					   MPC_MODE_REMAP_FULL);
	long addr;
	int i;

	mpc_dev.desc_private = &mpc_dev.open_calls;
	mpc_dev.set_priv_out = true;
	mpc_dev.mapped_priv_out = &mpc_dev.close_calls;
	addr = mpc_kunit_mmap(file, MPC_PG(3), PROT_READ, MAP_SHARED, 2);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_nest.ret, 0);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      mpc_kunit_check_user_page(test, addr + MPC_PG(i), i + 2),
				      "page %d", i);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_first_pte);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_start, (unsigned long)addr);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, 2UL);
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_file, (const struct file *)file);
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_priv_in,
			    (void *)&mpc_dev.open_calls);
	KUNIT_EXPECT_PTR_EQ(test, mpc_nest.vma_out.private_data,
			    (void *)&mpc_dev.close_calls);
	KUNIT_EXPECT_PTR_EQ(test, mpc_kunit_vma(addr).private_data,
			    (void *)&mpc_dev.close_calls);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
}

/* ->mapped's error comes back from __compat_vma_mmap(), not overridden. */
static void mpc_desc_apply_mapped_failure(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_APPLY,
					   MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.mapped_ret = -ENOMEM;
	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, mpc_nest.ret, -ENOMEM);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	/* The .mmap error path of the kernel does not call ->close. */
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/*
 * A failed completion: __compat_vma_mmap() returns the error itself; 7.3
 * applies error_override only on the direct (non-compat) path.
 */
static void mpc_desc_apply_completion_failure(struct kunit *test)
{
	struct file *file = mpc_nest_reset(test, MPC_NEST_APPLY,
					   MPC_MODE_KPAGES_SLAB);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, mpc_nest.ret, -EINVAL);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

static struct kunit_case mpc_desc_cases[] = {
	KUNIT_CASE(mpc_desc_from_vma_fields),
	KUNIT_CASE(mpc_desc_from_vma_stacked_file),
	KUNIT_CASE(mpc_desc_apply_fields),
	KUNIT_CASE(mpc_desc_apply_prepare_failure),
	KUNIT_CASE(mpc_desc_apply_action_and_mapped),
	KUNIT_CASE(mpc_desc_apply_mapped_failure),
	KUNIT_CASE(mpc_desc_apply_completion_failure),
	{}
};

static struct kunit_suite mpc_desc_suite = {
	.name = MPC_KUNIT_SUITE("mpc_desc"),
	.test_cases = mpc_desc_cases,
};

kunit_test_suite(mpc_desc_suite);

MODULE_DESCRIPTION("KUnit tests of compat_set_desc_from_vma()/__compat_vma_mmap()");
MODULE_LICENSE("GPL");
