/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub (duplicated): the kernel's checked arithmetic, by builtin. */
#ifndef _STUB_LINUX_OVERFLOW_H
#define _STUB_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#endif /* _STUB_LINUX_OVERFLOW_H */
