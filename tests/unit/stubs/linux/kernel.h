/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: the bits of include/linux/kernel.h the compat layer uses. */
#ifndef _STUB_LINUX_KERNEL_H
#define _STUB_LINUX_KERNEL_H

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/types.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))

/* A one-time log line: counted as a warning of its call site. */
#define pr_warn_once(fmt, ...)	((void)__STUB_WARN(1, true))

#endif /* _STUB_LINUX_KERNEL_H */
