// SPDX-License-Identifier: GPL-2.0
/*
 * Stacked callers, shaped like 7.3's own: a .mmap hook that maps another
 * file with compat_vma_mmap(), and two that call an inner mmap_prepare hook
 * through a function pointer and apply it with __compat_vma_mmap(), as the
 * uio core (info->mmap_prepare) and vmbus (channel->mmap_prepare_ring_buffer)
 * do. The inner hook is the remap device's.
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

/* The inner hook, wired on its own so a file of its own can use it. */
static int mpc_inner_prepare(struct vm_area_desc *desc)
{
	return mpc_remap_prepare(desc);
}

/* One ->mapped table for everything this file's inner hooks install. */
MMAP_PREPARE_COMPAT_MAPPED_TABLE(mpc_stacked_mapped,
				 MMAP_PREPARE_MAPPED_ENTRY(&mpc_vm_ops, mpc_mapped));
MMAP_PREPARE_COMPAT_TRAMPOLINE_TABLE(mpc_inner_prepare, mpc_stacked_mapped);

static const struct file_operations mpc_inner_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(mpc_inner_prepare),
};

/* compat_vma_mmap(): each open file of the device maps an inner file. */
static int mpc_stacked_open(struct inode *inode, struct file *file)
{
	struct file *inner;

	inner = anon_inode_getfile("[mpc_inner]", &mpc_inner_fops, NULL,
				   O_RDWR);
	if (IS_ERR(inner))
		return PTR_ERR(inner);
	file->private_data = inner;
	return 0;
}

static int mpc_stacked_release(struct inode *inode, struct file *file)
{
	fput(file->private_data);
	return 0;
}

static int mpc_stacked_mmap(struct file *file, struct vm_area_struct *vma)
{
	return compat_vma_mmap(file->private_data, vma);
}

/* uio-style: the inner hook is a member of an info structure. */
struct mpc_uio_info {
	int (*mmap_prepare)(struct mpc_uio_info *info,
			    struct vm_area_desc *desc);
};

static int mpc_uio_mmap_prepare(struct mpc_uio_info *info,
				struct vm_area_desc *desc)
{
	return mpc_inner_prepare(desc);
}

static struct mpc_uio_info mpc_uio_info = {
	.mmap_prepare = mpc_uio_mmap_prepare,
};

static int mpc_uio_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_uio_info *info = &mpc_uio_info;
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, mpc_stacked_mapped);
	err = info->mmap_prepare(info, &desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

/*
 * A uio-style caller that forgets MMAP_PREPARE_COMPAT_NESTED(): natively the
 * kernel still calls ->mapped; the compat path cannot find it and says so
 * once in the kernel log.
 */
static int mpc_uio_nonested_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_uio_info *info = &mpc_uio_info;
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	err = info->mmap_prepare(info, &desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

/* vmbus-style: a per-channel hook, installed when the channel opens. */
struct mpc_channel {
	int (*mmap_prepare_ring_buffer)(struct mpc_channel *channel,
					struct vm_area_desc *desc);
};

static int mpc_channel_ring_prepare(struct mpc_channel *channel,
				    struct vm_area_desc *desc)
{
	return mpc_inner_prepare(desc);
}

static int mpc_vmbus_open(struct inode *inode, struct file *file)
{
	struct mpc_channel *channel = kzalloc(sizeof(*channel), GFP_KERNEL);

	if (!channel)
		return -ENOMEM;
	channel->mmap_prepare_ring_buffer = mpc_channel_ring_prepare;
	file->private_data = channel;
	return 0;
}

static int mpc_vmbus_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static int mpc_vmbus_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct mpc_channel *channel = file->private_data;
	struct vm_area_desc desc;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	MMAP_PREPARE_COMPAT_NESTED(&desc, mpc_stacked_mapped);
	err = channel->mmap_prepare_ring_buffer(channel, &desc);
	if (err)
		return err;
	return __compat_vma_mmap(&desc, vma);
}

static const struct file_operations mpc_stacked_fops = {
	.owner = THIS_MODULE,
	.open = mpc_stacked_open,
	.release = mpc_stacked_release,
	.mmap = mpc_stacked_mmap,
};

static const struct file_operations mpc_uio_fops = {
	.owner = THIS_MODULE,
	.mmap = mpc_uio_mmap,
};

static const struct file_operations mpc_uio_nonested_fops = {
	.owner = THIS_MODULE,
	.mmap = mpc_uio_nonested_mmap,
};

static const struct file_operations mpc_vmbus_fops = {
	.owner = THIS_MODULE,
	.open = mpc_vmbus_open,
	.release = mpc_vmbus_release,
	.mmap = mpc_vmbus_mmap,
};

static const struct mpc_example_device mpc_stacked_device_array[] = {
	{ MPC_EXAMPLE_PREFIX "stacked", &mpc_stacked_fops },
	{ MPC_EXAMPLE_PREFIX "uio", &mpc_uio_fops },
	{ MPC_EXAMPLE_PREFIX "uio_nonested", &mpc_uio_nonested_fops },
	{ MPC_EXAMPLE_PREFIX "vmbus", &mpc_vmbus_fops },
};

const struct mpc_example_device_list mpc_stacked_devices = {
	.devs = mpc_stacked_device_array,
	.nr = ARRAY_SIZE(mpc_stacked_device_array),
};
