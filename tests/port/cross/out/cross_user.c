// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: a file_operations whose .mmap
 * hook is defined in another file (cross_impl.c) and declared in a header
 * (cross_impl.h), as fs/ceph/file.c's ceph_mmap() (fs/ceph/addr.c) and
 * fs/ocfs2/file.c's ocfs2_mmap() (fs/ocfs2/mmap.c) are. Given the three
 * files, mpc-port converts the hook where it is defined, renames it in the
 * header and wires it here.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

#include "cross_impl.h"

MMAP_PREPARE_COMPAT_TRAMPOLINE(cross_mmap_prepare);

static const struct file_operations cross_fops = {
	.owner		= THIS_MODULE,
	MMAP_PREPARE_HOOK(cross_mmap_prepare),
};

const struct file_operations *cross_user_fops = &cross_fops;

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test: a hook converted across two files");
