/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: include/linux/err.h. */
#ifndef _STUB_LINUX_ERR_H
#define _STUB_LINUX_ERR_H

#include <errno.h>
#include <linux/types.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

#endif /* _STUB_LINUX_ERR_H */
