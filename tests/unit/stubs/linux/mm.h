/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userland stub: include/linux/mm.h of the stub kernel (5.10 or 6.12, x86-64
 * Debian configuration, or with STUB_ARCH_ARM64 6.12 arm64 Debian
 * configuration): the VM_* flags with their values there, the page macros,
 * and mocks of remap_pfn_range() and vm_insert_pages() (stub.c).
 */
#ifndef _STUB_LINUX_MM_H
#define _STUB_LINUX_MM_H

#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/mm_types.h>
#include <linux/types.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr)	(((unsigned long)(addr) & (PAGE_SIZE - 1)) == 0)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))

/*
 * Page protection bits the tests look at: STUB_PAGE_ENC is the memory
 * encryption bit pgprot_decrypted() clears (x86 sme_me_mask), STUB_PAGE_PCD
 * the cache-disable bit pgprot_noncached() sets.
 */
#define STUB_PAGE_PCD		(1UL << 4)
#define STUB_PAGE_ENC		(1UL << 51)
#define pgprot_decrypted(prot)	__pgprot(pgprot_val(prot) & ~STUB_PAGE_ENC)
#define pgprot_encrypted(prot)	__pgprot(pgprot_val(prot) | STUB_PAGE_ENC)
#define pgprot_noncached(prot)	__pgprot(pgprot_val(prot) | STUB_PAGE_PCD)

#define VM_NONE		0x00000000

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008

#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080

#define VM_GROWSDOWN	0x00000100
#define VM_UFFD_MISSING	0x00000200
#define VM_PFNMAP	0x00000400
#if STUB_LINUX_VERSION < 515
#define VM_DENYWRITE	0x00000800
#endif
#define VM_UFFD_WP	0x00001000

#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000

#define VM_SEQ_READ	0x00008000
#define VM_RAND_READ	0x00010000

#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000
#define VM_LOCKONFAULT	0x00080000
#define VM_ACCOUNT	0x00100000
#define VM_NORESERVE	0x00200000
#define VM_HUGETLB	0x00400000
#define VM_SYNC		0x00800000
#define VM_ARCH_1	0x01000000
#define VM_WIPEONFORK	0x02000000
#define VM_DONTDUMP	0x04000000

#ifdef STUB_ARCH_ARM64
#define VM_SOFTDIRTY	0		/* arm64 has no soft-dirty tracking */
#else
#define VM_SOFTDIRTY	0x08000000	/* CONFIG_MEM_SOFT_DIRTY=y */
#endif

#define VM_MIXEDMAP	0x10000000
#define VM_HUGEPAGE	0x20000000
#define VM_NOHUGEPAGE	0x40000000
#define VM_MERGEABLE	BIT(31)

#define VM_HIGH_ARCH_BIT_0	32
#define VM_HIGH_ARCH_BIT_1	33
#define VM_HIGH_ARCH_BIT_2	34
#define VM_HIGH_ARCH_BIT_3	35
#define VM_HIGH_ARCH_BIT_4	36
#define VM_HIGH_ARCH_0	BIT(VM_HIGH_ARCH_BIT_0)
#define VM_HIGH_ARCH_1	BIT(VM_HIGH_ARCH_BIT_1)
#define VM_HIGH_ARCH_2	BIT(VM_HIGH_ARCH_BIT_2)
#define VM_HIGH_ARCH_3	BIT(VM_HIGH_ARCH_BIT_3)
#define VM_HIGH_ARCH_4	BIT(VM_HIGH_ARCH_BIT_4)
#if STUB_LINUX_VERSION >= 606
#define VM_HIGH_ARCH_BIT_5	37
#define VM_HIGH_ARCH_5	BIT(VM_HIGH_ARCH_BIT_5)
#endif

#ifdef STUB_ARCH_ARM64
/*
 * arm64 6.12: CONFIG_ARM64_POE, three key bits (CONFIG_ARCH_PKEY_BITS=3),
 * MTE moved to HIGH_ARCH_4/5 to make room for them; BTI in ARCH_1; no
 * shadow stack before GCS (6.13). 7.3's numbers for the names arm64 lacks
 * are bits of its real flags here: VMA_PKEY_BIT4_BIT (36) is VM_MTE's,
 * VMA_SHADOW_STACK_BIT (37) VM_MTE_ALLOWED's, VMA_GROWSUP_BIT (24)
 * VM_ARM64_BTI's.
 */
#define VM_PKEY_SHIFT	VM_HIGH_ARCH_BIT_0
#define VM_PKEY_BIT0	VM_HIGH_ARCH_0
#define VM_PKEY_BIT1	VM_HIGH_ARCH_1
#define VM_PKEY_BIT2	VM_HIGH_ARCH_2
#define VM_PKEY_BIT3	0
#define VM_PKEY_BIT4	0

#define VM_SHADOW_STACK	VM_NONE

#define VM_ARM64_BTI	VM_ARCH_1
#define VM_ARCH_CLEAR	VM_ARM64_BTI

#define VM_MTE		VM_HIGH_ARCH_4
#define VM_MTE_ALLOWED	VM_HIGH_ARCH_5
#define VM_GROWSUP	VM_NONE
#else
/* x86: CONFIG_ARCH_HAS_PKEYS, four key bits. */
#define VM_PKEY_SHIFT	VM_HIGH_ARCH_BIT_0
#define VM_PKEY_BIT0	VM_HIGH_ARCH_0
#define VM_PKEY_BIT1	VM_HIGH_ARCH_1
#define VM_PKEY_BIT2	VM_HIGH_ARCH_2
#define VM_PKEY_BIT3	VM_HIGH_ARCH_3
#define VM_PKEY_BIT4	0

#if STUB_LINUX_VERSION >= 606
#define VM_SHADOW_STACK	VM_HIGH_ARCH_5	/* CONFIG_X86_USER_SHADOW_STACK=y */
#endif

#define VM_PAT		VM_ARCH_1

#define VM_MTE		VM_NONE
#define VM_MTE_ALLOWED	VM_NONE
#define VM_GROWSUP	VM_NONE
#endif

#if STUB_LINUX_VERSION >= 606
#define VM_UFFD_MINOR_BIT	38
#elif STUB_LINUX_VERSION >= 513
#define VM_UFFD_MINOR_BIT	37
#endif
#ifdef VM_UFFD_MINOR_BIT
#define VM_UFFD_MINOR	BIT(VM_UFFD_MINOR_BIT)
#endif

#if STUB_LINUX_VERSION >= 608
#define VM_ALLOW_ANY_UNCACHED_BIT	39
#define VM_ALLOW_ANY_UNCACHED	BIT(VM_ALLOW_ANY_UNCACHED_BIT)
#endif
#if STUB_LINUX_VERSION >= 610
#define VM_DROPPABLE_BIT	40
#define VM_DROPPABLE	BIT(VM_DROPPABLE_BIT)
#endif
#if STUB_LINUX_VERSION >= 610
#define VM_SEALED	_BITUL(63)
#endif

#define VM_STACK	VM_GROWSDOWN
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* The caller holds mmap_lock for writing, so a read trylock fails. */
static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	(void)mm;
	return false;
}

#if STUB_LINUX_VERSION >= 603
/* 6.3+: the only way to change a VMA's flags (mocked in stub.c: counted). */
void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags);
void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags);
/* For a VMA that is not in the VMA tree: no lock (counted too). */
void vm_flags_init(struct vm_area_struct *vma, vm_flags_t flags);
#endif

#if STUB_LINUX_VERSION >= 511
void vma_set_file(struct vm_area_struct *vma, struct file *file);
#endif

int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot);
int vm_insert_pages(struct vm_area_struct *vma, unsigned long addr,
		    struct page **pages, unsigned long *num);
void zap_vma_ptes(struct vm_area_struct *vma, unsigned long address,
		  unsigned long size);

#ifdef STUB_ARCH_IO_REMAP_PFN
/* An architecture that translates I/O PFNs (7.3: MIPS, SPARC). */
#define io_remap_pfn_range_pfn(pfn, size)	((pfn) + STUB_ARCH_IO_REMAP_PFN)
#endif

#endif /* _STUB_LINUX_MM_H */
