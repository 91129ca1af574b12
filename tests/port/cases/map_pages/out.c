// SPDX-License-Identifier: GPL-2.0
/*
 * mpc-port test input, written for this test: vm_map_pages() (the pages
 * from vm_pgoff on) and vm_map_pages_zero() (from the first page) over a
 * page array, and a call whose argument has a side effect.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mmap_prepare_compat.h>

#define MAP_PAGES_NR 4

static struct page *map_pages_pages[MAP_PAGES_NR];
static unsigned long map_pages_calls;

static int map_pages_mmap_prepare(struct vm_area_desc *desc)
{
	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT);
	if (desc->pgoff >= MAP_PAGES_NR ||
	    vma_desc_pages(desc) > MAP_PAGES_NR - desc->pgoff)
		return -ENXIO;
	mmap_action_map_kernel_pages_full(desc, map_pages_pages + desc->pgoff);
	return 0;
}

static int map_pages_zero_mmap_prepare(struct vm_area_desc *desc)
{
	if (vma_desc_pages(desc) > MAP_PAGES_NR)
		return -ENXIO;
	mmap_action_map_kernel_pages_full(desc, map_pages_pages);
	return 0;
}

static int map_pages_odd_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vm_map_pages(vma, map_pages_pages, map_pages_calls++);
}

MMAP_PREPARE_COMPAT_TRAMPOLINE(map_pages_mmap_prepare);

static const struct file_operations map_pages_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(map_pages_mmap_prepare),
};

MMAP_PREPARE_COMPAT_TRAMPOLINE(map_pages_zero_mmap_prepare);

static const struct file_operations map_pages_zero_fops = {
	.owner = THIS_MODULE,
	MMAP_PREPARE_HOOK(map_pages_zero_mmap_prepare),
};

static const struct file_operations map_pages_odd_fops = {
	.owner = THIS_MODULE,
	.mmap = map_pages_odd_mmap,
};

static struct miscdevice map_pages_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mp", .fops = &map_pages_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mpz", .fops = &map_pages_zero_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "mpc_port_mpo", .fops = &map_pages_odd_fops },
};

static int __init map_pages_init(void)
{
	int i, err;

	for (i = 0; i < ARRAY_SIZE(map_pages_misc); i++) {
		err = misc_register(&map_pages_misc[i]);
		if (err) {
			while (i--)
				misc_deregister(&map_pages_misc[i]);
			return err;
		}
	}
	return 0;
}

static void __exit map_pages_exit(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(map_pages_misc); i++)
		misc_deregister(&map_pages_misc[i]);
}

module_init(map_pages_init);
module_exit(map_pages_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mpc-port test case map_pages");
