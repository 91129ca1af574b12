/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: how a mmap_prepare hook and a ->mapped hook are wired into a
 * driver on a kernel that lacks file_operations.mmap_prepare (before 6.16) or
 * whose native API is incomplete (6.16 - 7.1).
 *
 *	static const struct vm_operations_struct foo_vm_ops = {
 *		.close = foo_close,
 *		VM_OP_MAPPED(foo_mapped)
 *	};
 *
 *	MMAP_PREPARE_COMPAT_TRAMPOLINE(foo_mmap_prepare,
 *		VM_OPS_MAPPED_ENTRY(&foo_vm_ops, foo_mapped));
 *
 *	static const struct file_operations foo_fops = {
 *		.owner = THIS_MODULE,
 *		MMAP_PREPARE_HOOK(foo_mmap_prepare),
 *	};
 *
 * On the native path the same lines become .mapped = foo_mapped and
 * .mmap_prepare = foo_mmap_prepare, and the trampoline line defines nothing.
 */
#ifndef _MMAP_PREPARE_COMPAT_HOOKS_H
#define _MMAP_PREPARE_COMPAT_HOOKS_H

#include <linux/kernel.h>
#include <mmap_prepare_compat/stacking.h>

/* In a struct file_operations initialiser: .mmap = the trampoline of @fn. */
#undef MMAP_PREPARE_HOOK
#define MMAP_PREPARE_HOOK(fn)		.mmap = __mpc_mmap_##fn

/*
 * In a struct vm_operations_struct initialiser, without a trailing comma.
 * Kernels before 7.1 have no ->mapped member: the hook is listed with
 * VM_OPS_MAPPED_ENTRY() in MMAP_PREPARE_COMPAT_TRAMPOLINE() instead. A hook
 * that is listed nowhere draws an "unused function" warning here.
 */
#undef VM_OP_MAPPED
#define VM_OP_MAPPED(fn)

/* One vm_operations_struct with its ->mapped hook. */
#undef VM_OPS_MAPPED_ENTRY
#define VM_OPS_MAPPED_ENTRY(ops, fn)	{ .vm_ops = (ops), .mapped = (fn) }

/*
 * Define the .mmap trampoline for the mmap_prepare hook @fn. The optional
 * arguments are VM_OPS_MAPPED_ENTRY()s: every vm_operations_struct with a
 * ->mapped hook that @fn may install in desc->vm_ops.
 */
#undef MMAP_PREPARE_COMPAT_TRAMPOLINE
#define MMAP_PREPARE_COMPAT_TRAMPOLINE(fn, ...)				\
	static const struct __mpc_mapped_entry __mpc_mapped_##fn[] = {	\
		__VA_ARGS__						\
	};								\
	static int __mpc_mmap_##fn(struct file *file,			\
				   struct vm_area_struct *vma)		\
	{								\
		return __mpc_mmap_prepare_trampoline(file, vma, fn,	\
			__mpc_mapped_##fn, ARRAY_SIZE(__mpc_mapped_##fn)); \
	}								\
	struct __mpc_trampoline_##fn

/*
 * For a stacked caller: after compat_set_desc_from_vma(), before calling the
 * inner hook @fn directly, give the descriptor the ->mapped table that
 * MMAP_PREPARE_COMPAT_TRAMPOLINE(@fn, ...) declared.
 */
#undef MMAP_PREPARE_COMPAT_NESTED
#define MMAP_PREPARE_COMPAT_NESTED(desc, fn)				\
	do {								\
		(desc)->action.__mpc_mapped = __mpc_mapped_##fn;	\
		(desc)->action.__mpc_nr_mapped =			\
			ARRAY_SIZE(__mpc_mapped_##fn);			\
	} while (0)

#endif /* _MMAP_PREPARE_COMPAT_HOOKS_H */
