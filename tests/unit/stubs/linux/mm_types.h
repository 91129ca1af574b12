/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userland stub: struct vm_area_struct and friends, with the members the
 * compat layer and old kernels' mmap path use. From 6.3 vm_flags is a const
 * view of __vm_flags, so a direct write does not compile, as in the kernel.
 */
#ifndef _STUB_LINUX_MM_TYPES_H
#define _STUB_LINUX_MM_TYPES_H

#include <linux/types.h>
#include <mpc_stub_kernel.h>

struct file;
struct vm_fault;

struct mm_struct {
	int id;
};

struct page {
	unsigned long index;
};

typedef struct {
	unsigned long pgprot;
} pgprot_t;

#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t){ (x) })

struct vm_area_struct;

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	const char *(*name)(struct vm_area_struct *vma);
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
#if STUB_LINUX_VERSION >= 603
	union {
		const vm_flags_t vm_flags;
		vm_flags_t __vm_flags;
	};
#else
	vm_flags_t vm_flags;
#endif
	const struct vm_operations_struct *vm_ops;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
};

#endif /* _STUB_LINUX_MM_TYPES_H */
