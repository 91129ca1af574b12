/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: struct file with a plain reference count, file_operations. */
#ifndef _STUB_LINUX_FS_H
#define _STUB_LINUX_FS_H

#include <linux/types.h>

struct file;
struct module;
struct vm_area_struct;

#define THIS_MODULE	((struct module *)0)

struct file_operations {
	struct module *owner;
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
};

struct file {
	long f_count;
	const struct file_operations *f_op;
	const char *name;
};

#endif /* _STUB_LINUX_FS_H */
