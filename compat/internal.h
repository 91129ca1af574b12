/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interfaces between the compat sources, and the kernel building
 * blocks they use on kernels that lack a newer one. Only this file tests
 * HAVE_* results for old-kernel building blocks.
 */
#ifndef _MMAP_PREPARE_COMPAT_INTERNAL_H
#define _MMAP_PREPARE_COMPAT_INTERNAL_H

#include <linux/atomic.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/spinlock.h>

#include <linux/mmap_prepare_compat.h>

#if MMAP_PREPARE_COMPAT_EMULATED

/* The prepare step of each action type (compat/action_prepare.c). */
int __MPC_SYM(remap_pfn_range_prepare)(struct vm_area_desc *desc);
int __MPC_SYM(io_remap_pfn_range_prepare)(struct vm_area_desc *desc);
int __MPC_SYM(simple_ioremap_prepare)(struct vm_area_desc *desc);
int __MPC_SYM(map_kernel_pages_prepare)(struct vm_area_desc *desc);

/*
 * Apply the mutable and user-defined fields of @desc to @vma
 * (compat/desc.c). Returns the file the VMA held before, with the reference
 * the VMA owned on it: the caller passes it to __mpc_finish_vma_file().
 */
struct file *__MPC_SYM(set_vma_from_desc)(struct vm_area_struct *vma,
					  struct vm_area_desc *desc,
					  bool take_file_ref);
void __MPC_SYM(finish_vma_file)(struct vm_area_struct *vma,
				struct file *old_file, int err);

/* Run the mmap_prepare hook's result against @vma (compat/mmap.c). */
int __MPC_SYM(mmap_desc)(struct vm_area_desc *desc, struct vm_area_struct *vma,
			 bool is_compat);

/*
 * Replace the VMA's flags word (6.3+: vm_flags_set()/vm_flags_clear()).
 * Those write-lock the VMA, on newer kernels (7.3 among them) through
 * __vma_start_write(), exported GPL-only. Without GPL-only symbols the
 * layer uses vm_flags_init(), the kernel's own way for a VMA that is not in
 * the VMA tree yet, as the VMA of a .mmap hook never is: mmap_region()
 * write-locks and links it afterwards.
 */
static inline void __mpc_vma_update_flags(struct vm_area_struct *vma,
					  vm_flags_t flags)
{
#if defined(HAVE_VM_FLAGS_SET) && defined(MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS)
	if (flags != vma->vm_flags)
		vm_flags_init(vma, flags);
#elif defined(HAVE_VM_FLAGS_SET)
	vm_flags_t old = vma->vm_flags;

	if (flags & ~old)
		vm_flags_set(vma, flags & ~old);
	if (old & ~flags)
		vm_flags_clear(vma, old & ~flags);
#else
	vma->vm_flags = flags;
#endif
}

/*
 * Clear the page tables of a VMA whose action or ->mapped failed, before its
 * ->close runs (7.3: do_munmap() in mmap_action_finish()). Only PFN maps
 * need it: their PTEs hold no page reference, whereas inserted kernel pages
 * stay referenced until the kernel's own unmap. Both are exported GPL-only,
 * which is why the layer embedded in a driver that is not GPL-compatible
 * (MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS) performs no PFN map at all and has
 * nothing to clear (Documentation/porting.rst).
 */
static inline void __mpc_zap_vma(struct vm_area_struct *vma)
{
#if defined(MMAP_PREPARE_COMPAT_NO_GPL_SYMBOLS)
	/* mmap_action_prepare() refused every PFN map action. */
#elif defined(HAVE_ZAP_SPECIAL_VMA_RANGE)
	zap_special_vma_range(vma, vma->vm_start, vma->vm_end - vma->vm_start);
#else
	zap_vma_ptes(vma, vma->vm_start, vma->vm_end - vma->vm_start);
#endif
}

#endif /* MMAP_PREPARE_COMPAT_EMULATED */
#endif /* _MMAP_PREPARE_COMPAT_INTERNAL_H */
