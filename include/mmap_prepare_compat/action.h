/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: the 7.3 mmap_action helpers a mmap_prepare hook calls
 * (include/linux/mm.h in 7.3), and the action entry points.
 */
#ifndef _MMAP_PREPARE_COMPAT_ACTION_H
#define _MMAP_PREPARE_COMPAT_ACTION_H

#include <linux/bug.h>
#include <mmap_prepare_compat/desc.h>
#include <mmap_prepare_compat/prefix.h>

/**
 * __mpc_mmap_action_remap() - compat mmap_action_remap(): request a PFN remap
 * @desc: the VMA descriptor
 * @start: the user address to start at, within the VMA
 * @start_pfn: the first PFN to map
 * @size: the size in bytes, at most to the end of the VMA
 *
 * Records the current @desc->page_prot as the remap's protection.
 */
static inline void __mpc_mmap_action_remap(struct __mpc_vm_area_desc *desc,
					   unsigned long start,
					   unsigned long start_pfn,
					   unsigned long size)
{
	struct __mpc_mmap_action *action = &desc->action;

	/* [start, start + size) must be within the VMA. */
	WARN_ON_ONCE(start < desc->start || start >= desc->end);
	WARN_ON_ONCE(start + size > desc->end);

	action->type = __MPC_MMAP_REMAP_PFN;
	action->remap.start = start;
	action->remap.start_pfn = start_pfn;
	action->remap.size = size;
	action->remap.pgprot = desc->page_prot;
}

/**
 * __mpc_mmap_action_remap_full() - compat mmap_action_remap_full()
 * @desc: the VMA descriptor
 * @start_pfn: the first PFN to map over the whole VMA
 */
static inline void __mpc_mmap_action_remap_full(struct __mpc_vm_area_desc *desc,
						unsigned long start_pfn)
{
	__mpc_mmap_action_remap(desc, desc->start, start_pfn,
				__mpc_vma_desc_size(desc));
}

/**
 * __mpc_mmap_action_ioremap() - compat mmap_action_ioremap(): PFN I/O remap
 * @desc: the VMA descriptor
 * @start: the user address to start at, within the VMA
 * @start_pfn: the first PFN to map
 * @size: the size in bytes, at most to the end of the VMA
 */
static inline void __mpc_mmap_action_ioremap(struct __mpc_vm_area_desc *desc,
					     unsigned long start,
					     unsigned long start_pfn,
					     unsigned long size)
{
	__mpc_mmap_action_remap(desc, start, start_pfn, size);
	desc->action.type = __MPC_MMAP_IO_REMAP_PFN;
}

/**
 * __mpc_mmap_action_ioremap_full() - compat mmap_action_ioremap_full()
 * @desc: the VMA descriptor
 * @start_pfn: the first PFN to map over the whole VMA
 */
static inline void __mpc_mmap_action_ioremap_full(struct __mpc_vm_area_desc *desc,
						  unsigned long start_pfn)
{
	__mpc_mmap_action_ioremap(desc, desc->start, start_pfn,
				  __mpc_vma_desc_size(desc));
}

/**
 * __mpc_mmap_action_simple_ioremap() - compat mmap_action_simple_ioremap()
 * @desc: the VMA descriptor
 * @start_phys_addr: start of the physical memory to map
 * @size: size of that memory
 *
 * Maps the VMA from @desc->pgoff pages into the physical range; the range
 * must cover the VMA. Tweak @desc->page_prot first for write-combining.
 */
static inline void
__mpc_mmap_action_simple_ioremap(struct __mpc_vm_area_desc *desc,
				 phys_addr_t start_phys_addr,
				 unsigned long size)
{
	struct __mpc_mmap_action *action = &desc->action;

	action->simple_ioremap.start_phys_addr = start_phys_addr;
	action->simple_ioremap.size = size;
	action->type = __MPC_MMAP_SIMPLE_IO_REMAP;
}

/**
 * __mpc_mmap_action_map_kernel_pages() - compat mmap_action_map_kernel_pages()
 * @desc: the VMA descriptor
 * @start: the user address to map the first page at
 * @pages: the kernel pages
 * @nr_pages: the number of entries of @pages to map
 */
static inline void
__mpc_mmap_action_map_kernel_pages(struct __mpc_vm_area_desc *desc,
				   unsigned long start, struct page **pages,
				   unsigned long nr_pages)
{
	struct __mpc_mmap_action *action = &desc->action;

	action->type = __MPC_MMAP_MAP_KERNEL_PAGES;
	action->map_kernel.start = start;
	action->map_kernel.pages = pages;
	action->map_kernel.nr_pages = nr_pages;
	action->map_kernel.pgoff = desc->pgoff;
}

/**
 * __mpc_mmap_action_map_kernel_pages_full() - compat
 *	mmap_action_map_kernel_pages_full()
 * @desc: the VMA descriptor
 * @pages: the kernel pages; enough entries to cover the whole VMA
 */
static inline void
__mpc_mmap_action_map_kernel_pages_full(struct __mpc_vm_area_desc *desc,
					struct page **pages)
{
	__mpc_mmap_action_map_kernel_pages(desc, desc->start, pages,
					   __mpc_vma_desc_pages(desc));
}

int __MPC_SYM(mmap_action_prepare)(struct __mpc_vm_area_desc *desc);
int __MPC_SYM(mmap_action_complete)(struct vm_area_struct *vma,
				    struct __mpc_mmap_action *action,
				    bool is_compat);

#ifdef MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS
/*
 * The layer embedded in a driver that is not GPL-compatible
 * (mmap-prepare-compat.mk's MMAP_PREPARE_COMPAT_GPL=n) uses no GPL-only
 * kernel symbol, so that modpost accepts the driver. A PFN remap needs one:
 * the page-table clear before ->close when the action or ->mapped fails
 * (zap_vma_ptes(), 7.1 and later zap_special_vma_range()), and an I/O remap
 * also pgprot_decrypted() (cc_mkdec() on x86-64 from 6.1). The five PFN
 * remap helpers are therefore declared without a definition: a call that
 * the compiler does not remove as dead code stops the build with the
 * message below. mmap_action_prepare() refuses a PFN remap action set by
 * hand (-EOPNOTSUPP).
 */
#ifdef HAVE_ZAP_SPECIAL_VMA_RANGE
#define __MPC_ZAP_NAME	"zap_special_vma_range()"
#else
#define __MPC_ZAP_NAME	"zap_vma_ptes()"
#endif
#define __MPC_NEEDS_GPL(helper, what)					\
	__compiletime_error(helper "() needs " what ", which the kernel "	\
			    "exports GPL-only, and this driver embeds "	\
			    "mmap-prepare-compat without GPL-only symbols "	\
			    "(its MODULE_LICENSE is not GPL-compatible, or "	\
			    "MMAP_PREPARE_COMPAT_GPL=n): build it in shared "	\
			    "mode (MMAP_PREPARE_COMPAT_MODE=shared), where "	\
			    "the GPL module mmap_prepare_compat.ko makes "	\
			    "these calls for drivers of any licence")
#define __MPC_NEEDS_GPL_REMAP(helper)	__MPC_NEEDS_GPL(helper, __MPC_ZAP_NAME)
#define __MPC_NEEDS_GPL_IOREMAP(helper)					\
	__MPC_NEEDS_GPL(helper, __MPC_ZAP_NAME " and pgprot_decrypted() "	\
			"(cc_mkdec() on x86-64)")

void __mpc_no_gpl_mmap_action_remap(struct __mpc_vm_area_desc *desc,
				    unsigned long start,
				    unsigned long start_pfn,
				    unsigned long size)
	__MPC_NEEDS_GPL_REMAP("mmap_action_remap");
void __mpc_no_gpl_mmap_action_remap_full(struct __mpc_vm_area_desc *desc,
					 unsigned long start_pfn)
	__MPC_NEEDS_GPL_REMAP("mmap_action_remap_full");
void __mpc_no_gpl_mmap_action_ioremap(struct __mpc_vm_area_desc *desc,
				      unsigned long start,
				      unsigned long start_pfn,
				      unsigned long size)
	__MPC_NEEDS_GPL_IOREMAP("mmap_action_ioremap");
void __mpc_no_gpl_mmap_action_ioremap_full(struct __mpc_vm_area_desc *desc,
					   unsigned long start_pfn)
	__MPC_NEEDS_GPL_IOREMAP("mmap_action_ioremap_full");
void __mpc_no_gpl_mmap_action_simple_ioremap(struct __mpc_vm_area_desc *desc,
					     phys_addr_t start_phys_addr,
					     unsigned long size)
	__MPC_NEEDS_GPL_IOREMAP("mmap_action_simple_ioremap");

#undef mmap_action_remap
#define mmap_action_remap		__mpc_no_gpl_mmap_action_remap
#undef mmap_action_remap_full
#define mmap_action_remap_full		__mpc_no_gpl_mmap_action_remap_full
#undef mmap_action_ioremap
#define mmap_action_ioremap		__mpc_no_gpl_mmap_action_ioremap
#undef mmap_action_ioremap_full
#define mmap_action_ioremap_full	__mpc_no_gpl_mmap_action_ioremap_full
#undef mmap_action_simple_ioremap
#define mmap_action_simple_ioremap	__mpc_no_gpl_mmap_action_simple_ioremap
#else
#undef mmap_action_remap
#define mmap_action_remap		__mpc_mmap_action_remap
#undef mmap_action_remap_full
#define mmap_action_remap_full		__mpc_mmap_action_remap_full
#undef mmap_action_ioremap
#define mmap_action_ioremap		__mpc_mmap_action_ioremap
#undef mmap_action_ioremap_full
#define mmap_action_ioremap_full	__mpc_mmap_action_ioremap_full
#undef mmap_action_simple_ioremap
#define mmap_action_simple_ioremap	__mpc_mmap_action_simple_ioremap
#endif /* MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS */
#undef mmap_action_map_kernel_pages
#define mmap_action_map_kernel_pages	__mpc_mmap_action_map_kernel_pages
#undef mmap_action_map_kernel_pages_full
#define mmap_action_map_kernel_pages_full \
	__mpc_mmap_action_map_kernel_pages_full
#undef mmap_action_prepare
#define mmap_action_prepare		__MPC_SYM(mmap_action_prepare)
#undef mmap_action_complete
#define mmap_action_complete		__MPC_SYM(mmap_action_complete)

#endif /* _MMAP_PREPARE_COMPAT_ACTION_H */
