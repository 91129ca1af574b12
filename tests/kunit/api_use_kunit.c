// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: every 7.3 name a driver can use in an mmap_prepare hook exists and
 * does what 7.3 does, natively and on the compat path. The names are those
 * of tests/kunit/api-names.txt (generated from 7.3's headers); the lint
 * suite fails when a listed name is not used here, so a name upstream adds
 * cannot be forgotten.
 */
#include "mpc_kunit.h"

/* Optional flags that older kernels do not define at all. */
#ifndef VM_UFFD_RWP
#define VM_UFFD_RWP		VM_NONE
#endif
#ifndef VM_UFFD_MINOR
#define VM_UFFD_MINOR		VM_NONE
#endif
#ifndef VM_DROPPABLE
#define VM_DROPPABLE		VM_NONE
#endif
#ifndef VM_SHADOW_STACK
#define VM_SHADOW_STACK		VM_NONE
#endif

/* Flag set helpers: mk/append, set/clear, and their mask forms. */
static void mpc_api_use_flags(struct kunit *test)
{
	vma_flags_t flags = mk_vma_flags(VMA_READ_BIT, VMA_WRITE_BIT);
	vma_flags_t other;

	KUNIT_EXPECT_EQ(test, vma_flags_count(&flags), 2);
	flags = append_vma_flags(flags, VMA_EXEC_BIT);
	KUNIT_EXPECT_TRUE(test, vma_flags_test(&flags, VMA_EXEC_BIT));
	KUNIT_EXPECT_TRUE(test, vma_flags_test_all(&flags, VMA_READ_BIT,
						   VMA_WRITE_BIT));
	KUNIT_EXPECT_TRUE(test, vma_flags_test_all_mask(&flags,
							VMA_ACCESS_FLAGS));
	KUNIT_EXPECT_TRUE(test, vma_flags_test_any(&flags, VMA_IO_BIT,
						   VMA_READ_BIT));
	KUNIT_EXPECT_FALSE(test, vma_flags_test_any_mask(&flags,
							 VMA_REMAP_FLAGS));
	KUNIT_EXPECT_TRUE(test, vma_flags_same_mask(&flags, VMA_ACCESS_FLAGS));
	KUNIT_EXPECT_TRUE(test, vma_flags_same(&flags, VMA_READ_BIT,
					       VMA_WRITE_BIT, VMA_EXEC_BIT));

	vma_flags_set(&flags, VMA_IO_BIT);
	vma_flags_set_flag(&flags, VMA_DONTDUMP_BIT);
	vma_flags_set_mask(&flags, VMA_SPECIAL_FLAGS);
	KUNIT_EXPECT_TRUE(test, vma_flags_test(&flags, VMA_MIXEDMAP_BIT));
	vma_flags_clear(&flags, VMA_MIXEDMAP_BIT);
	vma_flags_clear_mask(&flags, VMA_SPECIAL_FLAGS);
	KUNIT_EXPECT_TRUE(test, vma_flags_same(&flags, VMA_READ_BIT,
					       VMA_WRITE_BIT, VMA_EXEC_BIT,
					       VMA_DONTDUMP_BIT));

	other = vma_flags_and(&flags, VMA_READ_BIT, VMA_IO_BIT);
	KUNIT_EXPECT_TRUE(test, vma_flags_same(&other, VMA_READ_BIT));
	other = vma_flags_and_mask(&flags, VMA_ACCESS_FLAGS);
	KUNIT_EXPECT_EQ(test, vma_flags_count(&other), 3);
	other = vma_flags_diff_pair(&flags, &other);
	KUNIT_EXPECT_TRUE(test, vma_flags_same(&other, VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_FALSE(test, vma_flags_same_pair(&flags, &other));
	other = flags;
	KUNIT_EXPECT_TRUE(test, vma_flags_same_pair(&flags, &other));

	vma_flags_clear_all(&flags);
	KUNIT_EXPECT_TRUE(test, vma_flags_empty(&flags));
	KUNIT_EXPECT_TRUE(test, vma_flags_same_mask(&flags, EMPTY_VMA_FLAGS));
}

/* Conversion, CoW test and the optional-flag masks. */
static void mpc_api_use_masks(struct kunit *test)
{
	vma_flags_t flags = legacy_to_vma_flags(VM_READ | VM_MAYWRITE);
	vma_flags_t opt;

	KUNIT_EXPECT_EQ(test, vma_flags_to_legacy(flags),
			(vm_flags_t)(VM_READ | VM_MAYWRITE));
	KUNIT_EXPECT_TRUE(test, vma_flags_is_cow_mapping(&flags));

	/* Each optional mask is one flag where the kernel has it, or empty. */
	opt = mk_vma_flags_from_masks(VMA_UFFD_MISSING, VMA_UFFD_WP,
				      VMA_UFFD_MINOR, VMA_UFFD_RWP,
				      VMA_DROPPABLE, VMA_SHADOW_STACK,
				      VMA_GROWSUP);
	KUNIT_EXPECT_EQ(test, vma_flags_count(&opt),
			!!VM_UFFD_MISSING + !!VM_UFFD_WP + !!VM_UFFD_MINOR +
			!!VM_UFFD_RWP + !!VM_DROPPABLE + !!VM_SHADOW_STACK +
			!!VM_GROWSUP);
	KUNIT_EXPECT_EQ(test, vma_flags_to_legacy(opt),
			(vm_flags_t)(VM_UFFD_MISSING | VM_UFFD_WP |
				     VM_UFFD_MINOR | VM_UFFD_RWP |
				     VM_DROPPABLE | VM_SHADOW_STACK |
				     VM_GROWSUP));
	KUNIT_EXPECT_EQ(test, vma_flags_test_single_mask(&opt, VMA_GROWSUP),
			!!VM_GROWSUP);
	KUNIT_EXPECT_FALSE(test, vma_flags_test_single_mask(&flags,
							    EMPTY_VMA_FLAGS));
}

/* Descriptor helpers and the action set-up helpers. */
static void mpc_api_use_desc(struct kunit *test)
{
	struct vm_area_desc desc;
	struct page *pages[2] = { };

	mpc_kunit_desc_init(&desc, MPC_DESC_START, 2, 0, true);
	KUNIT_EXPECT_EQ(test, vma_desc_size(&desc), MPC_PG(2));
	KUNIT_EXPECT_EQ(test, vma_desc_pages(&desc), 2UL);
	KUNIT_EXPECT_FALSE(test, vma_desc_is_cow_mapping(&desc));
	KUNIT_EXPECT_TRUE(test, range_in_vma_desc(&desc, MPC_DESC_START,
						  MPC_DESC_START + MPC_PG(1)));
	vma_desc_set_flags(&desc, VMA_DONTEXPAND_BIT);
	vma_desc_set_flags_mask(&desc, mk_vma_flags(VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, VMA_DONTEXPAND_BIT));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all(&desc, VMA_DONTEXPAND_BIT,
						  VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test_all_mask(&desc,
							VMA_ACCESS_FLAGS));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_any(&desc, VMA_IO_BIT,
						  VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_any_mask(&desc,
						       VMA_REMAP_FLAGS));
	vma_desc_clear_flags(&desc, VMA_DONTEXPAND_BIT);
	vma_desc_clear_flags_mask(&desc, mk_vma_flags(VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any(&desc, VMA_DONTEXPAND_BIT,
						   VMA_DONTDUMP_BIT));

	mmap_action_remap(&desc, MPC_DESC_START, 0x1000, MPC_PG(1));
	KUNIT_EXPECT_EQ(test, (int)desc.action.type, (int)MMAP_REMAP_PFN);
	mmap_action_remap_full(&desc, 0x1000);
	KUNIT_EXPECT_EQ(test, desc.action.remap.size, MPC_PG(2));
	mmap_action_ioremap(&desc, MPC_DESC_START, 0x1000, MPC_PG(1));
	KUNIT_EXPECT_EQ(test, (int)desc.action.type, (int)MMAP_IO_REMAP_PFN);
	mmap_action_ioremap_full(&desc, 0x1000);
	KUNIT_EXPECT_EQ(test, desc.action.remap.size, MPC_PG(2));
	mmap_action_simple_ioremap(&desc, 0x1000000, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, (int)desc.action.type,
			(int)MMAP_SIMPLE_IO_REMAP);
	mmap_action_map_kernel_pages(&desc, MPC_DESC_START, pages, 1);
	KUNIT_EXPECT_EQ(test, desc.action.map_kernel.nr_pages, 1UL);
	mmap_action_map_kernel_pages_full(&desc, pages);
	KUNIT_EXPECT_EQ(test, desc.action.map_kernel.nr_pages, 2UL);

	desc.vm_ops = (void *)&desc;
	vma_desc_set_anonymous(&desc);
	KUNIT_EXPECT_NULL(test, desc.vm_ops);

	/* The two exported steps of the action, run by the other suites. */
	KUNIT_EXPECT_NOT_NULL(test, (void *)mmap_action_prepare);
	KUNIT_EXPECT_NOT_NULL(test, (void *)mmap_action_complete);
}

static struct kunit_case mpc_api_use_cases[] = {
	KUNIT_CASE(mpc_api_use_flags),
	KUNIT_CASE(mpc_api_use_masks),
	KUNIT_CASE(mpc_api_use_desc),
	{}
};

static struct kunit_suite mpc_api_use_suite = {
	.name = MPC_KUNIT_SUITE("mpc_api_use"),
	.test_cases = mpc_api_use_cases,
};

kunit_test_suite(mpc_api_use_suite);

MODULE_DESCRIPTION("KUnit: every driver-facing 7.3 name of the API");
MODULE_LICENSE("GPL");
