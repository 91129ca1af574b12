// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the VMA flag helpers of the mmap_prepare API.
 *
 * VMA_x_BIT must be the bit number of the kernel's own VM_x for every VM_x
 * the kernel defines, and the vma_desc_*() helpers must act on exactly the
 * bits they are given, in the low and in the high word half.
 */
#include "mpc_kunit.h"

/*
 * Check BIT(VMA_x_BIT) == VM_x, for a VM_x that is a real flag here (some are
 * VM_NONE when the kernel is configured without them).
 */
#define MPC_CHECK_VM_BIT(x)						\
	do {								\
		if (VM_##x != VM_NONE) {				\
			KUNIT_EXPECT_EQ_MSG(test,			\
				BIT((__force int)VMA_##x##_BIT),	\
				(unsigned long)(VM_##x),		\
				"VMA_" #x "_BIT vs VM_" #x);		\
			checked++;					\
		}							\
	} while (0)

/*
 * 7.3 declares VMA_SHADOW_STACK_BIT, VMA_STACK_EARLY_BIT and
 * VMA_MAYOVERLAY_BIT only for configurations that have the flag (otherwise
 * VM_x is VM_NONE) and has no VMA_DENYWRITE_BIT/VMA_PAT_BIT at all: natively
 * these names are checked only on the compat path, where VMA_x_BIT is a
 * macro, and only where the compat layer defines them.
 */
#define MPC_COMPAT_ONLY_BITS	MMAP_PREPARE_COMPAT_EMULATED

/* BIT(VMA_x_BIT) == VM_x for every VM_x this kernel has. */
static void mpc_flags_bits_match_vm_flags(struct kunit *test)
{
	int checked = 0;

#ifdef VM_READ
	MPC_CHECK_VM_BIT(READ);
#endif
#ifdef VM_WRITE
	MPC_CHECK_VM_BIT(WRITE);
#endif
#ifdef VM_EXEC
	MPC_CHECK_VM_BIT(EXEC);
#endif
#ifdef VM_SHARED
	MPC_CHECK_VM_BIT(SHARED);
#endif
#ifdef VM_MAYREAD
	MPC_CHECK_VM_BIT(MAYREAD);
#endif
#ifdef VM_MAYWRITE
	MPC_CHECK_VM_BIT(MAYWRITE);
#endif
#ifdef VM_MAYEXEC
	MPC_CHECK_VM_BIT(MAYEXEC);
#endif
#ifdef VM_MAYSHARE
	MPC_CHECK_VM_BIT(MAYSHARE);
#endif
#ifdef VM_GROWSDOWN
	MPC_CHECK_VM_BIT(GROWSDOWN);
#endif
#ifdef VM_UFFD_MISSING
	MPC_CHECK_VM_BIT(UFFD_MISSING);
#endif
#if defined(VM_MAYOVERLAY) && MPC_COMPAT_ONLY_BITS && defined(VMA_MAYOVERLAY_BIT)
	MPC_CHECK_VM_BIT(MAYOVERLAY);
#endif
#ifdef VM_PFNMAP
	MPC_CHECK_VM_BIT(PFNMAP);
#endif
#if defined(VM_DENYWRITE) && MPC_COMPAT_ONLY_BITS && defined(VMA_DENYWRITE_BIT)
	MPC_CHECK_VM_BIT(DENYWRITE);
#endif
#ifdef VM_MAYBE_GUARD
	MPC_CHECK_VM_BIT(MAYBE_GUARD);
#endif
#ifdef VM_UFFD_WP
	MPC_CHECK_VM_BIT(UFFD_WP);
#endif
#ifdef VM_LOCKED
	MPC_CHECK_VM_BIT(LOCKED);
#endif
#ifdef VM_IO
	MPC_CHECK_VM_BIT(IO);
#endif
#ifdef VM_SEQ_READ
	MPC_CHECK_VM_BIT(SEQ_READ);
#endif
#ifdef VM_RAND_READ
	MPC_CHECK_VM_BIT(RAND_READ);
#endif
#ifdef VM_DONTCOPY
	MPC_CHECK_VM_BIT(DONTCOPY);
#endif
#ifdef VM_DONTEXPAND
	MPC_CHECK_VM_BIT(DONTEXPAND);
#endif
#ifdef VM_LOCKONFAULT
	MPC_CHECK_VM_BIT(LOCKONFAULT);
#endif
#ifdef VM_ACCOUNT
	MPC_CHECK_VM_BIT(ACCOUNT);
#endif
#ifdef VM_NORESERVE
	MPC_CHECK_VM_BIT(NORESERVE);
#endif
#ifdef VM_HUGETLB
	MPC_CHECK_VM_BIT(HUGETLB);
#endif
#ifdef VM_SYNC
	MPC_CHECK_VM_BIT(SYNC);
#endif
#ifdef VM_ARCH_1
	MPC_CHECK_VM_BIT(ARCH_1);
#endif
#ifdef VM_WIPEONFORK
	MPC_CHECK_VM_BIT(WIPEONFORK);
#endif
#ifdef VM_DONTDUMP
	MPC_CHECK_VM_BIT(DONTDUMP);
#endif
#ifdef VM_SOFTDIRTY
	MPC_CHECK_VM_BIT(SOFTDIRTY);
#endif
#ifdef VM_MIXEDMAP
	MPC_CHECK_VM_BIT(MIXEDMAP);
#endif
#ifdef VM_HUGEPAGE
	MPC_CHECK_VM_BIT(HUGEPAGE);
#endif
#ifdef VM_NOHUGEPAGE
	MPC_CHECK_VM_BIT(NOHUGEPAGE);
#endif
#ifdef VM_MERGEABLE
	MPC_CHECK_VM_BIT(MERGEABLE);
#endif
#ifdef VM_HIGH_ARCH_0
	MPC_CHECK_VM_BIT(HIGH_ARCH_0);
#endif
#ifdef VM_HIGH_ARCH_1
	MPC_CHECK_VM_BIT(HIGH_ARCH_1);
#endif
#ifdef VM_HIGH_ARCH_2
	MPC_CHECK_VM_BIT(HIGH_ARCH_2);
#endif
#ifdef VM_HIGH_ARCH_3
	MPC_CHECK_VM_BIT(HIGH_ARCH_3);
#endif
#ifdef VM_HIGH_ARCH_4
	MPC_CHECK_VM_BIT(HIGH_ARCH_4);
#endif
#ifdef VM_HIGH_ARCH_5
	MPC_CHECK_VM_BIT(HIGH_ARCH_5);
#endif
#ifdef VM_HIGH_ARCH_6
	MPC_CHECK_VM_BIT(HIGH_ARCH_6);
#endif
#ifdef VM_ALLOW_ANY_UNCACHED
	MPC_CHECK_VM_BIT(ALLOW_ANY_UNCACHED);
#endif
#ifdef VM_DROPPABLE
	MPC_CHECK_VM_BIT(DROPPABLE);
#endif
#ifdef VM_UFFD_MINOR
	MPC_CHECK_VM_BIT(UFFD_MINOR);
#endif
#ifdef VM_SEALED
	MPC_CHECK_VM_BIT(SEALED);
#endif
#ifdef VM_UFFD_RWP
	MPC_CHECK_VM_BIT(UFFD_RWP);
#endif
#ifdef VM_PKEY_BIT0
	MPC_CHECK_VM_BIT(PKEY_BIT0);
#endif
#ifdef VM_PKEY_BIT1
	MPC_CHECK_VM_BIT(PKEY_BIT1);
#endif
#ifdef VM_PKEY_BIT2
	MPC_CHECK_VM_BIT(PKEY_BIT2);
#endif
#ifdef VM_PKEY_BIT3
	MPC_CHECK_VM_BIT(PKEY_BIT3);
#endif
#ifdef VM_PKEY_BIT4
	MPC_CHECK_VM_BIT(PKEY_BIT4);
#endif
#if defined(VM_SHADOW_STACK) && MPC_COMPAT_ONLY_BITS && defined(VMA_SHADOW_STACK_BIT)
	MPC_CHECK_VM_BIT(SHADOW_STACK);
#endif
#if defined(VM_PAT) && MPC_COMPAT_ONLY_BITS && defined(VMA_PAT_BIT)
	MPC_CHECK_VM_BIT(PAT);
#endif
#ifdef VM_SAO
	MPC_CHECK_VM_BIT(SAO);
#endif
#ifdef VM_GROWSUP
	MPC_CHECK_VM_BIT(GROWSUP);
#endif
#ifdef VM_SPARC_ADI
	MPC_CHECK_VM_BIT(SPARC_ADI);
#endif
#ifdef VM_ARM64_BTI
	MPC_CHECK_VM_BIT(ARM64_BTI);
#endif
#ifdef VM_ARCH_CLEAR
	MPC_CHECK_VM_BIT(ARCH_CLEAR);
#endif
#ifdef VM_MAPPED_COPY
	MPC_CHECK_VM_BIT(MAPPED_COPY);
#endif
#ifdef VM_MTE
	MPC_CHECK_VM_BIT(MTE);
#endif
#ifdef VM_MTE_ALLOWED
	MPC_CHECK_VM_BIT(MTE_ALLOWED);
#endif
#ifdef VM_STACK
	MPC_CHECK_VM_BIT(STACK);
#endif
#if defined(VM_STACK_EARLY) && MPC_COMPAT_ONLY_BITS && defined(VMA_STACK_EARLY_BIT)
	MPC_CHECK_VM_BIT(STACK_EARLY);
#endif

	/* The 5.10 baseline alone has 30 distinct single-bit flags. */
	KUNIT_EXPECT_GE(test, checked, 30);
	kunit_info(test, "%d VM_x flags checked\n", checked);
}

/* The flags a descriptor holds, as a legacy vm_flags word. */
static unsigned long mpc_desc_word(const struct vm_area_desc *desc)
{
	unsigned long word = 0;
	int i;

	for (i = 0; i < BITS_PER_LONG; i++)
		if (vma_desc_test(desc, (__force vma_flag_t)i))
			word |= BIT(i);
	return word;
}

/* mk_vma_flags() sets exactly the bits it is given. */
static void mpc_flags_mk_vma_flags(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_READ_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), (unsigned long)VM_READ);

	desc.vma_flags = mk_vma_flags(VMA_IO_BIT, VMA_PFNMAP_BIT,
				      VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_IO | VM_PFNMAP | VM_DONTEXPAND |
					VM_DONTDUMP));

	/* A repeated bit is harmless. */
	desc.vma_flags = mk_vma_flags(VMA_SHARED_BIT, VMA_SHARED_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), (unsigned long)VM_SHARED);

	desc.vma_flags = EMPTY_VMA_FLAGS;
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), 0UL);

	/* The top bit of the word, where a 32-bit int shift would break. */
	desc.vma_flags = mk_vma_flags((__force vma_flag_t)(BITS_PER_LONG - 1));
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), BIT(BITS_PER_LONG - 1));
}

/* vma_desc_test() tests one bit. */
static void mpc_flags_desc_test(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_READ_BIT, VMA_MIXEDMAP_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, VMA_READ_BIT));
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, VMA_MIXEDMAP_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test(&desc, VMA_WRITE_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test(&desc, VMA_PFNMAP_BIT));
}

/* vma_desc_test_any() and vma_desc_test_any_mask(). */
static void mpc_flags_desc_test_any(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_IO_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_test_any(&desc, VMA_IO_BIT,
						  VMA_PFNMAP_BIT));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_any(&desc, VMA_PFNMAP_BIT,
						  VMA_IO_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any(&desc, VMA_PFNMAP_BIT,
						   VMA_MIXEDMAP_BIT));
	KUNIT_EXPECT_TRUE(test,
			  vma_desc_test_any_mask(&desc,
						 mk_vma_flags(VMA_IO_BIT,
							      VMA_SHARED_BIT)));
	KUNIT_EXPECT_FALSE(test,
			   vma_desc_test_any_mask(&desc,
						  mk_vma_flags(VMA_SHARED_BIT)));
	/* An empty mask intersects nothing. */
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any_mask(&desc,
							EMPTY_VMA_FLAGS));
}

/* vma_desc_test_all() and vma_desc_test_all_mask(). */
static void mpc_flags_desc_test_all(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_READ_BIT, VMA_MAYREAD_BIT,
				      VMA_SHARED_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all(&desc, VMA_READ_BIT,
						  VMA_MAYREAD_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test_all(&desc, VMA_READ_BIT,
						   VMA_WRITE_BIT));
	KUNIT_EXPECT_TRUE(test,
			  vma_desc_test_all_mask(&desc,
						 mk_vma_flags(VMA_SHARED_BIT)));
	KUNIT_EXPECT_FALSE(test,
			   vma_desc_test_all_mask(&desc,
						  mk_vma_flags(VMA_SHARED_BIT,
							       VMA_IO_BIT)));
	/* Every set contains the empty set. */
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all_mask(&desc,
						       EMPTY_VMA_FLAGS));
}

/* vma_desc_set_flags()/_mask() add bits and keep the others. */
static void mpc_flags_desc_set(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_READ_BIT);
	vma_desc_set_flags(&desc, VMA_IO_BIT, VMA_DONTEXPAND_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_READ | VM_IO | VM_DONTEXPAND));

	vma_desc_set_flags_mask(&desc, mk_vma_flags(VMA_PFNMAP_BIT,
						    VMA_DONTDUMP_BIT));
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_READ | VM_IO | VM_DONTEXPAND |
					VM_PFNMAP | VM_DONTDUMP));

	/* Setting what is set changes nothing. */
	vma_desc_set_flags(&desc, VMA_READ_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_READ | VM_IO | VM_DONTEXPAND |
					VM_PFNMAP | VM_DONTDUMP));
	vma_desc_set_flags_mask(&desc, EMPTY_VMA_FLAGS);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_READ | VM_IO | VM_DONTEXPAND |
					VM_PFNMAP | VM_DONTDUMP));
}

/* vma_desc_clear_flags()/_mask() remove bits and keep the others. */
static void mpc_flags_desc_clear(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.vma_flags = mk_vma_flags(VMA_READ_BIT, VMA_WRITE_BIT,
				      VMA_MAYWRITE_BIT, VMA_IO_BIT);
	vma_desc_clear_flags(&desc, VMA_WRITE_BIT, VMA_MAYWRITE_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			(unsigned long)(VM_READ | VM_IO));

	vma_desc_clear_flags_mask(&desc, mk_vma_flags(VMA_IO_BIT,
						      VMA_PFNMAP_BIT));
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), (unsigned long)VM_READ);

	/* Clearing what is clear changes nothing. */
	vma_desc_clear_flags(&desc, VMA_EXEC_BIT);
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), (unsigned long)VM_READ);
}

/* The helpers work on the high half of the word too (64-bit: bits >= 32). */
static void mpc_flags_high_bits(struct kunit *test)
{
	const vma_flag_t hi = (__force vma_flag_t)(BITS_PER_LONG - 2);
	struct vm_area_desc desc = { };

	vma_desc_set_flags(&desc, hi, VMA_READ_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, hi));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all(&desc, hi, VMA_READ_BIT));
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc),
			BIT(BITS_PER_LONG - 2) | (unsigned long)VM_READ);
	vma_desc_clear_flags(&desc, hi);
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any(&desc, hi));
	KUNIT_EXPECT_EQ(test, mpc_desc_word(&desc), (unsigned long)VM_READ);
}

/* vma_desc_size()/_pages(), range_in_vma_desc(), vma_desc_is_cow_mapping(). */
static void mpc_flags_desc_geometry(struct kunit *test)
{
	struct vm_area_desc desc = { };

	desc.start = MPC_DESC_START;
	desc.end = MPC_DESC_START + MPC_PG(5);
	KUNIT_EXPECT_EQ(test, vma_desc_size(&desc), MPC_PG(5));
	KUNIT_EXPECT_EQ(test, vma_desc_pages(&desc), 5UL);

	KUNIT_EXPECT_TRUE(test, range_in_vma_desc(&desc, desc.start, desc.end));
	KUNIT_EXPECT_TRUE(test, range_in_vma_desc(&desc, desc.start + MPC_PG(1),
						  desc.end - MPC_PG(1)));
	KUNIT_EXPECT_FALSE(test, range_in_vma_desc(&desc, desc.start - MPC_PG(1),
						   desc.end));
	KUNIT_EXPECT_FALSE(test, range_in_vma_desc(&desc, desc.start,
						   desc.end + 1));
	KUNIT_EXPECT_FALSE(test, range_in_vma_desc(NULL, 0, 0));

	/* CoW: may write, not shared. */
	desc.vma_flags = mk_vma_flags(VMA_READ_BIT, VMA_MAYWRITE_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_is_cow_mapping(&desc));
	vma_desc_set_flags(&desc, VMA_SHARED_BIT);
	KUNIT_EXPECT_FALSE(test, vma_desc_is_cow_mapping(&desc));
	desc.vma_flags = mk_vma_flags(VMA_READ_BIT);
	KUNIT_EXPECT_FALSE(test, vma_desc_is_cow_mapping(&desc));
}

/* vma_desc_set_anonymous() clears vm_ops. */
static void mpc_flags_desc_set_anonymous(struct kunit *test)
{
	static const struct vm_operations_struct ops = { };
	struct vm_area_desc desc = { .vm_ops = &ops };

	vma_desc_set_anonymous(&desc);
	KUNIT_EXPECT_NULL(test, desc.vm_ops);
}

static struct kunit_case mpc_flags_cases[] = {
	KUNIT_CASE(mpc_flags_bits_match_vm_flags),
	KUNIT_CASE(mpc_flags_mk_vma_flags),
	KUNIT_CASE(mpc_flags_desc_test),
	KUNIT_CASE(mpc_flags_desc_test_any),
	KUNIT_CASE(mpc_flags_desc_test_all),
	KUNIT_CASE(mpc_flags_desc_set),
	KUNIT_CASE(mpc_flags_desc_clear),
	KUNIT_CASE(mpc_flags_high_bits),
	KUNIT_CASE(mpc_flags_desc_geometry),
	KUNIT_CASE(mpc_flags_desc_set_anonymous),
	{}
};

static struct kunit_suite mpc_flags_suite = {
	.name = MPC_KUNIT_SUITE("mpc_flags"),
	.test_cases = mpc_flags_cases,
};

kunit_test_suite(mpc_flags_suite);

MODULE_DESCRIPTION("KUnit tests of the mmap_prepare VMA flag helpers");
MODULE_LICENSE("GPL");
