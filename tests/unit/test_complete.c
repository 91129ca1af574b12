// SPDX-License-Identifier: GPL-2.0
/* mmap_action_complete(): the old kernel's building blocks and error_override. */
#include "harness.h"

static struct page *unit_pages[UNIT_PAGES];

static void complete_remap_calls_remap_pfn_range_with_the_action(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START + PAGE_SIZE;
	action.remap.start_pfn = 0x777;
	action.remap.size = 2 * PAGE_SIZE;
	action.remap.pgprot = __pgprot(0x63);
	CHECK_EQ(mmap_action_complete(&vma, &action, false), 0);
	CHECK_EQ(stub.nr_remap, 1);
	CHECK(stub.remap[0].vma == &vma);
	CHECK_EQ(stub.remap[0].addr, UNIT_START + PAGE_SIZE);
	CHECK_EQ(stub.remap[0].pfn, 0x777);
	CHECK_EQ(stub.remap[0].size, 2 * PAGE_SIZE);
	CHECK_EQ(pgprot_val(stub.remap[0].prot), 0x63);
	CHECK_EQ(vma.vm_flags, UNIT_SHARED_FLAGS | VM_IO | VM_PFNMAP |
		 VM_DONTEXPAND | VM_DONTDUMP);
}

static void complete_remap_failure_is_returned(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START;
	action.remap.size = PAGE_SIZE;
	stub.remap_fail = -ENOMEM;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), -ENOMEM);
	CHECK_EQ(mmap_action_complete(&vma, &action, true), -ENOMEM);
}

/* The layer's own checks, before remap_pfn_range() could BUG(). */
static void complete_remap_unaligned_start_is_einval(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };

	EXPECT_WARNINGS();
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START + 1;
	action.remap.size = PAGE_SIZE;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), -EINVAL);
	CHECK_EQ(stub.nr_remap, 0);
	CHECK_EQ(stub_warnings_in("action_complete.c"), 1);
}

static void complete_remap_zero_size_is_einval(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };

	EXPECT_WARNINGS();
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START;
	action.remap.size = 0;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), -EINVAL);
	CHECK_EQ(stub.nr_remap, 0);
	CHECK_EQ(stub.bugs, 0);
	CHECK_EQ(stub_warnings_in("action_complete.c"), 1);
}

/* Every size whose end wraps, also those PAGE_ALIGN() rounds up to 0. */
static void complete_remap_wrapping_size_is_einval(void)
{
	const unsigned long sizes[] = {
		ULONG_MAX, ULONG_MAX - 100, ULONG_MAX - PAGE_SIZE + 2,
		ULONG_MAX - PAGE_SIZE + 1, ULONG_MAX - UNIT_START + 1,
	};
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };
	unsigned int i;

	EXPECT_WARNINGS();
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
		action.remap.start = UNIT_START;
		action.remap.size = sizes[i];
		CHECK_EQ(mmap_action_complete(&vma, &action, false), -EINVAL);
	}
	CHECK_EQ(stub.nr_remap, 0);
	CHECK_EQ(stub.bugs, 0);
}

static void complete_map_kernel_pages_calls_vm_insert_pages(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_MAP_KERNEL_PAGES };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS | VM_MIXEDMAP, NULL);
	action.map_kernel.start = UNIT_START + 2 * PAGE_SIZE;
	action.map_kernel.pages = unit_pages;
	action.map_kernel.nr_pages = 3;
	action.map_kernel.pgoff = 99;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), 0);
	CHECK_EQ(stub.nr_insert, 1);
	CHECK(stub.insert[0].vma == &vma);
	CHECK_EQ(stub.insert[0].addr, UNIT_START + 2 * PAGE_SIZE);
	CHECK(stub.insert[0].pages == unit_pages);
	CHECK_EQ(stub.insert[0].num, 3);
	/* The action's own count is not consumed. */
	CHECK_EQ(action.map_kernel.nr_pages, 3);
	CHECK_EQ(stub.nr_remap, 0);
}

static void complete_map_kernel_pages_failure_is_returned(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_MAP_KERNEL_PAGES };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS | VM_MIXEDMAP, NULL);
	action.map_kernel.start = UNIT_START;
	action.map_kernel.pages = unit_pages;
	action.map_kernel.nr_pages = 1;
	stub.insert_fail = -EBUSY;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), -EBUSY);
}

static void complete_nothing_touches_nothing(void)
{
	struct vm_area_struct vma, before;
	struct mmap_action action = { .type = MMAP_NOTHING };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	memcpy(&before, &vma, sizeof(vma));
	CHECK_EQ(mmap_action_complete(&vma, &action, false), 0);
	CHECK(!memcmp(&vma, &before, sizeof(vma)));
	CHECK_EQ(stub.nr_remap + stub.nr_insert, 0);
}

static void complete_undelegated_io_remap_types_are_einval(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_IO_REMAP_PFN };

	EXPECT_WARNINGS();
	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START;
	action.remap.size = PAGE_SIZE;
	CHECK_EQ(mmap_action_complete(&vma, &action, true), -EINVAL);
	action.type = MMAP_SIMPLE_IO_REMAP;
	CHECK_EQ(mmap_action_complete(&vma, &action, true), -EINVAL);
	CHECK_EQ(stub.nr_remap, 0);
	CHECK_EQ(stub_warnings_in("action_complete.c"), 1);
}

static void complete_error_override_replaces_error_unless_compat(void)
{
	struct vm_area_struct vma;
	struct mmap_action action = { .type = MMAP_REMAP_PFN };

	unit_vma_init(&vma, UNIT_SHARED_FLAGS, NULL);
	action.remap.start = UNIT_START;
	action.remap.size = PAGE_SIZE;
	action.error_override = -EAGAIN;
	stub.remap_fail = -ENOMEM;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), -EAGAIN);
	CHECK_EQ(mmap_action_complete(&vma, &action, true), -ENOMEM);
	/* No error, nothing to override. */
	stub.remap_fail = 0;
	CHECK_EQ(mmap_action_complete(&vma, &action, false), 0);
}

static const struct unit_test complete_tests[] = {
	UNIT_TEST(complete_remap_unaligned_start_is_einval),
	UNIT_TEST(complete_remap_zero_size_is_einval),
	UNIT_TEST(complete_remap_wrapping_size_is_einval),
	UNIT_TEST(complete_remap_calls_remap_pfn_range_with_the_action),
	UNIT_TEST(complete_remap_failure_is_returned),
	UNIT_TEST(complete_map_kernel_pages_calls_vm_insert_pages),
	UNIT_TEST(complete_map_kernel_pages_failure_is_returned),
	UNIT_TEST(complete_nothing_touches_nothing),
	UNIT_TEST(complete_undelegated_io_remap_types_are_einval),
	UNIT_TEST(complete_error_override_replaces_error_unless_compat),
};

UNIT_SUITE(complete, complete_tests);
