/* SPDX-License-Identifier: GPL-2.0 */
/* Userland stub: file references, counted and checked in stub.c. */
#ifndef _STUB_LINUX_FILE_H
#define _STUB_LINUX_FILE_H

#include <linux/fs.h>

struct file *get_file(struct file *f);
void fput(struct file *f);

#endif /* _STUB_LINUX_FILE_H */
