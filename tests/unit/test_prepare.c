// SPDX-License-Identifier: GPL-2.0
/* mmap_action_prepare(): each action's validation, and error_override. */
#include "harness.h"

#define REMAP_VM_FLAGS	(VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP)

static struct page *unit_pages[UNIT_PAGES + 2];

static void prepare_nothing_succeeds_and_changes_nothing(void)
{
	struct vm_area_desc desc, before;

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	before = desc;
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK(!memcmp(&desc, &before, sizeof(desc)));
}

static void prepare_remap_outside_vma_is_efault(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.action.type = MMAP_REMAP_PFN;
	desc.action.remap.start = UNIT_START - PAGE_SIZE;
	desc.action.remap.size = PAGE_SIZE;
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);

	mmap_action_remap_full(&desc, 0x100);
	desc.action.remap.size += PAGE_SIZE;
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);
	/* Nothing was applied. */
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);

	/* Also for a CoW mapping: the range is checked first. */
	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_remap_full(&desc, 0x100);
	desc.action.remap.start += PAGE_SIZE;
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);
}

static void prepare_remap_partial_cow_is_einval(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_remap(&desc, UNIT_START, 0x100, 2 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_PRIVATE_FLAGS);

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_remap(&desc, UNIT_START + PAGE_SIZE, 0x100,
			  UNIT_END - UNIT_START - PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
}

static void prepare_remap_full_cow_sets_pgoff_to_pfn(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_remap_full(&desc, 0x4321);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.pgoff, 0x4321);
	CHECK_EQ(desc.action.type, MMAP_REMAP_PFN);
}

static void prepare_remap_shared_partial_keeps_pgoff(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap(&desc, UNIT_START + PAGE_SIZE, 0x4321, PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);
}

static void prepare_remap_sets_io_pfnmap_dontexpand_dontdump(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap_full(&desc, 0x10);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), UNIT_PROT);
}

static void prepare_ioremap_becomes_remap_pfn_with_decrypted_prot(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_ioremap(&desc, UNIT_START, 0x900, 2 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.action.type, MMAP_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START);
	CHECK_EQ(desc.action.remap.start_pfn, UNIT_IO_PFN(0x900));
	CHECK_EQ(desc.action.remap.size, 2 * PAGE_SIZE);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), UNIT_PROT & ~STUB_PAGE_ENC);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
}

/* 7.3 io_remap_pfn_range_prepare(): the arch hook translates the PFN. */
static void prepare_ioremap_translates_pfn_through_arch_hook(void)
{
	struct vm_area_desc desc;
	unsigned long want = 0x900;

#ifdef STUB_ARCH_IO_REMAP_PFN
	want += STUB_ARCH_IO_REMAP_PFN;
#endif
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_ioremap_full(&desc, 0x900);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.action.remap.start_pfn, want);

	/* A plain remap is never translated. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap_full(&desc, 0x900);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.action.remap.start_pfn, 0x900);
}

static void prepare_ioremap_checks_as_remap(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_ioremap(&desc, UNIT_END - PAGE_SIZE, 0x900, PAGE_SIZE);
	desc.action.remap.size += PAGE_SIZE;
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);
	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_ioremap(&desc, UNIT_START, 0x900, PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	mmap_action_ioremap_full(&desc, 0x900);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.pgoff, UNIT_IO_PFN(0x900));
}

static void prepare_simple_ioremap_wrapping_phys_range_is_einval(void)
{
	struct vm_area_desc desc;

	/* The last page of the physical space plus one: it wraps to 0. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.end = desc.start + PAGE_SIZE;
	desc.pgoff = 0;
	mmap_action_simple_ioremap(&desc, ~0ULL - PAGE_SIZE + 1, 2 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	CHECK_EQ(desc.action.type, MMAP_SIMPLE_IO_REMAP);
}

static void prepare_simple_ioremap_pgoff_beyond_range_is_einval(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.end = desc.start + PAGE_SIZE;
	desc.pgoff = 17;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 16 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	/* pgoff == pages leaves nothing to map. */
	desc.pgoff = 16;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 16 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
}

static void prepare_simple_ioremap_too_small_is_einval(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);	/* 8 pages */
	desc.pgoff = 0;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 7 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	/* Enough pages, but not from pgoff 2 on. */
	desc.pgoff = 2;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 9 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
}

static void prepare_simple_ioremap_computes_pfn_from_pgoff(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.pgoff = 2;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 10 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.action.type, MMAP_REMAP_PFN);
	CHECK_EQ(desc.action.remap.start, UNIT_START);
	CHECK_EQ(desc.action.remap.start_pfn, UNIT_IO_PFN(0xfe000 + 2));
	CHECK_EQ(desc.action.remap.size, UNIT_END - UNIT_START);
	CHECK_EQ(pgprot_val(desc.action.remap.pgprot), UNIT_PROT & ~STUB_PAGE_ENC);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | REMAP_VM_FLAGS);
	CHECK_EQ(desc.pgoff, 2);
}

static void prepare_simple_ioremap_sub_page_start_rounds_to_its_page(void)
{
	struct vm_area_desc desc;

	/* 0x...123 + 0x7000 spans 8 pages: exactly the VMA. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.pgoff = 0;
	mmap_action_simple_ioremap(&desc, 0xfe000123ULL, 7 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.action.remap.start_pfn, UNIT_IO_PFN(0xfe000));

	/* 0x...123 + 0x6edd ends on a page boundary: 7 pages, too small. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.pgoff = 0;
	mmap_action_simple_ioremap(&desc, 0xfe000123ULL, 7 * PAGE_SIZE - 0x123);
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
}

static void prepare_simple_ioremap_of_cow_mapping_sets_pgoff_to_pfn(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_PRIVATE_FLAGS);
	desc.pgoff = 1;
	mmap_action_simple_ioremap(&desc, 0xfe000000ULL, 16 * PAGE_SIZE);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(desc.pgoff, UNIT_IO_PFN(0xfe001));
}

static void prepare_map_kernel_pages_sets_mixedmap(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages_full(&desc, unit_pages);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | VM_MIXEDMAP);
	CHECK_EQ(desc.action.type, MMAP_MAP_KERNEL_PAGES);
	CHECK_EQ(desc.pgoff, UNIT_PGOFF);
}

static void prepare_map_kernel_pages_outside_vma_is_efault(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages(&desc, UNIT_START, unit_pages,
				     UNIT_PAGES + 1);
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages(&desc, UNIT_START + PAGE_SIZE, unit_pages,
				     UNIT_PAGES);
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages(&desc, UNIT_START - PAGE_SIZE, unit_pages, 1);
	CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);

	/* A part of the VMA is fine. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_map_kernel_pages(&desc, UNIT_START + PAGE_SIZE, unit_pages,
				     UNIT_PAGES - 1);
	CHECK_EQ(mmap_action_prepare(&desc), 0);
}

/*
 * Hardening (7.3 lets these through): a page count whose byte length or end
 * wraps lands back inside the VMA unless the arithmetic is checked.
 */
static void prepare_map_kernel_pages_wrapping_count_is_efault(void)
{
	const unsigned long addr = UNIT_START + PAGE_SIZE;
	const unsigned long counts[] = {
		ULONG_MAX,			/* length wraps to -PAGE_SIZE */
		1UL << (BITS_PER_LONG - PAGE_SHIFT), /* length wraps to 0 */
		(ULONG_MAX - addr) / PAGE_SIZE + 2,  /* end wraps past 0 */
	};
	struct vm_area_desc desc;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		unit_desc_init(&desc, UNIT_SHARED_FLAGS);
		mmap_action_map_kernel_pages(&desc, addr, unit_pages, counts[i]);
		CHECK_EQ(mmap_action_prepare(&desc), -EFAULT);
	}
}

static void prepare_unknown_action_type_is_einval(void)
{
	struct vm_area_desc desc;

	EXPECT_WARNINGS();
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.action.type = (enum mmap_action_type)77;
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	CHECK_EQ(stub.warnings, 1);
}

static void prepare_error_override_zero_or_errno_is_accepted(void)
{
	static const int valid[] = { 0, -1, -EAGAIN, -ENOMEM, -4095 };
	struct vm_area_desc desc;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(valid); i++) {
		unit_desc_init(&desc, UNIT_SHARED_FLAGS);
		mmap_action_remap_full(&desc, 0x10);
		desc.action.error_override = valid[i];
		CHECK_EQ(mmap_action_prepare(&desc), 0);
		CHECK_EQ(desc.action.error_override, valid[i]);
	}
	CHECK_EQ(stub.warnings, 0);
}

static void prepare_error_override_not_errno_is_einval_warning_once(void)
{
	static const int invalid[] = { 1, 4096, INT_MIN, -4096, INT_MAX };
	struct vm_area_desc desc;
	unsigned int i;

	EXPECT_WARNINGS();
	for (i = 0; i < ARRAY_SIZE(invalid); i++) {
		unit_desc_init(&desc, UNIT_SHARED_FLAGS);
		mmap_action_remap_full(&desc, 0x10);
		desc.action.error_override = invalid[i];
		CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
		/* Refused before the action is prepared. */
		CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
	}
	CHECK_EQ(stub.warnings, 1);
	CHECK_EQ(stub_warn_sites(), 1);
	CHECK_EQ(stub_warnings_in("action_prepare.c"), 1);

	/* Checked for MMAP_NOTHING too, before any action's own check. */
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	desc.action.error_override = 1;
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	mmap_action_remap(&desc, UNIT_START - PAGE_SIZE, 1, PAGE_SIZE);
	desc.action.error_override = 4096;
	CHECK_EQ(mmap_action_prepare(&desc), -EINVAL);
	CHECK_EQ(stub_warnings_in("action_prepare.c"), 1);
}

static const struct unit_test prepare_tests[] = {
	UNIT_TEST(prepare_nothing_succeeds_and_changes_nothing),
	UNIT_TEST(prepare_remap_outside_vma_is_efault),
	UNIT_TEST(prepare_remap_partial_cow_is_einval),
	UNIT_TEST(prepare_remap_full_cow_sets_pgoff_to_pfn),
	UNIT_TEST(prepare_remap_shared_partial_keeps_pgoff),
	UNIT_TEST(prepare_remap_sets_io_pfnmap_dontexpand_dontdump),
	UNIT_TEST(prepare_ioremap_becomes_remap_pfn_with_decrypted_prot),
	UNIT_TEST(prepare_ioremap_translates_pfn_through_arch_hook),
	UNIT_TEST(prepare_ioremap_checks_as_remap),
	UNIT_TEST(prepare_simple_ioremap_wrapping_phys_range_is_einval),
	UNIT_TEST(prepare_simple_ioremap_pgoff_beyond_range_is_einval),
	UNIT_TEST(prepare_simple_ioremap_too_small_is_einval),
	UNIT_TEST(prepare_simple_ioremap_computes_pfn_from_pgoff),
	UNIT_TEST(prepare_simple_ioremap_sub_page_start_rounds_to_its_page),
	UNIT_TEST(prepare_simple_ioremap_of_cow_mapping_sets_pgoff_to_pfn),
	UNIT_TEST(prepare_map_kernel_pages_sets_mixedmap),
	UNIT_TEST(prepare_map_kernel_pages_outside_vma_is_efault),
	UNIT_TEST(prepare_map_kernel_pages_wrapping_count_is_efault),
	UNIT_TEST(prepare_unknown_action_type_is_einval),
	UNIT_TEST(prepare_error_override_zero_or_errno_is_accepted),
	UNIT_TEST(prepare_error_override_not_errno_is_einval_warning_once),
};

UNIT_SUITE(prepare, prepare_tests);
