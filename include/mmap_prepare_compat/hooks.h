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
 *				       VM_OPS_MAPPED_ENTRY(&foo_vm_ops, foo_mapped));
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

/**
 * MMAP_PREPARE_HOOK - wire a mmap_prepare hook into a struct file_operations
 * @fn: the driver's mmap_prepare hook, which takes a struct vm_area_desc
 *	pointer and returns 0 or a negative errno
 *
 * Used as a member initialiser. Native path: .mmap_prepare = @fn. Compat
 * path: .mmap = the trampoline MMAP_PREPARE_COMPAT_TRAMPOLINE(@fn) defined.
 */
#define MMAP_PREPARE_HOOK(fn)		.mmap = __mpc_mmap_##fn

/**
 * VM_OP_MAPPED - wire a ->mapped hook into a struct vm_operations_struct
 * @fn: the ->mapped hook; it gets the VMA's start, end, page offset and
 *	file, may store per-mapping state through its vm_private_data
 *	argument, and returns 0 or a negative errno
 *
 * Used as a member initialiser, without a trailing comma. Native path:
 * .mapped = @fn. Kernels before 7.1 have no ->mapped member, so on the compat
 * path this expands to nothing and the hook is listed with
 * VM_OPS_MAPPED_ENTRY() in MMAP_PREPARE_COMPAT_TRAMPOLINE() instead; a hook
 * listed nowhere draws an "unused function" warning.
 */
#define VM_OP_MAPPED(fn)

/**
 * VM_OPS_MAPPED_ENTRY - a vm_operations_struct and its ->mapped hook
 * @ops: pointer to the operations a mmap_prepare hook may install
 * @fn: the ->mapped hook of @ops
 *
 * An optional argument of MMAP_PREPARE_COMPAT_TRAMPOLINE().
 */
#define VM_OPS_MAPPED_ENTRY(ops, fn)	{ .vm_ops = (ops), .mapped = (fn) }

/**
 * MMAP_PREPARE_COMPAT_TRAMPOLINE - define the .mmap trampoline of a hook
 * @fn: the driver's mmap_prepare hook
 * @...: VM_OPS_MAPPED_ENTRY()s, one for every vm_operations_struct with a
 *	->mapped hook that @fn may install in desc->vm_ops
 *
 * At file scope, after @fn and before the file_operations that use it. The
 * native path defines nothing.
 */
#define MMAP_PREPARE_COMPAT_TRAMPOLINE(fn, ...)				\
	static const struct __mpc_mapped_entry __mpc_mapped_##fn[] = {	\
		__VA_ARGS__						\
	};								\
	static int __maybe_unused __mpc_mmap_##fn(struct file *file,	\
						  struct vm_area_struct *vma) \
	{								\
		return __mpc_mmap_prepare_trampoline(file, vma, fn,	\
			__mpc_mapped_##fn, ARRAY_SIZE(__mpc_mapped_##fn)); \
	}								\
	struct __mpc_trampoline_##fn

/**
 * MMAP_PREPARE_COMPAT_NESTED - give a stacked descriptor its ->mapped table
 * @desc: a descriptor from compat_set_desc_from_vma()
 * @fn: the inner mmap_prepare hook the caller runs on @desc
 *
 * For a stacked caller, after compat_set_desc_from_vma() and before calling
 * @fn directly: hands @desc the ->mapped table that
 * MMAP_PREPARE_COMPAT_TRAMPOLINE(@fn, ...) declared, so __compat_vma_mmap()
 * finds the hook. The native path does nothing.
 */
#define MMAP_PREPARE_COMPAT_NESTED(desc, fn)				\
	do {								\
		struct __mpc_mmap_action *__action = &(desc)->action;	\
									\
		__action->__mpc_mapped = __mpc_mapped_##fn;		\
		__action->__mpc_nr_mapped = ARRAY_SIZE(__mpc_mapped_##fn); \
	} while (0)

#endif /* _MMAP_PREPARE_COMPAT_HOOKS_H */
