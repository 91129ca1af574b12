/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: the 7.3 types of the mmap_prepare API (include/linux/mm_types.h
 * in 7.3), under private names. The upstream names are macros that resolve to
 * them, so a kernel with a partial native API (6.16 - 7.1) never clashes.
 */
#ifndef _MMAP_PREPARE_COMPAT_TYPES_H
#define _MMAP_PREPARE_COMPAT_TYPES_H

#include <linux/bitmap.h>
#include <linux/types.h>

/* One VMA flag, by bit number (7.3: vma_flag_t). */
typedef int __bitwise __mpc_vma_flag_t;

#define __MPC_NUM_VMA_FLAG_BITS	BITS_PER_LONG

/* The VMA flags as a bitmap; word 0 is the kernel's vm_flags (7.3: vma_flags_t). */
typedef struct {
	DECLARE_BITMAP(__vma_flags, __MPC_NUM_VMA_FLAG_BITS);
} __mpc_vma_flags_t;

/* What to do after the mmap_prepare hook (7.3: enum mmap_action_type). */
enum __mpc_mmap_action_type {
	__MPC_MMAP_NOTHING,		/* Mapping is complete, no further action. */
	__MPC_MMAP_REMAP_PFN,		/* Remap PFN range. */
	__MPC_MMAP_IO_REMAP_PFN,	/* I/O remap PFN range. */
	__MPC_MMAP_SIMPLE_IO_REMAP,	/* I/O remap with guardrails. */
	__MPC_MMAP_MAP_KERNEL_PAGES,	/* Map kernel page range from array. */
};

/**
 * struct __mpc_mapped_entry - a vm_operations_struct and its ->mapped hook
 * @vm_ops: the operations a mmap_prepare hook may install in desc->vm_ops
 * @mapped: the ->mapped hook of @vm_ops (7.1+: vm_operations_struct.mapped)
 *
 * Kernels before 7.1 have no vm_operations_struct.mapped, so the compat layer
 * keeps the hook beside the operations; see VM_OPS_MAPPED_ENTRY().
 */
struct __mpc_mapped_entry {
	const struct vm_operations_struct *vm_ops;
	int (*mapped)(unsigned long start, unsigned long end, pgoff_t pgoff,
		      const struct file *file, void **vm_private_data);
};

/* 7.3: struct mmap_action. The members after hide_from_rmap are private. */
struct __mpc_mmap_action {
	union {
		/* Remap range. */
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
			pgprot_t pgprot;
		} remap;
		/* I/O remap range. */
		struct {
			phys_addr_t start_phys_addr;
			unsigned long size;
		} simple_ioremap;
		/* Map kernel pages. */
		struct {
			unsigned long start;
			struct page **pages;
			unsigned long nr_pages;
			pgoff_t pgoff;
		} map_kernel;
	};
	enum __mpc_mmap_action_type type;
	/* If specified, this error replaces that of a failed action. */
	int error_override;
	/* Accepted for source compatibility; the compat path ignores it. */
	bool hide_from_rmap_until_complete :1;

	/* Private to the compat layer: the ->mapped hooks of this mapping. */
	const struct __mpc_mapped_entry *__mpc_mapped;
	unsigned int __mpc_nr_mapped;
};

/* 7.3: struct vm_area_desc, member for member. */
struct __mpc_vm_area_desc {
	/* Immutable state. */
	struct mm_struct *mm;
	struct file *file; /* May vary from vm_file in stacked callers. */
	unsigned long start;
	unsigned long end;

	/* Mutable fields. Populated with initial state. */
	pgoff_t pgoff;
	struct file *vm_file;
	__mpc_vma_flags_t vma_flags;
	pgprot_t page_prot;

	/* Write-only fields. */
	const struct vm_operations_struct *vm_ops;
	void *private_data;

	/* Take further action? */
	struct __mpc_mmap_action action;
};

/* The upstream names. */
#undef vm_area_desc
#define vm_area_desc			__mpc_vm_area_desc
#undef mmap_action
#define mmap_action			__mpc_mmap_action
#undef mmap_action_type
#define mmap_action_type		__mpc_mmap_action_type
#undef vma_flag_t
#define vma_flag_t			__mpc_vma_flag_t
#undef vma_flags_t
#define vma_flags_t			__mpc_vma_flags_t

#undef MMAP_NOTHING
#undef MMAP_REMAP_PFN
#undef MMAP_IO_REMAP_PFN
#undef MMAP_SIMPLE_IO_REMAP
#undef MMAP_MAP_KERNEL_PAGES
#undef MMAP_NOTHING
#define MMAP_NOTHING			__MPC_MMAP_NOTHING
#undef MMAP_REMAP_PFN
#define MMAP_REMAP_PFN			__MPC_MMAP_REMAP_PFN
#undef MMAP_IO_REMAP_PFN
#define MMAP_IO_REMAP_PFN		__MPC_MMAP_IO_REMAP_PFN
#undef MMAP_SIMPLE_IO_REMAP
#define MMAP_SIMPLE_IO_REMAP		__MPC_MMAP_SIMPLE_IO_REMAP
#undef MMAP_MAP_KERNEL_PAGES
#define MMAP_MAP_KERNEL_PAGES		__MPC_MMAP_MAP_KERNEL_PAGES

#undef NUM_VMA_FLAG_BITS
#define NUM_VMA_FLAG_BITS		__MPC_NUM_VMA_FLAG_BITS
#undef EMPTY_VMA_FLAGS
#define EMPTY_VMA_FLAGS			((__mpc_vma_flags_t){ })

#endif /* _MMAP_PREPARE_COMPAT_TYPES_H */
