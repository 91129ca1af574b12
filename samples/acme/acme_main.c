// SPDX-License-Identifier: GPL-2.0
/*
 * acme_mmap - a third-party driver as a vendor would write it against the
 * Linux 7.3 mmap_prepare API: one misc device whose mmap_prepare hook remaps
 * a kernel buffer with mmap_action_remap_full(). It uses nothing of
 * mmap-prepare-compat but <linux/mmap_prepare_compat.h> and the Kbuild
 * fragment, and builds shared or embedded (see Kbuild). Its own header,
 * acme.h, names the API too, and comes after the package's.
 */
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/mmap_prepare_compat.h>

#include "acme.h"

#define ACME_PAGES	4
#define ACME_FILL	0xac	/* every byte of the buffer */

static unsigned long acme_buf;

int acme_mmap_prepare(struct vm_area_desc *desc)
{
	unsigned long pages = (desc->end - desc->start) >> PAGE_SHIFT;

	if (desc->pgoff >= ACME_PAGES || pages > ACME_PAGES - desc->pgoff)
		return -EINVAL;
	mmap_action_remap_full(desc, page_to_pfn(virt_to_page((void *)acme_buf)) +
			       desc->pgoff);
	return 0;
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(acme_mmap_prepare);

static const struct file_operations acme_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(acme_mmap_prepare),
};

static struct miscdevice acme_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KBUILD_MODNAME,
	.fops = &acme_fops,
};

static int __init acme_init(void)
{
	int err;

	acme_buf = __get_free_pages(GFP_KERNEL | __GFP_ZERO, get_order(ACME_PAGES * PAGE_SIZE));
	if (!acme_buf)
		return -ENOMEM;
	memset((void *)acme_buf, ACME_FILL, ACME_PAGES * PAGE_SIZE);
	err = misc_register(&acme_misc);
	if (err)
		free_pages(acme_buf, get_order(ACME_PAGES * PAGE_SIZE));
	return err;
}

static void __exit acme_exit(void)
{
	misc_deregister(&acme_misc);
	free_pages(acme_buf, get_order(ACME_PAGES * PAGE_SIZE));
}

module_init(acme_init);
module_exit(acme_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("third-party mmap_prepare driver (mmap-prepare-compat test)");
