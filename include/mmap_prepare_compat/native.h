/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Native path: the kernel has the whole 7.2+ mmap_prepare API. Every name a
 * driver uses is the kernel's own; the hook macros become plain member
 * initialisers and nothing of the compat layer is compiled in.
 */
#ifndef _MMAP_PREPARE_COMPAT_NATIVE_H
#define _MMAP_PREPARE_COMPAT_NATIVE_H

/* In a struct file_operations initialiser: the mmap_prepare hook. */
#define MMAP_PREPARE_HOOK(fn)		.mmap_prepare = (fn)

/* In a struct vm_operations_struct initialiser, without a trailing comma. */
#define VM_OP_MAPPED(fn)		.mapped = (fn),

/* Compat-only declarations: nothing to define on the native path. */
#define VM_OPS_MAPPED_ENTRY(ops, fn)
#define MMAP_PREPARE_COMPAT_TRAMPOLINE(fn, ...) \
	struct __mpc_native_trampoline_##fn
#define MMAP_PREPARE_COMPAT_NESTED(desc, fn)	do { (void)(desc); (void)(fn); } while (0)

#endif /* _MMAP_PREPARE_COMPAT_NATIVE_H */
