// SPDX-License-Identifier: GPL-2.0
/*
 * Example driver for mmap-prepare-compat: module setup, the kernel buffer,
 * the ivshmem BAR and the misc devices.
 */
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <linux/mmap_prepare_compat.h>

#include "mpc_example.h"

#define MPC_IVSHMEM_VENDOR	0x1af4
#define MPC_IVSHMEM_DEVICE	0x1110
#define MPC_IVSHMEM_BAR		2

struct mpc_example mpc_example;

static const struct mpc_example_device_list *const mpc_device_files[] = {
	&mpc_action_devices,
	&mpc_merge_devices,
	&mpc_teardown_devices,
	&mpc_stacked_devices,
};

static struct miscdevice mpc_miscdevs[24];
static unsigned int mpc_nr_miscdevs;

/* Sixteen physically contiguous pages, each with its own reference. */
static int mpc_alloc_buffer(void)
{
	struct page *page;
	int i;

	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, MPC_EXAMPLE_ORDER);
	if (!page)
		return -ENOMEM;
	split_page(page, MPC_EXAMPLE_ORDER);

	mpc_example.pfn = page_to_pfn(page);
	for (i = 0; i < MPC_EXAMPLE_PAGES; i++) {
		mpc_example.pages[i] = page + i;
		memset(page_address(page + i), i + 1, PAGE_SIZE);
	}

	/* A slab page cannot be inserted into a user mapping: -EINVAL. */
	mpc_example.slab_buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!mpc_example.slab_buf) {
		for (i = 0; i < MPC_EXAMPLE_PAGES; i++)
			__free_page(mpc_example.pages[i]);
		return -ENOMEM;
	}
	memcpy(mpc_example.bad_pages, mpc_example.pages,
	       sizeof(mpc_example.bad_pages));
	mpc_example.bad_pages[0] = virt_to_page(mpc_example.slab_buf);
	return 0;
}

static void mpc_free_buffer(void)
{
	int i;

	kfree(mpc_example.slab_buf);
	for (i = 0; i < MPC_EXAMPLE_PAGES; i++)
		__free_page(mpc_example.pages[i]);
}

/* BAR 2 of the first ivshmem device, if there is one. */
static void mpc_find_bar(void)
{
	struct pci_dev *pdev;

	pdev = pci_get_device(MPC_IVSHMEM_VENDOR, MPC_IVSHMEM_DEVICE, NULL);
	if (!pdev)
		return;
	if (pci_enable_device_mem(pdev)) {
		pci_dev_put(pdev);
		return;
	}
	mpc_example.pdev = pdev;
	mpc_example.bar_phys = pci_resource_start(pdev, MPC_IVSHMEM_BAR);
	mpc_example.bar_len = pci_resource_len(pdev, MPC_IVSHMEM_BAR);
	pr_info("%sexample: ivshmem BAR %d at %pa, %lu bytes\n",
		MPC_EXAMPLE_PREFIX, MPC_IVSHMEM_BAR, &mpc_example.bar_phys,
		mpc_example.bar_len);
}

static void mpc_put_bar(void)
{
	if (!mpc_example.pdev)
		return;
	pci_disable_device(mpc_example.pdev);
	pci_dev_put(mpc_example.pdev);
}

static void mpc_unregister(void)
{
	while (mpc_nr_miscdevs)
		misc_deregister(&mpc_miscdevs[--mpc_nr_miscdevs]);
}

static int mpc_register(const struct mpc_example_device *dev)
{
	struct miscdevice *misc = &mpc_miscdevs[mpc_nr_miscdevs];
	int err;

	if (WARN_ON(mpc_nr_miscdevs >= ARRAY_SIZE(mpc_miscdevs)))
		return -EINVAL;
	misc->minor = MISC_DYNAMIC_MINOR;
	misc->name = dev->name;
	misc->fops = dev->fops;
	misc->mode = 0666;
	err = misc_register(misc);
	if (!err)
		mpc_nr_miscdevs++;
	return err;
}

static int __init mpc_example_init(void)
{
	unsigned int f, i;
	int err;

	err = mpc_alloc_buffer();
	if (err)
		return err;
	mpc_find_bar();

	for (f = 0; f < ARRAY_SIZE(mpc_device_files); f++) {
		for (i = 0; i < mpc_device_files[f]->nr; i++) {
			err = mpc_register(&mpc_device_files[f]->devs[i]);
			if (err)
				goto err_unregister;
		}
	}

	err = mpc_example_debugfs_init();
	if (err)
		goto err_unregister;
	return 0;

err_unregister:
	mpc_unregister();
	mpc_put_bar();
	mpc_free_buffer();
	return err;
}

static void __exit mpc_example_exit(void)
{
	mpc_example_debugfs_exit();
	mpc_unregister();
	mpc_put_bar();
	mpc_free_buffer();
}

module_init(mpc_example_init);
module_exit(mpc_example_exit);

MODULE_DESCRIPTION("Example driver for mmap-prepare-compat: every mmap action");
MODULE_LICENSE("GPL");
