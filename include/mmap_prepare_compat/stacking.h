/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: the 7.3 stacking helpers (include/linux/fs.h in 7.3) and the
 * trampoline behind MMAP_PREPARE_HOOK().
 */
#ifndef _MMAP_PREPARE_COMPAT_STACKING_H
#define _MMAP_PREPARE_COMPAT_STACKING_H

#include <mmap_prepare_compat/types.h>
#include <mmap_prepare_compat/prefix.h>

struct file;
struct vm_area_struct;

void __MPC_SYM(compat_set_desc_from_vma)(struct __mpc_vm_area_desc *desc,
					 const struct file *file,
					 const struct vm_area_struct *vma);
int __MPC_SYM(__compat_vma_mmap)(struct __mpc_vm_area_desc *desc,
				 struct vm_area_struct *vma);
int __MPC_SYM(compat_vma_mmap)(struct file *file, struct vm_area_struct *vma);

/* The .mmap trampoline behind MMAP_PREPARE_HOOK(); see compat/mmap.c. */
#define __mpc_mmap_prepare_trampoline	__MPC_SYM(mmap_prepare_trampoline)
int __mpc_mmap_prepare_trampoline(struct file *file, struct vm_area_struct *vma,
				  int (*mmap_prepare)(struct __mpc_vm_area_desc *desc),
				  const struct __mpc_mapped_entry *mapped,
				  unsigned int nr_mapped);

#undef compat_set_desc_from_vma
#define compat_set_desc_from_vma	__MPC_SYM(compat_set_desc_from_vma)
#undef __compat_vma_mmap
#define __compat_vma_mmap		__MPC_SYM(__compat_vma_mmap)
#undef compat_vma_mmap
#define compat_vma_mmap			__MPC_SYM(compat_vma_mmap)

#endif /* _MMAP_PREPARE_COMPAT_STACKING_H */
