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

#endif /* _STUB_LINUX_KERNEL_H */
