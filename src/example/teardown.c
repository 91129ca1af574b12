// SPDX-License-Identifier: GPL-2.0
/*
 * A remap whose ->mapped always fails and whose ->close frees the page it
 * mapped: the order of teardown becomes visible to user space. Upstream
 * (7.3) zaps the mapping's page tables before it calls ->close, so a second
 * thread that reads the address while mmap() fails sees the page (before the
 * zap) or a fault, never the freed page. Both callbacks sleep to give that
 * thread the CPU at the interesting moments.
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

#define MPC_TEARDOWN_LIVE	0xa5	/* the page while it is mapped */
#define MPC_TEARDOWN_FREED	0x6b	/* written just before it is freed */
#define MPC_TEARDOWN_MS		20

/* One page per open file, owned by the VMA once one has been set up. */
struct mpc_teardown {
	struct page *page;
};

static int mpc_teardown_open(struct inode *inode, struct file *file)
{
	struct mpc_teardown *td = kzalloc(sizeof(*td), GFP_KERNEL);

	if (!td)
		return -ENOMEM;
	td->page = alloc_page(GFP_KERNEL);
	if (!td->page) {
		kfree(td);
		return -ENOMEM;
	}
	memset(page_address(td->page), MPC_TEARDOWN_LIVE, PAGE_SIZE);
	file->private_data = td;
	return 0;
}

static int mpc_teardown_release(struct inode *inode, struct file *file)
{
	struct mpc_teardown *td = file->private_data;

	if (td->page)
		__free_page(td->page);
	kfree(td);
	return 0;
}

static int mpc_teardown_mapped(unsigned long start, unsigned long end,
			       pgoff_t pgoff, const struct file *file,
			       void **vm_private_data)
{
	msleep(MPC_TEARDOWN_MS);
	return -ENOMEM;
}

static void mpc_teardown_close(struct vm_area_struct *vma)
{
	struct mpc_teardown *td = vma->vm_private_data;

	if (td && td->page) {
		memset(page_address(td->page), MPC_TEARDOWN_FREED, PAGE_SIZE);
		__free_page(td->page);
		td->page = NULL;
	}
	msleep(MPC_TEARDOWN_MS);
}

static const struct vm_operations_struct mpc_teardown_vm_ops = {
	.close = mpc_teardown_close,
	MMAP_PREPARE_MAPPED(mpc_teardown_mapped)
};

static int mpc_teardown_prepare(struct vm_area_desc *desc)
{
	struct mpc_teardown *td = desc->file->private_data;

	if (!td->page)
		return -EBUSY;
	if (desc->pgoff || vma_desc_pages(desc) != 1)
		return -EINVAL;
	desc->vm_ops = &mpc_teardown_vm_ops;
	desc->private_data = td;
	mmap_action_remap_full(desc, page_to_pfn(td->page));
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(mpc_teardown_prepare,
			       MMAP_PREPARE_MAPPED_ENTRY(&mpc_teardown_vm_ops,
							 mpc_teardown_mapped));

static const struct file_operations mpc_teardown_fops = {
	.owner = THIS_MODULE,
	.open = mpc_teardown_open,
	.release = mpc_teardown_release,
	MMAP_PREPARE_HOOK(mpc_teardown_prepare),
};

static const struct mpc_example_device mpc_teardown_device_array[] = {
	{ MPC_EXAMPLE_PREFIX "teardown", &mpc_teardown_fops },
};

const struct mpc_example_device_list mpc_teardown_devices = {
	.devs = mpc_teardown_device_array,
	.nr = ARRAY_SIZE(mpc_teardown_device_array),
};
