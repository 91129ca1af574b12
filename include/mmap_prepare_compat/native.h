/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native path: the kernel has the whole 7.2+ mmap_prepare API. Every name a
 * driver uses is the kernel's own; the hook macros become plain member
 * initialisers and nothing of the compat layer is compiled in. The
 * trampoline and table lines define one constant each, which
 * MMAP_PREPARE_HOOK() and MMAP_PREPARE_COMPAT_NESTED() name, so a driver
 * that forgets a line learns it on this kernel too, not on its users' old
 * ones.
 */
#ifndef _MMAP_PREPARE_COMPAT_NATIVE_H
#define _MMAP_PREPARE_COMPAT_NATIVE_H

/* In a struct file_operations initialiser: the mmap_prepare hook. */
#define MMAP_PREPARE_HOOK(fn)						\
	.mmap_prepare = __builtin_choose_expr(__mpc_wired_##fn, (fn), (fn))

/* In a struct vm_operations_struct initialiser, without a trailing comma. */
#define MMAP_PREPARE_MAPPED(fn)		.mapped = (fn),

/* Compat-only declarations: only the names exist on the native path. */
#define MMAP_PREPARE_MAPPED_ENTRY(ops, fn)
#define MMAP_PREPARE_COMPAT_MAPPED_TABLE(name, ...)			\
	enum { __mpc_mapped_##name = 1 }
#define MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(fn, name)			\
	enum { __mpc_wired_##fn = sizeof(__mpc_mapped_##name) }
#define MMAP_PREPARE_COMPAT_TRAMPOLINE(fn, ...)				\
	MMAP_PREPARE_COMPAT_MAPPED_TABLE(fn);				\
	MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(fn, fn)
#define MMAP_PREPARE_COMPAT_NESTED(desc, name)				\
	do {								\
		(void)(desc);						\
		(void)__mpc_mapped_##name;				\
	} while (0)

/* The names of 0.1, kept as aliases for one release. */
#define VM_OP_MAPPED(fn)		MMAP_PREPARE_MAPPED(fn)
#define VM_OPS_MAPPED_ENTRY(ops, fn)	MMAP_PREPARE_MAPPED_ENTRY(ops, fn)

#endif /* _MMAP_PREPARE_COMPAT_NATIVE_H */
