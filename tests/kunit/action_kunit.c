// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: mmap actions - prepare-time validation (mmap_action_prepare() on a
 * descriptor) and completion on a real VMA (vm_mmap() of a file whose hook
 * requests the action).
 */
#include "mpc_kunit_dev.h"

#define MPC_REMAP_VM_FLAGS	(VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP)

/* ---- prepare-time validation ------------------------------------------ */

/* Start the test mm and a descriptor of @pages pages at MPC_DESC_START. */
static void mpc_prep_desc(struct kunit *test, struct vm_area_desc *desc,
			  unsigned long pages, unsigned long pgoff, bool shared)
{
	mpc_kunit_attach_mm(test);
	mpc_kunit_desc_init(desc, MPC_DESC_START, pages, pgoff, shared);
}

/* MMAP_NOTHING: success, descriptor untouched. */
static void mpc_action_prepare_nothing(struct kunit *test)
{
	struct vm_area_desc desc, orig;

	mpc_prep_desc(test, &desc, 4, 1, true);
	orig = desc;
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&desc, &orig, sizeof(desc)), 0);
}

/* A remap that does not fit in the VMA is -EFAULT. */
static void mpc_action_prepare_remap_range(struct kunit *test)
{
	struct vm_area_desc desc;

	/* Ends one page beyond the VMA. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_remap(&desc, desc.start, 0x1000, PAGE_SIZE);
	desc.action.remap.size = MPC_PG(5);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* Starts one page before the VMA. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_remap(&desc, desc.start, 0x1000, PAGE_SIZE);
	desc.action.remap.start = desc.start - PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* Same for a private mapping: the range check comes first. */
	mpc_prep_desc(test, &desc, 4, 0, false);
	mmap_action_remap(&desc, desc.start, 0x1000, PAGE_SIZE);
	desc.action.remap.size = MPC_PG(5);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* ioremap goes through the same check. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_ioremap(&desc, desc.start, 0x1000, PAGE_SIZE);
	desc.action.remap.size = MPC_PG(5);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);
}

/* A partial remap of a CoW (private writable) mapping is -EINVAL. */
static void mpc_action_prepare_remap_cow_partial(struct kunit *test)
{
	struct vm_area_desc desc;

	mpc_prep_desc(test, &desc, 4, 0, false);
	KUNIT_ASSERT_TRUE(test, vma_desc_is_cow_mapping(&desc));
	mmap_action_remap(&desc, desc.start, 0x1234, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* Full length but not from the start is partial too. */
	mpc_prep_desc(test, &desc, 4, 0, false);
	mmap_action_remap(&desc, desc.start + PAGE_SIZE, 0x1234, MPC_PG(3));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* Same through ioremap. */
	mpc_prep_desc(test, &desc, 4, 0, false);
	mmap_action_ioremap(&desc, desc.start, 0x1234, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);
}

/* The flags 7.3 sets for every PFN remap, spelled out bit by bit. */
static bool mpc_has_remap_bits(const struct vm_area_desc *desc)
{
	return vma_desc_test_all(desc, VMA_IO_BIT, VMA_PFNMAP_BIT,
				 VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
}

/* A full remap of a CoW mapping sets pgoff to the pfn, plus the remap flags. */
static void mpc_action_prepare_remap_cow_full(struct kunit *test)
{
	struct vm_area_desc desc;

	mpc_prep_desc(test, &desc, 4, 3, false);
	mmap_action_remap_full(&desc, 0x4321);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)0x4321);
	KUNIT_EXPECT_TRUE(test, mpc_has_remap_bits(&desc));
}

/* A shared remap keeps pgoff, sets exactly the remap flags on top. */
static void mpc_action_prepare_remap_shared(struct kunit *test)
{
	struct vm_area_desc desc, orig;

	mpc_prep_desc(test, &desc, 4, 3, true);
	orig = desc;
	mmap_action_remap(&desc, desc.start + PAGE_SIZE, 0x4321, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)3);
	KUNIT_EXPECT_TRUE(test, mpc_has_remap_bits(&desc));
	/* Nothing else changed. */
	vma_desc_clear_flags(&desc, VMA_IO_BIT, VMA_PFNMAP_BIT,
			     VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT);
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all_mask(&desc, orig.vma_flags));
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all_mask(&orig, desc.vma_flags));
}

/* The same for ioremap, full and partial. */
static void mpc_action_prepare_ioremap(struct kunit *test)
{
	struct vm_area_desc desc;

	mpc_prep_desc(test, &desc, 4, 2, false);
	mmap_action_ioremap_full(&desc, 0x5555);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)0x5555);
	KUNIT_EXPECT_TRUE(test, mpc_has_remap_bits(&desc));

	mpc_prep_desc(test, &desc, 4, 2, true);
	mmap_action_ioremap(&desc, desc.start, 0x5555, MPC_PG(1));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)2);
	KUNIT_EXPECT_TRUE(test, mpc_has_remap_bits(&desc));
}

/* simple_ioremap: the vm_iomap_memory() checks, each -EINVAL. */
static void mpc_action_prepare_simple_ioremap_checks(struct kunit *test)
{
	const phys_addr_t phys = 0x100000;
	struct vm_area_desc desc;

	/* Physical range wraps around. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_simple_ioremap(&desc, (phys_addr_t)-PAGE_SIZE, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* pgoff beyond the physical range. */
	mpc_prep_desc(test, &desc, 1, 5, true);
	mmap_action_simple_ioremap(&desc, phys, MPC_PG(4));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* The VMA is larger than the physical range. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_simple_ioremap(&desc, phys, MPC_PG(3));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* ... or larger than what remains after pgoff. */
	mpc_prep_desc(test, &desc, 3, 2, true);
	mmap_action_simple_ioremap(&desc, phys, MPC_PG(4));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);

	/* Exactly fitting: fine. */
	mpc_prep_desc(test, &desc, 2, 2, true);
	mmap_action_simple_ioremap(&desc, phys, MPC_PG(4));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);

	/* An unaligned start counts its partial first page in. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_simple_ioremap(&desc, phys + 0x10, MPC_PG(3) + 0x10);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);

	/* pgoff at the very end of the range leaves nothing to map. */
	mpc_prep_desc(test, &desc, 1, 4, true);
	mmap_action_simple_ioremap(&desc, phys, MPC_PG(4));
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EINVAL);
}

/* map_kernel_pages: range -EFAULT; VMA_MIXEDMAP_BIT set. */
static void mpc_action_prepare_kpages(struct kunit *test)
{
	struct page *pages[4] = { };
	struct vm_area_desc desc;

	/* More pages than the VMA holds. */
	mpc_prep_desc(test, &desc, 3, 0, true);
	mmap_action_map_kernel_pages(&desc, desc.start, pages, 4);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* Fits in length but starts too late. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_map_kernel_pages(&desc, desc.start + PAGE_SIZE, pages, 4);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* Starts before the VMA. */
	mpc_prep_desc(test, &desc, 4, 0, true);
	mmap_action_map_kernel_pages(&desc, desc.start - PAGE_SIZE, pages, 1);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), -EFAULT);

	/* Fits: MIXEDMAP gets set, pgoff is kept. */
	mpc_prep_desc(test, &desc, 4, 1, true);
	KUNIT_ASSERT_FALSE(test, vma_desc_test(&desc, VMA_MIXEDMAP_BIT));
	mmap_action_map_kernel_pages(&desc, desc.start + PAGE_SIZE, pages, 3);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, VMA_MIXEDMAP_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test(&desc, VMA_PFNMAP_BIT));
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)1);

	/* _full covers the VMA: fine, also for a CoW mapping. */
	mpc_prep_desc(test, &desc, 4, 0, false);
	mmap_action_map_kernel_pages_full(&desc, pages);
	KUNIT_EXPECT_EQ(test, desc.action.map_kernel.nr_pages, 4UL);
	KUNIT_EXPECT_EQ(test, mpc_kunit_prepare_locked(&desc), 0);
	KUNIT_EXPECT_TRUE(test, vma_desc_test(&desc, VMA_MIXEDMAP_BIT));
	KUNIT_EXPECT_EQ(test, desc.pgoff, (pgoff_t)0);
}

/* The action setters fill in the action as 7.3 does. */
static void mpc_action_setters(struct kunit *test)
{
	struct page *pages[1] = { };
	struct vm_area_desc desc;

	mpc_prep_desc(test, &desc, 4, 7, true);
	desc.page_prot = PAGE_READONLY;
	mmap_action_remap(&desc, desc.start + PAGE_SIZE, 99, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, (int)desc.action.type, (int)MMAP_REMAP_PFN);
	KUNIT_EXPECT_EQ(test, desc.action.remap.start, desc.start + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, desc.action.remap.start_pfn, 99UL);
	KUNIT_EXPECT_EQ(test, desc.action.remap.size, MPC_PG(2));
	KUNIT_EXPECT_EQ(test, pgprot_val(desc.action.remap.pgprot),
			pgprot_val(PAGE_READONLY));

	mmap_action_ioremap_full(&desc, 98);
	KUNIT_EXPECT_EQ(test, (int)desc.action.type, (int)MMAP_IO_REMAP_PFN);
	KUNIT_EXPECT_EQ(test, desc.action.remap.start, desc.start);
	KUNIT_EXPECT_EQ(test, desc.action.remap.size, MPC_PG(4));

	mmap_action_simple_ioremap(&desc, 0x2000, 0x3000);
	KUNIT_EXPECT_EQ(test, (int)desc.action.type, (int)MMAP_SIMPLE_IO_REMAP);
	KUNIT_EXPECT_EQ(test, (u64)desc.action.simple_ioremap.start_phys_addr,
			(u64)0x2000);
	KUNIT_EXPECT_EQ(test, desc.action.simple_ioremap.size, 0x3000UL);

	mmap_action_map_kernel_pages(&desc, desc.start, pages, 1);
	KUNIT_EXPECT_EQ(test, (int)desc.action.type,
			(int)MMAP_MAP_KERNEL_PAGES);
	KUNIT_EXPECT_PTR_EQ(test, (void *)desc.action.map_kernel.pages,
			    (void *)pages);
	KUNIT_EXPECT_EQ(test, desc.action.map_kernel.nr_pages, 1UL);
	KUNIT_EXPECT_EQ(test, desc.action.map_kernel.pgoff, (pgoff_t)7);
}

/* ---- completion on a real VMA ----------------------------------------- */

/* mmap @file, expecting success; unmapped again by the caller. */
static unsigned long mpc_map_ok(struct kunit *test, struct file *file,
				unsigned long pages, unsigned long flags,
				unsigned long pgoff)
{
	long addr = mpc_kunit_mmap(file, MPC_PG(pages), PROT_READ | PROT_WRITE,
				   flags, pgoff);

	KUNIT_ASSERT_FALSE_MSG(test, MPC_MMAP_FAILED(addr),
			       "mmap failed: %ld", addr);
	return addr;
}

/*
 * The VMA at @addr is a PFN remap (the remap flags set) with page offset
 * @pgoff, and its @nr pages show the buffer's pages from @first on.
 */
static struct mpc_vma_snap mpc_expect_remap(struct kunit *test,
					    unsigned long addr, int nr,
					    unsigned long pgoff, int first)
{
	struct mpc_vma_snap s = mpc_kunit_vma(addr);
	int i;

	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_EQ(test, s.flags & MPC_REMAP_VM_FLAGS,
			(vm_flags_t)MPC_REMAP_VM_FLAGS);
	KUNIT_EXPECT_EQ(test, s.pgoff, pgoff);
	for (i = 0; i < nr; i++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      mpc_kunit_check_user_page(test, addr + MPC_PG(i), first + i),
				      "page %d", i);
	return s;
}

/* Full remap of a shared mapping at pgoff 2: pages 2..5 of the buffer. */
static void mpc_action_complete_remap_shared(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	unsigned long addr = mpc_map_ok(test, file, 4, MAP_SHARED, 2);
	struct mpc_vma_snap s = mpc_expect_remap(test, addr, 4, 2, 2);

	KUNIT_EXPECT_EQ(test, s.end - s.start, MPC_PG(4));
	KUNIT_EXPECT_PTR_EQ(test, s.vm_ops, &mpc_dev_vm_ops);
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);
}

/* Full remap of a private writable (CoW) mapping: vm_pgoff becomes the pfn. */
static void mpc_action_complete_remap_cow(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	unsigned long addr = mpc_map_ok(test, file, 3, MAP_PRIVATE, 1);

	mpc_expect_remap(test, addr, 3, page_to_pfn(mpc_dev.buf) + 1, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
}

/* Remap of the first half only: the second half has no PTEs. */
static void mpc_action_complete_remap_half(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_HALF);
	unsigned long addr = mpc_map_ok(test, file, 4, MAP_SHARED, 0);
	struct mpc_vma_snap s = mpc_kunit_vma(addr);

	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_EQ(test, s.flags & MPC_REMAP_VM_FLAGS,
			(vm_flags_t)MPC_REMAP_VM_FLAGS);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 0));
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test,
							  addr + MPC_PG(1), 1));
	mmap_read_lock(current->mm);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_pte_present(current->mm, addr));
	KUNIT_EXPECT_FALSE(test, mpc_kunit_pte_present(current->mm,
						       addr + MPC_PG(2)));
	KUNIT_EXPECT_FALSE(test, mpc_kunit_pte_present(current->mm,
						       addr + MPC_PG(3)));
	mmap_read_unlock(current->mm);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);
}

/* Partial remap of a CoW mapping fails the mmap with -EINVAL; no VMA left. */
static void mpc_action_complete_remap_cow_partial(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_HALF);
	long addr = mpc_kunit_mmap(file, MPC_PG(4), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE, 0);

	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.open_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* Remap out of range fails the mmap with -EFAULT; no VMA, no ->mapped. */
static void mpc_action_complete_remap_outside(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_OUTSIDE);
	long addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ | PROT_WRITE,
				   MAP_SHARED, 0);

	KUNIT_EXPECT_EQ(test, addr, (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* ioremap: full and partial, like remap. */
static void mpc_action_complete_ioremap(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_IOREMAP_FULL);
	unsigned long addr = mpc_map_ok(test, file, 4, MAP_SHARED, 1);

	mpc_expect_remap(test, addr, 4, 1, 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);

	mpc_dev.mode = MPC_MODE_IOREMAP_HALF;
	addr = mpc_map_ok(test, file, 4, MAP_SHARED, 0);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 0));
	mmap_read_lock(current->mm);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_pte_present(current->mm,
						       addr + MPC_PG(3)));
	mmap_read_unlock(current->mm);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);
}

/* simple_ioremap maps the physical range from pgoff on. */
static void mpc_action_complete_simple_ioremap(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_SIMPLE_IOREMAP);
	unsigned long addr = mpc_map_ok(test, file, 3, MAP_SHARED, 2);

	mpc_expect_remap(test, addr, 3, 2, 2);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
}

/* simple_ioremap of a CoW mapping: vm_pgoff is the first mapped pfn. */
static void mpc_action_complete_simple_ioremap_cow(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_SIMPLE_IOREMAP);
	unsigned long addr = mpc_map_ok(test, file, 2, MAP_PRIVATE, 3);
	struct mpc_vma_snap s = mpc_kunit_vma(addr);

	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_EQ(test, s.pgoff, page_to_pfn(mpc_dev.buf) + 3);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 3));
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test,
							  addr + MPC_PG(1), 4));
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* simple_ioremap of too small a range fails the mmap with -EINVAL. */
static void mpc_action_complete_simple_ioremap_short(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_SIMPLE_IOREMAP);
	long addr;

	mpc_dev.sio_size = MPC_PG(3);
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 2);
	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* map_kernel_pages of part of the VMA: those pages, MIXEDMAP, refcounts. */
static void mpc_action_complete_kpages(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_KPAGES);
	int before = page_count(mpc_dev.kpages[0]);
	struct mpc_vma_snap s;
	unsigned long addr;
	int i;

	mpc_dev.nr_kpages = 3;
	addr = mpc_map_ok(test, file, 4, MAP_SHARED, 0);
	s = mpc_kunit_vma(addr);
	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_TRUE(test, s.flags & VM_MIXEDMAP);
	KUNIT_EXPECT_FALSE(test, s.flags & VM_PFNMAP);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      mpc_kunit_check_user_page(test, addr + MPC_PG(i),
								MPC_KPAGE_IDX(i)),
				      "page %d", i);
	mmap_read_lock(current->mm);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_pte_present(current->mm,
						       addr + MPC_PG(3)));
	mmap_read_unlock(current->mm);
	/* Each mapped page holds a reference of the mapping. */
	KUNIT_EXPECT_EQ(test, page_count(mpc_dev.kpages[0]), before + 1);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(4)), 0);
	KUNIT_EXPECT_EQ(test, page_count(mpc_dev.kpages[0]), before);
}

/* map_kernel_pages_full of a CoW mapping maps every page. */
static void mpc_action_complete_kpages_full(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_KPAGES_FULL);
	unsigned long addr = mpc_map_ok(test, file, MPC_KUNIT_PAGES,
					MAP_PRIVATE, 0);
	struct mpc_vma_snap s = mpc_kunit_vma(addr);
	int i;

	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_TRUE(test, s.flags & VM_MIXEDMAP);
	KUNIT_EXPECT_EQ(test, s.pgoff, 0UL);
	for (i = 0; i < MPC_KUNIT_PAGES; i++)
		KUNIT_EXPECT_TRUE_MSG(test,
				      mpc_kunit_check_user_page(test, addr + MPC_PG(i),
								MPC_KPAGE_IDX(i)),
				      "page %d", i);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(MPC_KUNIT_PAGES)), 0);
}

/* A page the kernel refuses to insert fails the mmap late; no VMA left. */
static void mpc_action_complete_kpages_fail(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_KPAGES_SLAB);
	long addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);

	KUNIT_EXPECT_EQ(test, addr, (long)-EINVAL);
	KUNIT_EXPECT_EQ(test, mpc_dev.prepare_calls, 1);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	/* 7.3 undoes the new VMA with do_munmap(): one ->close, no ->open. */
	KUNIT_EXPECT_EQ(test, mpc_dev.open_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/*
 * The hook replaces vm_file, handing its own reference to the mapping (as
 * shmem_zero_setup_desc() does): the VMA holds that one reference and the
 * original file none; on a late failure the reference is dropped again.
 */
static void mpc_action_complete_vm_file_swap(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_FULL);
	struct file *other = mpc_kunit_file(test, &mpc_dev_fops, &mpc_dev);
	long count_file = file_count(file), count_other = file_count(other);
	struct mpc_vma_snap s;
	long addr;

	mpc_dev.new_file = other;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	s = mpc_kunit_vma(addr);
	KUNIT_EXPECT_PTR_EQ(test, s.vm_file, other);
	KUNIT_EXPECT_PTR_EQ(test, mpc_dev.m_file, (const struct file *)other);
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other + 1);
	KUNIT_EXPECT_EQ(test, (long)file_count(file), count_file);
	KUNIT_EXPECT_TRUE(test, mpc_kunit_check_user_page(test, addr, 0));
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other);
	KUNIT_EXPECT_EQ(test, (long)file_count(file), count_file);

	/* ->mapped fails: the mapping's reference on @other goes away. */
	mpc_dev.mapped_ret = -ENOMEM;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-ENOMEM);
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other);
	KUNIT_EXPECT_EQ(test, (long)file_count(file), count_file);
}

/*
 * As above, but mmap_action_prepare() fails after the hook replaced vm_file:
 * the reference the hook handed over must be dropped as well.
 *
 * 7.3 itself leaks it: call_mmap_prepare() (mm/vma.c) returns the error of
 * call_action_prepare() before it records desc->vm_file in map->file and sets
 * map->file_doesnt_need_get, so __mmap_region()'s abort path never fput()s
 * the new file. The native build reports that as a skip (and drops the
 * leaked reference itself); the compat layer must not leak.
 */
static void mpc_action_vm_file_swap_prepare_failure(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_REMAP_OUTSIDE);
	struct file *other = mpc_kunit_file(test, &mpc_dev_fops, &mpc_dev);
	long count_file = file_count(file), count_other = file_count(other);
	long addr;

	mpc_dev.new_file = other;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EFAULT);
	KUNIT_EXPECT_EQ(test, (long)file_count(file), count_file);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
	if (!MMAP_PREPARE_COMPAT_EMULATED &&
	    (long)file_count(other) == count_other + 1) {
		fput(other);
		kunit_skip(test,
			   "kernel bug: call_mmap_prepare() leaks the hook's vm_file reference when mmap_action_prepare() fails");
	}
	KUNIT_EXPECT_EQ(test, (long)file_count(other), count_other);
}

/* vma_desc_set_anonymous() on a private mapping, as /dev/zero does. */
static void mpc_action_complete_anonymous(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_ANON);
	static const u8 pattern[16] = "mmap_prepare!!!";
	u8 back[16] = { };
	struct mpc_vma_snap s;
	long addr;

	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ | PROT_WRITE,
			      MAP_PRIVATE, 0);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	s = mpc_kunit_vma(addr);
	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_NULL(test, s.vm_ops);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	/* Anonymous memory: zero-filled, writable. */
	KUNIT_EXPECT_EQ(test, copy_from_user(back, (void __user *)addr +
					     PAGE_SIZE, sizeof(back)), 0UL);
	KUNIT_EXPECT_NULL(test, memchr_inv(back, 0, sizeof(back)));
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)addr, pattern,
					   sizeof(pattern)), 0UL);
	KUNIT_EXPECT_EQ(test, copy_from_user(back, (void __user *)addr,
					     sizeof(back)), 0UL);
	KUNIT_EXPECT_EQ(test, memcmp(back, pattern, sizeof(back)), 0);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* No action: the hook's vm_ops and private_data land in the VMA, no PTEs. */
static void mpc_action_complete_nothing(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_NONE);
	unsigned long addr;
	struct mpc_vma_snap s;

	mpc_dev.desc_private = &mpc_dev.seq;
	mpc_dev.vm_ops = &mpc_dev_vm_ops_nomapped;
	addr = mpc_map_ok(test, file, 2, MAP_SHARED, 5);
	s = mpc_kunit_vma(addr);
	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_PTR_EQ(test, s.vm_ops, &mpc_dev_vm_ops_nomapped);
	KUNIT_EXPECT_PTR_EQ(test, s.private_data, (void *)&mpc_dev.seq);
	KUNIT_EXPECT_EQ(test, s.pgoff, 5UL);
	KUNIT_EXPECT_PTR_EQ(test, s.vm_file, file);
	KUNIT_EXPECT_FALSE(test, s.flags & (VM_PFNMAP | VM_MIXEDMAP | VM_IO));
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 1);
}

/* The hook's changes of pgoff and flags land in the VMA. */
static void mpc_action_complete_hook_fields(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_NONE);
	struct mpc_vma_snap s;
	long addr;

	mpc_dev.set_pgoff = true;
	mpc_dev.new_pgoff = 11;
	mpc_dev.set_flags = VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 1);
	KUNIT_ASSERT_FALSE(test, MPC_MMAP_FAILED(addr));
	s = mpc_kunit_vma(addr);
	KUNIT_ASSERT_TRUE(test, s.found);
	KUNIT_EXPECT_EQ(test, s.pgoff, 11UL);
	KUNIT_EXPECT_EQ(test, s.flags & (VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY),
			(vm_flags_t)(VM_DONTEXPAND | VM_DONTDUMP | VM_DONTCOPY));
	KUNIT_EXPECT_TRUE(test, s.flags & VM_SHARED);
	KUNIT_EXPECT_EQ(test, mpc_dev.m_pgoff, 11UL);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(2)), 0);
}

/* The hook's own error fails the mmap unchanged. */
static void mpc_action_complete_hook_error(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_FAIL);
	long addr;

	mpc_dev.hook_ret = -EACCES;
	addr = mpc_kunit_mmap(file, MPC_PG(2), PROT_READ, MAP_SHARED, 0);
	KUNIT_EXPECT_EQ(test, addr, (long)-EACCES);
	KUNIT_EXPECT_EQ(test, mpc_dev.mapped_calls, 0);
	KUNIT_EXPECT_EQ(test, mpc_dev.close_calls, 0);
	KUNIT_EXPECT_FALSE(test, mpc_kunit_range_mapped(0, TASK_SIZE));
}

/* The hook sees the descriptor as mmap() built it. */
static void mpc_action_hook_sees_desc(struct kunit *test)
{
	struct file *file = mpc_dev_reset(test, MPC_MODE_NONE);
	const struct vm_area_desc *d = &mpc_dev.p_desc;
	unsigned long addr = mpc_map_ok(test, file, 3, MAP_SHARED, 4);

	KUNIT_EXPECT_PTR_EQ(test, d->mm, current->mm);
	KUNIT_EXPECT_PTR_EQ(test, d->file, file);
	KUNIT_EXPECT_PTR_EQ(test, d->vm_file, file);
	KUNIT_EXPECT_EQ(test, d->start, addr);
	KUNIT_EXPECT_EQ(test, d->end, addr + MPC_PG(3));
	KUNIT_EXPECT_EQ(test, d->pgoff, (pgoff_t)4);
	KUNIT_EXPECT_TRUE(test, vma_desc_test_all(d, VMA_READ_BIT,
						  VMA_WRITE_BIT, VMA_SHARED_BIT,
						  VMA_MAYSHARE_BIT,
						  VMA_MAYREAD_BIT,
						  VMA_MAYWRITE_BIT));
	KUNIT_EXPECT_FALSE(test, vma_desc_test_any(d, VMA_EXEC_BIT,
						   VMA_IO_BIT, VMA_PFNMAP_BIT,
						   VMA_MIXEDMAP_BIT));
	KUNIT_EXPECT_EQ(test, (int)d->action.type, (int)MMAP_NOTHING);
	KUNIT_EXPECT_EQ(test, d->action.error_override, 0);
	KUNIT_EXPECT_NULL(test, d->private_data);
	KUNIT_EXPECT_EQ(test, vm_munmap(addr, MPC_PG(3)), 0);
}

static struct kunit_case mpc_action_cases[] = {
	KUNIT_CASE(mpc_action_prepare_nothing),
	KUNIT_CASE(mpc_action_prepare_remap_range),
	KUNIT_CASE(mpc_action_prepare_remap_cow_partial),
	KUNIT_CASE(mpc_action_prepare_remap_cow_full),
	KUNIT_CASE(mpc_action_prepare_remap_shared),
	KUNIT_CASE(mpc_action_prepare_ioremap),
	KUNIT_CASE(mpc_action_prepare_simple_ioremap_checks),
	KUNIT_CASE(mpc_action_prepare_kpages),
	KUNIT_CASE(mpc_action_setters),
	KUNIT_CASE(mpc_action_hook_sees_desc),
	KUNIT_CASE(mpc_action_complete_nothing),
	KUNIT_CASE(mpc_action_complete_hook_error),
	KUNIT_CASE(mpc_action_complete_hook_fields),
	KUNIT_CASE(mpc_action_complete_remap_shared),
	KUNIT_CASE(mpc_action_complete_remap_cow),
	KUNIT_CASE(mpc_action_complete_remap_half),
	KUNIT_CASE(mpc_action_complete_remap_cow_partial),
	KUNIT_CASE(mpc_action_complete_remap_outside),
	KUNIT_CASE(mpc_action_complete_ioremap),
	KUNIT_CASE(mpc_action_complete_simple_ioremap),
	KUNIT_CASE(mpc_action_complete_simple_ioremap_cow),
	KUNIT_CASE(mpc_action_complete_simple_ioremap_short),
	KUNIT_CASE(mpc_action_complete_kpages),
	KUNIT_CASE(mpc_action_complete_kpages_full),
	KUNIT_CASE(mpc_action_complete_kpages_fail),
	KUNIT_CASE(mpc_action_complete_vm_file_swap),
	KUNIT_CASE(mpc_action_vm_file_swap_prepare_failure),
	KUNIT_CASE(mpc_action_complete_anonymous),
	{}
};

static struct kunit_suite mpc_action_suite = {
	.name = MPC_KUNIT_SUITE("mpc_action"),
	.test_cases = mpc_action_cases,
};

kunit_test_suite(mpc_action_suite);

MODULE_DESCRIPTION("KUnit tests of the mmap_prepare actions");
MODULE_LICENSE("GPL");
