// SPDX-License-Identifier: GPL-2.0
/* The vm_area_desc helpers and the mmap_action_*() setters. */
#include "harness.h"

static struct page *unit_pages[UNIT_PAGES + 2];

static void vma_desc_size_is_end_minus_start(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	CHECK_EQ(vma_desc_size(&desc), UNIT_PAGES * PAGE_SIZE);
	desc.end = desc.start + 3 * PAGE_SIZE;
	CHECK_EQ(vma_desc_size(&desc), 3 * PAGE_SIZE);
}

static void vma_desc_pages_is_size_in_pages(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	CHECK_EQ(vma_desc_pages(&desc), UNIT_PAGES);
	desc.end = desc.start + PAGE_SIZE;
	CHECK_EQ(vma_desc_pages(&desc), 1);
}

static void vma_desc_set_anonymous_clears_vm_ops_only(void)
{
	struct vm_area_desc desc;
	int priv;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.private_data = &priv;
	CHECK(desc.vm_ops == &unit_dummy_vm_ops);
	vma_desc_set_anonymous(&desc);
	CHECK(!desc.vm_ops);
	CHECK(desc.private_data == &priv);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
}

static void vma_desc_is_cow_mapping_means_maywrite_not_shared(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	CHECK(vma_desc_is_cow_mapping(&desc));
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	CHECK(!vma_desc_is_cow_mapping(&desc));
	/* Private read-only mapping that can never be written: not CoW. */
	unit_desc_init(&desc, VM_READ | VM_MAYREAD);
	CHECK(!vma_desc_is_cow_mapping(&desc));
	/* Shared but never writable (MAP_SHARED of an O_RDONLY file). */
	unit_desc_init(&desc, VM_READ | VM_MAYREAD | VM_MAYSHARE);
	CHECK(vma_desc_is_cow_mapping(&desc) == false);
	/* VM_SHARED without VM_MAYWRITE. */
	unit_desc_init(&desc, VM_READ | VM_SHARED);
	CHECK(!vma_desc_is_cow_mapping(&desc));
}

static void range_in_vma_desc_accepts_subsets_only(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	CHECK(range_in_vma_desc(&desc, UNIT_START, UNIT_END));
	CHECK(range_in_vma_desc(&desc, UNIT_START + PAGE_SIZE,
				UNIT_END - PAGE_SIZE));
	CHECK(range_in_vma_desc(&desc, UNIT_END, UNIT_END));
	CHECK(!range_in_vma_desc(&desc, UNIT_START - PAGE_SIZE, UNIT_END));
	CHECK(!range_in_vma_desc(&desc, UNIT_START, UNIT_END + 1));
	CHECK(!range_in_vma_desc(&desc, UNIT_START - 1, UNIT_START + 1));
	CHECK(!range_in_vma_desc(NULL, UNIT_START, UNIT_END));
}

static void mmap_action_remap_sets_fields_and_snapshots_page_prot(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap(&desc, UNIT_START + PAGE_SIZE, 0x1234, 2 * PAGE_SIZE);
	/* A later change of page_prot does not reach the action. */
	desc.page_prot = __pgprot(0x999);
	CHECK_EQ(desc.action.type, MMAP_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START + PAGE_SIZE);
	CHECK_EQ(desc.action.remap.start_pfn, 0x1234);
	CHECK_EQ(desc.action.remap.size, 2 * PAGE_SIZE);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), UNIT_PROT);
	CHECK_EQ(desc.action.error_override, 0);
}

static void mmap_action_remap_full_covers_the_vma(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.page_prot = __pgprot(0x77);
	mmap_action_remap_full(&desc, 0x500);
	CHECK_EQ(desc.action.type, MMAP_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START);
	CHECK_EQ(desc.action.remap.start_pfn, 0x500);
	CHECK_EQ(desc.action.remap.size, UNIT_END - UNIT_START);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), 0x77);
}

static void mmap_action_remap_outside_vma_warns_once_per_site(void)
{
	struct vm_area_desc desc;

	EXPECT_WARNINGS();
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap(&desc, UNIT_START - PAGE_SIZE, 1, PAGE_SIZE);
	CHECK_EQ(stub.warnings, 1);
	mmap_action_remap(&desc, UNIT_START, 1, UNIT_END - UNIT_START + PAGE_SIZE);
	CHECK_EQ(stub.warnings, 2);
	mmap_action_remap(&desc, UNIT_END, 1, PAGE_SIZE);
	CHECK_EQ(stub_warn_max_per_site(), 1);
	/* The setter still records what it was given, as upstream does. */
	CHECK_EQ(desc.action.remap.start, UNIT_END);
}

/* An empty range at the very end: only the start check can see it. */
static void mmap_action_remap_at_vma_end_warns(void)
{
	struct vm_area_desc desc;

	EXPECT_WARNINGS();
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap(&desc, UNIT_END, 1, 0);
	CHECK_EQ(stub_warnings_in("action.h"), 1);
}

static void mmap_action_ioremap_sets_io_remap_type(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_ioremap(&desc, UNIT_START, 0xabc, PAGE_SIZE);
	CHECK_EQ(desc.action.type, MMAP_IO_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START);
	CHECK_EQ(desc.action.remap.start_pfn, 0xabc);
	CHECK_EQ(desc.action.remap.size, PAGE_SIZE);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), UNIT_PROT);
}

static void mmap_action_ioremap_full_covers_the_vma(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_ioremap_full(&desc, 0xdef);
	CHECK_EQ(desc.action.type, MMAP_IO_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START);
	CHECK_EQ(desc.action.remap.start_pfn, 0xdef);
	CHECK_EQ(desc.action.remap.size, UNIT_END - UNIT_START);
}

static void mmap_action_simple_ioremap_sets_phys_range(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 0x10000);
	CHECK_EQ(desc.action.type, MMAP_SIMPLE_IO_REMAP);
	CHECK_EQ(desc.action.simple_ioremap.start_phys_addr, 0xfe000000ULL);
	CHECK_EQ(desc.action.simple_ioremap.size, 0x10000);
}

static void mmap_action_map_kernel_pages_records_pgoff(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.pgoff = 5;
	mmap_action_map_kernel_pages(&desc, UNIT_START + PAGE_SIZE,
				     unit_pages, 3);
	CHECK_EQ(desc.action.type, MMAP_MAP_KERNEL_PAGES);
	CHECK_EQ(desc.action.map_kernel.start, UNIT_START + PAGE_SIZE);
	CHECK(desc.action.map_kernel.pages == unit_pages);
	CHECK_EQ(desc.action.map_kernel.nr_pages, 3);
	CHECK_EQ(desc.action.map_kernel.pgoff, 5);
}

static void mmap_action_map_kernel_pages_full_covers_the_vma(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages_full(&desc, unit_pages);
	CHECK_EQ(desc.action.type, MMAP_MAP_KERNEL_PAGES);
	CHECK_EQ(desc.action.map_kernel.start, UNIT_START);
	CHECK(desc.action.map_kernel.pages == unit_pages);
	CHECK_EQ(desc.action.map_kernel.nr_pages, UNIT_PAGES);
	CHECK_EQ(desc.action.map_kernel.pgoff, UNIT_PGOFF);
}

static const struct unit_test helpers_tests[] = {
	UNIT_TEST(vma_desc_size_is_end_minus_start),
	UNIT_TEST(vma_desc_pages_is_size_in_pages),
	UNIT_TEST(vma_desc_set_anonymous_clears_vm_ops_only),
	UNIT_TEST(vma_desc_is_cow_mapping_means_maywrite_not_shared),
	UNIT_TEST(range_in_vma_desc_accepts_subsets_only),
};

UNIT_SUITE(helpers, helpers_tests);

static const struct unit_test action_tests[] = {
	UNIT_TEST(mmap_action_remap_sets_fields_and_snapshots_page_prot),
	UNIT_TEST(mmap_action_remap_full_covers_the_vma),
	UNIT_TEST(mmap_action_remap_outside_vma_warns_once_per_site),
	UNIT_TEST(mmap_action_remap_at_vma_end_warns),
	UNIT_TEST(mmap_action_ioremap_sets_io_remap_type),
	UNIT_TEST(mmap_action_ioremap_full_covers_the_vma),
	UNIT_TEST(mmap_action_simple_ioremap_sets_phys_range),
	UNIT_TEST(mmap_action_map_kernel_pages_records_pgoff),
	UNIT_TEST(mmap_action_map_kernel_pages_full_covers_the_vma),
};

UNIT_SUITE(action, action_tests);
