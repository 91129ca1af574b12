// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: vm_operations_struct->mapped.
 *
 * 7.3 (mm/util.c, call_vma_mapped()/mmap_action_finish()): ->mapped runs once
 * per new VMA, after the action completed, with the VMA's final start, end,
 * pgoff and file and with *vm_private_data = the descriptor's private_data.
 * What it stores there becomes vm_private_data. If it fails, the mapping is
 * undone and mmap() returns its error.
 */
#include "mpc_kunit_dev.h"

/* Called once, after the hook and after the action's PTEs exist. */
static void mpc_mapped_after_action(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr = mpc_kunit_mmap(file, MPC_PG(3), PROT_READ, MAP_SHARED, 0);

	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_GT(test, mpc_dev.mapped_seq, mpc_dev.prepare_seq);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_first_pte);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_last_pte);
	/* ->mapped is not ->open. */
	KUNIT_EXPECT_EQ(test, mpc_dev.open_calls, 0);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

/* Same for map_kernel_pages. */
static void mpc_mapped_after_kpages(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_KPAGES_FULL);
	long addr = mpc_kunit_mmap(file, MPC_PG(4), PROT_READ, MAP_SHARED, 0);

	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_first_pte);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_last_pte);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);
}

/*
 * On 7.3's direct path ->mapped runs once the VMA is linked into the mm:
 * find_vma() finds it, with its final flags. On the compat path (7.3's own
 * compat_vma_mmap() as well as this package's trampoline) ->mapped runs
 * inside f_op->mmap, before mmap_region() links the VMA, so a ->mapped that
 * looks its VMA up cannot find it there: a known limitation of every
 * .mmap-based path, reported as a skip.
 */
static void mpc_mapped_vma_visible(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);

	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
	if (MMAP_PREPARE_COMPAT_EMULATED && !mpc_dev.m_vma_found)
		kunit_skip(test,
			   "compat path: ->mapped runs inside .mmap, before the VMA is linked");
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_vma_found);
	KUNIT_EXPECT_TRUE(test, mpc_dev.m_vma_flags & VM_PFNMAP);
}

/* The arguments: the VMA's start, end, final pgoff, file, private_data. */
static void mpc_mapped_arguments(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_NONE);
	long addr;

	mpc_dev.desc_private = &mpc_dev.open_calls;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 6);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_start, (unsigned long)addr);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_end, (unsigned long)addr + MPC_PG(2));
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, 6UL);
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_file, (const struct file *)file);
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_priv_in,
			    (void *)&mpc_dev.open_calls);
	/* Not changed by ->mapped: stays what the hook set. */
	KUNIT_EXPECT_PTR_EQ(test, mpc_kunit_vma(addr).private_data,
			    (void *)&mpc_dev.open_calls);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* pgoff as ->mapped sees it is the final one: the pfn for a CoW remap. */
static void mpc_mapped_pgoff_after_cow_remap(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE, 1);

	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, page_to_pfn(mpc_dev.buf) + 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* What ->mapped stores in *vm_private_data becomes vm_private_data. */
static void mpc_mapped_private_data_out(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.desc_private = &mpc_dev.open_calls;
	mpc_dev.set_priv_out = true;
	mpc_dev.mapped_priv_out = &mpc_dev.close_calls;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_priv_in,
			    (void *)&mpc_dev.open_calls);
	KUNIT_EXPECT_PTR_EQ(test, mpc_kunit_vma(addr).private_data,
			    (void *)&mpc_dev.close_calls);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);

	/* Also when the hook left private_data NULL. */
	mpc_dev.desc_private = NULL;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_NULL(test, mpc_dev.m_priv_in);
	KUNIT_EXPECT_PTR_EQ(test, mpc_kunit_vma(addr).private_data,
			    (void *)&mpc_dev.close_calls);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* A failing ->mapped fails mmap() with its error and removes the VMA. */
static void mpc_mapped_failure(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.mapped_ret = -ENOMEM;
	mpc_dev.set_priv_out = true;
	mpc_dev.mapped_priv_out = &mpc_dev.seq;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 1);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));

	/* Same without an action. */
	mpc_dev.mode = MPC_MODE_NONE;
	mpc_dev.mapped_ret = -ENOSPC;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOSPC);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 2);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/*
 * 7.3 undoes a mapping whose ->mapped failed with do_munmap(), which calls
 * ->close of the new VMA once (remove_vma() -> vma_close()).
 */
static void mpc_mapped_failure_closes(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.mapped_ret = -ENOMEM;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, mpc_dev.open_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

/*
 * do_munmap() clears the page tables before ->close: a ->close that frees
 * what a PFN remap mapped must find no PTE through which another thread of
 * the process could still read it.
 */
static void mpc_mapped_failure_zaps_before_close(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.mapped_ret = -ENOMEM;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_first_pte, true);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.c_first_pte, false);

	/* The same for an I/O remap. */
	mpc_dev.mode = MPC_MODE_IOREMAP_FULL;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 2);
	KUNIT_EXPECT_EQ(test, mpc_dev.c_first_pte, false);
}

/* Not called when the hook, the action's prepare or completion fails. */
static void mpc_mapped_not_on_failure(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_FAIL);
	long addr;

	mpc_dev.hook_ret = -EPERM;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EPERM);

	mpc_dev.mode = MPC_MODE_REMAP_OUTSIDE;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EFAULT);

	mpc_dev.mode = MPC_MODE_KPAGES_SLAB;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);

	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 3);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* vm_ops without ->mapped: nothing is called, the mapping works. */
static void mpc_mapped_absent(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long addr;

	mpc_dev.vm_ops = &mpc_dev_vm_ops_nomapped;
	mpc_dev.desc_private = &mpc_dev.seq;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_PTR_EQ(test, mpc_kunit_vma(addr).private_data,
			    (void *)&mpc_dev.seq);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 0));
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* Once per mmap(), also for several mappings of one file. */
static void mpc_mapped_per_mapping(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	long a, b;

	a = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	b = mpc_kunit_mmap(file, MPC_PG(3), PROT_READ, MAP_SHARED, 1);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(a));
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(b));
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 2);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 2);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_start, (unsigned long)b);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, 1UL);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, b, 1));
	KUNIT_EXPECT_EQ(test, vm_munmap(a, MPC_PG(2)), 0);
	KUNIT_EXPECT_EQ(test, vm_munmap(b, MPC_PG(3)), 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 2);
}

static struct kunit_case mpc_mapped_cases[] = {
	KUNIT_CASE(mpc_mapped_after_action),
	KUNIT_CASE(mpc_mapped_after_kpages),
	KUNIT_CASE(mpc_mapped_vma_visible),
	KUNIT_CASE(mpc_mapped_arguments),
	KUNIT_CASE(mpc_mapped_pgoff_after_cow_remap),
	KUNIT_CASE(mpc_mapped_private_data_out),
	KUNIT_CASE(mpc_mapped_failure),
	KUNIT_CASE(mpc_mapped_failure_closes),
	KUNIT_CASE(mpc_mapped_failure_zaps_before_close),
	KUNIT_CASE(mpc_mapped_not_on_failure),
	KUNIT_CASE(mpc_mapped_absent),
	KUNIT_CASE(mpc_mapped_per_mapping),
	{}
};

static struct kunit_suite mpc_mapped_suite = {
	.name = MPC_KUNIT_SUITE("mpc_mapped"),
	.test_cases = mpc_mapped_cases,
};

kunit_test_suite(mpc_mapped_suite);

MODULE_DESCRIPTION("KUnit tests of vm_operations_struct->mapped");
MODULE_LICENSE("GPL");
