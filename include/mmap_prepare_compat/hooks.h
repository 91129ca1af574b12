/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compat path: how a mmap_prepare hook and a ->mapped hook are wired into a
 * driver on a kernel that lacks file_operations.mmap_prepare (before 6.16) or
 * whose native API is incomplete (6.16 - 7.1).
 *
 *	static const struct vm_operations_struct foo_vm_ops = {
 *		.close = foo_close,
 *		MMAP_PREPARE_MAPPED(foo_mapped)
 *	};
 *
 *	MMAP_PREPARE_COMPAT_TRAMPOLINE(foo_mmap_prepare,
 *		MMAP_PREPARE_MAPPED_ENTRY(&foo_vm_ops, foo_mapped));
 *
 *	static const struct file_operations foo_fops = {
 *		.owner = THIS_MODULE,
 *		MMAP_PREPARE_HOOK(foo_mmap_prepare),
 *	};
 *
 * A driver with several hooks, or a stacked caller whose inner hook is a
 * function pointer, declares one named table instead and hands it to each
 * trampoline and nested call:
 *
 *	MMAP_PREPARE_COMPAT_MAPPED_TABLE(foo_mapped_table,
 *		MMAP_PREPARE_MAPPED_ENTRY(&foo_vm_ops, foo_mapped));
 *	MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(foo_mmap_prepare, foo_mapped_table);
 *
 * On the native path the same lines become .mapped = foo_mapped and
 * .mmap_prepare = foo_mmap_prepare, and the trampoline and table lines
 * define only a constant that MMAP_PREPARE_HOOK() checks, so a forgotten
 * trampoline line fails to compile on every kernel.
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
 * Without that trampoline line, both fail to compile.
 */
#define MMAP_PREPARE_HOOK(fn)		.mmap = __mpc_mmap_##fn

/**
 * MMAP_PREPARE_MAPPED - wire a ->mapped hook into a struct vm_operations_struct
 * @fn: the ->mapped hook; it gets the VMA's start, end, page offset and
 *	file, may store per-mapping state through its vm_private_data
 *	argument, and returns 0 or a negative errno
 *
 * Used as a member initialiser, without a trailing comma. Native path:
 * .mapped = @fn. Kernels before 7.1 have no ->mapped member, so on the compat
 * path this expands to nothing and the hook is listed with
 * MMAP_PREPARE_MAPPED_ENTRY() in a ->mapped table instead; a static hook
 * listed nowhere draws an "unused function" warning.
 */
#define MMAP_PREPARE_MAPPED(fn)

/**
 * MMAP_PREPARE_MAPPED_ENTRY - a vm_operations_struct and its ->mapped hook
 * @ops: pointer to the operations a mmap_prepare hook may install
 * @fn: the ->mapped hook of @ops
 *
 * An entry of MMAP_PREPARE_COMPAT_MAPPED_TABLE() or of the optional list of
 * MMAP_PREPARE_COMPAT_TRAMPOLINE().
 */
#define MMAP_PREPARE_MAPPED_ENTRY(ops, fn) { .vm_ops = (ops), .mapped = (fn) }

/**
 * MMAP_PREPARE_COMPAT_MAPPED_TABLE - name the ->mapped hooks of a driver
 * @name: the table's name, for MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE() and
 *	MMAP_PREPARE_COMPAT_NESTED()
 * @...: MMAP_PREPARE_MAPPED_ENTRY()s, one for every vm_operations_struct
 *	with a ->mapped hook that the driver's mmap_prepare hooks may install
 *
 * At file scope, before its users. One table per driver is enough: an
 * entry is found by the vm_ops the hook installed. The native path defines
 * nothing but the name.
 */
#define MMAP_PREPARE_COMPAT_MAPPED_TABLE(name, ...)			\
	static const struct __mpc_mapped_entry __mpc_mapped_##name[] = {	\
		__VA_ARGS__						\
	}

/**
 * MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE - define the .mmap trampoline of a hook
 * @fn: the driver's mmap_prepare hook
 * @name: the MMAP_PREPARE_COMPAT_MAPPED_TABLE() of the driver
 *
 * At file scope, after @fn and the table and before the file_operations
 * that use @fn. The native path defines only a constant.
 */
#define MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(fn, name)			\
	static int __maybe_unused __mpc_mmap_##fn(struct file *file,	\
						  struct vm_area_struct *vma) \
	{								\
		return __mpc_mmap_prepare_trampoline(file, vma, fn,	\
			__mpc_mapped_##name, ARRAY_SIZE(__mpc_mapped_##name)); \
	}								\
	struct __mpc_trampoline_##fn

/**
 * MMAP_PREPARE_COMPAT_TRAMPOLINE - define the .mmap trampoline of a hook
 * @fn: the driver's mmap_prepare hook
 * @...: MMAP_PREPARE_MAPPED_ENTRY()s, one for every vm_operations_struct
 *	with a ->mapped hook that @fn may install in desc->vm_ops
 *
 * At file scope, after @fn and before the file_operations that use it.
 * Declares a ->mapped table named @fn, which MMAP_PREPARE_COMPAT_NESTED()
 * accepts too. The native path defines only constants.
 */
#define MMAP_PREPARE_COMPAT_TRAMPOLINE(fn, ...)				\
	MMAP_PREPARE_COMPAT_MAPPED_TABLE(fn, __VA_ARGS__);		\
	MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(fn, fn)

/**
 * MMAP_PREPARE_COMPAT_NESTED - give a stacked descriptor its ->mapped table
 * @desc: a descriptor from compat_set_desc_from_vma()
 * @name: a MMAP_PREPARE_COMPAT_MAPPED_TABLE(), or a hook wired with
 *	MMAP_PREPARE_COMPAT_TRAMPOLINE() (its table bears its name)
 *
 * For a stacked caller, after compat_set_desc_from_vma() and before calling
 * the inner mmap_prepare hook, named or through a function pointer: hands
 * @desc the table in which __compat_vma_mmap() looks up the ->mapped hook of
 * the vm_ops the inner hook installs. A stacked caller that skips this and
 * whose inner hook installs vm_ops gets a one-time kernel warning, since a
 * ->mapped hook of those vm_ops would not run. The native path does nothing.
 */
#define MMAP_PREPARE_COMPAT_NESTED(desc, name)				\
	do {								\
		struct __mpc_mmap_action *__action = &(desc)->action;	\
									\
		__action->__mpc_mapped = __mpc_mapped_##name;		\
		__action->__mpc_nr_mapped = ARRAY_SIZE(__mpc_mapped_##name); \
	} while (0)

/* The names of 0.1, kept as aliases for one release. */
#define VM_OP_MAPPED(fn)		MMAP_PREPARE_MAPPED(fn)
#define VM_OPS_MAPPED_ENTRY(ops, fn)	MMAP_PREPARE_MAPPED_ENTRY(ops, fn)

#endif /* _MMAP_PREPARE_COMPAT_HOOKS_H */
