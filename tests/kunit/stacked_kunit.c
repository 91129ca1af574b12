// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the stacked callers: compat_vma_mmap() of a backing file,
 * and compat_set_desc_from_vma() + __compat_vma_mmap() around an inner hook
 * reached through a function pointer, as uio (info->mmap_prepare) and vmbus
 * (channel->mmap_prepare_ring_buffer) do in 7.3. Natively the kernel's own
 * helpers run; on the compat path this package's, with the same results:
 * the action's or ->mapped's own error, no error_override, no ->close.
 */
#include "mpc_kunit_dev.h"

/* One ->mapped table for the pointer callers, as a driver declares it. */
MMAP_PREPARE_COMPAT_MAPPED_TABLE(mpc_stk_table,
				 MMAP_PREPARE_MAPPED_ENTRY(&mpc_dev_vm_ops,
							   mpc_dev_mapped));

/* uio-style: the inner hook takes the object that holds the pointer. */
struct mpc_stk_info {
	int (*mmap_prepare)(struct mpc_stk_info *info,
			    struct vm_area_desc *desc);
};

/* vmbus-style: a second shape of the same thing. */
struct mpc_stk_channel {
	int (*mmap_prepare_ring_buffer)(struct mpc_stk_channel *channel,
					struct vm_area_desc *desc);
};

static int mpc_stk_info_prepare(struct mpc_stk_info *info,
				struct vm_area_desc *desc)
{
	return mpc_dev_prepare(desc);
}

static int mpc_stk_channel_prepare(struct mpc_stk_channel *channel,
				   struct vm_area_desc *desc)
{
	return mpc_dev_prepare(desc);
}

static struct mpc_stk_info mpc_stk_info = {
	.mmap_prepare = mpc_stk_info_prepare,
};

static struct mpc_stk_channel mpc_stk_channel = {
	.mmap_prepare_ring_buffer = mpc_stk_channel_prepare,
};

static struct file *mpc_stk_backing;

static int mpc_stk_compat_mmap(struct file *file, struct vm_area_struct *vma)
{
	return compat_vma_mmap(mpc_stk_backing, vma);
}

static int mpc_stk_uio_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_stk_info *info = &mpc_stk_info;
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, mpc_stk_table);
	err = info->mmap_prepare(info, &desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static int mpc_stk_vmbus_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_stk_channel *channel = &mpc_stk_channel;
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, mpc_stk_table);
	err = channel->mmap_prepare_ring_buffer(channel, &desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static const struct file_operations mpc_stk_compat_fops = {
	.mmap = mpc_stk_compat_mmap,
};

static const struct file_operations mpc_stk_uio_fops = {
	.mmap = mpc_stk_uio_mmap,
};

static const struct file_operations mpc_stk_vmbus_fops = {
	.mmap = mpc_stk_vmbus_mmap,
};

/* The outer file of a stacked caller, over a fresh test device. */
static struct file *mpc_stk_reset(struct kunit *test, enum mpc_dev_mode mode,
				  const struct file_operations *fops)
{
	mpc_stk_backing = mpc_dev_reset(test, mode);
	return mpc_kunit_file(test, fops, &mpc_dev);
}

/* Success: the inner hook, its action and ->mapped, once each. */
static void mpc_stacked_maps(struct kunit *test,
			     const struct file_operations *fops)
{
	struct file *file = mpc_stk_reset(test, MPC_MODE_REMAP_FULL, fops);
	long addr;

	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 1);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_start, (unsigned long)addr);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, 1UL);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_first_pte);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 1));
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

/* Failure: the own error, never error_override, and no ->close. */
static void mpc_stacked_fails(struct kunit *test,
			      const struct file_operations *fops)
{
	struct file *file = mpc_stk_reset(test, MPC_MODE_KPAGES_SLAB, fops);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);

	mpc_dev.mode = MPC_MODE_REMAP_FULL;
	mpc_dev.mapped_ret = -ENOSPC;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOSPC);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);

	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

static void mpc_stacked_compat_vma_mmap(struct kunit *test)
{
	mpc_stacked_maps(test, &mpc_stk_compat_fops);
}

static void mpc_stacked_compat_vma_mmap_failure(struct kunit *test)
{
	mpc_stacked_fails(test, &mpc_stk_compat_fops);
}

static void mpc_stacked_uio_pointer(struct kunit *test)
{
	mpc_stacked_maps(test, &mpc_stk_uio_fops);
}

static void mpc_stacked_uio_pointer_failure(struct kunit *test)
{
	mpc_stacked_fails(test, &mpc_stk_uio_fops);
}

static void mpc_stacked_vmbus_pointer(struct kunit *test)
{
	mpc_stacked_maps(test, &mpc_stk_vmbus_fops);
}

static void mpc_stacked_vmbus_pointer_failure(struct kunit *test)
{
	mpc_stacked_fails(test, &mpc_stk_vmbus_fops);
}

/* After a stacked mapping the backing file mapped directly is direct again. */
static void mpc_stacked_then_direct(struct kunit *test)
{
	struct file *file = mpc_stk_reset(test, MPC_MODE_KPAGES_SLAB,
					  &mpc_stk_compat_fops);
	long addr;

	mpc_dev.error_override = -EAGAIN;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	addr = mpc_kunit_mmap(mpc_stk_backing, MPC_PG(2), PROT_READ,
			      MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EAGAIN);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

static struct kunit_case mpc_stacked_cases[] = {
	KUNIT_CASE(mpc_stacked_compat_vma_mmap),
	KUNIT_CASE(mpc_stacked_compat_vma_mmap_failure),
	KUNIT_CASE(mpc_stacked_uio_pointer),
	KUNIT_CASE(mpc_stacked_uio_pointer_failure),
	KUNIT_CASE(mpc_stacked_vmbus_pointer),
	KUNIT_CASE(mpc_stacked_vmbus_pointer_failure),
	KUNIT_CASE(mpc_stacked_then_direct),
	{}
};

static struct kunit_suite mpc_stacked_suite = {
	.name = MPC_KUNIT_SUITE("mpc_stacked"),
	.test_cases = mpc_stacked_cases,
};

kunit_test_suite(mpc_stacked_suite);

MODULE_DESCRIPTION("KUnit tests of stacked mmap_prepare callers");
MODULE_LICENSE("GPL");
