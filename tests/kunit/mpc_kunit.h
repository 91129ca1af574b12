/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the mmap-prepare-compat KUnit suites.
 *
 * Every suite is written against the upstream 7.3 names, through
 * <linux/mmap_prepare_compat.h> only. tests/kunit/run.sh compiles each suite
 * once per path the kernel offers: natively (where the kernel has the whole
 * API) and with -DMMAP_PREPARE_COMPAT_FORCE_COMPAT=1. MPC_KUNIT_SUITE() gives
 * the two builds distinct suite names ("<name>_native", "<name>_compat").
 *
 * All helpers are static: a suite file is compiled twice into one kernel.
 */
#ifndef _MPC_KUNIT_H
#define _MPC_KUNIT_H

#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/kthread.h>

#include <linux/mmap_prepare_compat.h>

#if MMAP_PREPARE_COMPAT_EMULATED
#define MPC_KUNIT_PATH		"compat"
#else
#define MPC_KUNIT_PATH		"native"
#endif

/* The suite name of @base for the path this translation unit uses. */
#define MPC_KUNIT_SUITE(base)	base "_" MPC_KUNIT_PATH

/* Number of pages of the test buffers. */
#define MPC_KUNIT_PAGES		8

/* A test mapping's length in bytes for @n pages. */
#define MPC_PG(n)		((unsigned long)(n) << PAGE_SHIFT)

/**
 * mpc_kunit_attach_mm() - give the test thread its own mm
 * @test: the test
 *
 * Uses kunit_attach_mm() where the kernel exports it (run.sh probes
 * include/kunit/test.h and defines MPC_KUNIT_HAVE_ATTACH_MM); otherwise does
 * what it does: allocate an mm, pick its mmap layout, kthread_use_mm() it.
 * The mm goes away with the test thread.
 */
static inline void mpc_kunit_attach_mm(struct kunit *test)
{
#ifdef MPC_KUNIT_HAVE_ATTACH_MM
	KUNIT_ASSERT_EQ(test, kunit_attach_mm(), 0);
#else
	struct mm_struct *mm;

	if (current->mm)
		return;
	mm = mm_alloc();
	KUNIT_ASSERT_NOT_NULL(test, mm);
	mm->task_size = TASK_SIZE;
	arch_pick_mmap_layout(mm, &current->signal->rlim[RLIMIT_STACK]);
	kthread_use_mm(mm);
#endif
	KUNIT_ASSERT_NOT_NULL(test, current->mm);
}

/**
 * mpc_kunit_defer() - call @fn(@data) when the test ends
 * @test: the test
 * @fn: the function
 * @data: its argument
 *
 * kunit_add_action_or_reset() where the kernel has it (6.5+; run.sh defines
 * MPC_KUNIT_HAVE_ADD_ACTION), otherwise the same on a KUnit resource. Like
 * kunit_add_action_or_reset(), calls @fn(@data) at once if it fails.
 *
 * Return: 0 or -ENOMEM.
 */
#ifdef MPC_KUNIT_HAVE_ADD_ACTION
static inline int mpc_kunit_defer(struct kunit *test, void (*fn)(void *),
				  void *data)
{
	return kunit_add_action_or_reset(test, fn, data);
}
#else
struct mpc_kunit_deferred {
	void (*fn)(void *data);
	void *data;
};

static int mpc_kunit_deferred_init(struct kunit_resource *res, void *ctx)
{
	res->data = ctx;
	return 0;
}

static void mpc_kunit_deferred_free(struct kunit_resource *res)
{
	struct mpc_kunit_deferred *d = res->data;

	d->fn(d->data);
	kfree(d);
}

static inline int mpc_kunit_defer(struct kunit *test, void (*fn)(void *),
				  void *data)
{
	struct mpc_kunit_deferred *d = kmalloc(sizeof(*d), GFP_KERNEL);

	if (d) {
		d->fn = fn;
		d->data = data;
		if (kunit_alloc_resource(test, mpc_kunit_deferred_init,
					 mpc_kunit_deferred_free, GFP_KERNEL, d))
			return 0;
		kfree(d);
	}
	fn(data);
	return -ENOMEM;
}
#endif

static void mpc_kunit_fput(void *file)
{
	fput(file);
}

/**
 * mpc_kunit_file() - an anonymous-inode file with @fops, released after the test
 * @test: the test
 * @fops: its file operations
 * @priv: its private_data
 */
static inline struct file *mpc_kunit_file(struct kunit *test,
					  const struct file_operations *fops,
					  void *priv)
{
	struct file *file;

	file = anon_inode_getfile("[mpc_kunit]", fops, priv, O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(file));
	KUNIT_ASSERT_EQ(test, mpc_kunit_defer(test, mpc_kunit_fput, file), 0);
	return file;
}

/**
 * mpc_kunit_mmap() - vm_mmap() @file into the test's mm
 * @file: the file
 * @len: length in bytes
 * @prot: PROT_*
 * @flags: MAP_*
 * @pgoff: offset in pages
 *
 * Return: the address, or a negative errno cast to long.
 */
static inline long mpc_kunit_mmap(struct file *file, unsigned long len,
				  unsigned long prot, unsigned long flags,
				  unsigned long pgoff)
{
	unsigned long addr = vm_mmap(file, 0, len, prot, flags,
				     pgoff << PAGE_SHIFT);

	return (long)addr;
}

/* Is @addr an error of mpc_kunit_mmap()? */
#define MPC_MMAP_FAILED(addr)	IS_ERR_VALUE((unsigned long)(addr))

/**
 * struct mpc_vma_snap - the fields of a VMA the tests look at
 */
struct mpc_vma_snap {
	bool found;
	unsigned long start, end, pgoff;
	vm_flags_t flags;
	const struct vm_operations_struct *vm_ops;
	void *private_data;
	struct file *vm_file;
	pgprot_t page_prot;
};

/* Snapshot the VMA of the test mm that contains @addr (found=false if none). */
static inline struct mpc_vma_snap mpc_kunit_vma(unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct mpc_vma_snap s = { };
	struct vm_area_struct *vma;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	if (vma && vma->vm_start <= addr) {
		s.found = true;
		s.start = vma->vm_start;
		s.end = vma->vm_end;
		s.pgoff = vma->vm_pgoff;
		s.flags = vma->vm_flags;
		s.vm_ops = vma->vm_ops;
		s.private_data = vma->vm_private_data;
		s.vm_file = vma->vm_file;
		s.page_prot = vma->vm_page_prot;
	}
	mmap_read_unlock(mm);
	return s;
}

/* Is any part of [addr, addr + len) still mapped in the test mm? */
static inline bool mpc_kunit_range_mapped(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool ret;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	ret = vma && vma->vm_start < addr + len;
	mmap_read_unlock(mm);
	return ret;
}

/**
 * mpc_kunit_pte_present() - is a PTE present for @addr in @mm?
 * @mm: the mm; its mmap_lock must be held
 * @addr: user address
 *
 * A plain page-table walk, usable from ->mapped where the caller holds the
 * mmap_lock for writing; needs no VM_PFNMAP (unlike follow_pfnmap_start()).
 */
static inline bool mpc_kunit_pte_present(struct mm_struct *mm,
					 unsigned long addr)
{
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *ptep;
	bool ret;

	pgd = pgd_offset(mm, addr);
	if (pgd_none(*pgd) || pgd_bad(*pgd))
		return false;
	p4d = p4d_offset(pgd, addr);
	if (p4d_none(*p4d) || p4d_bad(*p4d))
		return false;
	pud = pud_offset(p4d, addr);
	if (pud_none(*pud) || pud_bad(*pud))
		return false;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd) || pmd_bad(*pmd))
		return false;
	ptep = pte_offset_map(pmd, addr);
	if (!ptep)
		return false;
	ret = pte_present(*ptep);
	pte_unmap(ptep);
	return ret;
}

static void mpc_kunit_free_pages(void *page)
{
	int i;

	for (i = 0; i < MPC_KUNIT_PAGES; i++)
		__free_page((struct page *)page + i);
}

/**
 * mpc_kunit_alloc_buf() - MPC_KUNIT_PAGES physically contiguous pages
 * @test: the test
 *
 * The allocation is split into order-0 pages, each with its own reference,
 * as vm_insert_pages() requires. Every byte of page i is (i + 1) ^ 0xa0, so
 * a mapping can be checked page by page. Freed after the test.
 */
static inline struct page *mpc_kunit_alloc_buf(struct kunit *test)
{
	const unsigned int order = get_order(MPC_PG(MPC_KUNIT_PAGES));
	struct page *page;
	int i;

	BUILD_BUG_ON(MPC_PG(MPC_KUNIT_PAGES) != PAGE_SIZE << order);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	split_page(page, order);
	KUNIT_ASSERT_EQ(test, mpc_kunit_defer(test, mpc_kunit_free_pages,
					      page), 0);
	for (i = 0; i < MPC_KUNIT_PAGES; i++)
		memset(page_address(page + i), (i + 1) ^ 0xa0, PAGE_SIZE);
	return page;
}

/* The fill byte of buffer page @i. */
#define MPC_FILL(i)		((u8)(((i) + 1) ^ 0xa0))

/**
 * mpc_kunit_check_user_page() - does user page @addr hold buffer page @idx?
 * @test: the test
 * @addr: user address of one page
 * @idx: expected buffer page index
 *
 * Return: true when all of the page reads as MPC_FILL(@idx).
 */
static inline bool mpc_kunit_check_user_page(struct kunit *test,
					     unsigned long addr, int idx)
{
	u8 *buf = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned long i;

	if (!buf)
		return false;
	if (copy_from_user(buf, (const void __user *)addr, PAGE_SIZE))
		return false;
	for (i = 0; i < PAGE_SIZE; i++)
		if (buf[i] != MPC_FILL(idx))
			return false;
	return true;
}

/* Can the test thread read user page @addr at all? */
static inline bool mpc_kunit_user_readable(unsigned long addr)
{
	u8 c;

	return !copy_from_user(&c, (const void __user *)addr, 1);
}

/**
 * mpc_kunit_desc_init() - a descriptor as mmap_region() hands it to a hook
 * @desc: the descriptor
 * @start: user start address
 * @pages: length in pages
 * @pgoff: offset in pages
 * @shared: MAP_SHARED (else a writable private, i.e. CoW, mapping)
 *
 * mm is the test mm; the caller holds its mmap_lock for writing while it
 * runs mmap_action_prepare() (as the kernel does: 7.3's
 * map_kernel_pages_prepare() checks it under CONFIG_DEBUG_VM).
 */
static inline void mpc_kunit_desc_init(struct vm_area_desc *desc,
				       unsigned long start,
				       unsigned long pages,
				       unsigned long pgoff, bool shared)
{
	memset(desc, 0, sizeof(*desc));
	desc->mm = current->mm;
	desc->start = start;
	desc->end = start + MPC_PG(pages);
	desc->pgoff = pgoff;
	desc->vma_flags = mk_vma_flags(VMA_READ_BIT, VMA_WRITE_BIT,
				       VMA_MAYREAD_BIT, VMA_MAYWRITE_BIT);
	if (shared)
		vma_desc_set_flags(desc, VMA_SHARED_BIT, VMA_MAYSHARE_BIT);
	desc->page_prot = PAGE_SHARED;
	desc->action.type = MMAP_NOTHING;
}

/* Run mmap_action_prepare(@desc) under the test mm's mmap write lock. */
static inline int mpc_kunit_prepare_locked(struct vm_area_desc *desc)
{
	int err;

	mmap_write_lock(current->mm);
	err = mmap_action_prepare(desc);
	mmap_write_unlock(current->mm);
	return err;
}

/* An unmapped, page-aligned user address of the test mm, for descriptors. */
#define MPC_DESC_START		0x10000000UL

#endif /* _MPC_KUNIT_H */
