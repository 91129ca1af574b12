// SPDX-License-Identifier: GPL-2.0
/* VMA flag bits, the vma_flags_*() and vma_desc_*() flag helpers, translation. */
#include "harness.h"

#define CHECK_BIT(name)							\
	do {								\
		if (VM_##name) {					\
			CHECK_EQ((int)VMA_##name##_BIT, ilog2(VM_##name)); \
			checked++;					\
		}							\
	} while (0)

static void vma_bits_equal_ilog2_of_vm_flags(void)
{
	unsigned int checked = 0;

	CHECK_BIT(READ);
	CHECK_BIT(WRITE);
	CHECK_BIT(EXEC);
	CHECK_BIT(SHARED);
	CHECK_BIT(MAYREAD);
	CHECK_BIT(MAYWRITE);
	CHECK_BIT(MAYEXEC);
	CHECK_BIT(MAYSHARE);
	CHECK_BIT(GROWSDOWN);
	CHECK_BIT(UFFD_MISSING);
	CHECK_BIT(PFNMAP);
#ifdef VM_DENYWRITE
	CHECK_BIT(DENYWRITE);
#endif
	CHECK_BIT(UFFD_WP);
	CHECK_BIT(LOCKED);
	CHECK_BIT(IO);
	CHECK_BIT(SEQ_READ);
	CHECK_BIT(RAND_READ);
	CHECK_BIT(DONTCOPY);
	CHECK_BIT(DONTEXPAND);
	CHECK_BIT(LOCKONFAULT);
	CHECK_BIT(ACCOUNT);
	CHECK_BIT(NORESERVE);
	CHECK_BIT(HUGETLB);
	CHECK_BIT(SYNC);
	CHECK_BIT(ARCH_1);
	CHECK_BIT(WIPEONFORK);
	CHECK_BIT(DONTDUMP);
	CHECK_BIT(SOFTDIRTY);
	CHECK_BIT(MIXEDMAP);
	CHECK_BIT(HUGEPAGE);
	CHECK_BIT(NOHUGEPAGE);
	CHECK_BIT(MERGEABLE);
	CHECK_BIT(HIGH_ARCH_0);
	CHECK_BIT(HIGH_ARCH_4);
	CHECK_BIT(PKEY_BIT0);
	CHECK_BIT(PKEY_BIT3);
#ifdef VM_PAT
	CHECK_BIT(PAT);
#endif
#ifdef VM_ARM64_BTI
	CHECK_BIT(ARM64_BTI);
	CHECK_BIT(ARCH_CLEAR);
#endif
	CHECK_BIT(MTE);
	CHECK_BIT(MTE_ALLOWED);
	CHECK_BIT(STACK);
#ifdef VM_UFFD_MINOR
	CHECK_BIT(UFFD_MINOR);
#endif
#ifdef VM_SHADOW_STACK
	CHECK_BIT(SHADOW_STACK);
#endif
#ifdef VM_ALLOW_ANY_UNCACHED
	CHECK_BIT(ALLOW_ANY_UNCACHED);
#endif
#ifdef VM_DROPPABLE
	CHECK_BIT(DROPPABLE);
#endif
#ifdef VM_SEALED
	CHECK_BIT(SEALED);
#endif
#ifdef STUB_ARCH_ARM64
	/* the x86 stubs' PAT, SOFTDIRTY and PKEY_BIT3; arm64's BTI, MTE */
	CHECK(checked >= 39);
#else
	CHECK(checked >= 37);
#endif
}

/*
 * VM_x == VM_NONE here and 7.3's number is one it shares between
 * architectures: the name stands for an empty mask, never for the flag that
 * owns that bit on this kernel (VM_PAT at 24, the pkey bits at 32 - 36).
 */
#ifndef STUB_ARCH_ARM64
static void vma_bits_of_absent_arch_flags_are_empty(void)
{
	vma_flags_t flags = mk_vma_flags(VMA_GROWSUP_BIT, VMA_MTE_BIT,
					 VMA_MTE_ALLOWED_BIT,
					 VMA_PKEY_BIT4_BIT);
	struct vm_area_desc desc;

	CHECK_EQ(VM_GROWSUP, 0);
	CHECK_EQ(VM_PKEY_BIT4, 0);
	CHECK_EQ(VM_MTE, 0);
	CHECK(vma_flags_empty(&flags));
	vma_flags_set_flag(&flags, VMA_MTE_BIT);
	CHECK(vma_flags_empty(&flags));

	flags = legacy_to_vma_flags(~0UL);
	CHECK(!vma_flags_test(&flags, VMA_GROWSUP_BIT));
	CHECK(!vma_flags_test(&flags, VMA_MTE_ALLOWED_BIT));
	CHECK(!vma_flags_test_any(&flags, VMA_MTE_BIT, VMA_PKEY_BIT4_BIT));

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	vma_desc_set_flags(&desc, VMA_GROWSUP_BIT, VMA_MTE_ALLOWED_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
	vma_desc_clear_flags(&desc, VMA_GROWSUP_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
}
#else
/*
 * arm64: VM_GROWSUP, the fourth and fifth key bits and the shadow stack are
 * VM_NONE; 7.3's numbers for them are VM_ARM64_BTI's bit (24), a free bit
 * (35), VM_MTE's (36) and VM_MTE_ALLOWED's (37) here. They stand for empty
 * masks: setting or clearing them never touches BTI or MTE.
 */
static void vma_bits_of_absent_arch_flags_are_empty(void)
{
	vma_flags_t flags = mk_vma_flags(VMA_GROWSUP_BIT, VMA_PKEY_BIT3_BIT,
					 VMA_PKEY_BIT4_BIT,
					 VMA_SHADOW_STACK_BIT);
	struct vm_area_desc desc;

	CHECK_EQ(VM_GROWSUP, 0);
	CHECK_EQ(VM_PKEY_BIT4, 0);
	CHECK_EQ(VM_SHADOW_STACK, 0);
	CHECK_EQ(VM_ARM64_BTI, BIT(24));
	CHECK_EQ(VM_MTE, BIT(36));
	CHECK_EQ(VM_MTE_ALLOWED, BIT(37));
	CHECK(vma_flags_empty(&flags));
	vma_flags_set_flag(&flags, VMA_PKEY_BIT4_BIT);
	CHECK(vma_flags_empty(&flags));

	flags = legacy_to_vma_flags(VM_ARM64_BTI | VM_MTE | VM_MTE_ALLOWED);
	CHECK(vma_flags_test(&flags, VMA_ARM64_BTI_BIT));
	CHECK(vma_flags_test(&flags, VMA_MTE_BIT));
	CHECK(vma_flags_test(&flags, VMA_MTE_ALLOWED_BIT));
	CHECK(!vma_flags_test(&flags, VMA_GROWSUP_BIT));
	CHECK(!vma_flags_test_any(&flags, VMA_PKEY_BIT4_BIT,
				  VMA_SHADOW_STACK_BIT));

	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	vma_desc_set_flags(&desc, VMA_GROWSUP_BIT, VMA_SHADOW_STACK_BIT,
			   VMA_PKEY_BIT4_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
	vma_desc_set_flags(&desc, VMA_MTE_ALLOWED_BIT, VMA_ARM64_BTI_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | VM_MTE_ALLOWED | VM_ARM64_BTI);
	vma_desc_clear_flags(&desc, VMA_SHADOW_STACK_BIT, VMA_GROWSUP_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 UNIT_SHARED_FLAGS | VM_MTE_ALLOWED | VM_ARM64_BTI);
}
#endif

/*
 * A name 7.3 declares on every configuration compiles on a kernel that has
 * no VM_x for it at all, as an empty mask: VM_MAYBE_GUARD (6.19) and
 * VM_SEALED (6.10) on the 5.10 stub. 7.3's number for MAYBE_GUARD is 11,
 * VM_DENYWRITE's on 5.10: setting the name must not set that flag.
 */
static void vma_bits_of_undefined_flags_are_empty(void)
{
	vma_flags_t flags = mk_vma_flags(VMA_MAYBE_GUARD_BIT, VMA_UFFD_RWP_BIT);
	struct vm_area_desc desc;

	CHECK(vma_flags_empty(&flags));
	unit_desc_init(&desc, UNIT_SHARED_FLAGS);
	vma_desc_set_flags(&desc, VMA_MAYBE_GUARD_BIT, VMA_UFFD_RWP_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
#ifdef VM_DENYWRITE
	flags = legacy_to_vma_flags(VM_DENYWRITE);
	CHECK(!vma_flags_test(&flags, VMA_MAYBE_GUARD_BIT));
#endif
#ifndef VM_SEALED
	flags = mk_vma_flags(VMA_SEALED_BIT);
	CHECK(vma_flags_empty(&flags));
	vma_desc_set_flags(&desc, VMA_SEALED_BIT);
	CHECK(!vma_desc_test(&desc, VMA_SEALED_BIT));
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), UNIT_SHARED_FLAGS);
#endif
}

/* 7.3's set algebra and optional-flag masks (mm.h, mm_types.h). */
static void vma_flags_set_algebra_as_7_3(void)
{
	vma_flags_t a = mk_vma_flags(VMA_READ_BIT, VMA_WRITE_BIT, VMA_IO_BIT);
	vma_flags_t b = mk_vma_flags(VMA_READ_BIT, VMA_EXEC_BIT);
	vma_flags_t r;

	CHECK_EQ(vma_flags_count(&a), 3);
	r = vma_flags_and(&a, VMA_READ_BIT, VMA_EXEC_BIT);
	CHECK(vma_flags_same(&r, VMA_READ_BIT));
	r = vma_flags_and_mask(&a, b);
	CHECK_EQ(vma_flags_to_legacy(r), VM_READ);
	r = vma_flags_diff_pair(&a, &b);
	CHECK_EQ(vma_flags_to_legacy(r), VM_WRITE | VM_IO | VM_EXEC);
	CHECK(!vma_flags_same_pair(&a, &b));
	r = a;
	CHECK(vma_flags_same_pair(&a, &r));
	CHECK(vma_flags_same_mask(&a, mk_vma_flags(VMA_IO_BIT, VMA_READ_BIT,
						   VMA_WRITE_BIT)));
	CHECK(!vma_flags_same(&a, VMA_READ_BIT, VMA_WRITE_BIT));
	r = VMA_ACCESS_FLAGS;
	CHECK_EQ(vma_flags_to_legacy(r), VM_READ | VM_WRITE | VM_EXEC);
	vma_flags_clear_all(&r);
	CHECK(vma_flags_empty(&r));

	/* Optional masks: the flag where this kernel has it, else empty. */
	r = mk_vma_flags_from_masks(VMA_UFFD_WP, VMA_GROWSUP, VMA_ACCESS_FLAGS);
	CHECK_EQ(vma_flags_to_legacy(r), VM_UFFD_WP | VM_READ | VM_WRITE |
		 VM_EXEC);
	b = VMA_GROWSUP;
	CHECK(vma_flags_empty(&b));
	CHECK(vma_flags_test_single_mask(&r, VMA_UFFD_WP));
	CHECK(!vma_flags_test_single_mask(&r, VMA_GROWSUP));
	CHECK(!vma_flags_test_single_mask(&r, EMPTY_VMA_FLAGS));
	CHECK_EQ(stub.warnings, 0);
}

/* A mask of several flags is a caller bug: 7.3 warns once. */
static void vma_flags_test_single_mask_warns_on_several(void)
{
	vma_flags_t r = VMA_ACCESS_FLAGS;

	EXPECT_WARNINGS();
	CHECK(vma_flags_test_single_mask(&r, VMA_ACCESS_FLAGS));
	CHECK_EQ(stub_warnings_in("vma_flags.h"), 1);
}

static void legacy_to_vma_flags_round_trips_every_bit(void)
{
	unsigned int bit;

	for (bit = 0; bit < BITS_PER_LONG; bit++) {
		vma_flags_t flags = legacy_to_vma_flags(BIT(bit));

		CHECK(vma_flags_test(&flags, (vma_flag_t)bit));
		CHECK_EQ(vma_flags_to_legacy(flags), BIT(bit));
	}
	{
		vm_flags_t all = UNIT_SHARED_FLAGS | VM_IO | VM_PFNMAP |
				 VM_HIGH_ARCH_2 | VM_MERGEABLE;
		vma_flags_t flags = legacy_to_vma_flags(all);

		CHECK_EQ(vma_flags_to_legacy(flags), all);
		CHECK(vma_flags_test(&flags, VMA_IO_BIT));
		CHECK(vma_flags_test(&flags, VMA_PKEY_BIT2_BIT));
		CHECK(!vma_flags_test(&flags, VMA_MIXEDMAP_BIT));
	}
}

static void mk_vma_flags_sets_exactly_the_listed_bits(void)
{
	vma_flags_t flags = mk_vma_flags(VMA_READ_BIT, VMA_IO_BIT,
					 VMA_MERGEABLE_BIT);

	CHECK_EQ(vma_flags_to_legacy(flags), VM_READ | VM_IO | VM_MERGEABLE);
	flags = mk_vma_flags(VMA_DONTDUMP_BIT);
	CHECK_EQ(vma_flags_to_legacy(flags), VM_DONTDUMP);
	flags = append_vma_flags(flags, VMA_WRITE_BIT, VMA_PFNMAP_BIT);
	CHECK_EQ(vma_flags_to_legacy(flags), VM_DONTDUMP | VM_WRITE | VM_PFNMAP);
	flags = EMPTY_VMA_FLAGS;
	CHECK(vma_flags_empty(&flags));
	CHECK_EQ(vma_flags_to_legacy(flags), 0);
}

static void vma_remap_and_special_flags_match_old_kernels(void)
{
	vma_flags_t remap = VMA_REMAP_FLAGS, special = VMA_SPECIAL_FLAGS;

	CHECK_EQ(vma_flags_to_legacy(remap),
		 VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	CHECK_EQ(vma_flags_to_legacy(special), VM_SPECIAL);
}

static void vma_flags_test_any_and_all(void)
{
	vma_flags_t flags = legacy_to_vma_flags(VM_READ | VM_SHARED | VM_IO);

	CHECK(vma_flags_test_any(&flags, VMA_WRITE_BIT, VMA_IO_BIT));
	CHECK(!vma_flags_test_any(&flags, VMA_WRITE_BIT, VMA_EXEC_BIT));
	CHECK(vma_flags_test_all(&flags, VMA_READ_BIT, VMA_IO_BIT));
	CHECK(!vma_flags_test_all(&flags, VMA_READ_BIT, VMA_WRITE_BIT));
	CHECK(vma_flags_test_any_mask(&flags, mk_vma_flags(VMA_SHARED_BIT)));
	CHECK(!vma_flags_test_any_mask(&flags, EMPTY_VMA_FLAGS));
	CHECK(vma_flags_test_all_mask(&flags, EMPTY_VMA_FLAGS));
	CHECK(vma_flags_test_all_mask(&flags,
				      legacy_to_vma_flags(VM_READ | VM_SHARED)));
	CHECK(!vma_flags_test_all_mask(&flags,
				       legacy_to_vma_flags(VM_READ | VM_EXEC)));
}

static void vma_flags_set_and_clear(void)
{
	vma_flags_t flags = legacy_to_vma_flags(VM_READ);

	vma_flags_set_flag(&flags, VMA_WRITE_BIT);
	CHECK_EQ(vma_flags_to_legacy(flags), VM_READ | VM_WRITE);
	vma_flags_set(&flags, VMA_IO_BIT, VMA_PFNMAP_BIT);
	CHECK_EQ(vma_flags_to_legacy(flags), VM_READ | VM_WRITE | VM_IO | VM_PFNMAP);
	vma_flags_set_mask(&flags, legacy_to_vma_flags(VM_HIGH_ARCH_1));
	CHECK_EQ(vma_flags_to_legacy(flags),
		 VM_READ | VM_WRITE | VM_IO | VM_PFNMAP | VM_HIGH_ARCH_1);
	vma_flags_clear(&flags, VMA_WRITE_BIT, VMA_PFNMAP_BIT);
	CHECK_EQ(vma_flags_to_legacy(flags), VM_READ | VM_IO | VM_HIGH_ARCH_1);
	vma_flags_clear_mask(&flags, legacy_to_vma_flags(VM_READ | VM_EXEC));
	CHECK_EQ(vma_flags_to_legacy(flags), VM_IO | VM_HIGH_ARCH_1);
	CHECK(!vma_flags_empty(&flags));
}

static void vma_flags_is_cow_mapping_means_maywrite_not_shared(void)
{
	vma_flags_t flags = legacy_to_vma_flags(UNIT_PRIVATE_FLAGS);

	CHECK(vma_flags_is_cow_mapping(&flags));
	flags = legacy_to_vma_flags(UNIT_SHARED_FLAGS);
	CHECK(!vma_flags_is_cow_mapping(&flags));
	flags = legacy_to_vma_flags(VM_READ | VM_MAYREAD);
	CHECK(!vma_flags_is_cow_mapping(&flags));
}

static void vma_desc_test_checks_one_bit(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, VM_READ | VM_MAYSHARE);
	CHECK(vma_desc_test(&desc, VMA_READ_BIT));
	CHECK(vma_desc_test(&desc, VMA_MAYSHARE_BIT));
	CHECK(!vma_desc_test(&desc, VMA_WRITE_BIT));
	CHECK(!vma_desc_test(&desc, VMA_SHARED_BIT));
}

static void vma_desc_test_any_and_mask(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, VM_READ | VM_EXEC);
	CHECK(vma_desc_test_any(&desc, VMA_WRITE_BIT, VMA_EXEC_BIT));
	CHECK(!vma_desc_test_any(&desc, VMA_WRITE_BIT, VMA_SHARED_BIT));
	CHECK(vma_desc_test_any_mask(&desc, mk_vma_flags(VMA_READ_BIT)));
	CHECK(!vma_desc_test_any_mask(&desc, mk_vma_flags(VMA_IO_BIT)));
}

static void vma_desc_test_all_and_mask(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, VM_READ | VM_EXEC | VM_SHARED);
	CHECK(vma_desc_test_all(&desc, VMA_READ_BIT, VMA_EXEC_BIT));
	CHECK(!vma_desc_test_all(&desc, VMA_READ_BIT, VMA_WRITE_BIT));
	CHECK(vma_desc_test_all_mask(&desc,
				     mk_vma_flags(VMA_SHARED_BIT, VMA_READ_BIT)));
	CHECK(!vma_desc_test_all_mask(&desc,
				      mk_vma_flags(VMA_SHARED_BIT, VMA_IO_BIT)));
}

static void vma_desc_set_flags_and_mask_add_bits(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, VM_READ);
	vma_desc_set_flags(&desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 VM_READ | VM_DONTEXPAND | VM_DONTDUMP);
	vma_desc_set_flags_mask(&desc, mk_vma_flags(VMA_IO_BIT));
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags),
		 VM_READ | VM_DONTEXPAND | VM_DONTDUMP | VM_IO);
}

static void vma_desc_clear_flags_and_mask_remove_bits(void)
{
	struct vm_area_desc desc;

	unit_desc_init(&desc, VM_READ | VM_WRITE | VM_MAYWRITE | VM_EXEC);
	vma_desc_clear_flags(&desc, VMA_WRITE_BIT, VMA_MAYWRITE_BIT);
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), VM_READ | VM_EXEC);
	vma_desc_clear_flags_mask(&desc, mk_vma_flags(VMA_EXEC_BIT, VMA_IO_BIT));
	CHECK_EQ(vma_flags_to_legacy(desc.vma_flags), VM_READ);
}

static const struct unit_test flags_tests[] = {
	UNIT_TEST(vma_bits_equal_ilog2_of_vm_flags),
	UNIT_TEST(vma_bits_of_absent_arch_flags_are_empty),
	UNIT_TEST(vma_bits_of_undefined_flags_are_empty),
	UNIT_TEST(vma_flags_set_algebra_as_7_3),
	UNIT_TEST(vma_flags_test_single_mask_warns_on_several),
	UNIT_TEST(legacy_to_vma_flags_round_trips_every_bit),
	UNIT_TEST(mk_vma_flags_sets_exactly_the_listed_bits),
	UNIT_TEST(vma_remap_and_special_flags_match_old_kernels),
	UNIT_TEST(vma_flags_test_any_and_all),
	UNIT_TEST(vma_flags_set_and_clear),
	UNIT_TEST(vma_flags_is_cow_mapping_means_maywrite_not_shared),
	UNIT_TEST(vma_desc_test_checks_one_bit),
	UNIT_TEST(vma_desc_test_any_and_mask),
	UNIT_TEST(vma_desc_test_all_and_mask),
	UNIT_TEST(vma_desc_set_flags_and_mask_add_bits),
	UNIT_TEST(vma_desc_clear_flags_and_mask_remove_bits),
};

UNIT_SUITE(flags, flags_tests);
